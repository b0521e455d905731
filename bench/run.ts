/**
 * `npm run bench`: the engine against a formula engine, Office.js round trips, the task pane's
 * weight, consolidation at scale and what-if latency. Prints a table and writes bench/results.json.
 * `--smoke` runs the smallest sizes only (npm test does, to keep this script working).
 * `--only=casedata,consolidate,cli` runs only the parts named (see PARTS); with `--record` their
 * figures replace those parts in the recorded bench/results.json and the rest stay as recorded.
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
import { caseDataWorkbook, EXCEL_CASE_ROWS } from './casedata';
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
function childRun(kind: 'engine' | 'file', arg: string): { ms: number; peakRssMb: number; inBytes?: number; outBytes?: number } {
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

/** The parts of a run, each a key of its results. */
export const PARTS = ['engine', 'office', 'bundle', 'consolidate', 'file', 'plan', 'caseData', 'whatIf', 'cli', 'pane'] as const;
export type Part = (typeof PARTS)[number];

async function engineFigures(smoke: boolean) {
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
  return engine;
}

async function officeFigures(smoke: boolean) {
  const officeSizes = smoke ? [10, 100] : [100, 1000, 10000];
  const office = { rows: officeSizes, syncsRead: [] as number[], syncsWrite: [] as number[], maxRequestBytes: [] as number[], requestLimit: REQUEST_LIMIT, split: null as null | { rows: number; syncsWrite: number; maxRequestBytes: number } };
  for (const rows of officeSizes) {
    const r = await officeRoundTrips(rows);
    office.syncsRead.push(r.syncsRead);
    office.syncsWrite.push(r.syncsWrite);
    office.maxRequestBytes.push(r.maxRequestBytes);
  }
  if (!smoke) office.split = { rows: 50000, ...(await officeRoundTrips(50000)) };
  return office;
}

async function consolidateFigures(smoke: boolean) {
  const files = smoke ? 5 : 200;
  const agencies = await agencyWorkbooks(files);
  const overview = path.join(os.tmpdir(), `bench-overview-${process.pid}.xlsx`);
  const out = execFileSync(process.execPath, ['-e', CONSOLIDATE_CASE, agencies, overview], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const run = JSON.parse(out.trim().split('\n').pop()!) as { ms: number; peakRssMb: number; floorMs: number; inflateMs: number; deflateMs: number };
  await fs.rm(agencies, { recursive: true, force: true });
  await fs.rm(overview, { force: true });
  return { files, ms: run.ms, peakRssMb: run.peakRssMb, floorMs: run.floorMs, inflateMs: run.inflateMs, deflateMs: run.deflateMs, ratioToFloor: run.ms / run.floorMs, ratioToInflate: run.ms / run.inflateMs };
}

function fileFigures(smoke: boolean) {
  const fileRows = smoke ? 100 : 10000;
  const fileRun = childRun('file', String(fileRows));
  return { rows: fileRows, ms: fileRun.ms, peakRssMb: fileRun.peakRssMb, inBytes: fileRun.inBytes!, outBytes: fileRun.outBytes! };
}

function whatIfFigures(smoke: boolean) {
  const whatIfSizes = smoke ? [100] : [1000, 10000, 100000];
  const whatIfMs = whatIfSizes.map((rows) => whatIfLatency(rows, 101));
  return { rows: whatIfSizes[0], ms: whatIfMs[0], sizes: whatIfSizes, msBySize: whatIfMs };
}

/** Each part's measurement, at the smoke sizes or the full ones. */
const MEASURE = {
  engine: engineFigures,
  office: officeFigures,
  bundle: async () => ({ taskpaneGzipBytes: bundleBytes() }),
  consolidate: consolidateFigures,
  file: async (smoke: boolean) => fileFigures(smoke),
  plan: (smoke: boolean) => planRun(smoke ? 125 : 125_000),
  caseData: (smoke: boolean) => caseDataRun(smoke ? 1000 : EXCEL_CASE_ROWS),
  whatIf: async (smoke: boolean) => whatIfFigures(smoke),
  cli: (smoke: boolean) => cliStartup(['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx'], smoke ? 1 : 5),
  pane: (smoke: boolean) => paneInteractive(smoke ? 1 : 9),
} satisfies Record<Part, (smoke: boolean) => Promise<unknown>>;

type Figures = { [P in Part]: Awaited<ReturnType<(typeof MEASURE)[P]>> };
export type Results = { machine: { cpus: number; cpu: string; node: string; memoryGb: number } } & Figures;

/** Runs the parts named (all by default), in PARTS' order. */
export async function runBenchmarks(smoke: boolean, only: readonly Part[] = PARTS): Promise<Results> {
  const results: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, memoryGb: Math.round(os.totalmem() / 2 ** 30) },
  };
  for (const part of PARTS) if (only.includes(part)) results[part] = await MEASURE[part](smoke);
  return results as Results;
}

/** In the child: inflating every part of `files` and counting its elements, what any reader must do at least; ms. */
const INFLATE_FLOOR = `
const inflateFloor = (files) => {
  const start = process.hrtime.bigint();
  let elements = 0;
  for (const file of files) for (const data of Object.values(unzipSync(fs.readFileSync(file)))) for (let i = 0; i < data.length; i++) if (data[i] === 0x3c) elements++;
  if (!elements) throw new Error('nothing scanned');
  return since(start);
};
`;

const CASE_HEAD = `
const fs = require('fs');
const path = require('path');
const { deflateRawSync } = require('zlib');
const { unzipSync } = require('fflate');
const { main } = require('./dist/cli/main.js');
const since = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
${INFLATE_FLOOR}`;

/**
 * `goalscore score FILE --out DIR` as the built command line runs it, in plain Node (no TypeScript
 * compiler in memory, as under ts-node), then the floor on the same file: inflating every part and
 * counting its elements, and nothing else. Prints the times and the process's peak memory.
 */
const PLAN_CASE = `${CASE_HEAD}
const [file, out, json] = process.argv.slice(1);
(async () => {
  const start = process.hrtime.bigint();
  let printed = '';
  const code = await main(['score', file, '--force', '--out', out, ...(json ? ['--json'] : [])], { out: (s) => { if (json) printed += s; }, err: () => undefined });
  const ms = since(start);
  if (code === 2) throw new Error('scoring failed');
  // With --json (small plans only): the requirements scored, none left unassessed.
  const scored = json ? JSON.parse(printed).plans[0].rows.filter((r) => r.id.includes('.') && r.status !== 'not_assessed').length : undefined;
  const outBytes = fs.statSync(path.join(out, fs.readdirSync(out)[0])).size;
  const floorMs = inflateFloor([file]);
  console.log(JSON.stringify({ ms, floorMs, scored, inBytes: fs.statSync(file).size, outBytes, peakRssMb: peakRssMb() }));
})();
`;

/**
 * `goalscore consolidate` on the agency workbooks in a folder, as the built command line runs it (as
 * PLAN_CASE); then the floor: inflating and scanning every input, and deflating every part of the
 * overview written at the writer's zlib level (3), what any writer of that overview must do at least.
 */
const CONSOLIDATE_CASE = `${CASE_HEAD}
const [dir, out] = process.argv.slice(1);
(async () => {
  const files = fs.readdirSync(dir).filter((n) => n.endsWith('.xlsx')).map((n) => path.join(dir, n));
  const start = process.hrtime.bigint();
  const code = await main(['consolidate', dir, '--json', '--force', '--out', out], { out: () => undefined, err: () => undefined });
  const ms = since(start);
  if (code === 2) throw new Error('consolidation failed');
  const inflateMs = inflateFloor(files);
  const overview = unzipSync(fs.readFileSync(out));
  const deflateStart = process.hrtime.bigint();
  let bytes = 0;
  for (const data of Object.values(overview)) bytes += deflateRawSync(data, { level: 3 }).length;
  if (!bytes) throw new Error('nothing deflated');
  const deflateMs = since(deflateStart);
  console.log(JSON.stringify({ ms, inflateMs, deflateMs, floorMs: inflateMs + deflateMs, peakRssMb: peakRssMb() }));
})();
`;

/**
 * `goalscore score` on a workbook written beforehand by this process, in a process of its own;
 * against the floor of inflating and scanning the same file, measured in that process after it.
 */
async function scoreFileRun(bytes: Uint8Array, json = false) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-plan-'));
  const file = path.join(dir, 'plan.xlsx');
  await fs.writeFile(file, bytes);
  try {
    const out = execFileSync(process.execPath, ['-e', PLAN_CASE, file, path.join(dir, 'out'), ...(json ? ['json'] : [])], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop()!) as { ms: number; floorMs: number; peakRssMb: number; inBytes: number; outBytes: number; scored: number };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** `goalscore score` on a plan workbook of `rows` rows (four in five requirements); see scoreFileRun. */
async function planRun(rows: number) {
  const run = await scoreFileRun(planWorkbook(rows));
  const requirements = syntheticPlan(rows).values.filter((r) => typeof r[0] === 'string' && /^\d+\.\d+$/.test(r[0])).length;
  return { rows, requirements, ms: run.ms, floorMs: run.floorMs!, ratioToFloor: run.ms / run.floorMs!, peakRssMb: run.peakRssMb, inBytes: run.inBytes!, outBytes: run.outBytes! };
}

/** `goalscore score` on the plan of four requirements over a data sheet of `rows` case rows (bench/casedata.ts); see scoreFileRun. */
async function caseDataRun(rows: number) {
  const run = await scoreFileRun(caseDataWorkbook(rows), true);
  return { rows, requirements: 4, scored: run.scored, ms: run.ms, floorMs: run.floorMs, ratioToFloor: run.ms / run.floorMs, peakRssMb: run.peakRssMb, inBytes: run.inBytes, outBytes: run.outBytes };
}

/** Rescoring a plan of `rows` after one changed result, warmed up as while a user types; median of `runs`. */
function whatIfLatency(rows: number, runs: number): number {
  const { plan, problems } = readPlan(syntheticPlan(rows));
  const base = scorePlan(plan!, problems, { lang: 'da' });
  const edited = base.rows.find((r) => r.row.typeKey === 'mindst' || r.row.typeKey === 'min')!;
  let n = 0;
  return time(() => whatIf(plan!, [{ id: edited.id, text: String(100 + (n++ % 3)) }], { lang: 'da' }), runs, Math.min(20, runs)).ms;
}

/** Lines of the table, by part; a part not run has none. */
const LINES: { [P in Part]: (f: Figures[P]) => string[] } = {
  engine: (e) => [
    'engine (read + score + lay out) against HyperFormula computing the live score sheet',
    ...e.rows.map((rows, i) => {
      const hf = e.hyperformulaMs[i];
      return `  ${String(rows).padStart(7)} rows  engine ${e.ms[i].toFixed(1).padStart(8)} ms   HyperFormula ${hf === null ? '–' : hf.toFixed(1).padStart(9)} ms   ${hf === null ? '' : `×${(hf / e.ms[i]).toFixed(1)}`}   totals agree: ${e.totalsAgree[i]}   every sheet row made: ${e.rowsMs[i].toFixed(1)} ms`;
    }),
    `  peak memory at ${e.rows[e.rows.length - 1]} rows: ${e.peakRssMb} MB`,
    '',
  ],
  office: (o) => [
    'Office.js round trips (recording fake)',
    ...o.rows.map((rows, i) => `  ${String(rows).padStart(7)} rows  syncs read ${o.syncsRead[i]}  write ${o.syncsWrite[i]}  largest request ${(o.maxRequestBytes[i] / 1e6).toFixed(2)} MB`),
    ...(o.split ? [`  ${o.split.rows} rows  write ${o.split.syncsWrite} syncs (split)  largest request ${(o.split.maxRequestBytes / 1e6).toFixed(2)} MB (limit ${(o.requestLimit / 1e6).toFixed(1)} MB)`] : []),
    '',
  ],
  bundle: (b) => [`task pane initial JavaScript: ${(b.taskpaneGzipBytes / 1024).toFixed(0)} KB gzipped`],
  consolidate: (c) => [`consolidation: ${c.files} workbooks in ${(c.ms / 1000).toFixed(2)} s, peak ${c.peakRssMb} MB; floor (inflate + scan the inputs ${c.inflateMs.toFixed(0)} ms, deflate the overview ${c.deflateMs.toFixed(0)} ms) ${(c.floorMs / 1000).toFixed(2)} s, ×${c.ratioToFloor.toFixed(1)} (×${c.ratioToInflate.toFixed(1)} inflating alone)`],
  file: (f) => [`plan file end to end (read, score, write): ${f.rows} rows in ${f.ms.toFixed(0)} ms, peak ${f.peakRssMb} MB (${(f.inBytes / 1024).toFixed(0)} KB in, ${(f.outBytes / 1024).toFixed(0)} KB out)`],
  plan: (p) => [`goalscore score on ${p.rows} rows (${p.requirements} requirements): ${(p.ms / 1000).toFixed(2)} s, peak ${p.peakRssMb} MB; floor (inflate + scan) ${p.floorMs.toFixed(0)} ms, ×${p.ratioToFloor.toFixed(1)} (${(p.inBytes / 2 ** 20).toFixed(1)} MB in, ${(p.outBytes / 2 ** 20).toFixed(1)} MB out)`],
  caseData: (c) => [`goalscore score on ${c.requirements} requirements over ${c.rows} case rows (${c.scored} scored): ${(c.ms / 1000).toFixed(2)} s, peak ${c.peakRssMb} MB; floor (inflate + scan) ${c.floorMs.toFixed(0)} ms, ×${c.ratioToFloor.toFixed(1)} (${(c.inBytes / 2 ** 20).toFixed(1)} MB in)`],
  whatIf: (w) => [`what-if: ${w.sizes.map((rows, i) => `${rows} rows ${w.msBySize[i].toFixed(3)} ms`).join(', ')}`],
  cli: (c) => [`goalscore score, whole process (median): ${c.seeds.map((s) => `${s.seed} ${s.ms.toFixed(0)} ms (× ${s.ratio.toFixed(1)} node -e 0)`).join(', ')}; node -e 0 ${c.nodeMs.toFixed(0)} ms`],
  pane: (p) => [`task pane interactive in Chromium, CPU ÷ ${p.throttle}: ${p.ms === null ? `not measured (${p.note})` : `${p.ms.toFixed(0)} ms; a page with only its stylesheet ${p.floorMs!.toFixed(0)} ms`}`],
};

export function table(r: Partial<Results> & Pick<Results, 'machine'>): string {
  const lines = [`machine: ${r.machine.cpus} × ${r.machine.cpu}, ${r.machine.memoryGb} GB, node ${r.machine.node}`, ''];
  for (const part of PARTS) if (r[part]) lines.push(...(LINES[part] as (f: unknown) => string[])(r[part]));
  return lines.join('\n');
}

/**
 * Where a run's figures go: bench/out/ (not tracked), so running the benchmark changes no file of
 * the project; `--record` writes them over the recorded bench/results.json and bench/growth.svg.
 */
async function save(results: Partial<Results>, record: boolean): Promise<string> {
  const dir = record ? __dirname : path.join(__dirname, 'out');
  await fs.mkdir(dir, { recursive: true });
  // A run of some parts only keeps the recorded figures of the others.
  const recorded = JSON.parse(await fs.readFile(path.join(__dirname, 'results.json'), 'utf8')) as Results;
  const merged = Object.fromEntries((['machine', ...PARTS] as const).map((k) => [k, results[k] ?? recorded[k]])) as Results;
  await fs.writeFile(path.join(dir, 'results.json'), `${JSON.stringify(merged, null, 2)}\n`);
  await fs.writeFile(path.join(dir, 'growth.svg'), growthChart(merged));
  return path.relative(process.cwd(), dir) || '.';
}

/** The parts `--only=a,b` names, or all of them. */
function onlyParts(argv: string[]): readonly Part[] {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  if (!only) return PARTS;
  const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  return only as Part[];
}

if (require.main === module) {
  const smoke = process.argv.includes('--smoke');
  runBenchmarks(smoke, onlyParts(process.argv)).then(async (results) => {
    console.log(table(results));
    if (!smoke) console.log(`\nresults.json and growth.svg written to ${await save(results, process.argv.includes('--record'))}/`);
  });
}
