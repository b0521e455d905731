/**
 * Lays out a score sheet from a plan result: a title, a summary block, the goal table with the
 * inputs the plan uses, area subtotals, a total row and a per-area block for the chart. Every
 * fulfilment, earned, subtotal and total cell is an Excel formula over the sheet's own input
 * cells, stored with the value the engine computed, so the sheet is live without the add-in.
 * Each part has a builder of its own in this folder; this module puts them together in order. The
 * goal table's rows are made when a writer asks for them (rows.ts), never held whole.
 */
import { rangeAddress, type PlanResult } from '../../engine';
import type { LanguagePack } from '../../i18n';
import { fnv, FNV_START, type SheetLayout } from '../model';
import { columnsOf } from './columns';
import { Grid } from './grid';
import { pageSetup } from './pageSetup';
import { tableRules, tableStyles } from './styles';
import { summaryFormulas, titleAndSummary } from './summary';
import { areaBlock, goalTable, lookupTable, type KeptNotes } from './tables';
import { ScoreRows } from './rows';
import { streamedSheet } from '../rows';

export { SCORE_COLUMNS } from './columns';
export type { KeptNotes } from './tables';

/** The key of the columns' keys and the goals' IDs, each list joined by commas and the two by a bar; keyed goal by goal, not joined. */
function goalsKey(g: Grid, result: PlanResult): string {
  let h = fnv(`${g.columns.map((c) => c.key).join(',')}|`, FNV_START);
  const rows = result.rows;
  for (let i = 0; i < rows.length; i++) h = fnv(rows[i].id, i ? fnv(',', h) : h);
  return h.toString(16).padStart(8, '0');
}

export function buildScoreSheet(result: PlanResult, lang: LanguagePack, name: string, kept?: KeptNotes): SheetLayout {
  const g = new Grid(columnsOf(result));
  const summary = titleAndSummary(g, result, lang);
  const table = goalTable(g, result, lang, summary);
  summaryFormulas(g, summary, result, table);
  const block = areaBlock(g, result, lang, table);
  lookupTable(g, result, summary, table.firstDataRow);
  tableStyles(g, table);
  const rows = new ScoreRows(g, table, result, lang, kept);
  const page = pageSetup(g, rows, result, lang, table, block);
  const firstHidden = g.columns.findIndex((c) => c.hidden);
  return streamedSheet({
    name,
    role: 'score',
    rows,
    styles: g.styles,
    columnWidths: page.columnWidths,
    hiddenColumns: g.columns.flatMap((c, i) => (c.hidden ? [i] : [])),
    rowBreaks: page.rowBreaks,
    freeze: { rows: table.headerRow + 1, cols: 0 },
    conditionalFormats: tableRules(g, table),
    notes: g.notes,
    charts: page.charts,
    print: page.print,
    outlineColumns: page.outlineColumns,
    // The filter leaves out the hidden helper columns, so sorting the goals never moves the lookup table.
    autoFilter: rangeAddress(table.headerRow, 0, table.totalRow - 1, firstHidden - 1),
    shape: {
      key: goalsKey(g, result),
      id: g.col('id'),
      note: g.col('note'),
      planNote: g.col('planNote'),
      first: table.firstDataRow,
      last: table.totalRow - 1,
    },
  });
}
