/**
 * Consolidation: the three seed plans plus a plan with problems and a broken file, through the
 * engine, the CLI (with the overview workbook opened by LibreOffice) and the Office.js fake.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { consolidate, readPlan, scorePlan, serialFromDate, type SheetGrid, type Submission } from '../src/engine';
import { pack } from '../src/i18n';
import { consolidateInExcel } from '../src/excel';
import { scoreGrids } from '../src/pipeline';
import { readGrids } from '../src/xlsx';
import { FakeExcel } from './fake-excel';
import { planGrid } from './helpers';
import { hjemrejseData, hjemrejseEarned, KRIM_EARNED, KRIM_UNASSESSED, POLITI_EARNED } from './seed-totals';
import { program } from './resources';

const ROOT = path.join(__dirname, '..');
const SEEDS = ['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx', '003-hjemrejsestyrelsen-2024.xlsx'];

let seedGrids: SheetGrid[][];
let submissions: Submission[];
let hjemrejse: number;
let dir: string;

beforeAll(async () => {
  seedGrids = await Promise.all(SEEDS.map(async (n) => readGrids(await fs.readFile(path.join(ROOT, 'seeds', n)))));
  submissions = seedGrids.map((grids, i) => ({ file: SEEDS[i], result: scoreGrids(grids, { lang: 'da' }).results[0] }));
  hjemrejse = hjemrejseEarned(hjemrejseData(seedGrids[2]));
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'consolidate-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** A small plan with a bad cell, for another agency. */
function problemPlan(agency = 'Prøvestyrelsen', year = 2024, period = 'Q4'): SheetGrid {
  return planGrid(['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
    { 'Nr.': '1', Vægt: 60, Kravtype: 'mindst', Målværdi: 5, Resultat: 7 },
    { 'Nr.': '2', Vægt: 40, Kravtype: 'mindst', Målværdi: 5, Resultat: 'fem' },
  ], [['Myndighed', agency], ['År', year], ['Periode', period]]);
}
const scored = (grid: SheetGrid, file: string): Submission => {
  const { plan, problems } = readPlan(grid);
  return { file, result: scorePlan(plan!, problems) };
};

describe('the overview', () => {
  test('one row per agency, best score first, with the average and the lowest', () => {
    const overview = consolidate(submissions);
    expect(overview.rows.map((r) => r.agency)).toEqual(['Hjemrejsestyrelsen', 'Politiet', 'Kriminalforsorgen']);
    expect(overview.rows.map((r) => r.score)).toEqual([expect.closeTo(hjemrejse / 100, 9), expect.closeTo(POLITI_EARNED / 100, 9), expect.closeTo(KRIM_EARNED / 100, 9)]);
    expect(overview.average).toBeCloseTo((hjemrejse + POLITI_EARNED + KRIM_EARNED) / 300, 9);
    expect(overview.lowest?.agency).toBe('Kriminalforsorgen');
    expect(overview.rows[2].counts).toEqual({ met: 7, partly: 4, not_met: 2, not_assessed: 1 });
    expect(overview.year).toBe(2024);
    // Q4, 4. kvartal and Helår all end in December: no warning about periods.
    expect(overview.problems).toEqual([]);
  });

  test('goals not met, by the share of the plan they cost; an all-goal counts as one', () => {
    const { shortfalls } = consolidate(submissions);
    // Two goals cost a tenth of their plan: Udlændingenævnet's 1.3 (trimmed mean over 180) and
    // Kriminalforsorgen's 6.1 (one sickness target missed, all required); ties by agency.
    expect(shortfalls.slice(0, 2).map((s) => [s.agency, s.id, s.lostShare])).toEqual([
      ['Hjemrejsestyrelsen', '1.3', 0.1],
      ['Kriminalforsorgen', '6.1', 0.1],
    ]);
    for (let i = 1; i < shortfalls.length; i++) expect(shortfalls[i - 1].lostShare).toBeGreaterThanOrEqual(shortfalls[i].lostShare);
    expect(shortfalls.some((s) => s.id === '6.1.a')).toBe(false);
    // What Kriminalforsorgen lost is what it did not earn of what was assessed.
    const krim = shortfalls.filter((s) => s.agency === 'Kriminalforsorgen').reduce((sum, s) => sum + s.lost, 0);
    expect(krim).toBeCloseTo(100 - KRIM_EARNED - KRIM_UNASSESSED, 9);
  });

  test('checks across submissions: mixed years and periods, an agency twice, a total not 100', () => {
    const extra = [
      scored(problemPlan('Prøvestyrelsen', 2023, 'Q4'), 'old.xlsx'),
      scored(problemPlan('Tertialdirektoratet', 2024, 'T2'), 'tertial.xlsx'),
      submissions[0],
      scored(planGrid(['Nr.', 'Point', 'Kravtype', 'Gennemført'], [{ 'Nr.': '1', Point: 80, Kravtype: 'milepæl', Gennemført: 'ja' }], [['Myndighed', 'Pointstyrelsen'], ['År', 2024], ['Periode', 'Q4']]), 'points.xlsx'),
    ];
    const { problems } = consolidate([...submissions, ...extra]);
    const found = problems.map((p) => `${p.file} ${p.cell} ${p.message.key}`);
    expect(found).toEqual(
      expect.arrayContaining(['old.xlsx B2 mixedYears', 'tertial.xlsx B3 mixedPeriods', '000-kriminalforsorgen-2024.xlsx B1 supersededSubmission', 'points.xlsx B5 totalNot100']),
    );
    expect(found).toHaveLength(4);
  });
});

describe('goalscore consolidate', () => {
  let out: string;
  let broken: string;
  let doc: { plans: unknown[]; problems: { file: string; severity: string; message: string }[]; overview: { agency: string; score: number; earned: number; weight: number }[] };

  beforeAll(async () => {
    const inputs = path.join(dir, 'submissions');
    await fs.mkdir(inputs);
    for (const n of SEEDS) await fs.copyFile(path.join(ROOT, 'seeds', n), path.join(inputs, n));
    broken = path.join(inputs, 'broken.xlsx');
    await fs.writeFile(broken, 'PK\u0003\u0004 not really a workbook');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').addRows(problemPlan().values as unknown[][]);
    await wb.xlsx.writeFile(path.join(inputs, 'provestyrelsen.xlsx'));
    out = path.join(dir, 'overview.xlsx');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'goalscore.js'), 'consolidate', inputs, '--json', '--out', out], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    doc = JSON.parse(r.stdout);
  }, 60_000);

  test('the JSON has the plans, the overview and the problems; the broken file is named', () => {
    expect(doc.plans).toHaveLength(4);
    expect(doc.overview.map((o) => o.agency)).toEqual(['Hjemrejsestyrelsen', 'Politiet', 'Kriminalforsorgen', 'Prøvestyrelsen']);
    expect(doc.overview[0].score).toBeCloseTo(hjemrejse / 100, 9);
    expect(doc.overview[3]).toMatchObject({ earned: 60, weight: 100 });
    expect(doc.problems.find((p) => p.file === broken)).toMatchObject({ severity: 'error', message: expect.stringContaining('broken.xlsx') });
    expect(doc.problems.some((p) => p.message === '»fem« er ikke et tal.')).toBe(true);
  });

  test('the overview workbook: Oversigt, Mangler, Problemer, each agency, and a chart of score by agency', async () => {
    const bytes = await fs.readFile(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Oversigt', 'Mangler', 'Problemer', 'Kriminalforsorgen', 'Politiet', 'Hjemrejsestyrelsen', 'Prøvestyrelsen']);
    const oversigt = wb.getWorksheet('Oversigt')!;
    expect(oversigt.getCell('A4').value).toBe('Hjemrejsestyrelsen');
    expect(oversigt.getCell('B4').value).toBeCloseTo(hjemrejse / 100, 9);
    const zip = await JSZip.loadAsync(bytes);
    const chart = await zip.file('xl/charts/chart1.xml')!.async('string');
    expect(chart).toContain('<c:barChart>');
    expect(chart).toContain("'Oversigt'!$A$4:$A$7");
    expect(chart).toContain("'Oversigt'!$B$4:$B$7");
    // LibreOffice reads the chart: it turns it into an embedded chart object.
    execFileSync(program('soffice'), ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'ods', '--outdir', dir, out], { stdio: 'ignore', timeout: 120_000 });
    const ods = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'overview.ods')));
    const objects = Object.keys(ods.files).filter((f) => /^Object \d+\/content\.xml$/.test(f));
    expect(objects.length).toBeGreaterThanOrEqual(1);
    expect(await ods.file(objects[0])!.async('string')).toContain('chart:chart');
  }, 120_000);
});

test('consolidation in Excel through the fake: the same overview, sheets and chart, inputs untouched', async () => {
  const fake = new FakeExcel();
  for (const g of seedGrids[0]) fake.addSheet(g.name, g.values.map((r) => Array.from(r, (v) => (v instanceof Date ? serialFromDate(v) : (v ?? null)) as string | number | null)), (g.formats ?? []).map((r) => Array.from(r, (f) => f ?? 'General')));
  const before = JSON.stringify(fake.sheets.map((s) => s.cells));
  const run = await consolidateInExcel(fake.asContext(), {
    lang: pack('da'),
    workbookName: 'Denne projektmappe',
    extra: { submissions: submissions.slice(1), problems: [] },
  });
  expect(run.overview.rows.map((r) => [r.agency, r.file])).toEqual([
    ['Hjemrejsestyrelsen', SEEDS[2]],
    ['Politiet', SEEDS[1]],
    ['Kriminalforsorgen', 'Denne projektmappe'],
  ]);
  const live = fake.sheets.filter((s) => !s.deleted);
  expect(live.filter((s) => s.props.size).map((s) => [s.name, s.props.get('goalscore.role')])).toEqual([
    ['Oversigt', 'overview'],
    ['Mangler', 'shortfalls'],
    ['Kriminalforsorgen', 'score'],
    ['Politiet', 'score'],
    ['Hjemrejsestyrelsen', 'score'],
  ]);
  const oversigt = fake.sheet('Oversigt')!;
  expect(oversigt.charts).toEqual([{ type: 'BarClustered', source: 'A3:B6', title: 'Opfyldelse pr. myndighed' }]);
  expect(oversigt.cells[3][1]).toBeCloseTo(hjemrejse / 100, 9);
  expect(fake.syncs).toBe(3 + 2 * 5 + 1);
  expect(JSON.stringify(fake.sheets.filter((s) => !s.props.size).map((s) => s.cells))).toBe(before);

  // A second run replaces the overview sheets rather than adding more.
  await consolidateInExcel(fake.asContext(), { lang: pack('da'), workbookName: 'Denne projektmappe' });
  expect(fake.sheets.filter((s) => !s.deleted && s.props.get('goalscore.role') === 'overview').map((s) => s.name)).toEqual(['Oversigt']);
});
