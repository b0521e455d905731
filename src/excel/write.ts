/**
 * Renders the workbook layout into the open workbook with Office.js: the same model the workbook file
 * writer renders. Nothing the user sees changes until everything is written: each sheet's contents
 * go to a temporary sheet of the add-in's first (number formats and values, then styles and rules),
 * and one last request puts them in place, renames, deletes and recalculates. A failure before it
 * removes the temporary sheets and leaves the workbook as it was. Requests are costed per action
 * as office.js sends them (./cost), so none passes Excel on the web's 5 MB limit.
 * Only sheets the add-in creates are written; a user's sheet is never touched.
 */
import { cellTextWithin, type LayoutRow, type RowSource, type SheetLayout, type WorkbookLayout } from '../layout/model';
import { rowsOf } from '../layout/rows';
import { OWNER_KEY, SHAPE_KEY, shapeText, type KeptShape, type WorkbookRead } from './read';
import { actionCost, pathCost, REQUEST_FRAME, setCost, utf8Bytes } from './cost';
import { OfficeFailure } from './failures';
import { addConditionalFormat, addCharts, applyStyle, clearEarlier, conditionalCost, setupCost, setUpSheet, styleCost, type Earlier, type SetUp } from './sheetParts';

/** Requests stay under this many bytes; Excel on the web refuses payloads over 5 MB. */
export const REQUEST_LIMIT = 4_500_000;
/** The role that marks a sheet being written, until it takes its place. */
export const TEMPORARY_ROLE = 'temporary';

export interface WriteOptions {
  /** Requirement sets above the manifest's minimum, as the host reports them. */
  features?: { notes?: boolean; screenUpdating?: boolean };
  requestLimit?: number;
  /** Called after each sheet, for progress bars. */
  onSheet?: (done: number, total: number) => void;
  /** Earlier score sheets to keep under a new name (old name to new) instead of updating them. */
  keepAs?: ReadonlyMap<string, string>;
}

/**
 * Text as Excel must store it. Excel reads text written to a cell as if typed (in en-US, whatever
 * the user's locale): `1.10`, `2.3.1` or `1-3` become numbers or dates, `=`, `+`, `-` and `@` start
 * formulas, TRUE becomes a truth value. A leading apostrophe keeps such text as it is (and is not
 * stored). A cell formatted as text (`@`) keeps what it is given, so it gets no apostrophe.
 */
export function asText(value: string): string {
  return /^[=+\-@']|\d|^\s*(?:true|false|sand|falsk|sann|usann)\s*$/i.test(value) ? `'${value}` : value;
}

const cellInput = (v: unknown, format: string | null | undefined) => (typeof v !== 'string' ? v : format === '@' ? cellTextWithin(v) : asText(cellTextWithin(v)));

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

/** What a slice of cells shares its request with, generously: the frame, calculation suspended, sheet paths, its range and action. */
const SLICE_OVERHEAD = 4_000;

/** What one range action costs besides its payload: the range's object path and the action. */
const RUN_OVERHEAD = pathCost('getRangeByIndexes', [0, 0, 0, 0]) + actionCost('formulasR1C1');

/** The object paths to the two sheets a request may reach (the workbook's worksheets, a sheet by its name). */
const SHEET_PATHS = 2 * (pathCost('worksheets') + pathCost('getItem', ['_'.repeat(31)]));

/**
 * Counts what is queued for the next request, by office.js's own serialization, and syncs just
 * before it would pass the limit, so no request is refused for its size, whatever the sheet holds.
 */
export class Budget {
  private used = 0;
  constructor(
    private readonly context: Excel.RequestContext,
    private readonly limit: number,
    /** Suspends calculation (and screen updating) at the start of each request; off for the last. */
    private readonly suspend: (() => number) | null,
  ) {}

  async spend(bytes: number): Promise<void> {
    if (this.used > 0 && this.used + bytes > this.limit) await this.flush();
    // Each request reaches its sheets anew: their object paths, counted once a request.
    if (this.used === 0) this.used = REQUEST_FRAME + SHEET_PATHS + (this.suspend?.() ?? 0);
    this.used += bytes;
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.context.sync();
    this.used = 0;
  }
}

function suspender(context: Excel.RequestContext, options: WriteOptions): () => number {
  return () => {
    context.application.suspendApiCalculationUntilNextSync();
    if (options.features?.screenUpdating) context.application.suspendScreenUpdatingUntilNextSync();
    return pathCost('application') + actionCost('suspendApiCalculationUntilNextSync') * 2;
  };
}

/**
 * Rows gathered for one request as they are made: their number formats, then their values and
 * formulas. A formula repeated down a column (earned, status and the like are the same in every
 * row) is left out of the grid (null leaves a cell as it is) and set afterwards on its whole run:
 * Office.js applies a single formula to a whole range, so a run travels once instead of once a row.
 * Sizes are counted as office.js sends them (./cost), so a batch stays under the request limit.
 */
export class RowBatch {
  readonly values: unknown[][] = [];
  readonly formats: (string | null)[][] = [];
  readonly runs: FormulaRun[] = [];
  /** The whole batch's cost: its values, its formats and its runs' actions. */
  bytes = 0;
  /** The JSON sizes of the values and of the formats, as their grids are sent. */
  valueBytes = 2;
  formatBytes = 2;
  /** Each column's run in progress. */
  private readonly open: (FormulaRun | undefined)[] = [];

  constructor(
    readonly from: number,
    private readonly width: number,
  ) {}

  /** A row's cells as this batch carries them, and what they add to its size. */
  take(row: LayoutRow): { values: unknown[]; formats: (string | null)[]; bytes: number; valueBytes: number; formatBytes: number; runs: FormulaRun[] } {
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
          bytes += RUN_OVERHEAD + utf8Bytes(JSON.stringify([`=${f}`]));
        }
        continue;
      }
      // null leaves a cell's format as it is: General, on a new sheet.
      values[c] = f ? `=${f}` : cellInput(row.values[c] ?? null, row.formats[c]);
    }
    const formats = padded(row.formats, this.width, null);
    const valueBytes = utf8Bytes(JSON.stringify(values)) + 1;
    const formatBytes = utf8Bytes(JSON.stringify(formats)) + 1;
    return { values, formats, bytes: bytes + valueBytes + formatBytes, valueBytes, formatBytes, runs };
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
    this.valueBytes += taken.valueBytes;
    this.formatBytes += taken.formatBytes;
  }
}

/** A batch's number formats (first, so a text-formatted cell keeps its text), its values and formulas, then its runs. */
async function sendBatch(sheet: Excel.Worksheet, b: RowBatch, width: number, withFormulas: boolean, budget: Budget): Promise<void> {
  if (!b.values.length) return;
  const range = () => sheet.getRangeByIndexes(b.from, 0, b.values.length, width);
  const path = pathCost('getRangeByIndexes', [b.from, 0, b.values.length, width]);
  await budget.spend(path + setCost('numberFormat', b.formatBytes));
  range().numberFormat = b.formats;
  await budget.spend(path + setCost('formulasR1C1', b.valueBytes));
  if (withFormulas) range().formulasR1C1 = b.values;
  else range().values = b.values;
  for (const run of b.runs) {
    await budget.spend(pathCost('getRangeByIndexes', [run.from, run.col, run.to - run.from, 1]) + actionCost('formulasR1C1', [`=${run.formula}`]));
    // A single value is applied to every cell of the range (Range.formulasR1C1); the typings know only the 2D form.
    (sheet.getRangeByIndexes(run.from, run.col, run.to - run.from, 1) as unknown as { formulasR1C1: string }).formulasR1C1 = `=${run.formula}`;
  }
}

/**
 * The sheet's cells, in requests under the limit: rows are made one at a time and gathered into
 * batches, each sent as its formats, its values and formulas, and the runs of formulas it holds.
 */
async function writeCells(sheet: Excel.Worksheet, rows: RowSource, width: number, withFormulas: boolean, budget: Budget, limit: number): Promise<void> {
  // A batch shares its request with the request's frame, the suspension of calculation, its ranges and actions.
  const room = limit - SLICE_OVERHEAD;
  let batch = new RowBatch(0, width);
  for (let r = 0; r < rows.length; r++) {
    const row = rows.row(r);
    let taken = batch.take(row);
    if (batch.values.length && batch.bytes + taken.bytes > room) {
      await sendBatch(sheet, batch, width, withFormulas, budget);
      batch = new RowBatch(r, width);
      taken = batch.take(row);
    }
    batch.add(row, taken);
  }
  await sendBatch(sheet, batch, width, withFormulas, budget);
}

/** Styles and conditional formats: what belongs to cells and travels with them. */
async function writeCellFormats(sheet: Excel.Worksheet, layout: SheetLayout, budget: Budget): Promise<void> {
  for (const { range, style } of layout.styles) {
    await budget.spend(styleCost(range, style));
    applyStyle(sheet.getRange(range), style);
  }
  for (const cf of layout.conditionalFormats) {
    await budget.spend(conditionalCost(cf));
    addConditionalFormat(sheet, cf);
  }
}

/** Everything that belongs to the sheet rather than its cells: widths, panes, page, notes, links, charts, marks. */
async function writeSetup(sheet: Excel.Worksheet, layout: SheetLayout, setUp: SetUp, budget: Budget): Promise<void> {
  await budget.spend(setupCost(layout, setUp));
  setUpSheet(sheet, layout, setUp);
  for (const chart of layout.charts) {
    await budget.spend(pathCost('charts') + pathCost('add', ['BarClustered', chart.source, 'Columns']) + utf8Bytes(JSON.stringify(chart)) + 6 * actionCost('maximum', [0]));
    addCharts(sheet, [chart]);
  }
}

/** A name for a sheet being written: free, within 31 characters, plainly the add-in's. */
export function temporaryName(index: number, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  for (let n = index + 1; ; n += 1000) {
    const name = `goalscore ~${n}`;
    if (!used.has(name)) return name;
  }
}

/** The sheets a write will touch, loaded in one request: earlier sheets' charts, notes, filter and protection. */
async function loadEarlier(context: Excel.RequestContext, names: string[], options: WriteOptions): Promise<Map<string, Earlier>> {
  const out = new Map<string, Earlier>();
  for (const name of names) {
    const sheet = context.workbook.worksheets.getItem(name);
    const charts = sheet.charts.load('items/name');
    const notes = options.features?.notes ? sheet.notes.load('items') : null;
    const filter = sheet.autoFilter.load('enabled');
    const protection = sheet.protection.load('protected');
    out.set(name, { sheet, charts, notes, filter, protection });
  }
  if (out.size) await context.sync();
  return out;
}

/** What the write will do to the workbook's sheets besides writing its own. */
interface Plan {
  /** Earlier sheets of the add-in updated in place, by name. */
  inPlace: Map<string, Earlier>;
  /** Sheets to delete at the end: earlier single sheets replaced, and temporary sheets a failed write left. */
  deletes: string[];
  /** Earlier score sheets to keep under a new name. */
  renames: [string, string][];
}

async function planWrite(context: Excel.RequestContext, layout: WorkbookLayout, read: WorkbookRead, options: WriteOptions): Promise<Plan> {
  const replacing = new Set(layout.sheets.map((s) => s.name));
  const singles = new Set<string>(layout.sheets.map((s) => s.role).filter((r) => r !== 'score'));
  // A new overview replaces the last one's trend sheet too, even when it has none of its own.
  if (singles.has('overview')) singles.add('trend');
  const renames = [...(options.keepAs ?? [])].filter(([from, to]) => read.owned.has(from) && !read.names.includes(to));
  const deletes = [...read.owned].filter(([name, role]) => role === TEMPORARY_ROLE || (!replacing.has(name) && singles.has(role))).map(([name]) => name);
  const inPlaceNames = layout.sheets.map((s) => s.name).filter((n) => read.owned.has(n) && !options.keepAs?.has(n));
  const touched = await loadEarlier(context, [...new Set([...inPlaceNames, ...deletes, ...renames.map(([from]) => from)])], options);
  // A protected sheet would fail the write half-way: named before anything is written.
  const locked = [...touched].find(([, e]) => e.protection.protected);
  if (locked) throw new OfficeFailure('ProtectedSheet', { sheet: locked[0] });
  return { inPlace: new Map(inPlaceNames.map((n) => [n, touched.get(n)!])), deletes, renames };
}

/** Removes the temporary sheets of a write that failed, so the workbook is as it was; a failure here is left to the next run. */
async function discard(context: Excel.RequestContext, names: string[]): Promise<void> {
  try {
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    for (const sheet of sheets.items) if (names.includes(sheet.name)) sheet.delete();
    await context.sync();
  } catch {
    // The next run deletes what is left: the sheets are marked temporary.
  }
}

/**
 * Writes every sheet of the layout under a temporary name, then puts them in place in one last
 * request with the renames and deletes, and recalculates. A sheet the add-in wrote before under the
 * same name is updated in place (its contents copied in from the temporary sheet), so formulas on
 * the user's sheets that point into it keep pointing; an earlier sheet of a kind the layout has one
 * of, under another name, goes. The layout's names never collide with a user's sheets because the
 * pipeline reserves them.
 */
export async function writeWorkbook(context: Excel.RequestContext, layout: WorkbookLayout, read: WorkbookRead, options: WriteOptions = {}): Promise<void> {
  const limit = options.requestLimit ?? REQUEST_LIMIT;
  const plan = await planWrite(context, layout, read, options);
  const taken = [...read.names, ...layout.sheets.map((s) => s.name)];
  const temporary = layout.sheets.map((_, i) => temporaryName(i, taken));
  const budget = new Budget(context, limit, suspender(context, options));
  try {
    for (const [i, sheetLayout] of layout.sheets.entries()) {
      const rows = rowsOf(sheetLayout);
      const width = Math.max(1, rows.width, sheetLayout.columnWidths.length);
      await budget.spend(pathCost('add', [temporary[i]]) + actionCost('add', [OWNER_KEY, TEMPORARY_ROLE]));
      const sheet = context.workbook.worksheets.add(temporary[i]);
      sheet.customProperties.add(OWNER_KEY, TEMPORARY_ROLE);
      // Formulas where the layout has them, values elsewhere: Excel computes the rest itself.
      await writeCells(sheet, rows, width, !!sheetLayout.rows || !!sheetLayout.formulas, budget, limit);
      await budget.flush();
      await writeCellFormats(sheet, sheetLayout, budget);
      // A new sheet is set up where it is written; a sheet updated in place, once its cells are in.
      if (!plan.inPlace.has(sheetLayout.name)) await writeSetup(sheet, sheetLayout, { width, grouped: false, notes: options.features?.notes }, budget);
      await budget.flush();
      options.onSheet?.(i + 1, layout.sheets.length);
    }
  } catch (e) {
    await discard(context, temporary);
    throw e;
  }
  const put = { ...options, requestLimit: limit };
  try {
    await putInPlace(context, layout, read, plan, temporary, put);
  } catch {
    // The last request failed part-way, and what ran before its failure stands: the rest is done
    // now, once, so the run completes rather than leaving sheets half in place.
    await complete(context, layout, read, plan, temporary, put);
  }
}

/** Finishes what a failed last request left: renames, deletes and the sheets whose temporary sheet is still there. */
async function complete(context: Excel.RequestContext, layout: WorkbookLayout, read: WorkbookRead, plan: Plan, temporary: string[], options: WriteOptions): Promise<void> {
  const sheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  const present = new Set(sheets.items.map((s) => s.name));
  const pending = new Set(layout.sheets.flatMap((_, i) => (present.has(temporary[i]) ? [i] : [])));
  // Charts and notes of the sheets still to update are loaded again: those of the failed request may be gone.
  const again = await loadEarlier(context, [...pending].map((i) => layout.sheets[i].name).filter((n) => plan.inPlace.has(n)), options);
  const rest: Plan = { inPlace: again, deletes: plan.deletes.filter((n) => present.has(n)), renames: plan.renames.filter(([from]) => present.has(from)) };
  await putInPlace(context, layout, read, rest, temporary, options, (i) => pending.has(i));
}

/** The last request: renames and deletes, each sheet into its place, then a recalculation. */
async function putInPlace(
  context: Excel.RequestContext,
  layout: WorkbookLayout,
  read: WorkbookRead,
  plan: Plan,
  temporary: string[],
  options: WriteOptions,
  pending: (index: number) => boolean = () => true,
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const limit = options.requestLimit ?? REQUEST_LIMIT;
  // Calculation is not suspended here, so the request's own `calculate` calculates.
  const budget = new Budget(context, limit, null);
  for (const [from, to] of plan.renames) {
    await budget.spend(pathCost('getItem', [from]) + actionCost('name', [to]));
    sheets.getItem(from).name = to;
  }
  for (const name of plan.deletes) {
    await budget.spend(pathCost('getItem', [name]) + actionCost('delete'));
    sheets.getItem(name).delete();
  }
  for (const [i, sheetLayout] of layout.sheets.entries()) {
    if (!pending(i)) continue;
    const temp = sheets.getItem(temporary[i]);
    const earlier = plan.inPlace.get(sheetLayout.name);
    const marks = [[OWNER_KEY, sheetLayout.role], ...(sheetLayout.shape ? [[SHAPE_KEY, shapeText(sheetLayout.shape, sheetLayout.outlineColumns)]] : [])];
    if (earlier) {
      const width = Math.max(1, rowsOf(sheetLayout).width, sheetLayout.columnWidths.length);
      const shape: KeptShape | undefined = read.shapes.get(sheetLayout.name);
      await budget.spend(4 * pathCost('getRangeByIndexes', [0, 0, 0, 0]) + 12 * actionCost('clear', ['All']));
      const rows = clearEarlier(earlier, read.extents.get(sheetLayout.name), shape, sheetLayout, width);
      earlier.sheet.getRangeByIndexes(0, 0, rows, width).copyFrom(temp.getRangeByIndexes(0, 0, rows, width), 'All');
      await writeSetup(earlier.sheet, sheetLayout, { width, grouped: sameOutline(shape, sheetLayout), notes: options.features?.notes }, budget);
      temp.delete();
      for (const [key, value] of marks) earlier.sheet.customProperties.add(key, value);
    } else {
      await budget.spend(pathCost('getItem', [temporary[i]]) + actionCost('name', [sheetLayout.name]) + marks.length * actionCost('add', marks[0]));
      temp.name = sheetLayout.name;
      for (const [key, value] of marks) temp.customProperties.add(key, value);
    }
    if (i === 0) (earlier?.sheet ?? temp).activate();
  }
  // Writes ran with calculation suspended, and nothing recalculates them until asked.
  await budget.spend(actionCost('calculate', ['Recalculate']));
  context.application.calculate('Recalculate');
  await budget.flush();
}

/** Whether the sheet's column group is already where the layout wants it. */
export const sameOutline = (shape: KeptShape | undefined, layout: SheetLayout) =>
  !!shape?.outline && !!layout.outlineColumns && shape.outline[0] === layout.outlineColumns[0] && shape.outline[1] === layout.outlineColumns[1];
