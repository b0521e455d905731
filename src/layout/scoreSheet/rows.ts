/**
 * The score sheet's rows as the writers ask for them. Rows above and below the goal table are
 * held by the grid; each goal, subtotal and total row is made from the results when it is asked
 * for, straight from the column table, and let go once written. A row's formulas and formats are
 * shared with the alike rows of its kind; its values are one array, used again for the next row.
 */
import type { PlanResult, RowResult } from '../../engine';
import type { LanguagePack } from '../../i18n';
import { linesHeight, wrapColumns, wrappedLines, type LayoutRow, type LayoutValue, type RowSource } from '../model';
import type { ScoreColumn } from './columns';
import { FormatRows, type Grid, type Overlay } from './grid';
import type { GoalTable, KeptNotes } from './tables';

/** Title row and header row heights, in points: the title is in large type, the header wraps. */
const TITLE_HEIGHT = 24;
const HEADER_HEIGHT = 30;

export class ScoreRows implements RowSource {
  readonly length: number;
  readonly width: number;
  private readonly columns: readonly ScoreColumn[];
  private readonly results: readonly RowResult[];
  private readonly values: LayoutValue[];
  private readonly formats: (string | null)[];
  private readonly formatRows: FormatRows;
  private readonly totalsRows: (LayoutRow | undefined)[] = [];
  private readonly noteCol: number;
  /** Lines each row's wrapped cells need, worked out once: a byte a row. */
  private readonly lines: Uint8Array;

  constructor(
    private readonly g: Grid,
    private readonly table: GoalTable,
    result: PlanResult,
    private readonly lang: LanguagePack,
    private readonly kept: KeptNotes | undefined,
  ) {
    this.columns = g.columns;
    this.results = result.rows;
    this.width = g.width;
    this.length = g.length;
    this.values = new Array(this.width).fill(null);
    this.formats = new Array(this.width).fill(null);
    this.formatRows = new FormatRows(this.width);
    this.noteCol = kept?.size ? g.col('note') : -1;
    const wrapped = wrapColumns(
      this.columns.map((c) => c.width),
      this.columns.map((c) => !!c.wrap),
    );
    this.lines = new Uint8Array(this.length);
    for (let r = 0; r < this.length; r++) {
      const item = g.inTable(r) && !g.overlays.has(r) ? table.items[r - table.firstDataRow] : -1;
      // A goal row's wrapped cells straight from its result: the same values, without the row.
      this.lines[r] = wrappedLines(item >= 0 ? (c) => this.goalValue(item, c) : (c) => this.value(r, c), wrapped);
    }
  }

  row(r: number): LayoutRow {
    if (!this.g.inTable(r)) return this.g.row(r);
    const item = this.table.items[r - this.table.firstDataRow];
    const row = item >= 0 ? this.goalRow(item, r) : this.totalsRow(-1 - item);
    const over = this.g.overlays.get(r);
    return over ? this.laid(row, over) : row;
  }

  /** A goal or requirement row, straight from the column table: the hot path of large plans. */
  private goalRow(at: number, r: number): LayoutRow {
    const { width, columns, lang, values, formats } = this;
    const result = this.results[at];
    for (let i = 0; i < width; i++) {
      const c = columns[i];
      const v = c.value(result, lang);
      values[i] = v;
      formats[i] = (v === null && !c.formatEmpty) || c.format === undefined ? null : typeof c.format === 'string' ? c.format : c.format(result, lang);
    }
    if (this.noteCol >= 0) {
      // The user's own note, typed on an earlier score sheet, in place of the plan's.
      const note = this.kept!.get(String(result.id));
      if (note !== undefined) values[this.noteCol] = note;
    }
    return { values, formats: this.formatRows.share(formats), formulas: this.table.formulas.of(at, r) };
  }

  /** A subtotal or the total row; few, so each is made once and kept. */
  private totalsRow(k: number): LayoutRow {
    const made = this.totalsRows[k];
    if (made) return made;
    const t = this.table.totals[k];
    const [cells, formulas] = this.table.formulas.totals(t.label, t.totals, t.from, t.to);
    return (this.totalsRows[k] = { values: cells.map((c) => c[0]), formats: cells.map((c) => c[1]), formulas });
  }

  /** A row with cells laid over it: its formulas copied only where a cell brings one, as alike rows share them. */
  private laid(row: LayoutRow, over: readonly Overlay[]): LayoutRow {
    const values = [...row.values];
    const formulas = over.some((o) => o.formula !== null) ? [...row.formulas] : row.formulas;
    for (const o of over) {
      values[o.col] = o.value;
      if (o.formula !== null) (formulas as (string | null)[])[o.col] = o.formula;
    }
    return { values, formats: row.formats, formulas };
  }

  value(r: number, c: number): LayoutValue {
    if (!this.g.inTable(r)) return this.g.row(r).values[c] ?? null;
    const over = this.g.overlays.get(r)?.find((o) => o.col === c);
    if (over) return over.value;
    const item = this.table.items[r - this.table.firstDataRow];
    return item < 0 ? (this.totalsRow(-1 - item).values[c] ?? null) : this.goalValue(item, c);
  }

  /** A goal row's cell in column `c`, from its result. */
  private goalValue(at: number, c: number): LayoutValue {
    const result = this.results[at];
    if (c === this.noteCol) {
      const note = this.kept!.get(String(result.id));
      if (note !== undefined) return note;
    }
    return this.columns[c]?.value(result, this.lang) ?? null;
  }

  formulas(r: number): readonly (string | null)[] {
    if (!this.g.inTable(r)) return this.g.row(r).formulas;
    if (this.g.overlays.has(r)) return this.row(r).formulas;
    const item = this.table.items[r - this.table.firstDataRow];
    return item >= 0 ? this.table.formulas.of(item, r) : this.totalsRow(-1 - item).formulas;
  }

  height(r: number): number | null {
    if (r === 0) return TITLE_HEIGHT;
    if (r === this.table.headerRow) return HEADER_HEIGHT;
    return linesHeight(this.lines[r]);
  }
}
