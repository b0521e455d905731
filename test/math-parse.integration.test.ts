/**
 * The engine's lean parser, made from mathjs's factories with only what parsing needs, against
 * mathjs's own `parse`: the same tree (as JSON and as text) or the same error, for every
 * expression. Checked from sources and in the build the command line and the pane load.
 */
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { parse as mathjsParse } from 'mathjs';
import { numericLiteral, parse as leanFromSources, type MathParse } from '../src/engine/mathParse.lean';
import { built } from './resources';

const BUILT = built('dist/engine/mathjs-parse.js');

/** What a parser makes of a text: its tree as JSON and as text, or its error. */
function outcome(parse: (text: string) => { toString(): string }, text: string): string {
  try {
    const node = parse(text);
    return `ok ${JSON.stringify(node)} | ${node.toString()}`;
  } catch (e) {
    return `error ${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
}

/** Every kind of syntax mathjs reads, allowed in plans or not, and texts that are no expression. */
const CORPUS = [
  'min(actual / target, 1)', 'actual >= target ? 1 : 0', 'max(actual, baseline) - min(met, total)', 'abs(actual - target) <= 0.05 * target',
  '1e-9', '1.5e3', '.5', '5.', '100000000000000000000', '9007199254740993', '1e400', '0.1+0.2', 'NaN', 'Infinity', '-Infinity',
  '0x1F', '0b101', '0o17', '0x1F.8', '0b1.1', '0xFFi8', '0x7Fi8', '0x1FFi8', '0x1Fi', '0xG', '0x',
  'true', 'false', 'null', 'undefined', '"text"', "'x'", '"\\u0041\\n"', "'a\\'b'", '"\\q"',
  '[1,2;3,4]', '[1,2;3]', '{a: 1, "b": 2}', 'a.b', 'a?.b', 'a[1]', 'a[1:2]', 'a = 2', 'a.b = 2', 'f(x) = x^2', 'f(1) = 2', '1:3', '1:2:10',
  'a == b == c', 'x < y <= z', '5 cm', '2 inch to cm', 'x in cm', '3/4 in', 'a ? b : c ? d : e', 'a ? : b',
  'not a and b or c xor d', '5!', "a'", '3 % 2', '3 mod 2', '50%', '50% + 2', 'a ?? b', '2x', '2 x y', '(1+2)(3)', '1/2x', '-2^2', '2^-1',
  'a & b | c ^| d', '~a', 'a << 2 >> 1 >>> 3', 'a; b', 'a\nb', '# comment', '1 # comment', '', '   ', '1 +', '(', ')', '1..2', '1.2.3', '1e', '1e+', 'abc$', 'π', 'pi',
];

/** Expressions from a grammar of numbers, the input names, operators, functions and conditionals. */
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.integer({ min: -99, max: 99 }).map(String), fc.double({ noNaN: true }).map(String), fc.constantFrom('0x1F', '0b11i4', '1e3', '.5', 'NaN')),
    fc.constantFrom('actual', 'target', 'floor', 'baseline', 'met', 'total', 'excluded', 'true', 'x', 'pi'),
    fc.tuple(tie('expr'), fc.constantFrom('+', '-', '*', '/', '^', '%', ' mod ', '<', '<=', '==', '!=', ' and ', ' or ', ' xor ', ' to ', ''), tie('expr')).map(([l, op, r]) => `${l}${op}${r}`),
    fc.tuple(fc.constantFrom('min', 'max', 'round', 'sqrt', 'f'), fc.array(tie('expr'), { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    tie('expr').map((e) => `(${e})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([c, t, f]) => `${c} ? ${t} : ${f}`),
  ),
}));

/** The parser from sources, and the build the command line and the pane load (npm test builds it first). */
const parsers: [string, () => Promise<MathParse>][] = [
  ['from sources', async () => leanFromSources],
  ['as built', async () => ((await import(BUILT)) as { parse: MathParse }).parse],
];

describe.each(parsers)('the lean parser %s', (name, load) => {
  const skip = name === 'as built' && !existsSync(BUILT);

  (skip ? test.skip : test)('makes what mathjs makes of every kind of syntax', async () => {
    const lean = await load();
    for (const text of CORPUS) expect([text, outcome(lean, text)]).toEqual([text, outcome(mathjsParse, text)]);
  });

  (skip ? test.skip : test)('makes what mathjs makes of random expressions', async () => {
    const lean = await load();
    fc.assert(fc.property(expr, (text) => outcome(lean, text) === outcome(mathjsParse, text)), { numRuns: 2000 });
  });
});

test('numeric literals read as mathjs reads them', () => {
  expect(numericLiteral('0x1F.8')).toBe(31.5);
  expect(numericLiteral('0xFFi8')).toBe(-1);
  expect(numericLiteral('0x7Fi8')).toBe(127);
  expect(() => numericLiteral('0x1FFi8')).toThrow('is out of range');
  expect(() => numericLiteral('12abc')).toThrow('is not a valid number');
  expect(numericLiteral('NaN')).toBeNaN();
  expect(numericLiteral('1e-9')).toBe(1e-9);
});
