/** Counts by status cover what the assessed weight covers: a goal's own verdict counts once, for its sub-goals too. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { whatIf, type PlanResult } from '../src/engine';
import { countedRows } from '../src/engine/score';
import { dataFromGrids, scoreGrids } from '../src/pipeline';
import { readGrids } from '../src/xlsx';
import { planGrid, score } from './helpers';

const columns = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Vurdering'];

test('a goal with a verdict over sub-goals without results counts as one assessed goal', () => {
  const result = score(
    planGrid(columns, [
      { 'Nr.': '1', Mål: 'Digitalisering', Vægt: 8, Vurdering: 'Delvist opfyldt' },
      { 'Nr.': '1.1', Mål: 'Del 1', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '1.2', Mål: 'Del 2', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '1.3', Mål: 'Del 3', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '2', Mål: 'Sager', Vægt: 2, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
    ]),
  );
  expect(result.total.assessedWeight).toBe(10);
  expect(result.total.counts).toEqual({ met: 1, partly: 1, not_met: 0, not_assessed: 0 });
  const area = result.areas[0];
  expect(area.counts).toEqual(result.total.counts);
});

test('without a verdict on the goal its sub-goals are counted, each as it stands', () => {
  const result = score(
    planGrid(columns, [
      { 'Nr.': '1', Mål: 'Digitalisering', Vægt: 8 },
      { 'Nr.': '1.1', Mål: 'Del 1', Kravtype: 'mindst', Målværdi: 10, Resultat: 12 },
      { 'Nr.': '1.2', Mål: 'Del 2', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '2', Mål: 'Sager', Vægt: 2, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
    ]),
  );
  expect(result.total.counts).toEqual({ met: 2, partly: 0, not_met: 0, not_assessed: 1 });
});

/** The weight the counted rows cover, all of it and the assessed part: what the counts stand for. */
function countedWeight(result: PlanResult): { weight: number; assessed: number; rows: number } {
  const counted = countedRows(result.rows);
  const rows = result.rows.filter(counted);
  return { weight: rows.reduce((s, r) => s + r.weight, 0), assessed: rows.filter((r) => r.status !== 'not_assessed').reduce((s, r) => s + r.weight, 0), rows: rows.length };
}

function expectAgreement(result: PlanResult): void {
  const c = countedWeight(result);
  const t = result.total;
  expect(c.rows).toBe(t.counts.met + t.counts.partly + t.counts.not_met + t.counts.not_assessed);
  expect(c.weight).toBeCloseTo(t.weight, 9);
  expect(c.assessed).toBeCloseTo(t.assessedWeight, 9);
}

test('the issue’s plan: a verdict over five parts without results is one assessed goal beside “8 of 10 assessed”', () => {
  const parts = [1, 2, 3, 4, 5].map((i) => ({ 'Nr.': `1.${i}`, Mål: `Del ${i}`, Kravtype: 'mindst', Målværdi: 10 }));
  const result = score(
    planGrid(columns, [{ 'Nr.': '1', Mål: 'Digitalisering', Vægt: 8, Vurdering: 'Delvist opfyldt' }, ...parts, { 'Nr.': '2', Mål: 'Sager', Vægt: 2, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 }]),
  );
  expect(result.total.counts).toEqual({ met: 1, partly: 1, not_met: 0, not_assessed: 0 });
  expect(result.total.assessedWeight).toBe(10);
  expectAgreement(result);
});

test('a verdict two levels up covers its sub-goals’ sub-goals; in Norwegian words too', () => {
  const result = score(
    planGrid(['Nr.', 'Mål', 'Vekt', 'Kravtype', 'Målverdi', 'Resultat', 'Vurdering'], [
      { 'Nr.': '1', Mål: 'Beredskap', Vekt: 6, Vurdering: 'Innfridd' },
      { 'Nr.': '1.1', Mål: 'Del' },
      { 'Nr.': '1.1.1', Mål: 'Del av del', Kravtype: 'minst', Målverdi: 10 },
      { 'Nr.': '1.1.2', Mål: 'Del av del', Kravtype: 'minst', Målverdi: 10, Resultat: 4 },
      { 'Nr.': '2', Mål: 'Responstid', Vekt: 4, Kravtype: 'høyst', Målverdi: 11 },
    ], [['Virksomhet', 'Politiet'], ['År', 2024]]),
    {},
    'nb',
  );
  expect(result.total.counts).toEqual({ met: 1, partly: 0, not_met: 0, not_assessed: 1 });
  expect(result.total.assessedWeight).toBe(6);
  expectAgreement(result);
});

test('an “all” goal is judged whole: it counts as one goal, assessed or not, never as sub-goals its rule has not decided', () => {
  const result = score(
    planGrid(columns, [
      { 'Nr.': '1', Mål: 'Sygefravær', Vægt: 6, Kravtype: 'alle' },
      { 'Nr.': '1.1', Mål: 'Institutioner', Kravtype: 'højst', Målværdi: 14, Resultat: 12 },
      { 'Nr.': '1.2', Mål: 'Kontorer', Kravtype: 'højst', Målværdi: 8, Resultat: 7 },
      { 'Nr.': '1.3', Mål: 'Direktorat', Kravtype: 'højst', Målværdi: 8 },
      { 'Nr.': '2', Mål: 'Sager', Vægt: 4, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
    ]),
  );
  // Two of three met and one open: the goal is not yet decided, and its weight not assessed.
  expect(result.total.assessedWeight).toBe(4);
  expect(result.total.counts).toEqual({ met: 1, partly: 0, not_met: 0, not_assessed: 1 });
  expectAgreement(result);
});

test('counts agree with the assessed weight in the seed plans, their areas, and a what-if', async () => {
  for (const name of ['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx', '003-hjemrejsestyrelsen-2024.xlsx']) {
    const grids = readGrids(await fs.readFile(path.join(__dirname, '..', 'seeds', name)));
    const result = scoreGrids(grids, { lang: 'da' }).results[0];
    expectAgreement(result);
    for (const area of result.areas) {
      const rows = result.rows.filter((r) => countedRows(result.rows)(r) && areaOf(result, r) === area.name);
      expect([name, area.name, rows.filter((r) => r.status !== 'not_assessed').reduce((s, r) => s + r.weight, 0)]).toEqual([name, area.name, expect.closeTo(area.assessedWeight, 9)]);
    }
    // A goal's verdict typed in a what-if covers its sub-goals in the counts at once.
    const parent = result.rows.find((r) => r.isParent)!;
    const edited = { ...parent.row, assessment: { key: 'met' as const, grade: null }, cells: { ...parent.row.cells, assessment: 'Opfyldt' } };
    expectAgreement(whatIf({ ...result.plan, rows: result.plan.rows.map((r) => (r.id === parent.id ? edited : r)) }, [], { lang: 'da', data: dataFromGrids(grids) }).result);
  }
});

/** A row's area in the summary: its top goal's. */
function areaOf(result: PlanResult, row: PlanResult['rows'][number]): string {
  let r = row;
  while (r.parentId !== null) r = result.rows.find((x) => x.id === r.parentId)!;
  return r.area;
}
