/** The ministry over time: submissions of several periods and years, the newest counting once. */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import { consolidate, type Submission } from '../src/engine/consolidate';
import { pack } from '../src/i18n';
import type { SheetGrid } from '../src/engine/types';
import { consolidationLayout, scoreGrids } from '../src/pipeline';
import { readWorkbookFile } from '../src/xlsx/read';
import { scoreSources, workbookBytes } from '../src/xlsx';
import { excelProblems } from './ooxml';
import { consolidateInExcel } from '../src/excel';
import { FakeExcel } from './fake-excel';

/** A plan of two goals: `first` met or not, the second reported or not (not assessed). */
function plan(agency: string, year: number, period: string, first: number, second: number | null): SheetGrid {
  return {
    name: 'Plan',
    values: [
      ['Myndighed', agency],
      ['År', year],
      ['Periode', period],
      [],
      ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'],
      ['1', 'Sager afgjort', 60, 'mindst', 100, first],
      ['2', 'Tilfredshed', 40, 'mindst', 4, second],
    ] as SheetGrid['values'],
  };
}
const submission = (file: string, grid: SheetGrid, modified: number | null = null): Submission => ({ file, result: scoreGrids([grid], { lang: 'da' }).results[0], modified });

const submissions = [
  submission('a-q1-2024.xlsx', plan('Alfa', 2024, 'Q1', 120, 5)),
  submission('b-q1-2024.xlsx', plan('Beta', 2024, 'Q1', 50, 5)),
  submission('a-q2-2024.xlsx', plan('Alfa', 2024, 'Q2', 80, 5)),
  // Beta sends Q1 2025 twice; the later one by date counts, though it is given first.
  submission('b-q1-2025-ny.xlsx', plan('Beta', 2025, '1. kvartal', 150, null), Date.UTC(2025, 3, 20)),
  submission('a-q1-2025.xlsx', plan('Alfa', 2025, 'Q1', 120, 5)),
  submission('b-q1-2025.xlsx', plan('Beta', 2025, 'Q1', 10, 1), Date.UTC(2025, 3, 10)),
];

test('the newest submission for an agency and period counts; the other is superseded, never in an average', () => {
  const o = consolidate(submissions);
  expect(o.superseded).toEqual([{ agency: 'Beta', file: 'b-q1-2025.xlsx', by: 'b-q1-2025-ny.xlsx' }]);
  expect(o.problems.map((p) => [p.file, p.message.key])).toContainEqual(['b-q1-2025.xlsx', 'supersededSubmission']);
  expect(o.counting.map((s) => s.file)).not.toContain('b-q1-2025.xlsx');
  // The overview's rows are each agency's latest period.
  expect(o.rows.map((r) => [r.agency, r.period, r.score])).toEqual([['Alfa', 'Q1', 1], ['Beta', '1. kvartal', 0.6]]);
  expect(o.periods.map((p) => [p.year, p.period, p.average, p.lowest?.agency])).toEqual([
    [2024, 'Q1', 0.7, 'Beta'],
    [2024, 'Q2', 0.4, 'Alfa'],
    [2025, 'Q1', 0.8, 'Beta'],
  ]);
  expect(o.periods[2].agencies).toEqual([{ agency: 'Beta', file: 'b-q1-2025-ny.xlsx', score: 0.6 }, { agency: 'Alfa', file: 'a-q1-2025.xlsx', score: 1 }]);
  // Beta's satisfaction was not reported: listed beside the shortfalls.
  expect(o.notAssessed.map((u) => [u.agency, u.id])).toEqual([['Beta', '2']]);
  expect(o.problems.some((p) => p.message.key === 'mixedYears' || p.message.key === 'mixedPeriods')).toBe(false);
});

test('without dates to tell, the later submission given counts', () => {
  const o = consolidate([submission('first.xlsx', plan('Alfa', 2024, 'Q1', 10, 1)), submission('second.xlsx', plan('Alfa', 2024, 'Q1', 120, 5))]);
  expect(o.superseded).toEqual([{ agency: 'Alfa', file: 'first.xlsx', by: 'second.xlsx' }]);
  expect(o.average).toBe(1);
});

test('the overview workbook: a trend sheet of agency × period with the changes, links to each agency\'s sheet, goals not assessed', async () => {
  const { layout } = consolidationLayout(submissions, [], 'da');
  expect(layout.sheets.map((s) => s.name)).toEqual(['Oversigt', 'Mangler', 'Udvikling', 'Problemer', 'Alfa Q1 2024', 'Beta Q1 2024', 'Alfa Q2 2024', 'Beta', 'Alfa']);
  const trend = layout.sheets[2];
  expect(trend.values[2]).toEqual(['Myndighed', 'Q1 2024', 'Q2 2024', 'Q1 2025', 'Ændring siden Q2 2024', 'Ændring siden Q1 2024']);
  const row = (agency: string) => trend.values.find((r) => r[0] === agency)!;
  expect(row('Alfa').slice(1, 4)).toEqual([1, 0.4, 1]);
  expect(row('Alfa')[4]).toBeCloseTo(0.6, 12);
  expect(row('Alfa')[5]).toBeCloseTo(0, 12);
  expect(row('Beta').slice(1, 5)).toEqual([0.4, null, 0.6, null]);
  expect(row('Beta')[5]).toBeCloseTo(0.2, 12);
  expect(trend.numberFormats[3][4]).toBe('+0.0%;-0.0%;0.0%');
  expect(trend.values.find((r) => r[0] === 'Gennemsnit')).toEqual(['Gennemsnit', 0.7, 0.4, 0.8]);
  expect(trend.charts).toHaveLength(1);
  expect(trend.charts[0].kind).toBe('line');
  const oversigt = layout.sheets[0];
  expect(oversigt.links).toEqual([
    { cell: 'A4', sheet: 'Alfa', target: 'A1' },
    { cell: 'A5', sheet: 'Beta', target: 'A1' },
  ]);
  const mangler = layout.sheets[1];
  const title = mangler.values.findIndex((r) => r[0] === 'Mål, der ikke er vurderet (manglende indrapportering)');
  expect(mangler.values[title + 2].slice(0, 3)).toEqual(['Beta', '2', 'Tilfredshed']);
  const bytes = workbookBytes(layout);
  expect(await excelProblems(bytes)).toEqual([]);
  const parts = unzipSync(bytes);
  const oversigtXml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
  expect(oversigtXml).toContain('<hyperlink ref="A4" location="Alfa!A1"');
});

/** A plan workbook as another program saves it, with its own saved date. */
async function excelJsFile(grid: SheetGrid, modified: Date): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.modified = modified;
  wb.created = modified;
  const sheet = wb.addWorksheet(grid.name);
  grid.values.forEach((row) => sheet.addRow(Array.from(row, (v) => v ?? null)));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

test('a workbook\'s own saved date is read; without one, the file\'s date stands in', async () => {
  const saved = new Date(Date.UTC(2025, 3, 20, 9, 30));
  const bytes = await excelJsFile(plan('Alfa', 2025, 'Q1', 120, 5), saved);
  expect(readWorkbookFile(bytes).modified).toBe(saved.getTime());
  const parts = unzipSync(bytes);
  delete parts['docProps/core.xml'];
  const bare = zipSync(parts);
  expect(readWorkbookFile(bare).modified).toBeNull();
  const run = await scoreSources([{ name: 'bare.xlsx', modified: 1234, bytes: async () => bare }, { name: 'dated.xlsx', modified: 1234, bytes: async () => bytes }], pack('da'), { output: false });
  expect(run.scored.map((s) => s.modified)).toEqual([1234, saved.getTime()]);
});

test('goalscore consolidate over periods: JSON periods and superseded, by the workbooks\' own dates', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'periods-'));
  const files: [string, SheetGrid, Date][] = [
    ['a-q1.xlsx', plan('Alfa', 2024, 'Q1', 120, 5), new Date(Date.UTC(2024, 3, 5))],
    ['a-q2.xlsx', plan('Alfa', 2024, 'Q2', 80, 5), new Date(Date.UTC(2024, 6, 5))],
    // Saved later but given first (by name): the newer counts.
    ['a-q2-ny.xlsx', plan('Alfa', 2024, 'Q2', 120, 5), new Date(Date.UTC(2024, 6, 9))],
  ];
  for (const [name, grid, date] of files) await fs.writeFile(path.join(dir, name), await excelJsFile(grid, date));
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'goalscore.js'), 'consolidate', dir, '--json', '--out', path.join(dir, 'out', 'overview.xlsx')], { encoding: 'utf8' });
  const doc = JSON.parse(r.stdout);
  expect(doc.superseded).toEqual([{ agency: 'Alfa', file: path.join(dir, 'a-q2.xlsx'), by: path.join(dir, 'a-q2-ny.xlsx') }]);
  expect(doc.periods).toEqual([
    { year: 2024, period: 'Q1', average: 1, lowest: { agency: 'Alfa', score: 1 }, agencies: [{ agency: 'Alfa', file: path.join(dir, 'a-q1.xlsx'), score: 1 }] },
    { year: 2024, period: 'Q2', average: 1, lowest: { agency: 'Alfa', score: 1 }, agencies: [{ agency: 'Alfa', file: path.join(dir, 'a-q2-ny.xlsx'), score: 1 }] },
  ]);
  expect(doc.plans).toHaveLength(2);
  expect(doc.overview.map((o: { period: string }) => o.period)).toEqual(['Q2']);
  await fs.rm(dir, { recursive: true, force: true });
});

test('in Excel through the fake: the trend sheet, links from the overview, and a rerun of one period takes the trend sheet away', async () => {
  const fake = new FakeExcel();
  const own = plan('Alfa', 2025, 'Q1', 120, 5);
  fake.addSheet(own.name, own.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null)));
  const earlier = submissions.filter((s) => s.file !== 'a-q1-2025.xlsx');
  const run = await consolidateInExcel(fake.asContext(), { lang: pack('da'), workbookName: 'Denne projektmappe', extra: { submissions: earlier, problems: [] } });
  expect(run.overview.periods).toHaveLength(3);
  const roles = () => fake.sheets.filter((s) => !s.deleted && s.props.size).map((s) => [s.name, s.props.get('goalscore.role')]);
  expect(roles()).toContainEqual(['Udvikling', 'trend']);
  expect(fake.sheet('Udvikling')!.charts).toEqual([{ type: 'LineMarkers', source: 'A10:C13', title: 'Gennemsnit og laveste pr. periode' }]);
  expect(fake.sheet('Oversigt')!.links).toEqual([
    { cell: 'A4', documentReference: 'Alfa!A1', address: undefined },
    { cell: 'A5', documentReference: 'Beta!A1', address: undefined },
  ]);
  await consolidateInExcel(fake.asContext(), { lang: pack('da'), workbookName: 'Denne projektmappe' });
  expect(roles().map(([, role]) => role)).not.toContain('trend');
});
