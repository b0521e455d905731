/** What a consolidation ranks: a plan with nothing assessed is no 0 %, and each score says how much of its plan it covers. */
import { consolidate, type CellValue, type SheetGrid } from '../src/engine';
import { scoreGrids } from '../src/pipeline';

function plan(agency: string, results: [CellValue, CellValue], weights: [number, number] = [60, 40]): SheetGrid {
  return {
    name: 'Plan',
    values: [
      ['Myndighed', agency],
      ['År', 2024],
      ['Periode', 'Q4'],
      [],
      ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'],
      ['1', 'Sager afgjort', weights[0], 'mindst', 100, results[0]],
      ['2', 'Tilfredshed', weights[1], 'mindst', 4, results[1]],
    ],
  };
}
const submission = (file: string, grid: SheetGrid) => ({ file, result: scoreGrids([grid], { lang: 'da' }).results[0], modified: null });

test('a plan with nothing assessed is not ranked: not the lowest, not in the average', () => {
  const o = consolidate([submission('alfa.xlsx', plan('Alfa', [120, 3])), submission('beta.xlsx', plan('Beta', [null, null])), submission('gamma.xlsx', plan('Gamma', [120, 5]))]);
  const beta = o.rows.find((r) => r.agency === 'Beta')!;
  expect(beta.score).toBeNull();
  expect(beta.coverage).toBe(0);
  expect(o.lowest?.agency).toBe('Alfa');
  // Alfa 60 of 100, Gamma 100 of 100: Beta counts in neither.
  expect(o.average).toBeCloseTo(0.8, 12);
  expect(o.rows.map((r) => r.agency)).toEqual(['Gamma', 'Alfa', 'Beta']);
  expect(o.periods[0].lowest?.agency).toBe('Alfa');
  expect(o.periods[0].average).toBeCloseTo(0.8, 12);
});

test('each row says how much of its plan its score covers', () => {
  const o = consolidate([submission('alfa.xlsx', plan('Alfa', [120, null])), submission('gamma.xlsx', plan('Gamma', [120, 5]))]);
  expect(Object.fromEntries(o.rows.map((r) => [r.agency, r.coverage]))).toEqual({ Alfa: 0.6, Gamma: 1 });
});

test('weights that do not add up to 100 are told once, by the plan itself', () => {
  const o = consolidate([submission('alfa.xlsx', plan('Alfa', [120, 5], [50, 30]))]);
  const own = o.counting[0].result.problems.filter((p) => p.message.key === 'planTotal');
  expect(own).toHaveLength(1);
  expect(o.problems.filter((p) => p.message.key === 'totalNot100')).toEqual([]);
});
