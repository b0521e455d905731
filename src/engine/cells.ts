/** Walking a grid's rows by the cells they hold, not by their width. */
import type { CellValue } from './types';

/**
 * Rows wider than this are walked by their own keys: a row whose one cell stands in column XFD
 * holds one cell, and walking it index by index would look at sixteen thousand.
 */
const WIDE = 1024;

/** The cells a row holds, left to right, each with its column (zero-based); cells never written are left out. */
export function filledCells(row: readonly CellValue[] | undefined): [number, CellValue][] {
  const out: [number, CellValue][] = [];
  if (!row) return out;
  if (row.length <= WIDE) {
    for (let c = 0; c < row.length; c++) if (row[c] !== undefined) out.push([c, row[c]]);
    return out;
  }
  // An array's own keys are its indexes in ascending order.
  for (const key of Object.keys(row)) {
    const c = Number(key);
    if (Number.isInteger(c) && row[c] !== undefined) out.push([c, row[c]]);
  }
  return out;
}
