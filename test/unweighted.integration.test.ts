/**
 * Plans without weights (Norwegian styringsparametere, many contracts): a sheet with an ID column and
 * a type or target column is a plan; every top-level goal counts one, sub-goals share it, and the
 * score is the share of goals met.
 */
import type { SheetGrid } from '../src/engine/types';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { liveDisagreements } from './recalc';

const grid: SheetGrid = {
  name: 'Styringsparametere',
  values: [
    ['Virksomhet', 'Kriminalomsorgen'],
    ['År', 2024],
    [],
    ['Nr.', 'Styringsparameter', 'Kravtype', 'Målverdi', 'Resultat'],
    ['1', 'Andel domfelte i arbeid', 'minst', '60 %', '64 %'],
    ['2', 'Saksbehandlingstid', 'lavere enn', 40, 38],
    ['3', 'Rehabilitering', null, null, null],
    ['3.1', 'Program A', 'minst', 10, 12],
    ['3.2', 'Program B', 'minst', 10, 8],
    ['4', 'Tilbakefall', 'høyst', '20 %', '25 %'],
  ] as SheetGrid['values'],
};

test('an unweighted plan is read, each top-level goal counts one, sub-goals share it', () => {
  const { results, problems } = scoreGrids([grid], { lang: 'nb' });
  expect(problems).toEqual([]);
  const plan = results[0];
  expect(plan.plan.unit).toBe('count');
  expect(plan.total.weight).toBe(4);
  const by = Object.fromEntries(plan.rows.map((r) => [r.id, r]));
  expect([by['1'].weight, by['3'].weight, by['3.1'].weight]).toEqual([1, 1, 0.5]);
  expect(plan.total.earned).toBeCloseTo(2.5, 9);
  expect(plan.total.score).toBeCloseTo(0.625, 9);
});

test('its score sheet says goals, and LibreOffice computes it from the formulas as the engine does', async () => {
  const { results, problems } = scoreGrids([grid], { lang: 'nb' });
  const layout = scoreWorkbookLayout(results, problems, 'nb');
  const sheet = layout.sheets[0];
  expect(sheet.values.some((r) => typeof r[1] === 'string' && r[1].includes('(antall mål)'))).toBe(true);
  expect(await liveDisagreements(layout, 'nb-NO')).toEqual([]);
}, 120_000);

test('a sheet of weights wins over an unweighted one above it in the same sheet', () => {
  const weighted: SheetGrid = { name: 'P', values: [['Nr.', 'Kravtype'], [], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 100, 'mindst', 1, 2]] as SheetGrid['values'] };
  expect(scoreGrids([weighted], { lang: 'da' }).results[0].plan.unit).toBe('percent');
});
