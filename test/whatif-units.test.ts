/**
 * What-if in the goal's own unit: the required value reads as its criterion declares (a level, a
 * percent, a count of cases, a date), and an input the goal cannot have is refused at its box with
 * the reason, leaving the total where it was.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CRITERIA, formatter, readWhatIf, whatIf, whatIfInput, type PlanResult, type RowResult } from '../src/engine';
import { SCORE_COLUMNS } from '../src/layout/scoreSheet/columns';
import { FORMATS } from '../src/layout/model';
import { dataFromGrids, scoreGrids } from '../src/pipeline';
import { formatMessage, LANGUAGES, pack } from '../src/i18n';
import { readGrids } from '../src/xlsx';
import { planGrid, score } from './helpers';

const seed = async (name: string, lang = 'da'): Promise<PlanResult> => {
  const grids = readGrids(await fs.readFile(path.join(__dirname, '..', 'seeds', name)));
  return scoreGrids(grids, { lang }).results[0];
};
const row = (result: PlanResult, id: string): RowResult => result.rows.find((r) => r.id === id)!;
const required = (r: RowResult, lang: string) => formatter(pack(lang)).by(r.requiredKind, r.required!);

describe('the required value is in the goal’s own unit', () => {
  test('a 10 % reduction from 1.200 requires 1.080 in the baseline’s unit, not 108.000 % (seed 003)', async () => {
    const r = row(await seed('003-hjemrejsestyrelsen-2024.xlsx'), '1.a.2');
    expect(r.row.baseline).toBe(1200);
    expect(r.requiredKind).toBe('number');
    expect(r.required).toBeCloseTo(r.row.baseline! * (1 - r.row.target!.lo), 9);
    expect(required(r, 'da')).toBe('1.080');
    expect(required(r, 'nb')).toMatch(/^1\s080$/);
  });

  test('changes in seed 000 read as levels; shares with counts as cases; a share without counts as a percent', async () => {
    const result = await seed('000-kriminalforsorgen-2024.xlsx');
    for (const id of ['5.1.a', '5.1.b', '7.1']) {
      const r = row(result, id);
      expect([id, r.requiredKind]).toEqual([id, 'number']);
      expect(required(r, 'da')).not.toContain('%');
    }
    const counted = row(result, '1.2');
    expect(counted.requiredKind).toBe('count');
    expect(Number.isInteger(counted.required)).toBe(true);
    expect(counted.required!).toBeLessThanOrEqual(counted.row.total!);
    expect(row(result, '3.1').requiredKind).toBe('percent');
  });

  test('a deadline written as a year or a period requires a date, shown as the language writes dates', async () => {
    const police = await seed('001-politiet-2024.xlsx');
    const notDone = row(police, '2.2');
    expect(notDone.row.cells.deadline).toBe('4. kvartal 2024');
    expect(notDone.requiredKind).toBe('date');
    expect(required(notDone, 'da')).toBe('31.12.2024');
    expect(required(notDone, 'nb')).toBe('31.12.2024');
    expect(required(notDone, 'en')).toBe('31/12/2024');
    const yearOnly = row(await seed('000-kriminalforsorgen-2024.xlsx'), '2.1');
    expect(yearOnly.requiredKind).toBe('date');
    expect(required(yearOnly, 'da')).toBe('31.12.2024');
  });

  test('the score sheet formats what it takes by the same declared kind', async () => {
    const result = await seed('003-hjemrejsestyrelsen-2024.xlsx');
    const column = SCORE_COLUMNS.find((c) => c.key === 'required')!;
    const format = (id: string) => (typeof column.format === 'function' ? column.format(row(result, id), LANGUAGES.da) : column.format);
    expect(format('1.a.2')).toBe(FORMATS.number);
    expect(format('1.c')).toBe(FORMATS.number);
    expect(format('1.d')).toBe(FORMATS.percent);
    expect(format('2.3')).toBe(LANGUAGES.da.sheet.dateFormat);
  });

  test('every criterion type declares the unit of its required value; every compared type has one', () => {
    for (const def of CRITERIA) {
      expect([def.key, Object.prototype.hasOwnProperty.call(def, 'requires')]).toEqual([def.key, true]);
      if (def.kind === 'comparison') expect([def.key, def.requires]).not.toEqual([def.key, null]);
    }
  });
});

describe('an impossible what-if input is refused at its box, with the reason, and the total stays', () => {
  const columns = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Opfyldte', 'I alt', 'Udgangspunkt'];
  const plan = () =>
    score(
      planGrid(columns, [
        { 'Nr.': '1', Mål: 'Sagsbehandlingstid', Vægt: 50, Kravtype: 'højst', Målværdi: '50 dage', Resultat: 47 },
        { 'Nr.': '2', Mål: 'Sager afgjort i tide', Vægt: 30, Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 420, 'I alt': 500 },
        { 'Nr.': '3', Mål: 'Tilfredshed', Vægt: 10, Kravtype: 'andel', Målværdi: '80 %', Resultat: '78 %' },
        { 'Nr.': '4', Mål: 'Underskud', Vægt: 10, Kravtype: 'højst', Målværdi: '0 mio. kr.', Resultat: 2 },
      ]),
    );

  const cases: [string, string, string, RegExp][] = [
    ['2', '150 %', 'whatIfShareRange', /^En andel ligger mellem 0 % og 100 %, så 150 % kan ikke nås\. Skriv fx 86 %\.$/],
    ['3', '150 %', 'whatIfShareRange', /150 %/],
    ['2', '600', 'whatIfOverTotal', /^600 opfyldte er flere end de 500 sager i alt\. Skriv et antal fra 0 til 500\.$/],
    ['2', '-5', 'whatIfNegative', /^-5 kan ikke være under 0/],
    ['1', '-5', 'whatIfNegative', /^-5 dage kan ikke være under 0: .* Skriv fx 47 dage\.$/],
    ['1', '10 %', 'whatIfNotInPercent', /^»10 %« er en procent, men målet måles ikke i procent\. Skriv et tal, fx 47 dage\.$/],
    ['1', 'mange', 'whatIfNotNumber', /^»mange« er ikke et tal\. Skriv et tal, fx 47 dage\.$/],
    ['3', 'mange', 'whatIfNotPercent', /^»mange« er ikke en procent/],
    ['3', '86 dage', 'whatIfNotPercent', /86 dage/],
    ['2', 'mange', 'whatIfNotCount', /^»mange« er ikke et antal\. Skriv antallet af opfyldte, fx 425, eller en procent, fx 86 %\.$/],
  ];

  test.each(cases)('goal %s: "%s" is refused (%s)', (id, text, key, message) => {
    const actual = plan();
    const { result, unreadable, refused } = whatIf(actual.plan, [{ id, text }], { lang: 'da' });
    expect(unreadable).toEqual([id]);
    expect(refused.get(id)!.key).toBe(key);
    expect(formatMessage(refused.get(id)!, pack('da'))).toMatch(message);
    expect(result.total.earned).toBeCloseTo(actual.total.earned, 12);
    expect(result.rows.find((r) => r.id === id)!.fulfilment).toBe(actual.rows.find((r) => r.id === id)!.fulfilment);
  });

  test('possible inputs in the same boxes are read: an amount may be negative, a count may be all the cases', () => {
    const actual = plan();
    const { result, refused } = whatIf(actual.plan, [
      { id: '1', text: '45 dage' },
      { id: '2', text: '500' },
      { id: '3', text: '100 %' },
      { id: '4', text: '-1' },
    ], { lang: 'da' });
    expect(refused.size).toBe(0);
    expect(result.rows.map((r) => r.status)).toEqual(['met', 'met', 'met', 'met']);
  });

  test('the reason is in the user’s language: Norwegian', () => {
    const actual = plan();
    const { refused } = whatIf(actual.plan, [{ id: '2', text: '600' }, { id: '1', text: '10 %' }, { id: '3', text: '150' }], { lang: 'nb' });
    const nb = pack('nb');
    expect(formatMessage(refused.get('2')!, nb)).toBe('600 oppfylte er flere enn de 500 sakene totalt. Skriv et antall fra 0 til 500.');
    expect(formatMessage(refused.get('1')!, nb)).toBe('«10 %» er en prosent, men målet måles ikke i prosent. Skriv et tall, f.eks. 47 dage.');
    expect(formatMessage(refused.get('3')!, nb)).toMatch(/^En andel ligger mellom 0 % og 100 %, så 150 % kan ikke nås/);
  });

  test('a Norwegian plan refuses a negative number of days and a share over 100 %', () => {
    const result = score(
      planGrid(['Nr.', 'Mål', 'Vekt', 'Kravtype', 'Målverdi', 'Resultat', 'Oppfylte', 'Totalt'], [
        { 'Nr.': '1', Mål: 'Saksbehandlingstid', Vekt: 60, Kravtype: 'høyst', Målverdi: '30 dager', Resultat: 28 },
        { 'Nr.': '2', Mål: 'Saker i tide', Vekt: 40, Kravtype: 'andel', Målverdi: '90 %', Oppfylte: 80, Totalt: 100 },
      ], [['Virksomhet', 'Testetaten'], ['År', 2024]]),
      {},
      'nb',
    );
    const nb = pack('nb');
    const { result: after, refused } = whatIf(result.plan, [{ id: '1', text: '-5' }, { id: '2', text: '120 %' }], { lang: nb });
    expect(formatMessage(refused.get('1')!, nb)).toMatch(/^[-−]5 dager kan ikke være under 0: et antall eller en varighet er aldri negativ\. Skriv f\.eks\. 28 dager\.$/);
    expect(formatMessage(refused.get('2')!, nb)).toBe('En andel ligger mellom 0 % og 100 %, så 120 % kan ikke nås. Skriv f.eks. 86 %.');
    expect(after.total.earned).toBeCloseTo(result.total.earned, 12);
  });

  test('seed 000: "-5" days, "10 %" in a days box, "150 %" in a share and "600" of its cases leave 66,2 % as it is', async () => {
    const grids = readGrids(await fs.readFile(path.join(__dirname, '..', 'seeds', '000-kriminalforsorgen-2024.xlsx')));
    const actual = scoreGrids(grids, { lang: 'da' }).results[0];
    const da = pack('da');
    expect(formatter(da).percent(actual.total.score!)).toBe('66,2 %');
    const [days, share, counted] = ['1.1', '3.1', '1.2'].map((id) => row(actual, id));
    expect(whatIfInput(days.row, actual.plan, da)).toMatchObject({ kind: 'number', unit: 'dage' });
    const typed = [
      { id: days.id, text: '-5' },
      { id: share.id, text: '150 %' },
      { id: counted.id, text: String(counted.row.total! + 100) },
    ];
    const { result, refused } = whatIf(actual.plan, typed, { lang: 'da', data: dataFromGrids(grids) });
    expect([...refused].map(([id, m]) => [id, m.key])).toEqual([['1.1', 'whatIfNegative'], ['3.1', 'whatIfShareRange'], ['1.2', 'whatIfOverTotal']]);
    expect(result.total.earned).toBeCloseTo(actual.total.earned, 12);
    expect(whatIf(actual.plan, [{ id: days.id, text: '10 %' }], { lang: 'da' }).refused.get(days.id)!.key).toBe('whatIfNotInPercent');
  });

  test('the pane’s reading and whatIf agree, as both read through readWhatIf', () => {
    const actual = plan();
    for (const [id, text] of cases.map(([i, t]) => [i, t])) {
      const r = actual.rows.find((x) => x.id === id)!.row;
      const read = readWhatIf(r, actual.plan, text, pack('da'))!;
      expect(read.ok).toBe(false);
    }
    expect(readWhatIf(actual.rows[1].row, actual.plan, '86 %', pack('da'))).toEqual({ ok: true, field: 'met', value: 430 });
  });
});
