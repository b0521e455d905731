/**
 * Consolidates many scored plans, one per agency submission, into an overview: each agency's
 * score, the goals missed across agencies by the share of the plan they cost, and checks across
 * submissions (mixed years or periods, an agency twice, a plan that does not add up to 100).
 */
import { PERIOD_END_MONTH } from './parse';
import type { WeightUnit, PlanResult, Problem, RowResult, StatusKey } from './types';

export interface Submission {
  /** The file the plan came from, or the sheet's workbook in Excel. */
  file: string;
  result: PlanResult;
}

export interface OverviewRow {
  file: string;
  sheet: string;
  agency: string;
  year: number | null;
  period: string;
  unit: WeightUnit;
  score: number | null;
  earned: number;
  weight: number;
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
  /** By score, best first; plans without a score last. */
  rows: OverviewRow[];
  /** By the share of the plan lost, largest first. */
  shortfalls: Shortfall[];
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
  const units: RowResult[] = [];
  const visit = (r: RowResult) => {
    const kids = children.get(r.id);
    if (kids && r.row.typeKey !== 'all' && !r.overridden) kids.forEach(visit);
    else units.push(r);
  };
  result.rows.filter((r) => r.parentId === null).forEach(visit);
  return units;
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

export function consolidate(submissions: Submission[]): Overview {
  const problems: Overview['problems'] = [];
  const rows: OverviewRow[] = submissions.map(({ file, result }) => {
    const m = result.plan.metadata;
    return {
      file,
      sheet: result.plan.sheet,
      agency: m.agency || result.plan.sheet,
      year: m.year,
      period: m.periodText,
      unit: result.plan.unit,
      score: result.total.score,
      earned: result.total.earned,
      weight: result.total.weight,
      counts: result.total.counts,
      areas: result.areas.map((a) => ({ name: a.name, score: a.score, earned: a.earned, weight: a.weight })),
    };
  });

  // Periods agree when they end in the same month: Q4, 4. kvartal and Helår all end in December.
  const periodKey = (s: Submission) => {
    const p = s.result.plan.metadata.period;
    return p ? String(PERIOD_END_MONTH[p.kind](p.index)) : s.result.plan.metadata.periodText.toLowerCase();
  };
  const commonYear = mostCommon(rows.map((r) => r.year).filter((y) => y !== null));
  const keys = submissions.map(periodKey);
  const commonKey = mostCommon(keys.filter(Boolean));
  const commonPeriod = rows[keys.indexOf(commonKey ?? '')]?.period;
  const seen = new Map<string, string>();
  submissions.forEach(({ file, result }, i) => {
    const row = rows[i];
    const m = result.plan.metadata;
    const at = (key: 'agency' | 'year' | 'period') => ({ file, sheet: result.plan.sheet, cell: m.cells[key] ?? 'A1', severity: 'warning' as const });
    if (row.year !== null && commonYear !== undefined && row.year !== commonYear) {
      problems.push({ ...at('year'), message: { key: 'mixedYears', args: { year: row.year, common: commonYear } } });
    }
    if (keys[i] && commonKey && keys[i] !== commonKey) {
      problems.push({ ...at('period'), message: { key: 'mixedPeriods', args: { period: row.period, common: commonPeriod } } });
    }
    const key = row.agency.toLowerCase();
    if (seen.has(key)) problems.push({ ...at('agency'), message: { key: 'duplicateAgency', args: { agency: row.agency, other: seen.get(key)! } } });
    else seen.set(key, file);
    if (Math.abs(row.weight - 100) > 1e-6) {
      problems.push({ file, sheet: result.plan.sheet, cell: result.plan.columns.weight?.address ?? result.plan.columns.points?.address ?? 'A1', severity: 'warning', message: { key: 'totalNot100', args: { sum: Number(row.weight.toPrecision(12)) } } });
    }
  });

  const shortfalls: Shortfall[] = submissions.flatMap(({ file, result }, i) =>
    scoringUnits(result)
      .filter((u) => u.status === 'not_met' || u.status === 'partly')
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
  shortfalls.sort((a, b) => b.lostShare - a.lostShare || a.agency.localeCompare(b.agency) || a.id.localeCompare(b.id));

  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.agency.localeCompare(b.agency));
  const scored = rows.filter((r) => r.score !== null);
  const average = scored.length ? scored.reduce((s, r) => s + (r.score as number), 0) / scored.length : null;
  const lowest = scored.length ? scored[scored.length - 1] : null;
  return { rows, shortfalls, average, lowest, year: commonYear ?? null, period: commonPeriod ?? '', problems };
}
