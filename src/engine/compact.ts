/**
 * A data sheet's cells kept by column (`CompactCells`): how an adapter builds them as cells
 * stream by, and how data references read them without an array of a million values.
 */
import type { CellVisit, DataCells } from './dataRefs';
import { dateFromSerial } from './parse';
import { CELL_KIND, type CellValue, type CompactCells, type CompactColumn, type SheetGrid } from './types';

/** Rows a column first has room for; it doubles as rows come. */
const FIRST_ROOM = 256;

/** One column as it fills: room for each row's kind and number, doubled when a row past it comes. */
class ColumnCells implements CompactColumn {
  kinds = new Uint8Array(FIRST_ROOM);
  numbers = new Float64Array(FIRST_ROOM);
  readonly others = new Map<number, CellValue>();

  room(i: number): void {
    if (i < this.kinds.length) return;
    let size = this.kinds.length * 2;
    while (size <= i) size *= 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const numbers = new Float64Array(size);
    numbers.set(this.numbers);
    this.kinds = kinds;
    this.numbers = numbers;
  }

  set(i: number, kind: number, n: number, value?: CellValue): void {
    this.room(i);
    if (this.kinds[i] === CELL_KIND.other) this.others.delete(i);
    this.kinds[i] = kind;
    this.numbers[i] = n;
    if (kind === CELL_KIND.other) this.others.set(i, value);
  }
}

/** Builds the compact cells of a sheet from grid row `top` on, a cell at a time, in any order. */
export class CompactBuilder {
  private readonly columns = new Map<number, ColumnCells>();
  private rows = 0;

  constructor(readonly top: number) {}

  /** A number, or with `date` a date as its serial day (as `dateFromSerial` reads it). */
  number(row: number, col: number, n: number, date: boolean): void {
    this.column(row, col).set(row - this.top, date ? CELL_KIND.date : CELL_KIND.number, n);
  }

  /** Any other value: text, a truth value, an error, a Date, or null for an empty cell kept for its format. */
  other(row: number, col: number, value: CellValue): void {
    this.column(row, col).set(row - this.top, CELL_KIND.other, NaN, value);
  }

  /** The cells, or null when no row from `top` on holds one. */
  cells(): CompactCells | null {
    return this.rows ? { top: this.top, rows: this.rows, columns: this.columns } : null;
  }

  private column(row: number, col: number): ColumnCells {
    this.rows = Math.max(this.rows, row - this.top + 1);
    let column = this.columns.get(col);
    if (!column) this.columns.set(col, (column = new ColumnCells()));
    return column;
  }
}

/** A compact cell as the plain value an adapter would have given: a date as a Date, no cell as undefined. */
function compactValue(column: CompactColumn | undefined, i: number): CellValue {
  if (!column || i >= column.kinds.length) return undefined;
  switch (column.kinds[i]) {
    case CELL_KIND.number:
      return column.numbers[i];
    case CELL_KIND.date:
      return dateFromSerial(column.numbers[i]);
    case CELL_KIND.other:
      return column.others.get(i);
    default:
      return undefined;
  }
}

/** One cell of a grid (row and column of the grid), whichever form holds it. */
export function cellOf(grid: SheetGrid, row: number, col: number): CellValue {
  const compact = grid.compact;
  if (!compact || row < compact.top) return grid.values[row]?.[col];
  return compactValue(compact.columns.get(col), row - compact.top);
}

/** Rows of a grid, whichever form holds them. */
export const gridHeight = (grid: SheetGrid): number => (grid.compact ? grid.compact.top + grid.compact.rows : grid.values.length);

/** The widest column of a grid's compact cells (0 without any). */
export function compactWidth(grid: SheetGrid): number {
  let width = 0;
  for (const col of grid.compact?.columns.keys() ?? []) width = Math.max(width, col + 1);
  return width;
}

/**
 * Rows `first` to `last` and columns `left` to `right` of a grid (rows and columns of the grid),
 * row by row as data references read them, straight from its compact columns where it has them:
 * numbers as numbers, dates as serial days, no Date and no array of the cells made. A row the
 * grid's `values` lack (a hole an adapter left) holds no cells, as it always has.
 */
export function gridRange(grid: SheetGrid, first: number, last: number, left: number, right: number): DataCells {
  const width = Math.max(0, right - left + 1);
  const top = grid.compact?.top ?? Infinity;
  const headLast = Math.min(last, top - 1);
  let rows = Math.max(0, last - Math.max(first, top) + 1);
  for (let r = first; r <= headLast; r++) if (grid.values[r]) rows++;
  return {
    length: rows * width,
    each(visit) {
      for (let r = first; r <= headLast; r++) {
        const row = grid.values[r];
        if (!row) continue;
        for (let c = left; c <= right; c++) {
          const v = row[c];
          if (typeof v === 'number') visit(CELL_KIND.number, v, v);
          else visit(CELL_KIND.other, NaN, v);
        }
      }
      if (grid.compact) compactRows(grid.compact, Math.max(first, top) - top, last - top, left, right, visit);
    },
  };
}

/** Rows `from` to `to` (from the compact cells' top) of columns `left` to `right`, row by row. */
function compactRows(compact: CompactCells, from: number, to: number, left: number, right: number, visit: CellVisit): void {
  const columns = Array.from({ length: right - left + 1 }, (_, i) => compact.columns.get(left + i));
  for (let i = from; i <= to; i++) {
    for (const column of columns) {
      const kind = column && i < column.kinds.length ? column.kinds[i] : CELL_KIND.none;
      if (kind === CELL_KIND.number || kind === CELL_KIND.date) visit(kind, column!.numbers[i], undefined);
      else visit(CELL_KIND.other, NaN, kind === CELL_KIND.other ? column!.others.get(i) : undefined);
    }
  }
}
