/**
 * Where the year is heading, goal by goal and for the plan, from the results of its periods. What
 * accumulates over the year (a count on an "at least" goal whose results only grow) is projected
 * to the year's end in proportion to the time gone; a share, an average or a level to date stands
 * as it is; a milestone not done is at risk until its deadline has passed.
 */
import { criterionOf } from './criteria';
import { PERIOD_END_MONTH, periodEnd } from './parse';
import { judgePeriods, PERIODS_PER_YEAR } from './periodRule';
import type { Forecast, PeriodResult, PlanForecast, PlanResult, RowResult } from './types';

/** The share of the year gone by the end of the current period, and that end as a serial. */
function elapsed(result: PlanResult): { gone: number; end: number } | null {
  const current = result.plan.periods.find((p) => p.label === result.plan.currentPeriod);
  if (!current) return null;
  const gone = PERIOD_END_MONTH[current.period.kind](current.period.index) / 12;
  return { gone, end: periodEnd(current.period, current.year ?? result.plan.metadata.year ?? 2000) };
}

/** A goal's results in the current year's periods, in order, where it has a measure. */
function measures(periods: PeriodResult[], year: number | null, id: string): number[] {
  return periods
    .filter((p) => p.period.kind !== 'year' && (year === null || p.year === null || p.year === year))
    .map((p) => p.rows.find((r) => r.id === id)?.measure ?? null)
    .filter((v): v is number => v !== null);
}

const accumulates = (row: RowResult, history: number[]) => {
  const def = criterionOf(row.row);
  return def?.kind === 'comparison' && def.compare === 'atLeast' && def.unit === 'number' && history.length > 1 && history.every((v, i) => i === 0 || v >= history[i - 1]);
};

/**
 * A period rule: on track while a period may still be missed, at risk when none may, off track
 * once too many have been.
 */
function ruleForecast(row: RowResult, result: PlanResult): Forecast | null {
  const current = result.plan.periods.find((p) => p.label === result.plan.currentPeriod);
  if (!current || !row.row.periodRule) return null;
  const run = (result.periods ?? []).filter((p) => p.period.kind === current.period.kind && (p.period.kind === 'year' || p.year === current.year));
  const upTo = run.slice(0, run.findIndex((p) => p.label === current.label) + 1);
  const perYear = PERIODS_PER_YEAR[current.period.kind] ?? run.length;
  const outcome = judgePeriods(row.row.periodRule, upTo.map((p) => p.rows.find((r) => r.id === row.id)?.inPeriod ?? null), perYear);
  if (!outcome) return null;
  if (outcome.met >= outcome.need) return 'on_track';
  const slack = outcome.of - outcome.need - (outcome.reported - outcome.met);
  return slack < 0 ? 'off_track' : slack === 0 ? 'at_risk' : 'on_track';
}

function rowForecast(row: RowResult, result: PlanResult, { gone, end }: { gone: number; end: number }): Forecast | null {
  if (row.status === 'not_assessed' || row.isParent) return null;
  if (row.row.periodRule) return ruleForecast(row, result);
  if (row.status === 'met') return 'on_track';
  const def = criterionOf(row.row);
  if (def?.kind === 'comparison' && def.unit === 'date') {
    // A milestone not done: at risk while its deadline lies after the current period.
    const deadline = row.row.deadline;
    return deadline !== null && deadline > end ? 'at_risk' : 'off_track';
  }
  const history = measures(result.periods ?? [], result.plan.metadata.year, row.id);
  if (accumulates(row, history) && row.measure !== null && row.row.target && gone > 0 && gone < 1) {
    const projected = row.measure / gone;
    if (projected >= row.row.target.lo) return 'on_track';
    return projected >= row.row.target.lo * 0.9 ? 'at_risk' : 'off_track';
  }
  return row.status === 'partly' ? 'at_risk' : 'off_track';
}

/**
 * Forecasts for the goals and the plan; null where the plan does not report per period. The plan
 * is on track when every goal with a forecast is, off track when goals off track carry more than
 * half its weight, and at risk otherwise.
 */
export function forecast(result: PlanResult): PlanForecast | null {
  const time = elapsed(result);
  if (time === null || !result.periods?.length) return null;
  const rows = new Map(result.rows.map((r) => [r.id, rowForecast(r, result, time)]));
  const leaves = result.rows.filter((r) => rows.get(r.id));
  if (!leaves.length) return { plan: null, rows };
  const weight = leaves.reduce((s, r) => s + r.weight, 0);
  const off = leaves.filter((r) => rows.get(r.id) === 'off_track').reduce((s, r) => s + r.weight, 0);
  const plan: Forecast = leaves.every((r) => rows.get(r.id) === 'on_track') ? 'on_track' : off > weight / 2 ? 'off_track' : 'at_risk';
  return { plan, rows };
}
