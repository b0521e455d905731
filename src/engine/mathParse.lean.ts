/** mathjs's parser and nothing else: no functions, so no typed-function signatures to resolve. */
import { create, parseDependencies, type MathNode } from 'mathjs';

export type MathParse = (text: string) => MathNode;

export const parse: MathParse = create({ parseDependencies }).parse;
