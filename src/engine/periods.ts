/**
 * A plan's results period by period: each period it gives inputs for (`Resultat Q1` … `Q4`,
 * `Resultat 2023`) is read with that period's inputs and scored on its own, so the trajectory
 * over the year and against last year can be shown beside the current period.
 */
import { readPlan, type ReadOptions } from './reader';
import { scorePlan, type ScoreOptions } from './score';
import type { Period, PeriodResult, Plan, PlanResult, SheetGrid } from './types';

function summarise(label: string, period: Period, year: number | null, r: PlanResult): PeriodResult {
  return {
    label,
    period,
    year,
    score: r.total.score,
    earned: r.total.earned,
    weight: r.total.weight,
    assessedWeight: r.total.assessedWeight,
    counts: r.total.counts,
    areas: r.areas.map((a) => ({ name: a.name, score: a.score, earned: a.earned })),
    rows: r.rows.map((row) => ({ id: row.id, fulfilment: row.fulfilment, earned: row.earned, status: row.status, measure: row.measure, ...(row.inPeriod !== undefined ? { inPeriod: row.inPeriod } : {}) })),
  };
}

/** How much of the plan a period's score covers: its goals assessed, of its goals. */
export interface Coverage {
  assessed: number;
  of: number;
}

/**
 * Each period's coverage where the periods cover the plan unalike (earlier years given on one row
 * only), so a score over one goal is not read as one over all; null for each where they cover it
 * alike, and the scores compare as they stand.
 */
export function periodCoverage(periods: readonly PeriodResult[]): (Coverage | null)[] {
  const coverage = periods.map(({ counts }) => {
    const of = counts.met + counts.partly + counts.not_met + counts.not_assessed;
    return { assessed: of - counts.not_assessed, of };
  });
  const alike = coverage.every((c) => c.assessed === coverage[0].assessed && c.of === coverage[0].of);
  return alike ? coverage.map(() => null) : coverage;
}

/** Periods a rule counts together: the quarters (or tertials, halves) of one year; the years of a plan by year. */
const runOf = (p: { period: Period; year: number | null }) => (p.period.kind === 'year' ? 'year' : `${p.period.kind} ${p.year}`);

/**
 * Every period of the plan scored on its own inputs, in order, each with the fulfilments of the
 * periods before it in its year for period rules. The current one is the result already made,
 * unless the plan has period rules: then it is scored again with its earlier periods.
 */
export function scorePeriods(
  grid: SheetGrid,
  current: PlanResult,
  options: ReadOptions & ScoreOptions & { prepare?: (plan: Plan) => Plan } = {},
): { current: PlanResult; periods: PeriodResult[] } {
  const prepare = options.prepare ?? ((plan: Plan) => plan);
  const ruled = current.plan.rows.some((r) => r.periodRule);
  const runs = new Map<string, Map<string, (number | null)[]>>();
  let result = current;
  const periods = current.plan.periods.map((p) => {
    const isCurrent = p.label === current.plan.currentPeriod;
    let scored = current;
    if (!isCurrent || ruled) {
      const { plan, problems } = readPlan(grid, { ...options, period: p.label });
      const earlier = runs.get(runOf(p)) ?? new Map<string, (number | null)[]>();
      const prepared = prepare(plan!);
      scored = scorePlan(ruled ? { ...prepared, earlier: new Map(earlier) } : prepared, problems, { ...options, explain: isCurrent });
      if (ruled) {
        for (const row of scored.rows) earlier.set(row.id, [...(earlier.get(row.id) ?? []), row.inPeriod !== undefined ? row.inPeriod : row.fulfilment]);
        runs.set(runOf(p), earlier);
      }
    }
    if (isCurrent) result = scored;
    return summarise(p.label, p.period, p.year, scored);
  });
  return { current: result, periods };
}
