/** What-if scoring: the same result as editing the plan sheet and scoring it again. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { editableField, measureUnit, whatIf, whatIfInput, type CellValue, type SheetGrid } from '../src/engine';
import { buildScenarioSheet } from '../src/layout/scenarioSheet';
import { dataFromGrids, scoreGrids } from '../src/pipeline';
import { pack } from '../src/i18n';
import { readGrids } from '../src/xlsx';

let grids: SheetGrid[];
beforeAll(async () => {
  grids = readGrids(await fs.readFile(path.join(__dirname, '..', 'seeds', '003-hjemrejsestyrelsen-2024.xlsx')));
});

function edited(id: string, header: string, value: CellValue): SheetGrid[] {
  const g = grids[0];
  const headerRow = g.values.findIndex((r) => r?.includes('Nr.'));
  const col = g.values[headerRow].indexOf(header);
  const values = g.values.map((r) => [...(r ?? [])]);
  values[values.findIndex((r) => r[0] === id)][col] = value;
  return [{ ...g, values }, ...grids.slice(1)];
}

test('a what-if gives what editing the plan and scoring it again gives', () => {
  const actual = scoreGrids(grids, { lang: 'da' }).results[0];
  const cases: [string, string, CellValue, string][] = [
    ['1.a.2', 'Resultat', '1.050', '1.050'], // reduction now 12,5 %: delmål met
    ['1.e', 'Opfyldte', 1170, '1170'], // linear scale moves
    ['2.3', 'Gennemført', '30.09.2024', '30.09.2024'], // milestone in time
    ['2.1', 'Vurdering', 'Opfyldt', 'Opfyldt'], // assessment
    ['1.b', 'Resultat', 6, '6'], // out of the 3–5 range
  ];
  for (const [id, header, value, text] of cases) {
    const expected = scoreGrids(edited(id, header, value), { lang: 'da' }).results[0].total;
    const { result, unreadable } = whatIf(actual.plan, [{ id, text }], { lang: 'da', data: dataFromGrids(grids) });
    expect(unreadable).toEqual([]);
    expect(result.total.earned).toBeCloseTo(expected.earned, 12);
    expect(result.total.earned).not.toBeCloseTo(actual.total.earned, 6);
  }
  // The plan itself is not changed.
  expect(scoreGrids(grids, { lang: 'da' }).results[0].total.earned).toBeCloseTo(actual.total.earned, 12);
});

test('text that cannot be read is named and changes nothing; data rows are not editable', () => {
  const actual = scoreGrids(grids, { lang: 'da' }).results[0];
  const { result, unreadable } = whatIf(actual.plan, [{ id: '1.b', text: 'mange' }], { lang: 'da', data: dataFromGrids(grids) });
  expect(unreadable).toEqual(['1.b']);
  expect(result.total.earned).toBeCloseTo(actual.total.earned, 12);
  const fields = Object.fromEntries(actual.rows.map((r) => [r.id, editableField(r.row)]));
  expect(fields).toMatchObject({ '1.2': null, '1.g': null, '1.a': null, '1.c': 'met', '1.d': 'actual', '1.4': 'completed', '2.1': 'assessment' });
});

test('a saved scenario compares actual and scenario goal by goal', () => {
  const actual = scoreGrids(grids, { lang: 'da' }).results[0];
  const { result } = whatIf(actual.plan, [{ id: '2.3', text: 'ja' }], { lang: 'da', data: dataFromGrids(grids) });
  const sheet = buildScenarioSheet(actual, result, [{ id: '2.3', text: 'ja' }], pack('da'), 'Scenarie');
  const row = sheet.values.find((r) => r[0] === '2.3')!;
  expect(row.slice(3, 9)).toEqual(['ja', 0, 1, 0, 5, 5]);
  const total = sheet.values[sheet.values.length - 1];
  expect(total[8]).toBeCloseTo(5, 12);
  expect(sheet.styles.some((s) => s.style.fill && s.range.startsWith(`A${sheet.values.indexOf(row) + 1}`))).toBe(true);
});

test('each input says what it takes, in what unit, and what the plan holds now', () => {
  const actual = scoreGrids(grids, { lang: 'da' }).results[0];
  const da = pack('da');
  const inputs = Object.fromEntries(actual.rows.map((r) => [r.id, whatIfInput(r.row, actual.plan, da)]));
  const share = actual.rows.find((r) => r.id === '1.c')!.row;
  expect(inputs['1.c']).toMatchObject({ field: 'met', kind: 'count', of: share.total! - (share.excluded ?? 0) });
  expect(inputs['1.c']!.current).not.toBe('');
  expect(inputs['2.1']).toMatchObject({ kind: 'choice', choices: ['Opfyldt', 'Delvist opfyldt', 'Ikke opfyldt'] });
  expect(inputs['1.4']!.kind).toMatch(/^(date|choice)$/);
  expect(inputs['1.4']!.choices).toEqual(['ja', 'nej']);
  expect(inputs['1.2']).toBeNull();
  // In English the same plan offers English words, which read back as the Danish ones do.
  expect(whatIfInput(actual.rows.find((r) => r.id === '2.1')!.row, actual.plan, pack('en'))!.choices).toEqual(['Met', 'Partly met', 'Not met']);
});

test('a percent on a share with counts is that share of the cases', () => {
  const actual = scoreGrids(grids, { lang: 'da' }).results[0];
  const row = actual.rows.find((r) => r.id === '1.c')!.row;
  const base = row.total! - (row.excluded ?? 0);
  const byPercent = whatIf(actual.plan, [{ id: '1.c', text: '86 %' }], { lang: 'da' }).result.rows.find((r) => r.id === '1.c')!;
  const byCount = whatIf(actual.plan, [{ id: '1.c', text: String(0.86 * base) }], { lang: 'da' }).result.rows.find((r) => r.id === '1.c')!;
  expect(byPercent.fulfilment).toBeCloseTo(byCount.fulfilment!, 12);
  expect(byPercent.measure).toBeCloseTo(0.86, 12);
  expect(whatIf(actual.plan, [{ id: '1.c', text: '86 pct.' }], { lang: 'da' }).result.rows.find((r) => r.id === '1.c')!.measure).toBeCloseTo(0.86, 12);
});

test('the unit comes from the target or the goal text, never from a word that is no unit', () => {
  const row = (cells: { target?: string; title?: string; note?: string }) =>
    ({ cells: { target: cells.target }, title: cells.title ?? '', note: cells.note ?? '' }) as never;
  expect(measureUnit(row({ title: 'Sagsbehandlingstiden må højst være 50 dage.' }))).toBe('dage');
  expect(measureUnit(row({ target: '110 arbejdsdage' }))).toBe('arbejdsdage');
  expect(measureUnit(row({ title: 'Mindst 4 nye projekter' }))).toBeNull();
  expect(measureUnit(row({ title: 'Udgifter under 2,5 mio. kr.' }))).toBe('mio. kr.');
});

test('rescoring only the edited rows and their ancestors gives what scoring the whole edited plan gives', async () => {
  const { syntheticPlan } = await import('../bench/synthetic');
  const { readPlan, scorePlan } = await import('../src/engine');
  const plans = [scoreGrids(grids, { lang: 'da' }).results[0].plan, readPlan(syntheticPlan(300)).plan!];
  for (const plan of plans) {
    const editable = plan.rows.filter((r) => editableField(r));
    const texts = ['0', '1', '95 %', '10', '200', '30.09.2024', 'ja', 'nej', 'Opfyldt', 'Delvist opfyldt', '86 %', '1.050'];
    // Several rounds of edits on one plan, as a user types: the cached scoring must not drift.
    for (let round = 0; round < 8; round++) {
      const edits = editable.filter((_, i) => (i + round) % 7 === 0).map((r, i) => ({ id: r.id, text: texts[(i + round) % texts.length] }));
      const quick = whatIf(plan, edits, { lang: 'da' }).result;
      const whole = whatIf(plan, edits, { lang: 'da', explain: true }).result;
      const view = (r: typeof quick) => ({
        rows: r.rows.map((x) => [x.id, x.fulfilment, x.earned, x.status, x.assessedWeight]),
        areas: r.areas.map((a) => [a.name, a.earned, a.weight, a.counts]),
        total: [r.total.earned, r.total.weight, r.total.score, r.total.counts, r.total.maxReachable],
      });
      expect(view(quick)).toEqual(view(whole));
    }
    // And the plan as it stands, with no edit, is the plan scored.
    expect(whatIf(plan, [], { lang: 'da' }).result.total.earned).toBeCloseTo(scorePlan(plan, [], { lang: 'da' }).total.earned, 12);
  }
});
