/**
 * The tables of the score sheet: the goal table (header, goals area by area with subtotals, the
 * total row), the per-area block under it that the chart reads, the hidden word lookup table the
 * formulas read, and the user's own notes put back on a rerun.
 */
import { address, rangeAddress, type PlanResult } from '../../engine';
import type { LanguagePack, ScoreColumnKey } from '../../i18n';
import { ASSESSMENT_LOOKUP, COMPLETION_LOOKUP } from '../formulas';
import { COLORS, FORMATS, STYLES, type LayoutValue } from '../model';
import { unitWordOf } from './columns';
import { blank, type Cell, type Grid } from './grid';
import { goalOrder } from './order';
import { RowFormulas } from './rowFormulas';
import type { Summary } from './summary';

/** Where the goal table's rows stand. */
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
}

/** The goal table: the header, the goals area by area with subtotals, and the total row. */
export function goalTable(g: Grid, result: PlanResult, lang: LanguagePack, summary: Summary): GoalTable {
  const words = lang.sheet;
  const unitWord = unitWordOf(result, lang);
  const headerRow = g.put(g.columns.map((c) => (c.key === 'weight' ? unitWord : words.columns[c.key])));
  g.styles.push({
    range: rangeAddress(headerRow, 0, headerRow, g.width - 1),
    style: STYLES.header,
  });
  g.notes.push({ cell: address(headerRow, g.col('explanation')), text: words.explanationNote.replace('{date}', new Date().toLocaleDateString(lang.locale)) });
  const firstDataRow = headerRow + 1;
  const goals = goalOrder(result);
  // Sheet rows are known before any formula is written, so formulas can point at other rows.
  const rowOf = new Int32Array(result.rows.length);
  for (let i = 0; i < goals.order.length; i++) {
    const item = goals.order[i];
    if (typeof item === 'number') rowOf[item] = firstDataRow + i;
  }
  const formulas = new RowFormulas(g, words, result.rows, goals, rowOf, summary, firstDataRow);
  const table: GoalTable = { headerRow, firstDataRow, totalRow: -1, subtotalRows: [], parentRows: [], areaRows: new Map(), areaBlocks: [], indented: new Map() };
  let areaStart = firstDataRow;
  for (let i = 0; i < goals.order.length; i++) {
    const item = goals.order[i];
    if (typeof item === 'number') {
      const goal = result.rows[item];
      const row = g.putRow(goal, formulas.of(item, rowOf[item]));
      const level = Math.min(goal.level, 4);
      if (level > 0) (table.indented.get(level) ?? table.indented.set(level, []).get(level)!).push(row);
      if (goal.isParent) table.parentRows.push(row);
      if (goal.overridden) g.notes.push({ cell: address(row, g.col('status')), text: words.overridden });
    } else {
      const area = result.areas.find((a) => a.name === item.area)!;
      const row = g.put(...formulas.totals(`${words.subtotal} – ${area.name || '—'}`, area, areaStart, g.values.length - 1));
      table.subtotalRows.push(row);
      table.areaRows.set(area.name, row);
      table.areaBlocks.push([areaStart, row]);
      areaStart = row + 1;
    }
  }
  table.totalRow = g.put(...formulas.totals(words.total, result.total, firstDataRow, firstDataRow + goals.order.length - 1));
  return table;
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
    const row = g.values.length;
    const ref = (key: ScoreColumnKey) => (source === undefined ? null : g.at(key, source, row));
    block([[area.name || '—', null], [area.weight, FORMATS.weight], [area.earned, FORMATS.earned]], [null, ref('weight'), ref('earned')]);
  }
  g.styles.push({ range: address(titleRow, col), style: STYLES.block });
  g.styles.push({ range: rangeAddress(headerRow, col, headerRow, col + 2), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont } });
  return { titleRow, headerRow, lastRow: g.values.length - 1, col };
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
    while (g.values.length <= row) g.put([]);
    g.values[row][g.col('lookupWord')] = word;
    g.values[row][g.col('lookupValue')] = value;
    if (formula) {
      // The row's formulas may be shared with alike rows: this one gets its own.
      g.formulas[row] = [...g.formulas[row]];
      g.formulas[row][g.col('lookupValue')] = formula;
    }
  });
}

/** Notes typed on the score sheet by the user, by goal ID, to put back in place of the plan's. */
export type KeptNotes = ReadonlyMap<string, string>;

/** Puts the user's own notes back in the note column, each on its goal's row. */
export function keepNotes(g: Grid, table: GoalTable, kept: KeptNotes | undefined): void {
  if (!kept?.size) return;
  const id = g.col('id');
  const note = g.col('note');
  for (let r = table.firstDataRow; r < table.totalRow; r++) {
    const text = kept.get(String(g.values[r]?.[id] ?? ''));
    if (text !== undefined) g.values[r][note] = text;
  }
}
