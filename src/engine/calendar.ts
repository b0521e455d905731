/**
 * Working days between two dates, in the Danish, Norwegian or Swedish calendar: weekends and
 * public holidays are not working days. The movable holidays follow Easter (the Gregorian
 * computus), or fall on a weekday within a few days of a date (Swedish midsummer).
 */
import { dateFromSerial, serialOf } from './parse';
import type { Calendar } from './types';

/** Easter Sunday of a year (anonymous Gregorian algorithm), as a serial. */
export function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return serialOf(year, month, day);
}

interface Holidays {
  /** Month and day. */
  fixed: [number, number][];
  /** Days counted from Easter Sunday. */
  fromEaster: number[];
  /** The last year of a day counted from Easter that was abolished, by its offset. */
  until?: Record<number, number>;
  /** The first day of a weekday (0 Sunday … 6 Saturday) on or after a month and day: `[6, 19, 5]` is the Friday of 19–25 June. */
  weekdayFrom?: [number, number, number][];
}

/** Each calendar's public holidays. */
const HOLIDAYS: Record<Calendar, Holidays> = {
  // Nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, store bededag (abolished from 2024),
  // Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag, 2. juledag.
  DK: { fixed: [[1, 1], [12, 25], [12, 26]], fromEaster: [-3, -2, 0, 1, 26, 39, 49, 50], until: { 26: 2023 } },
  // Nyttårsdag, 1. mai, 17. mai, skjærtorsdag, langfredag, påskedag, 2. påskedag, Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag, 2. juledag.
  NO: { fixed: [[1, 1], [5, 1], [5, 17], [12, 25], [12, 26]], fromEaster: [-3, -2, 0, 1, 39, 49, 50] },
  // Nyårsdagen, trettondedag jul, första maj, nationaldagen, julafton, juldagen, annandag jul,
  // nyårsafton; långfredagen, påskdagen, annandag påsk, Kristi himmelsfärdsdag, pingstdagen;
  // midsommarafton, midsommardagen, alla helgons dag. Julafton, midsommarafton and nyårsafton are
  // no public holidays in law, but days off as the law on working time and most agreements count them.
  SE: {
    fixed: [[1, 1], [1, 6], [5, 1], [6, 6], [12, 24], [12, 25], [12, 26], [12, 31]],
    fromEaster: [-2, 0, 1, 39, 49],
    weekdayFrom: [[6, 19, 5], [6, 20, 6], [10, 31, 6]],
  },
};

/** The first `weekday` on or after a month and day of a year, as a serial. */
function weekdayFrom(year: number, [month, day, weekday]: [number, number, number]): number {
  const first = serialOf(year, month, day);
  return first + ((weekday - dateFromSerial(first).getUTCDay() + 7) % 7);
}

const holidayCache = new Map<string, Set<number>>();

export function holidays(year: number, calendar: Calendar): Set<number> {
  const key = `${calendar}${year}`;
  let set = holidayCache.get(key);
  if (!set) {
    const def = HOLIDAYS[calendar];
    const e = easter(year);
    set = new Set([
      ...def.fixed.map(([m, d]) => serialOf(year, m, d)),
      ...def.fromEaster.filter((offset) => def.until?.[offset] === undefined || year <= def.until[offset]).map((offset) => e + offset),
      ...(def.weekdayFrom ?? []).map((rule) => weekdayFrom(year, rule)),
    ]);
    holidayCache.set(key, set);
  }
  return set;
}

export function isWorkingDay(serial: number, calendar: Calendar): boolean {
  const date = dateFromSerial(serial);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays(date.getUTCFullYear(), calendar).has(serial);
}

/** Working days after `start` up to and including `end`: 0 when done the same day or the next non-working day. */
export function workingDaysBetween(start: number, end: number, calendar: Calendar): number {
  let count = 0;
  for (let d = Math.floor(start) + 1; d <= Math.floor(end); d++) if (isWorkingDay(d, calendar)) count++;
  return count;
}
