/**
 * The layout's charts as DrawingML: a bar chart part per chart and a drawing part per sheet that
 * anchors them. Series are the source block's columns after the first, categories its first
 * column, with the values cached for readers that do not compute.
 */
import { cellPosition, columnLetter } from '../engine';
import type { ChartLayout, LayoutValue, SheetLayout } from '../layout/model';
import { rowsOf } from '../layout/rows';

import { ACCENTS } from './theme';
import { esc, NS, XML_HEAD } from './xml';

/**
 * A series' own colour, the theme's accent of its place as Excel picks it, written out: a reader
 * that does not apply the theme (LibreOffice, for one) draws no bars for a series without a fill.
 */
function seriesLook(idx: number, line: boolean): string {
  const fill = `<a:solidFill><a:srgbClr val="${ACCENTS[idx % ACCENTS.length]}"/></a:solidFill>`;
  return line ? `<c:spPr><a:ln w="28575" cap="rnd">${fill}<a:round/></a:ln></c:spPr>` : `<c:spPr>${fill}</c:spPr>`;
}

/** A line series' points: circles in the series' colour. */
const marker = (idx: number) =>
  `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="${ACCENTS[idx % ACCENTS.length]}"/></a:solidFill></c:spPr></c:marker>`;

const abs = (sheet: string, row: number, col: number) => `'${sheet.replace(/'/g, "''")}'!$${columnLetter(col)}$${row + 1}`;

function cache(kind: 'str' | 'num', values: LayoutValue[]): string {
  const pts = values
    .map((v, i) => (v === null || v === undefined ? '' : `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`))
    .join('');
  return kind === 'str'
    ? `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`
    : `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

export function chartXml(sheet: SheetLayout, chart: ChartLayout): string {
  const [start, end] = chart.source.split(':').map(cellPosition);
  const rows = rowsOf(sheet);
  const at = (r: number, c: number) => rows.value(r, c);
  const first = start.row + 1;
  const range = (col: number) => `${abs(sheet.name, first, col)}:${abs(sheet.name, end.row, col).split('!')[1]}`;
  const categories = Array.from({ length: end.row - start.row }, (_, i) => at(first + i, start.col));
  const line = chart.kind === 'line';
  const series = [];
  for (let col = start.col + 1, idx = 0; col <= end.col; col++, idx++) {
    const values = Array.from({ length: end.row - start.row }, (_, i) => at(first + i, col));
    series.push(
      `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>` +
        `<c:tx><c:strRef><c:f>${esc(abs(sheet.name, start.row, col))}</c:f>${cache('str', [at(start.row, col)])}</c:strRef></c:tx>` +
        seriesLook(idx, line) +
        // Only bar series may say how negative bars are drawn (CT_BarSer); a line series marks its points.
        (line ? marker(idx) : `<c:invertIfNegative val="0"/>`) +
        `<c:cat><c:strRef><c:f>${esc(range(start.col))}</c:f>${cache('str', categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${esc(range(col))}</c:f>${cache('num', values)}</c:numRef></c:val></c:ser>`,
    );
  }
  return (
    XML_HEAD +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    (line
      ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join('')}<c:marker val="1"/><c:axId val="500"/><c:axId val="501"/></c:lineChart>`
      : `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join('')}<c:gapWidth val="80"/><c:axId val="500"/><c:axId val="501"/></c:barChart>`) +
    // Bars: categories top to bottom in sheet order; a line: periods left to right.
    `<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="${line ? 'minMax' : 'maxMin'}"/></c:scaling><c:delete val="0"/><c:axPos val="${line ? 'b' : 'l'}"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="501"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
    `<c:valAx><c:axId val="501"/><c:scaling><c:orientation val="minMax"/>${chart.axis.max === undefined ? '' : `<c:max val="${chart.axis.max}"/>`}<c:min val="${chart.axis.min}"/></c:scaling><c:delete val="0"/><c:axPos val="${line ? 'l' : 'b'}"/><c:majorGridlines/><c:numFmt formatCode="${esc(chart.axis.format)}" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

export function drawingXml(charts: { chart: ChartLayout; rel: string }[]): string {
  const anchors = charts.map(({ chart, rel }, i) => {
    const from = cellPosition(chart.anchor.from);
    const to = cellPosition(chart.anchor.to);
    const pos = (tag: string, p: { row: number; col: number }) =>
      `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    return (
      `<xdr:twoCellAnchor>${pos('from', from)}${pos('to', to)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${rel}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return `${XML_HEAD}<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join('')}</xdr:wsDr>`;
}
