/**
 * A requirement as plans write it in one cell, beyond a number or a range: a direction after the
 * bound (`11 minutter eller bedre`, `85 % eller mere`), a requirement at a percentile (`80 % inden
 * for 11 minutter`, `80. persentil under 11 minutter`, `P80 ≤ 11 min`), and the direction a goal's
 * own words give (`Reduceret ventetid`). The words are each language pack's.
 */
import { memo, once } from './memo';
import { parseNumberText, parseRange } from './parse';
import { escapeRegExp, fold } from './text';
import type { CellValue, Parsed, Target } from './types';
import { orDirection, UNITS, unitOf } from './units';
import { boundWords, directionIndex, percentWords, percentileWords, withinWords } from './vocabulary';

const alternation = (words: readonly string[]) => words.map(escapeRegExp).join('|');
const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`;

/**
 * The ways a text names a percentile, each capturing its number: `80 %` or `80 pct.` (before a
 * "within" or a bound), `80. percentil`, `80-persentil`, `80th percentile`, `P80`.
 */
const percentileForms = once(() => {
  const share = `${NUMBER}\\s*(?:%|${alternation(percentWords())})`;
  const ordinal = `${NUMBER}\\s*(?:\\.|:e|th|st|nd|rd)?\\s*-?\\s*(?:${alternation(percentileWords())})\\b`;
  const named = String.raw`\bp\s?(\d{1,2}(?:[.,]\d+)?)\b`;
  const guard = `(?:${alternation(withinWords())}|${alternation(boundWords().map(([w]) => w))})`;
  return {
    /** At the start of a target, with the bound after it. */
    leading: [new RegExp(`^${share}\\s+(?:.*?\\s)??(?=${guard}\\s)(.+)$`, 'i'), new RegExp(`^${ordinal}[\\s:,]*(.+)$`, 'i'), new RegExp(`^${named}[\\s:,]*(.+)$`, 'i')],
    /** Anywhere in a goal's text: the share form only before a "within" or a bound word. */
    within: [new RegExp(`${share}\\s+(?:\\S+\\s+){0,6}?${guard}\\s`, 'i'), new RegExp(ordinal, 'i'), new RegExp(named, 'i')],
    /** A type cell that names the percentile: `80. persentil`, `P80`. */
    type: new RegExp(`^(?:${named}|${ordinal})$`, 'i'),
  };
});

/** A percentile written as percent points, as a fraction; null outside (0, 100]. */
function fraction(text: string | undefined): number | null {
  const n = text === undefined ? null : parseNumberText(text);
  return n !== null && n > 0 && n <= 100 ? n / 100 : null;
}

/**
 * `80 % inden for 11 minutter`, `mindst 80 % af opkaldene inden for 11 minutter`: the percentile
 * and the bound after it; null for a target of no percentile. "At least" before a share says
 * nothing more: at least 80 % within 11 minutes is the 80th percentile within 11 minutes.
 */
function percentilePrefix(target: string): { percentile: number; rest: string } | null {
  const lower = target.toLowerCase();
  const atLeast = boundWords().find(([w, k]) => k === 'min' && lower.startsWith(`${w} `) && /^\d/.test(target.slice(w.length).trim()));
  const text = atLeast ? target.slice(atLeast[0].length).trim() : target;
  for (const form of percentileForms().leading) {
    const m = form.exec(text);
    const percentile = m && fraction(m[1]);
    if (m && percentile !== null) return { percentile, rest: m[2].trim() };
  }
  return null;
}

/** The bound after a percentile: `inden for 11 minutter` is at most 11; a sign or word says otherwise. */
function percentileBound(rest: string): Parsed<Target> {
  const lower = rest.toLowerCase();
  const within = withinWords().find((w) => lower.startsWith(`${w} `));
  const bound = parseTarget(within ? rest.slice(within.length).trim() : rest, false);
  if (!bound.ok) return bound;
  return { ok: true, value: within && !bound.value.compare ? { ...bound.value, compare: 'atMost' } : bound.value };
}

/**
 * A target cell's text: a bound with a direction after it, a percentile and its bound, or a number
 * or range as `parseRange` reads it. `percent` reads bare numbers as percent points.
 */
export function parseTarget(value: CellValue, percent: boolean, format?: string | null): Parsed<Target> {
  if (typeof value !== 'string') return parseRange(value, format, percent);
  const text = value.trim();
  const at = percentilePrefix(text);
  if (at) {
    const bound = percentileBound(at.rest);
    return bound.ok ? { ok: true, value: { ...bound.value, percentile: at.percentile } } : bound;
  }
  const or = orDirection(text.toLowerCase());
  if (!or) return parseRange(value, format, percent);
  const bound = parseRange(text.slice(0, or.rest.length), format, percent);
  if (!bound.ok || bound.value.compare) return bound;
  if (or.says === 'better') {
    const unit = unitOf(or.rest) ?? (percent ? 'percent' : null);
    return { ok: true, value: { ...bound.value, better: unit ? UNITS[unit].better : null } };
  }
  return { ok: true, value: { ...bound.value, compare: or.says === 'min' ? 'atLeast' : 'atMost' } };
}

/** The percentile a goal's text or a type cell names (`80 % av hasteoppdragene innen 11 minutter`, `80. persentil`); null for none. */
export function percentileIn(text: string): number | null {
  for (const form of percentileForms().within) {
    const p = fraction(form.exec(text)?.[1]);
    if (p !== null) return p;
  }
  return null;
}

/** A type cell that is the percentile type with its percentile (`80. persentil`, `P80`): the percentile; null otherwise. */
export function percentileType(text: string): number | null {
  const m = percentileForms().type.exec(text.trim());
  return m ? fraction(m[1] ?? m[2]) : null;
}

/**
 * The direction a goal's words give: `Reduceret ventetid`, `Lav kriminalitet`, `Færre klager` say
 * lower is better; `Øget andel`, `Høj tilfredshed` higher. Words of both ways, or none, give none.
 */
export const wordDirection = memo((title: string): { compare: 'atLeast' | 'atMost'; word: string } | null => {
  let found: { compare: 'atLeast' | 'atMost'; word: string } | null = null;
  for (const word of title.split(/[^\p{L}\p{N}]+/u)) {
    const way = word && directionIndex().get(fold(word));
    if (!way) continue;
    const compare = way === 'lower' ? 'atMost' : 'atLeast';
    if (found && found.compare !== compare) return null;
    found ??= { compare, word };
  }
  return found;
});
