/**
 * Numbers, percents, dates and periods as plans write them, in the words of every language pack.
 * Each parser returns `missing` for an empty cell and `ok: false, missing: false` for a cell
 * that holds something unreadable, so the reader can tell "not filled in" from "wrong".
 */
import { fold } from './text';
import type { CellValue, Parsed, Period, Target } from './types';
import { boundWords, byDateWords, monthIndex, percentWords, periodWords, unitWords, yesNoIndex } from './vocabulary';

const MISSING = { ok: false, missing: true } as const;
const BAD = { ok: false, missing: false } as const;
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

export function isBlank(value: CellValue): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function isCellError(value: CellValue): value is { error: string } {
  return typeof value === 'object' && value !== null && !(value instanceof Date) && 'error' in value;
}

export function isPercentFormat(format: string | null | undefined): boolean {
  return !!format && /%/.test(format.replace(/"[^"]*"/g, ''));
}

/** Whether a cell is written as a percentage: a percent sign or word after its number, or a percent format. */
export function writtenAsPercent(value: CellValue, format?: string | null): boolean {
  if (typeof value === 'number') return isPercentFormat(format);
  return typeof value === 'string' && stripPercent(value).percent;
}

/** The word of `words` (lower case, longest first) that ends `lower` after a number or a space; null for none. */
export function wordAfterNumber(lower: string, words: readonly string[]): string | null {
  for (const word of words) {
    if (lower.endsWith(word) && lower.length > word.length && /[\d\s]/.test(lower[lower.length - word.length - 1])) return word;
  }
  return null;
}

/**
 * Text of a number with its percent sign or word stripped, and whether it had one. A unit after
 * the number (`110 dage`, `1.234,5 kr.`) only names what is counted, and is stripped too.
 */
function stripPercent(text: string): { body: string; percent: boolean } {
  const body = text.trim();
  if (body.endsWith('%')) return { body: body.slice(0, -1).trim(), percent: true };
  const lower = body.toLowerCase();
  const percent = wordAfterNumber(lower, percentWords());
  if (percent) return { body: body.slice(0, -percent.length).trim(), percent: true };
  const unit = wordAfterNumber(lower, unitWords());
  return { body: unit ? body.slice(0, -unit.length).trim() : body, percent: false };
}

const PLAIN = /^[+-]?\d+(\.\d+)?$/;
const DOT_THOUSANDS = /^[+-]?\d{1,3}(\.\d{3})+$/;

/**
 * Reads `12,5`, `1.234,5`, `1 234,5`, `1,234.5`, `2.5` and `1.200` (= 1200: a dot followed by
 * exactly three digits and no comma is a Danish thousands separator).
 */
export function parseNumberText(text: string): number | null {
  let body = text.replace(/[\s\u00a0\u202f']/g, '').replace(/^\u2212/, '-');
  if (!body) return null;
  const comma = body.lastIndexOf(',');
  const dot = body.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) {
    body = comma > dot ? body.replace(/\./g, '').replace(',', '.') : body.replace(/,/g, '');
  } else if (comma >= 0) {
    if ((body.match(/,/g) ?? []).length > 1) body = body.replace(/,/g, '');
    else body = body.replace(',', '.');
  } else if (DOT_THOUSANDS.test(body)) {
    body = body.replace(/\./g, '');
  }
  if (!PLAIN.test(body)) return null;
  const n = Number(body);
  return Number.isFinite(n) ? n : null;
}

/**
 * The largest magnitude a plan number may have. Beyond it sums of weights and measures could
 * overflow to Infinity, and doubles no longer hold whole numbers exactly; no plan needs more.
 */
export const MAX_MAGNITUDE = 1e15;

const readable = (n: number) => Number.isFinite(n) && Math.abs(n) <= MAX_MAGNITUDE;

/** A number, with whether it was written or formatted as percent. */
export function parseNumber(value: CellValue, format?: string | null): Parsed<{ n: number; percent: boolean }> {
  if (isBlank(value)) return MISSING;
  if (typeof value === 'number') {
    return readable(value) ? ok({ n: value, percent: isPercentFormat(format) }) : BAD;
  }
  if (typeof value !== 'string') return BAD;
  const { body, percent } = stripPercent(value);
  const n = parseNumberText(body);
  return n !== null && readable(n) ? ok({ n, percent }) : BAD;
}

/** A plain number: `12,5`, `1.200`; a percent sign makes it a fraction (`85 %` = 0.85). */
export function parsePlain(value: CellValue, format?: string | null): Parsed<number> {
  // Most plan cells hold numbers already; their format does not change a plain number.
  if (typeof value === 'number') return readable(value) ? ok(value) : BAD;
  const p = parseNumber(value, format);
  if (!p.ok) return p;
  return ok(p.value.percent && typeof value === 'string' ? p.value.n / 100 : p.value.n);
}

/**
 * A percent field as a fraction: `85`, `85 %`, `85 pct.` and a %-formatted 0.85 are all 0.85.
 * A bare value above 1 is percent points; at most 1 it is already a fraction.
 */
export function parsePercent(value: CellValue, format?: string | null): Parsed<number> {
  const p = parseNumber(value, format);
  if (!p.ok) return p;
  const { n, percent } = p.value;
  if (typeof value === 'number' && percent) return ok(n);
  if (percent) return ok(n / 100);
  return ok(Math.abs(n) > 1 ? n / 100 : n);
}

/** Whether a number format shows a date: day, month or year codes outside quoted text and colours. */
export function isDateFormat(format: string | null | undefined): boolean {
  return !!format && /[dmy]/i.test(format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/**
 * A fraction as plans share out a pay frame: `1/12`, `(7/12 dele)`, `3/12 deler`. Only weights and
 * verdicts read fractions: elsewhere `1/12` is a date.
 */
const FRACTION = /^\(?\s*(\d+(?:[.,]\d+)?)\s*\/\s*(\d+)\s*(?:dele|deler|delar|parts?)?\s*\)?$/i;
export function parseFraction(value: CellValue): number | null {
  if (typeof value !== 'string') return null;
  const m = FRACTION.exec(value.trim());
  if (!m || Number(m[2]) === 0) return null;
  return Number(m[1].replace(',', '.')) / Number(m[2]);
}

/** A weight in percent points (`5`, `5 %`, `5 pct.`, a %-formatted 0.05 are all 5), or a fraction (`1/12`). */
export function parseWeight(value: CellValue, format?: string | null): Parsed<number> {
  const fraction = parseFraction(value);
  if (fraction !== null) return ok(fraction);
  const p = parseNumber(value, format);
  if (!p.ok) return p;
  return ok(typeof value === 'number' && p.value.percent ? p.value.n * 100 : p.value.n);
}

/** `3-5`, `3–5`, `3 til 5`; a single number is a range of one value. */
/** Signs a target may start with: the direction they set, and whether they exclude the bound. */
const SIGNS: Record<string, { compare: 'atLeast' | 'atMost'; strict: boolean }> = {
  '<': { compare: 'atMost', strict: true },
  '>': { compare: 'atLeast', strict: true },
  '<=': { compare: 'atMost', strict: false },
  '>=': { compare: 'atLeast', strict: false },
  '≤': { compare: 'atMost', strict: false },
  '≥': { compare: 'atLeast', strict: false },
};

/** The sign a direction word stands for: `mindst 85 %` is `≥ 85 %`, `under 65 dage` is `< 65 dage`. */
const WORD_SIGNS = { min: '>=', max: '<=', below: '<', above: '>' } as const;

/** A target's leading sign or direction word, and the bound after it; null when it has neither. */
function signed(text: string): { sign: string; rest: string } | null {
  const m = text.match(/^(<=|>=|≤|≥|<|>)\s*(.+)$/);
  if (m) return { sign: m[1], rest: m[2] };
  const lower = text.toLowerCase();
  for (const [word, key] of boundWords()) {
    // A whole word: `over 90` is a direction, `overskud` is not.
    if (lower.startsWith(word) && /^[\s\d]/.test(text.slice(word.length)) && text.slice(word.length).trim()) {
      return { sign: WORD_SIGNS[key], rest: text.slice(word.length).trim() };
    }
  }
  return null;
}

export function parseRange(value: CellValue, format: string | null | undefined, percent: boolean): Parsed<Target> {
  if (isBlank(value)) return MISSING;
  const one = (v: CellValue) => (percent ? parsePercent(v, format) : parsePlain(v, format));
  if (typeof value === 'string') {
    const sign = signed(value.trim());
    if (sign) {
      const bound = one(sign.rest);
      return bound.ok ? ok({ lo: bound.value, hi: bound.value, ...SIGNS[sign.sign] }) : BAD;
    }
    const m = value.trim().match(/^(.+?)\s*(?:[-–—]|\.\.|\btil\b|\bto\b)\s*(.+)$/i);
    if (m && !/^[-–—]/.test(value.trim())) {
      const lo = one(m[1]);
      const hi = one(m[2]);
      if (lo.ok && hi.ok) return ok({ lo: Math.min(lo.value, hi.value), hi: Math.max(lo.value, hi.value) });
      return BAD;
    }
  }
  const single = one(value);
  return single.ok ? ok({ lo: single.value, hi: single.value }) : single;
}

// ---- dates and periods -------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial day number of a calendar date. */
export function serialOf(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EXCEL_EPOCH) / DAY_MS);
}

export function serialFromDate(date: Date): number {
  return Math.round((date.getTime() - EXCEL_EPOCH) / DAY_MS);
}

export function dateFromSerial(serial: number): Date {
  return new Date(EXCEL_EPOCH + serial * DAY_MS);
}

/** Milliseconds a Date holds: beyond them it is no date. */
const DATE_MS = 8.64e15;

/**
 * The day `parseDate` reads from `dateFromSerial(serial)`, without making the Date: its time
 * truncated to whole milliseconds as a Date does, then rounded to the day as `serialFromDate` does.
 */
export function dateCellDay(serial: number): Parsed<number> {
  const ms = Math.trunc(EXCEL_EPOCH + serial * DAY_MS);
  return Math.abs(ms) <= DATE_MS ? ok(Math.round((ms - EXCEL_EPOCH) / DAY_MS)) : BAD;
}

/** The last month of each period of a year, by kind and index. */
export const PERIOD_END_MONTH: Record<Period['kind'], (i: number) => number> = {
  quarter: (i) => i * 3,
  tertial: (i) => i * 4,
  half: (i) => i * 6,
  year: () => 12,
};
const PERIOD_COUNT: Record<Period['kind'], number> = { quarter: 4, tertial: 3, half: 2, year: 1 };
const PERIOD_LETTER: Record<string, Period['kind']> = { q: 'quarter', k: 'quarter', t: 'tertial', h: 'half' };

export function periodEnd(period: Period, year: number): number {
  const month = PERIOD_END_MONTH[period.kind](period.index);
  return serialOf(year, month + 1, 0);
}

/**
 * A period with an optional year: `Q1`, `Q4 2024`, `1. kvartal 2024`, `T2`, `2. tertial`,
 * `Tertial 2`, `H1`, `1. halvår 2024`, `År`, `Helår`, `Year`, `2024`.
 */
export function parsePeriod(text: string): { period: Period; year: number | null } | null {
  const words = fold(text);
  if (!words) return null;
  let year: number | null = null;
  let rest = words.replace(/\b(19|20|21)\d{2}\b/, (y) => {
    year = Number(y);
    return ' ';
  });
  rest = rest.replace(/\s+/g, ' ').trim();
  const check = (kind: Period['kind'], index: number) =>
    index >= 1 && index <= PERIOD_COUNT[kind] ? { period: { kind, index }, year } : null;
  if (!rest) return year === null ? null : { period: { kind: 'year', index: 1 }, year };
  const letter = rest.match(/^([qkth])\s?([1-4])$/);
  if (letter) return check(PERIOD_LETTER[letter[1]], Number(letter[2]));
  const numbered = rest.match(/^([1-4])\s*(?:st|nd|rd|th)?\s+(.+)$/);
  if (numbered) {
    const kind = periodWords().get(numbered[2]);
    return kind && kind !== 'year' ? check(kind, Number(numbered[1])) : null;
  }
  // The number after the word, as Swedish plans write it: `Tertial 2`, `Kvartal 4`.
  const wordFirst = rest.match(/^(.+?)\s+([1-4])$/);
  if (wordFirst) {
    const kind = periodWords().get(wordFirst[1]);
    return kind && kind !== 'year' ? check(kind, Number(wordFirst[2])) : null;
  }
  const kind = periodWords().get(rest);
  return kind === 'year' ? { period: { kind: 'year', index: 1 }, year } : null;
}

const DMY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/;

function validDate(y: number, m: number, d: number): number | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? serialOf(y, m, d) : null;
}

/**
 * A date as an Excel serial: a Date, a serial, ISO `2024-12-31`, `31.12.2024`, `31-12-2024`, or a
 * period with a year (`Q1 2024`, `1. halvår 2024`, `2024`), meaning its last day. A bare period
 * without a year (`Q2`) takes `defaultYear`, the plan's year.
 */
export function parseDate(value: CellValue, defaultYear: number | null = null): Parsed<number> {
  if (isBlank(value)) return MISSING;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? BAD : ok(serialFromDate(value));
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return BAD;
    // A whole number that reads as a year is the year, not the serial 2024 (16 July 1905).
    if (Number.isInteger(value) && value >= 1900 && value <= 2200) return ok(serialOf(value, 12, 31));
    return value > 0 && value < 2_958_466 ? ok(Math.floor(value)) : BAD;
  }
  if (typeof value !== 'string') return BAD;
  const text = value.trim();
  const dmy = text.match(DMY);
  if (dmy) {
    const s = validDate(Number(dmy[3]), Number(dmy[2]), Number(dmy[1]));
    return s === null ? BAD : ok(s);
  }
  const ymd = text.match(YMD);
  if (ymd) {
    const s = validDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    return s === null ? BAD : ok(s);
  }
  const words = withoutByWord(fold(text));
  // Periods first: plans write deadlines as periods far more often than as dates in words.
  const p = parsePeriod(words);
  const year = p?.year ?? defaultYear;
  if (p) return year !== null ? ok(periodEnd(p.period, year)) : BAD;
  const written = writtenDate(words.split(' '), defaultYear);
  return written === undefined || written === null ? BAD : ok(written);
}

/** Folded words without a leading "by" (`senest`, `udgangen af`), which says nothing the date does not. */
function withoutByWord(words: string): string {
  for (const by of byDateWords()) if (words.startsWith(`${by} `)) return words.slice(by.length + 1);
  return words;
}

const isYear = (t: string | undefined) => t !== undefined && /^\d{4}$/.test(t);
const isDay = (t: string | undefined) => t !== undefined && /^\d{1,2}$/.test(t);

/**
 * A date written in folded words: `31 december 2024`, `15 nov 2024`, `december 31 2024`,
 * `31 12 2024` (after a "by" word), or a month and year, meaning its last day (`juni 2024`).
 * A day and month without a year take `defaultYear`. Undefined when the words are no such date
 * (a period may still be); null when they are one that does not exist.
 */
function writtenDate(t: string[], defaultYear: number | null): number | null | undefined {
  const month = (i: number) => monthIndex().get(t[i]) ?? (isDay(t[i]) && Number(t[i]) <= 12 ? Number(t[i]) : undefined);
  const named = (i: number) => monthIndex().get(t[i]);
  const year = (i: number) => (t.length > i ? (isYear(t[i]) ? Number(t[i]) : NaN) : defaultYear);
  const day = (y: number | null, m: number, d: string) => (y === null || Number.isNaN(y) ? null : validDate(y, m, Number(d)));
  if (t.length <= 3 && isDay(t[0]) && month(1) !== undefined) return day(year(2), month(1)!, t[0]);
  if (t.length <= 3 && named(0) !== undefined && isDay(t[1])) return day(year(2), named(0)!, t[1]);
  if (t.length === 2 && named(0) !== undefined && isYear(t[1])) return serialOf(Number(t[1]), named(0)! + 1, 0);
  if (t.length === 3 && isYear(t[0]) && isDay(t[1]) && isDay(t[2])) return validDate(Number(t[0]), Number(t[1]), Number(t[2]));
  return undefined;
}

/** `ja`/`nej`, `yes`/`no`, or a date (done on that date). */
export function parseCompleted(value: CellValue, defaultYear: number | null): Parsed<{ date: number | null; done: boolean }> {
  if (isBlank(value)) return MISSING;
  if (typeof value === 'boolean') return ok({ date: null, done: value });
  if (typeof value === 'string') {
    const yn = yesNoIndex().get(fold(value));
    if (yn) return ok({ date: null, done: yn === 'yes' });
  }
  const date = parseDate(value, defaultYear);
  return date.ok ? ok({ date: date.value, done: true }) : date;
}

