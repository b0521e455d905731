/**
 * What data references read, budgeted and read once. A plan may refer thousands of rows to the
 * same range of case data: each range is read once per kind of use and kept as a sorted summary,
 * so a row then costs a binary search, not a pass over the range. The cells read for summaries,
 * over all plans scored with one data source, are bounded: a reference past the budget is a
 * problem at its cell, not a long wait.
 */
import { workingDaysBetween } from './calendar';
import { dateCellDay, isBlank, parseDate, parsePlain } from './parse';
import { CELL_KIND, type Calendar, type CellValue, type DataRef, type Parsed } from './types';

/**
 * Cells the data references of one workbook may go through together: sixteen times Excel's
 * 1,048,576 rows, so a case sheet of Excel's full height feeds eight requirements on pairs of
 * dates, or sixteen on one column.
 */
export const DATA_CELL_LIMIT = 2 ** 24;

/** A reference not read: the workbook's data references have gone through `limit` cells already, or it alone would. */
export interface DataRefused {
  refused: true;
  limit: number;
}

/**
 * One cell of a range: a number (`kind` number, `n`), a date as its serial day (`kind` date, `n`,
 * as `dateFromSerial` reads it), or any other value, no cell included (`kind` other, `value`).
 */
export type CellVisit = (kind: number, n: number, value: CellValue) => void;

/** A range's cells without an array of them: how many, and each in turn, row by row, left to right. */
export interface DataCells {
  readonly length: number;
  each(visit: CellVisit): void;
}

/**
 * Values of a data reference, or null when its sheet does not exist. A source may refuse a range
 * larger than the whole budget before it builds it, with `refusedRange`.
 */
export type DataSource = (ref: DataRef) => CellValue[] | DataCells | null;

/** The cells of an array of values. */
function arrayCells(values: CellValue[]): DataCells {
  return {
    length: values.length,
    each(visit) {
      for (const v of values) {
        if (typeof v === 'number') visit(CELL_KIND.number, v, v);
        else visit(CELL_KIND.other, NaN, v);
      }
    },
  };
}

/** What a source returns for a range it will not build: no values, and the limit it passed. */
export const refusedRange = (limit: number): CellValue[] => Object.assign([] as CellValue[], { refusedAt: limit });
const refusedAt = (values: CellValue[]) => (values as CellValue[] & { refusedAt?: number }).refusedAt;

/** The numbers of a range, ascending, and their running sums (`sums[i]`: the first `i` added in order). */
export interface NumberSummary {
  sorted: Float64Array;
  sums: Float64Array;
}

/** How many of the ascending values are at most `limit`. */
export function countAtMost(sorted: Float64Array, limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The numbers of a range: numbers, and texts that read as plain numbers; dates and all else left out. */
function numbersOf(cells: DataCells): NumberSummary {
  const numbers: number[] = [];
  cells.each((kind, n, v) => {
    if (kind === CELL_KIND.number) {
      if (Number.isFinite(n)) numbers.push(n);
    } else if (typeof v === 'string' && !isBlank(v)) {
      const p = parsePlain(v);
      if (p.ok && !Number.isNaN(p.value)) numbers.push(p.value);
    }
  });
  const sorted = Float64Array.from(numbers).sort();
  const sums = new Float64Array(sorted.length + 1);
  for (let i = 0; i < sorted.length; i++) sums[i + 1] = sums[i] + sorted[i];
  return { sorted, sums };
}

/** Working days between each pair of dates (start, end) of the values, ascending; pairs without both dates left out. */
function workingDaysOf(cells: DataCells, calendar: Calendar, year: number | null): Float64Array {
  const days: number[] = [];
  let start: Parsed<number> | null = null;
  cells.each((kind, n, v) => {
    const date = kind === CELL_KIND.date ? dateCellDay(n) : parseDate(kind === CELL_KIND.number ? n : v, year);
    if (!start) start = date;
    else {
      if (start.ok && date.ok) days.push(workingDaysBetween(start.value, date.value, calendar));
      start = null;
    }
  });
  // NaN (dates past JavaScript's) sorts last and is never within a limit, as before.
  return Float64Array.from(days).sort();
}

const keyOf = (ref: DataRef) => `${ref.sheet.toLowerCase()}!${ref.top},${ref.left},${ref.bottom},${ref.right}`;

/** The summaries of one data source, and what is left of its budget. */
export class DataReader {
  private left: number;
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly source: DataSource,
    readonly limit = DATA_CELL_LIMIT,
  ) {
    this.left = limit;
  }

  numbers(ref: DataRef): NumberSummary | DataRefused | null {
    return this.summary(`n|${keyOf(ref)}`, ref, numbersOf);
  }

  /** Working days of each pair of dates, ascending; `year` reads dates written without one. */
  workingDays(ref: DataRef, calendar: Calendar, year: number | null): Float64Array | DataRefused | null {
    return this.summary(`w|${calendar}|${year}|${keyOf(ref)}`, ref, (values) => workingDaysOf(values, calendar, year));
  }

  private summary<T>(key: string, ref: DataRef, make: (cells: DataCells) => T): T | DataRefused | null {
    if (this.cache.has(key)) return this.cache.get(key) as T | DataRefused | null;
    const result = this.read(ref, make);
    this.cache.set(key, result);
    return result;
  }

  private read<T>(ref: DataRef, make: (cells: DataCells) => T): T | DataRefused | null {
    if (this.left <= 0) return { refused: true, limit: this.limit };
    const values = this.source(ref);
    if (values === null) return null;
    const refused = Array.isArray(values) ? refusedAt(values) : undefined;
    if (refused !== undefined) return { refused: true, limit: refused };
    this.left -= values.length;
    return this.left < 0 ? { refused: true, limit: this.limit } : make(Array.isArray(values) ? arrayCells(values) : values);
  }
}

const readers = new WeakMap<DataSource, DataReader>();

/** The one reader of a data source: every plan scored with it shares its summaries and its budget. */
export function dataReader(source: DataSource): DataReader {
  let reader = readers.get(source);
  if (!reader) readers.set(source, (reader = new DataReader(source)));
  return reader;
}

export const isRefused = (x: unknown): x is DataRefused => typeof x === 'object' && x !== null && (x as DataRefused).refused === true;
