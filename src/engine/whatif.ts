/**
 * What-if: a plan scored again with some inputs replaced by hypothetical ones, typed as a user
 * would type them in the plan sheet. Nothing is written anywhere; the plan itself is not changed.
 */
import { parseCompleted, parsePlain } from './parse';
import { scorePlan, type ScoreOptions } from './score';
import type { CellValue, Plan, PlanResult, PlanRow } from './types';
import { readAssessment } from './assessment';

/** The input a what-if changes, and how its text is read. */
interface Editable {
  field: 'actual' | 'met' | 'completed' | 'assessment';
  parse(text: string, plan: Plan): PlanRow[Editable['field']] | undefined;
}

const number = (text: string) => {
  const p = parsePlain(text);
  return p.ok ? p.value : undefined;
};
const ACTUAL: Editable = { field: 'actual', parse: number };
const MET: Editable = { field: 'met', parse: number };
const COMPLETED: Editable = {
  field: 'completed',
  parse: (text, plan) => {
    const p = parseCompleted(text, plan.metadata.year);
    return p.ok ? p.value : undefined;
  },
};
const ASSESSMENT: Editable = { field: 'assessment', parse: (text, plan) => readAssessment(text, null, plan.metadata.assessmentScale) ?? undefined };

/** By criterion type; a share with counts changes the met cases, without them its actual share. */
const EDITABLE: Record<string, (row: PlanRow) => Editable> = {
  min: () => ACTUAL,
  max: () => ACTUAL,
  below: () => ACTUAL,
  above: () => ACTUAL,
  range: () => ACTUAL,
  reduction: () => ACTUAL,
  increase: () => ACTUAL,
  formula: () => ACTUAL,
  share: (row) => (row.met !== null || row.total !== null ? MET : ACTUAL),
  milestone: () => COMPLETED,
  assessment: () => ASSESSMENT,
};

/** Which input of a row a what-if changes; null for rows decided by their sub-goals or by data. */
export function editableField(row: PlanRow): Editable['field'] | null {
  if (row.data || !row.typeKey) return null;
  return EDITABLE[row.typeKey]?.(row).field ?? null;
}

export interface WhatIfEdit {
  id: string;
  text: string;
}

export interface WhatIfResult {
  result: PlanResult;
  /** IDs whose text could not be read; their rows keep the plan's own value. */
  unreadable: string[];
}

/** Scores the plan with the edits; linear in rows, for recomputing as the user types. */
export function whatIf(plan: Plan, edits: WhatIfEdit[], options: ScoreOptions = {}): WhatIfResult {
  const byId = new Map(edits.map((e) => [e.id, e.text]));
  const unreadable: string[] = [];
  const rows = plan.rows.map((row) => {
    const text = byId.get(row.id);
    if (text === undefined || text.trim() === '' || !row.typeKey || row.data) return row;
    const editable = EDITABLE[row.typeKey]?.(row);
    if (!editable) return row;
    const value = editable.parse(text, plan);
    if (value === undefined) {
      unreadable.push(row.id);
      return row;
    }
    return { ...row, [editable.field]: value, cells: { ...row.cells, [editable.field]: { value: text as CellValue, address: row.cells[editable.field]?.address ?? '' } } };
  });
  // Explanations are not shown while typing; leaving them out halves the time.
  return { result: scorePlan({ ...plan, rows }, [], { explain: false, ...options }), unreadable };
}
