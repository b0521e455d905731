/**
 * The formula evaluator against mathjs: random expressions of every allowed node, operator and
 * function, evaluated by ours and by a mathjs instance restricted to the same functions (the
 * evaluator goalscore used before), must agree value for value.
 */
import fc from 'fast-check';
import {
  absDependencies, addDependencies, andDependencies, ceilDependencies, create, divideDependencies, equalDependencies, floorDependencies,
  largerDependencies, largerEqDependencies, maxDependencies, meanDependencies, minDependencies, modDependencies, multiplyDependencies,
  notDependencies, orDependencies, parseDependencies, powDependencies, roundDependencies, smallerDependencies, smallerEqDependencies,
  sqrtDependencies, subtractDependencies, sumDependencies, unaryMinusDependencies, unaryPlusDependencies, unequalDependencies, xorDependencies,
} from 'mathjs';
import { compileFormula } from '../src/engine/formula';

const oracle = create(
  {
    parseDependencies, addDependencies, subtractDependencies, multiplyDependencies, divideDependencies, unaryMinusDependencies, unaryPlusDependencies,
    powDependencies, modDependencies, equalDependencies, unequalDependencies, smallerDependencies, smallerEqDependencies, largerDependencies,
    largerEqDependencies, andDependencies, orDependencies, notDependencies, xorDependencies, minDependencies, maxDependencies, absDependencies,
    roundDependencies, floorDependencies, ceilDependencies, meanDependencies, sumDependencies, sqrtDependencies,
  },
  { predictable: true },
);

const NAMES = ['a', 'b', 'c'];

/** Expressions over the allowed grammar, numbers chosen to hit rounding halves and tolerances. */
const number = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('0.5', '1.5', '2.5', '-2.5', '1.005', '0.1', '0.2', '0.3', '2.675', '1e-13', '3', '0', '0.9999999999999999', '1e300'),
  fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }).map((d) => String(d)),
);
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    number,
    fc.constantFrom(...NAMES, 'true', 'false'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', '%', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'xor', 'mod'), tie('expr')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(fc.constantFrom('-', '+', 'not '), tie('expr')).map(([op, e]) => `${op}(${e})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
    fc.tuple(fc.constantFrom('min', 'max', 'mean', 'sum'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(fc.constantFrom('abs', 'sqrt', 'round', 'floor', 'ceil'), tie('expr')).map(([f, e]) => `${f}(${e})`),
    fc.tuple(fc.constantFrom('round', 'floor', 'ceil'), tie('expr'), fc.integer({ min: 0, max: 4 })).map(([f, e, n]) => `${f}(${e}, ${n})`),
  ),
}));

const same = (x: unknown, y: unknown) => (typeof x === 'number' && typeof y === 'number' ? (Number.isNaN(x) && Number.isNaN(y)) || x === y : x === y);

test('random expressions give what mathjs gives', () => {
  let compared = 0;
  fc.assert(
    fc.property(expr, fc.tuple(number, number, number), (text, values) => {
      const scope = Object.fromEntries(NAMES.map((n, i) => [n, Number(values[i])]));
      let expected: unknown;
      try {
        expected = oracle.parse(text).compile().evaluate({ ...scope });
      } catch {
        return true; // mathjs refuses it (e.g. round to a non-integer count of decimals); ours may answer NaN
      }
      const compiled = compileFormula(text, NAMES);
      if (!compiled.ok) return true; // ours refuses more: deeper than 40 levels, more than 400 parts
      const actual = compiled.formula.evaluate(scope);
      if (!same(actual, expected)) throw new Error(`${text} with ${JSON.stringify(scope)}: ours ${String(actual)}, mathjs ${String(expected)}`);
      compared++;
      return true;
    }),
    { numRuns: Number(process.env.FORMULA_RUNS ?? 3000) },
  );
  // Most expressions are compared, not skipped as refused by one side.
  expect(compared).toBeGreaterThan(2000);
});

test('the edges of rounding agree with mathjs', () => {
  const cases = ['round(1.005, 2)', 'round(2.5)', 'round(-2.5)', 'round(0.285, 2)', 'round(1.4999999999999999)', 'floor(0.9999999999999999)', 'ceil(1.0000000000001)', 'floor(-0.5)', 'ceil(-0.5)', 'round(123.456, 1)', 'floor(1.23456, 3)', 'ceil(-1.23456, 3)', 'round(1e-13)', 'round(5e-324)', '7 mod -3', '-7 % 3', 'sqrt(-4)', '(-8) ^ (1/3)', '(-1) ^ 0.9999999999999999', '(-8) ^ 0.5', '0.1 + 0.2 == 0.3', '1 / 0'];
  for (const text of cases) {
    const compiled = compileFormula(text, []);
    expect(compiled.ok).toBe(true);
    if (compiled.ok) expect([text, compiled.formula.evaluate({})]).toEqual([text, oracle.parse(text).compile().evaluate({})]);
  }
});
