/**
 * mathjs's parser, loaded on the first formula: a plan without one never pays mathjs's start-up.
 * In Node the lean build (mathjs's parser alone, tree-shaken by webpack into dist/engine) loads in
 * a fifth of the time of mathjs's main entry, which builds every function it has; from sources
 * (the tests) the main entry is used. The task pane swaps in mathParser.browser.ts.
 */
import type { MathNode } from 'mathjs';
import type { MathParse } from './mathParse.lean';

let parse: MathParse | null = null;

function load(): MathParse {
  try {
    return (require('./mathjs-parse.js') as { parse: MathParse }).parse;
  } catch {
    return (require('./mathParse.lean') as { parse: MathParse }).parse;
  }
}

export function parseMath(text: string): MathNode {
  parse ??= load();
  return parse(text);
}

/** Nothing to wait for in Node: the parser loads when first asked. */
export async function loadMathParser(): Promise<void> {}
