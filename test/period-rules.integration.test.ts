/** Rules over periods (`alle`, `3 af 4`) and the last three years of results per goal. */
import { parsePeriodRule, judgePeriods } from '../src/engine/periodRule';
import type { SheetGrid } from '../src/engine/types';
import { whatIf } from '../src/engine/whatif';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { workbookBytes } from '../src/xlsx';
import { excelProblems } from './ooxml';
import { liveDisagreements } from './recalc';

test('a period rule is read in every language', () => {
  expect(parsePeriodRule('alle')).toEqual({ ok: true, value: { need: null, of: null } });
  expect(parsePeriodRule('Every quarter')).toEqual({ ok: true, value: { need: null, of: null } });
  expect(parsePeriodRule('3 af 4')).toEqual({ ok: true, value: { need: 3, of: 4 } });
  expect(parsePeriodRule('2 av 3 tertialer')).toEqual({ ok: true, value: { need: 2, of: 3 } });
  expect(parsePeriodRule('3 out of 4')).toEqual({ ok: true, value: { need: 3, of: 4 } });
  expect(parsePeriodRule('3/4')).toEqual({ ok: true, value: { need: 3, of: 4 } });
  expect(parsePeriodRule(3)).toEqual({ ok: true, value: { need: 3, of: null } });
  expect(parsePeriodRule('5 af 4').ok).toBe(false);
  expect(parsePeriodRule('nogle').ok).toBe(false);
});

test('a rule is met once enough periods are, not met once too many are missed, and met so far in between', () => {
  const threeOfFour = { need: 3, of: 4 };
  expect(judgePeriods(threeOfFour, [1, 1, 1], 4)?.fulfilment).toBe(1);
  expect(judgePeriods(threeOfFour, [0], 4)?.fulfilment).toBe(1);
  expect(judgePeriods(threeOfFour, [0, 1, 0], 4)?.fulfilment).toBe(0);
  expect(judgePeriods({ need: null, of: null }, [1, 0.5], 4)?.fulfilment).toBe(0);
  expect(judgePeriods({ need: null, of: null }, [1, 1], 4)).toMatchObject({ fulfilment: 1, met: 2, reported: 2, need: 4, of: 4 });
  expect(judgePeriods(threeOfFour, [1, null], 4)).toBeNull();
});

const plan = (period: string): SheetGrid => ({
  name: 'Plan',
  values: [
    ['Myndighed', 'Styrelsen'],
    ['År', 2025],
    ['Periode', period],
    [],
    ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Perioder', 'Resultat Q1', 'Resultat Q2', 'Resultat Q3', 'Resultat Q4'],
    ['1', 'Hvert kvartal', 40, 'mindst', 90, 'alle', 95, 91, 80, 96],
    ['2', 'Tre af fire', 40, 'mindst', 90, '3 af 4', 95, 85, 92, 93],
    ['3', 'Uden regel', 20, 'mindst', 90, null, 95, 85, 92, 93],
  ] as SheetGrid['values'],
});

test('the plan scores each period by its rules over the periods so far', () => {
  const byPeriod = (p: string) => scoreGrids([plan(p)], { lang: 'da' }).results[0];
  const q2 = byPeriod('Q2');
  // Q2: every quarter met so far; one of four missed, which 3 af 4 allows.
  expect(q2.rows.map((r) => r.fulfilment)).toEqual([1, 1, 0]);
  expect(q2.rows[1].explanation).toContain('3 af 4: opfyldt i 1 af 2');
  expect(q2.forecast!.rows.get('2')).toBe('at_risk');
  const q3 = byPeriod('Q3');
  // Q3: goal 1 missed Q3, so "alle" cannot be met any more.
  expect(q3.rows.map((r) => r.fulfilment)).toEqual([0, 1, 1]);
  expect(q3.forecast!.rows.get('1')).toBe('off_track');
  expect(q3.periods!.map((p) => p.rows[0].fulfilment)).toEqual([1, 1, 0, 0]);
  expect(q3.periods!.map((p) => p.rows[0].inPeriod)).toEqual([1, 1, 0, 1]);
  const q4 = byPeriod('Q4');
  expect(q4.rows[1]).toMatchObject({ fulfilment: 1, status: 'met' });
  expect(q4.total.earned).toBe(60);
});

test('what-if on a plan with period rules keeps its earlier periods', () => {
  const q3 = scoreGrids([plan('Q3')], { lang: 'da' }).results[0];
  const lifted = whatIf(q3.plan, [{ id: '1', text: '99' }]).result;
  // Q3 lifted to 99 meets the quarter, and Q1 and Q2 were met: every quarter so far.
  expect(lifted.rows[0].fulfilment).toBe(1);
  const dropped = whatIf(q3.plan, [{ id: '2', text: '10' }]).result;
  expect(dropped.rows[1].fulfilment).toBe(0);
});

test('a rule without results per period is a warning on its cell, and the row is judged on its own result', () => {
  const grid: SheetGrid = { name: 'P', values: [['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Perioder', 'Resultat'], ['1', 100, 'mindst', 90, 'alle', 95], ['2', 0, 'mindst', 1, 'ofte', 2]] };
  const r = scoreGrids([grid], { lang: 'da' }).results[0];
  expect(r.rows[0].fulfilment).toBe(1);
  expect(r.problems).toContainEqual(expect.objectContaining({ cell: 'E2', severity: 'warning', message: expect.objectContaining({ key: 'periodRuleWithoutPeriods' }) }));
  expect(r.problems).toContainEqual(expect.objectContaining({ cell: 'E3', severity: 'error', message: expect.objectContaining({ key: 'badPeriodRule' }) }));
});

const threeYears: SheetGrid = {
  name: 'Styringsparametere',
  values: [
    ['Virksomhet', 'Direktoratet'],
    ['År', 2024],
    [],
    ['Nr.', 'Mål', 'Vekt', 'Kravtype', 'Målverdi', 'Resultat 2022', 'Resultat 2023', 'Resultat'],
    ['1', 'Saksbehandlingstid', 50, 'høyst', 60, 71, 64, 58],
    ['2', 'Andel innen frist', 50, 'andel', '90 %', '84 %', '88 %', '91,5 %'],
  ] as SheetGrid['values'],
};

test('a plain result beside earlier years is this year\'s, and the score sheet prints the last three years', async () => {
  const { results, problems } = scoreGrids([threeYears], { lang: 'nb' });
  const r = results[0];
  expect(r.plan.periods.map((p) => p.label)).toEqual(['2022', '2023', '2024']);
  expect(r.plan.currentPeriod).toBe('2024');
  expect(r.rows.map((x) => x.status)).toEqual(['met', 'met']);
  expect(r.periods!.map((p) => p.rows[0].measure)).toEqual([71, 64, 58]);
  const layout = scoreWorkbookLayout(results, problems, 'nb');
  const sheet = layout.sheets[0];
  const title = sheet.values.findIndex((row) => row[0] === 'Resultater de tre siste årene');
  expect(title).toBeGreaterThan(0);
  expect(sheet.values[title + 1]).toEqual(['Nr.', 'Mål', '2022', '2023', '2024']);
  expect(sheet.values[title + 2]).toEqual(['1', 'Saksbehandlingstid', 71, 64, 58]);
  expect(sheet.values[title + 3].slice(2)).toEqual([0.84, 0.88, 0.915]);
  expect(sheet.numberFormats[title + 3][2]).toBe('0.0%');
  const bytes = workbookBytes(layout);
  expect(await excelProblems(bytes)).toEqual([]);
  expect(await liveDisagreements(layout, 'nb-NO')).toEqual([]);
}, 120_000);

test('the score sheet of a plan with period rules is live and agrees with the engine', async () => {
  const { results, problems } = scoreGrids([plan('Q3')], { lang: 'da' });
  const layout = scoreWorkbookLayout(results, problems, 'da');
  expect(layout.sheets[0].values.find((row) => row[0] === '2')).toContain('3 af 4');
  // Goals 1 and 2 keep the engine's value, which reads the year's earlier periods, and say so; goal 3 has formulas.
  expect(layout.sheets[0].notes.filter((n) => n.text.startsWith('Statisk')).map((n) => n.text.match(/\(([^)]*)\)/)?.[1])).toEqual(['periodekrav', 'periodekrav']);
  expect(await excelProblems(workbookBytes(layout))).toEqual([]);
  expect(await liveDisagreements(layout, 'da-DK')).toEqual([]);
}, 120_000);
