/** Numbers, percents and dates as the output language writes them, for explanations. */
import type { EnginePack } from './i18n';
import { memo } from './memo';
import { formatSerialDate } from './parse';
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
  const num = new Intl.NumberFormat(lang.locale, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(lang.locale, { maximumFractionDigits: 1 });
  const f: Formatter = {
    // Intl formatting costs microseconds a call; explanations of large plans repeat their numbers.
    number: memo((n) => num.format(n)),
    percent: memo((x) => `${pct.format(x * 100)} %`),
    date: memo((s) => formatSerialDate(s, lang.locale)),
    by: (kind, n) => (kind === 'percent' ? f.percent(n) : kind === 'date' ? f.date(n) : f.number(n)),
  };
  cache.set(lang.locale, f);
  return f;
}

/** For scoring without explanations (what-if as the user types): formats nothing, costs nothing. */
export const SILENT: Formatter = { number: () => '', percent: () => '', date: () => '', by: () => '' };
