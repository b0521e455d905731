/** Results per period in one plan sheet: each period is scored on its own inputs; the current one is the plan's result. */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { periodHeader, readPlan } from '../src/engine/reader';
import type { SheetGrid } from '../src/engine/types';
import type { WorkbookLayout } from '../src/layout/model';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { excelProblems, unzipParts } from './ooxml';
import { liveDisagreements } from './recalc';
import { workbookBytes } from '../src/xlsx';

const grid = (period: string | null): SheetGrid => ({
  name: 'Plan',
  values: [
    ['Myndighed', 'Styrelsen'],
    ['År', 2025],
    ...(period ? [['Periode', period]] : []),
    [],
    ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat Q1', 'Resultat 2. kvartal', 'Resultat Q3', 'Opfyldte Q1', 'I alt Q1', 'Opfyldte Q2', 'I alt Q2'],
    ['1', 'Sager', 50, 'mindst', 100, 80, 95, 104, null, null, null, null],
    ['2', 'Andel', 50, 'andel', '85 %', null, null, null, 80, 100, 90, 100],
  ] as SheetGrid['values'],
});

test('a period after a column name makes it that period\'s input', () => {
  expect(periodHeader('Resultat Q1')).toEqual({ key: 'actual', period: { kind: 'quarter', index: 1 }, year: null });
  expect(periodHeader('Resultat 2. kvartal')).toEqual({ key: 'actual', period: { kind: 'quarter', index: 2 }, year: null });
  expect(periodHeader('Opfyldte T1')).toEqual({ key: 'met', period: { kind: 'tertial', index: 1 }, year: null });
  expect(periodHeader('Gennemført H1')).toEqual({ key: 'completed', period: { kind: 'half', index: 1 }, year: null });
  expect(periodHeader('Resultat 2023')).toEqual({ key: 'actual', period: { kind: 'year', index: 1 }, year: 2023 });
  expect(periodHeader('Målværdi Q2')?.key).toBe('target');
  expect(periodHeader('Resultat')).toBeNull();
  expect(periodHeader('Vægt Q1')).toBeNull();
});

test('each period is scored on its own inputs; the latest with results is current unless Periode names one', () => {
  const { results } = scoreGrids([grid(null)], { lang: 'da' });
  const r = results[0];
  expect(r.plan.periods.map((p) => p.label)).toEqual(['Q1', 'Q2', 'Q3']);
  expect(r.plan.currentPeriod).toBe('Q3');
  // Q3: 104 ≥ 100 met; the share has no Q3 counts: not assessed.
  expect(r.rows.map((x) => x.status)).toEqual(['met', 'not_assessed']);
  expect(r.periods!.map((p) => [p.label, p.earned])).toEqual([['Q1', 0], ['Q2', 50], ['Q3', 50]]);
  expect(r.periods!.map((p) => p.rows.map((x) => x.status))).toEqual([['not_met', 'not_met'], ['not_met', 'met'], ['met', 'not_assessed']]);
  const q2 = scoreGrids([grid('Q2')], { lang: 'da' }).results[0];
  expect(q2.plan.currentPeriod).toBe('Q2');
  expect(q2.total.earned).toBe(50);
  expect(readPlan(grid('Q2'), { period: 'Q1' }).plan!.rows[1].met).toBe(80);
});

test('a plan with plain columns scores as before, with no periods', () => {
  const plain: SheetGrid = { name: 'P', values: [['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 100, 'mindst', 1, 2]] };
  const r = scoreGrids([plain], { lang: 'da' }).results[0];
  expect([r.plan.periods, r.plan.currentPeriod, r.periods]).toEqual([[], null, undefined]);
});

test('the JSON gives periods on the plan, its areas and its rows', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'periods-'));
  const g = grid(null);
  const values = g.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null));
  const layout: WorkbookLayout = {
    sheets: [{ name: g.name, role: 'score', values, numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [], notes: [], charts: [], print: { orientation: 'portrait', fitToWidth: false } }],
  };
  await fs.writeFile(path.join(dir, 'plan.xlsx'), workbookBytes(layout));
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'goalscore.js'), 'score', path.join(dir, 'plan.xlsx'), '--json', '--out', dir], { encoding: 'utf8' });
  const plan = JSON.parse(r.stdout).plans[0];
  expect(plan.periods).toEqual([
    { period: 'Q1', year: 2025, score: 0, earned: 0, assessedWeight: 100 },
    { period: 'Q2', year: 2025, score: 0.5, earned: 50, assessedWeight: 100 },
    // The share has no Q3 counts: Q3's score is over half the plan, and says so.
    { period: 'Q3', year: 2025, score: 0.5, earned: 50, assessedWeight: 50 },
  ]);
  // The summary says so too, beside each period's score.
  const summary = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'goalscore.js'), 'score', path.join(dir, 'plan.xlsx'), '--out', dir, '--force'], { encoding: 'utf8' });
  expect(summary.stdout).toContain('Udvikling: Q1 0 % (2 af 2 mål) → Q2 50 % (2 af 2 mål) → Q3 50 % (1 af 2 mål)');
  expect(plan.total.earned).toBe(50);
  expect(plan.rows[1].periods.map((p: { fulfilment: number | null }) => p.fulfilment)).toEqual([0, 1, null]);
  expect(plan.areas[0].periods).toHaveLength(3);
  await fs.rm(dir, { recursive: true, force: true });
});

test('the score sheet shows each goal\'s history by period and a trend arrow, valid for Excel, live formulas untouched', async () => {
  const { results, problems } = scoreGrids([grid(null)], { lang: 'da' });
  const layout = scoreWorkbookLayout(results, problems, 'da');
  const sheet = layout.sheets[0];
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  const q1 = sheet.values[header].indexOf('Q1');
  expect(sheet.values[header].slice(q1, q1 + 4)).toEqual(['Q1', 'Q2', 'Q3', 'Udvikling']);
  const row1 = sheet.values.findIndex((r, i) => i > header && r[0] === '1');
  expect(sheet.values[row1].slice(q1, q1 + 4)).toEqual([0, 0, 1, '▲']);
  const row2 = sheet.values.findIndex((r, i) => i > header && r[0] === '2');
  // The share has no Q3 counts: its trend is from Q1 to Q2.
  expect(sheet.values[row2].slice(q1, q1 + 4)).toEqual([0, 1, null, '▲']);
  expect(sheet.numberFormats[row1][q1]).toBe('0.0%');
  expect(sheet.charts.map((c) => [c.kind, c.title])).toContainEqual(['line', 'Opfyldelse pr. periode']);
  const bytes = workbookBytes(layout);
  expect(await excelProblems(bytes)).toEqual([]);
  expect([...unzipParts(bytes).values()].some((xml) => xml.includes('<c:lineChart>'))).toBe(true);
  expect(await liveDisagreements(layout, 'da-DK')).toEqual([]);
}, 120_000);
