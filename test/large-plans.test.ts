/**
 * Plans far beyond the seeds: 200,000 rows read, scored and laid out, beside last year. Nothing
 * on the way may spread the rows into a call's arguments (the stack holds about 100,000) or
 * search the rows once per row.
 */
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { syntheticPlan } from '../bench/synthetic';
import { rowsOf } from '../src/layout/rows';

test('a plan of 200,000 rows scores and lays out beside last year', () => {
  const grid = syntheticPlan(200_000);
  const last = scoreGrids([grid], { lang: 'da' }).results[0];
  const { results } = scoreGrids([grid], { lang: 'da', lastYear: [{ file: 'plan-2023.xlsx', result: last }] });
  expect(results[0].rows.length).toBeGreaterThanOrEqual(200_000);
  expect(results[0].lastYear?.rows.size).toBe(results[0].rows.length);
  const sheet = scoreWorkbookLayout(results, [], 'da').sheets[0];
  expect(rowsOf(sheet).length).toBeGreaterThan(results[0].rows.length);
  expect(sheet.shape?.key).toMatch(/^[0-9a-f]{8}$/);
}, 120_000);
