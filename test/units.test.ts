/**
 * Real plans as their sources write them, and the mistakes controllers make: units are part of a
 * value, impossible values are named at their cells and never scored, a share typed beside its
 * counts is checked against them, `eller bedre` and a requirement at a percentile are read, and a
 * direction the goal's words give is used and said.
 */
import { PACKS, type CellValue, type PlanResult, type Problem } from '../src/engine';
import { formatMessage, pack } from '../src/i18n';
import { inputProblems } from '../src/engine/checks';
import { percentileInc } from '../src/engine/criteria';
import { directionIndex, orDirectionWords, percentWords, unitIndex, unitWords } from '../src/engine/vocabulary';
import { fold } from '../src/engine/text';
import { planGrid, score } from './helpers';

const DA = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Udgangspunkt', 'Resultat', 'Opfyldte', 'I alt', 'Undtaget', 'Data'];
const NB = ['Nr.', 'Mål', 'Vekt', 'Kravtype', 'Målverdi', 'Utgangspunkt', 'Resultat', 'Oppfylte', 'Totalt', 'Unntatt', 'Data'];
const NB_META: [string, CellValue][] = [['Virksomhet', 'Politiet'], ['År', 2024]];

/** One goal of weight 100 beside a second that is met, in Danish or Norwegian, scored in that language. */
function plan(lang: 'da' | 'nb', goal: Record<string, CellValue>, data: Record<string, CellValue[][]> = {}): PlanResult {
  const [columns, weight] = lang === 'da' ? [DA, 'Vægt'] : [NB, 'Vekt'];
  const grid = planGrid(columns, [{ 'Nr.': '1', Mål: 'Krav', [weight]: 50, ...goal }, { 'Nr.': '2', Mål: 'Andet', [weight]: 50, Kravtype: lang === 'da' ? 'mindst' : 'minst', [columns[4]]: 1, Resultat: 2 }], lang === 'da' ? undefined : NB_META);
  return score(grid, data, lang);
}

/** The problems as the user reads them: `cell: text`. */
const said = (r: PlanResult, lang: 'da' | 'nb' | 'en' | 'sv' = 'da') => r.problems.map((p: Problem) => `${p.cell}: ${formatMessage(p.message, pack(lang))}`);

/** Where a column of the Danish or Norwegian plan stands on goal 1's row: below three or two metadata rows. */
const at = (columns: string[], name: string) => `${String.fromCharCode(65 + columns.indexOf(name))}${columns === NB ? 5 : 6}`;

describe('units are part of a value', () => {
  test('a result in percent against a requirement in days is a problem at the result, never scored (Danish)', () => {
    const r = plan('da', { Kravtype: 'højst', Målværdi: 'højst 50 dage', Resultat: '47 %' });
    expect(r.rows[0]).toMatchObject({ status: 'not_assessed', earned: 0, assessedWeight: 0 });
    expect(said(r)).toEqual([`${at(DA, 'Resultat')}: Resultat »47 %« er i procent, men kravet er i dage, så de kan ikke sammenlignes, og værdien bruges ikke. Skriv værdien i dage (fx 47 dage), eller ret kravet.`]);
    // The score covers only what is assessed: the other goal, met.
    expect(r.total).toMatchObject({ earned: 50, assessedWeight: 50 });
  });

  test('and in Norwegian, a result in percent in a goal of days', () => {
    const r = plan('nb', { Målverdi: 'høyst 30 dager', Resultat: '10 %' });
    expect(r.rows[0].status).toBe('not_assessed');
    expect(said(r, 'nb')).toEqual([`${at(NB, 'Resultat')}: Resultat «10 %» er i prosent, men kravet er i dager, så de kan ikke sammenlignes, og verdien brukes ikke. Skriv verdien i dager (for eksempel 10 dager), eller rett kravet.`]);
  });

  test('a bare number is read in the requirement’s unit, and the same unit written out agrees', () => {
    expect(plan('da', { Kravtype: 'højst', Målværdi: 'højst 50 dage', Resultat: 47 }).rows[0].status).toBe('met');
    expect(plan('da', { Kravtype: 'højst', Målværdi: '50 dage', Resultat: '52 døgn' }).rows[0]).toMatchObject({ status: 'not_met', explanation: '52 > 50' });
    expect(plan('nb', { Kravtype: 'høyst', Målverdi: '11 minutter', Resultat: '12 min' }).rows[0]).toMatchObject({ status: 'not_met', explanation: '12 > 11' });
    expect(plan('da', { Kravtype: 'mindst', Målværdi: '85 %', Resultat: 80 }).rows[0]).toMatchObject({ status: 'not_met', explanation: '80 % < 85 %' });
  });

  test.each([
    ['minutes against hours', { Kravtype: 'højst', Målværdi: 'højst 2 timer', Resultat: '90 minutter' }, 'Resultat', 'minutter', 'timer'],
    ['kroner against millions', { Kravtype: 'mindst', Målværdi: 'mindst 12,5 mio. kr.', Resultat: '13.000.000 kr.' }, 'Resultat', 'kroner', 'mio. kr.'],
    ['a reduction by days, not by a percentage of the baseline', { Kravtype: 'reduktion', Målværdi: '10 dage', Udgangspunkt: 120, Resultat: 100 }, 'Målværdi', 'dage', 'procent'],
    ['a share’s result in days', { Kravtype: 'andel', Målværdi: '85 %', Resultat: '82 dage' }, 'Resultat', 'dage', 'procent'],
  ])('%s is a problem at that cell, and the goal is not assessed', (_, goal, column, unit, expected) => {
    const r = score(planGrid(DA, [{ 'Nr.': '1', Mål: 'Krav', Vægt: 100, ...goal }]));
    expect(r.rows[0]).toMatchObject({ status: 'not_assessed', explanation: '' });
    expect(r.problems.map((p) => p.cell)).toEqual([at(DA, column)]);
    expect(formatMessage(r.problems[0].message, pack('da'))).toContain(`er i ${unit}, men kravet er i ${expected}`);
  });

  test('cases met written as a percentage are no count', () => {
    const r = plan('nb', { Kravtype: 'andel', Målverdi: '85 %', Oppfylte: '86 %', Totalt: 500 });
    expect(r.rows[0].status).toBe('not_assessed');
    expect(said(r, 'nb')).toEqual([`${at(NB, 'Oppfylte')}: Oppfylte «86 %» er en prosentsats, men kolonnen teller saker; verdien brukes ikke. Skriv antallet saker.`]);
  });

  test('a floor in another unit than its target is left out: the goal is judged without it', () => {
    const columns = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Nedre grænse', 'Skala', 'Resultat'];
    const r = score(planGrid(columns, [{ 'Nr.': '1', Mål: 'Ventetid', Vægt: 100, Kravtype: 'højst', Målværdi: '50 dage', 'Nedre grænse': '60 %', Skala: 'delvis', Resultat: 55 }]));
    expect(r.rows[0]).toMatchObject({ status: 'not_met', fulfilment: 0 });
    expect(r.problems.map((p) => [p.cell, p.message.key])).toEqual([['F6', 'unitMismatch'], ['G6', 'partialNeedsFloor']]);
  });

  test('a bare target takes the unit the goal’s text writes after its number; a limit in the text is no unit of it', () => {
    const days = plan('da', { Mål: 'Sygefravær: højst 14 dage pr. medarbejder', Kravtype: 'højst', Målværdi: 14, Resultat: '12 %' });
    expect(days.rows[0].status).toBe('not_assessed');
    expect(days.problems.map((p) => [p.cell, p.message.args?.unit, p.message.args?.expected])).toEqual([[at(DA, 'Resultat'), 'percent', 'days']]);
    expect(plan('da', { Mål: 'Sygefravær: højst 14 dage pr. medarbejder', Kravtype: 'højst', Målværdi: 14, Resultat: 12 }).rows[0].status).toBe('met');
    // 30 days is the limit here, not the unit of 85: a result in percent is the share.
    const share = plan('nb', { Mål: 'Saker avgjort innen 30 dager i minst 85 prosent av sakene', Kravtype: 'minst', Målverdi: 85, Resultat: '88 %' });
    expect(share.rows[0]).toMatchObject({ status: 'met', explanation: '88 % ≥ 85 %' });
    expect(share.problems).toEqual([]);
  });

  test('a unit in a number format counts: a percent-formatted result, a target formatted as days', () => {
    const grid = planGrid(DA, [{ 'Nr.': '1', Mål: 'Ventetid', Vægt: 100, Kravtype: 'højst', Målværdi: 50, Resultat: 0.47 }]);
    grid.formats = grid.values.map((row, r) => (r === 5 ? [null, null, null, null, '0" dage"', null, '0%'] : []));
    const r = score(grid);
    expect(r.rows[0].status).toBe('not_assessed');
    expect(said(r)).toEqual([`${at(DA, 'Resultat')}: Resultat »47 %« er i procent, men kravet er i dage, så de kan ikke sammenlignes, og værdien bruges ikke. Skriv værdien i dage (fx 47 dage), eller ret kravet.`]);
  });

  test('every unit word of every language reads as its own language’s unit in all languages at once', () => {
    const misread = PACKS.flatMap((p) => Object.entries(p.vocabulary.units).flatMap(([key, words]) => words.filter((w) => unitIndex().get(w.toLowerCase()) !== key).map((w) => `${p.code} ${w}: ${key}`)));
    expect(misread).toEqual([]);
    const ways = PACKS.flatMap((p) => (['lower', 'higher'] as const).flatMap((k) => p.vocabulary.directions[k].filter((w) => directionIndex().get(fold(w)) !== k).map((w) => `${p.code} ${w}: ${k}`)));
    expect(ways).toEqual([]);
    const or = new Map(orDirectionWords());
    const ors = PACKS.flatMap((p) => (['min', 'max', 'better'] as const).flatMap((k) => p.vocabulary.orDirection[k].filter((w) => or.get(w.toLowerCase()) !== k).map((w) => `${p.code} ${w}: ${k}`)));
    expect(ors).toEqual([]);
  });
});

test('no unit word starts with a digit or a space: a goal text without a digit and a word after it is read as naming no unit', () => {
  const words = [...percentWords(), ...unitWords()];
  expect(words.length).toBeGreaterThan(20);
  expect(words.filter((w) => /^[\d\s]/.test(w))).toEqual([]);
});

describe('impossible values are problems at their cells, never scored', () => {
  test.each([
    ['da', { Kravtype: 'andel', Målværdi: '85 %', Resultat: '150 %' }, 'Resultat', 'Resultat »150 %« er over 100 %, men en andel kan højst være 100 %; værdien bruges ikke. Ret værdien.'],
    ['da', { Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 600, 'I alt': 500 }, 'Opfyldte', 'Opfyldte »600« er flere end i alt »500«, så andelen ville være over 100 %; tallet bruges ikke. Skriv antallet af sager, der opfyldte kravet.'],
    ['da', { Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 500, 'I alt': 510, Undtaget: 20 }, 'Opfyldte', 'Opfyldte »500« er flere end i alt »510« minus undtaget »20«, så andelen ville være over 100 %; tallet bruges ikke. Ret tallene.'],
    ['da', { Kravtype: 'højst', Målværdi: '50 dage', Resultat: -5 }, 'Resultat', 'Resultat »-5« er negativ, men dage kan ikke være under 0; værdien bruges ikke. Ret værdien.'],
    ['nb', { Kravtype: 'andel', Målverdi: '90 %', Oppfylte: -3, Totalt: 40 }, 'Oppfylte', 'Oppfylte «-3» er negativ, men antall kan ikke være under 0; verdien brukes ikke. Rett verdien.'],
    ['nb', { Kravtype: 'andel', Målverdi: '90 %', Oppfylte: 734, Totalt: 709 }, 'Oppfylte', 'Oppfylte «734» er flere enn totalt «709», så andelen ville vært over 100 %; tallet brukes ikke. Skriv antallet saker som oppfylte kravet.'],
    ['nb', { Kravtype: 'andel', Målverdi: '90 %', Resultat: 112 }, 'Resultat', 'Resultat «112» er over 100 %, men en andel kan høyst være 100 %; verdien brukes ikke. Rett verdien.'],
  ] as const)('%s: %j', (lang, goal, column, text) => {
    const r = plan(lang, goal);
    expect(r.rows[0]).toMatchObject({ status: 'not_assessed', earned: 0 });
    expect(said(r, lang)).toEqual([`${at(lang === 'da' ? DA : NB, column)}: ${text}`]);
  });

  test('a measure whose cells name no unit is time taken where the goal’s text says so, and then not below 0', () => {
    const days = plan('da', { Mål: 'Sagsbehandlingstid højst 14 dage pr. medarbejder', Kravtype: 'højst', Målværdi: 14, Resultat: -5 });
    expect(days.rows[0].status).toBe('not_assessed');
    expect(said(days)).toEqual([`${at(DA, 'Resultat')}: Resultat »-5« er negativ, men dage kan ikke være under 0; værdien bruges ikke. Ret værdien.`]);
    const nb = plan('nb', { Mål: 'Gjennomsnittlig saksbehandlingstid i dager', Kravtype: 'høyst', Målverdi: 30, Resultat: -2 });
    expect(nb.problems.map((p) => p.message.key)).toEqual(['negativeValue']);
    // An amount may be below 0, and `år` in a goal's text is the year.
    expect(plan('da', { Mål: 'Årets resultat i år (mio. kr.)', Kravtype: 'mindst', Målværdi: -3, Resultat: -2 }).rows[0]).toMatchObject({ status: 'met' });
  });

  test('the rules are one function a typed value can be checked by', () => {
    const r = plan('da', { Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 400, 'I alt': 500 });
    const row = r.rows[0].row;
    expect(inputProblems(row)).toEqual([]);
    expect(inputProblems({ ...row, met: 600, cells: { ...row.cells, met: '600' } }).map((p) => [p.column, p.message.key])).toEqual([['met', 'metAboveTotal']]);
  });
});

describe('a share with both its counts and a percent', () => {
  test('is counted from the cases; a typed percent that differs is a warning naming both (Danish)', () => {
    const r = plan('da', { Kravtype: 'andel', Målværdi: '90 %', Resultat: '95,3 %', Opfyldte: 709, 'I alt': 734 });
    expect(r.rows[0]).toMatchObject({ status: 'met', explanation: '709 / 734 = 96,6 % ≥ 90 %' });
    expect(r.rows[0].measure).toBeCloseTo(709 / 734, 12);
    expect(r.problems.map((p) => [p.cell, p.severity])).toEqual([[at(DA, 'Resultat'), 'warning']]);
    expect(said(r)[0]).toBe(`${at(DA, 'Resultat')}: Resultatet 95,3 % svarer ikke til de optalte sager: 709 af 734 er 96,6 %. Andelen beregnes af de optalte sager; ret resultatet eller tallene.`);
  });

  test('a percent that agrees within its rounding is fine, however it is written', () => {
    for (const Resultat of ['96,6 %', 96.6, '0,966', '97 %']) {
      expect(plan('da', { Kravtype: 'andel', Målværdi: '90 %', Resultat, Opfyldte: 709, 'I alt': 734 }).problems).toEqual([]);
    }
    expect(plan('da', { Kravtype: 'andel', Målværdi: '90 %', Resultat: '96,7 %', Opfyldte: 709, 'I alt': 734 }).problems).toHaveLength(1);
  });

  test('a total and a percent without the cases met is read by its percent, not "missing: met" (Norwegian)', () => {
    const r = plan('nb', { Kravtype: 'andel', Målverdi: '90 %', Resultat: '97,8 %', Totalt: 734 });
    expect(r.rows[0]).toMatchObject({ status: 'met', explanation: '97,8 % ≥ 90 %' });
    expect(r.problems).toEqual([]);
    expect(plan('nb', { Kravtype: 'andel', Målverdi: '90 %', Resultat: '95,3 %', Oppfylte: 709, Totalt: 734 }).problems.map((p) => p.message.key)).toEqual(['countsDisagree']);
  });
});

describe('a bound with a direction after it', () => {
  test.each([
    ['da', '11 minutter eller bedre', '12 min', 'not_met', '12 > 11'],
    ['da', '11 minutter eller bedre', '10 min', 'met', '10 ≤ 11'],
    ['nb', '11 minutter eller bedre', '12 min', 'not_met', '12 > 11'],
    ['nb', '11 minutter eller mindre', 11, 'met', '11 ≤ 11'],
    ['da', '85 % eller bedre', '84 %', 'not_met', '84 % < 85 %'],
    ['nb', '85 % eller mer', 86, 'met', '86 % ≥ 85 %'],
    ['da', '4 eller flere', 3, 'not_met', '3 < 4'],
  ] as const)('%s: "%s" with the result %j is %s', (lang, target, result, status, explanation) => {
    const r = plan(lang, { [lang === 'da' ? 'Målværdi' : 'Målverdi']: target, Resultat: result });
    expect(r.rows[0]).toMatchObject({ status, explanation });
    expect(r.problems).toEqual([]);
  });

  test('"better" that no unit, type or word turns asks which way, at the target', () => {
    const r = plan('da', { Målværdi: '12 eller bedre', Resultat: 13 });
    expect(r.rows[0].status).toBe('not_assessed');
    expect(said(r)).toEqual([`${at(DA, 'Målværdi')}: »12 eller bedre« siger ikke, om højere eller lavere er bedre. Skriv fx »højst 12« eller »mindst 12«, eller en kravtype.`]);
    // A type says which way.
    expect(plan('da', { Kravtype: 'mindst', Målværdi: '12 eller bedre', Resultat: 13 }).rows[0].status).toBe('met');
  });

  test('in English and Swedish too', () => {
    const en = score(planGrid(['ID', 'Goal', 'Weight', 'Target', 'Actual'], [{ ID: '1', Goal: 'Response', Weight: 100, Target: '11 minutes or better', Actual: '12 min' }], [['Year', 2024]]), {}, 'en');
    expect(en.rows[0]).toMatchObject({ status: 'not_met', explanation: '12 > 11' });
    const sv = score(planGrid(['Nr', 'Indikator', 'Vikt', 'Målvärde', 'Utfall'], [{ Nr: '1', Indikator: 'Svarstid', Vikt: 100, Målvärde: '11 minuter eller bättre', Utfall: '10 min' }], [['År', 2024]]), {}, 'sv');
    expect(sv.rows[0].status).toBe('met');
  });
});

describe('a requirement at a percentile', () => {
  test('"80 % innen 11 minutter" with the percentile reported as "12 min" is not met (Norwegian, no type)', () => {
    const r = plan('nb', { Målverdi: '80 % innen 11 minutter', Resultat: '12 min' });
    expect(r.rows[0]).toMatchObject({ status: 'not_met', measure: 12, required: 11, explanation: '80. persentil: 12 > 11' });
    expect(r.rows[0].row.typeKey).toBeNull();
    expect(r.problems).toEqual([]);
  });

  test.each([
    ['da', { Kravtype: 'percentil', Målværdi: '80. percentil højst 11 minutter', Resultat: 10 }, 'met', '80. percentil: 10 ≤ 11'],
    ['da', { Kravtype: '90. percentil', Målværdi: '30 dage', Resultat: '31 dage' }, 'not_met', '90. percentil: 31 > 30'],
    ['nb', { Mål: '80 % av hasteoppdragene innen 11 minutter', Kravtype: 'persentil', Målverdi: '11 min', Resultat: '10,5 min' }, 'met', '80. persentil: 10,5 ≤ 11'],
    ['nb', { Målverdi: '80. persentil under 11 minutter', Resultat: 11 }, 'not_met', '80. persentil: 11 ≥ 11'],
    ['da', { Målværdi: 'mindst 80 % af opkaldene inden for 11 minutter', Resultat: '11 min' }, 'met', '80. percentil: 11 ≤ 11'],
  ] as const)('%s: %j', (lang, goal, status, explanation) => {
    const r = plan(lang, goal);
    expect(r.rows[0]).toMatchObject({ status, explanation });
    expect(r.problems).toEqual([]);
  });

  test('without a type, a goal’s text that names the percentile makes its bound one (Norwegian styringsparameter)', () => {
    const r = plan('nb', { Mål: 'Responstid hasteoppdrag i tettbygde strøk, 80-persentil', Målverdi: '11 minutter', Resultat: '12 min' });
    expect(r.rows[0]).toMatchObject({ status: 'not_met', explanation: '80. persentil: 12 > 11' });
    expect(r.problems).toEqual([]);
    // A share's text (`85 % av sakene innen 30 dager`) gives no percentile to a target in percent.
    const share = plan('nb', { Mål: '85 % av sakene innen 30 dager', Målverdi: 'minst 85 %', Resultat: '88 %' });
    expect(share.rows[0]).toMatchObject({ status: 'met', explanation: '88 % ≥ 85 %' });
  });

  test('in English and Swedish as their plans write it', () => {
    const en = score(planGrid(['ID', 'Goal', 'Weight', 'Target', 'Actual'], [{ ID: '1', Goal: 'Urgent calls', Weight: 100, Target: '80 % of urgent calls within 11 minutes', Actual: '10.5 min' }], [['Year', 2024]]), {}, 'en');
    expect(en.rows[0]).toMatchObject({ status: 'met', explanation: 'percentile 80: 10.5 ≤ 11' });
    const sv = score(planGrid(['Nr', 'Indikator', 'Vikt', 'Målvärde', 'Utfall'], [{ Nr: '1', Indikator: 'Utryckning', Vikt: 100, Målvärde: '90 % inom 20 minuter', Utfall: '21 min' }], [['År', 2024]]), {}, 'sv');
    expect(sv.rows[0]).toMatchObject({ status: 'not_met', explanation: 'percentil 90: 21 > 20' });
  });

  test('from raw data: the percentile of the times, as PERCENTILE.INC computes it', () => {
    const times = [3, 14, 8, 9, 12, 6, 7, 11, 10, 5, 13, 4];
    const data = { Hasteoppdrag: [['Minutter'], ...times.map((t) => [t])] };
    const r = plan('nb', { Kravtype: 'persentil', Målverdi: '80 % innen 11 minutter', Data: 'Hasteoppdrag!A2:A13' }, data);
    // Sorted 3…14, the 80th percentile lies 0.8 × 11 = 8.8 ranks up: 11 + 0.8 × (12 − 11).
    const sorted = [...times].sort((a, b) => a - b);
    const expected = sorted[8] + 0.8 * (sorted[9] - sorted[8]);
    expect(r.rows[0].measure).toBeCloseTo(expected, 12);
    expect(r.rows[0]).toMatchObject({ status: 'not_met', explanation: 'Hasteoppdrag!A2:A13: 80. persentil av 12; 11,8 > 11' });
    expect(percentileInc([1], 0.8)).toBe(1);
  });

  test('a percentile the target, type and text do not name is asked for; a percentile under another type is refused', () => {
    const missing = plan('da', { Kravtype: 'percentil', Målværdi: '11 minutter', Resultat: 10 });
    expect(missing.rows[0].status).toBe('not_assessed');
    expect(said(missing)).toEqual([`${at(DA, 'Målværdi')}: Kravtypen percentil kræver, at målværdien siger hvilken percentil, fx »80 % inden for 11 minutter« eller »80. percentil højst 11 minutter«.`]);
    const other = plan('da', { Kravtype: 'højst', Målværdi: '80 % inden for 11 minutter', Resultat: 10 });
    expect(other.rows[0].status).toBe('not_assessed');
    expect(said(other)).toEqual([`${at(DA, 'Målværdi')}: »80 % inden for 11 minutter« er et krav til en percentil, men kravtypen er højst. Skriv percentil i kolonnen Kravtype, eller kun grænsen i målværdien.`]);
  });
});

describe('a direction only in the goal’s words', () => {
  test.each([
    ['da', 'Reduceret ventetid', 50, 45, 'met', 'Retning udledt af »Reduceret«: lavere er bedre, så målet vurderes som højst. Skriv typen i kolonnen Kravtype for at bekræfte.'],
    ['da', 'Øget andel af sager afgjort', 80, 75, 'not_met', 'Retning udledt af »Øget«: højere er bedre, så målet vurderes som mindst. Skriv typen i kolonnen Kravtype for at bekræfte.'],
    ['nb', 'Lav kriminalitet', 100, 120, 'not_met', 'Retning utledet av «Lav»: lavere er bedre, så målet vurderes som høyst. Skriv typen i kolonnen Kravtype for å bekrefte.'],
    ['nb', 'Færre klager', 30, 25, 'met', 'Retning utledet av «Færre»: lavere er bedre, så målet vurderes som høyst. Skriv typen i kolonnen Kravtype for å bekrefte.'],
    ['nb', 'Høy tilfredshet', 4, 4.2, 'met', 'Retning utledet av «Høy»: høyere er bedre, så målet vurderes som minst. Skriv typen i kolonnen Kravtype for å bekrefte.'],
  ] as const)('%s "%s" is read so and said at the type cell', (lang, title, target, result, status, text) => {
    const r = plan(lang, { Mål: title, [lang === 'da' ? 'Målværdi' : 'Målverdi']: target, Resultat: result });
    expect(r.rows[0].status).toBe(status);
    expect(said(r, lang)).toEqual([`${at(lang === 'da' ? DA : NB, 'Kravtype')}: ${text}`]);
  });

  test('with a baseline the words make it a change', () => {
    const r = plan('da', { Mål: 'Reduceret ventetid', Målværdi: '10 %', Udgangspunkt: 120, Resultat: 105 });
    expect(r.rows[0]).toMatchObject({ status: 'met', explanation: '(120 − 105) / 120 = 12,5 % ≥ 10 %' });
    expect(r.problems.map((p) => p.message.args?.criterion)).toEqual(['reduction']);
  });

  test('words of both ways, or none, ask for the type at that cell; a type or sign needs no words', () => {
    for (const title of ['Færre sager med lang ventetid og højere tilfredshed', 'Ventetid']) {
      const r = plan('da', { Mål: title, Målværdi: 50, Resultat: 45 });
      expect(r.rows[0].status).toBe('not_assessed');
      expect(r.problems.map((p) => [p.cell, p.message.key])).toEqual([[at(DA, 'Kravtype'), 'typeNotInferred']]);
    }
    expect(plan('da', { Mål: 'Reduceret ventetid', Kravtype: 'højst', Målværdi: 50, Resultat: 45 }).problems).toEqual([]);
    expect(plan('da', { Mål: 'Reduceret ventetid', Målværdi: 'højst 50', Resultat: 45 }).problems).toEqual([]);
  });
});

test('every new problem reads in every language with its values filled in and its units named', () => {
  const goals: Record<string, CellValue>[] = [
    { Kravtype: 'højst', Målværdi: 'højst 50 dage', Resultat: '47 %' },
    { Kravtype: 'andel', Målværdi: '85 %', Resultat: '150 %' },
    { Kravtype: 'andel', Målværdi: '85 %', Opfyldte: '86 %', 'I alt': 500 },
    { Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 600, 'I alt': 500 },
    { Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 500, 'I alt': 510, Undtaget: 20 },
    { Kravtype: 'højst', Målværdi: '50 dage', Resultat: -5 },
    { Kravtype: 'andel', Målværdi: '90 %', Resultat: '95,3 %', Opfyldte: 709, 'I alt': 734 },
    { Mål: 'Reduceret ventetid', Målværdi: 50, Resultat: 45 },
    { Mål: 'Høj tilfredshed', Målværdi: 4, Resultat: 5 },
    { Målværdi: '12 eller bedre', Resultat: 13 },
    { Kravtype: 'percentil', Målværdi: '11 minutter', Resultat: 10 },
    { Kravtype: 'højst', Målværdi: '80 % inden for 11 minutter', Resultat: 10 },
  ];
  const result = score(planGrid(DA, goals.map((g, i) => ({ 'Nr.': String(i + 1), Mål: 'Krav', Vægt: 1, ...g }))));
  const keys = new Set(result.problems.map((p) => p.message.key));
  expect([...keys].sort()).toEqual(['betterWithoutDirection', 'countInPercent', 'countsDisagree', 'higherFromWords', 'lowerFromWords', 'metAboveBase', 'metAboveTotal', 'negativeValue', 'percentileMissing', 'percentileNeedsType', 'planTotal', 'shareOver100', 'unitMismatch']);
  for (const lang of ['da', 'nb', 'en', 'sv'] as const) {
    const texts = result.problems.map((p) => formatMessage(p.message, pack(lang)));
    expect(texts.filter((t) => /[{}]|undefined|[a-z][A-Z]/.test(t))).toEqual([]);
  }
  const english = formatMessage(result.problems.find((p) => p.message.key === 'unitMismatch')!.message, pack('en'));
  expect(english).toBe('Actual "47 %" is in percent, but the requirement is in days, so they cannot be compared and the value is not used. Write the value in days (e.g. 47 days), or correct the requirement.');
});
