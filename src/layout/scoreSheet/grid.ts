/**
 * The sheet being laid out, row by row: values, number formats and formulas in parallel arrays,
 * with the styles and notes the builders add. Columns are found by key, and cells are referred to
 * in R1C1, so a formula reads the same in every row that shares it. Goal rows come straight from
 * the column table; alike rows share one formats array, as large plans need.
 */
import type { LanguagePack, ScoreColumnKey } from '../../i18n';
import type { RowResult } from '../../engine';
import type { LayoutValue, SheetLayout } from '../model';
import { absolute, rc } from '../r1c1';
import type { ScoreColumn } from './columns';

/** A cell: its value and its number format. */
export type Cell = [LayoutValue, string | null];

export const blank: Cell = [null, null];

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
class FormatRows {
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

/**
 * The sheet being laid out: the plan's columns, the rows put so far (values, formats, formulas)
 * and the styles and notes. Each builder of the score sheet adds one part.
 */
export class Grid {
  readonly values: LayoutValue[][] = [];
  readonly formats: (string | null)[][] = [];
  readonly formulas: (string | null)[][] = [];
  readonly styles: SheetLayout['styles'] = [];
  readonly notes: SheetLayout['notes'] = [];
  readonly width: number;
  private readonly index: Partial<Record<ScoreColumnKey, number>>;
  private readonly scratch: (string | null)[];
  private readonly formatRows: FormatRows;

  constructor(readonly columns: readonly ScoreColumn[], private readonly lang: LanguagePack) {
    this.width = columns.length;
    this.scratch = new Array(this.width).fill(null);
    this.formatRows = new FormatRows(this.width);
    this.index = Object.fromEntries(columns.map((c, i) => [c.key, i]));
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
    // Plain loops: this runs once per row of plans with tens of thousands of rows.
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
    return this.push(row, fmt, f);
  }

  /** A goal or requirement row, straight from the column table: the hot path of large plans. */
  putRow(r: RowResult, rowFormulas: (string | null)[]): number {
    const { width, columns, lang } = this;
    const row: LayoutValue[] = new Array(width);
    const fmt = this.scratch;
    for (let i = 0; i < width; i++) {
      const c = columns[i];
      const v = c.value(r, lang);
      row[i] = v;
      fmt[i] = (v === null && !c.formatEmpty) || c.format === undefined ? null : typeof c.format === 'string' ? c.format : c.format(r, lang);
    }
    return this.push(row, this.formatRows.share(fmt), rowFormulas);
  }

  private push(row: LayoutValue[], fmt: (string | null)[], f: (string | null)[]): number {
    this.values.push(row);
    this.formats.push(fmt);
    this.formulas.push(f);
    return this.values.length - 1;
  }
}
