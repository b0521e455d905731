/** Forecast: where the year is heading, from the periods' results and what each measure is. */
import type { SheetGrid } from '../src/engine/types';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';

const plan: SheetGrid = {
  name: 'Plan',
  values: [
    ['Myndighed', 'Styrelsen'],
    ['År', 2025],
    ['Periode', 'Q2'],
    [],
    ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Frist', 'Resultat Q1', 'Resultat Q2', 'Opfyldte Q2', 'I alt Q2', 'Gennemført Q2'],
    ['1', 'Sager, i alt over året', 10, 'mindst', 100, null, 30, 55],
    ['2', 'Besøg, i alt over året', 10, 'mindst', 100, null, 20, 45],
    ['3', 'Kurser, i alt over året', 10, 'mindst', 100, null, 10, 20],
    ['4', 'Andel inden for fristen', 10, 'andel', '85 %', null, null, null, 80, 100],
    ['5', 'Ny strategi', 10, 'milepæl', null, { date: true }, null, null, null, null, 'nej'],
    ['6', 'Niveau', 10, 'mindst', 10, null, 11, 12],
  ].map((r) => r.map((v) => (v && typeof v === 'object' ? new Date('2025-09-30T00:00:00Z') : v))) as SheetGrid['values'],
};

test('counts that accumulate are projected to the year\'s end; levels and shares stand; milestones are at risk until their deadline', () => {
  const { results } = scoreGrids([plan], { lang: 'da' });
  const r = results[0];
  expect(r.plan.currentPeriod).toBe('Q2');
  const f = r.forecast!;
  expect(['1', '2', '3', '4', '5', '6'].map((id) => f.rows.get(id))).toEqual(['on_track', 'at_risk', 'off_track', 'off_track', 'at_risk', 'on_track']);
  expect(f.plan).toBe('at_risk');
});

test('the score sheet says it beside the history', () => {
  const { results, problems } = scoreGrids([plan], { lang: 'da' });
  const sheet = scoreWorkbookLayout(results, problems, 'da').sheets[0];
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  const col = sheet.values[header].indexOf('Prognose');
  expect(col).toBeGreaterThan(0);
  expect(sheet.values.filter((r, i) => i > header && r[0] === '2').map((r) => r[col])).toEqual(['I risiko']);
  expect(sheet.values.find((r, i) => i > header && r[1] === 'I alt')![col]).toBe('I risiko');
});

test('a plan not reported per period has no forecast', () => {
  const plain: SheetGrid = { name: 'P', values: [['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 100, 'mindst', 1, 2]] };
  expect(scoreGrids([plain], { lang: 'da' }).results[0].forecast).toBeUndefined();
});
