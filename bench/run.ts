/**
 * `npm run bench`: the engine against a formula engine, Office.js round trips, the task pane's
 * weight, consolidation at scale and what-if latency. Prints a table and writes bench/results.json.
 * `--smoke` runs the smallest sizes only (npm test does, to keep this script working).
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { HyperFormula } from 'hyperformula';
import { readPlan, scorePlan, whatIf } from '../src/engine';
import { scoreInExcel, readWorkbook as readExcel, REQUEST_LIMIT } from '../src/excel';
import { pack } from '../src/i18n';
import type { SheetLayout } from '../src/layout/model';
import { rowsOf } from '../src/layout/rows';
import { toA1 } from '../src/layout/r1c1';
import { scoreWorkbookLayout } from '../src/pipeline';
import { FakeExcel } from '../test/fake-excel';
import { syntheticPlan } from './synthetic';
import { agencyWorkbooks, planWorkbook } from './child';
import { cliStartup, paneInteractive } from './startup';
import { growthChart } from './chart';

const ROOT = path.join(__dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds one call takes. */
function timed(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times a function: `warmups` calls for the JIT, then the median of `runs`. */
function time<T>(fn: () => T, runs: number, warmups = 1): { ms: number; value: T } {
  let value = fn();
  for (let i = 1; i < warmups; i++) value = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(timed(() => (value = fn())));
  return { ms: median(times), value };
}

/**
 * The engine and HyperFormula on one plan, their runs interleaved so that a busy moment on a
 * shared machine falls on both alike; medians of each.
 */
function engineAgainstHyperformula(rows: number) {
  const run = engineRun(rows);
  const engineRuns = rows >= 100000 ? 3 : rows >= 10000 ? 7 : 11;
  const hfRuns = rows >= 100000 ? 1 : 3;
  // Warm-ups, so the JIT has compiled the hot paths before anything is timed.
  let value = run();
  for (let i = 1; i < 3; i++) value = run();
  const hf = hyperformulaTotal(value.layout);
  let hfTotal = rows >= 100000 ? NaN : hf.build();
  const engineMs: number[] = [];
  const hfMs: number[] = [];
  const every = Math.ceil(engineRuns / hfRuns);
  for (let i = 0; i < engineRuns; i++) {
    engineMs.push(timed(() => (value = run())));
    if (i % every === 0 && hfMs.length < hfRuns) {
      hfMs.push(timed(() => (hfTotal = hf.build())));
      // Untimed: the collector sweeps HyperFormula's garbage here, not on the engine's clock.
      value = run();
    }
  }
  const agree = Math.abs(hfTotal - hf.total) < 1e-9 && Math.abs(hf.total - value.result.total.earned) < 1e-9;
  const layout = value.layout;
  return { ms: median(engineMs), hyperformulaMs: median(hfMs), agree, rowsMs: time(() => pullRows(layout), rows >= 100000 ? 3 : 7).ms };
}

/** Every row of a laid-out sheet made, as a writer pulls them (the engine's run makes none). */
function pullRows(sheet: SheetLayout): number {
  const rows = rowsOf(sheet);
  let cells = 0;
  for (let r = 0; r < rows.length; r++) cells += rows.row(r).values.length;
  return cells;
}

/** Read, score and lay out a plan: what the CLI and the add-in do for one plan sheet. */
export function engineRun(rows: number) {
  const grid = syntheticPlan(rows);
  return () => {
    const { plan, problems } = readPlan(grid);
    const result = scorePlan(plan!, problems, { lang: 'da' });
    const layout = scoreWorkbookLayout([result], [], 'da').sheets[0];
    return { result, layout };
  };
}

/** The score sheet in HyperFormula: inputs as values, the live sheet's formulas to compute. */
export function hyperformulaTotal(sheet: SheetLayout): { total: number; build: () => number } {
  const cells = sheet.values.map((row, r) => row.map((v, c) => (sheet.formulas?.[r]?.[c] ? `=${toA1(sheet.formulas[r][c]!, r, c)}` : v)));
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  const totalRow = sheet.values.findIndex((r, i) => i > header && r[1] === 'I alt');
  const col = sheet.values[header].indexOf('Opnået');
  const build = () => {
    // Array arithmetic on: Excel evaluates SUMPRODUCT's arguments as arrays, as the all-goal formula needs.
    const hf = HyperFormula.buildFromSheets({ Score: cells }, { licenseKey: 'gpl-v3', maxRows: cells.length + 1, useArrayArithmetic: true });
    const value = hf.getCellValue({ sheet: hf.getSheetId('Score')!, row: totalRow, col });
    hf.destroy();
    return Number(value);
  };
  return { total: Number(sheet.values[totalRow][col]), build };
}

/** The peak resident memory of a child process running one benchmark case, in MB. */
function childRun(kind: 'engine' | 'consolidate' | 'file', arg: string): { ms: number; peakRssMb: number; floorMs?: number; inBytes?: number; outBytes?: number } {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'child.ts'), kind, arg], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function officeRoundTrips(rows: number) {
  const fake = new FakeExcel();
  const grid = syntheticPlan(rows);
  fake.addSheet('Plan', grid.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null)));
  const read = await readExcel(fake.asContext());
  const syncsRead = fake.syncs;
  await scoreInExcel(fake.asContext(), { lang: pack('da') }, read);
  return { syncsRead, syncsWrite: fake.syncs - syncsRead, maxRequestBytes: fake.maxRequestBytes };
}

function bundleBytes(): number {
  const dist = path.join(ROOT, 'dist', 'addin');
  const html = readFileSync(path.join(dist, 'taskpane.html'), 'utf8') as string;
  // What the task pane loads before the user does anything: its own script tags (not Office.js).
  const scripts = [...html.matchAll(/<script[^>]*src="?([^" >]+)"?/g)].map((m) => m[1]).filter((src) => !src.startsWith('http'));
  return scripts.reduce((sum, src) => sum + gzipSync(readFileSync(path.join(dist, src)), { level: 9 }).length, 0);
}

export async function runBenchmarks(smoke: boolean) {
  const sizes = smoke ? [100] : [1000, 10000, 100000];
  const engine = { rows: sizes, ms: [] as number[], hyperformulaMs: [] as (number | null)[], totalsAgree: [] as boolean[], rowsMs: [] as number[], peakRssMb: 0 };
  for (const rows of sizes) {
    const measured = engineAgainstHyperformula(rows);
    engine.ms.push(measured.ms);
    engine.hyperformulaMs.push(measured.hyperformulaMs);
    engine.totalsAgree.push(measured.agree);
    engine.rowsMs.push(measured.rowsMs);
  }
  engine.peakRssMb = childRun('engine', String(sizes[sizes.length - 1])).peakRssMb;

  const officeSizes = smoke ? [10, 100] : [100, 1000, 10000];
  const office = { rows: officeSizes, syncsRead: [] as number[], syncsWrite: [] as number[], maxRequestBytes: [] as number[], requestLimit: REQUEST_LIMIT, split: null as null | { rows: number; syncsWrite: number; maxRequestBytes: number } };
  for (const rows of officeSizes) {
    const r = await officeRoundTrips(rows);
    office.syncsRead.push(r.syncsRead);
    office.syncsWrite.push(r.syncsWrite);
    office.maxRequestBytes.push(r.maxRequestBytes);
  }
  if (!smoke) office.split = { rows: 50000, ...(await officeRoundTrips(50000)) };

  const bundle = { taskpaneGzipBytes: bundleBytes() };

  const files = smoke ? 5 : 200;
  const agencies = await agencyWorkbooks(files);
  const consolidateRun = childRun('consolidate', agencies);
  await fs.rm(agencies, { recursive: true, force: true });
  const consolidate = { files, ms: consolidateRun.ms, peakRssMb: consolidateRun.peakRssMb, floorMs: consolidateRun.floorMs!, ratioToFloor: consolidateRun.ms / consolidateRun.floorMs! };
  const fileRows = smoke ? 100 : 10000;
  const fileRun = childRun('file', String(fileRows));
  const file = { rows: fileRows, ms: fileRun.ms, peakRssMb: fileRun.peakRssMb, inBytes: fileRun.inBytes!, outBytes: fileRun.outBytes! };

  const plan = await planRun(smoke ? 125 : 125_000);

  const whatIfSizes = smoke ? [100] : [1000, 10000, 100000];
  const whatIfMs = whatIfSizes.map((rows) => whatIfLatency(rows, 101));
  const whatIfResult = { rows: whatIfSizes[0], ms: whatIfMs[0], sizes: whatIfSizes, msBySize: whatIfMs };

  const cli = await cliStartup(['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx'], smoke ? 1 : 5);
  const pane = await paneInteractive(smoke ? 1 : 9);

  return {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
    engine,
    office,
    bundle,
    consolidate,
    file,
    plan,
    whatIf: whatIfResult,
    cli,
    pane,
  };
}

/**
 * `goalscore score FILE --out DIR` as the built command line runs it, in plain Node (no TypeScript
 * compiler in memory, as under ts-node), then the floor on the same file: inflating every part and
 * counting its elements, and nothing else. Prints the times and the process's peak memory.
 */
const PLAN_CASE = `
const fs = require('fs');
const path = require('path');
const { unzipSync } = require('fflate');
const { main } = require('./dist/cli/main.js');
const [file, out] = process.argv.slice(1);
const since = (start) => Number(process.hrtime.bigint() - start) / 1e6;
(async () => {
  let start = process.hrtime.bigint();
  const code = await main(['score', file, '--force', '--out', out], { out: () => undefined, err: () => undefined });
  const ms = since(start);
  if (code === 2) throw new Error('scoring failed');
  const outBytes = fs.statSync(path.join(out, fs.readdirSync(out)[0])).size;
  start = process.hrtime.bigint();
  let elements = 0;
  for (const data of Object.values(unzipSync(fs.readFileSync(file)))) for (let i = 0; i < data.length; i++) if (data[i] === 0x3c) elements++;
  const floorMs = since(start);
  if (!elements) throw new Error('nothing scanned');
  console.log(JSON.stringify({ ms, floorMs, inBytes: fs.statSync(file).size, outBytes, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
})();
`;

/**
 * `goalscore score` on a plan workbook of `rows` rows (four in five requirements), written
 * beforehand by this process, in a process of its own; against the floor of inflating and
 * scanning the same file, measured in that process after it.
 */
async function planRun(rows: number) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-plan-'));
  const file = path.join(dir, 'plan.xlsx');
  await fs.writeFile(file, planWorkbook(rows));
  const out = execFileSync(process.execPath, ['-e', PLAN_CASE, file, path.join(dir, 'out')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const run = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; floorMs: number; peakRssMb: number; inBytes: number; outBytes: number };
  await fs.rm(dir, { recursive: true, force: true });
  const requirements = syntheticPlan(rows).values.filter((r) => typeof r[0] === 'string' && /^\d+\.\d+$/.test(r[0])).length;
  return { rows, requirements, ms: run.ms, floorMs: run.floorMs!, ratioToFloor: run.ms / run.floorMs!, peakRssMb: run.peakRssMb, inBytes: run.inBytes!, outBytes: run.outBytes! };
}

/** Rescoring a plan of `rows` after one changed result, warmed up as while a user types; median of `runs`. */
function whatIfLatency(rows: number, runs: number): number {
  const { plan, problems } = readPlan(syntheticPlan(rows));
  const base = scorePlan(plan!, problems, { lang: 'da' });
  const edited = base.rows.find((r) => r.row.typeKey === 'mindst' || r.row.typeKey === 'min')!;
  let n = 0;
  return time(() => whatIf(plan!, [{ id: edited.id, text: String(100 + (n++ % 3)) }], { lang: 'da' }), runs, Math.min(20, runs)).ms;
}

export function table(r: Awaited<ReturnType<typeof runBenchmarks>>): string {
  const lines = [
    `machine: ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memoryGb} GB, node ${r.machine.node}`,
    '',
    'engine (read + score + lay out) against HyperFormula computing the live score sheet',
    ...r.engine.rows.map((rows, i) => {
      const hf = r.engine.hyperformulaMs[i];
      return `  ${String(rows).padStart(7)} rows  engine ${r.engine.ms[i].toFixed(1).padStart(8)} ms   HyperFormula ${hf === null ? '–' : hf.toFixed(1).padStart(9)} ms   ${hf === null ? '' : `×${(hf / r.engine.ms[i]).toFixed(1)}`}   totals agree: ${r.engine.totalsAgree[i]}   every sheet row made: ${r.engine.rowsMs[i].toFixed(1)} ms`;
    }),
    `  peak memory at ${r.engine.rows[r.engine.rows.length - 1]} rows: ${r.engine.peakRssMb} MB`,
    '',
    'Office.js round trips (recording fake)',
    ...r.office.rows.map((rows, i) => `  ${String(rows).padStart(7)} rows  syncs read ${r.office.syncsRead[i]}  write ${r.office.syncsWrite[i]}  largest request ${(r.office.maxRequestBytes[i] / 1e6).toFixed(2)} MB`),
    ...(r.office.split ? [`  ${r.office.split.rows} rows  write ${r.office.split.syncsWrite} syncs (split)  largest request ${(r.office.split.maxRequestBytes / 1e6).toFixed(2)} MB (limit ${(r.office.requestLimit / 1e6).toFixed(1)} MB)`] : []),
    '',
    `task pane initial JavaScript: ${(r.bundle.taskpaneGzipBytes / 1024).toFixed(0)} KB gzipped`,
    `consolidation: ${r.consolidate.files} workbooks in ${(r.consolidate.ms / 1000).toFixed(2)} s, peak ${r.consolidate.peakRssMb} MB; floor (inflate + scan) ${(r.consolidate.floorMs / 1000).toFixed(2)} s, ×${r.consolidate.ratioToFloor.toFixed(1)}`,
    `plan file end to end (read, score, write): ${r.file.rows} rows in ${r.file.ms.toFixed(0)} ms, peak ${r.file.peakRssMb} MB (${(r.file.inBytes / 1024).toFixed(0)} KB in, ${(r.file.outBytes / 1024).toFixed(0)} KB out)`,
    `goalscore score on ${r.plan.rows} rows (${r.plan.requirements} requirements): ${(r.plan.ms / 1000).toFixed(2)} s, peak ${r.plan.peakRssMb} MB; floor (inflate + scan) ${r.plan.floorMs.toFixed(0)} ms, ×${r.plan.ratioToFloor.toFixed(1)} (${(r.plan.inBytes / 2 ** 20).toFixed(1)} MB in, ${(r.plan.outBytes / 2 ** 20).toFixed(1)} MB out)`,
    `what-if: ${r.whatIf.sizes.map((rows, i) => `${rows} rows ${r.whatIf.msBySize[i].toFixed(3)} ms`).join(', ')}`,
    `goalscore score, whole process (median): ${r.cli.seeds.map((s) => `${s.seed} ${s.ms.toFixed(0)} ms (× ${s.ratio.toFixed(1)} node -e 0)`).join(', ')}; node -e 0 ${r.cli.nodeMs.toFixed(0)} ms`,
    `task pane interactive in Chromium, CPU ÷ ${r.pane.throttle}: ${r.pane.ms === null ? `not measured (${r.pane.note})` : `${r.pane.ms.toFixed(0)} ms; a page with only its stylesheet ${r.pane.floorMs!.toFixed(0)} ms`}`,
  ];
  return lines.join('\n');
}

/**
 * Where a run's figures go: bench/out/ (not tracked), so running the benchmark changes no file of
 * the project; `--record` writes them over the recorded bench/results.json and bench/growth.svg.
 */
async function save(results: Awaited<ReturnType<typeof runBenchmarks>>, record: boolean): Promise<string> {
  const dir = record ? __dirname : path.join(__dirname, 'out');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await fs.writeFile(path.join(dir, 'growth.svg'), growthChart(results));
  return path.relative(process.cwd(), dir) || '.';
}

if (require.main === module) {
  const smoke = process.argv.includes('--smoke');
  runBenchmarks(smoke).then(async (results) => {
    console.log(table(results));
    if (!smoke) console.log(`\nresults.json and growth.svg written to ${await save(results, process.argv.includes('--record'))}/`);
  });
}

