/** R1C1 formulas of the layout model, as A1 for files and HyperFormula. */
import { absolute, rc, toA1 } from '../src/layout/r1c1';

test('relative rows, absolute columns and absolute ranges translate to what Excel shows', () => {
  expect(toA1('IF(RC5>0,R[-2]C4*N(R3C2:R4C3),"")', 9, 0)).toBe('IF($E10>0,$D8*N($B$3:$C$4),"")');
  expect(toA1('SUM(R[1]C20:R[4]C20,R[7]C20)', 0, 19)).toBe('SUM($T2:$T5,$T8)');
  expect(toA1('RC[-1]+R[0]C[2]', 4, 3)).toBe('C5+F5');
});

test('words that look like references are left alone: quoted text and function names', () => {
  expect(toA1('IF(RC1="RC1",ROUNDUP(RC2,0),COUNTIF(R1C1:R2C1,"<R2C2"))', 0, 0)).toBe('IF($A1="RC1",ROUNDUP($B1,0),COUNTIF($A$1:$A$2,"<R2C2"))');
  expect(toA1('IFERROR(VLOOKUP(RC3,R5C30:R9C31,2,0),"")', 2, 5)).toBe('IFERROR(VLOOKUP($C3,$AD$5:$AE$9,2,0),"")');
});

test('references are built from zero-based positions', () => {
  expect(rc(7, 3, 7)).toBe('RC4');
  expect(rc(5, 3, 7)).toBe('R[-2]C4');
  expect(absolute(0, 0)).toBe('R1C1');
  expect(absolute(2, 1, 3, 2)).toBe('R3C2:R4C3');
  expect(toA1(`${rc(5, 3, 7)}+${absolute(2, 1)}`, 7, 0)).toBe('$D6+$B$3');
});
