/** What-if scoring: the same result as editing the plan sheet and scoring it again. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { editableField, whatIf, type CellValue, type SheetGrid } from '../src/engine';
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
