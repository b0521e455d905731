/**
 * What-if: a plan scored again with some inputs replaced by hypothetical ones, typed as a user
 * would type them in the plan sheet. Nothing is written anywhere; the plan itself is not changed.
 */
import { Rescoring, scorePlan, withRows, type ScoreOptions } from './score';
import type { MessageRef, Plan, PlanResult, PlanRow } from './types';
import { enginePack, type EnginePack } from './i18n';
import { readWhatIf } from './whatifInput';

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
  const unreadable = [...refused.keys()];
  // With explanations (a saved scenario), the whole plan is scored as scorePlan scores it.
  if (!scoring) return { result: scorePlan(withRows(plan, edited), [], options), unreadable, refused };
  return { result: scoring.with(edited), unreadable, refused };
}
