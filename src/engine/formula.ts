/**
 * Formula criteria: parsed by mathjs (its parser alone, loaded on the first formula), checked
 * against a whitelist of node types, functions and names, and evaluated by the small evaluator
 * below over plain numbers and booleans, with mathjs's own rules for them (comparisons within
 * mathjs's relative tolerance, predictable results: sqrt(-1) is NaN). Anything else is refused
 * before it is evaluated; there is no path to mathjs's evaluate.
 */
import type { MathNode } from 'mathjs';
import type { MessageKey, MessageRef } from './types';
import { clip } from './text';
import { parseMath } from './mathParser';

/** Functions an expression may call. */
export const FORMULA_FUNCTIONS = ['min', 'max', 'abs', 'round', 'floor', 'ceil', 'mean', 'sum', 'sqrt'] as const;
/** Operators by mathjs function name. */
const OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'pow', 'mod',
  'equal', 'unequal', 'smaller', 'smallerEq', 'larger', 'largerEq', 'and', 'or', 'not', 'xor',
]);
const NODE_TYPES = new Set(['ConstantNode', 'SymbolNode', 'OperatorNode', 'ParenthesisNode', 'ConditionalNode', 'FunctionNode']);
/*
 * Bounds on what an expression may be. With no loops, ranges, matrices or user functions in the
 * language, evaluation takes one step a node: these bounds bound its time and memory too.
 */
const MAX_LENGTH = 1000;
const MAX_DEPTH = 40;
const MAX_NODES = 400;
/** Distinct expressions kept compiled; a plan of many distinct ones cannot grow memory without end. */
const CACHE_SIZE = 5000;

export type FormulaScope = Record<string, number>;

export interface CompiledFormula {
  /** The variable names the expression reads. */
  names: string[];
  evaluate(scope: FormulaScope): unknown;
}

export type FormulaCompilation = { ok: true; formula: CompiledFormula } | { ok: false; error: MessageRef };

const cache = new Map<string, FormulaCompilation>();

/** The start of a long formula, for a message: cut between characters, never inside one. */
const shortened = (text: string): string => `${clip(text, 40)}…`;

const failure = (key: MessageKey, args: Record<string, string | number>): FormulaCompilation => ({ ok: false, error: { key, args } });

/** Which names an expression may read depends on the caller; the engine passes the row inputs. */
export function compileFormula(text: string, allowedNames: readonly string[]): FormulaCompilation {
  const cacheKey = `${allowedNames.join(',')}\u0000${text}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const result = compileUncached(text.trim(), allowedNames);
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(cacheKey, result);
  return result;
}

/** The deepest brackets go in the text, counted before the parser, which recurses per bracket, can exhaust the stack. */
function bracketDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') deepest = Math.max(deepest, ++depth);
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (deepest > MAX_DEPTH) break;
  }
  return deepest;
}

function compileUncached(text: string, allowedNames: readonly string[]): FormulaCompilation {
  if (!text) return failure('formulaMissing', {});
  if (text.length > MAX_LENGTH) return failure('formulaTooLong', { formula: shortened(text), max: MAX_LENGTH });
  if (bracketDepth(text) > MAX_DEPTH) return failure('formulaTooDeep', { formula: shortened(text), max: MAX_DEPTH });
  let root: MathNode;
  try {
    root = parseMath(text);
  } catch (e) {
    // The parser's own errors are syntax errors; anything else (no parser loaded) is no fault of the formula's.
    if (!(e instanceof SyntaxError)) throw e;
    return syntaxFailure(text, e);
  }
  const check = new Check(text, new Set(allowedNames), allowedNames.join(', '));
  check.visit(root, 0);
  if (check.problem) return check.problem;
  return { ok: true, formula: { names: [...check.names], evaluate: compileNode(root) } };
}

/**
 * The parser's error as the user's words: where the formula stops being readable, or that it ends
 * too soon or lacks a closing bracket. The parser's own message is English and never shown.
 */
function syntaxFailure(text: string, error: unknown): FormulaCompilation {
  const message = error instanceof Error ? error.message : '';
  const at = (error as { char?: unknown } | null)?.char;
  const position = typeof at === 'number' && at > 0 ? at : 1;
  if (/Parenthesis \) expected/.test(message)) return failure('formulaUnclosed', { formula: text });
  if (position > text.length) return failure('formulaIncomplete', { formula: text });
  // The parser counts UTF-16 units; the user counts characters (an emoji is one).
  const before = [...text.slice(0, position - 1)].length;
  return failure('formulaSyntax', { formula: text, position: before + 1, near: [...text.slice(position - 1)][0] ?? '' });
}

/** What a refused part of a formula is called in a message: its sign, or its own text (shortened). */
const REFUSED_SIGN: Record<string, string> = {
  ArrayNode: '[ ]', IndexNode: '[ ]', ObjectNode: '{ }', AssignmentNode: '=', FunctionAssignmentNode: '=', RangeNode: ':', BlockNode: ';',
};

/** Walks a parsed formula against the whitelist, counting nodes and depth; the first problem stops it. */
class Check {
  readonly names = new Set<string>();
  problem: FormulaCompilation | null = null;
  private nodes = 0;

  constructor(
    private readonly text: string,
    private readonly allowed: Set<string>,
    private readonly allowedList: string,
  ) {}

  private refuse(part: string): void {
    this.problem = failure('formulaRefused', { formula: this.text, part: clip(part, 40), names: this.allowedList, functions: FORMULA_FUNCTIONS.join(', ') });
  }

  /** Recursive, but bounded: the bracket count above and MAX_DEPTH here keep it under 40 deep. */
  visit(node: MathNode, depth: number): void {
    if (this.problem) return;
    if (++this.nodes > MAX_NODES) this.problem = failure('formulaTooBig', { formula: shortened(this.text), max: MAX_NODES });
    else if (depth > MAX_DEPTH) this.problem = failure('formulaTooDeep', { formula: shortened(this.text), max: MAX_DEPTH });
    else if (node.type === 'RelationalNode') this.problem = failure('formulaChained', { formula: this.text });
    else if (!NODE_TYPES.has(node.type)) this.refuse(Object.hasOwn(REFUSED_SIGN, node.type) ? REFUSED_SIGN[node.type] : node.toString());
    else this.visitAllowed(node as AnyNode, depth);
  }

  private visitAllowed(node: AnyNode, depth: number): void {
    if (node.type === 'ConstantNode') {
      // Numbers and true/false only: text constants would be converted by mathjs in ways no plan means.
      if (typeof node.value !== 'number' && typeof node.value !== 'boolean') this.refuse(node.toString());
      return;
    }
    if (node.type === 'OperatorNode' && !OPERATORS.has(node.fn as string)) return this.refuse((node as unknown as { op: string }).op);
    if (node.type === 'FunctionNode') return this.visitCall(node, depth);
    if (node.type === 'SymbolNode') {
      if (!this.allowed.has(node.name!)) {
        this.problem = failure('formulaUnknownName', { name: node.name!, names: this.allowedList });
        return;
      }
      this.names.add(node.name!);
    }
    node.forEach((child) => this.visit(child, depth + 1));
  }

  private visitCall(node: AnyNode, depth: number): void {
    const fn = node.fn as MathNode;
    const name = fn.type === 'SymbolNode' ? (fn as AnyNode).name! : '';
    if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name)) return this.refuse(name || fn.toString());
    const count = node.args!.length;
    const [least, most] = ARITY[name as keyof typeof ARITY];
    if (count === 0) {
      this.problem = failure('formulaNoValues', { formula: this.text, name });
      return;
    }
    if (count < least || count > most) {
      this.problem = failure('formulaArity', { formula: this.text, name, expected: least === most ? least : `${least}–${most}`, given: count });
      return;
    }
    for (const arg of node.args!) this.visit(arg, depth + 1);
  }
}

/*
 * The evaluator: each checked node becomes a closure over its children's closures, so a formula is
 * walked once when compiled and evaluating it is a few calls a node.
 */
type Value = number | boolean;
type Evaluate = (scope: FormulaScope) => Value;

/** mathjs's default tolerances for comparing numbers (config.relTol, config.absTol). */
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

/** mathjs's nearlyEqual for numbers. */
function nearlyEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (a === b) return true;
  return Math.abs(a - b) <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}

/** Booleans count as 1 and 0 in arithmetic, as in mathjs. */
const num = (v: Value): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
const truthy = (v: Value): boolean => (typeof v === 'boolean' ? v : v !== 0 && !Number.isNaN(v));

/** A number rounded to `n` decimals from its shortest decimal form, half away from zero: round(1.005, 2) is 1.01, as in mathjs. */
function roundDecimals(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  // mathjs reads the number's text, and -0 reads as 0.
  if (x === 0) return 0;
  const [mantissa, exponent] = x.toExponential().split('e');
  const negative = x < 0;
  const digits = mantissa.replace('-', '').replace('.', '');
  // x is 0.d1d2… × 10^(exponent + 1): keep the digits down to the n-th decimal.
  const keep = Number(exponent) + 1 + n;
  if (keep < 0) return negative ? -0 : 0;
  if (keep >= digits.length) return x;
  let kept = keep === 0 ? '0' : digits.slice(0, keep);
  if (digits[keep] >= '5') kept = (BigInt(kept) + 1n).toString();
  const value = Number(`${kept}e-${n}`);
  return negative ? -value : value;
}

/** mathjs's round: first to within its tolerance (so 2.4999999999999996 rounds as 2.5), then to `n` decimals. */
function round(x: number, n = 0): number {
  if (!Number.isInteger(n) || n < 0 || n > 15) return NaN;
  if (n >= 12) return roundDecimals(x, n);
  const near = roundDecimals(x, 12);
  return roundDecimals(nearlyEqual(x, near) ? near : x, n);
}

/**
 * mathjs's floor and ceil: where the plain floor (or ceiling) and the rounding differ, a value
 * within tolerance of the rounding and not of the floor is taken to be the rounding.
 */
function floorOrCeil(f: (x: number) => number) {
  const whole = (x: number): number => {
    const plain = f(x);
    const rounded = round(x);
    if (plain === rounded) return plain;
    return nearlyEqual(x, rounded) && !nearlyEqual(x, plain) ? rounded : plain;
  };
  return (x: number, n = 0): number => {
    if (!Number.isInteger(n) || n < 0 || n > 15) return NaN;
    if (n === 0) return whole(x);
    const shift = 10 ** n;
    return whole(x * shift) / shift;
  };
}
const floor = floorOrCeil(Math.floor);
const ceil = floorOrCeil(Math.ceil);

/** The least (or most) of the values by mathjs's comparison, the first of equals kept, as it was given: min(false, 0) is false. */
const pick = (better: (a: Value, b: Value) => Value) => (values: Value[]): Value =>
  // A NaN among them makes the answer NaN, as in mathjs.
  values.some((v) => Number.isNaN(v)) ? NaN : values.reduce((best, v) => (better(v, best) ? v : best));

/** The functions an expression may call; each takes its arguments already evaluated. */
const FUNCTIONS: Record<(typeof FORMULA_FUNCTIONS)[number], (args: Value[]) => Value> = {
  min: pick((v, best) => BINARY.smaller(v, best)),
  max: pick((v, best) => BINARY.larger(v, best)),
  abs: ([x]) => Math.abs(num(x)),
  round: ([x, n]) => round(num(x), n === undefined ? 0 : num(n)),
  floor: ([x, n]) => floor(num(x), n === undefined ? 0 : num(n)),
  ceil: ([x, n]) => ceil(num(x), n === undefined ? 0 : num(n)),
  mean: (a) => a.reduce<number>((s, v) => s + num(v), 0) / a.length,
  // One value is its own sum, as in mathjs: sum(true) is true.
  sum: (a) => (a.length === 1 ? a[0] : a.reduce<number>((s, v) => s + num(v), 0)),
  // Predictable: the square root of a negative number is NaN, not a complex number.
  sqrt: ([x]) => (num(x) < 0 ? NaN : Math.sqrt(num(x))),
};

/** Arity each function takes, as mathjs checks it: a call with another count is refused when compiled. */
const ARITY: Record<(typeof FORMULA_FUNCTIONS)[number], [number, number]> = {
  min: [1, Infinity], max: [1, Infinity], abs: [1, 1], round: [1, 2], floor: [1, 2], ceil: [1, 2], mean: [1, Infinity], sum: [1, Infinity], sqrt: [1, 1],
};

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * A number as the fraction mathjs reads it as (fraction.js): the closest with a denominator up to
 * ten million, found on the number scaled below 1, then reduced.
 */
function asFraction(y: number): { n: number; d: number } {
  const N = 1e7;
  let x = Math.abs(y);
  const scale = x >= 1 ? 10 ** Math.floor(1 + Math.log(x) / Math.LN10) : 1;
  x /= scale;
  // Convergents of the continued fraction while the denominator stays in bounds, then the best semiconvergent.
  let [p0, q0, p1, q1] = [0, 1, 1, 0];
  let rest = x;
  for (;;) {
    const a = Math.floor(rest);
    if (q0 + a * q1 > N) break;
    [p0, q0, p1, q1] = [p1, q1, p0 + a * p1, q0 + a * q1];
    if (rest === a) break;
    rest = 1 / (rest - a);
    if (!Number.isFinite(rest)) break;
  }
  const k = Math.floor((N - q0) / q1);
  const [ps, qs] = [p0 + k * p1, q0 + k * q1];
  let [n, d] = k > 0 && Math.abs(ps / qs - x) < Math.abs(p1 / q1 - x) ? [ps, qs] : [p1, q1];
  n *= scale;
  const g = gcd(n, d);
  [n, d] = [n / g, d / g];
  return { n: y < 0 ? -n : n, d };
}

/** Math.pow, but x^Infinity is 0 for -1 < x < 1 (and x^-Infinity for |x| > 1), as in mathjs. */
const powNumber = (x: number, y: number): number => ((x * x < 1 && y === Infinity) || (x * x > 1 && y === -Infinity) ? 0 : Math.pow(x, y));

/** mathjs's predictable pow: a negative base with a fraction of odd denominator gives the real root; never a complex number. */
function pow(x: number, y: number): number {
  if (x < 0 && !Number.isInteger(y) && Number.isFinite(y)) {
    const f = asFraction(y);
    const close = y === f.n / f.d || Math.abs((y - f.n / f.d) / y) < 1e-14;
    if (close && f.d % 2 === 1) return (f.n % 2 === 0 ? 1 : -1) * Math.pow(-x, y);
  }
  // Unlike Math.pow, (-2)^Infinity is NaN.
  if ((x < -1 && y === Infinity) || (x > -1 && x < 0 && y === -Infinity)) return NaN;
  return powNumber(x, y);
}

/** Binary and unary operators by mathjs's function name. */
const BINARY: Record<string, (a: Value, b: Value) => Value> = {
  add: (a, b) => num(a) + num(b),
  subtract: (a, b) => num(a) - num(b),
  multiply: (a, b) => num(a) * num(b),
  divide: (a, b) => num(a) / num(b),
  // Predictable: never a complex number.
  pow: (a, b) => pow(num(a), num(b)),
  // mathjs's mod takes the divisor's sign: x - y * floor(x / y), with its floor; mod(x, 0) is x.
  mod: (a, b) => {
    const [x, y] = [num(a), num(b)];
    if (y === 0) return x;
    return x - y * floor(x / y);
  },
  equal: (a, b) => nearlyEqual(num(a), num(b)),
  unequal: (a, b) => !nearlyEqual(num(a), num(b)),
  smaller: (a, b) => num(a) < num(b) && !nearlyEqual(num(a), num(b)),
  smallerEq: (a, b) => num(a) <= num(b) || nearlyEqual(num(a), num(b)),
  larger: (a, b) => num(a) > num(b) && !nearlyEqual(num(a), num(b)),
  largerEq: (a, b) => num(a) >= num(b) || nearlyEqual(num(a), num(b)),
  and: (a, b) => truthy(a) && truthy(b),
  or: (a, b) => truthy(a) || truthy(b),
  xor: (a, b) => truthy(a) !== truthy(b),
};
const UNARY: Record<string, (a: Value) => Value> = {
  unaryMinus: (a) => -num(a),
  unaryPlus: (a) => num(a),
  not: (a) => !truthy(a),
};

type AnyNode = MathNode & { value?: Value; name?: string; fn?: string | MathNode; args?: MathNode[]; content?: MathNode; condition?: MathNode; trueExpr?: MathNode; falseExpr?: MathNode };

/** Closures for a checked tree; the checks above have refused every other node, operator and function. */
function compileNode(node: MathNode): Evaluate {
  const n = node as AnyNode;
  switch (n.type) {
    case 'ConstantNode': {
      const value = n.value as Value;
      return () => value;
    }
    case 'SymbolNode': {
      const name = n.name!;
      return (scope) => {
        // Own values only: a name is never looked up on the scope's prototype.
        const v = Object.hasOwn(scope, name) ? scope[name] : undefined;
        // A name with no value is no number: NaN, so the row is reported as unreadable, never scored.
        return typeof v === 'number' || typeof v === 'boolean' ? v : NaN;
      };
    }
    case 'ParenthesisNode':
      return compileNode(n.content!);
    case 'ConditionalNode': {
      const [test, yes, no] = [compileNode(n.condition!), compileNode(n.trueExpr!), compileNode(n.falseExpr!)];
      return (scope) => (truthy(test(scope)) ? yes(scope) : no(scope));
    }
    case 'OperatorNode': {
      const args = n.args!.map(compileNode);
      const name = n.fn as string;
      if (args.length === 1) {
        const op = UNARY[name];
        const [a] = args;
        return (scope) => op(a(scope));
      }
      const op = BINARY[name];
      const [a, b] = args;
      // and/or evaluate both sides, as mathjs does; no side has effects.
      return (scope) => op(a(scope), b(scope));
    }
    case 'FunctionNode': {
      const fn = FUNCTIONS[((n.fn as MathNode & { name: string }).name) as keyof typeof FUNCTIONS];
      const args = n.args!.map(compileNode);
      return (scope) => fn(args.map((a) => a(scope)));
    }
    default:
      throw new Error(`unchecked node ${n.type}`);
  }
}

/** A formula's value as a fulfilment: true/false, or a number clamped to 0–1. */
export function toFulfilment(value: unknown): { fulfilment: number; clamped: boolean } | null {
  if (typeof value === 'boolean') return { fulfilment: value ? 1 : 0, clamped: false };
  if (typeof value === 'number' && Number.isFinite(value)) {
    const f = Math.min(1, Math.max(0, value));
    return { fulfilment: f, clamped: f !== value };
  }
  return null;
}
