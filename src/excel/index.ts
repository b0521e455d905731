/**
 * Scoring inside Excel: read the open workbook, run the shared pipeline, write the score sheets.
 * Thin: everything that decides anything lives in the engine, the layout and the pipeline.
 */
import type { LanguagePack } from '../i18n';
import { readPlan, type PlanResult, type Problem, type Overview, type Submission, loadMathParser } from '../engine';
import { consolidationLayout, dataFromGrids, scoreGrids, scoreWorkbookLayout, type FileProblem, type LastYearPlan } from '../pipeline';
import { readWorkbook, type WorkbookRead } from './read';
import { failureRule, OfficeFailure } from './failures';
import { REQUEST_LIMIT, writeWorkbook, type WriteOptions } from './write';
import { safeSheetName, type WorkbookLayout } from '../layout/model';

export { readWorkbook, readShape, selectCell, OWNER_KEY, SHAPE_KEY, type WorkbookRead } from './read';
export { writeWorkbook, RowBatch, REQUEST_LIMIT, type WriteOptions } from './write';
export { describeFailure, failureRule, OfficeFailure, OFFICE_FAILURES, REQUIRED_API } from './failures';

export interface PlanSheetInfo {
  sheet: string;
  agency: string;
  year: number | null;
  period: string;
  rows: number;
}

/** The plan sheets among what was read, for the task pane's list. */
export function planSheets(read: WorkbookRead): PlanSheetInfo[] {
  const out: PlanSheetInfo[] = [];
  for (const grid of read.grids) {
    const { plan } = readPlan(grid);
    if (plan) out.push({ sheet: grid.name, agency: plan.metadata.agency, year: plan.metadata.year, period: plan.metadata.periodText, rows: plan.rows.length });
  }
  return out;
}

export interface RetryOptions {
  /** How long to wait before trying again when Excel is busy or a cell is being edited. */
  retryDelayMs?: number;
}

const ATTEMPTS = 4;

/**
 * Writes the layout, and where a failure says it may help, tries again: with requests half the
 * size when Excel refuses one as too large, after a pause when a cell is being edited. A
 * protected workbook is reported before anything is tried. Each retry reads the workbook again,
 * so sheets a failed attempt left behind are the add-in's own and are replaced.
 */
export async function writeWithRetries(context: Excel.RequestContext, layout: WorkbookLayout, read: WorkbookRead, options: WriteOptions & RetryOptions): Promise<void> {
  if (read.protected) throw new OfficeFailure('ProtectedWorkbook');
  let limit = options.requestLimit ?? REQUEST_LIMIT;
  for (let attempt = 1; ; attempt++) {
    try {
      // Reading again is part of the attempt: in cell edit mode it fails as the write does.
      const current = attempt === 1 ? read : await readWorkbook(context);
      await writeWorkbook(context, layout, current, { ...options, requestLimit: limit });
      return;
    } catch (e) {
      const retry = failureRule(e)?.retry;
      if (!retry || attempt >= ATTEMPTS) throw e;
      if (retry === 'smaller') limit = Math.floor(limit / 4);
      else await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 1000) * attempt));
    }
  }
}

export interface ExcelScoreOptions extends WriteOptions, RetryOptions {
  lang: LanguagePack;
  /** Score only these plan sheets; all when absent. */
  sheets?: string[];
  defaultPartialCredit?: number;
  /** Last year's plans, to set beside this year's. */
  lastYear?: LastYearPlan[];
  /**
   * Asked when earlier score sheets cannot be updated in place, because their goals or columns
   * changed: replace them, keep them under a new name, or write nothing. Without it they are kept.
   */
  confirmReshape?: (sheets: string[]) => Promise<ReshapeChoice>;
}

/** What to do with score sheets whose shape changed since the last run. */
export type ReshapeChoice = 'replace' | 'keep' | 'cancel';

export interface ExcelScoreRun {
  results: PlanResult[];
  problems: Problem[];
  /** Earlier score sheets kept under a new name: old name to new. */
  keptAs?: Map<string, string>;
  /** Nothing was written: the user chose to keep the workbook as it was. */
  cancelled?: boolean;
  /** The score sheets written, in the plans' order. */
  sheets?: string[];
}

/** The score sheets of the layout that exist with another shape: updating them would move their goals. */
export function reshaped(layout: WorkbookLayout, read: WorkbookRead): string[] {
  return layout.sheets.filter((s) => s.shape && read.shapes.has(s.name) && read.shapes.get(s.name)!.key !== s.shape.key).map((s) => s.name);
}

/** A free name for an earlier sheet kept beside the new one: `Name (2)`, within 31 characters. */
export function keptName(name: string, taken: readonly string[]): string {
  return safeSheetName(name, new Set(taken.map((n) => n.toLowerCase())), true);
}

/** Scores the chosen plan sheets of the open workbook and writes their score sheets into it. */
export async function scoreInExcel(context: Excel.RequestContext, options: ExcelScoreOptions, read?: WorkbookRead): Promise<ExcelScoreRun> {
  await loadMathParser();
  const workbook = read ?? (await readWorkbook(context));
  const chosen = options.sheets ? workbook.grids.filter((g) => options.sheets!.includes(g.name)) : workbook.grids;
  const { results, problems } = scoreGrids(chosen, {
    lang: options.lang,
    data: dataFromGrids(workbook.grids),
    defaultPartialCredit: options.defaultPartialCredit,
    lastYear: options.lastYear,
  });
  if (!results.length) return { results, problems };
  const userSheets = workbook.names.filter((n) => !workbook.owned.has(n));
  const layout = scoreWorkbookLayout(results, problems, options.lang, userSheets, workbook.kept);
  // Sheets whose goals moved are not updated in place unasked: the user may keep the last run.
  const changed = reshaped(layout, workbook);
  const choice: ReshapeChoice = changed.length ? ((await options.confirmReshape?.(changed)) ?? 'keep') : 'replace';
  if (choice === 'cancel') return { results, problems, cancelled: true };
  const keptAs = new Map<string, string>();
  if (choice === 'keep') {
    const taken = [...workbook.names, ...layout.sheets.map((s) => s.name)];
    for (const name of changed) {
      const to = keptName(name, taken);
      keptAs.set(name, to);
      taken.push(to);
    }
  }
  await writeWithRetries(context, layout, workbook, { ...options, keepAs: keptAs });
  const sheets = layout.sheets.filter((s) => s.role === 'score').map((s) => s.name);
  return { results, problems, sheets, ...(keptAs.size ? { keptAs } : {}) };
}

export interface ExcelConsolidateOptions extends ExcelScoreOptions {
  /** The name the open workbook's plans go by in the overview. */
  workbookName: string;
  /** Submissions from files read elsewhere (picked from disk in the task pane), with their problems. */
  extra?: { submissions: Submission[]; problems: FileProblem[] };
}

/**
 * Consolidates the open workbook's plan sheets, and any submissions from files, into overview
 * sheets written into the workbook.
 */
export async function consolidateInExcel(context: Excel.RequestContext, options: ExcelConsolidateOptions, read?: WorkbookRead): Promise<{ overview: Overview; problems: FileProblem[]; results: PlanResult[] }> {
  await loadMathParser();
  const workbook = read ?? (await readWorkbook(context));
  const chosen = options.sheets ? workbook.grids.filter((g) => options.sheets!.includes(g.name)) : workbook.grids;
  const own = scoreGrids(chosen, { lang: options.lang, data: dataFromGrids(workbook.grids), defaultPartialCredit: options.defaultPartialCredit });
  const submissions = [...own.results.map((result) => ({ file: options.workbookName, result })), ...(options.extra?.submissions ?? [])];
  const fileProblems = [...own.problems.map((p) => ({ ...p, file: options.workbookName })), ...(options.extra?.problems ?? [])];
  const userSheets = workbook.names.filter((n) => !workbook.owned.has(n));
  const { overview, problems, layout } = consolidationLayout(submissions, fileProblems, options.lang, userSheets, workbook.kept);
  if (submissions.length) await writeWithRetries(context, layout, workbook, options);
  return { overview, problems, results: submissions.map((s) => s.result) };
}
