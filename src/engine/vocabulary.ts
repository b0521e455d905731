import { PACKS, type LanguageCode } from './i18n';
import type { Vocabulary } from './i18n/types';
import { once } from './memo';
import { fold, wordIndex } from './text';
import { COLUMN_KEYS, METADATA_KEYS, UNIT_KEYS, type AssessmentKey, type ColumnKey, type CriterionKey, type MetadataKey, type Period, type UnitKey } from './types';

/**
 * The reader understands every language at once: a Danish plan may carry English headers. These
 * indexes merge the declared word lists of all language packs, each built on its first use.
 */
function merged<K extends string>(keys: readonly K[], pick: (v: Vocabulary) => Partial<Record<K, string[]>>) {
  return wordIndex<K>(keys.flatMap((key) => PACKS.map((p) => [key, pick(p.vocabulary)[key] ?? []] as [K, string[]])));
}

export const columnIndex = once(() => merged<ColumnKey>(COLUMN_KEYS, (v) => v.columns));
export const metadataIndex = once(() => merged<MetadataKey>(METADATA_KEYS, (v) => v.metadata));
export const assessmentIndex = once(() => merged<AssessmentKey>(['met', 'partly', 'not_met'], (v) => v.assessments));
export const scaleIndex = once(() => merged<'binary' | 'linear' | 'partial'>(['binary', 'linear', 'partial'], (v) => v.scales));
export const periodWords = once(() => merged<Period['kind']>(['quarter', 'tertial', 'half', 'year'], (v) => v.periods));
export const yesNoIndex = once(() => merged<'yes' | 'no'>(['yes', 'no'], (v) => ({ yes: v.yes, no: v.no })));

/** A language's column words, folded, each to every column it names in that language, in the order of `COLUMN_KEYS`. */
export type ColumnWords = ReadonlyMap<string, readonly ColumnKey[]>;

/** Each language's own column words: Swedish `Mål` names the goal or its target, Danish `Mål` the goal alone. */
export const languageColumns = once(() => new Map<LanguageCode, ColumnWords>(PACKS.map((p) => [p.code, columnWords(p.vocabulary)])));

function columnWords(v: Vocabulary): ColumnWords {
  const index = new Map<string, ColumnKey[]>();
  for (const key of COLUMN_KEYS) {
    for (const word of v.columns[key]) {
      const keys = index.get(fold(word)) ?? [];
      if (!keys.includes(key)) index.set(fold(word), [...keys, key]);
    }
  }
  return index;
}

/** The distinct words of every language, longest first, so `mio. kr.` wins over `kr.` and `pct.` over `pct`. */
const longestFirst = (words: string[]) => [...new Set(words)].sort((a, b) => b.length - a.length);

/** Month names of every language, folded, to the month's number. */
export const monthIndex = once(() => {
  const index = new Map<string, number>();
  for (const p of PACKS) p.vocabulary.months.forEach((names, i) => names.forEach((n) => index.set(fold(n), i + 1)));
  return index;
});

/** "By" words before a date (`senest`, `udgangen af`) of every language, folded, longest first. */
export const byDateWords = once(() => longestFirst(PACKS.flatMap((p) => p.vocabulary.byDate.map(fold))));

/** The direction words a target may start with (`mindst 85 %`, `under 65`), in lower case, longest first, with the type each names. */
export const boundWords = once(() => {
  const keys = ['min', 'max', 'below', 'above'] as const;
  const words = PACKS.flatMap((p) => keys.flatMap((k) => p.vocabulary.types[k].map((w) => [w.toLowerCase(), k] as const)));
  return words.sort((a, b) => b[0].length - a[0].length);
});

/** The weight's and points' column words of every language, in lower case, longest first: an area may carry its weight in its label. */
export const weightWords = once(() => longestFirst(PACKS.flatMap((p) => [...p.vocabulary.columns.weight, ...p.vocabulary.columns.points].map((w) => w.toLowerCase()))));
/** The points' column words of every language, in lower case: `(20 point)`. */
export const pointWords = once(() => longestFirst(PACKS.flatMap((p) => p.vocabulary.columns.points.map((w) => w.toLowerCase()))));

/** Labels of a total row in every language, folded. */
export const totalLabels = once(() => new Set(PACKS.flatMap((p) => p.vocabulary.totals.map(fold))));

/** Unit words of every language in lower case, longest first, as they may follow a number (`110 dage`). */
export const unitWords = once(() => longestFirst(PACKS.flatMap((p) => Object.values(p.vocabulary.units).flat().map((w) => w.toLowerCase()))));
/** Each unit word of every language, in lower case, to the unit it names (`min` and `minutter` to minutes). */
export const unitIndex = once(() => {
  const index = new Map<string, UnitKey>();
  for (const key of UNIT_KEYS) for (const p of PACKS) for (const w of p.vocabulary.units[key]) if (!index.has(w.toLowerCase())) index.set(w.toLowerCase(), key);
  return index;
});
/** Words after a bound that give its direction (`eller mere`, `or less`, `eller bedre`), in lower case, longest first, with what each says. */
export const orDirectionWords = once(() => {
  const keys = ['min', 'max', 'better'] as const;
  const words = PACKS.flatMap((p) => keys.flatMap((k) => p.vocabulary.orDirection[k].map((w) => [w.toLowerCase(), k] as const)));
  return words.sort((a, b) => b[0].length - a[0].length);
});
/** Words between a percentile and its bound (`inden for`, `innen`, `within`), in lower case, longest first. */
export const withinWords = once(() => longestFirst(PACKS.flatMap((p) => p.vocabulary.within.map((w) => w.toLowerCase()))));
/** The percentile type's names of every language, in lower case, longest first: `percentil`, `persentil`, `percentile`. */
export const percentileWords = once(() => longestFirst(PACKS.flatMap((p) => p.vocabulary.types.percentile.map((w) => w.toLowerCase()))));
/** A goal's words that give a direction, folded, to the way they say is better: `reduceret` lower, `oget` higher. */
export const directionIndex = once(() => wordIndex<'lower' | 'higher'>(PACKS.flatMap((p) => (['lower', 'higher'] as const).map((k) => [k, p.vocabulary.directions[k]] as ['lower' | 'higher', string[]]))));
/** Working-day words of every language, in lower case. */
export const workingDayWords = once(() => longestFirst(PACKS.flatMap((p) => p.vocabulary.workingDays.map((w) => w.toLowerCase()))));
/** Percent words of every language, in lower case. */
export const percentWords = once(() => longestFirst(PACKS.flatMap((p) => p.vocabulary.percent.map((w) => w.toLowerCase()))));

/** Criterion type names to definition keys; the definitions' own keys are names too. */
export function typeIndex(keys: readonly CriterionKey[]): Map<string, string> {
  const index = wordIndex<string>(keys.map((k) => [k, [k]] as [string, string[]]));
  for (const [k, v] of wordIndex<string>(keys.flatMap((key) => PACKS.map((p) => [key, p.vocabulary.types[key] ?? []] as [string, string[]]))))
    if (!index.has(k)) index.set(k, v);
  return index;
}

export function lookup<K>(index: Map<string, K>, text: string): K | undefined {
  return index.get(fold(text));
}
