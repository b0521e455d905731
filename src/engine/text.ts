/**
 * Case- and accent-insensitive matching of header texts and keywords, so `Målværdi`, `MALVAERDI`
 * and `malvaerdi` are one word. æ and ø do not decompose in Unicode, so they are spelled out.
 */
import { memo, once } from './memo';

const LETTERS: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss' };

/** Plans repeat their keywords (types, scales, assessments) on every row: folded once each. */
export const fold: (text: string) => string = memo(foldText);

function foldText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => LETTERS[c])
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}

/** A lookup from folded words to keys, built once from declared word lists. */
export function wordIndex<K extends string>(entries: Iterable<[K, readonly string[]]>): Map<string, K> {
  const index = new Map<string, K>();
  for (const [key, words] of entries) {
    for (const word of words) {
      const folded = fold(word);
      if (folded && !index.has(folded)) index.set(folded, key);
    }
  }
  return index;
}

/** The text of a cell as a user would read it. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  // An invalid date (a damaged cell) reads as nothing rather than throwing.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'error' in (value as object)) return String((value as { error: string }).error);
  return String(value).trim();
}

/** A word as a regular expression matches it literally (`mio. kr.`). */
export const escapeRegExp = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const graphemes = once(() => (typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null));

/** Excel's own limits on text, in UTF-16 units as Excel counts them: a cell, a sheet's name, a page header or footer. */
export const CELL_CHARS = 32_767;
export const SHEET_NAME_CHARS = 31;
export const PAGE_TEXT_CHARS = 255;

/**
 * The longest start of a text that fits in `max` UTF-16 units (Excel counts a text's length in
 * them: an emoji is two), cut between characters as a reader sees them: never inside a surrogate
 * pair (which would leave U+FFFD), nor between a letter and its accent or an emoji's parts.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const segmenter = graphemes();
  if (!segmenter) return text.slice(0, isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max);
  let end = 0;
  // The segments are made as they are asked for: a long text costs only what is kept.
  for (const { index, segment } of segmenter.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return text.slice(0, end);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
