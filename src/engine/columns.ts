/**
 * The plan sheet's columns, one entry each: how a cell of the column is read into the row (its
 * parser and the message when it cannot be read), and where the blank template puts it. The
 * header words of each column are the language packs' (`vocabulary.columns`); the compiler names a
 * column key that has no entry here or no words in a pack.
 */
import { columnIndex as letterIndex } from './address';
import { readAssessment } from './assessment';
import { memo, once } from './memo';
import { cellText, escapeRegExp, fold } from './text';
import { dateFromSerial, isDateFormat, parseCompleted, parseDate, parsePercent, parsePlain } from './parse';
import { parseTarget } from './requirement';
import { parsePeriodRule } from './periodRule';
import type { AssessmentScale, CellValue, ColumnKey, DataRef, MessageKey, MessageRef, Parsed, PeriodRule, PlanRow, Scale, Target } from './types';
import { scaleIndex, workingDayWords } from './vocabulary';

/** `Sagsdata!B2:B900`, `'Case data'!B2:B900` or `B2:B900` on the plan's own sheet. */
export function parseDataRef(text: string, ownSheet: string): DataRef | null {
  const m = text.trim().match(/^(?:(?:'((?:[^']|'')+)'|([^!'"]+))!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/);
  if (!m) return null;
  const sheet = m[1] ? m[1].replace(/''/g, "'") : (m[2]?.trim() ?? ownSheet);
  const c1 = letterIndex(m[3]);
  const r1 = Number(m[4]) - 1;
  const c2 = m[5] ? letterIndex(m[5]) : c1;
  const r2 = m[6] ? Number(m[6]) - 1 : r1;
  if (r1 < 0 || r2 < 0) return null;
  return { text: text.trim(), sheet, top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

/** `85:100%; 75:50%`: thresholds in the criterion's unit, credits in percent. */
export function parseSteps(text: string, percent: boolean): Scale | null {
  const parts = text.split(/;|\n/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return null;
  const steps: { threshold: number; credit: number }[] = [];
  for (const part of parts) {
    const m = part.match(/^(.+?)\s*(?::|=|->|→)\s*(.+)$/);
    if (!m) return null;
    const threshold = percent ? parsePercent(m[1]) : parsePlain(m[1]);
    const credit = parsePercent(m[2]);
    if (!threshold.ok || !credit.ok) return null;
    steps.push({ threshold: threshold.value, credit: credit.value });
  }
  return { kind: 'steps', steps };
}

const NAMED_SCALES = { binary: Object.freeze({ kind: 'binary' }), linear: Object.freeze({ kind: 'linear' }), partial: Object.freeze({ kind: 'partial' }) } as const;
const stepsOf = [false, true].map((percent) => memo((text: string) => deepFreeze(parseSteps(text, percent))));
function deepFreeze(scale: Scale | null): Scale | null {
  if (scale?.kind === 'steps') {
    scale.steps.forEach((step) => Object.freeze(step));
    Object.freeze(scale.steps);
  }
  return scale && Object.freeze(scale);
}

/**
 * A scale cell's scale. Rows that write the same scale share one object: scales are never changed
 * once read, and the score sheet lays out alike rows once by it.
 */
export function scaleOf(text: string, percent: boolean): Scale | null {
  const named = scaleIndex().get(fold(text));
  return named ? NAMED_SCALES[named] : stepsOf[+percent](text);
}

/** How the bounds of the row being read are written: dates, percents or plain numbers. */
export interface BoundKind {
  year: number | null;
  dates: boolean;
  percent: boolean;
  /** A plain comparison written in percent: its result reads as a percentage too. */
  inPercent: boolean;
  /** The plan's own verdict words, and the sheet a data reference without one names. */
  assessmentScale: AssessmentScale | null;
  sheet: string;
}

export type CellParser<T> = (value: CellValue, format: string | null | undefined, kind: BoundKind) => Parsed<T>;

/**
 * Targets as read from a cell without a number format, by value: plans repeat their targets row
 * after row (`85 %`, `3-5`), and rows with the same target share one frozen target.
 */
const targetOf = [false, true].map((percent) => memo((v: CellValue) => frozen(parseTarget(v, percent))));
const frozen = <T extends object>(p: Parsed<T>): Parsed<T> => (p.ok ? Object.freeze({ ok: true, value: Object.freeze(p.value) }) : p);
const asTarget: CellParser<Target> = (v, f, k) => (k.dates ? mapRange(parseDate(v, k.year)) : f ? parseTarget(v, k.percent, f) : targetOf[+k.percent](v));
const asBound: CellParser<number> = (v, f, k) => (k.dates ? parseDate(v, k.year) : k.percent ? parsePercent(v, f) : parsePlain(v, f));
const asDate: CellParser<number> = (v, _f, k) => parseDate(v, k.year);
const workingDays = once(() => new RegExp(`\\s*(?:${workingDayWords().map(escapeRegExp).join('|')})\\s*$`, 'i'));
export const inWorkingDays = (v: CellValue) => typeof v === 'string' && workingDays().test(v.trim());

/** A limit, with the words that make it count working days (`20 arbejdsdage`) taken off. */
const asLimit: CellParser<number> = (v, f) => parsePlain(typeof v === 'string' && inWorkingDays(v) ? v.replace(workingDays(), '').trim() : v, f);
/** A tolerance with a percent sign or format is relative to the target; a bare number is in the target's own unit. */
const asTolerance: CellParser<{ value: number; relative: boolean }> = (v, f, k) => {
  const relative = (typeof v === 'string' && /%|pct|procent|prosent|percent/i.test(v)) || (typeof v === 'number' && !!f && f.includes('%'));
  const p = relative ? parsePercent(v, f) : k.percent ? parsePercent(v, f) : parsePlain(v, f);
  return p.ok ? (p.value < 0 ? { ok: false, missing: false } : { ok: true, value: { value: p.value, relative } }) : p;
};
const asPeriodRule: CellParser<PeriodRule> = (v) => parsePeriodRule(v);
const asCompleted: CellParser<NonNullable<PlanRow['completed']>> = (v, _f, k) => parseCompleted(v, k.year);

function mapRange(p: Parsed<number>): Parsed<{ lo: number; hi: number }> {
  return p.ok ? { ok: true, value: { lo: p.value, hi: p.value } } : p;
}


const asText: CellParser<string> = (v) => ({ ok: true, value: cellText(v) });
const asActual: CellParser<number> = (v, f, k) => (k.inPercent ? parsePercent(v, f) : parsePlain(v, f));
const asScale: CellParser<Scale> = (v, _f, k) => orUnread(scaleOf(cellText(v), k.percent));
const asAssessment: CellParser<NonNullable<PlanRow['assessment']>> = (v, f, k) => orUnread(readAssessment(v, f, k.assessmentScale));
const asData: CellParser<DataRef> = (v, _f, k) => orUnread(parseDataRef(cellText(v), k.sheet));
const orUnread = <T>(value: T | null): Parsed<T> => (value === null ? { ok: false, missing: false } : { ok: true, value });

/** What a cell that cannot be read is called: by the row's kind of bounds, or by what was written (a message of its own where it names more than the value). */
type BadCell = MessageKey | ((kind: BoundKind, value: CellValue, format: string | null | undefined) => MessageKey | MessageRef);

/**
 * The fraction a date in a cell was typed as: Excel makes a typed `1/12` a date (1 December), so a
 * weight or a verdict that holds a date was most likely a fraction. Null for a cell without a date.
 */
export function fractionOfDate(value: CellValue, format: string | null | undefined): string | null {
  const date = value instanceof Date ? value : typeof value === 'number' && isDateFormat(format) ? dateFromSerial(value) : null;
  return date && !Number.isNaN(date.getTime()) ? `${date.getUTCDate()}/${date.getUTCMonth() + 1}` : null;
}

/** How one column's cell becomes a field of the row. */
export interface ColumnReading<T> {
  parse: CellParser<T>;
  bad: BadCell;
  /** The field's value when the cell is blank or unreadable. */
  empty?: T;
  /** A text column keeps an error value (`#N/A`) as the text it shows. */
  errorsAsText?: boolean;
  /** Checks what was read beyond its form (a warning, a bound) and says what the row keeps. */
  check?(value: T, reader: CheckContext): T | null;
}

/** What a column's check may ask of the row being read. */
export interface CheckContext {
  /** The plan reports inputs per period, so a rule over periods can be kept. */
  hasPeriods: boolean;
  report(key: ColumnKey, message: { key: MessageKey; args?: Record<string, string | number> }, severity?: 'error' | 'warning'): void;
  text(key: ColumnKey): string;
}

/** The columns read into a field of the row of the same name, in the order they are read. */
type RowColumn = 'scale' | 'assessment' | 'data' | 'trim' | 'periodRule' | 'target' | 'floor' | 'tolerance' | 'baseline' | 'actual' | 'met'
  | 'total' | 'excluded' | 'deadline' | 'completed' | 'limit' | 'formula' | 'note' | 'title';

const byBounds = (date: MessageKey, percent: MessageKey, plain: MessageKey): BadCell => (k) => (k.dates ? date : k.percent ? percent : plain);

export const ROW_READING: { readonly [K in RowColumn]: ColumnReading<NonNullable<PlanRow[K]>> } = {
  scale: { parse: asScale, bad: (_k, v) => (/[:=]/.test(cellText(v)) ? 'badSteps' : 'unknownScale') },
  assessment: {
    parse: asAssessment,
    bad: (_k, v, f) => {
      const fraction = fractionOfDate(v, f);
      return fraction ? { key: 'verdictIsDate', args: { fraction } } : 'unknownAssessment';
    },
  },
  data: { parse: asData, bad: 'dataRef' },
  trim: {
    parse: parsePercent,
    bad: 'badPercent',
    check: (trim, row) => {
      if (trim >= 0 && trim < 1) return trim;
      row.report('trim', { key: 'badTrim', args: { value: row.text('trim') } });
      return null;
    },
  },
  periodRule: {
    parse: asPeriodRule,
    bad: 'badPeriodRule',
    // A rule over periods needs results per period; without them the row is judged on its own.
    check: (rule, row) => {
      if (row.hasPeriods) return rule;
      row.report('periodRule', { key: 'periodRuleWithoutPeriods', args: { value: row.text('periodRule') } }, 'warning');
      return null;
    },
  },
  target: { parse: asTarget, bad: (k) => (k.dates ? 'badDate' : 'badRange') },
  floor: { parse: asBound, bad: byBounds('badDate', 'badPercent', 'badNumber') },
  tolerance: { parse: asTolerance, bad: 'badNumber' },
  baseline: { parse: parsePlain, bad: 'badNumber' },
  actual: { parse: asActual, bad: (k) => (k.inPercent ? 'badPercent' : 'badNumber') },
  met: { parse: parsePlain, bad: 'badNumber' },
  total: { parse: parsePlain, bad: 'badNumber' },
  excluded: { parse: parsePlain, bad: 'badNumber' },
  deadline: { parse: asDate, bad: 'badDate' },
  completed: { parse: asCompleted, bad: 'badDate' },
  limit: { parse: asLimit, bad: 'badNumber' },
  formula: { parse: asText, bad: 'badNumber', errorsAsText: true },
  note: { parse: asText, bad: 'badNumber', errorsAsText: true, empty: '' },
  title: { parse: asText, bad: 'badNumber', errorsAsText: true, empty: '' },
};

export const ROW_COLUMNS = Object.keys(ROW_READING) as RowColumn[];

/** Where the blank template puts a column, and how wide; columns it leaves out are read all the same. */
interface TemplateColumn {
  width?: number;
}

/**
 * Every column, in the order the blank template writes them: its template place, if any. Reading
 * of the columns that give a row its place (ID, area, weight or points, type) is the reader's own.
 */
export const COLUMNS: { readonly [K in ColumnKey]: { template: TemplateColumn | null } } = {
  id: { template: {} },
  area: { template: { width: 26 } },
  title: { template: { width: 60 } },
  weight: { template: {} },
  points: { template: null },
  type: { template: { width: 12 } },
  target: { template: {} },
  floor: { template: {} },
  tolerance: { template: {} },
  periodRule: { template: null },
  scale: { template: {} },
  baseline: { template: {} },
  actual: { template: {} },
  met: { template: {} },
  total: { template: {} },
  excluded: { template: {} },
  deadline: { template: {} },
  completed: { template: {} },
  assessment: { template: { width: 16 } },
  formula: { template: { width: 24 } },
  data: { template: { width: 26 } },
  limit: { template: {} },
  trim: { template: {} },
  note: { template: { width: 30 } },
};

/** The template's columns, in order. */
export const TEMPLATE_COLUMNS = (Object.keys(COLUMNS) as ColumnKey[]).filter((key) => COLUMNS[key].template);
