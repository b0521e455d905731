/**
 * Graded verdicts: an assessment given as a percentage or fraction is the fulfilment itself, and a
 * plan may define its own assessment words (Vurderingsskala). The school board's "85 % af
 * ekstrarammen" pays 85 %, not the plan's partial credit.
 */
import { formatMessage, pack } from '../src/i18n';
import type { SheetGrid } from '../src/engine/types';
import { whatIf } from '../src/engine/whatif';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { workbookBytes } from '../src/xlsx';
import { address } from '../src/engine';
import { recalculate } from './recalc';

const plan = (meta: unknown[][], rows: unknown[][]): SheetGrid => ({
  name: 'Plan',
  values: [['Myndighed', 'Skolen'], ...meta, [], ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Vurdering', 'Målværdi', 'Resultat'], ...rows] as SheetGrid['values'],
});

const graded = plan([['Delvis opfyldelse', '50 %']], [
  ['1', 'Ekstraramme', 40, 'vurdering', '85 %'],
  ['2', 'Trivsel', 30, 'vurdering', '0,75'],
  ['3', 'Fravær', 20, 'vurdering', 'Delvist opfyldt'],
  ['4', 'Karakterer', 10, 'mindst', '60 pct.', 7, 9],
]);

test('a percentage or fraction is the fulfilment; a word earns as before; on another type it overrides', () => {
  const { results, problems } = scoreGrids([graded], { lang: 'da' });
  expect(problems).toEqual([]);
  const rows = Object.fromEntries(results[0].rows.map((r) => [r.id, r]));
  expect(rows['1'].fulfilment).toBeCloseTo(0.85, 9);
  expect(rows['1'].status).toBe('partly');
  expect(rows['1'].explanation).toBe('vurdering: 85 % (85 %)');
  expect(rows['2'].fulfilment).toBeCloseTo(0.75, 9);
  expect(rows['3'].fulfilment).toBeCloseTo(0.5, 9);
  // The ministry's 60 % overrides the computed result (9 ≥ 7 would be met).
  expect(rows['4'].fulfilment).toBeCloseTo(0.6, 9);
  expect(results[0].total.earned).toBeCloseTo(40 * 0.85 + 30 * 0.75 + 20 * 0.5 + 10 * 0.6, 9);
});

test('a plan\'s own assessment words, A to E', () => {
  const scaled = plan([['Vurderingsskala', 'A:100%; B:75%; C:50%; D:25%; E:0%']], [
    ['1', 'a', 50, 'vurdering', 'B'],
    ['2', 'b', 50, 'vurdering', 'e'],
  ]);
  const { results, problems } = scoreGrids([scaled], { lang: 'da' });
  expect(problems).toEqual([]);
  expect(results[0].rows.map((r) => r.fulfilment)).toEqual([0.75, 0]);
  expect(results[0].rows.map((r) => r.status)).toEqual(['partly', 'not_met']);
  const bad = scoreGrids([plan([['Vurderingsskala', 'A er bedst']], [['1', 'a', 100, 'vurdering', 'Opfyldt']])], { lang: 'da' });
  expect(bad.problems.map((p) => formatMessage(p.message, pack('da')))).toEqual(['»A er bedst« er ingen vurderingsskala som A:100%; B:75%; C:50%. Planens egne vurderingsord læses ikke.']);
});

test('what-if takes a grade too', () => {
  const actual = scoreGrids([graded], { lang: 'da' }).results[0];
  const { result, unreadable } = whatIf(actual.plan, [{ id: '1', text: '95 %' }], { lang: 'da' });
  expect(unreadable).toEqual([]);
  expect(result.total.earned).toBeCloseTo(actual.total.earned + 40 * 0.1, 9);
});

test('LibreOffice computes the graded rows from the live formulas as the engine does', async () => {
  const { results, problems } = scoreGrids([graded], { lang: 'da' });
  const layout = scoreWorkbookLayout(results, problems, 'da');
  const sheet = layout.sheets[0];
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  const earned = sheet.values[header].indexOf('Opnået');
  const total = sheet.values.findIndex((r, i) => i > header && r[1] === 'I alt');
  const computed = await recalculate([{ name: 'graded.xlsx', bytes: workbookBytes(layout, { cachedResults: false }) }], 'da-DK');
  const cells = computed.get('graded.xlsx')!.get(sheet.name)!;
  expect(cells.get(address(total, earned))).toBeCloseTo(results[0].total.earned, 9);
}, 120_000);
