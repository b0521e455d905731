/**
 * The module graph: no module imports itself through others, and the ribbon command and the
 * shared add-in modules never import the task pane.
 */
import * as fs from 'fs';
import * as path from 'path';

const SRC = path.join(__dirname, '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** Each module's relative imports, resolved to files; `import type` counts too, as a circle of types is still a circle. */
function graph(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm)].map((m) => m[1] ?? m[2]);
    out.set(
      path.relative(SRC, file),
      targets
        .map((t) => path.resolve(path.dirname(file), t))
        .map((t) => [`${t}.ts`, path.join(t, 'index.ts')].find((c) => fs.existsSync(c)))
        .filter((t): t is string => !!t)
        .map((t) => path.relative(SRC, t)),
    );
  }
  return out;
}

/** Strongly connected components of more than one module (or one importing itself): Tarjan. */
function circles(g: Map<string, string[]>): string[][] {
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
  return found;
}

test('the finder finds a circle', () => {
  const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
  expect(circles(g)).toEqual([['a', 'b', 'c']]);
});

test('no module imports itself through others', () => {
  expect(circles(graph())).toEqual([]);
});

test('the ribbon command and the shared add-in modules do not import the task pane', () => {
  const g = graph();
  const reach = (from: string, seen = new Set<string>()): Set<string> => {
    for (const next of g.get(from) ?? []) if (!seen.has(next)) reach(next, seen.add(next));
    return seen;
  };
  for (const start of [...g.keys()].filter((f) => f.startsWith('commands') || f.startsWith('addin'))) {
    expect([...reach(start)].filter((f) => f.startsWith('taskpane'))).toEqual([]);
  }
});
