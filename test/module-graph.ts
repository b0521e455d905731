/**
 * The module graph of a folder of TypeScript, for the import and layer tests. Every way a module
 * names another counts: a type import is still an edge, and so is `import('…')` in a type or as a call.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

export const SRC = path.join(__dirname, '..', 'src');

export function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const literal = (node: ts.Node | undefined): string | undefined => (node && ts.isStringLiteralLike(node) ? node.text : undefined);

/** What a module names: `import … from`, `export … from`, `import '…'`, `import('…')` in code and in types, `require('…')`. */
export function specifiers(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const found: (string | undefined)[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) found.push(literal(node.moduleSpecifier));
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) found.push(literal(node.argument.literal));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) found.push(literal(node.moduleReference.expression));
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) found.push(literal(node.arguments[0]));
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  return found.filter((s): s is string => s !== undefined);
}

/** Each module under `root` with the modules it names there, resolved to files as TypeScript does. */
export function graph(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sources(root)) {
    out.set(
      path.relative(root, file),
      specifiers(file)
        .filter((s) => s.startsWith('.'))
        .map((s) => path.resolve(path.dirname(file), s))
        .map((t) => [`${t}.ts`, path.join(t, 'index.ts')].find((c) => fs.existsSync(c)))
        .filter((t): t is string => !!t)
        .map((t) => path.relative(root, t)),
    );
  }
  return out;
}

/** Strongly connected components of more than one module (or one importing itself): Tarjan. */
export function circles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (g.get(v) ?? []).includes(v)) found.push(part.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return found.sort((a, b) => a[0].localeCompare(b[0]));
}
