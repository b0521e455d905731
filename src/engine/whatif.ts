/**
 * What-if: a plan scored again with some inputs replaced by hypothetical ones, typed as a user
 * would type them in the plan sheet. Nothing is written anywhere; the plan itself is not changed.
 */
import { Rescoring, scorePlan, withRows, type ScoreOptions } from './score';
import { rowCellAddress } from './address';
import type { MessageRef, Plan, PlanResult, PlanRow, Problem } from './types';
import { enginePack, type EnginePack } from './i18n';
import { editableField, readWhatIf } from './whatifInput';

export { editableField, measureUnit, readWhatIf, whatIfInput, type WhatIfInput, type WhatIfKind, type WhatIfReading } from './whatifInput';

export interface WhatIfEdit {
  id: string;
  text: string;
}

export interface WhatIfResult {
  result: PlanResult;
  /** IDs whose text was refused; their rows keep the plan's own value. */
  unreadable: string[];
  /** Why each refused text was refused, in a message that says what to type, by ID. */
  refused: Map<string, MessageRef>;
}

/** An error scoring found at the cell an edit changed: the edit's own doing. */
function errorAt(result: PlanResult, row: PlanRow): Problem | undefined {
  const field = editableField(row);
  const cell = (field && rowCellAddress(result.plan, row, field)) ?? rowCellAddress(result.plan, row, 'id');
  return result.problems.find((p) => p.severity === 'error' && p.cell === cell && p.sheet === result.plan.sheet);
}

/** The plan scored once per plan, language and data, kept while the plan lives: each keystroke rescores only what it changes. */
const rescorings = new WeakMap<Plan, Rescoring>();

function rescoring(plan: Plan, options: ScoreOptions): Rescoring {
  const kept = rescorings.get(plan);
  if (kept && kept.sameOptions(options)) return kept;
  const made = new Rescoring(plan, options);
  rescorings.set(plan, made);
  return made;
}

/** Scores the plan with the edits, as the user types: the edited rows and their ancestors are scored again, the rest kept. */
export function whatIf(plan: Plan, edits: WhatIfEdit[], options: ScoreOptions = {}): WhatIfResult {
  const lang: EnginePack = typeof options.lang === 'object' ? options.lang : enginePack(options.lang);
  const refused = new Map<string, MessageRef>();
  const edited: PlanRow[] = [];
  const scoring = options.explain ? null : rescoring(plan, options);
  const rows = scoring ? null : new Map(plan.rows.map((row) => [row.id, row]));
  for (const { id, text } of edits) {
    const row = scoring ? scoring.row(id) : rows!.get(id);
    if (!row || text.trim() === '') continue;
    const read = readWhatIf(row, plan, text, lang);
    if (!read) continue;
    // A refused input leaves the row as the plan has it: the total does not move.
    if (!read.ok) refused.set(row.id, read.message);
    else edited.push({ ...row, [read.field]: read.value, cells: { ...row.cells, [read.field]: text } });
  }
  const score = (rows: PlanRow[]) => (scoring ? scoring.with(rows) : scorePlan(withRows(plan, rows), [], options));
  let result = score(edited);
  // An input only scoring can judge (points above the goal's weight) is refused by the error it causes at its cell.
  const caused = edited.filter((row) => {
    const problem = errorAt(result, row);
    if (problem) refused.set(row.id, problem.message);
    return problem !== undefined;
  });
  if (caused.length) result = score(edited.filter((row) => !caused.includes(row)));
  return { result, unreadable: [...refused.keys()], refused };
}
