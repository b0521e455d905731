/**
 * Swedish plans: indicators with a målvärde, an utfall and a bedömning, read and scored; the
 * problems, explanations and score sheet in Swedish; `Mål` as the target beside `Indikator`, and
 * as the goal in a Danish plan. Every expected value is worked out by hand from the plan in test/swedish-plan.ts.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SheetGrid } from '../src/engine/types';
import { headerLanguage, readPlan } from '../src/engine/reader';
import { formatMessage, pack } from '../src/i18n';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { workbookBytes } from '../src/xlsx';
import { swedishPlan } from './swedish-plan';

const sv = pack('sv');

test('a Swedish plan is read in Swedish: Mål beside Indikator is the target, and every Swedish word is understood', () => {
  const grid = swedishPlan();
  expect(headerLanguage(grid.values[5]!)).toBe('sv');
  const { plan, problems } = readPlan(grid);
  expect(problems).toEqual([]);
  expect(plan!.columns.title!.header).toBe('Indikator');
  expect(plan!.columns.target!.header).toBe('Mål');
  expect(plan!.metadata).toMatchObject({ agency: 'Växjö kommun', year: 2024, period: { kind: 'tertial', index: 2 }, calendar: 'SE' });
  expect(plan!.areas.map((a) => [a.name, a.weight])).toEqual([['Trygg och säker kommun', 40], ['Hållbar utveckling', 60]]);
  const rows = new Map(plan!.rows.map((r) => [r.id, r]));
  expect(rows.get('1.1')).toMatchObject({ typeKey: 'min', target: { lo: 0.85, hi: 0.85 }, floor: 0.75, actual: 0.8 });
  expect(rows.get('1.2')).toMatchObject({ typeKey: 'max', target: { lo: 42, hi: 42 }, actual: 1234.5 });
  expect(rows.get('2.1')!.assessment).toMatchObject({ key: 'partly' });
  expect(rows.get('2.2')).toMatchObject({ typeKey: 'milestone', deadline: 45473, completed: { date: 45471, done: true } });
});

test('a Swedish plan is scored, its explanations in Swedish with Swedish numbers, dates and percents', () => {
  const { results, problems } = scoreGrids([swedishPlan()], { lang: 'sv' });
  expect(problems).toEqual([]);
  const r = results[0];
  const row = (id: string) => r.rows.find((x) => x.id === id)!;
  // 1.1: minst 85 %, 80 % reached; no scale, so binary: 0. 1.2: 1 234,5 days against högst 42: 0.
  // 2.1: delvis uppfyllt at the default 50 %: 15 of 30. 2.2: done 28 June, two days before the deadline: 30.
  expect(r.rows.map((x) => [x.id, x.status, x.earned])).toEqual([
    ['1.1', 'not_met', 0],
    ['1.2', 'not_met', 0],
    ['2.1', 'partly', 15],
    ['2.2', 'met', 30],
  ]);
  expect(r.total.earned).toBeCloseTo(45, 9);
  expect(row('1.1').explanation).toContain('80 %');
  expect(row('1.2').explanation).toContain('1\u00a0234,5');
  expect(row('2.2').explanation).toContain('2024-06-28');
  expect(row('2.2').explanation).toContain('2024-06-30');
  expect(row('2.1').explanation).toContain('bedömning');
});

test('the score sheet is written in Swedish', () => {
  const { results, problems } = scoreGrids([swedishPlan()], { lang: 'sv' });
  const layout = scoreWorkbookLayout(results, problems, 'sv');
  const sheet = layout.sheets[0];
  expect(sheet.name).toBe('Växjö kommun Tertial 2');
  const cells = sheet.values.flat().filter((v): v is string => typeof v === 'string');
  for (const word of ['Måluppfyllelse', 'Samlad måluppfyllelse', 'Målvärde', 'Utfall', 'Uppfyllt', 'Delvis uppfyllt', 'Ej uppfyllt', 'Förklaring']) expect(cells).toContain(word);
  expect(workbookBytes(layout).length).toBeGreaterThan(1000);
});

test('a Danish plan reads Mål as the goal; beside Målvärde, Swedish Mål is the goal too', () => {
  const danish: SheetGrid = { name: 'Plan', values: [['Nr.', 'Mål', 'Vægt', 'Målværdi', 'Resultat'], ['1', 'Sagsbehandlingstid', 100, 30, 25]] };
  expect(headerLanguage(danish.values[0]!)).toBe('da');
  const da = readPlan(danish).plan!;
  expect([da.columns.title?.header, da.columns.target?.header]).toEqual(['Mål', 'Målværdi']);
  expect(da.rows[0].title).toBe('Sagsbehandlingstid');

  const swedish: SheetGrid = { name: 'Plan', values: [['Nr', 'Mål', 'Vikt', 'Målvärde', 'Utfall'], ['1', 'Handläggningstid', 100, 30, 25]] };
  const plan = readPlan(swedish).plan!;
  expect([plan.columns.title?.header, plan.columns.target?.header]).toEqual(['Mål', 'Målvärde']);
  expect(plan.rows[0].title).toBe('Handläggningstid');
});

test('a header row the languages read equally well is read as before: Mål is no target', () => {
  // Nr, Indikator, Mål and Resultat are Danish, Norwegian and Swedish alike.
  const tie: SheetGrid = { name: 'Plan', values: [['Nr', 'Indikator', 'Mål', 'Resultat'], ['1', 'Andel', 80, 85]] };
  expect(headerLanguage(tie.values[0]!)).toBeUndefined();
  const plan = readPlan(tie).plan;
  expect(plan?.columns.target).toBeUndefined();
});

test('Swedish period columns: Utfall T1 and Mål T1 are the tertial’s result and target', () => {
  const grid: SheetGrid = {
    name: 'Plan',
    values: [
      ['År', 2024],
      ['Nr', 'Indikator', 'Vikt', 'Kravtyp', 'Mål T1', 'Utfall T1', 'Mål T2', 'Utfall T2'],
      ['1', 'Nöjda brukare', 100, 'minst', 80, 82, 85, 84],
    ],
  };
  const { results, problems } = scoreGrids([grid], { lang: 'sv' });
  expect(problems).toEqual([]);
  expect(results[0].plan.periods.map((p) => p.label)).toEqual(['T1', 'T2']);
  expect(results[0].periods!.map((p) => p.score)).toEqual([1, 0]);
});

test('problems are told in Swedish, naming the cell and what to type', () => {
  const grid: SheetGrid = {
    name: 'Plan',
    values: [
      ['Kalender', 'FI'],
      ['Nr', 'Indikator', 'Vikt', 'Kravtyp', 'Målvärde', 'Utfall'],
      ['1', 'Nöjda brukare', 100, 'ungefär', 80, 82],
    ],
  };
  const { problems } = scoreGrids([grid], { lang: 'sv' });
  expect(problems.map((p) => `${p.cell}: ${formatMessage(p.message, sv)}`)).toEqual([
    'B1: ”FI” är ingen kalender; skriv en av DK, NO, SE. Helgdagarna i SE används.',
    'D3: Okänd kravtyp ”ungefär”. Använd till exempel minst, högst, intervall, under, över, minskning, ökning, andel, percentil, milstolpe, bedömning, formel eller alla.',
  ]);
});

test('goalscore score --lang sv writes a Swedish score workbook and summary', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'goalscore-sv-'));
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Uppföljning').addRows(swedishPlan().values as unknown[][]);
  const file = path.join(dir, 'plan.xlsx');
  await wb.xlsx.writeFile(file);
  const bin = path.join(__dirname, '..', 'bin', 'goalscore.js');
  const r = spawnSync(process.execPath, [bin, 'score', file, '--lang', 'sv', '--out', path.join(dir, 'out')], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Uppfyllt 1 · Delvis uppfyllt 1 · Ej uppfyllt 2');
  await expect(fs.stat(path.join(dir, 'out', 'plan.score.xlsx'))).resolves.toBeTruthy();
  await fs.rm(dir, { recursive: true, force: true });
});
