/**
 * A plan's results period by period: each period it gives inputs for (`Resultat Q1` … `Q4`,
 * `Resultat 2023`) is read with that period's inputs and scored on its own, so the trajectory
 * over the year and against last year can be shown beside the current period.
 */
import { readPlan, type ReadOptions } from './reader';
import { scorePlan, type ScoreOptions } from './score';
import type { Period, PlanResult, SheetGrid, StatusKey } from './types';

export interface PeriodResult {
  label: string;
  period: Period;
  year: number | null;
  score: number | null;
  earned: number;
  weight: number;
  areas: { name: string; score: number | null; earned: number }[];
  rows: { id: string; fulfilment: number | null; earned: number; status: StatusKey; measure: number | null }[];
}

function summarise(label: string, period: Period, year: number | null, r: PlanResult): PeriodResult {
  return {
    label,
    period,
    year,
    score: r.total.score,
    earned: r.total.earned,
    weight: r.total.weight,
    areas: r.areas.map((a) => ({ name: a.name, score: a.score, earned: a.earned })),
    rows: r.rows.map((row) => ({ id: row.id, fulfilment: row.fulfilment, earned: row.earned, status: row.status, measure: row.measure })),
  };
}

/** Every period of the plan scored on its own inputs; the current one is the result already made. */
export function periodHistory(grid: SheetGrid, current: PlanResult, options: ReadOptions & ScoreOptions = {}): PeriodResult[] {
  return current.plan.periods.map((p) => {
    if (p.label === current.plan.currentPeriod) return summarise(p.label, p.period, p.year, current);
    const { plan, problems } = readPlan(grid, { ...options, period: p.label });
    return summarise(p.label, p.period, p.year, scorePlan(plan!, problems, { ...options, explain: false }));
  });
}
