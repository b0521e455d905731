/**
 * Renders a workbook layout straight to OOXML, part by part into the zip: workbook, styles,
 * shared strings, worksheets (values, formulas with their cached results, widths, heights, freeze
 * panes, filters, conditional formats, drop-down lists, links, print setup), notes (comments with
 * their VML shapes), and the charts. A worksheet's rows are made and deflated one by one
 * (sheetData.ts), so no sheet is held whole. Elements stand in the order the schema gives them, so Excel
 * opens the file without repairing it. Runs in Node and in the browser.
 */
import { address, cellPosition, columnLetter, quoteSheet } from '../engine';
import type { ConditionalFormat, PageText, SheetLayout, WorkbookLayout } from '../layout/model';
import { chartXml, drawingXml } from './charts';
import { sheetData, type SheetDataState, type Strings } from './sheetData';
import { Registry, StyleSheet } from './styles';
import { esc, NS, REL, relsXml, XML_HEAD } from './xml';
import { ZipWriter } from './zip';

export interface RenderOptions {
  /** Store the engine's results with the formulas (default). Without them a reader must compute. */
  cachedResults?: boolean;
}

interface Cell {
  row: number;
  col: number;
}

function rangeOf(ref: string): { from: Cell; to: Cell } {
  const [a, b = a] = ref.split(':');
  return { from: cellPosition(a), to: cellPosition(b) };
}

/** Shared strings of the whole workbook, each distinct text once. */
class SharedStrings implements Strings {
  private readonly registry = new Registry();
  uses = 0;

  id(text: string): number {
    this.uses++;
    return this.registry.id(text);
  }

  *xml(): Generator<string> {
    const items = this.registry.items;
    yield `${XML_HEAD}<sst xmlns="${NS.main}" count="${this.uses}" uniqueCount="${items.length}">`;
    // No xml:space: the schema's <t> takes no attributes, and Excel keeps the text as written.
    for (const text of items) yield `<si><t>${esc(text)}</t></si>`;
    yield '</sst>';
  }
}

function colsXml(layout: SheetLayout): string {
  const hidden = new Set(layout.hiddenColumns ?? []);
  const [outFrom, outTo] = layout.outlineColumns ?? [-1, -2];
  const count = Math.max(layout.columnWidths.length, ...[...hidden].map((c) => c + 1));
  const cols: string[] = [];
  for (let c = 0; c < count; c++) {
    const width = layout.columnWidths[c];
    const grouped = c >= outFrom && c <= outTo;
    if (width === undefined && !hidden.has(c) && !grouped) continue;
    cols.push(
      `<col min="${c + 1}" max="${c + 1}" width="${width ?? 9.140625}"${width === undefined ? '' : ' customWidth="1"'}${hidden.has(c) ? ' hidden="1"' : ''}${grouped ? ' outlineLevel="1"' : ''}/>`,
    );
  }
  return cols.length ? `<cols>${cols.join('')}</cols>` : '';
}

function sheetViewsXml(layout: SheetLayout, selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : '';
  const freeze = layout.freeze;
  if (!freeze || (!freeze.rows && !freeze.cols)) return `<sheetViews><sheetView workbookViewId="0"${tab}/></sheetViews>`;
  const pane = freeze.rows && freeze.cols ? 'bottomRight' : freeze.rows ? 'bottomLeft' : 'topRight';
  const split = `${freeze.cols ? ` xSplit="${freeze.cols}"` : ''}${freeze.rows ? ` ySplit="${freeze.rows}"` : ''}`;
  const topLeft = address(freeze.rows, freeze.cols);
  return (
    `<sheetViews><sheetView workbookViewId="0"${tab}><pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
  );
}

function conditionalXml(format: ConditionalFormat, priority: number): string {
  if (format.kind === 'iconSet') {
    const [low, high] = format.thresholds;
    return (
      `<conditionalFormatting sqref="${format.range}"><cfRule type="iconSet" priority="${priority}"><iconSet iconSet="${format.icons}">` +
      `<cfvo type="num" val="0"/><cfvo type="num" val="${low}"${format.firstExclusive ? ' gte="0"' : ''}/><cfvo type="num" val="${high}"/>` +
      `</iconSet></cfRule></conditionalFormatting>`
    );
  }
  const bound = (v: number | undefined, kind: 'min' | 'max') => (v === undefined ? `<cfvo type="${kind}"/>` : `<cfvo type="num" val="${v}"/>`);
  return (
    `<conditionalFormatting sqref="${format.range}"><cfRule type="dataBar" priority="${priority}"><dataBar>` +
    `${bound(format.min, 'min')}${bound(format.max, 'max')}<color rgb="FF${format.color.toUpperCase()}"/></dataBar></cfRule></conditionalFormatting>`
  );
}

function validationsXml(layout: SheetLayout): string {
  const list = layout.validations ?? [];
  if (!list.length) return '';
  const items = list.map(
    (v) => `<dataValidation type="list" allowBlank="1" showErrorMessage="0" sqref="${v.range}"><formula1>${esc(`"${v.list.join(',')}"`)}</formula1></dataValidation>`,
  );
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

function linksXml(layout: SheetLayout): string {
  const links = layout.links ?? [];
  if (!links.length) return '';
  return `<hyperlinks>${links.map((l) => `<hyperlink ref="${l.cell}" location="${esc(`${quoteSheet(l.sheet)}!${l.target}`)}" display="${esc(l.target)}"/>`).join('')}</hyperlinks>`;
}

/** A header or footer as one string of Excel's section codes. */
const sections = (t: PageText | undefined) => (t ? `${t.left ? `&L${t.left}` : ''}${t.center ? `&C${t.center}` : ''}${t.right ? `&R${t.right}` : ''}` : '');

function printXml(layout: SheetLayout): string {
  const header = sections(layout.print.header);
  const footer = sections(layout.print.footer);
  return (
    `<printOptions horizontalCentered="0"/>` +
    `<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="${layout.print.orientation}"${layout.print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>` +
    (header || footer ? `<headerFooter>${header ? `<oddHeader>${esc(header)}</oddHeader>` : ''}${footer ? `<oddFooter>${esc(footer)}</oddFooter>` : ''}</headerFooter>` : '') +
    rowBreaksXml(layout.rowBreaks ?? [])
  );
}

/** Manual page breaks: `id` is the last row (1-based) of the page before. */
function rowBreaksXml(rows: number[]): string {
  if (!rows.length) return '';
  return `<rowBreaks count="${rows.length}" manualBreakCount="${rows.length}">${rows.map((r) => `<brk id="${r}" max="16383" man="1"/>`).join('')}</rowBreaks>`;
}

/** Comments part and its VML shapes: Excel shows a note only when both are there. */
function notesParts(notes: SheetLayout['notes']): { comments: string; vml: string } {
  const comments =
    `${XML_HEAD}<comments xmlns="${NS.main}"><authors><author>goalscore</author></authors><commentList>` +
    notes.map((n) => `<comment ref="${n.cell}" authorId="0"><text><t>${esc(n.text)}</t></text></comment>`).join('') +
    `</commentList></comments>`;
  const shapes = notes.map((n, i) => {
    const { row, col } = cellPosition(n.cell);
    return (
      `<v:shape id="_x0000_s${1025 + i}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:180pt;height:60pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 4}, 15, ${row + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>` +
      `<x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
    );
  });
  const vml =
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    `${shapes.join('')}</xml>`;
  return { comments, vml };
}

/** Everything one worksheet adds to the package besides its own part. */
interface SheetParts {
  rels: { id: string; type: string; target: string }[];
  drawing: string;
  legacyDrawing: string;
}

type WorkbookState = SheetDataState & { strings: SharedStrings };

function* worksheetXml(layout: SheetLayout, index: number, state: WorkbookState, parts: SheetParts): Generator<string> {
  const props = [
    layout.tabColor ? `<tabColor rgb="FF${layout.tabColor.toUpperCase()}"/>` : '',
    layout.print.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : '',
  ].join('');
  yield `${XML_HEAD}<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">`;
  if (props) yield `<sheetPr>${props}</sheetPr>`;
  yield sheetViewsXml(layout, index === 0);
  yield `<sheetFormatPr defaultRowHeight="15"${layout.outlineColumns ? ' outlineLevelCol="1"' : ''}/>`;
  yield colsXml(layout);
  yield '<sheetData>';
  yield* sheetData(layout, state);
  yield '</sheetData>';
  if (layout.autoFilter) yield `<autoFilter ref="${layout.autoFilter}"/>`;
  yield layout.conditionalFormats.map((f, i) => conditionalXml(f, i + 1)).join('');
  yield validationsXml(layout);
  yield linksXml(layout);
  yield printXml(layout);
  yield parts.drawing;
  yield parts.legacyDrawing;
  yield '</worksheet>';
}

const TYPES = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
} as const;

function workbookXml(sheets: SheetLayout[], calculateOnOpen: boolean): string {
  const names: string[] = [];
  sheets.forEach((s, i) => {
    if (s.autoFilter) names.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${esc(`${quoteSheet(s.name)}!${absoluteRange(s.autoFilter)}`)}</definedName>`);
    if (s.print.area) names.push(`<definedName name="_xlnm.Print_Area" localSheetId="${i}">${esc(`${quoteSheet(s.name)}!${absoluteRange(s.print.area)}`)}</definedName>`);
    const repeat = s.print.repeatRows;
    if (repeat) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(`${quoteSheet(s.name)}!$${repeat.first + 1}:$${repeat.last + 1}`)}</definedName>`);
  });
  return (
    `${XML_HEAD}<workbook xmlns="${NS.main}" xmlns:r="${NS.r}"><workbookPr defaultThemeVersion="164011"/>` +
    `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="28800" windowHeight="12300" activeTab="0"/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    `</sheets>${names.length ? `<definedNames>${names.join('')}</definedNames>` : ''}<calcPr calcId="191029"${calculateOnOpen ? ' fullCalcOnLoad="1"' : ''}/></workbook>`
  );
}

function absoluteRange(range: string): string {
  const { from, to } = rangeOf(range);
  return `$${columnLetter(from.col)}$${from.row + 1}:$${columnLetter(to.col)}$${to.row + 1}`;
}

function docProps(sheets: SheetLayout[]): { core: string; app: string } {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
    `xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:creator>goalscore</dc:creator><cp:lastModifiedBy>goalscore</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`;
  const app =
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
    `<Application>goalscore</Application><TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${esc(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts></Properties>`;
  return { core, app };
}

/** Text made when its part is written, after the parts before it: what the sheets registered as they were written. */
function* later(make: () => string): Generator<string> {
  yield make();
}

/** The layout's parts, each made when the zip writes it, in this order. */
function workbookZip(layout: WorkbookLayout, options: RenderOptions): ZipWriter {
  const zip = new ZipWriter();
  const state: WorkbookState = { styles: new StyleSheet(), strings: new SharedStrings(), merges: new Map(), cached: options.cachedResults !== false, custom: false };
  const overrides: { part: string; type: string }[] = [];
  let charts = 0;
  let drawings = 0;
  let comments = 0;

  layout.sheets.forEach((sheet, i) => {
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    const parts: SheetParts = { rels: [], drawing: '', legacyDrawing: '' };
    if (sheet.charts.length) {
      const drawing = ++drawings;
      const chartRels = sheet.charts.map((chart, k) => {
        const n = ++charts;
        zip.part(`xl/charts/chart${n}.xml`, [chartXml(sheet, chart)]);
        overrides.push({ part: `/xl/charts/chart${n}.xml`, type: TYPES.chart });
        return { chart, rel: `rId${k + 1}`, target: `../charts/chart${n}.xml` };
      });
      zip.part(`xl/drawings/drawing${drawing}.xml`, [drawingXml(chartRels)]);
      zip.part(`xl/drawings/_rels/drawing${drawing}.xml.rels`, [relsXml(chartRels.map((c) => ({ id: c.rel, type: REL.chart, target: c.target })))]);
      overrides.push({ part: `/xl/drawings/drawing${drawing}.xml`, type: TYPES.drawing });
      parts.rels.push({ id: 'rId1', type: REL.drawing, target: `../drawings/drawing${drawing}.xml` });
      parts.drawing = '<drawing r:id="rId1"/>';
    }
    if (sheet.notes.length) {
      const n = ++comments;
      const { comments: commentsXml, vml } = notesParts(sheet.notes);
      zip.part(`xl/comments${n}.xml`, [commentsXml]);
      zip.part(`xl/drawings/vmlDrawing${n}.vml`, [vml]);
      overrides.push({ part: `/xl/comments${n}.xml`, type: TYPES.comments });
      const id = `rId${parts.rels.length + 1}`;
      parts.rels.push({ id, type: REL.vmlDrawing, target: `../drawings/vmlDrawing${n}.vml` });
      parts.rels.push({ id: `rId${parts.rels.length + 1}`, type: REL.comments, target: `../comments${n}.xml` });
      parts.legacyDrawing = `<legacyDrawing r:id="${id}"/>`;
    }
    zip.part(part, worksheetXml(sheet, i, state, parts));
    if (parts.rels.length) zip.part(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, [relsXml(parts.rels)]);
    overrides.push({ part: `/${part}`, type: TYPES.worksheet });
  });

  const sheetCount = layout.sheets.length;
  zip.part('xl/sharedStrings.xml', state.strings.xml());
  zip.part('xl/styles.xml', later(() => state.styles.xml()));
  // Excel recomputes on open, so a sheet is right even where a stored result is not; except where
  // the add-in's functions are used, whose stored results must stand in Excel without the add-in.
  zip.part('xl/workbook.xml', later(() => workbookXml(layout.sheets, !state.custom)));
  zip.part(
    'xl/_rels/workbook.xml.rels',
    [
      relsXml([
        ...layout.sheets.map((_, i) => ({ id: `rId${i + 1}`, type: REL.worksheet, target: `worksheets/sheet${i + 1}.xml` })),
        { id: `rId${sheetCount + 1}`, type: REL.styles, target: 'styles.xml' },
        { id: `rId${sheetCount + 2}`, type: REL.sharedStrings, target: 'sharedStrings.xml' },
      ]),
    ],
  );
  const props = docProps(layout.sheets);
  zip.part('docProps/core.xml', [props.core]);
  zip.part('docProps/app.xml', [props.app]);
  zip.part('_rels/.rels', [
    relsXml([
      { id: 'rId1', type: REL.officeDocument, target: 'xl/workbook.xml' },
      { id: 'rId2', type: REL.coreProperties, target: 'docProps/core.xml' },
      { id: 'rId3', type: REL.extendedProperties, target: 'docProps/app.xml' },
    ]),
  ]);
  overrides.push(
    { part: '/xl/workbook.xml', type: TYPES.workbook },
    { part: '/xl/styles.xml', type: TYPES.styles },
    { part: '/xl/sharedStrings.xml', type: TYPES.sharedStrings },
    { part: '/docProps/core.xml', type: TYPES.core },
    { part: '/docProps/app.xml', type: TYPES.app },
  );
  zip.part('[Content_Types].xml', [
    `${XML_HEAD}<Types xmlns="${NS.types}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>` +
      overrides.map((o) => `<Override PartName="${o.part}" ContentType="${o.type}"/>`).join('') +
      `</Types>`,
  ]);
  return zip;
}

/** The layout as xlsx bytes. */
export function workbookBytes(layout: WorkbookLayout, options: RenderOptions = {}): Uint8Array {
  return workbookZip(layout, options).finish();
}

/** The layout as xlsx bytes, each sheet deflated beside the making of its rows where the platform can (Node's thread pool). */
export function workbookBytesAsync(layout: WorkbookLayout, options: RenderOptions = {}): Promise<Uint8Array> {
  return workbookZip(layout, options).finishAsync();
}
