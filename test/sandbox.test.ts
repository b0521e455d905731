/**
 * The formula sandbox: hostile mathjs expressions are refused before anything is evaluated, with
 * a message that names the cell; benign formulas on the same sheet still score.
 */
import { compileFormula, FORMULA_VARIABLES } from '../src/engine';
import { formatMessage, pack } from '../src/i18n';
import { planGrid, score } from './helpers';

/** Each hostile expression, and what the Danish message names: the refused part or the bound it passes. */
const HOSTILE: [string, string][] = [
  ['import({ x: 1 }, { override: true })', 'bruger »import«'],
  ['createUnit("foo")', 'bruger »createUnit«'],
  ['evaluate("1 + 1")', 'bruger »evaluate«'],
  ['parse("1 + 1")', 'bruger »parse«'],
  ['simplify("x + x")', 'bruger »simplify«'],
  ['derivative("x^2", "x")', 'bruger »derivative«'],
  ['compile("1")', 'bruger »compile«'],
  ['actual.constructor', 'bruger »actual.constructor«'],
  ['actual["constructor"]', 'bruger »actual["constructor"]«'],
  ['actual.__proto__', 'bruger »actual.__proto__«'],
  ['min.constructor("return process")()', 'ved tegn 35'],
  ['(1).constructor', 'bruger »(1).constructor«'],
  ['ones(20000, 20000)', 'bruger »ones«'],
  ['zeros(100000, 100000)', 'bruger »zeros«'],
  ['range(1, 1e9)', 'bruger »range«'],
  ['1:1e9', 'bruger »:«'],
  ['sum(1:100000000)', 'bruger »:«'],
  ['[1, 2, 3]', 'bruger »[ ]«'],
  ['matrix([1, 2])', 'bruger »matrix«'],
  ['f(x) = f(x)', 'bruger »=«'],
  ['x = 1', 'bruger »=«'],
  ['{ a: 1 }', 'bruger »{ }«'],
  ['"text" + 1', 'bruger »"text"«'],
  ['pi * actual', 'bruger »pi«, som ikke findes'],
  [`${'('.repeat(60)}1${')'.repeat(60)}`, 'flere end 40 niveauer'],
  [`${'('.repeat(499)}1${')'.repeat(499)}`, 'flere end 40 niveauer'],
  [`actual${' + actual'.repeat(300)}`, 'længere end 1.000 tegn'],
  [`max(${new Array(450).fill(1).join(',')})`, 'flere end 400 dele'],
  [`${'-'.repeat(200)}1`, 'flere end 40 niveauer'],
  [`${'not '.repeat(240)}1`, 'flere end 40 niveauer'],
  [`${'actual^'.repeat(140)}1`, 'flere end 40 niveauer'],
];

describe('hostile expressions are refused before evaluation', () => {
  test.each(HOSTILE)('%s', (text, says) => {
    const c = compileFormula(text, FORMULA_VARIABLES);
    expect(c.ok).toBe(false);
    // At its cell, in Danish: what was refused and what a formula may hold, never the parser's English.
    const result = score(planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Resultat', 'Formel'], [{ 'Nr.': '1', Mål: 'x', Vægt: 100, Kravtype: 'formel', Resultat: 5, Formel: text }]));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ cell: 'F6', severity: 'error' });
    const message = formatMessage(result.problems[0].message, pack('da'));
    expect(message).toContain(says);
    expect(message).toMatch(/^Formlen /);
    expect(message).not.toMatch(/\{[a-z]+\}|expected|not allowed|Unexpected|char \d|Node|\n\s+at /);
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
    ['9^9^9^9', 'formulaInfinite', 'giver et uendeligt stort tal'],
    ['sqrt(-1)', 'formulaNotANumber', 'giver ikke et tal'],
    ['actual / 0', 'formulaInfinite', 'giver et uendeligt stort tal'],
    ['0 / 0', 'formulaNotANumber', 'giver ikke et tal'],
    ['-actual / 0', 'formulaInfinite', 'giver et uendeligt stort tal'],
  ])('%s is not assessed, and the message says why in words', (formula, key, says) => {
    const grid = planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Resultat', 'Formel'], [{ 'Nr.': '1', Mål: 'x', Vægt: 100, Kravtype: 'formel', Resultat: 5, Formel: formula }]);
    const result = score(grid);
    expect(result.rows[0].fulfilment).toBeNull();
    expect(result.problems[0]).toMatchObject({ sheet: 'Plan', cell: 'F6', message: { key } });
    const message = formatMessage(result.problems[0].message, pack('da'));
    expect(message).toContain(`Formlen »${formula}« ${says}`);
    expect(message).not.toMatch(/NaN|Infinity/);
  });

  test('a value outside 0–1 is named as Danish writes numbers', () => {
    const grid = planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Resultat', 'Formel'], [{ 'Nr.': '1', Mål: 'x', Vægt: 100, Kravtype: 'formel', Resultat: 1234.5, Formel: 'actual' }]);
    expect(formatMessage(score(grid).problems[0].message, pack('da'))).toMatch(/^Formlen gav 1\.234,5;/);
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
