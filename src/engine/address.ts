import type { ColumnKey, Plan, PlanRow } from './types';

/** A1-style addresses from zero-based positions. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function address(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The zero-based position of a cell reference such as `B12` or `$B$12`. */
export function cellPosition(ref: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]+)\$?(\d+)$/.exec(ref);
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

/** `A1:C3` from zero-based bounds. */
export function rangeAddress(top: number, left: number, bottom: number, right: number): string {
  const start = address(top, left);
  const end = address(bottom, right);
  return start === end ? start : `${start}:${end}`;
}

/** Quotes a sheet name for a formula or reference where Excel needs it. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !LIKE_A_REFERENCE.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Bare names Excel would read as a cell (`AB12`, `R1C1`, `C`) or a truth value: these need quotes too. */
const LIKE_A_REFERENCE = /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*(?:[Cc]\d*)?|[Cc]\d*|true|false)$/i;

/**
 * Where a plan row's cell in a column stands (`F12`), from the column's header cell and the row;
 * undefined where the row leaves that cell blank or the plan has no such column.
 */
export function rowCellAddress(plan: Pick<Plan, 'columns'>, row: Pick<PlanRow, 'cells' | 'sheetRow'>, key: ColumnKey): string | undefined {
  const column = plan.columns[key];
  if (!column || row.cells[key] === undefined) return undefined;
  return column.address.replace(/\d+$/, '') + row.sheetRow;
}
