/**
 * Numbers and dates as a language writes them, from what its pack declares (`numerals`): the same
 * text Intl.NumberFormat and Intl.DateTimeFormat give for the pack's locale (test/numerals.test.ts
 * holds the two together), without building Intl's formatters, which took about a tenth of the
 * command line's run on one plan. What the declared form does not cover (NaN, ∞, a number
 * JavaScript writes with an exponent, a year before 1) is left to Intl.
 */

/** How a language writes numbers and dates. */
export interface Numerals {
  /** Between the whole and the fraction: `,` in `97,8`. */
  decimal: string;
  /** Between the thousands: `.` in `10.000`; a no-break space in Norwegian and Swedish. */
  group: string;
  /** Before a negative number: Norwegian and Swedish write U+2212, not the hyphen. */
  minus: string;
  /** A date: `DD` the day and `MM` the month in two digits, `YYYY` the year in full (`DD.MM.YYYY`). */
  date: string;
}

const intlNumbers = new Map<string, Intl.NumberFormat>();
const intlDates = new Map<string, Intl.DateTimeFormat>();

function intlNumber(locale: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale} ${fractionDigits}`;
  let format = intlNumbers.get(key);
  if (!format) intlNumbers.set(key, (format = new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits })));
  return format;
}

/** A string of digits plus one in its last place: `199` → `200`, `99` → `100`. */
function plusOne(digits: string): string {
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') i--;
  const zeros = '0'.repeat(digits.length - 1 - i);
  return i < 0 ? `1${zeros}` : `${digits.slice(0, i)}${String.fromCharCode(digits.charCodeAt(i) + 1)}${zeros}`;
}

/**
 * `n` with at most `fractionDigits` decimals, as Intl writes it with `maximumFractionDigits`: from
 * the shortest decimal that reads back as `n` (1.005 is `1,01`, where toFixed says 1.00), half
 * away from zero, without trailing zeros, grouped by thousands; a negative number that rounds to
 * zero as `-0`, as Intl writes it. Zero itself is `0` whatever its sign (Intl writes −0 `-0`, and
 * the formatter's memo, which holds 0 and −0 as one, made that depend on which came first).
 */
export function decimalText(n: number, fractionDigits: number, w: Numerals, locale: string): string {
  const shortest = String(Math.abs(n));
  if (!Number.isFinite(n) || shortest.includes('e')) return intlNumber(locale, fractionDigits).format(n);
  const point = shortest.indexOf('.');
  let whole = point < 0 ? shortest : shortest.slice(0, point);
  let fraction = point < 0 ? '' : shortest.slice(point + 1);
  if (fraction.length > fractionDigits) {
    const up = fraction[fractionDigits] >= '5';
    fraction = fraction.slice(0, fractionDigits);
    if (up) {
      const sum = plusOne(whole + fraction);
      whole = sum.slice(0, sum.length - fraction.length);
      fraction = sum.slice(sum.length - fraction.length);
    }
  }
  fraction = fraction.replace(/0+$/, '');
  const sign = n < 0 ? w.minus : '';
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, w.group)}${fraction ? w.decimal + fraction : ''}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A date (its day in UTC) as Intl writes it with day and month in two digits and the year numeric. */
export function dateText(date: Date, w: Numerals, locale: string): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1)) {
    let format = intlDates.get(locale);
    if (!format) intlDates.set(locale, (format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' })));
    return format.format(date);
  }
  return w.date.replace('DD', two(date.getUTCDate())).replace('MM', two(date.getUTCMonth() + 1)).replace('YYYY', String(year));
}
