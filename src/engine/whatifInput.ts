/**
 * What a what-if box takes, and whether what is typed in it can be: the one reading of a
 * hypothetical input, so the task pane and any other front end refuse the same things for the same
 * reasons. A box reads in the unit its criterion declares (`requires`); an input its goal cannot
 * have (a share over 100 %, more cases met than there are, a negative count or duration, a percent
 * where the goal counts days) is refused with what to type, and changes nothing.
 */
import { readAssessment } from './assessment';
import { criterionOf, editField, requiredKind, type EditField } from './criteria';
import { formatter } from './format';
import type { EnginePack } from './i18n';
import { once } from './memo';
import { parseCompleted, parseNumber, parsePercent, wordAfterNumber } from './parse';
import { escapeRegExp, fold } from './text';
import type { CellValue, MessageRef, Plan, PlanRow } from './types';
import { unitIndex, unitWords } from './vocabulary';
import { mayNameUnit, UNITS } from './units';

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

/** What a box's text becomes: the row's new input, or why it cannot be, in a message that says what to type. */
export type WhatIfReading = { ok: true; field: EditField; value: PlanRow[EditField] } | { ok: false; message: MessageRef };

/** Which input of a row a what-if changes; null for rows decided by their sub-goals or by data. */
export function editableField(row: PlanRow): EditField | null {
  if (row.data) return null;
  // A row without a type is edited as the type it is read as.
  const def = criterionOf(row);
  return def ? editField(def, row) : null;
}

/** The cases a share counts against: the total less those left out; null without a total. */
export const countBase = (row: PlanRow): number | null => (row.total === null ? null : row.total - (row.excluded ?? 0));

const unitAfterNumber = once(() => unitWords().map((w) => new RegExp(`\\d\\s*(${escapeRegExp(w)})(?![\\p{L}])`, 'iu')));

/** The unit a plan gives a measure: after a number in the target cell, else in the goal's text or note. */
export function measureUnit(row: PlanRow): string | null {
  const target = row.cells.target;
  for (const text of [typeof target === 'string' ? target : '', row.title, row.note]) {
    if (!mayNameUnit(text)) continue;
    for (const pattern of unitAfterNumber()) {
      const m = text.match(pattern);
      if (m) return m[1];
    }
  }
  return null;
}

/** How a row's box reads, by the input it changes and the unit its criterion declares for it. */
function kindOf(row: PlanRow, field: EditField): WhatIfKind {
  if (field === 'met') return 'count';
  if (field === 'assessment') return 'choice';
  // A milestone with a deadline is judged by its date; without one, done or not.
  if (field === 'completed') return row.deadline === null ? 'choice' : 'date';
  const def = criterionOf(row);
  return def && requiredKind(def, row) === 'percent' ? 'percent' : 'number';
}

/**
 * A measure in this unit is never below zero, as the units table declares: a count or a duration
 * (`dage`, `personer`). An amount of money may be (a deficit), and without a unit nothing is known.
 */
function neverNegative(unit: string | null): boolean {
  const key = unit === null ? undefined : unitIndex().get(unit.toLowerCase());
  return key !== undefined && UNITS[key].nonNegative;
}

/** The unit word typed after a number (`86 dage`), if any. */
const typedUnit = (text: string) => wordAfterNumber(text.trim().toLowerCase(), unitWords());

/** An example of what a box takes, as one would type it. */
function example(kind: WhatIfKind, row: PlanRow, plan: Plan, lang: EnginePack): string {
  const f = formatter(lang);
  if (kind === 'percent') return f.percent(0.86);
  if (kind === 'count') return f.number(Math.round((countBase(row) ?? 100) * 0.85));
  if (kind === 'date') return f.date(45565 + 366 * ((plan.metadata.year ?? 2024) - 2024));
  const unit = measureUnit(row);
  const current = typeof row.actual === 'number' && (row.actual >= 0 || !neverNegative(unit)) ? row.actual : row.target?.lo ?? 110;
  return unit ? `${f.number(current)} ${unit}` : f.number(current);
}

/** Words to choose from, as the language lists alternatives: `ja eller nej`. */
const either = (words: readonly string[], lang: EnginePack) => new Intl.ListFormat(lang.locale, { type: 'disjunction' }).format(words);

const refuse = (key: MessageRef['key'], args: Record<string, string | number>): WhatIfReading => ({ ok: false, message: { key, args } });

/** A share as a percent: 0 to 100 %. A bare number reads as a percent too (86 is 86 %), as the plan's own cells do. */
function readPercent(text: string, row: PlanRow, plan: Plan, lang: EnginePack): WhatIfReading {
  const p = parsePercent(text);
  const ex = example('percent', row, plan, lang);
  if (!p.ok || typedUnit(text)) return refuse('whatIfNotPercent', { value: text.trim(), example: ex });
  const share = criterionOf(row)?.key === 'share';
  if (share && (p.value < 0 || p.value > 1)) return refuse('whatIfShareRange', { value: formatter(lang).percent(p.value), example: ex });
  return { ok: true, field: 'actual', value: p.value };
}

/** A number in the goal's unit: not a percent where the goal is no percent, not negative where it counts or times. */
function readNumber(text: string, row: PlanRow, plan: Plan, lang: EnginePack): WhatIfReading {
  const p = parseNumber(text);
  // The example and the unit are made only for a refusal: a what-if as the user types reads on.
  const ex = () => example('number', row, plan, lang);
  if (!p.ok) return refuse('whatIfNotNumber', { value: text.trim(), example: ex() });
  // A formula's inputs have no unit the plan declares: a percent is the fraction it stands for.
  if (criterionOf(row)?.kind === 'formula') return { ok: true, field: 'actual', value: p.value.percent ? p.value.n / 100 : p.value.n };
  if (p.value.percent) return refuse('whatIfNotInPercent', { value: text.trim(), example: ex() });
  const unit = p.value.n < 0 ? measureUnit(row) : null;
  if (unit !== null && neverNegative(unit)) return refuse('whatIfNegative', { value: `${formatter(lang).number(p.value.n)} ${unit}`, example: ex() });
  return { ok: true, field: 'actual', value: p.value.n };
}

/** Cases met, as a count or as a percent of the cases (`86 %`): from none to all of them. */
function readCount(text: string, row: PlanRow, plan: Plan, lang: EnginePack): WhatIfReading {
  const f = formatter(lang);
  const p = parseNumber(text);
  const base = countBase(row);
  const ex = example('count', row, plan, lang);
  if (!p.ok || (p.value.percent && base === null)) return refuse('whatIfNotCount', { value: text.trim(), example: ex, percent: f.percent(0.86) });
  const { n, percent } = p.value;
  if (percent && (n < 0 || n > 100)) return refuse('whatIfShareRange', { value: f.percent(n / 100), example: f.percent(0.86) });
  if (n < 0) return refuse('whatIfNegative', { value: f.number(n), example: ex });
  if (!percent && base !== null && n > base) return refuse('whatIfOverTotal', { value: f.number(n), total: f.number(base) });
  return { ok: true, field: 'met', value: percent ? (n / 100) * base! : n };
}

/** A completion: a date, or done or not in words. */
function readCompleted(text: string, row: PlanRow, plan: Plan, lang: EnginePack): WhatIfReading {
  const p = parseCompleted(text, plan.metadata.year);
  if (p.ok) return { ok: true, field: 'completed', value: p.value };
  const yesNo = either([lang.vocabulary.yes[0], lang.vocabulary.no[0]], lang);
  return row.deadline === null
    ? refuse('whatIfNotChoice', { value: text.trim(), choices: yesNo })
    : refuse('whatIfNotDate', { value: text.trim(), example: example('date', row, plan, lang), choices: yesNo });
}

/** A verdict: a word of the plan's scale or of any language, or a grade. */
function readVerdict(text: string, _row: PlanRow, plan: Plan, lang: EnginePack): WhatIfReading {
  const read = readAssessment(text, null, plan.metadata.assessmentScale);
  if (read) return { ok: true, field: 'assessment', value: read };
  const own = plan.metadata.assessmentScale?.labels;
  const words = own ? [...own] : (['met', 'partly', 'not_met'] as const).map((k) => lang.vocabulary.assessments[k][0]);
  return refuse('whatIfNotChoice', { value: text.trim(), choices: either(words, lang) });
}

const READERS: Record<EditField, (text: string, row: PlanRow, plan: Plan, lang: EnginePack) => WhatIfReading> = {
  actual: (text, row, plan, lang) => (kindOf(row, 'actual') === 'percent' ? readPercent : readNumber)(text, row, plan, lang),
  met: readCount,
  completed: readCompleted,
  assessment: readVerdict,
};

/**
 * What a what-if's text for a row becomes, or why it cannot be: null for a row no what-if changes
 * (a parent, a row fed by data). Pure, so every front end refuses the same inputs alike.
 */
export function readWhatIf(row: PlanRow, plan: Plan, text: string, lang: EnginePack): WhatIfReading | null {
  const field = editableField(row);
  return field ? READERS[field](text, row, plan, lang) : null;
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

/** A verdict box: the plan's own scale or the language's words, and the plan's word among them. */
function verdictInput(base: WhatIfInput, plan: Plan, format: string | undefined, lang: EnginePack): WhatIfInput {
  const own = plan.metadata.assessmentScale?.labels;
  const keys = ['met', 'partly', 'not_met'] as const;
  const words = own ? [...own] : keys.map((k) => lang.vocabulary.assessments[k][0]);
  // The plan's word in the pane's language, so it stands among the choices; a grade or points are offered as they are.
  const read = own ? null : readAssessment(base.current, format, null);
  const shown = read && read.grade === null && read.earned === undefined ? words[keys.indexOf(read.key)] : base.current;
  const choices = shown && !words.some((w) => fold(w) === fold(shown)) ? [...words, shown] : words;
  return { ...base, kind: 'choice', current: shown, choices };
}

/** What a row's what-if box takes, in what unit, what the plan holds now, and what it offers. */
export function whatIfInput(row: PlanRow, plan: Plan, lang: EnginePack): WhatIfInput | null {
  const field = editableField(row);
  if (!field) return null;
  const kind = kindOf(row, field);
  const format = row.formats[field];
  // A completion date reads as the language writes dates, however the plan typed it.
  const current = field === 'completed' && row.completed?.date != null ? formatter(lang).date(row.completed.date) : asTyped(row.cells[field], format, field, lang);
  const base: WhatIfInput = { field, kind, unit: null, of: null, current, choices: [] };
  if (kind === 'count') return { ...base, of: countBase(row) };
  if (field === 'assessment') return verdictInput(base, plan, format, lang);
  if (field === 'completed') {
    const yesNo = [lang.vocabulary.yes[0], lang.vocabulary.no[0]];
    // Without a deadline a completion date only says done; with one, a date stays a date.
    const done = row.completed && (row.completed.date === null || row.deadline === null) ? yesNo[row.completed.done ? 0 : 1] : current;
    return { ...base, current: done, choices: yesNo };
  }
  return kind === 'percent' ? { ...base, unit: '%' } : { ...base, unit: measureUnit(row) };
}
