/**
 * The order of the goal table's rows, worked out once before any row is put: the table reads it
 * to place the rows, the row formulas to point from a parent at its children.
 */
import { fromTheTop, type PlanResult } from '../../engine';

/**
 * The goal rows in sheet order, grouped by area in the order areas were met, each area closed by
 * its subtotal. Rows are known by their position in the result's rows: arrays, not maps, on the
 * hot path of large plans.
 */
export interface GoalOrder {
  /** Positions of goal rows in the result's rows, or an area whose subtotal stands there. */
  order: (number | { area: string })[];
  /** Each row's children's positions, where it has any. */
  childrenOf: (number[] | undefined)[];
  withSubtotals: boolean;
}

export function goalOrder(result: PlanResult): GoalOrder {
  const rows = result.rows;
  const childrenOf: (number[] | undefined)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i].parentIndex;
    if (p >= 0) (childrenOf[p] ??= []).push(i);
  }
  // Each row's top goal's area, handed down from its parent's: not a walk up per row, as plans may nest thousands deep.
  const topArea = fromTheTop<string>(rows.length, (i) => rows[i].parentIndex, (i, above) => above ?? rows[i].area);
  const grouped = new Map<string, number[]>(result.areas.map((a) => [a.name, []]));
  for (let i = 0; i < rows.length; i++) grouped.get(topArea[i])?.push(i);
  const withSubtotals = result.areas.length > 1 || (result.areas.length === 1 && result.areas[0].name !== '');
  const order: (number | { area: string })[] = [];
  for (const area of result.areas) {
    // A loop, not a spread: an area of a hundred thousand rows would overflow the call's arguments.
    const rowsOfArea = grouped.get(area.name) ?? [];
    for (let i = 0; i < rowsOfArea.length; i++) order.push(rowsOfArea[i]);
    if (withSubtotals) order.push({ area: area.name });
  }
  return { order, childrenOf, withSubtotals };
}
