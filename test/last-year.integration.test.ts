/** Last year beside this year: goals matched by ID, else text; last year's result as a blank baseline. */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SheetGrid } from '../src/engine/types';
import type { WorkbookLayout } from '../src/layout/model';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { pack } from '../src/i18n';
import { withLastYear } from '../src/layout/lastYear';
import { workbookBytes } from '../src/xlsx';
import { excelProblems } from './ooxml';
import { liveDisagreements } from './recalc';

const HEADER = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Udgangspunkt', 'Resultat', 'Opfyldte', 'I alt'];
const thisYear: SheetGrid = {
  name: 'Mål- og resultatplan',
  values: [
    ['Myndighed', 'Styrelsen'],
    ['År', 2024],
    [],
    HEADER,
    ['1', 'Sagsbehandlingstiden nedbringes', 30, 'reduktion', '10 %', null, 54, null, null],
    ['2', 'Andel afgjort inden for 30 dage', 40, 'andel', '85 %', null, null, 430, 500],
    ['3', 'Ny digital selvbetjening', 30, 'mindst', 1000, null, 1200, null, null],
  ] as SheetGrid['values'],
};
const lastYearGrid: SheetGrid = {
  name: 'Mål- og resultatplan',
  values: [
    ['Myndighed', 'Styrelsen'],
    ['År', 2023],
    [],
    HEADER,
    ['1', 'Sagsbehandlingstiden nedbringes', 50, 'højst', 70, null, 62, null, null],
    // Renumbered this year: matched by its text.
    ['4', 'Andel afgjort inden for 30 dage', 50, 'andel', '85 %', null, null, 400, 500],
  ] as SheetGrid['values'],
};

const compared = () => {
  const last = scoreGrids([lastYearGrid], { lang: 'da' }).results[0];
  return scoreGrids([thisYear], { lang: 'da', lastYear: [{ file: 'plan-2023.xlsx', result: last }] });
};

test('goals are matched by ID, else by text, and last year\'s result stands as a blank baseline', () => {
  const r = compared().results[0];
  const last = r.lastYear!;
  expect(last).toMatchObject({ year: 2023, file: 'plan-2023.xlsx', baselines: ['1'] });
  expect(last.score).toBeCloseTo(0.5);
  expect(last.rows.get('1')).toMatchObject({ id: '1', result: 62, fulfilment: 1 });
  expect(last.rows.get('2')).toMatchObject({ id: '4', result: 0.8, fulfilment: 0, status: 'not_met' });
  expect(last.rows.has('3')).toBe(false);
  // (62 − 54) / 62 = 12.9 % ≥ 10 %: met on last year's level.
  expect(r.rows[0]).toMatchObject({ status: 'met' });
  expect(r.rows[0].row.baseline).toBe(62);
  expect(r.rows[0].explanation).toContain('62');
});

test('without a plan for the agency last year, a warning says so and the plan scores as it is', () => {
  const other = scoreGrids([{ ...lastYearGrid, name: 'Andet', values: [['Myndighed', 'Anden styrelse'], ...lastYearGrid.values.slice(1)] }], { lang: 'da' }).results;
  const both = [...other, ...other].map((result) => ({ file: 'x.xlsx', result }));
  const r = scoreGrids([thisYear], { lang: 'da', lastYear: both }).results[0];
  expect(r.lastYear).toBeUndefined();
  expect(r.problems).toContainEqual(expect.objectContaining({ severity: 'warning', message: expect.objectContaining({ key: 'noLastYearPlan' }) }));
  expect(r.rows[0].status).toBe('not_assessed');
});

test('the score sheet shows last year beside this year, notes the baseline, and stays live', async () => {
  const { results, problems } = compared();
  const layout = scoreWorkbookLayout(results, problems, 'da');
  const sheet = layout.sheets[0];
  const header = sheet.values.findIndex((row) => row[0] === 'Nr.');
  const col = sheet.values[header].indexOf('Resultat 2023');
  expect(sheet.values[header][col + 1]).toBe('Opfyldelse 2023');
  const row = (id: string) => sheet.values.findIndex((r, i) => i > header && r[0] === id);
  expect(sheet.values[row('1')].slice(col, col + 2)).toEqual([62, 1]);
  expect(sheet.values[row('2')].slice(col, col + 2)).toEqual([0.8, 0]);
  expect(sheet.numberFormats[row('2')][col]).toBe('0.0%');
  expect(sheet.values[row('3')][col]).toBeUndefined();
  const baseline = sheet.values[header].indexOf('Udgangspunkt');
  expect(sheet.values[row('1')][baseline]).toBe(62);
  const note = sheet.notes.find((n) => n.text.includes('sidste års resultat'));
  expect(note?.cell).toBe(`${String.fromCharCode(65 + baseline)}${row('1') + 1}`);
  expect(await excelProblems(workbookBytes(layout))).toEqual([]);
  expect(await liveDisagreements(layout, 'da-DK')).toEqual([]);
}, 120_000);

const asFile = (grid: SheetGrid): Uint8Array => {
  const values = grid.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null));
  const layout: WorkbookLayout = {
    sheets: [{ name: grid.name, role: 'score', values, numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [], notes: [], charts: [], print: { orientation: 'portrait', fitToWidth: false } }],
  };
  return workbookBytes(layout);
};

test('goalscore score --compare gives last year in the JSON; a last year that cannot be read is named and this year still scores', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'compare-'));
  await fs.writeFile(path.join(dir, 'plan-2024.xlsx'), asFile(thisYear));
  await fs.writeFile(path.join(dir, 'plan-2023.xlsx'), asFile(lastYearGrid));
  await fs.writeFile(path.join(dir, 'broken.xlsx'), 'not a workbook');
  const run = (compare: string) =>
    spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'goalscore.js'), 'score', path.join(dir, 'plan-2024.xlsx'), '--compare', path.join(dir, compare), '--json', '--force', '--out', dir], { encoding: 'utf8' });
  const ok = JSON.parse(run('plan-2023.xlsx').stdout);
  const plan = ok.plans[0];
  expect(plan.lastYear).toEqual({ file: path.join(dir, 'plan-2023.xlsx'), year: 2023, score: 0.5 });
  expect(plan.rows[0]).toMatchObject({ status: 'met', baselineFromLastYear: true, lastYear: { id: '1', result: 62, fulfilment: 1, status: 'met' } });
  expect(plan.rows[1].lastYear).toEqual({ id: '4', result: 0.8, fulfilment: 0, status: 'not_met' });
  expect(plan.rows[2].lastYear).toBeNull();
  const broken = run('broken.xlsx');
  const out = JSON.parse(broken.stdout);
  expect(out.plans).toHaveLength(1);
  expect(out.plans[0].lastYear).toBeUndefined();
  expect(out.problems.some((p: { file: string }) => p.file.endsWith('broken.xlsx'))).toBe(true);
  expect(broken.stdout).not.toMatch(/at .*\.js:\d+/);
  await fs.rm(dir, { recursive: true, force: true });
});

test('last year beside a plan of 200,000 rows: no spread of the rows, no search per row', () => {
  const words = pack('da').sheet;
  const n = 200_000;
  const values = [[words.columns.id, words.columns.title, words.columns.baseline], ...Array.from({ length: n }, (_, i) => [String(i + 1), `Mål ${i + 1}`, 10])];
  const layout = { name: 'Plan', role: 'score', values, numberFormats: values.map(() => [null, null, null]), styles: [], columnWidths: [8, 40, 10], rowHeights: [], conditionalFormats: [], notes: [], charts: [], print: { orientation: 'landscape', fitToWidth: true } } as never;
  const ids = Array.from({ length: n }, (_, i) => String(i + 1));
  const lastYear = { year: 2023, file: 'plan-2023.xlsx', score: 0.5, rows: new Map(ids.map((id) => [id, { id, result: 12, resultKind: 'number' as const, fulfilment: 1, status: 'met' as const }])), baselines: ids };
  const out = withLastYear(layout, { lastYear } as never, words);
  expect(out.values[n][3]).toBe(12);
  expect(out.values[n][4]).toBe(1);
  expect(out.notes).toHaveLength(n);
});
