/**
 * Formula criteria: a restricted mathjs instance built with `create` from only arithmetic,
 * comparison, logic and a few aggregate functions. Every expression is parsed, checked against a
 * whitelist of node types, functions and names, and compiled once; anything else is refused before
 * it is evaluated.
 */
import {
  absDependencies,
  addDependencies,
  andDependencies,
  ceilDependencies,
  create,
  divideDependencies,
  equalDependencies,
  floorDependencies,
  largerDependencies,
  largerEqDependencies,
  maxDependencies,
  meanDependencies,
  minDependencies,
  modDependencies,
  multiplyDependencies,
  notDependencies,
  orDependencies,
  parseDependencies,
  powDependencies,
  roundDependencies,
  smallerDependencies,
  smallerEqDependencies,
  sqrtDependencies,
  subtractDependencies,
  sumDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
  unequalDependencies,
  xorDependencies,
  type MathNode,
} from 'mathjs';
import type { MessageRef } from './types';

const math = create(
  {
    parseDependencies,
    addDependencies,
    subtractDependencies,
    multiplyDependencies,
    divideDependencies,
    unaryMinusDependencies,
    unaryPlusDependencies,
    powDependencies,
    modDependencies,
    equalDependencies,
    unequalDependencies,
    smallerDependencies,
    smallerEqDependencies,
    largerDependencies,
    largerEqDependencies,
    andDependencies,
    orDependencies,
    notDependencies,
    xorDependencies,
    minDependencies,
    maxDependencies,
    absDependencies,
    roundDependencies,
    floorDependencies,
    ceilDependencies,
    meanDependencies,
    sumDependencies,
    sqrtDependencies,
  },
  // Predictable: sqrt(-1) is NaN, not a complex number; results stay plain numbers.
  { predictable: true },
);

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

function refused(formula: string, detail: string): FormulaCompilation {
  return { ok: false, error: { key: 'formulaRefused', args: { formula, detail } } };
}

/** Which names an expression may read depends on the caller; the engine passes the row inputs. */
export function compileFormula(text: string, allowedNames: readonly string[]): FormulaCompilation {
  const cacheKey = `${allowedNames.join(',')}\u0000${text}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const result = compileUncached(text.trim(), new Set(allowedNames));
  if (cache.size >= CACHE_SIZE) cache.clear();
  cache.set(cacheKey, result);
  return result;
}

function compileUncached(text: string, allowed: Set<string>): FormulaCompilation {
  if (text.length > MAX_LENGTH) return refused(text.slice(0, 40) + '…', `longer than ${MAX_LENGTH} characters`);
  // The parser recurses per bracket: refuse deep nesting before it can exhaust the stack.
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (depth > MAX_DEPTH) return refused(text.slice(0, 40) + '…', `nested deeper than ${MAX_DEPTH} levels`);
  }
  let root: MathNode;
  try {
    root = math.parse(text);
  } catch (e) {
    return { ok: false, error: { key: 'formulaSyntax', args: { formula: text, detail: (e as Error).message } } };
  }
  const names = new Set<string>();
  let problem: FormulaCompilation | null = null;
  let nodes = 0;
  const visit = (node: MathNode, depth: number): void => {
    if (problem) return;
    if (++nodes > MAX_NODES) {
      problem = refused(text, `more than ${MAX_NODES} parts`);
      return;
    }
    if (depth > MAX_DEPTH) {
      problem = refused(text, `nested deeper than ${MAX_DEPTH} levels`);
      return;
    }
    if (!NODE_TYPES.has(node.type)) {
      problem = refused(text, `${node.type.replace(/Node$/, '').toLowerCase()} expressions are not allowed`);
      return;
    }
    if (node.type === 'ConstantNode') {
      // Numbers and true/false only: text constants would be converted by mathjs in ways no plan means.
      const value = (node as unknown as { value: unknown }).value;
      if (typeof value !== 'number' && typeof value !== 'boolean') problem = refused(text, 'only numbers and true/false may be written as values');
      return;
    }
    if (node.type === 'OperatorNode') {
      const fn = (node as unknown as { fn: string }).fn;
      if (!OPERATORS.has(fn)) problem = refused(text, `the operator ${fn} is not allowed`);
    }
    if (node.type === 'FunctionNode') {
      const fn = (node as unknown as { fn: MathNode }).fn;
      const name = fn.type === 'SymbolNode' ? (fn as unknown as { name: string }).name : '';
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name)) {
        problem = refused(text, `the function ${name || fn.type} is not allowed`);
        return;
      }
      for (const arg of (node as unknown as { args: MathNode[] }).args) visit(arg, depth + 1);
      return;
    }
    if (node.type === 'SymbolNode') {
      const name = (node as unknown as { name: string }).name;
      if (!allowed.has(name)) {
        problem = { ok: false, error: { key: 'formulaUnknownName', args: { name } } };
        return;
      }
      names.add(name);
    }
    node.forEach((child) => visit(child, depth + 1));
  };
  visit(root, 0);
  if (problem) return problem;
  const compiled = root.compile();
  return {
    ok: true,
    formula: {
      names: [...names],
      evaluate: (scope) => compiled.evaluate({ ...scope }),
    },
  };
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
