/**
 * Adds the layout's charts to an xlsx package written by ExcelJS, which cannot write charts
 * itself: a DrawingML bar chart per chart, a drawing per sheet that holds them, and the
 * relationships and content types that tie them in. Series are the source block's columns after
 * the first, categories its first column, with the values cached for readers that do not compute.
 */
import JSZip from 'jszip';
import { columnIndex } from '../engine/address';
import type { ChartLayout, LayoutValue, SheetLayout } from '../layout/model';

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const CHART_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function cellPos(ref: string): { row: number; col: number } {
  const m = ref.match(/^([A-Z]+)(\d+)$/)!;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

const abs = (sheet: string, row: number, col: number) => {
  let letters = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `'${sheet.replace(/'/g, "''")}'!$${letters}$${row + 1}`;
};

function cache(kind: 'str' | 'num', values: LayoutValue[]): string {
  const pts = values
    .map((v, i) => (v === null || v === undefined ? '' : `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`))
    .join('');
  return kind === 'str'
    ? `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`
    : `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

export function chartXml(sheet: SheetLayout, chart: ChartLayout): string {
  const [start, end] = chart.source.split(':').map(cellPos);
  const at = (r: number, c: number) => sheet.values[r]?.[c] ?? null;
  const first = start.row + 1;
  const range = (col: number) => `${abs(sheet.name, first, col)}:${abs(sheet.name, end.row, col).split('!')[1]}`;
  const categories = Array.from({ length: end.row - start.row }, (_, i) => at(first + i, start.col));
  const series = [];
  for (let col = start.col + 1, idx = 0; col <= end.col; col++, idx++) {
    const values = Array.from({ length: end.row - start.row }, (_, i) => at(first + i, col));
    series.push(
      `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>` +
        `<c:tx><c:strRef><c:f>${esc(abs(sheet.name, start.row, col))}</c:f>${cache('str', [at(start.row, col)])}</c:strRef></c:tx>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${esc(range(start.col))}</c:f>${cache('str', categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${esc(range(col))}</c:f>${cache('num', values)}</c:numRef></c:val></c:ser>`,
    );
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join('')}` +
    `<c:gapWidth val="80"/><c:axId val="500"/><c:axId val="501"/></c:barChart>` +
    // Categories top to bottom in sheet order.
    `<c:catAx><c:axId val="500"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="501"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
    `<c:valAx><c:axId val="501"/><c:scaling><c:orientation val="minMax"/>${chart.axis.max === undefined ? '' : `<c:max val="${chart.axis.max}"/>`}<c:min val="${chart.axis.min}"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="${esc(chart.axis.format)}" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="500"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

function drawingXml(charts: { chart: ChartLayout; rel: string }[]): string {
  const anchors = charts.map(({ chart, rel }, i) => {
    const from = cellPos(chart.anchor.from);
    const to = cellPos(chart.anchor.to);
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
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}" xmlns:r="${NS.r}">${anchors.join('')}</xdr:wsDr>`;
}

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    `</Relationships>`
  );
}

/** The worksheet part of each sheet, by sheet name, from the workbook's own relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const targets = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const parts = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const name = m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    const target = targets.get(m[2])!.replace(/^\/?(xl\/)?/, '');
    parts.set(name, `xl/${target}`);
  }
  return parts;
}

/** Elements a worksheet's <drawing> follows, and those it precedes (ECMA-376 CT_Worksheet order). */
const BEFORE_DRAWING = ['</conditionalFormatting>', '</dataValidations>', '</hyperlinks>', '<printOptions', '<pageMargins', '<pageSetup', '</headerFooter>', '</rowBreaks>', '</colBreaks>', '</ignoredErrors>'];
const AFTER_DRAWING = ['<legacyDrawing', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts', '<extLst', '</worksheet>'];

/** Puts the drawing element in its place; an <extLst> inside a conditional format is not the sheet's own. */
export function insertDrawing(xml: string, drawing: string): string {
  const from = Math.max(0, ...BEFORE_DRAWING.map((t) => xml.lastIndexOf(t)));
  const at = Math.min(...AFTER_DRAWING.map((t) => xml.indexOf(t, from)).filter((i) => i >= 0));
  return xml.slice(0, at) + drawing + xml.slice(at);
}

/** Adds the charts of the layout's sheets to an xlsx package; returns the new package. */
export async function addCharts(xlsx: Uint8Array, sheets: SheetLayout[]): Promise<Uint8Array> {
  if (!sheets.some((s) => s.charts.length)) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  let types = await zip.file('[Content_Types].xml')!.async('string');
  let chartNo = 0;
  let drawingNo = 0;
  for (const sheet of sheets) {
    if (!sheet.charts.length) continue;
    const part = parts.get(sheet.name);
    if (!part) continue;
    drawingNo++;
    const charts = sheet.charts.map((chart, i) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(sheet, chart));
      types = types.replace('</Types>', `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`);
      return { chart, rel: `rId${i + 1}`, target: `../charts/chart${chartNo}.xml` };
    });
    zip.file(`xl/drawings/drawing${drawingNo}.xml`, drawingXml(charts));
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relsXml(charts.map((c) => ({ id: c.rel, type: CHART_REL, target: c.target }))));
    types = types.replace('</Types>', `<Override PartName="/xl/drawings/drawing${drawingNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`);

    // The sheet refers to its drawing by a relationship of its own.
    const relsPath = part.replace(/worksheets\/(sheet\d+\.xml)$/, 'worksheets/_rels/$1.rels');
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async('string') : relsXml([]);
    const rid = `rIdChart${drawingNo}`;
    zip.file(relsPath, existing.replace('</Relationships>', `<Relationship Id="${rid}" Type="${DRAWING_REL}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`));
    let xml = await zip.file(part)!.async('string');
    if (!xml.includes(`xmlns:r="${NS.r}"`)) xml = xml.replace('<worksheet ', `<worksheet xmlns:r="${NS.r}" `);
    xml = insertDrawing(xml, `<drawing r:id="${rid}"/>`);
    zip.file(part, xml);
  }
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
