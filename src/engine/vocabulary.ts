import { PACKS } from './i18n';
import type { Vocabulary } from './i18n/types';
import { fold, wordIndex } from './text';
import { COLUMN_KEYS, METADATA_KEYS, type AssessmentKey, type ColumnKey, type CriterionKey, type MetadataKey, type Period } from './types';

/**
 * The reader understands every language at once: a Danish plan may carry English headers. These
 * indexes merge the declared word lists of all language packs and are built once.
 */
function merged<K extends string>(keys: readonly K[], pick: (v: Vocabulary) => Partial<Record<K, string[]>>) {
  return wordIndex<K>(keys.flatMap((key) => PACKS.map((p) => [key, pick(p.vocabulary)[key] ?? []] as [K, string[]])));
}

export const columnIndex = merged<ColumnKey>(COLUMN_KEYS, (v) => v.columns);
export const metadataIndex = merged<MetadataKey>(METADATA_KEYS, (v) => v.metadata);
export const assessmentIndex = merged<AssessmentKey>(['met', 'partly', 'not_met'], (v) => v.assessments);
export const scaleIndex = merged<'binary' | 'linear' | 'partial'>(['binary', 'linear', 'partial'], (v) => v.scales);
export const periodWords = merged<Period['kind']>(['quarter', 'tertial', 'half', 'year'], (v) => v.periods);
export const yesNoIndex = merged<'yes' | 'no'>(['yes', 'no'], (v) => ({ yes: v.yes, no: v.no }));

/** Working-day words of every language, longest first. */
/** Unit words of every language, longest first, so `mio. kr.` wins over `kr.`. */
export const unitWords: string[] = [...new Set(PACKS.flatMap((p) => p.vocabulary.units))].sort((a, b) => b.length - a.length);

export const workingDayWords: string[] = [...new Set(PACKS.flatMap((p) => p.vocabulary.workingDays.map((w) => w.toLowerCase())))].sort((a, b) => b.length - a.length);

/** Percent words longest first, so `pct.` is stripped before `pct`. */
export const percentWords: string[] = [...new Set(PACKS.flatMap((p) => p.vocabulary.percent.map((w) => w.toLowerCase())))].sort(
  (a, b) => b.length - a.length,
);

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
