/**
 * Units are part of a value: `50 dage`, `47 %`, `12 min`, `12,5 mio. kr.`. The table declares what
 * each unit is; the words that name it are each language pack's (`vocabulary.units`, and
 * `vocabulary.percent` for percent). A number with no unit is read in its requirement's unit.
 */
import { memo, once } from './memo';
import { escapeRegExp, fold } from './text';
import { isPercentFormat, parseNumberText, wordAfterNumber } from './parse';
import type { CellValue, MeasureUnit } from './types';
import { orDirectionWords, percentWords, unitIndex, unitWords } from './vocabulary';

/** What a unit is, as the rules over values need it. */
interface UnitTraits {
  /**
   * The way "better" points in `11 minutter eller bedre`: down for time taken, up for a
   * percentage (a share); none where it depends on the goal (an amount, a count, points).
   */
  better: 'atLeast' | 'atMost' | null;
  /** A duration or a count cannot be below 0. */
  nonNegative: boolean;
  /**
   * A goal's text that names it (`Sagsbehandlingstid i dage`) tells its measure is time taken,
   * which cannot be below 0, though its cells name no unit. Not years: `år` in a goal's text is
   * most often the calendar year.
   */
  timeTaken?: boolean;
}

const TIME: UnitTraits = { better: 'atMost', nonNegative: true, timeTaken: true };
const AMOUNT: UnitTraits = { better: null, nonNegative: false };
const COUNT: UnitTraits = { better: null, nonNegative: true };

/** Every unit, one entry each: the compiler names a unit of `UNIT_KEYS` without one. */
export const UNITS: { readonly [K in MeasureUnit]: UnitTraits } = {
  percent: { better: 'atLeast', nonNegative: false },
  percentPoints: { better: 'atLeast', nonNegative: false },
  days: TIME,
  workingDays: TIME,
  hours: TIME,
  minutes: TIME,
  weeks: TIME,
  months: TIME,
  years: { better: 'atMost', nonNegative: true },
  kroner: AMOUNT,
  thousandKroner: AMOUNT,
  millionKroner: AMOUNT,
  billionKroner: AMOUNT,
  euro: AMOUNT,
  count: COUNT,
  fte: COUNT,
  points: AMOUNT,
};

/**
 * A trailing `eller mere`, `or less`, `eller bedre` and the text before it; null when the text
 * ends with none. Lower case in, lower case out.
 */
export function orDirection(lower: string): { rest: string; says: 'min' | 'max' | 'better' } | null {
  for (const [word, says] of orDirectionWords()) {
    if (lower.endsWith(word) && /\s/.test(lower[lower.length - word.length - 1] ?? '')) {
      const rest = lower.slice(0, -word.length).trim();
      if (rest) return { rest, says };
    }
  }
  return null;
}

/** The unit a text names after its number (`47 %`, `50 dage`, `12 min eller bedre`); null for a bare number. */
const textUnit = memo((text: string): MeasureUnit | null => {
  const trimmed = text.trim().toLowerCase();
  const lower = orDirection(trimmed)?.rest ?? trimmed;
  if (lower.endsWith('%') || wordAfterNumber(lower, percentWords())) return 'percent';
  const word = wordAfterNumber(lower, unitWords());
  return word ? (unitIndex().get(word) ?? null) : null;
});

/** The unit a number format shows: a percent, or a unit in quoted text (`0" dage"`, `#,##0 "kr."`). */
const formatUnit = memo((format: string): MeasureUnit | null => {
  if (isPercentFormat(format)) return 'percent';
  for (const [, quoted] of format.matchAll(/"([^"]*)"/g)) {
    const word = quoted.trim().toLowerCase();
    const unit = unitIndex().get(word);
    if (unit) return unit;
  }
  return null;
});

/** The unit a cell's value is written in: its text's, or its number format's; null where it names none. */
export function unitOf(value: CellValue, format?: string | null): MeasureUnit | null {
  if (typeof value === 'number') return format ? formatUnit(format) : null;
  return typeof value === 'string' ? textUnit(value) : null;
}

/**
 * The number of a cell as written, without its unit or direction words (`47` of `47 %`, `11` of
 * `11 minutter eller bedre`), for a message's example; a percent-formatted number as its percent.
 */
export function numberText(value: CellValue, format?: string | null): string {
  if (typeof value === 'number') return String(isPercentFormat(format) ? Math.round(value * 1e8) / 1e6 : value);
  const m = typeof value === 'string' ? value.match(/[-+\u2212]?\d[\d.,\u00a0 ]*/) : null;
  return m ? m[0].trim() : '';
}

/** Unit words of time taken, folded, of four letters or more: short ones (`t`, `min`) stand for other things in a text. */
const timeWords = once(() => new Map([...unitIndex()].filter(([word, unit]) => UNITS[unit].timeTaken && fold(word).length >= 4).map(([word, unit]) => [fold(word), unit])));

/** The unit of time taken a goal's text names (`Sagsbehandlingstid i dage`, `højst 14 dage pr. medarbejder`); null for none. */
export const timeInText = memo((text: string): MeasureUnit | null => {
  for (const word of fold(text).split(' ')) {
    const unit = timeWords().get(word);
    if (unit) return unit;
  }
  return null;
});

/** A number in a text and the unit after it: `14 dage`, `85 pct.`, `12,5 mio. kr.`. */
const numberWithUnit = once(() => {
  const words = ['%', ...percentWords(), ...unitWords()].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
  return new RegExp(`(?<![\\d.,])(\\d+(?:[.,]\\d+)*)\\s*(${words})(?![\\p{L}\\d])`, 'giu');
});

/**
 * A digit with something after it other than digits and spaces: what every number with a unit
 * starts with (no unit word starts with a digit or a space). Most goals' texts have none (`Krav
 * 12`, `Kortere ventetid`), and are passed over without the pattern of every unit word.
 */
const NUMBER_THEN_WORD = /\d\s*[^\d\s]/;

/** Whether a text may write a unit after a number: false for most goals' texts, which need no pattern tried. */
export const mayNameUnit = (text: string): boolean => NUMBER_THEN_WORD.test(text);

const NO_UNITS: readonly { n: number; unit: MeasureUnit }[] = Object.freeze([]);

/** Each number in a text with the unit written after it. */
const unitsInText = (text: string): readonly { n: number; unit: MeasureUnit }[] => (mayNameUnit(text) ? unitsWritten(text) : NO_UNITS);

const unitsWritten = memo((text: string): { n: number; unit: MeasureUnit }[] => {
  const found: { n: number; unit: MeasureUnit }[] = [];
  for (const m of text.matchAll(numberWithUnit())) {
    const n = parseNumberText(m[1]);
    const unit = textUnit(`1 ${m[2]}`);
    if (n !== null && unit) found.push({ n, unit });
  }
  return found;
});

/**
 * The unit a goal's text writes after the number of one of its cells: a plan that gives its target
 * as a bare 14 often says `højst 14 dage pr. medarbejder` in the goal's text. Null where the text
 * does not restate that number with a unit, or restates it with two.
 */
export function unitInText(text: string, cell: CellValue): MeasureUnit | null {
  const n = typeof cell === 'number' ? cell : parseNumberText(numberText(cell));
  if (n === null || !text) return null;
  let unit: MeasureUnit | null = null;
  for (const said of unitsInText(text)) {
    if (Math.abs(said.n - n) > 1e-9) continue;
    if (unit && unit !== said.unit) return null;
    unit = said.unit;
  }
  return unit;
}
