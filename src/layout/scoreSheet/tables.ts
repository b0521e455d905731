/**
 * The tables of the score sheet: the goal table (header, goals area by area with subtotals, the
 * total row), the per-area block under it that the chart reads, the hidden word lookup table the
 * formulas read, and the user's own notes put back on a rerun.
 */
import { address, formatter, rangeAddress, serialOf, type PlanResult, type RowResult, type Totals } from '../../engine';
import type { LanguagePack, ScoreColumnKey } from '../../i18n';
import { ASSESSMENT_LOOKUP, COMPLETION_LOOKUP } from '../formulas';
import { COLORS, FORMATS, STYLES, type LayoutValue } from '../model';
import { unitWordOf } from './columns';
import { blank, type Cell, type Grid } from './grid';
import { goalOrder } from './order';
import { RowFormulas } from './rowFormulas';
import type { Summary } from './summary';

/** A subtotal or the total row: its label, the totals it shows and the rows it adds up. */
export interface TotalsRow {
  label: string;
  totals: Totals;
  from: number;
  to: number;
}

/** Where the goal table's rows stand, and what each of them holds. */
export interface GoalTable {
  headerRow: number;
  firstDataRow: number;
  totalRow: number;
  subtotalRows: number[];
  parentRows: number[];
  areaRows: Map<string, number>;
  /** Each area's rows, its goals and its subtotal, for keeping it on one printed page. */
  areaBlocks: [number, number][];
  indented: Map<number, number[]>;
  /** Each table row's goal, by its position in the result's rows; `-1 - k` for the k-th of `totals`. */
  items: Int32Array;
  totals: TotalsRow[];
  /** Each goal's sheet row, by its position in the result's rows. */
  rowOf: Int32Array;
  formulas: RowFormulas;
}

/**
 * The goal table: the header, then the goals area by area with subtotals, and the total row. The
 * rows themselves are only reserved: what each holds is noted here, and rows.ts makes them when
 * they are written. Notes and the rows the styles need are found in one pass over the goals.
 */
export function goalTable(g: Grid, result: PlanResult, lang: LanguagePack, summary: Summary): GoalTable {
  const words = lang.sheet;
  const unitWord = unitWordOf(result, lang);
  const headerRow = g.put(g.columns.map((c) => (c.key === 'weight' ? unitWord : words.columns[c.key])));
  g.styles.push({
    range: rangeAddress(headerRow, 0, headerRow, g.width - 1),
    style: STYLES.header,
  });
  // Today's date as the explanations write dates (the engine's numerals, not Intl's formatters).
  const today = new Date();
  const date = formatter(lang).date(serialOf(today.getFullYear(), today.getMonth() + 1, today.getDate()));
  g.notes.push({ cell: address(headerRow, g.col('explanation')), text: words.explanationNote.replace('{date}', date) });
  const goals = goalOrder(result);
  const firstDataRow = g.reserve(goals.order.length + 1);
  // Sheet rows are known before any formula is written, so formulas can point at other rows.
  const rowOf = new Int32Array(result.rows.length);
  for (let i = 0; i < goals.order.length; i++) {
    const item = goals.order[i];
    if (typeof item === 'number') rowOf[item] = firstDataRow + i;
  }
  const formulas = new RowFormulas(g, words, result.rows, goals, rowOf, summary, firstDataRow);
  const items = new Int32Array(goals.order.length + 1);
  const table: GoalTable = { headerRow, firstDataRow, totalRow: firstDataRow + goals.order.length, subtotalRows: [], parentRows: [], areaRows: new Map(), areaBlocks: [], indented: new Map(), items, totals: [], rowOf, formulas };
  let areaStart = firstDataRow;
  for (let i = 0; i < goals.order.length; i++) {
    const item = goals.order[i];
    const row = firstDataRow + i;
    if (typeof item === 'number') {
      items[i] = item;
      goalRow(g, table, result.rows[item], item, row);
      continue;
    }
    const area = result.areas.find((a) => a.name === item.area)!;
    table.totals.push({ label: `${words.subtotal} – ${area.name || '—'}`, totals: area, from: areaStart, to: row - 1 });
    items[i] = -table.totals.length;
    table.subtotalRows.push(row);
    table.areaRows.set(area.name, row);
    table.areaBlocks.push([areaStart, row]);
    areaStart = row + 1;
  }
  table.totals.push({ label: words.total, totals: result.total, from: firstDataRow, to: table.totalRow - 1 });
  items[goals.order.length] = -table.totals.length;
  return table;
}

/** What a goal row adds besides its cells: its indent, its bold if a parent, its notes. */
function goalRow(g: Grid, table: GoalTable, goal: RowResult, at: number, row: number): void {
  const level = Math.min(goal.level, 4);
  if (level > 0) (table.indented.get(level) ?? table.indented.set(level, []).get(level)!).push(row);
  if (goal.isParent) table.parentRows.push(row);
  const note = table.formulas.staticNote(at);
  if (note) g.notes.push({ cell: address(row, g.col('fulfilment')), text: note });
  if (goal.overridden) g.notes.push({ cell: address(row, g.col('status')), text: table.formulas.words.overridden });
}

/** Where the per-area block stands: its title and header rows, its last row and its first column. */
export interface AreaBlock {
  titleRow: number;
  headerRow: number;
  lastRow: number;
  col: number;
}

/** Earned against weight per area, under the table in the Goal column and the two beside it: the chart's data. */
export function areaBlock(g: Grid, result: PlanResult, lang: LanguagePack, table: GoalTable): AreaBlock {
  const words = lang.sheet;
  g.put([]);
  const col = g.col('title');
  const block = (cells: Cell[], f: (string | null)[] = []): number => g.put([...new Array(col).fill(blank), ...cells], [...new Array(col).fill(null), ...f]);
  const titleRow = block([[words.byArea, null]]);
  const headerRow = block([[words.columns.area, null], [unitWordOf(result, lang), null], [words.columns.earned, null]]);
  const withSubtotals = table.subtotalRows.length > 0;
  for (const area of result.areas) {
    const source = withSubtotals ? table.areaRows.get(area.name) : table.totalRow;
    const row = g.length;
    const ref = (key: ScoreColumnKey) => (source === undefined ? null : g.at(key, source, row));
    block([[area.name || '—', null], [area.weight, FORMATS.weight], [area.earned, FORMATS.earned]], [null, ref('weight'), ref('earned')]);
  }
  g.styles.push({ range: address(titleRow, col), style: STYLES.block });
  g.styles.push({ range: rangeAddress(headerRow, col, headerRow, col + 2), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont } });
  return { titleRow, headerRow, lastRow: g.length - 1, col };
}

/**
 * The word lookup table the formulas read, one word a row in the two hidden columns beside the
 * first data row; an assessment of "partly" earns the plan's partial credit. Filled last, so it
 * never pushes the chart down.
 */
export function lookupTable(g: Grid, result: PlanResult, summary: Summary, firstDataRow: number): void {
  const credit = { met: 1, not_met: 0 } as const;
  const partial = result.plan.metadata.partialCredit;
  const lookup: [string, LayoutValue, string | null][] = [
    ...ASSESSMENT_LOOKUP.map(([w, k]) => [w, k === 'partly' ? partial : credit[k], k === 'partly' ? summary.valueAt('partialCredit') : null] as [string, LayoutValue, string | null]),
    ...COMPLETION_LOOKUP.map(([w, v]) => [w, v, null] as [string, LayoutValue, string | null]),
  ];
  lookup.forEach(([word, value, formula], i) => {
    const row = firstDataRow + i;
    while (g.length <= row) g.put([]);
    g.set(row, g.col('lookupWord'), word);
    g.set(row, g.col('lookupValue'), value, formula);
  });
}

/** Notes typed on the score sheet by the user, by goal ID, to put back in place of the plan's. */
export type KeptNotes = ReadonlyMap<string, string>;
