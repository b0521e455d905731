/**
 * The layers of src (eslint.config.mjs, docs/decisions.md "Layers"): ESLint with the project's
 * config refuses an import across a layer's boundary, and every edge of src passes it, including
 * the `import('…')` types and calls that ESLint's rule does not look at.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { SRC, sources, specifiers } from './module-graph';

const ROOT = path.join(__dirname, '..');

interface Source {
  filePath: string;
  text: string;
}

// ESLint loads eslint.config.mjs with import(), which Jest's module sandbox refuses: it runs in a Node of its own.
const LINT = `
const { ESLint } = require('eslint');
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', async () => {
  const eslint = new ESLint();
  const out = [];
  for (const { filePath, text } of JSON.parse(input)) {
    const [result] = await eslint.lintText(text, { filePath });
    out.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
});`;

/** The layer rule's messages for each source, linted as if it stood at its path. */
function refusals(files: Source[]): string[][] {
  return JSON.parse(execFileSync(process.execPath, ['-e', LINT], { cwd: ROOT, input: JSON.stringify(files), encoding: 'utf8', timeout: 120_000 }));
}

/** A module's edges, each written as a plain import, which ESLint's rule does see. */
const restated = (filePath: string, text?: string): Source => ({ filePath, text: specifiers(filePath, text).map((s) => `import '${s}';\n`).join('') });

const at = (file: string) => path.join(SRC, file);

const CASES: { name: string; source: Source; refused: RegExp | null }[] = [
  { name: 'layout imports the pipeline', source: { filePath: at('layout/fixture.ts'), text: "import { scoreGrids } from '../pipeline';\nvoid scoreGrids;\n" }, refused: /src\/layout may import src\/engine, src\/i18n only/ },
  { name: 'a file in a folder of layout imports a path inside the engine', source: { filePath: at('layout/scoreSheet/fixture.ts'), text: "import { criterionOf } from '../../engine/criteria';\nvoid criterionOf;\n" }, refused: /through its index, '..\/..\/engine'/ },
  { name: 'the task pane imports the command line', source: { filePath: at('taskpane/fixture.ts'), text: "export { main } from '../cli/main';\n" }, refused: /src\/taskpane may import/ },
  { name: 'xlsx imports the Office.js adapter, types only', source: { filePath: at('xlsx/fixture.ts'), text: "import type { WriteOptions } from '../excel';\nexport type Options = WriteOptions;\n" }, refused: /src\/xlsx may import/ },
  { name: "the Office.js adapter imports xlsx's file code", source: { filePath: at('excel/fixture.ts'), text: "export * from '../xlsx/files';\n" }, refused: /src\/excel may import/ },
  { name: 'the pipeline imports xlsx', source: { filePath: at('pipeline/fixture.ts'), text: "import { readGrids } from '../xlsx';\nvoid readGrids;\n" }, refused: /src\/pipeline may import src\/engine, src\/i18n, src\/layout only/ },
  { name: 'the engine imports the product words', source: { filePath: at('engine/fixture.ts'), text: "import { pack } from '../i18n';\nvoid pack;\n" }, refused: /imports nothing from outside src\/engine/ },
  { name: 'layout imports the engine index, the product words and itself', source: { filePath: at('layout/fixture.ts'), text: "import { address } from '../engine';\nimport type { LanguagePack } from '../i18n';\nimport { COLORS } from './model';\nexport const x: [typeof address, LanguagePack | null, typeof COLORS] = [address, null, COLORS];\n" }, refused: null },
  // ESLint's rule does not see a type written as import('…'); restated as an import, it is refused.
  { name: "the task pane names the command line in an import('…') type", source: { filePath: at('taskpane/fixture.ts'), text: "export type Options = import('../cli/main').Options;\n" }, refused: null },
  { name: "the same import('…') type, restated", source: restated(at('taskpane/fixture.ts'), "export type Options = import('../cli/main').Options;\n"), refused: /src\/taskpane may import/ },
];

describe('the layer rules', () => {
  let found: string[][] = [];
  let everyEdge: string[][] = [];
  const files = sources(SRC);

  beforeAll(() => {
    const all = refusals([...CASES.map((c) => c.source), ...files.map((f) => restated(f))]);
    found = all.slice(0, CASES.length);
    everyEdge = all.slice(CASES.length);
  });

  test.each(CASES.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
    const { refused } = CASES[i];
    if (refused) expect(found[i]).toEqual([expect.stringMatching(refused)]);
    else expect(found[i]).toEqual([]);
  });

  test('every edge of src, restated as an import, passes them', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f, i) => everyEdge[i].map((m) => `${path.relative(SRC, f)}: ${m}`))).toEqual([]);
  });
});
