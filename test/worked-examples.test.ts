/** The worked examples of docs/plan-sheet.md, each computed by hand in the test. */
import { planGrid, score, one } from './helpers';

test('Kriminalforsorgen 1.2: share 412 of 500 against 85 % is not met; linear from 75 % gives 3,7 of 5', () => {
  const base = { Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 412, 'I alt': 500 };
  const binary = score(planGrid(['Nr.', 'Vægt', ...Object.keys(base)], [{ 'Nr.': '1.2', Vægt: 5, ...base }])).rows[0];
  expect(binary.measure).toBeCloseTo(0.824, 12);
  expect(binary.earned).toBe(0);
  const linear = score(planGrid(['Nr.', 'Vægt', 'Nedre grænse', 'Skala', ...Object.keys(base)], [
    { 'Nr.': '1.2', Vægt: 5, 'Nedre grænse': '75 %', Skala: 'lineær', ...base },
  ])).rows[0];
  expect(linear.fulfilment).toBeCloseTo((82.4 - 75) / (85 - 75), 12);
  expect(linear.earned).toBeCloseTo(3.7, 12);
  expect(linear.status).toBe('partly');
});

test('Kriminalforsorgen 7.1: reduction from 12,0 to 11,3 is 5,83 % ≥ 5 %, 10 of 10', () => {
  const r = score(planGrid(['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Udgangspunkt', 'Resultat'], [
    { 'Nr.': '7.1', Vægt: '10 pct.', Kravtype: 'reduktion', Målværdi: '5 pct.', Udgangspunkt: '12,0', Resultat: '11,3' },
  ])).rows[0];
  expect(r.measure).toBeCloseTo((12 - 11.3) / 12, 12);
  expect(r.earned).toBe(10);
  expect(r.explanation).toBe('(12 − 11,3) / 12 = 5,8 % ≥ 5 %');
});

test('Hjemrejsestyrelsen 2.4: children 2 + 2 + 1, the first two delivered, 4 of 5', () => {
  const r = score(planGrid(['Nr.', 'Point', 'Kravtype', 'Gennemført'], [
    { 'Nr.': '2.4', Point: 5 },
    { 'Nr.': '2.4.1', Point: 2, Kravtype: 'milepæl', Gennemført: 'ja' },
    { 'Nr.': '2.4.2', Point: 2, Kravtype: 'milepæl', Gennemført: 'ja' },
    { 'Nr.': '2.4.3', Point: 1, Kravtype: 'milepæl', Gennemført: 'nej' },
  ]));
  expect(r.rows[0].earned).toBe(4);
  expect(r.total).toMatchObject({ weight: 5, earned: 4 });
});

test('Hjemrejsestyrelsen 1.2: the mean of the lowest 95 % of processing times against 110 days', () => {
  // 19 ordinary cases of 100 days and one outlier of 900: the outlier is the 5 % left out.
  const values = [...Array.from({ length: 19 }, () => [100]), [900]];
  const grid = planGrid(['Nr.', 'Point', 'Kravtype', 'Målværdi', 'Data', 'Udelad højeste'], [
    { 'Nr.': '1.2', Point: 10, Kravtype: 'højst', Målværdi: 110, Data: 'Sager!A1:A20', 'Udelad højeste': '5 %' },
  ]);
  const r = score(grid, { Sager: values }).rows[0];
  expect(r.measure).toBe(100);
  expect(r.earned).toBe(10);
  // Without the trim the outlier lifts the mean to 140 and the goal is missed.
  const untrimmed = one({ Kravtype: 'højst', Målværdi: 110, Resultat: (19 * 100 + 900) / 20 }).row;
  expect(untrimmed.fulfilment).toBe(0);
});
