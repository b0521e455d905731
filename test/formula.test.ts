import { compileFormula, FORMULA_VARIABLES } from '../src/engine';
import { one } from './helpers';

describe('the restricted formula language', () => {
  test.each([
    ['actual >= target', { actual: 5, target: 4 }, true],
    ['min(actual / target, 1)', { actual: 3, target: 6 }, 0.5],
    ['actual >= 3 and baseline < 2', { actual: 3, baseline: 1 }, true],
    ['round(mean(actual, baseline), 1)', { actual: 1, baseline: 2 }, 1.5],
    ['actual > 0 ? 1 : 0', { actual: 1 }, 1],
    ['abs(actual - target) <= 2', { actual: 9, target: 10 }, true],
  ])('%s', (text, scope, expected) => {
    const c = compileFormula(text, FORMULA_VARIABLES);
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.formula.evaluate(scope)).toBe(expected);
  });

  test.each([
    ['import({}, {})', 'formulaRefused'],
    ['evaluate("1+1")', 'formulaRefused'],
    ['parse("1")', 'formulaRefused'],
    ['f(x) = x', 'formulaRefused'],
    ['actual.constructor', 'formulaRefused'],
    ['[1,2,3]', 'formulaRefused'],
    ['x = 3', 'formulaRefused'],
    ['secret + 1', 'formulaUnknownName'],
    ['1 +', 'formulaIncomplete'],
    ['1)', 'formulaSyntax'],
    ['min(actual, 1', 'formulaUnclosed'],
    ['0 < actual < 5', 'formulaChained'],
    ['min()', 'formulaNoValues'],
    ['abs(actual, 1)', 'formulaArity'],
  ])('%s is refused (%s)', (text, key) => {
    const c = compileFormula(text, FORMULA_VARIABLES);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.error.key).toBe(key);
  });

  test('each distinct expression is compiled once', () => {
    const a = compileFormula('actual * 2 > target', FORMULA_VARIABLES);
    const b = compileFormula('actual * 2 > target', FORMULA_VARIABLES);
    expect(a).toBe(b);
  });

  test('a refused formula names its cell and the row is not assessed', () => {
    const { row, result } = one({ Kravtype: 'formel', Resultat: 1, Formel: 'evaluate("2")' });
    expect(row.status).toBe('not_assessed');
    expect(result.problems[0]).toMatchObject({ cell: 'F4', severity: 'error', message: { key: 'formulaRefused' } });
  });

  test('a value outside 0–1 is clamped with a warning', () => {
    const { row, result } = one({ Kravtype: 'formel', Resultat: 3, Formel: 'actual' });
    expect(row.fulfilment).toBe(1);
    expect(result.problems[0]).toMatchObject({ severity: 'warning', message: { key: 'formulaResult' } });
  });
});
