/** Working days: "45 pct. inden for 20 arbejdsdage fra modenhedsdato", from raw dates, in the Danish, Norwegian or Swedish calendar. */
import { easter, holidays, isWorkingDay, workingDaysBetween, yearOf } from '../src/engine/calendar';
import { dateFromSerial, serialOf } from '../src/engine/parse';
import type { SheetGrid } from '../src/engine/types';
import { formatMessage, pack } from '../src/i18n';
import { scoreGrids } from '../src/pipeline';

const d = (iso: string) => {
  const [y, m, day] = iso.split('-').map(Number);
  return serialOf(y, m, day);
};

test('Easter and the holidays that follow it', () => {
  expect(easter(2024)).toBe(d('2024-03-31'));
  expect(easter(2025)).toBe(d('2025-04-20'));
  // Maundy Thursday, Good Friday, the weekend and Easter Monday lie between: 2 working days in either calendar.
  expect(workingDaysBetween(d('2024-03-27'), d('2024-04-03'), 'DK')).toBe(2);
  expect(workingDaysBetween(d('2024-03-27'), d('2024-04-03'), 'NO')).toBe(2);
  // 1 May is a Norwegian holiday, not a Danish one.
  expect(workingDaysBetween(d('2024-04-30'), d('2024-05-03'), 'DK')).toBe(3);
  expect(workingDaysBetween(d('2024-04-30'), d('2024-05-03'), 'NO')).toBe(2);
  // Store bededag: a Danish holiday until 2023, abolished from 2024.
  expect(workingDaysBetween(d('2023-05-04'), d('2023-05-08'), 'DK')).toBe(1);
  expect(workingDaysBetween(d('2024-04-25'), d('2024-04-29'), 'DK')).toBe(2);
  expect(workingDaysBetween(d('2024-06-03'), d('2024-06-03'), 'DK')).toBe(0);
});

const plan = (calendar: string | null, limit: string, data = 'Sager!A2:B5'): SheetGrid[] => [
  {
    name: 'Plan',
    values: [
      ['Myndighed', 'Skattestyrelsen'],
      ['År', 2024],
      ...(calendar ? [['Kalender', calendar]] : []),
      [],
      ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Data', 'Grænse'],
      ['1', '45 pct. inden for 2 arbejdsdage fra modenhedsdato', 100, 'andel', '50 %', data, limit],
    ] as SheetGrid['values'],
  },
  {
    name: 'Sager',
    values: [
      ['Modenhedsdato', 'Afsluttet'],
      [new Date('2024-03-27T00:00:00Z'), new Date('2024-04-03T00:00:00Z')], // 2 working days
      [new Date('2024-04-30T00:00:00Z'), new Date('2024-05-03T00:00:00Z')], // DK 3, NO 2
      ['01.06.2024', '04.06.2024'], // from a Saturday: Monday and Tuesday, 2
      [new Date('2024-06-10T00:00:00Z'), null], // not done yet: left out
    ] as SheetGrid['values'],
  },
];

test('a share over pairs of dates counts the cases done within the limit in working days', () => {
  const dk = scoreGrids(plan(null, '2 arbejdsdage'), { lang: 'da' });
  expect(dk.problems).toEqual([]);
  const row = dk.results[0].rows[0];
  expect([row.row.limitInWorkingDays, row.measure]).toEqual([true, 2 / 3]);
  expect(row.explanation).toContain('Sager!A2:B5: inden for 2 arbejdsdage');
  const no = scoreGrids(plan('NO', '2 arbeidsdager'), { lang: 'nb' }).results[0].rows[0];
  expect(no.measure).toBe(1);
  expect(no.status).toBe('met');
});

test('a reference one column wide is named as the problem', () => {
  const { problems } = scoreGrids(plan(null, '20 arbejdsdage', 'Sager!A2:A5'), { lang: 'da' });
  expect(problems.map((p) => `${p.cell}: ${formatMessage(p.message, pack('da'))}`)).toEqual([
    'F5: Arbejdsdage måles mellem to datokolonner: Sager!A2:A5 skal være to kolonner bred (start og slut), fx Sagsdata!B2:C900.',
  ]);
});

test('the Swedish calendar: fixed holidays, Easter’s, and midsummer and All Saints on their weekday', () => {
  const iso = (s: number) => new Date(Date.UTC(1899, 11, 30 + s)).toISOString().slice(0, 10);
  // Worked out from the almanac: Easter Sunday 31 March 2024, 20 April 2025; midsommarafton is the
  // Friday of 19–25 June, midsommardagen the Saturday after it, alla helgons dag the Saturday of 31 October–6 November.
  expect([...holidays(2024, 'SE')].sort((a, b) => a - b).map(iso)).toEqual([
    '2024-01-01', '2024-01-06', '2024-03-29', '2024-03-31', '2024-04-01', '2024-05-01', '2024-05-09', '2024-05-19',
    '2024-06-06', '2024-06-21', '2024-06-22', '2024-11-02', '2024-12-24', '2024-12-25', '2024-12-26', '2024-12-31',
  ]);
  expect([...holidays(2025, 'SE')].sort((a, b) => a - b).map(iso)).toEqual([
    '2025-01-01', '2025-01-06', '2025-04-18', '2025-04-20', '2025-04-21', '2025-05-01', '2025-05-29', '2025-06-06',
    '2025-06-08', '2025-06-20', '2025-06-21', '2025-11-01', '2025-12-24', '2025-12-25', '2025-12-26', '2025-12-31',
  ]);
  // Midsommarafton 2026 falls on 19 June, the first day it can.
  expect(holidays(2026, 'SE').has(d('2026-06-19'))).toBe(true);
  // Maundy Thursday is a working day in Sweden, not in Denmark: after Tuesday 26 March up to Wednesday
  // 3 April 2024, Wednesday, Thursday, Tuesday and Wednesday in Sweden; Thursday not in Denmark.
  expect(workingDaysBetween(d('2024-03-26'), d('2024-04-03'), 'SE')).toBe(4);
  expect(workingDaysBetween(d('2024-03-26'), d('2024-04-03'), 'DK')).toBe(3);
  // Nationaldagen, Thursday 6 June 2024: 3 working days from Tuesday to Monday in Sweden, 4 in Denmark.
  expect(workingDaysBetween(d('2024-06-04'), d('2024-06-10'), 'SE')).toBe(3);
  expect(workingDaysBetween(d('2024-06-04'), d('2024-06-10'), 'DK')).toBe(4);
});

test('a plan that names no calendar counts its language’s holidays; Danish where its language is none or English', () => {
  const sharePlan = (header: string[], limit: string): SheetGrid[] => [
    { name: 'Plan', values: [header, ['1', 'Andel', 100, 'andel', '50 %', 'Sager!A2:B2', limit]] as SheetGrid['values'] },
    // Tuesday 30 April to Friday 3 May 2024 over 1 May: a holiday in Norway and Sweden, not in Denmark.
    { name: 'Sager', values: [['Start', 'Slut'], [new Date('2024-04-30T00:00:00Z'), new Date('2024-05-03T00:00:00Z')]] as SheetGrid['values'] },
  ];
  const measured = (grids: SheetGrid[]) => {
    const r = scoreGrids(grids).results[0];
    return [r.plan.metadata.calendar, r.rows[0].measure];
  };
  expect(measured(sharePlan(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Data', 'Grænse'], '2 arbejdsdage'))).toEqual(['DK', 0]);
  expect(measured(sharePlan(['Nr.', 'Mål', 'Vekt', 'Kravtype', 'Målverdi', 'Data', 'Grense'], '2 arbeidsdager'))).toEqual(['NO', 1]);
  expect(measured(sharePlan(['Nr', 'Indikator', 'Vikt', 'Kravtyp', 'Målvärde', 'Data', 'Gräns'], '2 arbetsdagar'))).toEqual(['SE', 1]);
  expect(measured(sharePlan(['ID', 'Goal', 'Weight', 'Type', 'Target', 'Data', 'Limit'], '2 working days'))).toEqual(['DK', 0]);
});

describe('working days in closed form', () => {
  /** The count day by day, as it was first written: the reference the closed form must equal. */
  const dayByDay = (start: number, end: number, calendar: 'DK' | 'NO' | 'SE') => {
    let count = 0;
    for (let s = Math.floor(start) + 1; s <= Math.floor(end); s++) if (isWorkingDay(s, calendar)) count++;
    return count;
  };
  /** A small deterministic generator, so a failure can be run again. */
  const random = (seed: number) => () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  test.each(['DK', 'NO', 'SE'] as const)('equals the day-by-day count on random pairs of dates (%s)', (calendar) => {
    const next = random(calendar.charCodeAt(0));
    const from = d('1900-01-01');
    const to = d('9999-12-31');
    for (let i = 0; i < 400; i++) {
      const start = from + Math.floor(next() * (to - from)) + (i % 3 ? 0 : 0.75);
      // Mostly short spans, some over years and one year's end, some backwards.
      const span = [Math.floor(next() * 15), Math.floor(next() * 900), Math.floor(next() * 5000) - 100][i % 3];
      expect(workingDaysBetween(start, start + span, calendar)).toBe(dayByDay(start, start + span, calendar));
    }
  });

  test('equals the day-by-day count over two centuries, and over years JavaScript reads oddly (0–99)', () => {
    expect(workingDaysBetween(d('1900-01-01'), d('2100-12-31'), 'DK')).toBe(dayByDay(d('1900-01-01'), d('2100-12-31'), 'DK'));
    const early = serialOf(1900, 1, 1) - 675_000; // the year 52
    expect(workingDaysBetween(early, early + 3000, 'SE')).toBe(dayByDay(early, early + 3000, 'SE'));
  });

  test('a span from 1900 to 9999 is the sum of its years', () => {
    const byYears = (calendar: 'DK' | 'NO' | 'SE') => {
      let sum = 0;
      for (let y = 1900; y <= 9999; y++) sum += workingDaysBetween(d(`${y}-01-01`) - 1, d(`${y}-12-31`), calendar);
      return sum;
    };
    for (const calendar of ['DK', 'NO', 'SE'] as const) expect(workingDaysBetween(d('1900-01-01') - 1, d('9999-12-31'), calendar)).toBe(byYears(calendar));
  });
});

test('the year of a serial, counted without a Date, is the Date\'s year, and none past the dates a Date holds', () => {
  const serials = [-1, 0, 1, 59, 60, 61, 25_568, 25_569, d('2000-02-29'), d('2000-03-01'), d('2100-02-28'), d('2100-03-01'), d('9999-12-31'), 2_958_466];
  // Each side of every year's end from year -2000 to 12000, and the edges of what a Date holds.
  for (let y = -2_000; y <= 12_000; y += 7) serials.push(serialOf(y, 1, 1), serialOf(y, 1, 1) - 1, serialOf(y, 2, 29), serialOf(y, 3, 1));
  for (let s = -1e8 - 25_569; s < 1e8; s += 9_999_991) serials.push(s);
  serials.push(25_569 + 1e8, 25_569 + 1e8 + 1, 25_569 - 1e8, 25_569 - 1e8 - 1, 2.5e9);
  for (const s of serials) expect([s, yearOf(s)]).toEqual([s, dateFromSerial(s).getUTCFullYear()]);
});
