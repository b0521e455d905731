/**
 * `goalscore`: scores plan workbooks on the command line through the same pipeline as the add-in.
 * Exit codes: 0 scored without errors, 1 scored with problems of severity error, 2 nothing scored.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMessage, LANGUAGES, pack, type LanguagePack } from '../engine/i18n';
import { formatter } from '../engine/format';
import type { PlanResult } from '../engine/types';
import { consolidationLayout, fileProblem, type FileProblem } from '../pipeline';
import { scoreWorkbookBytes, unreadableProblem, workbookBytes } from '../xlsx';

export const HELP = `goalscore – scores goal plans (mål- og resultatplaner) in Excel workbooks

Usage:
  goalscore score FILE|DIR... [--out DIR] [--force] [--json] [--lang da|nb|en]
  goalscore consolidate FILE|DIR... [--out FILE] [--force] [--json] [--lang da|nb|en]
  goalscore --help

  score        Reads every plan sheet of each workbook (.xlsx; a directory means the .xlsx files
               in it) and writes <name>.score.xlsx with a score sheet per plan and a problems
               sheet when there are problems. Input files are never changed.
  consolidate  Scores every agency's submission and writes one overview workbook: Oversigt (one
               row per agency, by score, with the average and the lowest and a chart), Mangler
               (goals not met across agencies, by the share of the plan lost), Problemer, and each
               agency's score sheet. A broken submission is named among the problems; the others
               are consolidated. Checks across submissions: mixed years or periods, an agency
               submitted twice, a plan that does not add up to 100.

Options:
  --out        score: the directory for score workbooks (default: out/).
               consolidate: the overview workbook (default: out/overview.xlsx).
  --force      Replace output workbooks that exist already (never an input file).
  --json       Print one JSON document on stdout instead of the readable summary:
               { "plans": [ { file, sheet, agency, year, period, unit, total, areas, rows } ],
                 "problems": [ { file, sheet, cell, severity, message } ] }
               consolidate adds "overview": [ { file, agency, year, period, score, earned,
               weight, counts } ], best score first.
  --lang L     Language of the score sheets, explanations and messages: da (default), nb or en.
  -h, --help   Show this text.

Exit codes:
  0  every plan was scored and no problem is an error
  1  plans were scored, but some problems are errors (see the Problems sheet)
  2  nothing could be scored or written: bad usage, an unreadable file, no plan sheet,
     or an output that exists (without --force)
`;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const round = (n: number | null) => (n === null ? null : Number(n.toPrecision(12)));

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
    total: totals(r.total),
    areas: r.areas.map((a) => ({ name: a.name, declaredWeight: a.declaredWeight, ...totals(a) })),
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
      overridden: row.overridden,
      explanation: row.explanation,
    })),
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
  ];
  const width = Math.max(0, ...r.areas.map((a) => a.name.length));
  for (const a of r.areas) {
    lines.push(`    ${a.name.padEnd(width)}  ${f.number(a.earned).padStart(6)} / ${f.number(a.weight).padEnd(5)} ${a.score === null ? '' : f.percent(a.score)}`);
  }
  if (output) lines.push(`  → ${output}`);
  return lines.join('\n');
}

/** The .xlsx files named, directories expanded (not recursively), in a stable order. */
async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(input)).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$') && !/\.score\.xlsx$/i.test(n)).sort();
      files.push(...names.map((n) => path.join(input, n)));
    } else files.push(input);
  }
  return files;
}

/**
 * Writes beside a temporary name first, so a half-written file never takes the output's place.
 * Without `force` the file is linked into place, which fails if the target exists by then: an
 * existing file is never replaced, not even by a race. Returns false when the target exists.
 */
async function writeAtomic(target: string, data: Uint8Array, force: boolean): Promise<boolean> {
  const temp = `${target}.${process.pid}.tmp`;
  await fs.writeFile(temp, data, { flag: 'wx' });
  try {
    if (force) await fs.rename(temp, target);
    else await fs.link(temp, target);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** A path as the file system resolves it (links followed), or as given when it does not exist yet. */
const realPath = (p: string) => fs.realpath(p).catch(() => path.resolve(p));

/** The inputs' real paths, resolved once for all outputs. */
const realPaths = async (files: string[]) => new Set(await Promise.all(files.map(realPath)));

/** Writes an output, or says why not: it exists (without --force), or it is one of the inputs. */
async function writeOutput(target: string, data: Uint8Array, inputs: Set<string>, force: boolean, problems: FileProblem[]): Promise<boolean> {
  if (inputs.has(await realPath(target))) {
    problems.push({ ...fileProblem(target, 'outputIsInput'), file: target });
    return false;
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  if (await writeAtomic(target, data, force)) return true;
  problems.push({ ...fileProblem(target, 'outputExists'), file: target });
  return false;
}

interface Loaded {
  file: string;
  results: PlanResult[];
  /** Score workbook bytes, when asked for. */
  output: Uint8Array | null;
}

/** Reads and scores each file; a file that cannot be read becomes a problem, never an exit. */
async function loadAll(files: string[], lang: LanguagePack, problems: FileProblem[], progress: Progress, withOutput: boolean): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const [i, file] of files.entries()) {
    progress.tick(i, files.length);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (e) {
      problems.push(unreadable(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (e as Error).message));
      continue;
    }
    try {
      const scored = await scoreWorkbookBytes(bytes, lang, { output: withOutput });
      problems.push(...scored.problems.map((p) => ({ ...p, file })));
      if (!scored.results.length) problems.push({ ...fileProblem(path.basename(file), 'noPlanSheet'), file });
      else loaded.push({ file, results: scored.results, output: scored.output });
    } catch (e) {
      problems.push({ ...unreadableProblem(path.basename(file), e), file });
    }
  }
  progress.done();
  return loaded;
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
}

async function score(files: string[], options: Options, io: Io): Promise<number> {
  const { lang } = options;
  const problems: FileProblem[] = [];
  const loaded = await loadAll(files, lang, problems, options.progress, true);
  const outDir = options.out ?? 'out';
  const plans: ReturnType<typeof planJson>[] = [];
  const texts: string[] = [];
  let written = 0;
  const inputs = await realPaths(files);
  for (const { file, results, output } of loaded) {
    const target = path.join(outDir, `${path.basename(file).replace(/\.xlsx$/i, '')}.score.xlsx`);
    const wrote = await writeOutput(target, output!, inputs, options.force, problems);
    if (wrote) written++;
    for (const r of results) {
      plans.push(planJson(file, r, lang));
      texts.push(summary(file, wrote ? target : null, r, lang));
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
  const loaded = await loadAll(files, lang, fileProblems, options.progress, false);
  const submissions = loaded.flatMap(({ file, results }) => results.map((result) => ({ file, result })));
  const target = options.out ?? path.join('out', 'overview.xlsx');
  const { overview, problems, layout } = consolidationLayout(submissions, fileProblems, lang);
  const written = submissions.length > 0 && (await writeOutput(target, await workbookBytes(layout), await realPaths(files), options.force, problems));
  const rows = overview.rows.map((r) => ({
    file: r.file, agency: r.agency, year: r.year, period: r.period, score: round(r.score), earned: round(r.earned), weight: round(r.weight), counts: r.counts,
  }));
  if (options.json) {
    const plans = submissions.map(({ file, result }) => planJson(file, result, lang));
    io.out(JSON.stringify({ plans, problems: problemJson(problems, lang), overview: rows }, null, 2));
  } else if (submissions.length) {
    const f = formatter(lang);
    const width = Math.max(...overview.rows.map((r) => r.agency.length));
    const lines = overview.rows.map((r) => `  ${r.agency.padEnd(width)}  ${r.score === null ? '–' : f.percent(r.score).padStart(8)}  ${f.number(r.earned)} ${lang.sheet.of} ${f.number(r.weight)}`);
    const w = lang.sheet.overview;
    lines.push(`  ${w.average}: ${overview.average === null ? '–' : f.percent(overview.average)}   ${w.lowest}: ${overview.lowest ? `${overview.lowest.agency} ${f.percent(overview.lowest.score!)}` : '–'}`);
    io.out(`${w.title}\n${lines.join('\n')}${written ? `\n  → ${target}` : ''}`);
  }
  if (!options.json) printProblems(problems, lang, io);
  return exitCode(written ? submissions.length : 0, problems);
}

/** The problem names the file by its name; the JSON's `file` keeps the path given. */
const unreadable = (file: string, detail: string): FileProblem => ({ ...fileProblem(path.basename(file), 'unreadableFile', detail), file });

export async function main(argv: string[], io: Io = { out: (t) => console.log(t), err: (t) => console.error(t) }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        json: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'da' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(HELP);
    return 0;
  }
  const [command, ...inputs] = positionals;
  const commands: Record<string, typeof score> = { score, consolidate: consolidateFiles };
  if (!commands[command] || !inputs.length) {
    io.err(command && !commands[command] ? `Unknown command "${command}".\n\n${HELP}` : HELP);
    return 2;
  }
  if (!(values.lang! in LANGUAGES)) {
    io.err(`Unknown language "${values.lang}": use da, nb or en.`);
    return 2;
  }
  try {
    const files = await expand(inputs);
    const progress = progressBar(process.stderr, files.length);
    return await commands[command](files, { out: values.out, json: values.json!, force: values.force!, lang: pack(values.lang), progress }, io);
  } catch (e) {
    // Bad input is reported above as problems; this is a failure of the program itself.
    io.err(`goalscore: ${(e as Error).message}`);
    if (process.env.GOALSCORE_DEBUG) io.err(String((e as Error).stack));
    return 2;
  }
}
