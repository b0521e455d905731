/**
 * mathjs's parser and nothing else, made from mathjs's own factories with only what parsing needs.
 * `create({ parseDependencies })` also builds typed-function and every number type mathjs has
 * (BigNumber, Fraction, Complex) to convert a numeric literal; that took 0.19 s to load and this
 * takes 0.015 s. The node classes are mathjs's, so the trees are exactly the ones mathjs makes
 * (test/math-parse.integration.test.ts compares the two on thousands of expressions); they are only read,
 * never compiled or evaluated, so the functions they would evaluate with are left empty.
 */
import * as mathjs from 'mathjs';
import type { MathNode } from 'mathjs';

export type MathParse = (text: string) => MathNode;

const RADIX: Record<string, number> = { '0b': 2, '0o': 8, '0x': 16 };

/**
 * A numeric literal as mathjs's `number` reads a string (mathjs 15, src/type/number.js): `NaN`,
 * binary, octal and hexadecimal with a fraction (`0x1F.8`) or a word size (`0xFFi8`, two's
 * complement), else JavaScript's Number; a text no number throws mathjs's SyntaxError.
 */
export function numericLiteral(text: string): number {
  if (text === 'NaN') return NaN;
  const radixed = text.match(/(0[box])([0-9a-fA-F]*)\.([0-9a-fA-F]*)/);
  if (radixed) {
    const radix = RADIX[radixed[1]];
    let fraction = 0;
    for (let i = 0; i < radixed[3].length; i++) fraction += parseInt(radixed[3][i], radix) / Math.pow(radix, i + 1);
    const value = parseInt(radixed[2], radix) + fraction;
    if (isNaN(value)) throw new SyntaxError(`String "${text}" is not a valid number`);
    return value;
  }
  const sized = text.match(/(0[box][0-9a-fA-F]*)i([0-9]*)/);
  const size = sized ? Number(sized[2]) : 0;
  const digits = sized ? sized[1] : text;
  let value = Number(digits);
  if (isNaN(value)) throw new SyntaxError(`String "${digits}" is not a valid number`);
  if (sized) {
    if (value > 2 ** size - 1) throw new SyntaxError(`String "${digits}" is out of range`);
    if (value >= 2 ** (size - 1)) value -= 2 ** size;
  }
  return value;
}

type Signatures = Record<string, (...args: unknown[]) => unknown>;

/** typed-function as the parser uses it: its one signature we call, a text; no conversions. */
function typed(_name: string, signatures: Signatures) {
  return (expression: unknown, options?: unknown) => {
    if (typeof expression !== 'string') throw new TypeError('String expected');
    return options === undefined ? signatures.string(expression) : signatures['string, Object'](expression, options);
  };
}
typed.addConversion = () => {};

/** What the node classes would compile and evaluate with; the engine never asks them to. */
const unused = {};

/**
 * mathjs exports these factories but does not declare them in its types. Each is named in full at
 * its use, so webpack keeps only these of mathjs's exports: an alias of the namespace would keep all.
 */
type Factory = (dependencies: object) => unknown;
type Factories = Record<`create${string}`, Factory>;
const make = <T>(factory: Factory, dependencies: object): T => factory(dependencies) as T;
const Node = make<unknown>((mathjs as unknown as Factories).createNode, { mathWithTransform: unused });
const SymbolNode = make<unknown>((mathjs as unknown as Factories).createSymbolNode, { math: unused, Node });

export const parse: MathParse = make((mathjs as unknown as Factories).createParse, {
  typed,
  numeric: numericLiteral,
  config: { number: 'number', numberFallback: 'number' },
  Node,
  SymbolNode,
  ConstantNode: make((mathjs as unknown as Factories).createConstantNode, { Node, isBounded: (x: unknown) => Number.isFinite(Number(x)) }),
  FunctionNode: make((mathjs as unknown as Factories).createFunctionNode, { math: unused, Node, SymbolNode }),
  OperatorNode: make((mathjs as unknown as Factories).createOperatorNode, { Node }),
  ParenthesisNode: make((mathjs as unknown as Factories).createParenthesisNode, { Node }),
  ConditionalNode: make((mathjs as unknown as Factories).createConditionalNode, { Node }),
  AccessorNode: make((mathjs as unknown as Factories).createAccessorNode, { subset: unused, Node }),
  ArrayNode: make((mathjs as unknown as Factories).createArrayNode, { Node }),
  AssignmentNode: make((mathjs as unknown as Factories).createAssignmentNode, { subset: unused, matrix: unused, Node }),
  BlockNode: make((mathjs as unknown as Factories).createBlockNode, { ResultSet: unused, Node }),
  FunctionAssignmentNode: make((mathjs as unknown as Factories).createFunctionAssignmentNode, { typed, Node }),
  IndexNode: make((mathjs as unknown as Factories).createIndexNode, { Node, size: unused }),
  ObjectNode: make((mathjs as unknown as Factories).createObjectNode, { Node }),
  RangeNode: make((mathjs as unknown as Factories).createRangeNode, { Node }),
  RelationalNode: make((mathjs as unknown as Factories).createRelationalNode, { Node }),
});
