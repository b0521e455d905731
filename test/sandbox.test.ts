/**
 * The formula sandbox: hostile mathjs expressions are refused before anything is evaluated, with
 * a message that names the cell; benign formulas on the same sheet still score.
 */
import { compileFormula, FORMULA_VARIABLES } from '../src/engine';
import { planGrid, score } from './helpers';

const HOSTILE: [string, string][] = [
  ['import({ x: 1 }, { override: true })', 'import'],
  ['createUnit("foo")', 'createUnit'],
  ['evaluate("1 + 1")', 'evaluate'],
  ['parse("1 + 1")', 'parse'],
  ['simplify("x + x")', 'simplify'],
  ['derivative("x^2", "x")', 'derivative'],
  ['compile("1")', 'compile'],
  ['actual.constructor', 'accessor'],
  ['actual["constructor"]', 'accessor'],
  ['actual.__proto__', 'accessor'],
  ['min.constructor("return process")()', 'expected'],
  ['(1).constructor', 'accessor'],
  ['ones(20000, 20000)', 'ones'],
  ['zeros(100000, 100000)', 'zeros'],
  ['range(1, 1e9)', 'range'],
  ['1:1e9', 'range'],
  ['sum(1:100000000)', 'range'],
  ['[1, 2, 3]', 'array'],
  ['matrix([1, 2])', 'matrix'],
  ['f(x) = f(x)', 'function'],
  ['x = 1', 'assignment'],
  ['{ a: 1 }', 'object'],
  ['"text" + 1', 'values'],
  ['pi * actual', 'pi'],
  [`${'('.repeat(60)}1${')'.repeat(60)}`, 'nested'],
  [`${'('.repeat(499)}1${')'.repeat(499)}`, 'nested'],
  [`actual${' + actual'.repeat(300)}`, 'longer'],
  [`max(${new Array(450).fill(1).join(',')})`, 'parts'],
  [`${'-'.repeat(200)}1`, 'nested'],
];

describe('hostile expressions are refused before evaluation', () => {
  test.each(HOSTILE)('%s', (text, says) => {
    const c = compileFormula(text, FORMULA_VARIABLES);
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(['formulaRefused', 'formulaSyntax', 'formulaUnknownName']).toContain(c.error.key);
    // The message says what was refused, not a stack trace.
    const detail = `${c.error.args?.detail ?? ''} ${c.error.args?.name ?? ''}`;
    expect(detail.toLowerCase()).toContain(says.toLowerCase());
    expect(detail).not.toMatch(/\n\s+at /);
  });

  test('a refused expression is never evaluated: nothing it names runs', () => {
    let called = false;
    (globalThis as Record<string, unknown>).__goalscoreProbe = () => (called = true);
    for (const text of ['__goalscoreProbe()', 'actual.constructor.constructor("__goalscoreProbe()")()']) {
      const c = compileFormula(text, FORMULA_VARIABLES);
      expect(c.ok).toBe(false);
    }
    expect(called).toBe(false);
    delete (globalThis as Record<string, unknown>).__goalscoreProbe;
  });
});

describe('evaluation is bounded and its result checked', () => {
  test.each([
    ['9^9^9^9', 'Infinity'],
    ['sqrt(-1)', 'NaN'],
    ['actual / 0', 'Infinity'],
  ])('%s is not assessed, with a message', (formula, shown) => {
    const grid = planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Resultat', 'Formel'], [{ 'Nr.': '1', Mål: 'x', Vægt: 100, Kravtype: 'formel', Resultat: 5, Formel: formula }]);
    const result = score(grid, {}, 'en');
    expect(result.rows[0].fulfilment).toBeNull();
    expect(result.problems[0]).toMatchObject({ sheet: 'Plan', cell: 'F6', message: { key: 'formulaFailed' } });
    expect(result.problems[0].message.args?.detail).toBe(shown);
  });

  test('the longest and deepest allowed expression evaluates in one pass', () => {
    const deep = `${'('.repeat(39)}actual${')'.repeat(39)} >= target`;
    const c = compileFormula(deep, FORMULA_VARIABLES);
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.formula.evaluate({ actual: 2, target: 1 })).toBe(true);
  });
});

test('benign formulas on the same sheet as hostile ones still score', () => {
  const hostile = HOSTILE.map(([formula], i) => ({ 'Nr.': `${i + 2}`, Mål: 'hostile', Vægt: 1, Kravtype: 'formel', Resultat: 1, Formel: formula }));
  const grid = planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Resultat', 'Målværdi', 'Formel'], [
    { 'Nr.': '1', Mål: 'benign', Vægt: 10, Kravtype: 'formel', Resultat: 3, Målværdi: 6, Formel: 'min(actual / target, 1)' },
    ...hostile,
  ]);
  const result = score(grid);
  expect(result.rows[0].fulfilment).toBe(0.5);
  expect(result.rows[0].earned).toBe(5);
  expect(result.rows.slice(1).every((r) => r.fulfilment === null)).toBe(true);
  // Every hostile row has its own problem, at its own Formel cell.
  const cells = new Set(result.problems.map((p) => p.cell));
  hostile.forEach((_, i) => expect(cells.has(`G${7 + i}`)).toBe(true));
});
