/**
 * What-if: a plan scored again with some inputs replaced by hypothetical ones, typed as a user
 * would type them in the plan sheet. Nothing is written anywhere; the plan itself is not changed.
 */
import { parseCompleted, parsePlain } from './parse';
import { scorePlan, type ScoreOptions } from './score';
import type { CellValue, Plan, PlanResult, PlanRow } from './types';
import { readAssessment } from './assessment';
import { CRITERION_BY_KEY, editField, type EditField } from './criteria';

/** How a what-if's text is read, by the input it changes (the criterion table says which). */
type Parsed = PlanRow[EditField] | undefined;
const number = (text: string): Parsed => {
  const p = parsePlain(text);
  return p.ok ? p.value : undefined;
};
const PARSE: Record<EditField, (text: string, plan: Plan) => Parsed> = {
  actual: number,
  met: number,
  completed: (text, plan) => {
    const p = parseCompleted(text, plan.metadata.year);
    return p.ok ? p.value : undefined;
  },
  assessment: (text, plan) => readAssessment(text, null, plan.metadata.assessmentScale) ?? undefined,
};

/** Which input of a row a what-if changes; null for rows decided by their sub-goals or by data. */
export function editableField(row: PlanRow): EditField | null {
  if (row.data || !row.typeKey) return null;
  const def = CRITERION_BY_KEY.get(row.typeKey);
  return def ? editField(def, row) : null;
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
    const field = editableField(row);
    if (!field) return row;
    const value = PARSE[field](text, plan);
    if (value === undefined) {
      unreadable.push(row.id);
      return row;
    }
    return { ...row, [field]: value, cells: { ...row.cells, [field]: { value: text as CellValue, address: row.cells[field]?.address ?? '' } } };
  });
  // Explanations are not shown while typing; leaving them out halves the time.
  return { result: scorePlan({ ...plan, rows }, [], { explain: false, ...options }), unreadable };
}
