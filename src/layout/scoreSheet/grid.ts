/**
 * The sheet being laid out: the rows above and below the goal table in parallel arrays (values,
 * number formats, formulas), with the styles and notes the builders add. Columns are found by key,
 * and cells are referred to in R1C1, so a formula reads the same in every row that shares it.
 * Alike goal rows share one formats array, as large plans need.
 */
import type { ScoreColumnKey } from '../../i18n';
import type { LayoutRow, LayoutValue, SheetLayout } from '../model';
import { absolute, rc } from '../r1c1';
import type { ScoreColumn } from './columns';

/** A cell: its value and its number format. */
export type Cell = [LayoutValue, string | null];

export const blank: Cell = [null, null];

const NONE: readonly never[] = Object.freeze([]);

/** Whether two rows of formats are the same, cell by cell. */
function sameRow(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

/** Ascending row numbers as runs of adjacent rows, `[first, last]`. */
export function runsOf(rows: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const last = runs[runs.length - 1];
    if (last && last[1] === row - 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

/**
 * Alike goal rows share one formats row, as they share formulas: a plan of tens of thousands of
 * rows has a few dozen kinds of row, and fewer arrays kept means less for the collector to copy.
 * Rows are found by a hash over small numbers for their formats; a key string per row would
 * allocate more than sharing saves.
 */
export class FormatRows {
  private readonly ids = new Map<string, number>();
  /** The format each column saw last and its number: a column mostly repeats its format. */
  private readonly lastFormat: (string | null)[];
  private readonly lastId: Int32Array;
  private readonly byHash = new Map<number, (string | null)[][]>();

  constructor(width: number) {
    this.lastFormat = new Array(width).fill(null);
    this.lastId = new Int32Array(width);
  }

  /** The shared row with these formats; `fmt` is copied, not kept, when it is the first of its kind. */
  share(fmt: readonly (string | null)[]): (string | null)[] {
    let hash = 0;
    for (let i = 0; i < fmt.length; i++) hash = (Math.imul(hash, 31) + this.id(i, fmt[i])) | 0;
    const bucket = this.byHash.get(hash) ?? this.byHash.set(hash, []).get(hash)!;
    for (const shared of bucket) if (sameRow(shared, fmt)) return shared;
    const row = fmt.slice();
    bucket.push(row);
    return row;
  }

  private id(col: number, format: string | null): number {
    if (format === null) return 0;
    if (format === this.lastFormat[col]) return this.lastId[col];
    let id = this.ids.get(format);
    if (id === undefined) this.ids.set(format, (id = this.ids.size + 1));
    this.lastFormat[col] = format;
    this.lastId[col] = id;
    return id;
  }
}

/** A cell laid over a row of the sheet after it was put (the word lookup beside the goal table). */
export interface Overlay {
  col: number;
  value: LayoutValue;
  formula: string | null;
}

/**
 * The sheet being laid out: the plan's columns, the rows put above and below the goal table
 * (values, formats, formulas) and the styles and notes. The goal table's rows are only reserved
 * here: they are made one at a time when a writer asks for them (see rows.ts), so a plan of a
 * hundred thousand goals is never held as rows of cells. Each builder of the score sheet adds one part.
 */
export class Grid {
  private readonly values: LayoutValue[][] = [];
  private readonly formats: (string | null)[][] = [];
  private readonly cellFormulas: (string | null)[][] = [];
  readonly styles: SheetLayout['styles'] = [];
  readonly notes: SheetLayout['notes'] = [];
  readonly width: number;
  /** Cells laid over rows of the goal table, by row. */
  readonly overlays = new Map<number, Overlay[]>();
  private readonly index: Partial<Record<ScoreColumnKey, number>>;
  private tableAt = -1;
  private tableRows = 0;

  constructor(readonly columns: readonly ScoreColumn[]) {
    this.width = columns.length;
    this.index = Object.fromEntries(columns.map((c, i) => [c.key, i]));
  }

  /** How many rows the sheet has so far, the goal table's included. */
  get length(): number {
    return this.values.length + this.tableRows;
  }

  col(key: ScoreColumnKey): number {
    return this.index[key] ?? -1;
  }

  /** A cell in another row, seen from `from`, in R1C1; null where the sheet has no such column. */
  at(key: ScoreColumnKey, row: number, from: number): string | null {
    return this.col(key) < 0 ? null : rc(row, this.col(key), from);
  }

  /** The same row's cell: the same text in every row. */
  here(key: ScoreColumnKey): string | null {
    return this.at(key, 0, 0);
  }

  span(key: ScoreColumnKey, from: number, to: number): string {
    return absolute(from, this.col(key), to, this.col(key));
  }

  /** A row of cells (a value, or a value and its format) and formulas; returns its index. */
  put(cells: Cell[] | LayoutValue[], cellFormulas: (string | null)[] = []): number {
    const row: LayoutValue[] = new Array(this.width).fill(null);
    const fmt: (string | null)[] = new Array(this.width).fill(null);
    const f: (string | null)[] = new Array(this.width).fill(null);
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (Array.isArray(c)) {
        row[i] = c[0];
        fmt[i] = c[1];
      } else row[i] = c;
    }
    for (let i = 0; i < cellFormulas.length; i++) if (cellFormulas[i]) f[i] = cellFormulas[i];
    this.values.push(row);
    this.formats.push(fmt);
    this.cellFormulas.push(f);
    return this.length - 1;
  }

  /** Reserves the goal table's rows, made later on demand; returns the first. */
  reserve(count: number): number {
    this.tableAt = this.length;
    this.tableRows = count;
    return this.tableAt;
  }

  /** Whether a row is one of the goal table's, not held here. */
  inTable(r: number): boolean {
    return r >= this.tableAt && r < this.tableAt + this.tableRows;
  }

  private stored(r: number): number {
    return this.tableAt >= 0 && r >= this.tableAt + this.tableRows ? r - this.tableRows : r;
  }

  /** A row put here (not the goal table's). */
  row(r: number): LayoutRow {
    const i = this.stored(r);
    return { values: this.values[i] ?? NONE, formats: this.formats[i] ?? NONE, formulas: this.cellFormulas[i] ?? NONE };
  }

  /** Sets a cell of any row: a row put here is changed, a goal table's row gets the cell laid over it. */
  set(r: number, col: number, value: LayoutValue, formula: string | null = null): void {
    if (this.inTable(r)) {
      (this.overlays.get(r) ?? this.overlays.set(r, []).get(r)!).push({ col, value, formula });
      return;
    }
    const i = this.stored(r);
    this.values[i][col] = value;
    if (formula !== null) this.cellFormulas[i][col] = formula;
  }

  /** Sets the formula of a cell put here, keeping its value (the engine's result for it). */
  setFormula(r: number, col: number, formula: string | null): void {
    this.cellFormulas[this.stored(r)][col] = formula;
  }
}
