/** Numbers, percents and dates as the output language writes them, for explanations. */
import type { EnginePack } from './i18n';
import { memo } from './memo';
import { dateText, decimalText } from './numerals';
import { dateFromSerial } from './parse';
import type { ValueKind } from './types';

export interface Formatter {
  number(n: number): string;
  percent(fraction: number): string;
  date(serial: number): string;
  /** A value as its kind reads: a count as a plain number. */
  by(kind: ValueKind | null, n: number): string;
}

const cache = new Map<string, Formatter>();

export function formatter(lang: EnginePack): Formatter {
  const hit = cache.get(lang.locale);
  if (hit) return hit;
  const { numerals: w, locale } = lang;
  const f: Formatter = {
    // Explanations of large plans repeat their numbers.
    number: memo((n) => decimalText(n, 2, w, locale)),
    percent: memo((x) => `${decimalText(x * 100, 1, w, locale)} %`),
    // Weekday-free short date: 30.06.2024 (da/nb), 30/06/2024 (en), 2024-06-30 (sv).
    // A day past a Date's range (±100,000,000 days, from a year cell of −271,255) is no date to write: its serial as a number.
    date: memo((s) => {
      const date = dateFromSerial(s);
      return Number.isNaN(date.getTime()) ? decimalText(s, 0, w, locale) : dateText(date, w, locale);
    }),
    by: (kind, n) => (kind === 'percent' ? f.percent(n) : kind === 'date' ? f.date(n) : f.number(n)),
  };
  cache.set(lang.locale, f);
  return f;
}

/** For scoring without explanations (what-if as the user types): formats nothing, costs nothing. */
export const SILENT: Formatter = { number: () => '', percent: () => '', date: () => '', by: () => '' };
