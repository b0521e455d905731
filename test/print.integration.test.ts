/** A score sheet to send upward: what prints, the PDF, and explanations that never describe old numbers. */
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { address } from '../src/engine/address';
import { pack } from '../src/i18n';
import { scoreInExcel } from '../src/excel';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { readGrids, workbookBytes } from '../src/xlsx';
import { FakeExcel } from './fake-excel';
import { excelProblems } from './ooxml';
import { recalculate } from './recalc';
import { program } from './resources';

const ROOT = path.join(__dirname, '..');
const SEED = path.join(ROOT, 'seeds', '000-kriminalforsorgen-2024.xlsx');
const PRINTED = ['Nr.', 'Mål', 'Vægt', 'Målværdi', 'Resultat', 'Opfyldelse', 'Opnået', 'Status', 'Forklaring'];

async function seedLayout() {
  const grids = readGrids(await fs.readFile(SEED));
  const { results, problems } = scoreGrids(grids, { lang: 'da' });
  return { grids, results, layout: scoreWorkbookLayout(results, problems, 'da') };
}

test('the print area is what a reader needs; the inputs are grouped beside it; header, footer and header rows on every page', async () => {
  const { layout } = await seedLayout();
  const sheet = layout.sheets[0];
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  expect(sheet.values[header].slice(0, PRINTED.length)).toEqual(PRINTED);
  expect(sheet.print.area).toMatch(new RegExp(`^A1:I\\d+$`));
  const [from, to] = sheet.outlineColumns!;
  expect(from).toBe(PRINTED.length);
  expect(sheet.values[header].slice(from, to + 1)).toContain('Faktisk');
  expect(sheet.hiddenColumns!.every((c) => c > to)).toBe(true);
  expect(sheet.print.header).toEqual({ left: '&"-,Bold"Kriminalforsorgen', right: '2024 Q4' });
  expect(sheet.print.footer).toEqual({ left: 'Side &P af &N', right: '&D' });
  expect(sheet.print.repeatRows).toEqual({ first: header, last: header });
  // The chart sits right under the table, inside the printed columns.
  const chart = sheet.charts.find((c) => c.kind === 'barClustered')!;
  const total = sheet.values.findIndex((r, i) => i > header && r[1] === 'I alt');
  expect(Number(chart.anchor.from.replace(/^[A-Z]+/, '')) - 1).toBeLessThanOrEqual(total + 3);
  const bytes = workbookBytes(layout);
  expect(await excelProblems(bytes)).toEqual([]);
  const parts = unzipSync(bytes);
  const xml = (name: string) => new TextDecoder().decode(parts[name]);
  expect(xml('xl/workbook.xml')).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="0">'Kriminalforsorgen Q4'!\$A\$1:\$I\$\d+<\/definedName>/);
  expect(xml('xl/worksheets/sheet1.xml')).toContain('<oddFooter>&amp;LSide &amp;P af &amp;N&amp;R&amp;D</oddFooter>');
  expect(xml('xl/worksheets/sheet1.xml')).toContain('outlineLevel="1"');
});

test('an ampersand in an agency\'s name prints as itself, not as a page code', async () => {
  const grid = { name: 'P', values: [['Myndighed', 'Told & Skat'], [], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 100, 'mindst', 1, 2]] };
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  expect(scoreWorkbookLayout(results, problems, 'da').sheets[0].print.header!.left).toBe('&"-,Bold"Told && Skat');
});

test('in Excel the same print setup goes through Office.js: print area, header and footer, the inputs grouped', async () => {
  const fake = new FakeExcel();
  const grids = readGrids(await fs.readFile(SEED));
  for (const g of grids) fake.addSheet(g.name, g.values.map((r) => Array.from(r, (v) => (v instanceof Date ? 45000 : (v ?? null)) as string | number | null)));
  await scoreInExcel(fake.asContext(), { lang: pack('da') });
  const score = fake.sheet('Kriminalforsorgen Q4')!;
  expect(score.pageLayout.printArea).toMatch(/^A1:I\d+$/);
  expect(score.pageLayout).toMatchObject({ leftHeader: '&"-,Bold"Kriminalforsorgen', rightHeader: '2024 Q4', leftFooter: 'Side &P af &N', rightFooter: '&D' });
  expect(score.groups).toHaveLength(1);
  expect(score.groups[0].by).toBe('ByColumns');
  expect(score.groups[0].range).toMatch(/^J1:[A-Z]+1048576$/);
});

test('goalscore score --pdf writes the score sheet as printed: the agency, "Side 1 af", nothing smaller than 7 pt', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pdf-'));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'goalscore.js'), 'score', SEED, '--pdf', '--out', dir], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  const pdf = path.join(dir, '000-kriminalforsorgen-2024.score.pdf');
  expect(r.stdout).toContain(pdf);
  const text = execFileSync(program('pdftotext'), ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Kriminalforsorgen');
  expect(text).toContain('Side 1 af');
  // Numbers as Danish readers write them.
  expect(text).toContain('66,2%');
  const boxes = execFileSync(program('pdftotext'), ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const heights = [...boxes.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
  expect(heights.length).toBeGreaterThan(200);
  expect(Math.min(...heights)).toBeGreaterThanOrEqual(7);
  // An existing PDF is not replaced without --force.
  const again = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'goalscore.js'), 'score', SEED, '--pdf', '--force', '--out', dir], { encoding: 'utf8' });
  expect(again.status).toBe(0);
  await fs.rm(dir, { recursive: true, force: true });
}, 180_000);

test('without LibreOffice, --pdf says which package to install, and the workbook is still written', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nopdf-'));
  // A PATH with nothing on it: no soffice to find.
  const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'path-'));
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'goalscore.js'), 'score', SEED, '--pdf', '--out', dir], { encoding: 'utf8', env: { ...process.env, PATH: empty } });
  expect(r.stderr + r.stdout).toContain('libreoffice-calc');
  await expect(fs.stat(path.join(dir, '000-kriminalforsorgen-2024.score.xlsx'))).resolves.toBeTruthy();
  expect(r.status).toBe(1);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.rm(empty, { recursive: true, force: true });
});

test('an explanation follows an edit on the sheet: it says the row was edited and gives the fulfilment now', async () => {
  const { layout } = await seedLayout();
  const sheet = layout.sheets[0];
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  const col = (name: string) => sheet.values[header].indexOf(name);
  const row = (id: string) => sheet.values.findIndex((r, i) => i > header && r[0] === id);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(workbookBytes(layout, { cachedResults: false }) as unknown as ArrayBuffer);
  // 3.1 answers 96 % of hearings in time instead of 93,8 %.
  wb.getWorksheet(sheet.name)!.getCell(address(row('3.1'), col('Faktisk'))).value = 0.96;
  const computed = await recalculate([{ name: 'edited.xlsx', bytes: new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer) }], 'da-DK');
  const cells = computed.get('edited.xlsx')!.get(sheet.name)!;
  expect(cells.get(address(row('3.1'), col('Opfyldelse')))).toBe(1);
  expect(cells.get(address(row('3.1'), col('Forklaring')))).toBe('Ændret på arket: opfyldelsen er nu 100 %; goalscore beregnede 0 %, og forklaringen gælder ikke længere.');
  // Its parent's sum changed too; a row left alone keeps goalscore's words.
  expect(String(cells.get(address(row('3', ), col('Forklaring'))))).toMatch(/^Ændret på arket/);
  expect(cells.get(address(row('1.1'), col('Forklaring')))).toBe(sheet.values[row('1.1')][col('Forklaring')]);
  expect(sheet.notes.find((n) => n.cell === address(header, col('Forklaring')))?.text).toMatch(/^Forklaringerne er goalscores beregning \d/);
}, 120_000);

test('in Excel, each problem links to the cell it names; the overview\'s counts line up with their headers', async () => {
  const fake = new FakeExcel();
  fake.addSheet('Plan', [['Myndighed', 'Prøvestyrelsen'], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 100, 'mindst', 5, 'fem']]);
  await scoreInExcel(fake.asContext(), { lang: pack('da') });
  expect(fake.sheet('Problemer')!.links).toEqual([{ cell: 'B4', documentReference: 'Plan!E3', address: undefined }]);
  const { consolidationLayout } = await import('../src/pipeline');
  const { results } = scoreGrids(readGrids(await fs.readFile(SEED)), { lang: 'da' });
  const overview = consolidationLayout(results.map((result) => ({ file: 'a.xlsx', result })), [], 'da').layout.sheets[0];
  const counts = overview.values[2].indexOf('Opfyldt');
  expect(overview.styles).toContainEqual({ range: `${String.fromCharCode(65 + counts)}3:${String.fromCharCode(65 + counts)}4`, style: { hAlign: 'center' } });
  expect(overview.styles).toContainEqual({ range: `A4:${String.fromCharCode(65 + overview.values[2].length - 1)}4`, style: { vAlign: 'middle' } });
});

test('an area is kept on one page where it fits: the page breaks fall before an area, in the file, through Office.js and in the PDF', async () => {
  const { layout } = await seedLayout();
  const sheet = layout.sheets[0];
  const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
  const subtotals = sheet.values.flatMap((r, i) => (typeof r[1] === 'string' && r[1].startsWith('I alt –') ? [i] : []));
  const areaStarts = new Set([header + 1, ...subtotals.map((r) => r + 1)]);
  expect(sheet.rowBreaks!.length).toBeGreaterThan(0);
  for (const row of sheet.rowBreaks!) expect(areaStarts.has(row)).toBe(true);
  const xml = new TextDecoder().decode(unzipSync(workbookBytes(layout))['xl/worksheets/sheet1.xml']);
  for (const row of sheet.rowBreaks!) expect(xml).toContain(`<brk id="${row}" max="16383" man="1"/>`);
  expect(await excelProblems(workbookBytes(layout))).toEqual([]);

  const fake = new FakeExcel();
  for (const g of readGrids(await fs.readFile(SEED))) fake.addSheet(g.name, g.values.map((r) => Array.from(r, (v) => (v instanceof Date ? 45000 : (v ?? null)) as string | number | null)));
  await scoreInExcel(fake.asContext(), { lang: pack('da') });
  expect(fake.sheet('Kriminalforsorgen Q4')!.pageBreaks).toEqual(sheet.rowBreaks!.map((r) => `A${r + 1}`));

  // Printed: each page after the first starts its goals with the first goal of an area.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'breaks-'));
  spawnSync(process.execPath, [path.join(ROOT, 'bin', 'goalscore.js'), 'score', SEED, '--pdf', '--out', dir], { encoding: 'utf8' });
  const pages = execFileSync(program('pdftotext'), ['-layout', path.join(dir, '000-kriminalforsorgen-2024.score.pdf'), '-'], { encoding: 'utf8' }).split('\f').filter((p) => /\S/.test(p));
  const firstIds = new Set([...areaStarts].map((r) => sheet.values[r]?.[0]));
  for (const page of pages.slice(1)) {
    const first = page.split('\n').map((l) => l.match(/^(\d+(?:\.\w+)*)\s{2,}/)?.[1]).find(Boolean);
    if (first) expect(firstIds.has(first)).toBe(true);
  }
  await fs.rm(dir, { recursive: true, force: true });
}, 180_000);

test('counts read right in the singular and the plural, in every language', async () => {
  const { fill, LANGUAGES } = await import('../src/i18n');
  expect(fill(LANGUAGES.da.ui.rows, { count: 1 })).toBe('1 række');
  expect(fill(LANGUAGES.da.ui.rows, { count: 31 })).toBe('31 rækker');
  expect(fill(LANGUAGES.nb.ui.rows, { count: 1 })).toBe('1 rad');
  expect(fill(LANGUAGES.en.ui.done, { count: 1 })).toBe('Done: 1 score sheet written.');
  expect(fill(LANGUAGES.en.ui.done, { count: 2 })).toBe('Done: 2 score sheets written.');
  expect(fill(LANGUAGES.da.ui.consolidated, { count: 1, average: '50 %' })).toBe('Oversigten er skrevet: 1 plan, gennemsnit 50 %.');
});
