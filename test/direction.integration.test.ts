/** Direction only: "sagsbehandlingstiden skal falde", "skal minke" — strictly better than the baseline, no size given. */
import type { SheetGrid } from '../src/engine/types';
import { whatIf } from '../src/engine/whatif';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { liveDisagreements } from './recalc';

const grid: SheetGrid = {
  name: 'Plan',
  values: [
    ['Myndighed', 'Styrelsen'],
    [],
    ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Udgangspunkt', 'Resultat'],
    ['1', 'Sagsbehandlingstiden skal falde', 25, 'reduktion', null, 120, 110],
    ['2', 'Ventetiden skal falde', 25, 'reduktion', null, 120, 120],
    ['3', 'Flere sager afsluttet', 25, 'stigning', null, 500, 501],
    ['4', 'Tilfredsheden skal stige, mere end 0 %', 25, 'stigning', '> 0 %', 80, 80],
  ] as SheetGrid['values'],
};

test('met when strictly better than the baseline; the same is not met; a "> 0 %" target agrees', () => {
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  expect(problems).toEqual([]);
  expect(results[0].rows.map((r) => r.status)).toEqual(['met', 'not_met', 'met', 'not_met']);
  expect(results[0].rows[1].explanation).toBe('(120 − 120) / 120 = 0 % ≤ 0 %');
});

test('the live sheet and what-if agree', async () => {
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  const layout = scoreWorkbookLayout(results, problems, 'da');
  expect(await liveDisagreements(layout, 'da-DK')).toEqual([]);
  const { result } = whatIf(results[0].plan, [{ id: '2', text: '119' }], { lang: 'da' });
  expect(result.rows[1].status).toBe('met');
}, 120_000);
