/** Weights as shares of a pay frame: fractions read as written, and a fraction Excel made a date is named as one. */
import { formatMessage, pack } from '../src/i18n';
import { planGrid, score } from './helpers';

const columns = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'];

test('weights written as fractions of a frame (1/12, (7/12 dele)) are read and add up to the whole without a warning', () => {
  const result = score(planGrid(columns, [
    { 'Nr.': '1', Mål: 'Karakterer', Vægt: '1/12', Kravtype: 'mindst', Målværdi: 7, Resultat: 7.5 },
    { 'Nr.': '2', Mål: 'Frafald', Vægt: '(4/12 dele)', Kravtype: 'højst', Målværdi: 10, Resultat: 12 },
    { 'Nr.': '3', Mål: 'Økonomi', Vægt: '7/12', Kravtype: 'mindst', Målværdi: 0, Resultat: 1 },
  ]));
  expect(result.rows.map((r) => r.weight)).toEqual([1 / 12, 4 / 12, 7 / 12]);
  expect(result.total.weight).toBeCloseTo(1, 12);
  expect(result.total.score).toBeCloseTo(8 / 12, 12);
  expect(result.problems).toEqual([]);
});

test('weights of decimals that add up to 1 still get the warning that says how to write them', () => {
  const result = score(planGrid(columns, [
    { 'Nr.': '1', Mål: 'A', Vægt: 0.5, Kravtype: 'mindst', Målværdi: 1, Resultat: 1 },
    { 'Nr.': '2', Mål: 'B', Vægt: 0.5, Kravtype: 'mindst', Målværdi: 1, Resultat: 1 },
  ]));
  expect(result.problems.map((p) => p.message.key)).toEqual(['planTotalFractions']);
});

test('a fraction Excel turned into a date is a problem at its cell that names the fraction, not a weight of 45,000', () => {
  const grid = planGrid(columns, [
    { 'Nr.': '1', Mål: 'Karakterer', Vægt: 45992, Kravtype: 'mindst', Målværdi: 7, Resultat: 7.5 },
    { 'Nr.': '2', Mål: 'Frafald', Vægt: '11/12', Kravtype: 'højst', Målværdi: 10, Resultat: 8 },
  ]);
  // 45992 is 1 December 2025, as Excel stores a typed 1/12 in a Danish workbook.
  grid.formats = grid.values.map((row, r) => (r === 5 ? row.map((_, c) => (c === 2 ? 'd-mmm' : null)) : []));
  const result = score(grid);
  const problem = result.problems.find((p) => p.message.key === 'weightIsDate')!;
  expect(problem).toMatchObject({ cell: 'C6', severity: 'error' });
  expect(formatMessage(problem.message, pack('da'))).toBe("Vægten er en dato: Excel har gjort brøken 1/12 til en dato. Skriv brøken med en apostrof foran ('1/12) eller vægten som et tal.");
  expect(result.rows[0].weight).toBe(0);
  expect(result.total.weight).toBeCloseTo(11 / 12, 12);
});
