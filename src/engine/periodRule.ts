/**
 * Rules over periods: a requirement met in every period of the year (`alle`) or in `3 af 4`. The
 * row is scored on each period's own inputs first; the rule then judges the periods reported so
 * far. It is met once enough periods are met, not met once too many are missed for it to be
 * reached, and met so far in between, so a plan reported in Q2 is not marked down for Q3 and Q4.
 */
import { PACKS } from './i18n';
import { once } from './memo';
import { fold } from './text';
import type { Parsed, Period, PeriodRule } from './types';

const unique = (words: string[]) => [...new Set(words.map(fold))];
const every = once(() => new Set(unique(PACKS.flatMap((p) => p.vocabulary.periodRule.every))));
/** `3 af 4`, `2 av 3 tertialer` (and `3/4`, read as `3 of 4`): the number needed, of how many, then any words. */
const nOfM = once(() => {
  const of = unique(PACKS.flatMap((p) => p.vocabulary.periodRule.of)).map((w) => w.replace(/ /g, '\\s+'));
  return new RegExp(`^(\\d+)\\s(?:${of.join('|')})\\s(\\d+)(?:\\s.*)?$`);
});

/** Periods of a kind in a year; a plan reported by year counts the years it reports. */
export const PERIODS_PER_YEAR: Record<Period['kind'], number | null> = { quarter: 4, tertial: 3, half: 2, year: null };

export function parsePeriodRule(value: unknown): Parsed<PeriodRule> {
  // A bare number is how many periods; a date (3/4 typed into Excel) is no rule.
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value <= 12 ? { ok: true, value: { need: value, of: null } } : { ok: false, missing: false };
  if (typeof value !== 'string') return { ok: false, missing: false };
  const text = fold(value.replace(/(\d)\s*\/\s*(\d)/, '$1 of $2'));
  if (!text) return { ok: false, missing: true };
  if (every().has(text)) return { ok: true, value: { need: null, of: null } };
  const m = nOfM().exec(text);
  if (!m) return { ok: false, missing: false };
  const need = Number(m[1]);
  const of = Number(m[2]);
  return need >= 1 && need <= of ? { ok: true, value: { need, of } } : { ok: false, missing: false };
}

export interface RuleOutcome {
  fulfilment: number;
  met: number;
  reported: number;
  need: number;
  of: number;
}

const EPS = 1e-9;

/**
 * The rule judged on the fulfilments of the year's periods so far (earlier ones, then the current
 * one); `periods` is how many the year has. Null when the current period is not assessed.
 */
export function judgePeriods(rule: PeriodRule, fulfilments: (number | null)[], periods: number): RuleOutcome | null {
  if (fulfilments.at(-1) === null || fulfilments.at(-1) === undefined) return null;
  const of = rule.of ?? periods;
  const need = Math.min(rule.need ?? of, of);
  const reported = fulfilments.filter((f): f is number => f !== null);
  const met = reported.filter((f) => f >= 1 - EPS).length;
  const missed = reported.length - met;
  const fulfilment = met >= need ? 1 : missed > of - need ? 0 : 1;
  return { fulfilment, met, reported: reported.length, need, of };
}
