/**
 * Points earned written as fractions in the verdict column (`1/24` of a 1/12 goal): read as points
 * out of the goal's weight; more than the goal weighs, or a fraction Excel made a date, is named at
 * the cell.
 */
import { whatIf, whatIfInput } from '../src/engine';
import { formatMessage, pack } from '../src/i18n';
import { SCORE_COLUMNS } from '../src/layout/scoreSheet/columns';
import { planGrid, score } from './helpers';

const danish = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Vurdering'];

function gymnasium(verdicts: [string | number, string | number, string | number]) {
  return planGrid(danish, [
    { 'Nr.': '1', Mål: 'Karakterløft', Vægt: '1/12', Kravtype: 'vurdering', Vurdering: verdicts[0] },
    { 'Nr.': '2', Mål: 'Fastholdelse', Vægt: '4/12', Kravtype: 'vurdering', Vurdering: verdicts[1] },
    { 'Nr.': '3', Mål: 'Økonomi', Vægt: '(7/12 dele)', Vurdering: verdicts[2] },
  ]);
}

test('"1/24" of a 1/12 goal earns half of it; "3/12" of 4/12 three quarters; "7/12" of 7/12 all', () => {
  const result = score(gymnasium(['1/24', '3/12', '7/12']));
  expect(result.rows.map((r) => r.fulfilment)).toEqual([0.5, 0.75, 1]);
  expect(result.rows.map((r) => r.status)).toEqual(['partly', 'partly', 'met']);
  expect(result.rows.map((r) => r.earned).reduce((a, b) => a + b)).toBeCloseTo(1 / 24 + 3 / 12 + 7 / 12, 12);
  expect(result.problems).toEqual([]);
  expect(result.rows[0].explanation).toBe('vurdering: 1/24 (50 %)');
  // The score sheet holds the grade the points give, which its live formula reads as the fulfilment.
  const column = SCORE_COLUMNS.find((c) => c.key === 'assessment')!;
  expect(result.rows.map((r) => column.value(r, pack('da')))).toEqual([0.5, 0.75, 1]);
});

test('points in a plan weighted in percent are a share of the whole: "1/8" of a 25 % goal is half', () => {
  const result = score(planGrid(danish, [
    { 'Nr.': '1', Mål: 'A', Vægt: 25, Kravtype: 'vurdering', Vurdering: '1/8' },
    { 'Nr.': '2', Mål: 'B', Vægt: 75, Kravtype: 'vurdering', Vurdering: 'Opfyldt' },
  ]));
  expect(result.rows[0].fulfilment).toBeCloseTo(0.5, 12);
  expect(result.problems).toEqual([]);
});

test('points above the goal’s weight are a problem at the verdict, and the goal is not assessed', () => {
  const result = score(gymnasium(['1/24', '5/12', '7/12']));
  const problem = result.problems.find((p) => p.message.key === 'verdictOverWeight')!;
  expect(problem).toMatchObject({ cell: 'E7', severity: 'error' });
  expect(formatMessage(problem.message, pack('da'))).toBe('Vurderingen 5/12 er mere end målets vægt 4/12: et mål kan højst give sin egen vægt. Skriv de opnåede point som en brøk på højst 4/12, fx 4/24.');
  expect(formatMessage(problem.message, pack('nb'))).toBe('Vurderingen 5/12 er mer enn målets vekt 4/12: et mål kan høyst gi sin egen vekt. Skriv oppnådde poeng som en brøk på høyst 4/12, f.eks. 4/24.');
  expect(result.rows[1]).toMatchObject({ status: 'not_assessed', fulfilment: null, earned: 0 });
  expect(result.total.assessedWeight).toBeCloseTo(8 / 12, 12);
});

test('a fraction Excel turned into a date is named as looking like a date, with the fraction it was', () => {
  const grid = gymnasium(['1/24', 46000, '7/12']);
  // 46000 is 9 December 2025: a typed 9/12 in a Danish workbook.
  grid.formats = grid.values.map((row, r) => (r === 6 ? row.map((_, c) => (c === 4 ? 'd-mmm' : null)) : []));
  const result = score(grid);
  const problem = result.problems.find((p) => p.message.key === 'verdictIsDate')!;
  expect(problem).toMatchObject({ cell: 'E7', severity: 'error' });
  expect(formatMessage(problem.message, pack('da'))).toBe("Vurderingen er en dato: Excel har gjort brøken 9/12 til en dato. Skriv brøken med en apostrof foran ('9/12) eller vurderingen som et ord eller en procent.");
  expect(result.problems.some((p) => p.message.key === 'unknownAssessment')).toBe(false);
  expect(result.rows[1].status).toBe('not_assessed');
});

test('a Norwegian plan in points reads its verdicts as points of the goal; the what-if offers them as they are', () => {
  const result = score(
    planGrid(['Nr.', 'Mål', 'Poeng', 'Kravtype', 'Vurdering'], [
      { 'Nr.': '1', Mål: 'Responstid', Poeng: 4, Kravtype: 'vurdering', Vurdering: '3/12' },
      { 'Nr.': '2', Mål: 'Tilgjengelighet', Poeng: 8, Kravtype: 'vurdering', Vurdering: 'Innfridd' },
    ], [['Virksomhet', 'Politidistriktet'], ['År', 2024]]),
    {},
    'nb',
  );
  expect(result.rows[0].fulfilment).toBeCloseTo(0.75, 12);
  expect(result.total.score).toBeCloseTo((3 + 8) / 12, 12);
  const input = whatIfInput(result.rows[0].row, result.plan, pack('nb'))!;
  expect(input.current).toBe('3/12');
  expect(input.choices).toContain('3/12');
  // Typing points in a what-if reads them the same way; more than the goal weighs changes nothing.
  expect(whatIf(result.plan, [{ id: '1', text: '4/12' }], { lang: 'nb' }).result.rows[0].fulfilment).toBeCloseTo(1, 12);
  const over = whatIf(result.plan, [{ id: '1', text: '5/12' }], { lang: 'nb' });
  expect(formatMessage(over.refused.get('1')!, pack('nb'))).toBe('Vurderingen 5/12 er mer enn målets vekt 4/12: et mål kan høyst gi sin egen vekt. Skriv oppnådde poeng som en brøk på høyst 4/12, f.eks. 4/24.');
  expect(over.result.total.earned).toBeCloseTo(result.total.earned, 12);
  expect(whatIf(result.plan, [{ id: '1', text: '5/12' }], { lang: 'nb', explain: true }).result.total.earned).toBeCloseTo(result.total.earned, 12);
});
