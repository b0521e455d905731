/**
 * The engine writes numbers and dates from each pack's declared numerals, not through Intl: every
 * language must write them exactly as Intl does for its locale, the explanations' and messages'
 * numbers included.
 */
import fc from 'fast-check';
import { dateFromSerial, formatter, formatWith, PACKS } from '../src/engine';

/** Numbers as plans hold them: counts, amounts, shares, rounding ties, and any double at all. */
const numbers = fc.oneof(
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 1000),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100 + 0.005),
  fc.integer({ min: -1e4, max: 1e4 }).map((n) => n / 10 + 0.05),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double(),
);

describe.each(PACKS.map((lang) => [lang.code, lang] as const))('%s writes numbers and dates as Intl does for its locale', (_, lang) => {
  const f = formatter(lang);
  const number = new Intl.NumberFormat(lang.locale, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(lang.locale, { maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(lang.locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });

  // Zero is 0 whatever its sign, where Intl writes −0 as `-0`.
  const intl = (format: Intl.NumberFormat, n: number) => format.format(n === 0 ? 0 : n);

  test('numbers, at two decimals', () => {
    fc.assert(fc.property(numbers, (n) => f.number(n) === intl(number, n)), { numRuns: 5000 });
    expect(f.number(-0)).toBe('0');
    for (const n of [0, 1.005, 0.125, -0.001, 999.995, 1e21, 1e-7, -1e-7, NaN, Infinity, -Infinity, 123456789.125]) expect(f.number(n)).toBe(intl(number, n));
  });

  test('percents, at one decimal', () => {
    fc.assert(fc.property(numbers, (x) => f.percent(x) === `${intl(percent, x * 100)} %`), { numRuns: 5000 });
    for (const x of [0.978, 0.00049, 0.0005, -0.0004, 1, 12.3456]) expect(f.percent(x)).toBe(`${intl(percent, x * 100)} %`);
  });

  test('dates, from a serial of any day and time', () => {
    const serials = fc.oneof(fc.integer({ min: -700_000, max: 3_000_000 }), fc.double({ min: -700_000, max: 3_000_000, noNaN: true }));
    fc.assert(fc.property(serials, (s) => f.date(s) === date.format(dateFromSerial(s))), { numRuns: 5000 });
  });

  test("a message's {name:number}", () => {
    fc.assert(fc.property(numbers, (n) => formatWith('{n:number}', 'x', { n }, lang) === intl(number, n)), { numRuns: 1000 });
  });
});

test.each(PACKS.map((lang) => [lang.code, lang] as const))('%s: a day past a Date’s range is written as its number, never an error', (_, lang) => {
  // A year cell of −271,255 puts a what-if's example date 100 million days before 1900.
  const serial = -101_000_000;
  expect(Number.isNaN(dateFromSerial(serial).getTime())).toBe(true);
  expect(formatter(lang).date(serial)).toBe(formatter(lang).number(serial));
  expect(formatter(lang).date(45_473)).not.toBe(formatter(lang).number(45_473));
});
