/**
 * Formulas as Excel takes them, for the fake: R1C1 read into A1 by a scanner of its own (not the
 * product's r1c1.ts, so a mistake there cannot hide behind the same mistake here), and a parser
 * that refuses what Excel refuses (unbalanced brackets and quotes, a missing operand, a stray
 * separator) and, stricter than Excel, any function or name Excel does not have.
 */
import { EXCEL_FUNCTIONS } from './excel-functions';

const letters = (col: number): string => (col < 0 ? '' : letters(Math.floor(col / 26) - 1) + String.fromCharCode(65 + (col % 26)));

/** Reads `R`, `R12`, `R[-3]` (or the same after C) at `i`: the number and whether it is absolute; null where none stands. */
function readPart(text: string, i: number, letter: 'R' | 'C'): { end: number; value: number | null; absolute: boolean } | null {
  if (text[i]?.toUpperCase() !== letter) return null;
  let j = i + 1;
  if (text[j] === '[') {
    const close = text.indexOf(']', j);
    const n = Number(text.slice(j + 1, close));
    if (close < 0 || !Number.isInteger(n)) return null;
    return { end: close + 1, value: n, absolute: false };
  }
  while (j < text.length && text[j] >= '0' && text[j] <= '9') j++;
  return j > i + 1 ? { end: j, value: Number(text.slice(i + 1, j)), absolute: true } : { end: j, value: null, absolute: false };
}

const isNameChar = (ch: string | undefined) => !!ch && /[A-Za-z0-9_.$]/.test(ch);

/** An R1C1 formula in the cell at zero-based (row, col), as A1 text. */
export function r1c1ToA1(formula: string, row: number, col: number): string {
  let out = '';
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const r = !isNameChar(formula[i - 1]) ? readPart(formula, i, 'R') : null;
    const c = r ? readPart(formula, r.end, 'C') : null;
    if (r && c && !isNameChar(formula[c.end]) && formula[c.end] !== '(') {
      const rowNo = r.absolute ? r.value! - 1 : row + (r.value ?? 0);
      const colNo = c.absolute ? c.value! - 1 : col + (c.value ?? 0);
      out += `${c.absolute ? '$' : ''}${letters(colNo)}${r.absolute ? '$' : ''}${rowNo + 1}`;
      i = c.end;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

type Token = { kind: 'num' | 'str' | 'bool' | 'err' | 'ref' | 'fn' | 'name' | 'op' | '(' | ')' | ',' | ';' | '{' | '}' | '%'; text: string };

const REF = /^(?:(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(?:\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?[A-Z]{1,3}:\$?[A-Z]{1,3}|\$?\d+:\$?\d+)(?![\w(])/;
const ERRORS = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)/;

/** Each kind of token by the pattern it starts with, tried in this order. */
const TOKEN_KINDS: [Token['kind'], RegExp][] = [
  ['ref', REF],
  ['num', /^\d+(?:\.\d+)?(?:E[+-]?\d+)?|^\.\d+/i],
  ['err', ERRORS],
  ['bool', /^(?:TRUE|FALSE)(?![\w.(])/i],
  ['fn', /^[A-Za-z_][\w.]*(?=\()/],
  ['name', /^[A-Za-z_\\][\w.]*/],
  ['op', /^(?:<>|<=|>=|[-+*/^&=<>])/],
];

function tokens(text: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest[0] === ' ') {
      i++;
      continue;
    }
    if (rest[0] === '"') {
      const m = /^"(?:[^"]|"")*"/.exec(rest);
      if (!m) return 'a text is not closed with "';
      out.push({ kind: 'str', text: m[0] });
      i += m[0].length;
      continue;
    }
    if ('(),;{}%'.includes(rest[0])) {
      out.push({ kind: rest[0] as Token['kind'], text: rest[0] });
      i++;
      continue;
    }
    const found = TOKEN_KINDS.map(([kind, re]) => [kind, re.exec(rest)?.[0]] as const).find(([, m]) => m);
    if (!found) return `"${rest[0]}" cannot stand in a formula`;
    out.push({ kind: found[0], text: found[1]! });
    i += found[1]!.length;
  }
  return out;
}

const BINARY = [['=', '<>', '<', '>', '<=', '>='], ['&'], ['+', '-'], ['*', '/'], ['^']];

/** A recursive-descent reading of Excel's grammar; throws the first problem found. */
class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[], private readonly known: (name: string) => boolean) {}

  private peek(): Token | undefined {
    return this.toks[this.i];
  }
  private take(kind: Token['kind'], text?: string): boolean {
    const t = this.peek();
    if (t && t.kind === kind && (text === undefined || t.text === text)) return (this.i++, true);
    return false;
  }

  formula(): void {
    this.expression(0);
    if (this.peek()) throw new Error(`"${this.peek()!.text}" is not expected here`);
  }

  private expression(level: number): void {
    if (level === BINARY.length) return this.unary();
    this.expression(level + 1);
    while (this.peek()?.kind === 'op' && BINARY[level].includes(this.peek()!.text)) {
      this.i++;
      this.expression(level + 1);
    }
  }

  private unary(): void {
    while (this.take('op', '-') || this.take('op', '+'));
    this.primary();
    while (this.take('%'));
  }

  private primary(): void {
    const t = this.peek();
    if (!t) throw new Error('an operand is missing at the end');
    this.i++;
    if (['num', 'str', 'bool', 'err', 'ref'].includes(t.kind)) return;
    if (t.kind === 'name') throw new Error(`${t.text} is no function, reference or name Excel knows`);
    if (t.kind === '(') {
      this.expression(0);
      if (!this.take(')')) throw new Error('a ( is not closed');
      return;
    }
    if (t.kind === '{') return this.array();
    if (t.kind === 'fn') return this.call(t.text);
    throw new Error(`"${t.text}" is not expected here`);
  }

  private call(name: string): void {
    if (!this.known(name)) throw new Error(`${name} is not a function Excel has`);
    if (++this.depth > 64) throw new Error('more than 64 levels of functions');
    this.take('(');
    let args = 0;
    if (!this.take(')')) {
      for (;;) {
        args++;
        // An argument may be left empty (IF(a,,b)).
        if (this.peek()?.kind !== ',' && this.peek()?.kind !== ')') this.expression(0);
        if (this.take(')')) break;
        if (!this.take(',')) throw new Error(`${name}( is not closed`);
      }
    }
    if (args > 255) throw new Error(`${name} has more than 255 arguments`);
    this.depth--;
  }

  private array(): void {
    for (;;) {
      this.unary();
      if (this.take('}')) return;
      if (!this.take(',') && !this.take(';')) throw new Error('an array constant is not closed');
    }
  }
}

/**
 * Why Excel would refuse this A1 formula (`=…`), or null. Function names are Excel's (with or
 * without `_xlfn.`) and the custom functions given.
 */
export function formulaProblem(formula: string, custom: ReadonlySet<string> = new Set()): string | null {
  if (!formula.startsWith('=')) return 'a formula starts with =';
  if (formula.length > 8192) return 'longer than 8,192 characters';
  const toks = tokens(formula.slice(1));
  if (typeof toks === 'string') return toks;
  const known = (name: string) => {
    const upper = name.toUpperCase().replace(/^_XLFN\./, '').replace(/^_XLWS\./, '');
    return EXCEL_FUNCTIONS.has(upper) || custom.has(upper);
  };
  try {
    new Parser(toks, known).formula();
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}
