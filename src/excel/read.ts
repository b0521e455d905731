/**
 * Reads the open workbook for the pipeline in three syncs for a workbook of ordinary size: the
 * sheet names first, then the owner marks and the size of each sheet's used range, then the values
 * and number formats. A workbook whose cells would pass Excel on the web's 5 MB response limit is
 * read in row slices over more syncs, and a slice Excel still refuses as too large is read again
 * in halves. Plans and the data ranges they refer to are then found in memory.
 */
import type { CellValue, SheetGrid } from '../engine';
import type { ScoreShape } from '../layout/model';

/** The worksheet custom property that marks a sheet as the add-in's own. */
export const OWNER_KEY = 'goalscore.role';
/** The worksheet custom property that keeps a score sheet's shape, for a rerun to update it in place. */
export const SHAPE_KEY = 'goalscore.shape';

/** A score sheet's shape as kept on the sheet, with the columns it grouped. */
export interface KeptShape extends ScoreShape {
  outline?: [number, number];
}

/** The shape as a worksheet property's text: short keys, well under the 255 characters a value may hold. */
export function shapeText(shape: ScoreShape, outline?: [number, number]): string {
  return JSON.stringify({ k: shape.key, i: shape.id, n: shape.note, p: shape.planNote, f: shape.first, l: shape.last, ...(outline ? { o: outline } : {}) });
}

/** The shape read back; null for anything else, so a damaged property only costs the in-place update. */
export function readShape(text: unknown): KeptShape | null {
  try {
    const s = JSON.parse(String(text)) as Record<string, unknown>;
    const n = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
    if (typeof s.k !== 'string' || ![s.i, s.n, s.p, s.f, s.l].every(n) || (s.l as number) < (s.f as number)) return null;
    const o = Array.isArray(s.o) && s.o.length === 2 && s.o.every(n) ? (s.o as [number, number]) : undefined;
    return { key: s.k, id: s.i as number, note: s.n as number, planNote: s.p as number, first: s.f as number, last: s.l as number, outline: o };
  } catch {
    return null;
  }
}

export interface WorkbookRead {
  /** Every sheet the add-in does not own, as grids. */
  grids: SheetGrid[];
  /** Sheets the add-in wrote earlier, by name, with their role (`score`, `problems`). */
  owned: Map<string, string>;
  /** Every sheet name in the workbook, the user's and the add-in's. */
  names: string[];
  /** Whether the workbook's structure is protected: no sheet can then be added or deleted. */
  protected: boolean;
  /** The add-in's score sheets' shapes, by name, for updating them in place. */
  shapes: Map<string, KeptShape>;
  /** How far each of the add-in's sheets reaches from A1 (rows, columns), so a rerun clears all it wrote. */
  extents: Map<string, { rows: number; cols: number }>;
  /** Notes the user typed on the add-in's score sheets, by sheet name and goal ID. */
  kept: Map<string, Map<string, string>>;
}

/** Excel hands error values over as text such as `#DIV/0!`. */
function cell(value: unknown): CellValue {
  if (typeof value === 'string' && /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!)$/.test(value)) {
    return { error: value };
  }
  return value as CellValue;
}

/** Responses stay under this many bytes; Excel on the web refuses responses over 5 MB. */
export const RESPONSE_LIMIT = 4_000_000;
/** What one cell's value and number format take in a response, a generous estimate. */
const BYTES_PER_CELL = 40;

interface Slice {
  name: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Row slices of the used ranges, each under the response budget. */
function sliceSheets(sheets: Slice[], budget: number): Slice[] {
  return sheets.flatMap((sheet) => {
    const rowsPerSlice = Math.max(1, Math.floor(budget / (BYTES_PER_CELL * sheet.cols)));
    const out: Slice[] = [];
    for (let r = 0; r < sheet.rows; r += rowsPerSlice) out.push({ ...sheet, row: sheet.row + r, rows: Math.min(rowsPerSlice, sheet.rows - r) });
    return out;
  });
}

const isTooLarge = (e: unknown) => (e as { code?: string })?.code === 'ResponsePayloadSizeLimitExceeded';

/** Loads the slices' values and formats, as many per sync as fit the budget; halves what Excel refuses. */
async function loadSlices(context: Excel.RequestContext, slices: Slice[], budget: number): Promise<Map<Slice, { values: unknown[][]; formats: string[][] }>> {
  const out = new Map<Slice, { values: unknown[][]; formats: string[][] }>();
  // Slices still to load, last first, so taking the next is a pop rather than a copy of the rest.
  const queue = [...slices].reverse();
  const size = (s: Slice) => s.rows * s.cols * BYTES_PER_CELL;
  while (queue.length) {
    const batch: Slice[] = [];
    let bytes = 0;
    while (queue.length && (batch.length === 0 || bytes + size(queue[queue.length - 1]) <= budget)) {
      bytes += size(queue[queue.length - 1]);
      batch.push(queue.pop()!);
    }
    const ranges = batch.map((slice) => {
      const range = context.workbook.worksheets.getItem(slice.name).getRangeByIndexes(slice.row, slice.col, slice.rows, slice.cols);
      range.load(['values', 'numberFormat']);
      return range;
    });
    try {
      await context.sync();
    } catch (e) {
      const single = batch.length === 1 && batch[0].rows === 1;
      if (!isTooLarge(e) || single) throw e;
      // Smaller pieces: the batch split, or a single slice halved.
      queue.push(...(batch.length > 1 ? batch : sliceSheets(batch, Math.max(1, Math.floor(size(batch[0]) / 2)))).reverse());
      budget = Math.max(BYTES_PER_CELL, Math.floor(budget / 2));
      continue;
    }
    batch.forEach((slice, i) => out.set(slice, { values: ranges[i].values, formats: ranges[i].numberFormat as string[][] }));
  }
  return out;
}

export async function readWorkbook(context: Excel.RequestContext, responseLimit = RESPONSE_LIMIT): Promise<WorkbookRead> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const protection = context.workbook.protection;
  protection.load('protected');
  const marks = new Map<string, Excel.WorksheetCustomPropertyCollection>();
  await context.sync();
  // The owner marks and the size of every used range: little to carry, whatever the sheets hold.
  const used = sheets.items.map((sheet) => {
    const props = sheet.customProperties;
    props.load('items/key,items/value');
    marks.set(sheet.name, props);
    const range = sheet.getUsedRangeOrNullObject(true);
    range.load(['rowIndex', 'columnIndex', 'rowCount', 'columnCount']);
    return { name: sheet.name, range };
  });
  await context.sync();

  const owned = new Map<string, string>();
  const shapes = new Map<string, KeptShape>();
  for (const [name, props] of marks) {
    const mark = props.items.find((p) => p.key === OWNER_KEY);
    if (mark) owned.set(name, String(mark.value));
    const shape = mark && readShape(props.items.find((p) => p.key === SHAPE_KEY)?.value);
    if (shape) shapes.set(name, shape);
  }
  const extents = new Map(
    used.filter(({ name, range }) => owned.has(name) && !range.isNullObject).map(({ name, range }) => [name, { rows: range.rowIndex + range.rowCount, cols: range.columnIndex + range.columnCount }]),
  );
  // The goal rows' IDs and notes of each score sheet, read with the plans' cells.
  const noteRanges = [...shapes].map(([name, s]) => {
    const from = Math.min(s.id, s.note, s.planNote);
    const range = sheets.getItem(name).getRangeByIndexes(s.first, from, s.last - s.first + 1, Math.max(s.id, s.note, s.planNote) - from + 1);
    range.load('values');
    return { name, from, shape: s, range };
  });
  const wanted: Slice[] = used
    .filter(({ name, range }) => !owned.has(name) && !range.isNullObject)
    .map(({ name, range }) => ({ name, row: range.rowIndex, col: range.columnIndex, rows: range.rowCount, cols: range.columnCount }));
  const slices = sliceSheets(wanted, responseLimit);
  const loaded = await loadSlices(context, slices, responseLimit);
  // They ride along with the plans' first request; without one, or after a refused one, they get their own.
  const ridden = slices.length > 0 && noteRanges.every(({ range }) => loadedValues(range));
  if (noteRanges.length && !ridden) {
    noteRanges.forEach(({ range }) => range.load('values'));
    await context.sync();
  }
  const kept = new Map(noteRanges.map(({ name, from, shape, range }) => [name, typedNotes(range.values, shape, from)]));
  const grids: SheetGrid[] = wanted.map((sheet) => {
    const parts = [...loaded].filter(([slice]) => slice.name === sheet.name).sort(([a], [b]) => a.row - b.row);
    return {
      name: sheet.name,
      values: parts.flatMap(([, p]) => p.values.map((row) => row.map(cell))),
      formats: parts.flatMap(([, p]) => p.formats),
      origin: { row: sheet.row, col: sheet.col },
    };
  });
  return { grids, owned, names: sheets.items.map((s) => s.name), protected: protection.protected, shapes, extents, kept };
}

function loadedValues(range: Excel.Range): boolean {
  try {
    return Array.isArray(range.values);
  } catch {
    return false;
  }
}

/** The notes a user typed: a note cell that differs from the plan's note beside it, by goal ID. */
function typedNotes(values: unknown[][], shape: KeptShape, from: number): Map<string, string> {
  const out = new Map<string, string>();
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  for (const row of values) {
    const id = text(row[shape.id - from]);
    const note = text(row[shape.note - from]);
    if (id && note !== text(row[shape.planNote - from])) out.set(id, note);
  }
  return out;
}

/** Selects a cell for the user, e.g. from the problems list. One sync. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cellAddress: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cellAddress || 'A1').select();
  await context.sync();
}
