/**
 * mathjs's parser, loaded on the first formula: a plan without one never pays mathjs's start-up.
 * In Node the lean build (mathjs's parser alone, from its factories, tree-shaken by webpack into
 * dist/engine) loads in about 12 ms, where mathjs's main entry, which builds every function it has,
 * takes 0.7 s; run from sources (tests, bench) it takes the last build's, and without a build
 * mathjs itself. The task pane swaps in mathParser.browser.ts.
 */
import type { MathNode } from 'mathjs';
import type { MathParse } from './mathParse.lean';

let parse: MathParse | null = null;

/**
 * The lean build: from the command line's bundle (dist/cli), beside this file (dist/engine), or, run
 * from sources, the one the last build left there. The bundle leaves these requires to Node
 * (`webpackIgnore`), so mathjs is neither in it nor loaded before a formula.
 */
const LEAN_BUILDS = ['../engine/mathjs-parse.js', './mathjs-parse.js', '../../dist/engine/mathjs-parse.js'];
/** Without a build, the lean parser's source (under ts-node or jest). */
const SOURCE = './mathParse.lean';

function load(): MathParse {
  for (const path of LEAN_BUILDS) {
    try {
      return (require(/* webpackIgnore: true */ path) as { parse: MathParse }).parse;
    } catch {
      // not built there
    }
  }
  return (require(/* webpackIgnore: true */ SOURCE) as { parse: MathParse }).parse;
}

export function parseMath(text: string): MathNode {
  parse ??= load();
  return parse(text);
}

/** Nothing to wait for in Node: the parser loads when first asked. */
export async function loadMathParser(): Promise<void> {}
