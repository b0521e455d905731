/**
 * Renders the workbook layout into the open workbook with Office.js: the same model the workbook file
 * writer renders. Per sheet two syncs: number formats and values first (formats first, so a cell
 * formatted as text takes its text as text), then everything else.
 * A sheet whose values would pass Excel on the web's 5 MB request limit is written in row slices.
 * Only sheets the add-in creates are written; a user's sheet is never touched.
 */
import { cellTextWithin, type CellStyle, type ConditionalFormat, type SheetLayout, type WorkbookLayout } from '../layout/model';
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
function clearEarlier(earlier: Earlier, extent: { rows: number; cols: number } | undefined, shape: KeptShape | undefined, layout: SheetLayout, width: number): void {
  const { sheet } = earlier;
  const all = sheet.getRangeByIndexes(0, 0, Math.max(extent?.rows ?? 0, layout.values.length, 1), Math.max(extent?.cols ?? 0, width));
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

const cellInput = (v: unknown) => (typeof v === 'string' ? asText(cellTextWithin(v)) : v);

/** Rows padded to one width, as Office.js wants rectangles. */
function rectangle<T>(rows: T[][], width: number, fill: T): T[][] {
  return rows.map((row) => (row.length === width ? row : [...row, ...new Array(width - row.length).fill(fill)]));
}

/** Row slices that stay under the limit, as JSON would carry them, with each slice's size. */
export function slices(rows: unknown[][], limit: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, r) => {
    const size = JSON.stringify(row).length + 2;
    if (r > start && bytes + size > limit) {
      out.push([start, r, bytes]);
      start = r;
      bytes = 0;
    }
    bytes += size;
  });
  out.push([start, rows.length, bytes]);
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
 * Runs of one R1C1 formula down a column (earned, status and the like are the same in every row).
 * Office.js applies a single formula to a whole range, so a run travels once instead of once a row.
 */
export function formulaRuns(formulas: (string | null)[][], width: number): FormulaRun[] {
  const runs: FormulaRun[] = [];
  for (let c = 0; c < width; c++) {
    let from = 0;
    for (let r = 1; r <= formulas.length; r++) {
      const f = formulas[from]?.[c];
      if (r < formulas.length && formulas[r]?.[c] === f) continue;
      // Worth an action of its own only where the copies it saves outweigh the action.
      if (f && (f.length + 4) * (r - from - 1) > RUN_OVERHEAD) runs.push({ col: c, from, to: r, formula: f });
      from = r;
    }
  }
  return runs;
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
async function queueFormatting(sheet: Excel.Worksheet, layout: SheetLayout, width: number, options: WriteOptions, budget: Budget, grouped = false): Promise<void> {
  for (const { range, style } of layout.styles) {
    await budget.spend([range, style]);
    applyStyle(sheet.getRange(range), style);
  }
  await budget.spend(layout.columnWidths);
  layout.columnWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHAR));
  for (const c of layout.hiddenColumns ?? []) sheet.getRangeByIndexes(0, c, 1, 1).getEntireColumn().columnHidden = true;
  // Excel grows rows for wrapped text itself when asked, so the layout's estimated heights are not needed here.
  if (layout.values.length) sheet.getRangeByIndexes(0, 0, layout.values.length, width).format.autofitRows();
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
    const width = Math.max(1, ...sheetLayout.values.map((r) => r.length), sheetLayout.columnWidths.length);
    // Formulas where the layout has them, values elsewhere: Excel computes the rest itself. A
    // formula repeated down a column is left out of the grid (null leaves a cell as it is) and set
    // on its whole run afterwards.
    const runs = sheetLayout.formulas ? formulaRuns(sheetLayout.formulas, width) : [];
    const inRun = new Set(runs.flatMap((run) => Array.from({ length: run.to - run.from }, (_, i) => (run.from + i) * width + run.col)));
    const cells = sheetLayout.formulas
      ? sheetLayout.values.map((row, r) =>
          row.map((v, c) => {
            const f = sheetLayout.formulas![r]?.[c];
            return f ? (inRun.has(r * width + c) ? null : `=${f}`) : cellInput(v);
          }),
        )
      : sheetLayout.values.map((row) => row.map(cellInput));
    const values = rectangle(cells, width, null);
    // null leaves a cell's format as it is: General, on a new sheet.
    const formats = rectangle(sheetLayout.numberFormats, width, null);
    const before = earlier.get(sheetLayout.name);
    const shape = read.shapes.get(sheetLayout.name);
    const sheet = before?.sheet ?? sheets.add(sheetLayout.name);
    if (before) clearEarlier(before, read.extents.get(sheetLayout.name), shape, sheetLayout, width);
    sheet.customProperties.add(OWNER_KEY, sheetLayout.role);
    if (sheetLayout.shape) sheet.customProperties.add(SHAPE_KEY, shapeText(sheetLayout.shape, sheetLayout.outlineColumns));
    // Formats go first in each slice's request, so a text-formatted cell keeps its text.
    const formatSlices = new Map(slices(formats, limit).map(([from, to, bytes]) => [from, { to, bytes }]));
    for (const [from, to, bytes] of slices(values, limit)) {
      for (const [start, { to: end, bytes: size }] of formatSlices) {
        if (start >= to) break;
        await budget.spend(null, size);
        sheet.getRangeByIndexes(start, 0, end - start, width).numberFormat = formats.slice(start, end);
        formatSlices.delete(start);
      }
      await budget.spend(null, bytes);
      const range = sheet.getRangeByIndexes(from, 0, to - from, width);
      if (sheetLayout.formulas) range.formulasR1C1 = values.slice(from, to) as unknown[][];
      else range.values = values.slice(from, to) as unknown[][];
    }
    for (const run of runs) {
      await budget.spend(null, run.formula.length + RUN_OVERHEAD);
      // A single value is applied to every cell of the range (Range.formulasR1C1); the typings
      // know only the 2D form.
      (sheet.getRangeByIndexes(run.from, run.col, run.to - run.from, 1) as unknown as { formulasR1C1: string }).formulasR1C1 = `=${run.formula}`;
    }
    await budget.flush();
    await queueFormatting(sheet, sheetLayout, width, options, budget, !!before && sameOutline(shape, sheetLayout));
    if (i === 0) sheet.activate();
    await budget.flush();
    options.onSheet?.(i + 1, layout.sheets.length);
  }
  // Writes ran with calculation suspended, and nothing recalculates them until asked; asked in a
  // request of its own, as one that suspends calculation would not calculate.
  context.application.calculate('Recalculate');
  await context.sync();
}
