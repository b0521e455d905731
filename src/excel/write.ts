/**
 * Renders the workbook layout into the open workbook with Office.js: the same model the workbook file
 * writer renders. Per sheet two syncs: number formats and values first (formats first, so a cell
 * formatted as text takes its text as text), then everything else.
 * A sheet whose values would pass Excel on the web's 5 MB request limit is written in row slices.
 * Only sheets the add-in creates are written; a user's sheet is never touched.
 */
import type { CellStyle, ConditionalFormat, LayoutRow, RowSource, SheetLayout, WorkbookLayout } from '../layout/model';
import { rowsOf } from '../layout/rows';
import { OWNER_KEY, SHAPE_KEY, shapeText, type KeptShape, type WorkbookRead } from './read';
import { quoteSheet } from '../engine';

/** Requests stay under this many bytes; Excel on the web refuses payloads over 5 MB. */
export const REQUEST_LIMIT = 4_500_000;
/** Office.js column widths are in points; layout widths are in characters. */
const POINTS_PER_CHAR = 6;
/** What one range action adds to a request besides its payload, a generous estimate. */
const RUN_OVERHEAD = 200;

export interface WriteOptions {
  /** Requirement sets above the manifest's minimum, as the host reports them. */
  features?: { notes?: boolean; screenUpdating?: boolean };
  requestLimit?: number;
  /** Called after each sheet, for progress bars. */
  onSheet?: (done: number, total: number) => void;
  /** Earlier score sheets to keep under a new name (old name to new) instead of updating them. */
  keepAs?: ReadonlyMap<string, string>;
}

/** What an earlier sheet holds besides cells, loaded in one request before it is updated in place. */
interface Earlier {
  sheet: Excel.Worksheet;
  charts: Excel.ChartCollection;
  notes: Excel.NoteCollection | null;
  filter: Excel.AutoFilter;
}

/** Loads the charts, notes and filter of the sheets to be updated in place: one request for all. */
async function loadEarlier(context: Excel.RequestContext, names: string[], options: WriteOptions): Promise<Map<string, Earlier>> {
  const out = new Map<string, Earlier>();
  for (const name of names) {
    const sheet = context.workbook.worksheets.getItem(name);
    const charts = sheet.charts.load('items/name');
    const notes = options.features?.notes ? sheet.notes.load('items') : null;
    const filter = sheet.autoFilter.load('enabled');
    out.set(name, { sheet, charts, notes, filter });
  }
  if (out.size) await context.sync();
  return out;
}

/**
 * Empties an earlier sheet of the add-in's for its new contents, keeping the sheet itself: formulas
 * on the user's sheets that point into it keep pointing, and Excel's undo stack is not cleared by
 * a sheet deleted and added. Clears the larger of what was there and what comes.
 */
function clearEarlier(earlier: Earlier, extent: { rows: number; cols: number } | undefined, shape: KeptShape | undefined, layout: SheetLayout, rows: number, width: number): void {
  const { sheet } = earlier;
  const all = sheet.getRangeByIndexes(0, 0, Math.max(extent?.rows ?? 0, rows, 1), Math.max(extent?.cols ?? 0, width));
  all.conditionalFormats.clearAll();
  all.clear('All');
  all.getEntireColumn().columnHidden = false;
  for (const chart of earlier.charts.items) chart.delete();
  for (const note of earlier.notes?.items ?? []) note.delete();
  if (earlier.filter.enabled) sheet.autoFilter.remove();
  sheet.freezePanes.unfreeze();
  sheet.horizontalPageBreaks.removePageBreaks();
  // The group stays where it was the same; elsewhere it is taken away and made anew.
  const before = shape?.outline;
  if (before && !sameOutline(shape, layout)) sheet.getRangeByIndexes(0, before[0], 1, before[1] - before[0] + 1).getEntireColumn().ungroup('ByColumns');
}

/** Whether the sheet's column group is already where the layout wants it. */
const sameOutline = (shape: KeptShape | undefined, layout: SheetLayout) =>
  !!shape?.outline && !!layout.outlineColumns && shape.outline[0] === layout.outlineColumns[0] && shape.outline[1] === layout.outlineColumns[1];

const color = (hex: string) => `#${hex}`;
const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/**
 * Text as Excel must store it. Excel reads text written to a cell as if typed: `1.10`, `2.3.1` or
 * `1-3` become numbers or (in Danish Excel) dates, `=`, `+`, `-` and `@` start formulas, SAND and
 * TRUE become truth values. A leading apostrophe keeps such text as it is (and is not stored).
 */
export function asText(value: string): string {
  return /^[=+\-@']|\d|^\s*(?:true|false|sand|falsk|sann|usann)\s*$/i.test(value) ? `'${value}` : value;
}

const cellInput = (v: unknown) => (typeof v === 'string' ? asText(v) : v);

/** A row's cells padded to the sheet's width, as Office.js wants rectangles. */
function padded<T>(row: readonly T[], width: number, fill: T): T[] {
  const out = row.slice(0, width);
  while (out.length < width) out.push(fill);
  return out;
}

export interface FormulaRun {
  col: number;
  from: number;
  /** One past the last row. */
  to: number;
  formula: string;
}

/**
 * Rows gathered for one request as they are made: their number formats, then their values and
 * formulas. A formula repeated down a column (earned, status and the like are the same in every
 * row) is left out of the grid (null leaves a cell as it is) and set afterwards on its whole run:
 * Office.js applies a single formula to a whole range, so a run travels once instead of once a row.
 * Sizes are counted as JSON would carry them, so a batch stays under the request limit.
 */
export class RowBatch {
  readonly values: unknown[][] = [];
  readonly formats: (string | null)[][] = [];
  readonly runs: FormulaRun[] = [];
  bytes = 0;
  /** Each column's run in progress. */
  private readonly open: (FormulaRun | undefined)[] = [];

  constructor(
    readonly from: number,
    private readonly width: number,
  ) {}

  /** A row's cells as this batch carries them, and what they add to its size. */
  take(row: LayoutRow): { values: unknown[]; formats: (string | null)[]; bytes: number; runs: FormulaRun[] } {
    const r = this.from + this.values.length;
    const values: unknown[] = new Array(this.width).fill(null);
    const runs: FormulaRun[] = [];
    let bytes = 0;
    for (let c = 0; c < this.width; c++) {
      const f = row.formulas[c] ?? null;
      const run = this.open[c];
      if (f && run && run.formula === f && run.to === r) {
        // The run carries it; a run of two becomes an action of its own.
        if (run.to - run.from === 1) {
          runs.push(run);
          bytes += f.length + RUN_OVERHEAD;
        }
        continue;
      }
      values[c] = f ? `=${f}` : cellInput(row.values[c] ?? null);
    }
    const formats = padded(row.formats, this.width, null);
    bytes += JSON.stringify(values).length + JSON.stringify(formats).length + 4;
    return { values, formats, bytes, runs };
  }

  /** Adds a row taken for this batch. */
  add(row: LayoutRow, taken: ReturnType<RowBatch['take']>): void {
    const r = this.from + this.values.length;
    for (let c = 0; c < this.width; c++) {
      const f = row.formulas[c] ?? null;
      const run = this.open[c];
      if (f && run && run.formula === f && run.to === r) run.to = r + 1;
      else this.open[c] = f ? { col: c, from: r, to: r + 1, formula: f } : undefined;
    }
    this.runs.push(...taken.runs);
    this.values.push(taken.values);
    this.formats.push(taken.formats);
    this.bytes += taken.bytes;
  }
}

/**
 * The sheet's cells, in requests under the limit: rows are made one at a time and gathered into
 * batches, each sent as its formats, its values and formulas, and the runs of formulas it holds.
 */
async function writeCells(sheet: Excel.Worksheet, rows: RowSource, width: number, withFormulas: boolean, budget: Budget, limit: number): Promise<void> {
  let batch = new RowBatch(0, width);
  const send = async (b: RowBatch) => {
    if (!b.values.length) return;
    // Formats go first, so a text-formatted cell keeps its text.
    await budget.spend(null, b.bytes);
    sheet.getRangeByIndexes(b.from, 0, b.values.length, width).numberFormat = b.formats;
    const range = sheet.getRangeByIndexes(b.from, 0, b.values.length, width);
    if (withFormulas) range.formulasR1C1 = b.values;
    else range.values = b.values;
    for (const run of b.runs) {
      // A single value is applied to every cell of the range (Range.formulasR1C1); the typings
      // know only the 2D form.
      (sheet.getRangeByIndexes(run.from, run.col, run.to - run.from, 1) as unknown as { formulasR1C1: string }).formulasR1C1 = `=${run.formula}`;
    }
  };
  for (let r = 0; r < rows.length; r++) {
    const row = rows.row(r);
    let taken = batch.take(row);
    if (batch.values.length && batch.bytes + taken.bytes > limit) {
      await send(batch);
      batch = new RowBatch(r, width);
      taken = batch.take(row);
    }
    batch.add(row, taken);
  }
  await send(batch);
}

function applyStyle(range: Excel.Range, style: CellStyle): void {
  const f = range.format;
  if (style.bold) f.font.bold = true;
  if (style.italic) f.font.italic = true;
  if (style.fontSize) f.font.size = style.fontSize;
  if (style.fontColor) f.font.color = color(style.fontColor);
  if (style.fill) f.fill.color = color(style.fill);
  if (style.wrap) f.wrapText = true;
  if (style.hAlign) f.horizontalAlignment = H_ALIGN[style.hAlign];
  if (style.vAlign) f.verticalAlignment = V_ALIGN[style.vAlign];
  if (style.indent) f.indentLevel = style.indent;
  if (style.borderTop) f.borders.getItem('EdgeTop').style = 'Continuous';
  if (style.borderBottom) f.borders.getItem('EdgeBottom').style = 'Continuous';
}

function addConditionalFormat(sheet: Excel.Worksheet, format: ConditionalFormat): void {
  const range = sheet.getRange(format.range);
  if (format.kind === 'iconSet') {
    const cf = range.conditionalFormats.add('IconSet');
    cf.iconSet.style = 'ThreeTrafficLights1';
    const [first, second] = format.thresholds;
    cf.iconSet.criteria = [
      {} as Excel.ConditionalIconCriterion,
      { type: 'Number', operator: format.firstExclusive ? 'GreaterThan' : 'GreaterThanOrEqual', formula: `=${first}` },
      { type: 'Number', operator: 'GreaterThanOrEqual', formula: `=${second}` },
    ];
    return;
  }
  const cf = range.conditionalFormats.add('DataBar');
  cf.dataBar.barDirection = 'LeftToRight';
  if (format.min !== undefined) cf.dataBar.lowerBoundRule = { type: 'Number', formula: `=${format.min}` };
  if (format.max !== undefined) cf.dataBar.upperBoundRule = { type: 'Number', formula: `=${format.max}` };
  cf.dataBar.positiveFormat.fillColor = color(format.color);
  cf.dataBar.positiveFormat.gradientFill = false;
}

/**
 * Counts what is queued for the next request and syncs just before it would pass the limit, so no
 * request is refused for its size, whatever the sheet holds. Sizes are estimated as JSON.
 */
class Budget {
  private used = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly options: WriteOptions,
    private readonly limit: number,
  ) {}

  /** Counts a payload by its JSON, or by a size already known. */
  async spend(payload: unknown, known?: number): Promise<void> {
    const bytes = 100 + (known ?? (payload === undefined ? 0 : JSON.stringify(payload).length));
    if (this.used > 0 && this.used + bytes > this.limit) await this.flush();
    // Each request starts by suspending calculation (and screen updating) until it is done.
    if (this.used === 0) suspend(this.context, this.options);
    this.used += bytes;
  }

  async flush(): Promise<void> {
    await this.context.sync();
    this.used = 0;
  }
}

/** Everything after the values: formats, rules, panes, print setup, notes and charts. */
async function queueFormatting(sheet: Excel.Worksheet, layout: SheetLayout, rows: number, width: number, options: WriteOptions, budget: Budget, grouped = false): Promise<void> {
  for (const { range, style } of layout.styles) {
    await budget.spend([range, style]);
    applyStyle(sheet.getRange(range), style);
  }
  await budget.spend(layout.columnWidths);
  layout.columnWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHAR));
  for (const c of layout.hiddenColumns ?? []) sheet.getRangeByIndexes(0, c, 1, 1).getEntireColumn().columnHidden = true;
  // Excel grows rows for wrapped text itself when asked, so the layout's estimated heights are not needed here.
  if (rows) sheet.getRangeByIndexes(0, 0, rows, width).format.autofitRows();
  // One call for both: freezeColumns after freezeRows would leave only the columns frozen.
  const { rows: frozenRows = 0, cols: frozenCols = 0 } = layout.freeze ?? {};
  if (frozenRows && frozenCols) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, frozenRows, frozenCols));
  else if (frozenRows) sheet.freezePanes.freezeRows(frozenRows);
  else if (frozenCols) sheet.freezePanes.freezeColumns(frozenCols);
  for (const cf of layout.conditionalFormats) {
    await budget.spend(cf);
    addConditionalFormat(sheet, cf);
  }
  const page = sheet.pageLayout;
  page.orientation = layout.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.paperSize = 'A4';
  if (layout.print.fitToWidth) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (layout.print.repeatRows) page.setPrintTitleRows(`$${layout.print.repeatRows.first + 1}:$${layout.print.repeatRows.last + 1}`);
  if (layout.print.area) page.setPrintArea(layout.print.area);
  const pages = page.headersFooters.defaultForAllPages;
  const { header, footer } = layout.print;
  if (header?.left) pages.leftHeader = header.left;
  if (header?.center) pages.centerHeader = header.center;
  if (header?.right) pages.rightHeader = header.right;
  if (footer?.left) pages.leftFooter = footer.left;
  if (footer?.center) pages.centerFooter = footer.center;
  if (footer?.right) pages.rightFooter = footer.right;
  // Pages that keep an area together start where the layout says (ExcelApi 1.9).
  for (const row of layout.rowBreaks ?? []) sheet.horizontalPageBreaks.add(sheet.getRangeByIndexes(row, 0, 1, 1));
  // The inputs fold away as one group beside the printed columns.
  if (layout.outlineColumns && !grouped) {
    const [from, to] = layout.outlineColumns;
    sheet.getRangeByIndexes(0, from, 1, to - from + 1).getEntireColumn().group('ByColumns');
  }
  if (layout.autoFilter) sheet.autoFilter.apply(sheet.getRange(layout.autoFilter));
  if (layout.tabColor) sheet.tabColor = color(layout.tabColor);
  if (options.features?.notes) {
    for (const note of layout.notes) {
      await budget.spend(note);
      sheet.notes.add(sheet.getRange(note.cell), note.text);
    }
  }
  // Links within the workbook (ExcelApi 1.7); the cell keeps its own text.
  for (const link of layout.links ?? []) {
    await budget.spend(link);
    sheet.getRange(link.cell).hyperlink = { documentReference: `${quoteSheet(link.sheet)}!${link.target}` };
  }
  for (const c of layout.charts) {
    await budget.spend(c);
    const chart = sheet.charts.add(c.kind === 'line' ? 'LineMarkers' : 'BarClustered', sheet.getRange(c.source), 'Columns');
    chart.title.text = c.title;
    chart.setPosition(c.anchor.from, c.anchor.to);
    const axis = chart.axes.valueAxis;
    axis.minimum = c.axis.min;
    if (c.axis.max !== undefined) axis.maximum = c.axis.max;
    axis.numberFormat = c.axis.format;
  }
}

function suspend(context: Excel.RequestContext, options: WriteOptions): void {
  context.application.suspendApiCalculationUntilNextSync();
  if (options.features?.screenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
}

/**
 * Writes every sheet of the layout. A sheet the add-in wrote before under the same name is
 * updated in place (unless it is to be kept under a new name); an earlier sheet of a kind the
 * layout has one of, under another name, goes. The layout's names never collide with a user's
 * sheets because the pipeline reserves them. Per sheet two requests, the
 * contents and then the formatting, each split further only where it would pass the size limit.
 */
export async function writeWorkbook(context: Excel.RequestContext, layout: WorkbookLayout, read: WorkbookRead, options: WriteOptions = {}): Promise<void> {
  const limit = options.requestLimit ?? REQUEST_LIMIT;
  const sheets = context.workbook.worksheets;
  const inPlace = (name: string) => read.owned.has(name) && !options.keepAs?.has(name);
  const earlier = await loadEarlier(context, layout.sheets.map((s) => s.name).filter(inPlace), options);
  const budget = new Budget(context, options, limit);
  await budget.spend(undefined);
  // Sheets of one kind per workbook (problems, overview, shortfalls) are replaced by the new one.
  const replacing = new Set(layout.sheets.map((s) => s.name));
  const singles = new Set<string>(layout.sheets.map((s) => s.role).filter((r) => r !== 'score'));
  // A new overview replaces the last one's trend sheet too, even when it has none of its own.
  if (singles.has('overview')) singles.add('trend');
  // Earlier score sheets the user chose to keep move aside under their new names first.
  for (const [from, to] of options.keepAs ?? []) if (read.owned.has(from) && !read.names.includes(to)) sheets.getItem(from).name = to;
  // A sheet of the same name is updated in place; other sheets of a kind the layout has one of go.
  for (const [name, role] of read.owned) {
    if (!replacing.has(name) && singles.has(role)) sheets.getItem(name).delete();
  }

  for (const [i, sheetLayout] of layout.sheets.entries()) {
    const rows = rowsOf(sheetLayout);
    const width = Math.max(1, rows.width, sheetLayout.columnWidths.length);
    const before = earlier.get(sheetLayout.name);
    const shape = read.shapes.get(sheetLayout.name);
    const sheet = before?.sheet ?? sheets.add(sheetLayout.name);
    if (before) clearEarlier(before, read.extents.get(sheetLayout.name), shape, sheetLayout, rows.length, width);
    sheet.customProperties.add(OWNER_KEY, sheetLayout.role);
    if (sheetLayout.shape) sheet.customProperties.add(SHAPE_KEY, shapeText(sheetLayout.shape, sheetLayout.outlineColumns));
    // Formulas where the layout has them, values elsewhere: Excel computes the rest itself.
    await writeCells(sheet, rows, width, !!sheetLayout.rows || !!sheetLayout.formulas, budget, limit);
    await budget.flush();
    await queueFormatting(sheet, sheetLayout, rows.length, width, options, budget, !!before && sameOutline(shape, sheetLayout));
    if (i === 0) sheet.activate();
    await budget.flush();
    options.onSheet?.(i + 1, layout.sheets.length);
  }
  // Writes ran with calculation suspended, and nothing recalculates them until asked; asked in a
  // request of its own, as one that suspends calculation would not calculate.
  context.application.calculate('Recalculate');
  await context.sync();
}
