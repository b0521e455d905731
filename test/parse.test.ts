import { parseDate, parseNumberText, parsePercent, parsePeriod, parsePlain, parseRange, parseWeight, parseCompleted, serialOf, dateFromSerial } from '../src/engine';

describe('numbers in Danish, Norwegian and English form', () => {
  test.each([
    ['12,5', 12.5],
    ['1.234,5', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['2.5', 2.5],
    ['1.200', 1200],
    ['1.200.000', 1200000],
    ['−3,5', -3.5],
    ['0', 0],
  ])('%s reads as %d', (text, expected) => {
    expect(parseNumberText(text)).toBeCloseTo(expected, 10);
  });

  test.each(['abc', '1,2,3.4.5x', '', '12 dage', '--1'])('%s is not a number', (text) => {
    expect(parseNumberText(text)).toBeNull();
  });

  test.each([
    ['110 dage', 110],
    ['1.234,5 kr.', 1234.5],
    ['12,5 mio. kr.', 12.5],
    ['20 arbejdsdage', 20],
    ['5 NOK', 5],
    ['3 årsverk', 3],
  ])('a unit after the number only names what is counted: %s is %d', (text, expected) => {
    expect(parsePlain(text)).toEqual({ ok: true, value: expected });
  });

  test.each(['110 overdage', 'dage', '110 dage mere'])('a unit must end the cell, as a word of its own: %s is unreadable', (text) => {
    expect(parsePlain(text)).toEqual({ ok: false, missing: false });
  });

  test('a plain field reads percent text as a fraction, numbers as they are', () => {
    expect(parsePlain('85 %')).toEqual({ ok: true, value: 0.85 });
    expect(parsePlain(85)).toEqual({ ok: true, value: 85 });
    expect(parsePlain(null)).toEqual({ ok: false, missing: true });
    expect(parsePlain('x')).toEqual({ ok: false, missing: false });
    expect(parsePlain(Number.NaN)).toEqual({ ok: false, missing: false });
  });
});

describe('percent fields', () => {
  test.each([
    [85, null, 0.85],
    ['85 %', null, 0.85],
    ['85%', null, 0.85],
    ['85 pct.', null, 0.85],
    ['85 procent', null, 0.85],
    ['85 prosent', null, 0.85],
    [0.85, null, 0.85],
    [0.85, '0%', 0.85],
    ['0,5 %', null, 0.005],
    [1, null, 1],
  ])('%p (format %p) is %d', (value, format, expected) => {
    const p = parsePercent(value as never, format as never);
    expect(p.ok && p.value).toBeCloseTo(expected, 12);
  });

  test('weights are percent points: 5, 5 %, 5 pct. and a %-formatted 0.05 are all 5', () => {
    for (const [v, f] of [[5, null], ['5 %', null], ['5 pct.', null], [0.05, '0%'], [0.05, '0.0%']] as const) {
      const p = parseWeight(v, f);
      expect(p.ok && p.value).toBeCloseTo(5, 12);
    }
  });

  test('ranges', () => {
    expect(parseRange('3-5', null, false)).toEqual({ ok: true, value: { lo: 3, hi: 5 } });
    expect(parseRange('3 – 5', null, false)).toEqual({ ok: true, value: { lo: 3, hi: 5 } });
    expect(parseRange('5-3', null, false)).toEqual({ ok: true, value: { lo: 3, hi: 5 } });
    expect(parseRange('80 %-90 %', null, true)).toEqual({ ok: true, value: { lo: 0.8, hi: 0.9 } });
    expect(parseRange(7, null, false)).toEqual({ ok: true, value: { lo: 7, hi: 7 } });
    expect(parseRange('a-b', null, false)).toEqual({ ok: false, missing: false });
  });

  test.each([
    ['mindst 85 %', true, { lo: 0.85, hi: 0.85, compare: 'atLeast', strict: false }],
    ['min. 85 %', true, { lo: 0.85, hi: 0.85, compare: 'atLeast', strict: false }],
    ['højst 110 dage', false, { lo: 110, hi: 110, compare: 'atMost', strict: false }],
    ['under 65 dage', false, { lo: 65, hi: 65, compare: 'atMost', strict: true }],
    ['mere end 90 %', true, { lo: 0.9, hi: 0.9, compare: 'atLeast', strict: true }],
    ['høyst 14', false, { lo: 14, hi: 14, compare: 'atMost', strict: false }],
    ['at least 3', false, { lo: 3, hi: 3, compare: 'atLeast', strict: false }],
  ] as const)('a direction word before a target is its sign: %s', (text, percent, value) => {
    expect(parseRange(text, null, percent)).toEqual({ ok: true, value });
  });

  test('a word that only begins like a direction is no sign', () => {
    expect(parseRange('overskud 5', null, false)).toEqual({ ok: false, missing: false });
    expect(parseRange('mindst', null, false)).toEqual({ ok: false, missing: false });
  });
});

describe('dates and periods', () => {
  const iso = (serial: number) => dateFromSerial(serial).toISOString().slice(0, 10);
  test.each([
    ['31.12.2024', '2024-12-31'],
    ['31-12-2024', '2024-12-31'],
    ['2024-06-28', '2024-06-28'],
    ['1. halvår 2024', '2024-06-30'],
    ['2. halvår 2024', '2024-12-31'],
    ['Q1 2024', '2024-03-31'],
    ['1. kvartal 2024', '2024-03-31'],
    ['3. kvartal 2024', '2024-09-30'],
    ['T1 2024', '2024-04-30'],
    ['2. tertial 2024', '2024-08-31'],
    ['T3 2024', '2024-12-31'],
    ['H1 2024', '2024-06-30'],
    ['2024', '2024-12-31'],
  ])('%s is %s', (text, expected) => {
    const p = parseDate(text);
    expect(p.ok && iso(p.value)).toBe(expected);
  });

  test.each([
    ['31. december 2024', '2024-12-31'],
    ['15. nov. 2024', '2024-11-15'],
    ['1. juli', '2024-07-01'],
    ['December 31, 2024', '2024-12-31'],
    ['juni 2024', '2024-06-30'],
    ['desember 2024', '2024-12-31'],
    ['senest 31.12.2024', '2024-12-31'],
    ['udgangen af 2024', '2024-12-31'],
    ['ved udgangen af 1. halvår 2024', '2024-06-30'],
    ['senest ultimo september 2024', '2024-09-30'],
    ['innen utgangen av 2. tertial', '2024-08-31'],
    ['by the end of Q3 2024', '2024-09-30'],
  ])('a date written out, %s, is %s', (text, expected) => {
    const p = parseDate(text, 2024);
    expect(p.ok && iso(p.value)).toBe(expected);
  });

  test('a date written out that does not exist, or has no year to take, is refused', () => {
    expect(parseDate('31. februar 2024').ok).toBe(false);
    expect(parseDate('1. juli', null).ok).toBe(false);
    expect(parseDate('juli 20245').ok).toBe(false);
  });

  test('Excel serials, Date objects and a year number', () => {
    expect(serialOf(2024, 12, 31)).toBe(45657);
    expect(parseDate(45657)).toEqual({ ok: true, value: 45657 });
    expect(parseDate(new Date(Date.UTC(2024, 11, 31)))).toEqual({ ok: true, value: 45657 });
    expect(parseDate(2024)).toEqual({ ok: true, value: 45657 });
  });

  test('a period without a year takes the plan year', () => {
    const p = parseDate('Q2', 2024);
    expect(p.ok && iso(p.value)).toBe('2024-06-30');
    expect(parseDate('Q2', null)).toEqual({ ok: false, missing: false });
  });

  test('impossible dates are refused', () => {
    expect(parseDate('31.02.2024').ok).toBe(false);
    expect(parseDate('Q5 2024').ok).toBe(false);
    expect(parseDate('4. tertial 2024').ok).toBe(false);
  });

  test.each([
    ['Q1', 'quarter', 1],
    ['4. kvartal', 'quarter', 4],
    ['T2', 'tertial', 2],
    ['1. tertial', 'tertial', 1],
    ['H1', 'half', 1],
    ['1. halvår', 'half', 1],
    ['År', 'year', 1],
    ['Helår', 'year', 1],
    ['Year', 'year', 1],
    ['Tertial 2', 'tertial', 2],
    ['Kvartal 4', 'quarter', 4],
    ['halvåret 1', 'half', 1],
    ['Helåret', 'year', 1],
  ])('period %s', (text, kind, index) => {
    expect(parsePeriod(text)?.period).toEqual({ kind, index });
  });

  test('a period word before its number, as Swedish plans write it, with a year and as a deadline', () => {
    expect(parsePeriod('Tertial 2 2024')).toEqual({ period: { kind: 'tertial', index: 2 }, year: 2024 });
    const p = parseDate('senest tertial 2 2024');
    expect(p.ok && iso(p.value)).toBe('2024-08-31');
    expect(parsePeriod('Tertial 4')).toBeNull();
    expect(parsePeriod('År 1')).toBeNull();
  });

  test('dates written out in Swedish', () => {
    for (const [text, want] of [['30 juni 2024', '2024-06-30'], ['senast den 31 december 2024', '2024-12-31'], ['vid utgången av augusti 2024', '2024-08-31'], ['2024-06-28', '2024-06-28']]) {
      const p = parseDate(text);
      expect([text, p.ok && iso(p.value)]).toEqual([text, want]);
    }
  });

  test('completed: yes/no words and dates', () => {
    expect(parseCompleted('ja', 2024)).toEqual({ ok: true, value: { date: null, done: true } });
    expect(parseCompleted('Nej', 2024)).toEqual({ ok: true, value: { date: null, done: false } });
    expect(parseCompleted('nei', 2024)).toEqual({ ok: true, value: { date: null, done: false } });
    expect(parseCompleted('yes', 2024)).toEqual({ ok: true, value: { date: null, done: true } });
    expect(parseCompleted('15.06.2024', 2024)).toEqual({ ok: true, value: { date: serialOf(2024, 6, 15), done: true } });
    expect(parseCompleted('måske', 2024).ok).toBe(false);
  });
});
