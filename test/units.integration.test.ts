/**
 * Values refused at their cells (another unit, an impossible value) are refused on the live score
 * sheet too: LibreOffice computes from the formulas alone what the engine does, so no refused value
 * is scored there either. Rows of `eller bedre`, a percentile, a share typed beside its counts and a
 * direction from the goal's words compute alike as well.
 */
import type { SheetGrid } from '../src/engine/types';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { liveDisagreements } from './recalc';

const HEADER = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Nedre grænse', 'Skala', 'Udgangspunkt', 'Resultat', 'Opfyldte', 'I alt'];

const ROWS = [
  ['1', 'Ventetid', 10, 'højst', 'højst 50 dage', null, null, null, '47 %'],
  ['2', 'Ventetid', 10, null, 'højst 50 dage', null, null, null, '10 %'],
  ['3', 'Sager', 10, 'andel', '85 %', null, null, null, null, 600, 500],
  ['4', 'Sager', 10, 'andel', '85 %', null, null, null, '150 %'],
  ['5', 'Ventetid', 10, 'højst', '50 dage', null, null, null, -5],
  ['6', 'Nedbringe ventetid', 10, 'reduktion', '10 dage', null, null, 120, 100],
  ['7', 'Sager', 10, 'andel', '90 %', null, null, null, '95,3 %', 709, 734],
  ['8', 'Sager', 10, 'andel', '90 %', null, null, null, '97,8 %', null, 734],
  ['9', 'Responstid', 10, null, '11 minutter eller bedre', null, null, null, '12 min'],
  ['10', 'Responstid', 5, null, '80 % inden for 11 minutter', null, null, null, '10 min'],
  ['11', 'Reduceret ventetid', 5, null, 50, 60, 'lineær', null, 55],
];

test('what the engine refuses, the live sheet does not score; the rest computes alike', async () => {
  const grid: SheetGrid = { name: 'Plan', values: [['Myndighed', 'Styrelsen'], ['År', 2024], [], HEADER, ...ROWS] as SheetGrid['values'] };
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  const statuses = results[0].rows.map((r) => r.status);
  expect(statuses).toEqual(['not_assessed', 'not_assessed', 'not_assessed', 'not_assessed', 'not_assessed', 'not_assessed', 'met', 'met', 'not_met', 'met', 'partly']);
  expect(problems.filter((p) => p.severity === 'error').map((p) => p.cell)).toEqual(['I5', 'I6', 'J7', 'I8', 'I9', 'E10']);
  const layout = scoreWorkbookLayout(results, problems, 'da');
  expect(await liveDisagreements(layout, 'da-DK')).toEqual([]);
}, 120_000);
