/**
 * What-if: a plan scored again with some inputs replaced by hypothetical ones, typed as a user
 * would type them in the plan sheet. Nothing is written anywhere; the plan itself is not changed.
 */
import { parseCompleted, parseNumber, parsePercent, parsePlain } from './parse';
import { Rescoring, scorePlan, withRows, type ScoreOptions } from './score';
import type { CellValue, Plan, PlanResult, PlanRow } from './types';
import { readAssessment } from './assessment';
import { criterionOf, editField, type EditField } from './criteria';
import { formatter } from './format';
import type { EnginePack } from './i18n';
import { unitWords } from './vocabulary';
import { once } from './memo';
import { escapeRegExp } from './text';

/** How a what-if's text is read, by the input it changes (the criterion table says which). */
type Parsed = PlanRow[EditField] | undefined;
const number = (text: string): Parsed => {
  const p = parsePlain(text);
  return p.ok ? p.value : undefined;
};

/** The cases a share counts against: the total less those left out; null without a total. */
const countBase = (row: PlanRow): number | null => (row.total === null ? null : row.total - (row.excluded ?? 0));

const PARSE: Record<EditField, (text: string, plan: Plan, row: PlanRow) => Parsed> = {
  // A row written in percent reads a bare 80 as 80 %, as its own cells were read.
  actual: (text, _plan, row) => {
    if (!row.inPercent) return number(text);
    const p = parsePercent(text);
    return p.ok ? p.value : undefined;
  },
  // Cases met; a percent (`86 %`) is that share of the cases, as the one typing it means.
  met: (text, _plan, row) => {
    const p = parseNumber(text);
    if (!p.ok) return undefined;
    const base = countBase(row);
    if (!p.value.percent) return p.value.n;
    return base === null ? undefined : (p.value.n / 100) * base;
  },
  completed: (text, plan) => {
    const p = parseCompleted(text, plan.metadata.year);
    return p.ok ? p.value : undefined;
  },
  assessment: (text, plan) => readAssessment(text, null, plan.metadata.assessmentScale) ?? undefined,
};

/** Which input of a row a what-if changes; null for rows decided by their sub-goals or by data. */
export function editableField(row: PlanRow): EditField | null {
  if (row.data) return null;
  // A row without a type is edited as the type it is read as.
  const def = criterionOf(row);
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
  const unreadable: string[] = [];
  const edited: PlanRow[] = [];
  const scoring = options.explain ? null : rescoring(plan, options);
  const rows = scoring ? null : new Map(plan.rows.map((row) => [row.id, row]));
  for (const { id, text } of edits) {
    const row = scoring ? scoring.row(id) : rows!.get(id);
    if (!row || text.trim() === '' || row.data) continue;
    const field = editableField(row);
    if (!field) continue;
    const value = PARSE[field](text, plan, row);
    if (value === undefined) {
      unreadable.push(row.id);
      continue;
    }
    edited.push({ ...row, [field]: value, cells: { ...row.cells, [field]: text } });
  }
  // With explanations (a saved scenario), the whole plan is scored as scorePlan scores it.
  if (!scoring) return { result: scorePlan(withRows(plan, edited), [], options), unreadable };
  return { result: scoring.with(edited), unreadable };
}

/** How a what-if box reads: a number (in the plan's unit), a percent, cases met out of a count, a date, or one of some words. */
export type WhatIfKind = 'number' | 'percent' | 'count' | 'date' | 'choice';

export interface WhatIfInput {
  field: EditField;
  kind: WhatIfKind;
  /** The measure's unit as the plan writes it (`dage`), for numbers; null where the plan names none. */
  unit: string | null;
  /** For counts: the cases the met ones are out of (the total less those left out). */
  of: number | null;
  /** The plan's own input as one would type it; '' when blank. */
  current: string;
  /** The words a choice offers, in the pane's language or the plan's own scale; each reads back. */
  choices: string[];
}

const unitAfterNumber = once(() => unitWords().map((w) => new RegExp(`\\d\\s*(${escapeRegExp(w)})(?![\\p{L}])`, 'iu')));

/** The unit a plan gives a measure: after a number in the target cell, else in the goal's text or note. */
export function measureUnit(row: PlanRow): string | null {
  const target = row.cells.target;
  for (const text of [typeof target === 'string' ? target : '', row.title, row.note]) {
    for (const pattern of unitAfterNumber()) {
      const m = text.match(pattern);
      if (m) return m[1];
    }
  }
  return null;
}

/** A cell's value as one would type it again. */
function asTyped(value: CellValue | undefined, format: string | null | undefined, field: EditField, lang: EnginePack): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? lang.vocabulary.yes[0] : lang.vocabulary.no[0];
  if (typeof value !== 'number') return ''; // a date in a number field: the reader has reported it
  const f = formatter(lang);
  if (field === 'completed') return f.date(value);
  return format?.includes('%') ? f.percent(value) : f.number(value);
}

/** What a row's what-if box takes, in what unit, what the plan holds now, and what it offers. */
export function whatIfInput(row: PlanRow, plan: Plan, lang: EnginePack): WhatIfInput | null {
  const field = editableField(row);
  if (!field) return null;
  const cell = row.cells[field];
  const format = row.formats[field];
  // A completion date reads as the language writes dates, however the plan typed it.
  const current = field === 'completed' && row.completed?.date != null ? formatter(lang).date(row.completed.date) : asTyped(cell, format, field, lang);
  const base: WhatIfInput = { field, kind: 'number', unit: null, of: null, current, choices: [] };
  if (field === 'met') return { ...base, kind: 'count', of: countBase(row) };
  if (field === 'assessment') {
    const own = plan.metadata.assessmentScale?.labels;
    const keys = ['met', 'partly', 'not_met'] as const;
    const words = own ? [...own] : keys.map((k) => lang.vocabulary.assessments[k][0]);
    // The plan's word in the pane's language, so it stands among the choices; a grade is offered as it is.
    const read = own ? null : readAssessment(current, format, null);
    const shown = read && read.grade === null ? words[keys.indexOf(read.key)] : current;
    const choices = shown && !words.some((w) => w.toLowerCase() === shown.toLowerCase()) ? [...words, shown] : words;
    return { ...base, kind: 'choice', current: shown, choices };
  }
  // A milestone with a deadline is judged by its date; without one, done or not.
  if (field === 'completed') {
    const yesNo = [lang.vocabulary.yes[0], lang.vocabulary.no[0]];
    // Without a deadline a completion date only says done; with one, a date stays a date.
    const done = row.completed && (row.completed.date === null || row.deadline === null) ? yesNo[row.completed.done ? 0 : 1] : current;
    return row.deadline === null ? { ...base, kind: 'choice', current: done, choices: yesNo } : { ...base, kind: 'date', current: done, choices: yesNo };
  }
  const def = criterionOf(row);
  if (def?.kind === 'comparison' && (def.actualUnit === 'percent' || row.inPercent)) return { ...base, kind: 'percent', unit: '%' };
  return { ...base, unit: measureUnit(row) };
}
