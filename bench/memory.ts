/**
 * Where a plan's memory goes, phase by phase: `node --expose-gc -r ts-node/register/transpile-only
 * bench/memory.ts ROWS [SNAPSHOT]` has a synthetic plan of ROWS rows written as a workbook (in a
 * process of its own, which would otherwise leave its own garbage and caches in the figures), then
 * reads, scores, lays out and writes it as `goalscore score` does, and after each phase prints the heap
 * left once collected, the resident set and its peak so far. The sheets read are let go after
 * scoring, as the command line lets them go. With SNAPSHOT, a heap snapshot taken after scoring is
 * written there and its totals by constructor printed (use a few thousand rows: it is slow).
 * Not a timing: measure time with run.ts. Run `npm run build` first.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { SheetGrid } from '../src/engine';

// The built modules (`npm run build`), as the command line runs them: under ts-node the same
// source keeps tens of megabytes more after scoring, which the product never holds.
const built = createRequire(__filename);
const { scoreGrids, scoreWorkbookLayout } = built('../dist/pipeline') as typeof import('../src/pipeline');
const { pack } = built('../dist/i18n') as typeof import('../src/i18n');
const { readGrids, workbookBytesAsync } = built('../dist/xlsx') as typeof import('../src/xlsx');

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1).padStart(7);

function mark(phase: string): void {
  gc!();
  gc!();
  const m = process.memoryUsage();
  console.log(`${phase.padEnd(10)} heap ${mb(m.heapUsed)} MB  resident ${mb(m.rss)} MB  peak ${mb(process.resourceUsage().maxRSS * 1024)} MB  buffers ${mb(m.arrayBuffers)} MB`);
}

/** A heap snapshot's objects summed by constructor (strings as one), largest first. */
function byConstructor(file: string): [string, number, number][] {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const fields: string[] = snap.snapshot.meta.node_fields;
  const types: string[] = snap.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const sums = new Map<string, [number, number]>();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const t = types[snap.nodes[i + type]];
    const key = t.includes('string') ? 'string' : t === 'object' ? snap.strings[snap.nodes[i + name]] : `(${t})`;
    const sum = sums.get(key) ?? [0, 0];
    sum[0]++;
    sum[1] += snap.nodes[i + size];
    sums.set(key, sum);
  }
  return [...sums].map(([k, [n, bytes]]): [string, number, number] => [k, n, bytes]).sort((a, b) => b[2] - a[2]);
}

/** The synthetic plan's workbook, written by bench/child.ts in a process of its own. */
function planBytes(rows: number): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'goalscore-memory-'));
  try {
    const file = path.join(dir, 'plan.xlsx');
    execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'child.ts'), 'workbook', String(rows), file]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The sheets read, let go once scored (a function's own, so nothing else holds them). */
function readAndScore(bytes: Uint8Array, lang: ReturnType<typeof pack>) {
  const grids: SheetGrid[] = readGrids(bytes);
  mark('read');
  return scoreGrids(grids, { lang });
}

async function measure(rows: number, snapshot?: string): Promise<void> {
  const bytes = planBytes(rows);
  mark('start');
  const lang = pack('da');
  const run = readAndScore(bytes, lang);
  mark('scored');
  if (snapshot) {
    writeHeapSnapshot(snapshot);
    for (const [key, count, size] of byConstructor(snapshot).slice(0, 15)) console.log(`  ${mb(size)} MB ${String(count).padStart(9)}  ${key}`);
  }
  const layout = scoreWorkbookLayout(run.results, run.problems, lang);
  mark('laid out');
  const written = await workbookBytesAsync(layout);
  mark('written');
  console.log(`${run.results[0].rows.length} plan rows, ${mb(written.length)} MB written`);
}

if (!gc) throw new Error('run with node --expose-gc');
void measure(Number(process.argv[2] ?? 125_000), process.argv[3]);
