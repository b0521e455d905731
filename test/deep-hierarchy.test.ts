/**
 * A plan may nest as deep as it has rows (1, 1.1, 1.1.1, …): every walk over the goal tree, in
 * scoring, what-if, consolidation and the score sheet, is a loop, so a deep plan is scored as any
 * other, never lost to an exhausted call stack or called an unreadable workbook.
 */
import { consolidate, whatIf, type CellValue } from '../src/engine';
import { formatMessage, pack } from '../src/i18n';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { buildPlanWorkbook } from '../src/xlsx/planWorkbook';
import { scoreSources, ScoringFailed, unreadableProblem, workbookBytes } from '../src/xlsx';
import { planGrid } from './helpers';

const LEVELS = 3_000;
const COLUMNS = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Vurdering'];

/** One goal per level, each the only sub-goal of the one above; the deepest a requirement, and one more beside it at the bottom. */
function deepRows(levels: number): Record<string, CellValue>[] {
  const rows: Record<string, CellValue>[] = [];
  let id = '1';
  for (let level = 0; level < levels - 1; level++, id += '.1') rows.push({ 'Nr.': id, Mål: `Mål på niveau ${level}`, Vægt: level === 0 ? 100 : null });
  rows.push({ 'Nr.': id, Mål: 'Sager', Vægt: 75, Kravtype: 'mindst', Målværdi: 10, Resultat: 12 });
  rows.push({ 'Nr.': id.replace(/1$/, '2'), Mål: 'Frister', Vægt: 25, Kravtype: 'mindst', Målværdi: 10, Resultat: 5 });
  return rows;
}

const grid = () => planGrid(COLUMNS, deepRows(LEVELS));

test(`a plan ${LEVELS.toLocaleString('en')} levels deep is scored: levels, shared weights, the earned score and Danish explanations`, () => {
  const { results, problems } = scoreGrids([grid()], { lang: 'da' });
  expect(problems).toEqual([]);
  const rows = results[0].rows;
  expect(rows).toHaveLength(LEVELS + 1);
  expect(rows[LEVELS - 1].level).toBe(LEVELS - 1);
  expect(rows[LEVELS].parentId).toBe(rows[LEVELS - 2].id);
  // The root's 100 reach the bottom whole and are shared 75 : 25 there.
  expect(rows[LEVELS - 2].weight).toBeCloseTo(100, 9);
  expect(rows[LEVELS - 1].weight).toBeCloseTo(75, 9);
  expect(results[0].total.earned).toBeCloseTo(75, 9);
  expect(results[0].total.counts).toEqual({ met: 1, partly: 0, not_met: 1, not_assessed: 0 });
  expect(rows[0].explanation).toMatch(/^summen af delmål: 75 af 100/);
});

test('a verdict half way down counts once, as that goal, with its sub-goals under it', () => {
  const rows = deepRows(LEVELS);
  rows[LEVELS / 2].Vurdering = 'Delvist opfyldt';
  const result = scoreGrids([planGrid(COLUMNS, rows)], { lang: 'da' }).results[0];
  expect(result.total.counts).toEqual({ met: 0, partly: 1, not_met: 0, not_assessed: 0 });
});

test('what-if on the deepest row reaches the root; consolidation and the score sheet take the deep plan', () => {
  const plan = scoreGrids([grid()], { lang: 'da' }).results[0];
  const deepest = plan.rows[LEVELS].id;
  const { result } = whatIf(plan.plan, [{ id: deepest, text: '10' }], { lang: 'da' });
  expect(result.total.earned).toBeCloseTo(100, 9);
  const overview = consolidate([{ file: 'dyb.xlsx', result: plan }]);
  expect(overview.rows).toHaveLength(1);
  expect(overview.rows[0].score).toBeCloseTo(0.75, 9);
  const sheet = scoreWorkbookLayout([plan], [], 'da').sheets[0];
  expect(sheet.values.flat()).toContain(`Mål på niveau ${LEVELS - 2}`);
});

test('the deep plan as a workbook file is scored and written, not called unreadable', async () => {
  const spec = { sheet: 'Plan', metadata: [['Myndighed', 'Dybdestyrelsen'], ['År', 2024]] as [string, CellValue][], columns: COLUMNS, rows: deepRows(LEVELS) };
  const bytes = workbookBytes(buildPlanWorkbook(spec as Parameters<typeof buildPlanWorkbook>[0]));
  const run = await scoreSources([{ name: 'dyb.xlsx', bytes: async () => bytes }], pack('da'), { output: true });
  expect(run.problems.map((p) => formatMessage(p.message, pack('da')))).toEqual([]);
  expect(run.scored[0].results[0].rows).toHaveLength(LEVELS + 1);
  expect(run.scored[0].output?.length).toBeGreaterThan(0);
});

test('a workbook read but not scored is said to be the product\'s fault, never an unreadable file, in Danish and without internals', () => {
  const problem = unreadableProblem('plan.xlsx', new ScoringFailed(new RangeError('Maximum call stack size exceeded')));
  const text = formatMessage(problem.message, pack('da'));
  expect(text).toMatch(/^plan\.xlsx blev læst, men opfyldelsen kunne ikke beregnes på grund af en fejl i goalscore/);
  expect(text).not.toMatch(/RangeError|stack|Excel-projektmappe/);
});
