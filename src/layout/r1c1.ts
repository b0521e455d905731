/**
 * Score sheet formulas are stored in R1C1 notation with relative rows and absolute columns
 * (`RC5`, `R[-3]C4`, `R12C3`): every requirement row of one kind then has the very same formula
 * string, so a plan of 100,000 rows holds a few hundred distinct strings, not a million. Office.js
 * takes them as they are (`Range.formulasR1C1`); files and engines that want A1 get them
 * translated cell by cell.
 */
import { columnLetter, memo } from '../engine';

/** A reference: optional R part, optional C part; quoted strings are matched first and kept. */
const TOKEN = /"(?:[^"]|"")*"|(?<![A-Za-z0-9_.$])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/g;

function part(spec: string | undefined, here: number, absolute: (n: number) => string, relative: (n: number) => string): string {
  if (spec === undefined) return relative(here);
  if (spec[0] === '[') return relative(here + Number(spec.slice(1, -1)));
  return absolute(Number(spec) - 1);
}

type Piece = string | ((row: number, col: number) => string);

/** A formula split once into its text and its references, so each cell only fills in its row and column. */
const compile = memo((formula: string): Piece[] => {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of formula.matchAll(TOKEN)) {
    if (m[0][0] === '"') continue;
    pieces.push(formula.slice(last, m.index));
    const [, r, c] = m;
    pieces.push((row, col) => part(c, col, (n) => `$${columnLetter(n)}`, (n) => columnLetter(n)) + part(r, row, (n) => `$${n + 1}`, (n) => `${n + 1}`));
    last = m.index! + m[0].length;
  }
  pieces.push(formula.slice(last));
  return pieces;
}, 2_000);

/** An R1C1 formula as Excel shows it in A1 notation in the cell at zero-based (row, col). */
export function toA1(formula: string, row: number, col: number): string {
  let out = '';
  for (const piece of compile(formula)) out += typeof piece === 'string' ? piece : piece(row, col);
  return out;
}

/** The cell at zero-based (row, col) as seen from `fromRow`: relative row, absolute column. */
export function rc(row: number, col: number, fromRow: number): string {
  const d = row - fromRow;
  return `R${d === 0 ? '' : `[${d}]`}C${col + 1}`;
}

/** An absolute R1C1 reference to the zero-based cell, or to a range of cells. */
export function absolute(row: number, col: number, toRow = row, toCol = col): string {
  const start = `R${row + 1}C${col + 1}`;
  return toRow === row && toCol === col ? start : `${start}:R${toRow + 1}C${toCol + 1}`;
}
