/**
 * Strict thresholds: "lavere enn 40 dager", "under 65 dage", "mere end 90 %". A sign in the target
 * (`< 40`, `> 90 %`, `≤ 40`, `>= 90 %`) or a strict type word sets the comparison; a result on the
 * bound of a strict target is not met. The live sheet and what-if agree with the engine.
 */
import { format } from 'numfmt';
import type { SheetGrid } from '../src/engine/types';
import { whatIf } from '../src/engine/whatif';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { liveDisagreements } from './recalc';

const HEADER = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Nedre grænse', 'Skala', 'Resultat', 'Opfyldte', 'I alt'];
const grid = (rows: unknown[][]): SheetGrid => ({ name: 'Plan', values: [['Myndighed', 'Styrelsen'], [], HEADER, ...rows] as SheetGrid['values'] });

const ROWS = [
  ['1', 'Sagsbehandlingstid lavere end 40 dage', 10, 'højst', '< 40', null, null, 40],
  ['2', 'Under 65 dage', 10, 'under', 65, null, null, 64],
  ['3', 'Mere end 90 % inden for fristen', 10, 'andel', '> 90 %', null, null, null, 90, 100],
  ['4', 'Mindst 90 %', 10, 'andel', '>= 90 %', null, null, null, 90, 100],
  ['5', 'Højst 40, til og med', 10, 'mindst', '≤ 40', null, null, 40],
  ['6', 'Over 10 projekter', 10, 'mere end', 10, null, null, 10],
  ['7', 'Under 40, lineært fra 60', 10, 'højst', '< 40', 60, 'lineær', 40],
  ['8', 'Mere end 5, lineært fra 0', 10, 'mindst', '> 5', 0, 'lineær', 4],
  ['9', 'Over 100', 10, 'over', 100, null, null, 101],
  ['10', 'Lavere end 3', 10, 'lavere end', 3, null, null, 2.5],
];

test('a result on the bound of a strict target is not met; inside it is; ≤ and ≥ include the bound', () => {
  const { results, problems } = scoreGrids([grid(ROWS)], { lang: 'da' });
  expect(problems).toEqual([]);
  const by = Object.fromEntries(results[0].rows.map((r) => [r.id, r]));
  expect(by['1'].status).toBe('not_met');
  expect(by['1'].explanation).toBe('40 ≥ 40');
  expect(by['2'].status).toBe('met');
  expect(by['3'].status).toBe('not_met');
  expect(by['4'].status).toBe('met');
  // A sign sets the direction: "≤ 40" on a "mindst" row compares at most.
  expect(by['5'].status).toBe('met');
  expect(by['6'].status).toBe('not_met');
  // On the bound, a linear scale gives almost all, never "met".
  expect(by['7'].status).toBe('partly');
  expect(by['7'].fulfilment).toBeGreaterThan(0.9999);
  expect(by['8'].fulfilment).toBeCloseTo(0.8, 9);
  expect(by['9'].status).toBe('met');
  expect(by['10'].status).toBe('met');
});

test('LibreOffice in da-DK computes the strict rows from the live formulas as the engine does', async () => {
  const { results, problems } = scoreGrids([grid(ROWS)], { lang: 'da' });
  const layout = scoreWorkbookLayout(results, problems, 'da');
  const sheet = layout.sheets[0];
  expect(await liveDisagreements(layout, 'da-DK')).toEqual([]);
  // The target keeps its sign on the sheet: "< 40" in Danish Excel.
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  const target = sheet.values[header].indexOf('Målværdi');
  expect(format(sheet.numberFormats[header + 1][target]!, sheet.values[header + 1][target] as number, { locale: 'da-DK' })).toBe('< 40');
}, 120_000);

test('what-if: 39 days passes "lavere end 40"', () => {
  const actual = scoreGrids([grid(ROWS)], { lang: 'da' }).results[0];
  const { result } = whatIf(actual.plan, [{ id: '1', text: '39' }], { lang: 'da' });
  expect(result.rows.find((r) => r.id === '1')!.status).toBe('met');
  expect(result.total.earned).toBeCloseTo(actual.total.earned + 10, 9);
});
