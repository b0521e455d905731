/**
 * mathjs's parser in the task pane: a chunk of its own, fetched only when a plan has a formula
 * (the pane calls loadMathParser before scoring one) or a GOALSCORE.FORMULA runs.
 */
import type { MathNode } from 'mathjs';
import type { MathParse } from './mathParse.lean';

let parse: MathParse | null = null;

export async function loadMathParser(): Promise<void> {
  parse ??= (await import(/* webpackChunkName: "mathjs" */ './mathParse.lean')).parse;
}

export function parseMath(text: string): MathNode {
  // The pane loads the parser before it scores a plan with formulas; this is a bug if it shows.
  if (!parse) throw new Error('formula parser not loaded');
  return parse(text);
}
