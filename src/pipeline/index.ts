/**
 * The one pipeline every adapter calls: plan sheets → engine → score workbook layout. The CLI,
 * the task pane in Excel and the task pane in a browser differ only in how they read cells and
 * render the layout.
 */
import { pack, type LanguagePack, type ProductMessageKey } from '../i18n';
import { compactWidth, DATA_CELL_LIMIT, gridHeight, gridRange, refusedRange, type DataSource, nearestHeader, readPlan, scorePlan, scorePeriods, forecast, lastYearOf, matchGoals, pickLastYear, withLastYearBaselines, type Plan, type PlanResult, type Problem, type SheetGrid, type WhatIfEdit, consolidate, type Overview, type Submission } from '../engine';
import { safeSheetName, shapeKey, sheetWidth, type SheetLayout, type WorkbookLayout } from '../layout/model';
import { rowsOf, withProps } from '../layout/rows';
import { buildProblemsSheet, type FileProblem } from '../layout/problemsSheet';
import { buildScoreSheet, type KeptNotes } from '../layout/scoreSheet';
import { withHistory } from '../layout/history';
import { withLastYear } from '../layout/lastYear';
import { buildOverviewSheet, buildShortfallSheet, buildTrendSheet, sheetKey, type AgencySheets } from '../layout/overview';
import { buildScenarioSheet } from '../layout/scenarioSheet';

export type { FileProblem } from '../layout/problemsSheet';

export interface ScoreRun {
  results: PlanResult[];
  /** Every problem of every plan, in sheet order. */
  problems: Problem[];
}

const widths = new WeakMap<SheetGrid, number>();
/** The widest row of a grid, its compact columns included, measured once. */
function widest(grid: SheetGrid): number {
  let w = widths.get(grid);
  if (w === undefined) widths.set(grid, (w = grid.values.reduce((m, row) => Math.max(m, row?.length ?? 0), compactWidth(grid))));
  return w;
}

/**
 * Values of a data reference, read from the grids already loaded; null when the sheet is missing.
 * A range that would hold more cells than data references may read in all is refused unbuilt.
 */
export function dataFromGrids(grids: SheetGrid[]): DataSource {
  const byName = new Map(grids.map((g) => [g.name.toLowerCase(), g]));
  return (ref) => {
    const grid = byName.get(ref.sheet.toLowerCase());
    if (!grid) return null;
    const top = grid.origin?.row ?? 0;
    const left = grid.origin?.col ?? 0;
    // Only cells the sheet holds: a reference to a whole sheet costs what the sheet has, not 17 billion cells.
    // Rows are padded to the reference's width where the sheet reaches it, and to two columns always:
    // pairs of dates stay pairs when no case has an end date yet.
    const bottom = Math.min(ref.bottom, top + gridHeight(grid) - 1);
    const right = Math.min(ref.right, Math.max(left + widest(grid) - 1, ref.left + 1));
    const [first, firstCol] = [Math.max(ref.top, top), Math.max(ref.left, left)];
    if (Math.max(0, bottom - first + 1) * Math.max(0, right - firstCol + 1) > DATA_CELL_LIMIT) return refusedRange(DATA_CELL_LIMIT);
    return gridRange(grid, first - top, bottom - top, firstCol - left, right - left);
  };
}

export interface ScoreGridsOptions {
  lang?: LanguagePack | string;
  /** Values of data references; by default read from the grids themselves. */
  data?: DataSource;
  defaultPartialCredit?: number;
  /** Called after each plan, for progress bars. */
  onPlan?: (done: number, total: number) => void;
  /** Last year's plans, to set beside this year's (`--compare`). */
  lastYear?: LastYearPlan[];
}

/** One of last year's plans, scored, and the file it came from. */
export interface LastYearPlan {
  file: string;
  result: PlanResult;
}

/** Reads and scores every plan sheet among the grids; sheets that are not plans are passed over. */
export function scoreGrids(grids: SheetGrid[], options: ScoreGridsOptions = {}): ScoreRun {
  const data = options.data ?? dataFromGrids(grids);
  const results: PlanResult[] = [];
  for (const [i, grid] of grids.entries()) {
    const { plan: read, problems } = readPlan(grid, { defaultPartialCredit: options.defaultPartialCredit });
    options.onPlan?.(i + 1, grids.length);
    if (!read) continue;
    const last = options.lastYear ? pickLastYear(read, options.lastYear) : null;
    if (options.lastYear && !last) problems.push({ sheet: read.sheet, cell: read.columns.id?.address ?? 'A1', severity: 'warning', message: { key: 'noLastYearPlan', args: { agency: read.metadata.agency || read.sheet } } });
    const matches = last ? matchGoals(read.rows, last.result) : null;
    const prepare = (p: Plan) => (matches ? withLastYearBaselines(p, matches).plan : p);
    const plan = prepare(read);
    let result = scorePlan(plan, problems, { lang: options.lang, data });
    if (plan.periods.length) {
      const history = scorePeriods(grid, result, { defaultPartialCredit: options.defaultPartialCredit, lang: options.lang, data, prepare });
      result = history.current;
      result.periods = history.periods;
      result.forecast = forecast(result);
    }
    if (last) result.lastYear = lastYearOf(last.file, last.result, matches!, withLastYearBaselines(read, matches!).filled);
    results.push(result);
  }
  return { results, problems: results.flatMap((r) => r.problems) };
}

/** A score sheet with last year and the periods beside it; its shape key covers what they add. */
function scoreSheet(result: PlanResult, words: LanguagePack, name: string, kept?: KeptNotes): SheetLayout {
  const layout = withHistory(withLastYear(buildScoreSheet(result, words, name, kept), result, words.sheet), result, words.sheet);
  if (!layout.shape) return layout;
  const width = sheetWidth(layout);
  return withProps(layout, { shape: { ...layout.shape, key: shapeKey(`|${rowsOf(layout).length}x${width}`, layout.shape.key) } });
}

/** A score sheet is named by its agency and period (`Kriminalforsorgen Q4`), else by its plan sheet. */
function scoreSheetName(r: PlanResult, words: LanguagePack): string {
  const m = r.plan.metadata;
  return m.agency ? [m.agency, m.periodText].filter(Boolean).join(' ') : `${words.sheet.scoreSheet} ${r.plan.sheet}`;
}

/** The score workbook: a score sheet per plan, and a problems sheet when there are problems. */
export function scoreWorkbookLayout(
  results: PlanResult[],
  problems: FileProblem[],
  lang: LanguagePack | string,
  reserved: string[] = [],
  /** Notes the user typed on earlier score sheets, by sheet name and goal ID. */
  kept: ReadonlyMap<string, KeptNotes> = new Map(),
): WorkbookLayout {
  const words = typeof lang === 'object' ? lang : pack(lang);
  const taken = new Set(reserved.map((n) => n.toLowerCase()));
  const sheets = results.map((r) => {
    const name = safeSheetName(scoreSheetName(r, words), taken);
    return scoreSheet(r, words, name, kept.get(name));
  });
  if (problems.length) sheets.push(buildProblemsSheet(problems, words, safeSheetName(words.sheet.problemsSheet, taken), reserved));
  return { sheets };
}

export interface Consolidation {
  overview: Overview;
  /** The submissions' own problems and the checks across them. */
  problems: FileProblem[];
  layout: WorkbookLayout;
}

/**
 * The overview workbook for many agencies' plans: the overview, the goals missed, the trend over
 * periods (when there are several), the problems, and a score sheet for each submission that
 * counts, named after the agency (with its period, for all but its latest).
 */
export function consolidationLayout(
  submissions: Submission[],
  fileProblems: FileProblem[],
  lang: LanguagePack | string,
  reserved: string[] = [],
  /** Notes the user typed on earlier agency score sheets, by sheet name and goal ID. */
  kept: ReadonlyMap<string, KeptNotes> = new Map(),
): Consolidation {
  const words = typeof lang === 'object' ? lang : pack(lang);
  const w = words.sheet.overview;
  const overview = consolidate(submissions, w.wholeYear);
  const problems = [...fileProblems, ...overview.problems];
  const taken = new Set(reserved.map((n) => n.toLowerCase()));
  const names = {
    overview: safeSheetName(w.sheet, taken),
    shortfalls: safeSheetName(w.shortfallSheet, taken),
    trend: overview.periods.length > 1 ? safeSheetName(w.trendSheet, taken) : null,
    problems: problems.length ? safeSheetName(words.sheet.problemsSheet, taken) : null,
  };
  const latest = new Set(overview.rows.map((r) => sheetKey(r.file, r.sheet)));
  const agencySheets: AgencySheets = new Map();
  for (const { file, result } of overview.counting) {
    const key = sheetKey(file, result.plan.sheet);
    const m = result.plan.metadata;
    const agency = m.agency || `${words.sheet.scoreSheet} ${result.plan.sheet}`;
    const when = [m.periodText, m.year].filter((x) => x !== null && x !== '').join(' ');
    agencySheets.set(key, safeSheetName(latest.has(key) || !names.trend || !when ? agency : `${agency} ${when}`, taken));
  }
  const trend = names.trend ? buildTrendSheet(overview, words, names.trend) : null;
  const sheets = [
    buildOverviewSheet(overview, words, names.overview, agencySheets),
    buildShortfallSheet(overview, words, names.shortfalls),
    ...(trend ? [trend] : []),
    ...(names.problems ? [buildProblemsSheet(problems, words, names.problems)] : []),
    ...overview.counting.map(({ file, result }) => {
      const name = agencySheets.get(sheetKey(file, result.plan.sheet))!;
      return scoreSheet(result, words, name, kept.get(name));
    }),
  ];
  return { overview, problems, layout: { sheets } };
}

/** A saved what-if scenario as a sheet of its own, beside the user's sheets. */
export function scenarioLayout(actual: PlanResult, scenario: PlanResult, edits: WhatIfEdit[], lang: LanguagePack | string, reserved: string[] = []): WorkbookLayout {
  const words = typeof lang === 'object' ? lang : pack(lang);
  const taken = new Set(reserved.map((n) => n.toLowerCase()));
  return { sheets: [buildScenarioSheet(actual, scenario, edits, words, safeSheetName(`${words.sheet.scenario.sheet} ${actual.plan.metadata.agency || actual.plan.sheet}`, taken))] };
}

/** A problem with a whole file (it cannot be read, or holds no plan), named by the file. */
/** Messages about a file as a whole; they name the file, and some a detail. */
export type FileMessageKey = ProductMessageKey;

export function fileProblem(file: string, key: FileMessageKey, detail = '', more: Record<string, string | number> = {}): FileProblem {
  return { file, sheet: '', cell: '', severity: 'error', message: { key, args: { file, detail, ...more } } };
}

/** No sheet is a plan: name the sheet and row that came closest and the column it lacked, where one did. */
export function noPlanProblem(file: string, grids: SheetGrid[]): FileProblem {
  const near = nearestHeader(grids);
  if (!near) return fileProblem(file, 'noPlanSheet');
  return { ...fileProblem(file, 'noPlanSheetNearest', '', { sheet: near.sheet, row: near.row, column: near.lacks[0] ?? 'weight' }), sheet: near.sheet, cell: `A${near.row}` };
}
