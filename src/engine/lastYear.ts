/**
 * Last year beside this year: this year's goals matched with last year's plan by ID, else by their
 * text, last year's result and fulfilment beside each, and last year's result as the baseline of a
 * change (reduction, increase) whose baseline cell is blank.
 */
import { criterionOf } from './criteria';
import { fold } from './text';
import type { LastYear, LastYearRow, Plan, PlanResult, PlanRow, RowResult } from './types';

/** A change is held against a level (its result, as its baseline is); anything else by its measure. */
function resultOf(r: RowResult): Pick<LastYearRow, 'result' | 'resultKind'> {
  return criterionOf(r.row)?.readsBaseline ? { result: r.row.actual, resultKind: 'number' } : { result: r.measure, resultKind: r.measureKind };
}

/** This year's rows matched with last year's: by ID, else by the same text where only one row has it. */
export function matchGoals(rows: readonly PlanRow[], last: PlanResult): Map<string, RowResult> {
  const byId = new Map(last.rows.map((r) => [r.id, r]));
  const byText = new Map<string, RowResult | null>();
  for (const r of last.rows) {
    const text = fold(r.title);
    if (text) byText.set(text, byText.has(text) ? null : r);
  }
  const matches = new Map<string, RowResult>();
  for (const row of rows) {
    const found = byId.get(row.id) ?? byText.get(fold(row.title)) ?? null;
    if (found) matches.set(row.id, found);
  }
  return matches;
}

/** The plan with last year's result as the baseline of each change whose baseline cell is blank. */
export function withLastYearBaselines(plan: Plan, matches: Map<string, RowResult>): { plan: Plan; filled: string[] } {
  const filled: string[] = [];
  const rows = plan.rows.map((row) => {
    const last = matches.get(row.id);
    if (row.baseline !== null || row.cells.baseline !== undefined || !criterionOf(row)?.readsBaseline || last?.row.actual == null) return row;
    filled.push(row.id);
    return { ...row, baseline: last.row.actual };
  });
  return { plan: filled.length ? { ...plan, rows } : plan, filled };
}

/** Last year's plan beside this year's: matched rows and the baselines taken from it. */
export function lastYearOf(file: string, last: PlanResult, matches: Map<string, RowResult>, baselines: string[]): LastYear {
  const rows = new Map<string, LastYearRow>();
  for (const [id, r] of matches) rows.set(id, { id: r.id, ...resultOf(r), fulfilment: r.fulfilment, status: r.status });
  return { year: last.plan.metadata.year, file, score: last.total.score, rows, baselines };
}

/**
 * Which of last year's plans belongs to this one: the same agency's, else the one on a sheet of the
 * same name, else the only one.
 */
export function pickLastYear<T extends { result: PlanResult }>(plan: Plan, candidates: readonly T[]): T | null {
  const agency = fold(plan.metadata.agency);
  return (
    (agency ? candidates.find((c) => fold(c.result.plan.metadata.agency) === agency) : undefined) ??
    candidates.find((c) => c.result.plan.sheet === plan.sheet) ??
    (candidates.length === 1 ? candidates[0] : null)
  );
}
