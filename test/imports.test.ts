/**
 * The module graph (module-graph.ts): no module imports itself through others, and the ribbon
 * command and the shared add-in modules never import the task pane.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { circles, graph, SRC } from './module-graph';

test('the finder finds a circle', () => {
  const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]);
  expect(circles(g)).toEqual([['a', 'b', 'c']]);
});

test('the finder sees every way a module names another, and every circle in a folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goalscore-imports-'));
  const files: Record<string, string> = {
    // a → b by a type written as import('…'), b → c by export … from, c → a by import type.
    'a.ts': "export interface Plan { rows: import('./b').Row[] }\n",
    'b.ts': "export * from './c';\n",
    'c.ts': "import type { Plan } from './a';\nexport interface Row { plan: Plan }\n",
    // d → e by a dynamic import, e → d by require: a second circle.
    'd/index.ts': "export const load = () => import(/* webpackChunkName: \"e\" */ '../e');\n",
    'e.ts': "export const d = require('./d') as unknown;\n",
    // f names a and itself in a comment and a string only: no edge.
    'f.ts': "import { load } from './d';\n// import('./f')\nexport const text = \"import './f'\";\nvoid load;\n",
  };
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    expect(circles(graph(dir))).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
      [path.join('d', 'index.ts'), 'e.ts'],
    ]);
    expect(graph(dir).get('f.ts')).toEqual([path.join('d', 'index.ts')]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('no module imports itself through others', () => {
  expect(circles(graph(SRC))).toEqual([]);
});

test('the model imports nothing: the features of the engine import it', () => {
  expect(graph(SRC).get(path.join('engine', 'types.ts'))).toEqual([]);
});

test('the ribbon command and the shared add-in modules do not import the task pane', () => {
  const g = graph(SRC);
  const reach = (from: string, seen = new Set<string>()): Set<string> => {
    for (const next of g.get(from) ?? []) if (!seen.has(next)) reach(next, seen.add(next));
    return seen;
  };
  for (const start of [...g.keys()].filter((f) => f.startsWith('commands') || f.startsWith('addin'))) {
    expect([...reach(start)].filter((f) => f.startsWith('taskpane'))).toEqual([]);
  }
});
