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

/** A year's public holidays in a calendar, as serials. */
function holidaysOf(year: number, calendar: Calendar): Set<number> {
  const def = HOLIDAYS[calendar];
  const e = easter(year);
  return new Set([
    ...def.fixed.map(([m, d]) => serialOf(year, m, d)),
    ...def.fromEaster.filter((offset) => def.until?.[offset] === undefined || year <= def.until[offset]).map((offset) => e + offset),
    ...(def.weekdayFrom ?? []).map((rule) => weekdayFrom(year, rule)),
  ]);
}

const holidayCache = new Map<string, Set<number>>();

export function holidays(year: number, calendar: Calendar): Set<number> {
  const key = `${calendar}${year}`;
  let set = holidayCache.get(key);
  if (!set) holidayCache.set(key, (set = holidaysOf(year, calendar)));
  return set;
}

export function isWorkingDay(serial: number, calendar: Calendar): boolean {
  const date = dateFromSerial(serial);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays(date.getUTCFullYear(), calendar).has(serial);
}

/** Weekday of a serial, 0 Sunday … 6 Saturday: serial 0 (30 December 1899) was a Saturday. */
const weekdayOf = (serial: number) => (((serial + 6) % 7) + 7) % 7;
const isWeekend = (serial: number) => {
  const w = weekdayOf(serial);
  return w === 0 || w === 6;
};

/** Serial of 1 January 1970, where a Date counts from. */
const UNIX_DAY = 25_569;
/** Days a Date reaches either side of 1970: past them it is no date, and has no year. */
const DATE_DAYS = 100_000_000;

/**
 * The year of a whole serial, as `dateFromSerial(serial).getUTCFullYear()` gives it (NaN past the
 * dates JavaScript holds), counted without making a Date: the proleptic Gregorian calendar's
 * 400-year eras from 1 March of year 0 (H. Hinnant's days-to-civil).
 */
export function yearOf(serial: number): number {
  const days = Math.floor(serial) - UNIX_DAY;
  if (!(Math.abs(days) <= DATE_DAYS)) return NaN;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  // Months count from March: the tenth on (January, February) belongs to the next year.
  return yearOfEra + era * 400 + (Math.floor((5 * dayOfYear + 2) / 153) >= 10 ? 1 : 0);
}

/** Monday to Friday from `first` to `last`, both included: five a whole week, the days left counted one by one. */
function weekdaysIn(first: number, last: number): number {
  const days = last - first + 1;
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  for (let d = first + weeks * 7; d <= last; d++) if (!isWeekend(d)) count++;
  return count;
}

/**
 * A year's holidays that fall on a weekday within the year: those a working day can lose. (Years
 * 0–99 read as 1900–1999 in `Date.UTC`, so their holidays fall outside them, as the day-by-day
 * count found too.)
 */
const onWeekdays = (year: number, set: Set<number>) => [...set].filter((s) => !isWeekend(s) && yearOf(s) === year);

/** Weekday holidays of whole years, summed from a first year on; grown by doubling as dates ask for more. */
class HolidaySums {
  private first = 0;
  /** `sums[i]`: weekday holidays of the years `first` to `first + i - 1`; one entry while no year is covered. */
  private sums = new Float64Array(1);

  constructor(private readonly calendar: Calendar) {}

  /** Weekday holidays of the years `from` to `to`, both included. */
  between(from: number, to: number): number {
    if (to < from) return 0;
    this.cover(from, to);
    return this.sums[to - this.first + 1] - this.sums[from - this.first];
  }

  private cover(from: number, to: number): void {
    const years = this.sums.length - 1;
    const last = this.first + years - 1;
    if (years && from >= this.first && to <= last) return;
    // At least twice the years covered, so a run of dates each a year further costs linear time in all.
    const lo = years ? Math.min(from, this.first - years) : from;
    const hi = years ? Math.max(to, last + years) : to;
    const sums = new Float64Array(hi - lo + 2);
    // Counted without the holiday cache: thousands of years need not stay in memory as sets.
    for (let y = lo; y <= hi; y++) sums[y - lo + 1] = sums[y - lo] + onWeekdays(y, holidaysOf(y, this.calendar)).length;
    this.first = lo;
    this.sums = sums;
  }
}

const holidaySums = new Map<Calendar, HolidaySums>();

const weekdayCache = new Map<string, number[]>();

/** A year's holidays on weekdays within it, once per year and calendar: a million pairs of dates ask for the same few years. */
function weekdayHolidays(year: number, calendar: Calendar): number[] {
  const key = `${calendar}${year}`;
  let list = weekdayCache.get(key);
  if (!list) weekdayCache.set(key, (list = onWeekdays(year, holidays(year, calendar))));
  return list;
}

/** Weekday holidays from `first` to `last`, both included: the two end years counted, the years between summed. */
function holidaysIn(first: number, last: number, calendar: Calendar): number {
  if (last < first) return 0;
  const y1 = yearOf(first);
  const y2 = yearOf(last);
  const within = (year: number) => {
    let count = 0;
    for (const s of weekdayHolidays(year, calendar)) if (s >= first && s <= last) count++;
    return count;
  };
  if (y1 === y2) return within(y1);
  let sums = holidaySums.get(calendar);
  if (!sums) holidaySums.set(calendar, (sums = new HolidaySums(calendar)));
  return within(y1) + sums.between(y1 + 1, y2 - 1) + within(y2);
}

/**
 * Working days after `start` up to and including `end`: 0 when done the same day or the next
 * non-working day. Counted in closed form (whole weeks, then the year's holidays on weekdays), so
 * a pair of dates eight thousand years apart costs what a pair a week apart does.
 */
export function workingDaysBetween(start: number, end: number, calendar: Calendar): number {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 0;
  const first = Math.floor(start) + 1;
  const last = Math.floor(end);
  if (last < first) return 0;
  // Past the dates JavaScript holds no year is known: no count, so no case counts as done in time.
  if (!Number.isFinite(yearOf(first)) || !Number.isFinite(yearOf(last))) return NaN;
  return weekdaysIn(first, last) - holidaysIn(first, last, calendar);
}
