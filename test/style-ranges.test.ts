/** A style range's A1 reference as the writer reads it, character by character: rows and columns from 0, `$` allowed. */
import fc from 'fast-check';
import { columnLetter } from '../src/engine';
import { rangeBox } from '../src/xlsx/sheetData';

const cellRef = fc.record({ row: fc.nat({ max: 1_048_575 }), col: fc.nat({ max: 16_383 }), absCol: fc.boolean(), absRow: fc.boolean() });
const a1 = (c: { row: number; col: number; absCol: boolean; absRow: boolean }) => `${c.absCol ? '$' : ''}${columnLetter(c.col)}${c.absRow ? '$' : ''}${c.row + 1}`;

test('a cell or a range reads back as the rows and columns it was written from', () => {
  fc.assert(
    fc.property(cellRef, fc.option(cellRef), (from, to) => {
      const ref = to ? `${a1(from)}:${a1(to)}` : a1(from);
      const end = to ?? from;
      expect(rangeBox(ref)).toEqual({ top: from.row, bottom: end.row, left: from.col, right: end.col });
    }),
  );
});

test('what is not an A1 reference is refused, not read as some other range', () => {
  for (const ref of ['', 'A', '12', 'a1', 'A1:', 'A1:B', 'A1 ', 'A1:B2:C3', '$$A1', 'R1C1']) expect(() => rangeBox(ref)).toThrow();
});
