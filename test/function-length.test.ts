/**
 * Small functions: no function in src/ has more than 80 lines of its own. A function's own lines
 * are its lines from first to last, less the lines of the functions written inside it (each of
 * those is held to the same limit by itself).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');
const LIMIT = 80;

/**
 * Functions allowed past the limit for now, by file and name (`'engine/reader.ts readPlan'`), each
 * with a comment saying what replaces it. Empty since readPlan reads its columns through the
 * column table (src/engine/columns.ts).
 */
const ALLOWED = new Set<string>([]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []));
}

/** A function's name as a reader finds it: its own, its variable's, its property's, or its class's. */
function nameOf(fn: ts.FunctionLikeDeclaration): string {
  if (ts.isConstructorDeclaration(fn)) return `${fn.parent.name?.getText() ?? 'class'} constructor`;
  if (fn.name) return ts.isClassLike(fn.parent) && fn.parent.name ? `${fn.parent.name.getText()}.${fn.name.getText()}` : fn.name.getText();
  const p = fn.parent;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.name) return p.name.getText();
  return `(anonymous function)`;
}

interface Measured {
  where: string;
  line: number;
  own: number;
}

/** Every function in a source file with its own line count. */
function measure(file: string, text: string): Measured[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const span = (n: ts.Node) => lineOf(n.getEnd()) - lineOf(n.getStart(source)) + 1;
  const out: Measured[] = [];
  /** Visits `node`'s subtree; returns the lines of the outermost functions found in it. */
  const visit = (node: ts.Node): number => {
    let nested = 0;
    node.forEachChild((child) => {
      if (ts.isFunctionLike(child) && 'body' in child && child.body) {
        const fn = child as ts.FunctionLikeDeclaration;
        const own = span(fn) - visit(fn);
        out.push({ where: `${path.relative(SRC, file).split(path.sep).join('/')} ${nameOf(fn)}`, line: lineOf(fn.getStart(source)) + 1, own });
        nested += span(fn);
      } else nested += visit(child);
    });
    return nested;
  };
  visit(source);
  return out;
}

test('the measure counts a function less the functions inside it', () => {
  const text = ['function outer() {', '  const a = 1;', '  const inner = () => {', '    return a;', '  };', '  return [1].map((x) => x + inner());', '}', ''].join('\n');
  const found = new Map(measure(path.join(SRC, 'x.ts'), text).map((m) => [m.where, m.own]));
  expect(found.get('x.ts outer')).toBe(7 - 3 - 1);
  expect(found.get('x.ts inner')).toBe(3);
  expect(found.get('x.ts (anonymous function)')).toBe(1);
});

test(`no function in src has more than ${LIMIT} lines of its own`, () => {
  const measured = sources(SRC).flatMap((file) => measure(file, fs.readFileSync(file, 'utf8')));
  expect(measured.length).toBeGreaterThan(100);
  const long = measured.filter((m) => m.own > LIMIT && !ALLOWED.has(m.where)).map((m) => `${m.where} (line ${m.line}): ${m.own} lines`);
  expect(long).toEqual([]);
  // An allowance ends when its function is short again or gone, so the list cannot go stale.
  const stale = [...ALLOWED].filter((where) => !measured.some((m) => m.where === where && m.own > LIMIT));
  expect(stale).toEqual([]);
});
