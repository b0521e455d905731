/**
 * Consolidates many scored plans, agency submissions of one or several periods and years, into an
 * overview: each agency's latest score, its scores period by period, the goals missed and those not
 * assessed across agencies, and checks across submissions (mixed years or periods, a plan that
 * does not add up to 100). An agency that submits twice for a period counts once: the newest.
 */
import { PERIOD_END_MONTH } from './parse';
import { parentsFirst } from './tree';
import type { Period, WeightUnit, PlanResult, Problem, RowResult, StatusKey } from './types';

export interface Submission {
  /** The file the plan came from, or the sheet's workbook in Excel. */
  file: string;
  result: PlanResult;
  /** When the submission was made: the workbook's own saved date, else the file's (ms since 1970). */
  modified?: number | null;
}

/** A submission that a newer one for the same agency and period replaced. */
export interface Superseded {
  agency: string;
  file: string;
  /** The file that counts instead. */
  by: string;
}

/** One period of the consolidation: the submissions that count for it, and their average and lowest. */
export interface PeriodSummary {
  year: number | null;
  /** `Q1`, `T2`, `H1`, `År`, or the plan's own words where they name no known period. */
  period: string;
  average: number | null;
  lowest: { agency: string; score: number } | null;
  agencies: { agency: string; file: string; score: number | null }[];
}

export interface OverviewRow {
  file: string;
  sheet: string;
  agency: string;
  year: number | null;
  period: string;
  unit: WeightUnit;
  /** Null when nothing of the plan is assessed yet: such a plan is not ranked, neither lowest nor in the average. */
  score: number | null;
  earned: number;
  weight: number;
  /** The share of the plan's weight assessed, which the score covers. */
  coverage: number;
  counts: Record<StatusKey, number>;
  areas: { name: string; score: number | null; earned: number; weight: number }[];
}

/** A requirement not fully met, with the share of its plan it cost. */
export interface Shortfall {
  file: string;
  agency: string;
  id: string;
  title: string;
  area: string;
  weight: number;
  earned: number;
  lost: number;
  /** lost as a share of the plan's total weight, so percent and points plans compare. */
  lostShare: number;
  status: StatusKey;
  explanation: string;
}

export interface Overview {
  /** Each agency's latest submission that counts, by score, best first; plans without a score last. */
  rows: OverviewRow[];
  /** By the share of the plan lost, largest first, in each agency's latest submission. */
  shortfalls: Shortfall[];
  /** Goals not assessed (results not reported) in each agency's latest submission, by agency and ID. */
  notAssessed: Shortfall[];
  /** Every period with a submission that counts, in the order they end. */
  periods: PeriodSummary[];
  superseded: Superseded[];
  /** The submissions that count, in the order given. */
  counting: Submission[];
  average: number | null;
  lowest: OverviewRow | null;
  /** The year and period most submissions are for. */
  year: number | null;
  period: string;
  problems: (Problem & { file: string })[];
}

/**
 * The rows whose results make up a plan's earned score: a sum goal's are its sub-goals', any
 * other row (a requirement, an `all` goal, an overridden goal) counts as one.
 */
function scoringUnits(result: PlanResult): RowResult[] {
  const children = new Map<string, RowResult[]>();
  for (const r of result.rows) if (r.parentId !== null) (children.get(r.parentId) ?? children.set(r.parentId, []).get(r.parentId)!).push(r);
  // A sum goal is passed through to its sub-goals; a loop, as a plan may nest thousands deep.
  const through = (r: RowResult) => (children.has(r.id) && r.row.typeKey !== 'all' && !r.overridden ? children.get(r.id)! : []);
  return parentsFirst(result.rows.filter((r) => r.parentId === null), through).filter((r) => through(r).length === 0);
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

const SHORT: Record<Period['kind'], string> = { quarter: 'Q', tertial: 'T', half: 'H', year: '' };

/** A period's short name (`Q1`, `T2`, `H1`, `År` for the whole year as `year`), or the plan's own words. */
function periodName(result: PlanResult, year: string): string {
  const p = result.plan.metadata.period;
  if (!p) return result.plan.metadata.periodText;
  return p.kind === 'year' ? year : `${SHORT[p.kind]}${p.index}`;
}

/** When a submission's period ends, as a number that sorts: year, then month. */
function periodOrder(result: PlanResult): number {
  const m = result.plan.metadata;
  const month = m.period ? PERIOD_END_MONTH[m.period.kind](m.period.index) : 12;
  return (m.year ?? 0) * 100 + month;
}

/**
 * A period as consolidation tells periods apart: by the month it ends, so Q4, 4. kvartal and Helår
 * of one year are one; the plan's own words where they name no known period.
 */
const periodOf = (result: PlanResult) => {
  const m = result.plan.metadata;
  return `${m.year ?? ''}|${m.period ? PERIOD_END_MONTH[m.period.kind](m.period.index) : m.periodText.toLowerCase()}`;
};

/** Which agency and period a submission reports: two for one key are one replacing the other. */
const reportKey = (s: Submission, agency: string) => `${agency.toLowerCase()}|${periodOf(s.result)}`;

const agencyOf = (result: PlanResult) => result.plan.metadata.agency || result.plan.sheet;

/**
 * The submissions that count, and those replaced: of two for one agency and period, the newer by
 * its date counts; without dates to tell, the later one given.
 */
function newest(submissions: Submission[]): { counting: Submission[]; superseded: (Superseded & { submission: Submission })[] } {
  // By position, not by object: the same submission given twice is two submissions.
  const winners = new Map<string, number>();
  const keys = submissions.map((s) => reportKey(s, agencyOf(s.result)));
  submissions.forEach((s, i) => {
    const held = winners.get(keys[i]);
    if (held === undefined || (s.modified ?? -Infinity) >= (submissions[held].modified ?? -Infinity)) winners.set(keys[i], i);
  });
  const counting = submissions.filter((_, i) => winners.get(keys[i]) === i);
  const superseded = submissions.flatMap((s, i) =>
    winners.get(keys[i]) === i ? [] : [{ agency: agencyOf(s.result), file: s.file, by: submissions[winners.get(keys[i])!].file, submission: s }],
  );
  return { counting, superseded };
}

function overviewRow({ file, result }: Submission): OverviewRow {
  const m = result.plan.metadata;
  return {
    file,
    sheet: result.plan.sheet,
    agency: agencyOf(result),
    year: m.year,
    period: m.periodText,
    unit: result.plan.unit,
    score: rankedScore(result),
    earned: result.total.earned,
    weight: result.total.weight,
    coverage: result.total.weight > 0 ? result.total.assessedWeight / result.total.weight : 0,
    counts: result.total.counts,
    areas: result.areas.map((a) => ({ name: a.name, score: a.score, earned: a.earned, weight: a.weight })),
  };
}

/** A plan's score as the overview ranks it: none while nothing of it is assessed, never 0 %. */
const rankedScore = (result: PlanResult): number | null => (result.total.assessedWeight > 0 ? result.total.score : null);

/** Average and lowest of the scored rows. */
function spread<T extends { score: number | null; agency: string }>(rows: T[]): { average: number | null; lowest: T | null } {
  const scored = rows.filter((r) => r.score !== null);
  if (!scored.length) return { average: null, lowest: null };
  // Of equal lowest scores, the last: the rows come best first, then by name.
  const lowest = scored.reduce((low, r) => ((r.score as number) <= (low.score as number) ? r : low));
  return { average: scored.reduce((sum, r) => sum + (r.score as number), 0) / scored.length, lowest };
}

/** Each period with a submission that counts, in the order they end. */
function periodSummaries(counting: Submission[], yearWord: string): PeriodSummary[] {
  const byPeriod = new Map<string, { order: number; summary: PeriodSummary }>();
  for (const s of counting) {
    const year = s.result.plan.metadata.year;
    const period = periodName(s.result, yearWord);
    const key = periodOf(s.result);
    let entry = byPeriod.get(key);
    if (!entry) byPeriod.set(key, (entry = { order: periodOrder(s.result), summary: { year, period, average: null, lowest: null, agencies: [] } }));
    entry.summary.agencies.push({ agency: agencyOf(s.result), file: s.file, score: rankedScore(s.result) });
  }
  return [...byPeriod.values()]
    .sort((a, b) => a.order - b.order)
    .map(({ summary }) => {
      const { average, lowest } = spread(summary.agencies);
      return { ...summary, average, lowest: lowest ? { agency: lowest.agency, score: lowest.score as number } : null };
    });
}

/** Each agency's latest submission that counts. */
function latestByAgency(counting: Submission[]): Submission[] {
  const latest = new Map<string, Submission>();
  for (const s of counting) {
    const key = agencyOf(s.result).toLowerCase();
    const held = latest.get(key);
    if (!held || periodOrder(s.result) >= periodOrder(held.result)) latest.set(key, s);
  }
  return counting.filter((s) => latest.get(agencyOf(s.result).toLowerCase()) === s);
}

/** The scoring units of a status, of each submission; `units` are the submissions' scoring units, found once for both lists. */
function unitsWith(submissions: Submission[], units: RowResult[][], rows: OverviewRow[], statuses: StatusKey[]): Shortfall[] {
  return submissions.flatMap(({ file, result }, i) =>
    units[i]
      .filter((u) => statuses.includes(u.status))
      .map((u) => ({
        file,
        agency: rows[i].agency,
        id: u.id,
        title: u.title,
        area: u.area,
        weight: u.weight,
        earned: u.earned,
        lost: u.weight - u.earned,
        lostShare: result.total.weight > 0 ? (u.weight - u.earned) / result.total.weight : 0,
        status: u.status,
        explanation: u.explanation,
      })),
  );
}

/**
 * The overview of many submissions. `yearWord` names a period that is the whole year (`År`).
 */
export function consolidate(all: Submission[], yearWord = 'År'): Overview {
  const problems: Overview['problems'] = [];
  const { counting, superseded } = newest(all);
  for (const s of superseded) {
    const m = s.submission.result.plan.metadata;
    problems.push({
      file: s.file, sheet: s.submission.result.plan.sheet, cell: m.cells.agency ?? 'A1', severity: 'warning',
      message: { key: 'supersededSubmission', args: { agency: s.agency, period: [m.periodText, m.year].filter((x) => x !== null && x !== '').join(' '), by: s.by } },
    });
  }
  const submissions = latestByAgency(counting);
  const rows = submissions.map(overviewRow);

  // Periods agree when they end in the same month: Q4, 4. kvartal and Helår all end in December.
  const periodKey = (s: Submission) => {
    const p = s.result.plan.metadata.period;
    return p ? String(PERIOD_END_MONTH[p.kind](p.index)) : s.result.plan.metadata.periodText.toLowerCase();
  };
  const commonYear = mostCommon(rows.map((r) => r.year).filter((y) => y !== null));
  const keys = submissions.map(periodKey);
  const commonKey = mostCommon(keys.filter(Boolean));
  const commonPeriod = rows[keys.indexOf(commonKey ?? '')]?.period;
  submissions.forEach(({ file, result }, i) => {
    const row = rows[i];
    const m = result.plan.metadata;
    const at = (key: 'year' | 'period') => ({ file, sheet: result.plan.sheet, cell: m.cells[key] ?? 'A1', severity: 'warning' as const });
    if (row.year !== null && commonYear !== undefined && row.year !== commonYear) {
      problems.push({ ...at('year'), message: { key: 'mixedYears', args: { year: row.year, common: commonYear } } });
    }
    if (keys[i] && commonKey && keys[i] !== commonKey) {
      problems.push({ ...at('period'), message: { key: 'mixedPeriods', args: { period: row.period, common: commonPeriod } } });
    }
  });
  for (const { file, result } of counting) {
    const weight = result.total.weight;
    // A percent plan's own reading already says its weights do not add up to 100: say it once.
    const told = result.problems.some((p) => p.message.key === 'planTotal' || p.message.key === 'planTotalFractions');
    if (!told && Math.abs(weight - 100) > 1e-6) {
      problems.push({ file, sheet: result.plan.sheet, cell: result.plan.columns.weight?.address ?? result.plan.columns.points?.address ?? 'A1', severity: 'warning', message: { key: 'totalNot100', args: { sum: Number(weight.toPrecision(12)) } } });
    }
  }

  const units = submissions.map((s) => scoringUnits(s.result));
  const shortfalls = unitsWith(submissions, units, rows, ['not_met', 'partly']);
  shortfalls.sort((a, b) => b.lostShare - a.lostShare || a.agency.localeCompare(b.agency) || a.id.localeCompare(b.id));
  const notAssessed = unitsWith(submissions, units, rows, ['not_assessed']);
  notAssessed.sort((a, b) => a.agency.localeCompare(b.agency) || a.id.localeCompare(b.id, undefined, { numeric: true }));

  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.agency.localeCompare(b.agency));
  const { average, lowest } = spread(rows);
  return {
    rows, shortfalls, notAssessed, average, lowest,
    periods: periodSummaries(counting, yearWord),
    superseded: superseded.map(({ agency, file, by }) => ({ agency, file, by })),
    counting,
    year: commonYear ?? null, period: commonPeriod ?? '', problems,
  };
}
