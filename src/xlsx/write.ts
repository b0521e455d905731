/**
 * Renders a workbook layout straight to OOXML, part by part into the zip: workbook, styles,
 * shared strings, worksheets (values, formulas with their cached results, widths, heights, freeze
 * panes, filters, conditional formats, drop-down lists, links, print setup), notes (comments with
 * their VML shapes), and the charts. A worksheet's rows are made and deflated one by one
 * (sheetData.ts), so no sheet is held whole. Elements stand in the order the schema gives them, so Excel
 * opens the file without repairing it. Runs in Node and in the browser.
 */
import { address, cellPosition, columnLetter, quoteSheet } from '../engine';
import { cellTextWithin, type ConditionalFormat, type PageText, type SheetLayout, type WorkbookLayout } from '../layout/model';
import { chartXml, drawingXml } from './charts';
import { notesParts, ShapeIds } from './notes';
import { sheetData, usesCustomFunctions, type SheetDataState, type Strings } from './sheetData';
import { Registry, StyleSheet } from './styles';
import { themeXml } from './theme';
import { fitPage } from './cellText';
import { esc, NS, REL, relsXml, textElement, XML_HEAD } from './xml';
import { ZipWriter, type Piece } from './zip';

/**
 * The metadata part Excel writes beside dynamic-array formulas: one cell-metadata record
 * (`cm="1"`) of the type XLDAPR, whose dynamic-array properties say the formula is one.
 */
const METADATA_XML =
  `${XML_HEAD}<metadata xmlns="${NS.main}" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">` +
  `<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>` +
  `<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>` +
  `<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>`;

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

/** Shared strings of the whole workbook: each distinct text once, but for those added as new (sheetData.ts). */
class SharedStrings implements Strings {
  private readonly registry = new Registry();
  uses = 0;

  id(text: string): number {
    this.uses++;
    return this.registry.id(cellTextWithin(text));
  }

  add(text: string): number {
    this.uses++;
    return this.registry.add(cellTextWithin(text));
  }

  get size(): number {
    return this.registry.items.length;
  }

  *xml(): Generator<string> {
    const items = this.registry.items;
    yield `${XML_HEAD}<sst xmlns="${NS.main}" count="${this.uses}" uniqueCount="${items.length}">`;
    // Text with spaces at either end keeps them only with xml:space, as Excel writes it.
    for (const text of items) yield `<si>${textElement(text)}</si>`;
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

/** A header or footer as one string of Excel's section codes, within Excel's 255 characters. */
const sections = (page: PageText | undefined) => {
  if (!page) return '';
  const t = fitPage(page);
  return `${t.left ? `&L${t.left}` : ''}${t.center ? `&C${t.center}` : ''}${t.right ? `&R${t.right}` : ''}`;
};

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

/** Everything one worksheet adds to the package besides its own part. */
interface SheetParts {
  rels: { id: string; type: string; target: string }[];
  drawing: string;
  legacyDrawing: string;
}

type WorkbookState = SheetDataState & { strings: SharedStrings };

function* worksheetXml(layout: SheetLayout, index: number, state: WorkbookState, parts: SheetParts): Generator<Piece> {
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
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  metadata: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml',
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

/** The package as it is written: its zip, the content types of its parts and the counters naming them. */
interface Package {
  zip: ZipWriter;
  overrides: { part: string; type: string }[];
  charts: number;
  drawings: number;
  comments: number;
  shapeIds: ShapeIds;
}

/** A sheet's charts: a chart part each and the drawing part that anchors them. */
function addCharts(pkg: Package, sheet: SheetLayout, parts: SheetParts): void {
  const drawing = ++pkg.drawings;
  const chartRels = sheet.charts.map((chart, k) => {
    const n = ++pkg.charts;
    pkg.zip.part(`xl/charts/chart${n}.xml`, [chartXml(sheet, chart)]);
    pkg.overrides.push({ part: `/xl/charts/chart${n}.xml`, type: TYPES.chart });
    return { chart, rel: `rId${k + 1}`, target: `../charts/chart${n}.xml` };
  });
  pkg.zip.part(`xl/drawings/drawing${drawing}.xml`, [drawingXml(chartRels)]);
  pkg.zip.part(`xl/drawings/_rels/drawing${drawing}.xml.rels`, [relsXml(chartRels.map((c) => ({ id: c.rel, type: REL.chart, target: c.target })))]);
  pkg.overrides.push({ part: `/xl/drawings/drawing${drawing}.xml`, type: TYPES.drawing });
  parts.rels.push({ id: 'rId1', type: REL.drawing, target: `../drawings/drawing${drawing}.xml` });
  parts.drawing = '<drawing r:id="rId1"/>';
}

/** A sheet's notes: the comments part and its VML drawing, with shape ids of its own. */
function addNotes(pkg: Package, sheet: SheetLayout, parts: SheetParts): void {
  const n = ++pkg.comments;
  const { comments, vml } = notesParts(sheet.notes, pkg.shapeIds);
  pkg.zip.part(`xl/comments${n}.xml`, [comments]);
  pkg.zip.part(`xl/drawings/vmlDrawing${n}.vml`, [vml]);
  pkg.overrides.push({ part: `/xl/comments${n}.xml`, type: TYPES.comments });
  const id = `rId${parts.rels.length + 1}`;
  parts.rels.push({ id, type: REL.vmlDrawing, target: `../drawings/vmlDrawing${n}.vml` });
  parts.rels.push({ id: `rId${parts.rels.length + 1}`, type: REL.comments, target: `../comments${n}.xml` });
  parts.legacyDrawing = `<legacyDrawing r:id="${id}"/>`;
}

/** The workbook's own parts beside its sheets: strings, styles, theme, metadata, and their relationships. */
function addWorkbookParts(pkg: Package, layout: WorkbookLayout, state: WorkbookState): void {
  const { zip } = pkg;
  const sheetCount = layout.sheets.length;
  const { custom } = state;
  zip.part('xl/sharedStrings.xml', state.strings.xml());
  zip.part('xl/styles.xml', later(() => state.styles.xml()));
  zip.part('xl/theme/theme1.xml', [themeXml()]);
  if (custom) zip.part('xl/metadata.xml', [METADATA_XML]);
  // Excel recomputes on open, so a sheet is right even where a stored result is not; except where
  // the add-in's functions are used, whose stored results must stand in Excel without the add-in.
  zip.part('xl/workbook.xml', [workbookXml(layout.sheets, !custom)]);
  const own = [
    { id: `rId${sheetCount + 1}`, type: REL.styles, target: 'styles.xml' },
    { id: `rId${sheetCount + 2}`, type: REL.sharedStrings, target: 'sharedStrings.xml' },
    { id: `rId${sheetCount + 3}`, type: REL.theme, target: 'theme/theme1.xml' },
    ...(custom ? [{ id: `rId${sheetCount + 4}`, type: REL.sheetMetadata, target: 'metadata.xml' }] : []),
  ];
  zip.part('xl/_rels/workbook.xml.rels', [relsXml([...layout.sheets.map((_, i) => ({ id: `rId${i + 1}`, type: REL.worksheet, target: `worksheets/sheet${i + 1}.xml` })), ...own])]);
  pkg.overrides.push(
    { part: '/xl/workbook.xml', type: TYPES.workbook },
    { part: '/xl/styles.xml', type: TYPES.styles },
    { part: '/xl/sharedStrings.xml', type: TYPES.sharedStrings },
    { part: '/xl/theme/theme1.xml', type: TYPES.theme },
    ...(custom ? [{ part: '/xl/metadata.xml', type: TYPES.metadata }] : []),
  );
}

/** The package's document properties, its relationships and its content types. */
function addPackageParts(pkg: Package, layout: WorkbookLayout): void {
  const { zip } = pkg;
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
  pkg.overrides.push({ part: '/docProps/core.xml', type: TYPES.core }, { part: '/docProps/app.xml', type: TYPES.app });
  zip.part('[Content_Types].xml', [
    `${XML_HEAD}<Types xmlns="${NS.types}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>` +
      pkg.overrides.map((o) => `<Override PartName="${o.part}" ContentType="${o.type}"/>`).join('') +
      `</Types>`,
  ]);
}

/** Text made when its part is written, after the parts before it: what the sheets registered as they were written. */
function* later(make: () => string): Generator<string> {
  yield make();
}

/** The layout's parts, each made when the zip writes it, in this order. */
function workbookZip(layout: WorkbookLayout, options: RenderOptions): ZipWriter {
  // Whether the add-in's functions are used decides parts of their own (the metadata) before any sheet is written.
  const custom = usesCustomFunctions(layout.sheets);
  const state: WorkbookState = { styles: new StyleSheet(), strings: new SharedStrings(), merges: new Map(), cached: options.cachedResults !== false, custom };
  const pkg: Package = { zip: new ZipWriter(), overrides: [], charts: 0, drawings: 0, comments: 0, shapeIds: new ShapeIds() };
  layout.sheets.forEach((sheet, i) => {
    const part = `xl/worksheets/sheet${i + 1}.xml`;
    const parts: SheetParts = { rels: [], drawing: '', legacyDrawing: '' };
    if (sheet.charts.length) addCharts(pkg, sheet, parts);
    if (sheet.notes.length) addNotes(pkg, sheet, parts);
    pkg.zip.part(part, worksheetXml(sheet, i, state, parts));
    if (parts.rels.length) pkg.zip.part(`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, [relsXml(parts.rels)]);
    pkg.overrides.push({ part: `/${part}`, type: TYPES.worksheet });
  });
  addWorkbookParts(pkg, layout, state);
  addPackageParts(pkg, layout);
  return pkg.zip;
}

/** The layout as xlsx bytes. */
export function workbookBytes(layout: WorkbookLayout, options: RenderOptions = {}): Uint8Array {
  return workbookZip(layout, options).finish();
}

/** The layout as xlsx bytes, each sheet deflated beside the making of its rows where the platform can (Node's thread pool). */
export function workbookBytesAsync(layout: WorkbookLayout, options: RenderOptions = {}): Promise<Uint8Array> {
  return workbookZip(layout, options).finishAsync();
}
