/**
 * How the goal table looks: indents by level, bold parents, subtotal and total rows, alignment and
 * wrapping, and the conditional formats (traffic lights on fulfilment, bars on points earned).
 * Styles go on runs of adjacent rows, not row by row, so Excel has few ranges to format.
 */
import { columnLetter, rangeAddress } from '../../engine';
import { COLORS, STYLES, type SheetLayout } from '../model';
import { runsOf, type Grid } from './grid';
import type { GoalTable } from './tables';

/** Indents, bold parents, subtotal and total rows, alignment and wrapping of the goal table. */
export function tableStyles(g: Grid, table: GoalTable): void {
  const { styles, width } = g;
  const { firstDataRow, totalRow: lastRow } = table;
  // One style a run of adjacent rows, not a row: fewer ranges for Excel to format. One style object
  // for all runs alike, so a writer finds alike rows by it.
  for (const [level, rows] of table.indented) {
    const indent = { indent: level };
    for (const [from, to] of runsOf(rows)) styles.push({ range: rangeAddress(from, g.col('title'), to, g.col('title')), style: indent });
  }
  const bold = { bold: true };
  for (const [from, to] of runsOf(table.parentRows)) styles.push({ range: rangeAddress(from, 0, to, width - 1), style: bold });
  for (const row of table.subtotalRows) {
    styles.push({ range: rangeAddress(row, 0, row, width - 1), style: STYLES.subtotal });
  }
  styles.push({ range: rangeAddress(lastRow, 0, lastRow, width - 1), style: STYLES.total });
  // Rows read from the top. LibreOffice draws a traffic light at the foot of its cell whatever the
  // alignment, Excel where the cell aligns: the fulfilment stands at the foot, light and number together.
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, width - 1), style: { vAlign: 'top' } });
  styles.push({ range: rangeAddress(firstDataRow, g.col('fulfilment'), lastRow, g.col('fulfilment')), style: { vAlign: 'bottom' } });
  g.columns.forEach((c, i) => {
    if (c.wrap) styles.push({ range: rangeAddress(firstDataRow, i, lastRow, i), style: { wrap: true } });
  });
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, 0), style: { hAlign: 'left' } });
}

/** Traffic lights on fulfilment, bars on points earned (LibreOffice shows one rule a range); the grand total has no bar, so it does not dwarf the rows. */
export function tableRules(g: Grid, table: GoalTable): SheetLayout['conditionalFormats'] {
  const fulfilment = columnLetter(g.col('fulfilment'));
  const earned = columnLetter(g.col('earned'));
  return [
    { kind: 'iconSet', range: `${fulfilment}${table.firstDataRow + 1}:${fulfilment}${table.totalRow + 1}`, icons: '3TrafficLights1', thresholds: [0, 1], firstExclusive: true },
    { kind: 'dataBar', range: `${earned}${table.firstDataRow + 1}:${earned}${table.totalRow}`, color: COLORS.dataBar, min: 0 },
  ];
}
