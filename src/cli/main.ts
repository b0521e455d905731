/**
 * `goalscore`: scores plan workbooks on the command line through the same pipeline as the add-in.
 * Exit codes: 0 scored without errors, 1 scored with problems of severity error, 2 nothing scored.
 */
import { closeSync, openSync, promises as fs, readFileSync, rmSync, write } from 'node:fs';
import * as path from 'node:path';
import { fill, formatMessage, LANGUAGE_CODES, pack, trendText, type LanguagePack, type ProductMessageKey } from '../i18n';
import { formatter, type PlanResult } from '../engine';
import { consolidationLayout, fileProblem, type FileProblem, type LastYearPlan } from '../pipeline';
import { lastYearSource, scoreSources, workbookBytesAsync, type WorkbookSource } from '../xlsx';
import { readCall, userLanguage, type Call, type Usage } from './args';
import { commandHelp, HELP } from './help';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Twelve significant digits, as JSON shows numbers; a whole number below 10¹² is that already (most counts and weights). */
const round = (n: number | null) => (n === null ? null : Number.isInteger(n) && Math.abs(n) < 1e12 ? n || 0 : Number(n.toPrecision(12)));

function planJson(file: string, r: PlanResult, lang: LanguagePack) {
  const totals = (t: PlanResult['total']) => ({
    weight: round(t.weight),
    earned: round(t.earned),
    score: round(t.score),
    assessedWeight: round(t.assessedWeight),
    maxReachable: round(t.maxReachable),
    counts: t.counts,
  });
  const m = r.plan.metadata;
  return {
    file,
    sheet: r.plan.sheet,
    agency: m.agency,
    year: m.year,
    period: m.periodText,
    unit: r.plan.unit,
    // `payout` only for a plan with a performance pay frame: what its pay band pays.
    total: { ...totals(r.total), ...(r.total.payout === undefined ? {} : { payout: round(r.total.payout) }) },
    // Period by period, where the plan gives inputs per period; `total` stays the current period's.
    // Each period with the weight it assessed, so a score over part of the plan is told from one over all of it.
    ...(r.periods ? { periods: r.periods.map((p) => ({ period: p.label, year: p.year, score: round(p.score), earned: round(p.earned), assessedWeight: round(p.assessedWeight) })) } : {}),
    ...(r.forecast ? { forecast: r.forecast.plan } : {}),
    ...(r.lastYear ? { lastYear: { file: r.lastYear.file, year: r.lastYear.year, score: round(r.lastYear.score) } } : {}),
    areas: r.areas.map((a) => ({
      name: a.name,
      declaredWeight: a.declaredWeight,
      ...totals(a),
      ...(r.periods ? { periods: r.periods.map((p) => { const pa = p.areas.find((x) => x.name === a.name); return { period: p.label, year: p.year, score: round(pa?.score ?? null), earned: round(pa?.earned ?? 0) }; }) } : {}),
    })),
    rows: r.rows.map((row) => ({
      id: row.id,
      title: row.title,
      area: row.area,
      parent: row.parentId,
      weight: round(row.weight),
      fulfilment: round(row.fulfilment),
      earned: round(row.earned),
      status: row.status,
      statusText: lang.statuses[row.status],
      required: round(row.required),
      // The unit the required value is in, so a date's serial or a count is not read as a percent.
      ...(row.required === null ? {} : { requiredKind: row.requiredKind }),
      overridden: row.overridden,
      explanation: row.explanation,
      ...(r.forecast ? { forecast: r.forecast.rows.get(row.id) ?? null } : {}),
      ...(r.lastYear ? lastYearRowJson(r.lastYear, row.id) : {}),
      ...(r.periods ? { periods: r.periods.map((p) => { const pr = p.rows.find((x) => x.id === row.id); return { period: p.label, year: p.year, fulfilment: round(pr?.fulfilment ?? null), earned: round(pr?.earned ?? 0) }; }) } : {}),
    })),
  };
}

/** Last year's result and fulfilment of a goal, and whether its baseline is last year's result. */
function lastYearRowJson(last: NonNullable<PlanResult['lastYear']>, id: string) {
  const row = last.rows.get(id);
  return {
    lastYear: row ? { id: row.id, result: round(row.result), fulfilment: round(row.fulfilment), status: row.status } : null,
    ...(last.baselines.includes(id) ? { baselineFromLastYear: true } : {}),
  };
}

function summary(file: string, output: string | null, r: PlanResult, lang: LanguagePack): string {
  const f = formatter(lang);
  const m = r.plan.metadata;
  const s = lang.sheet;
  const head = [m.agency || r.plan.sheet, m.year, m.periodText].filter((x) => x !== null && x !== '').join(' ');
  const t = r.total;
  const lines = [
    `${head}  (${file}, ${r.plan.sheet})`,
    `  ${s.score}: ${t.score === null ? '–' : f.percent(t.score)}   ${s.earnedOfTotal} ${f.number(t.earned)} ${s.of} ${f.number(t.weight)}` +
      `   ${s.assessedWeight} ${f.number(t.assessedWeight)}   ${s.maxReachable} ${f.number(t.maxReachable)}`,
    `  ${(['met', 'partly', 'not_met', 'not_assessed'] as const).map((k) => `${lang.statuses[k]} ${t.counts[k]}`).join(' · ')}`,
    ...(t.payout === undefined ? [] : [`  ${s.payout}: ${t.payout === null ? '–' : f.number(Math.round(t.payout))}`]),
    ...(r.periods && r.periods.length > 1 ? [`  ${trendText(r.periods, lang)}`] : []),
    ...(r.forecast?.plan ? [`  ${s.forecastColumn}: ${s.forecast[r.forecast.plan]}`] : []),
    ...(r.lastYear ? [`  ${s.score} ${r.lastYear.year ?? s.lastYear}: ${r.lastYear.score === null ? '–' : f.percent(r.lastYear.score)}`] : []),
  ];
  const width = Math.max(0, ...r.areas.map((a) => a.name.length));
  for (const a of r.areas) {
    lines.push(`    ${a.name.padEnd(width)}  ${f.number(a.earned).padStart(6)} / ${f.number(a.weight).padEnd(5)} ${a.score === null ? '' : f.percent(a.score)}`);
  }
  if (output) lines.push(`  → ${output}`);
  return lines.join('\n');
}

/** Spreadsheet files by their extension: workbooks (`.xlsx`, `.xlsm`) and the kinds named as problems (`.xls`, `.ods`). */
const SPREADSHEET = /\.(xlsx|xlsm|xls|ods)$/i;

/** The spreadsheet files named, directories expanded (not recursively), in a stable order. */
async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      // Every spreadsheet in a folder of submissions counts: one that cannot be read is named, not left out unseen.
      const names = (await fs.readdir(input)).filter((n) => SPREADSHEET.test(n) && !n.startsWith('~$') && !/\.score\.xlsx$/i.test(n)).sort();
      files.push(...names.map((n) => path.join(input, n)));
    } else files.push(input);
  }
  return files;
}

/** Temporary files being written; removed on an error, Ctrl-C, SIGTERM or SIGHUP, so none is left behind. */
const temporaries = new Set<string>();

/**
 * Signals are caught only while a temporary file exists. A handler runs only when the event loop
 * is free, and scoring a large plan keeps it busy for seconds: outside writing, Ctrl-C and SIGTERM
 * keep their default and stop the run at once, with nothing on disk to clean up.
 */
const STOPS = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const;
const stopHandlers = STOPS.map(([signal, code]) => [signal, () => {
  removeTemporaries();
  process.exit(code);
}] as const);

function holdTemporary(temp: string): void {
  if (!temporaries.size) for (const [signal, handler] of stopHandlers) process.on(signal, handler);
  temporaries.add(temp);
}

function releaseTemporary(temp: string): void {
  temporaries.delete(temp);
  if (!temporaries.size) for (const [signal, handler] of stopHandlers) process.off(signal, handler);
}

export function removeTemporaries(): void {
  for (const temp of temporaries) {
    try {
      rmSync(temp, { force: true });
    } catch {
      /* already gone */
    }
  }
  temporaries.clear();
}

/**
 * Writes beside a temporary name first, so a half-written file never takes the output's place.
 * Without `force` the file is linked into place, which fails if the target exists by then: an
 * existing file is never replaced, not even by a race. Returns false when the target exists.
 */
async function writeAtomic(target: string, data: Uint8Array, force: boolean): Promise<boolean> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  holdTemporary(temp);
  try {
    await writeNew(temp, data);
    if (force) await fs.rename(temp, target);
    else await linkOrCreate(temp, target, data);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fs.rm(temp, { force: true });
    releaseTemporary(temp);
  }
}

/**
 * Creates the file on the main thread, so a stop handler (which runs there too) always finds it to
 * remove: created in the thread pool, it could appear after the handler looked and outlive the run.
 */
async function writeNew(file: string, data: Uint8Array): Promise<void> {
  const fd = openSync(file, 'wx');
  try {
    for (let done = 0; done < data.length; ) {
      done += await new Promise<number>((resolve, reject) => write(fd, data, done, data.length - done, null, (e, n) => (e ? reject(e) : resolve(n))));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Puts a new file in place only if nothing has the name: a hard link, or where the file system has
 * none (FAT, exFAT, some network shares) an exclusive create, which fails on anything there, a
 * dangling link included.
 */
async function linkOrCreate(temp: string, target: string, data: Uint8Array): Promise<void> {
  try {
    await fs.link(temp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
    await fs.writeFile(target, data, { flag: 'wx' });
  }
}

/** A path as the file system resolves it (links followed), or as given when it does not exist yet. */
const realPath = (p: string) => fs.realpath(p).catch(() => path.resolve(p));

/** The inputs' real paths, resolved once for all outputs. */
const realPaths = async (files: string[]) => new Set(await Promise.all(files.map(realPath)));

/**
 * The file system's error codes in words: a message says what happened (no space, no permission,
 * a read-only drive, a file too large for the file system, …), never the code. The code stays in
 * the problem's `detail` for --json.
 */
const OUTPUT_FAILURES: ReadonlyMap<string, ProductMessageKey> = new Map([
  ['ENOSPC', 'outputNoSpace'], ['EDQUOT', 'outputNoSpace'],
  ['EACCES', 'outputNoAccess'], ['EPERM', 'outputNoAccess'],
  ['EROFS', 'outputReadOnly'],
  ['EFBIG', 'outputTooBig'],
  ['ENAMETOOLONG', 'outputNameTooLong'],
  // A file where a folder of the path should be: mkdir says EEXIST, open ENOTDIR.
  ['EEXIST', 'outputFolderIsFile'], ['ENOTDIR', 'outputFolderIsFile'],
  ['ENOENT', 'outputNoFolder'],
  ['EISDIR', 'outputIsFolder'],
  ['EBUSY', 'outputBusy'], ['ETXTBSY', 'outputBusy'],
  ['EIO', 'outputDiskError'], ['ENXIO', 'outputDiskError'], ['ENODEV', 'outputDiskError'],
]);

/** Why an output could not be written, from the file system's error code. */
function outputFailure(target: string, error: unknown): FileProblem {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  return { ...fileProblem(target, OUTPUT_FAILURES.get(code) ?? 'outputFailed', code), file: target };
}

/**
 * Writes an output, or says why not as a problem of that output: it exists (without --force), it
 * is one of the inputs, or the file system refused it. Never throws, so the other outputs and the
 * JSON still come.
 */
async function writeOutput(target: string, data: Uint8Array, inputs: Set<string>, force: boolean, problems: FileProblem[]): Promise<boolean> {
  if (inputs.has(await realPath(target))) {
    problems.push({ ...fileProblem(target, 'outputIsInput'), file: target });
    return false;
  }
  try {
    await fs.mkdir(path.dirname(target), { recursive: true });
    if (await writeAtomic(target, data, force)) return true;
  } catch (e) {
    problems.push(outputFailure(target, e));
    return false;
  }
  problems.push({ ...fileProblem(target, 'outputExists'), file: target });
  return false;
}

interface Loaded {
  file: string;
  results: PlanResult[];
  /** Score workbook bytes, when asked for. */
  output: Uint8Array | null;
  /** When the workbook was saved, else when the file changed. */
  modified: number | null;
}

/** A file on disk as a workbook source: its size is known before it is read. */
async function diskSource(file: string): Promise<WorkbookSource> {
  const stat = await fs.stat(file).catch(() => null);
  const known = stat?.isFile();
  // A pipe would block the run for ever and a device (a link to /dev/zero) never end: only files are read.
  const special = !!stat && !known && !stat.isDirectory();
  const bytes = special ? () => Promise.reject(Object.assign(new Error('not a regular file'), { code: 'ENOTREG' })) : () => fs.readFile(file);
  return { name: path.basename(file), path: file, size: known ? stat!.size : undefined, modified: known ? stat!.mtimeMs : undefined, bytes };
}

/** Reads and scores each file through the shared pipeline; problems keep the path as given. */
async function loadAll(files: string[], options: Options, problems: FileProblem[], withOutput: boolean): Promise<Loaded[]> {
  const { lang, progress } = options;
  let lastYear: LastYearPlan[] | undefined;
  if (options.compare) {
    const last = await lastYearSource(await diskSource(options.compare), lang);
    for (const p of last.problems) problems.push(p);
    lastYear = last.plans.length ? last.plans : undefined;
  }
  const sources = await Promise.all(files.map(diskSource));
  const run = await scoreSources(sources, lang, { output: withOutput, lastYear, grids: false, onFile: (done, total) => progress.tick(done, total) });
  progress.done();
  // One at a time: a spread of a large plan's problems would overflow the call's arguments.
  for (const p of run.problems) problems.push(p);
  return run.scored.map((s) => ({ file: s.source.path!, results: s.results, output: s.output, modified: s.modified }));
}

/**
 * Output names: `<name>.score.xlsx`, and `<name> (2).score.xlsx` … when inputs share a name. A
 * number is never one another input's own name has taken (`plan (2).xlsx` beside two `plan.xlsx`),
 * so no two outputs of one run are one file, whatever the case of their names.
 */
export function outputNames(files: string[], outDir: string): string[] {
  const bases = files.map((file) => path.basename(file).replace(/\.xls[xm]$/i, ''));
  const taken = new Set<string>();
  // Each name is first its own first input's; later ones of the same name take the next number free.
  const first = bases.map((base) => !taken.has(base.toLowerCase()) && !!taken.add(base.toLowerCase()));
  return bases.map((base, i) => {
    let name = base;
    for (let n = 2; !first[i] && taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    return path.join(outDir, `${name}.score.xlsx`);
  });
}

/** A progress bar on a terminal for many files; nothing when output is not a terminal. */
interface Progress {
  tick(done: number, total: number): void;
  done(): void;
}

export function progressBar(stream: Pick<NodeJS.WriteStream, "isTTY" | "write">, files: number): Progress {
  if (!stream.isTTY || files < 5) return { tick: () => undefined, done: () => undefined };
  const width = 30;
  return {
    tick: (done, total) => {
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
    },
    done: () => stream.write(`\r${' '.repeat(width + 20)}\r`),
  };
}

function exitCode(scored: number, problems: FileProblem[]): number {
  if (scored === 0) return 2;
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function problemJson(problems: FileProblem[], lang: LanguagePack) {
  return problems.map((p) => ({ file: p.file ?? '', sheet: p.sheet, cell: p.cell, severity: p.severity, message: formatMessage(p.message, lang) }));
}

function printProblems(problems: FileProblem[], lang: LanguagePack, io: Io): void {
  if (!problems.length) return;
  const errors = problems.filter((p) => p.severity === 'error').length;
  io.err(`\n${lang.sheet.problemsSheet}: ${problems.length} (${lang.severities.error}: ${errors}, ${lang.severities.warning}: ${problems.length - errors})`);
  for (const p of problemJson(problems, lang)) {
    io.err(`  ${[p.file && path.basename(p.file), p.sheet && `${p.sheet}!${p.cell}`].filter(Boolean).join(' ')}  ${lang.severities[p.severity]}: ${p.message}`);
  }
}

interface Options {
  out: string | undefined;
  json: boolean;
  lang: LanguagePack;
  progress: Progress;
  force: boolean;
  /** Last year's plan, to set beside this year's. */
  compare: string | undefined;
  /** A PDF beside each workbook written, printed by LibreOffice. */
  pdf: boolean;
}

const PDF_FAILURES = { noLibreOffice: 'pdfNoLibreOffice', failed: 'pdfFailed' } as const;

/** The PDF of a written workbook, or why there is none as a problem of the PDF. */
async function writePdf(xlsx: string, inputs: Set<string>, options: Options, problems: FileProblem[]): Promise<string | null> {
  const target = xlsx.replace(/\.xlsx$/i, '.pdf');
  // Loaded only with --pdf: a run without it never pays for starting LibreOffice's module.
  const { workbookPdf } = await import(/* webpackChunkName: "pdf" */ './pdf');
  const made = await workbookPdf(xlsx, options.lang.locale);
  if (!made.ok) {
    problems.push({ ...fileProblem(target, PDF_FAILURES[made.reason], made.detail ?? ''), file: target });
    return null;
  }
  // Written as the workbook is: beside a temporary name, never through a link, never over an input.
  return (await writeOutput(target, made.bytes, inputs, options.force, problems)) ? target : null;
}

async function score(files: string[], options: Options, io: Io): Promise<number> {
  const { lang } = options;
  const problems: FileProblem[] = [];
  const loaded = await loadAll(files, options, problems, true);
  const outDir = options.out ?? 'out';
  const plans: ReturnType<typeof planJson>[] = [];
  const texts: string[] = [];
  let written = 0;
  const inputs = await realPaths(options.compare ? [...files, options.compare] : files);
  const targets = outputNames(loaded.map((l) => l.file), outDir);
  for (const [i, { file, results, output }] of loaded.entries()) {
    const target = targets[i];
    const wrote = await writeOutput(target, output!, inputs, options.force, problems);
    if (wrote) written++;
    const pdf = wrote && options.pdf ? await writePdf(target, inputs, options, problems) : null;
    for (const r of results) {
      plans.push(planJson(file, r, lang));
      texts.push(summary(file, wrote ? [target, ...(pdf ? [pdf] : [])].join(', ') : null, r, lang));
    }
  }
  if (options.json) io.out(JSON.stringify({ plans, problems: problemJson(problems, lang) }, null, 2));
  else {
    if (texts.length) io.out(texts.join('\n\n'));
    printProblems(problems, lang, io);
  }
  // Scored but not written counts as not done: the user asked for the workbook.
  return exitCode(written, problems);
}

async function consolidateFiles(files: string[], options: Options, io: Io): Promise<number> {
  const { lang } = options;
  const fileProblems: FileProblem[] = [];
  const loaded = await loadAll(files, options, fileProblems, false);
  const submissions = loaded.flatMap(({ file, results, modified }) => results.map((result) => ({ file, result, modified })));
  const target = options.out ?? path.join('out', 'overview.xlsx');
  const { overview, problems, layout } = consolidationLayout(submissions, fileProblems, lang);
  const inputs = await realPaths(options.compare ? [...files, options.compare] : files);
  const written = submissions.length > 0 && (await writeOutput(target, await workbookBytesAsync(layout), inputs, options.force, problems));
  const pdf = written && options.pdf ? await writePdf(target, inputs, options, problems) : null;
  const rows = overview.rows.map((r) => ({
    file: r.file, agency: r.agency, year: r.year, period: r.period, score: round(r.score), earned: round(r.earned), weight: round(r.weight), coverage: round(r.coverage), counts: r.counts,
  }));
  if (options.json) {
    const plans = overview.counting.map(({ file, result }) => planJson(file, result, lang));
    // Only the submissions that count; a superseded one is named with the one that replaced it.
    const periods = overview.periods.map((p) => ({
      year: p.year, period: p.period, average: round(p.average), lowest: p.lowest ? { agency: p.lowest.agency, score: round(p.lowest.score) } : null,
      agencies: p.agencies.map((a) => ({ agency: a.agency, file: a.file, score: round(a.score) })),
    }));
    const notAssessed = overview.notAssessed.map((u) => ({ file: u.file, agency: u.agency, id: u.id, title: u.title, weight: round(u.weight) }));
    io.out(JSON.stringify({ plans, problems: problemJson(problems, lang), overview: rows, periods, superseded: overview.superseded, notAssessed }, null, 2));
  } else if (submissions.length) {
    const f = formatter(lang);
    const width = Math.max(...overview.rows.map((r) => r.agency.length));
    const lines = overview.rows.map((r) => `  ${r.agency.padEnd(width)}  ${r.score === null ? '–' : f.percent(r.score).padStart(8)}  ${f.number(r.earned)} ${lang.sheet.of} ${f.number(r.weight)}`);
    const w = lang.sheet.overview;
    lines.push(`  ${w.average}: ${overview.average === null ? '–' : f.percent(overview.average)}   ${w.lowest}: ${overview.lowest ? `${overview.lowest.agency} ${f.percent(overview.lowest.score!)}` : '–'}`);
    io.out(`${w.title}\n${lines.join('\n')}${written ? `\n  → ${[target, ...(pdf ? [pdf] : [])].join(', ')}` : ''}`);
  }
  if (!options.json) printProblems(problems, lang, io);
  return exitCode(written ? submissions.length : 0, problems);
}

/**
 * Text for a terminal: control characters (ESC, CR, …) and bidirectional overrides (U+202E) from a
 * file's name or a workbook's text are shown as `\u001b`, so nothing can move the cursor, rewrite a
 * line or reverse what follows. The form is JSON's own escape: inside `--json` strings it is the
 * same character, so the data are unchanged. Line breaks and tabs stay.
 */
export const terminalSafe = (text: string): string =>
  // Control characters are exactly what this looks for.
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

const CONSOLE: Io = { out: (t) => console.log(terminalSafe(t)), err: (t) => console.error(terminalSafe(t)) };

/** The version of the installed package, as its package.json says (two folders up, from src/cli or dist/cli). */
function version(): string {
  return (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
}

/** A usage error: one line in the user's language and where to read more; never the whole help. */
function printUsage(usage: Usage, lang: LanguagePack, io: Io): number {
  // The languages there are, as the user's language lists choices: `da, nb, en eller sv`.
  const languages = new Intl.ListFormat(lang.locale, { type: 'disjunction' }).format(LANGUAGE_CODES);
  io.err(`${fill(lang.cli[usage.problem], { languages, ...usage.args })}\n${lang.cli.seeHelp}`);
  return 2;
}

/**
 * A failure of the program itself, not of the user's input (that is reported as problems): one
 * line in the user's language, the stack only with GOALSCORE_DEBUG set. Exit code 2.
 */
export function stopped(error: unknown, argv: string[], io: Io = CONSOLE, env: NodeJS.ProcessEnv = process.env): number {
  const message = (error instanceof Error ? error.message || error.name : String(error)).split('\n')[0];
  let lang: LanguagePack;
  // Reading the call again may be what failed; the one line must come even then.
  try {
    lang = pack(userLanguage(argv, env));
  } catch {
    lang = pack('da');
  }
  io.err(fill(lang.cli.internalError, { message }));
  if (env.GOALSCORE_DEBUG && error instanceof Error) io.err(String(error.stack));
  return 2;
}

const COMMANDS = { score, consolidate: consolidateFiles };

async function run(call: Extract<Call, { kind: 'run' }>, io: Io): Promise<number> {
  const files = await expand(call.inputs);
  if (!files.length) {
    // Only folders without a workbook are left to name: a file given is always in `files`.
    const lang = pack(call.options.lang);
    for (const folder of call.inputs) io.err(formatMessage({ key: 'folderEmpty', args: { file: folder } }, lang));
    return 2;
  }
  const progress = progressBar(process.stderr, files.length);
  return COMMANDS[call.command](files, { ...call.options, lang: pack(call.options.lang), progress }, io);
}

export async function main(argv: string[], io: Io = CONSOLE, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const call = readCall(argv, env);
    switch (call.kind) {
      case 'usage':
        return printUsage(call.usage, pack(call.messages), io);
      case 'version':
        io.out(version());
        return 0;
      case 'help':
        io.out(call.command ? commandHelp(call.command) : HELP);
        return 0;
      case 'run':
        return await run(call, io);
    }
  } catch (e) {
    return stopped(e, argv, io, env);
  }
}
