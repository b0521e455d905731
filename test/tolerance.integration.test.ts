/** Tolerance: "cirka 200 sager", judged met at 197; within the tolerance a result is met, beyond it the scale applies. */
import type { SheetGrid } from '../src/engine/types';
import { whatIf } from '../src/engine/whatif';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { liveDisagreements } from './recalc';

const grid: SheetGrid = {
  name: 'Plan',
  values: [
    ['Myndighed', 'Styrelsen'],
    [],
    ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Tolerance', 'Nedre grænse', 'Skala', 'Resultat'],
    ['1', 'Cirka 200 sager', 20, 'mindst', 200, 5, null, null, 197],
    ['2', 'Cirka 200 sager, 2 %', 20, 'mindst', 200, '2 %', null, null, 195],
    ['3', 'Højst 40 dage, 10 %', 20, 'højst', 40, '10 %', null, null, 44],
    ['4', 'Mindst 100, 5 tolerance, lineær fra 80', 20, 'mindst', 100, 5, 80, 'lineær', 90],
    ['5', 'Andel 85 %, 2 point', 20, 'andel', '85 %', 2, null, null, '83,5 %'],
  ] as SheetGrid['values'],
};

test('within the tolerance a result is met; beyond it, not, or what the scale gives', () => {
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  expect(problems).toEqual([]);
  const by = Object.fromEntries(results[0].rows.map((r) => [r.id, r]));
  expect(by['1'].status).toBe('met');
  expect(by['1'].explanation).toBe('197 ≥ 200 ± 5');
  expect(by['2'].status).toBe('not_met'); // 195 < 196
  expect(by['3'].status).toBe('met'); // 44 ≤ 44
  expect(by['4'].fulfilment).toBeCloseTo((90 - 80) / (95 - 80), 9);
  expect(by['5'].status).toBe('met'); // 83,5 % ≥ 83 %
});

test('the live sheet and what-if agree', async () => {
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  const layout = scoreWorkbookLayout(results, problems, 'da');
  expect(await liveDisagreements(layout, 'da-DK')).toEqual([]);
  const { result } = whatIf(results[0].plan, [{ id: '2', text: '196' }], { lang: 'da' });
  expect(result.rows[1].status).toBe('met');
}, 120_000);
