/** The workbook adapter: what the score workbook holds after a round trip through ExcelJS and LibreOffice. */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { scoreWorkbookBytes } from '../src/xlsx';
import { program } from './resources';

const SEED = path.join(__dirname, '..', 'seeds', '003-hjemrejsestyrelsen-2024.xlsx');

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** The last row holding the text: the total row's `I alt` comes after the header's `I alt` column. */
function findRow(sheet: ExcelJS.Worksheet, text: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (row.values && (row.values as unknown[]).includes(text)) found = row;
  });
  if (!found) throw new Error(`no row with ${text}`);
  return found;
}

describe('score workbook', () => {
  let bytes: Uint8Array;
  let sheet: ExcelJS.Worksheet;
  let total: number;

  beforeAll(async () => {
    const scored = await scoreWorkbookBytes(await fs.readFile(SEED), 'da');
    bytes = scored.output!;
    total = scored.results[0].total.earned;
    const wb = await load(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Hjemrejsestyrelsen Helår']);
    sheet = wb.worksheets[0];
  });

  test('title, summary and the goal table with the columns the plan uses', () => {
    expect(sheet.getCell('A1').value).toBe('Målopfyldelse – Hjemrejsestyrelsen 2024, Helår');
    const header = findRow(sheet, 'Nr.');
    const names = (header.values as unknown[]).slice(1);
    // What prints first, together; the inputs and what it takes after it.
    expect(names.slice(0, 3)).toEqual(['Nr.', 'Mål', 'Point']);
    const from = names.indexOf('Resultat');
    expect(names.slice(from, from + 6)).toEqual(['Resultat', 'Opfyldelse', 'Opnået', 'Status', 'Forklaring', 'Område']);
    const required = names.indexOf('Krævet for opfyldelse');
    expect(names.slice(required, required + 3)).toEqual(['Krævet for opfyldelse', 'Kan vindes', 'Note']);
    // The formulas' helper columns are there, hidden.
    expect(names.slice(-8)).toEqual(['Niveau', 'Krav', 'Vurderet vægt', 'Beregnet opfyldelse', 'Beregnet forklaring', 'Planens note', 'Ord', 'Værdi']);
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => sheet.getColumn(names.length - i).hidden)).toEqual(new Array(8).fill(true));
    expect(names).not.toContain('Formel');
    expect(header.getCell(1).font?.bold).toBe(true);
  });

  test('area subtotals and a total row labelled I alt that match the engine', () => {
    const header = findRow(sheet, 'Nr.');
    const col = (name: string) => (header.values as unknown[]).indexOf(name);
    expect(header.number).toBeLessThan(findRow(sheet, 'I alt').number);
    const totalRow = findRow(sheet, 'I alt');
    const value = (cell: ExcelJS.Cell) => (cell.value as ExcelJS.CellFormulaValue).result;
    expect(value(totalRow.getCell(col('Opnået')))).toBeCloseTo(total, 9);
    expect(value(totalRow.getCell(col('Point')))).toBeCloseTo(100, 9);
    expect((totalRow.getCell(col('Opnået')).value as ExcelJS.CellFormulaValue).formula).toMatch(/^SUMIFS\(/);
    expect(totalRow.font?.bold ?? totalRow.getCell(col('Mål')).font?.bold).toBe(true);
    expect(value(findRow(sheet, 'I alt – Faglige mål').getCell(col('Point')))).toBe(85);
    expect(findRow(sheet, '1.e').getCell(col('Opfyldelse')).numFmt).toBe('0.0%');
    expect(value(findRow(sheet, '1.e').getCell(col('Status')))).toBe('Delvist opfyldt');
  });

  test('icon set on fulfilment, data bars on earned, frozen header, A4 landscape fit to width', () => {
    const rules = (sheet as unknown as { conditionalFormattings: { rules: { type: string; iconSet?: string }[] }[] }).conditionalFormattings.flatMap((c) => c.rules);
    expect(rules.map((r) => r.type).sort()).toEqual(['dataBar', 'iconSet']);
    expect(rules.find((r) => r.type === 'iconSet')!.iconSet).toBe('3TrafficLights1');
    const header = findRow(sheet, 'Nr.');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: header.number });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(30);
  });

  test('LibreOffice opens the score workbook and reads the same total', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lo-'));
    await fs.writeFile(path.join(dir, 'score.xlsx'), bytes);
    execFileSync(program('soffice'), ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'csv', '--outdir', dir, path.join(dir, 'score.xlsx')], { stdio: 'ignore', timeout: 120_000 });
    const csv = await fs.readFile(path.join(dir, 'score.csv'), 'utf8');
    const line = csv.split('\n').find((l) => l.startsWith(',I alt,'))!;
    expect(line).toBeDefined();
    expect(line).toContain(total.toFixed(2));
    await fs.rm(dir, { recursive: true, force: true });
  });
});

test('a plan with problems gets a Problemer sheet naming sheet and cell', async () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Plan 2024');
  ws.addRows([['Myndighed', 'Testestyrelsen'], [], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 50, 'mindst', 5, 'fem'], ['2', 50, 'ukendt', 5, 6]]);
  const scored = await scoreWorkbookBytes(new Uint8Array(await wb.xlsx.writeBuffer()), 'da');
  const out = await load(scored.output!);
  expect(out.worksheets.map((w) => w.name)).toEqual(['Testestyrelsen', 'Problemer']);
  const problems = out.getWorksheet('Problemer')!;
  expect(problems.getRow(3).values).toEqual([undefined, 'Ark', 'Celle', 'Alvor', 'Besked']);
  const rows = [4, 5].map((r) => (problems.getRow(r).values as unknown[]).slice(1, 4));
  expect(rows).toEqual([['Plan 2024', 'E4', 'Fejl'], ['Plan 2024', 'C5', 'Fejl']]);
});

test('English score sheets with --lang en', async () => {
  const scored = await scoreWorkbookBytes(await fs.readFile(SEED), 'en');
  const sheet = (await load(scored.output!)).worksheets[0];
  expect(sheet.getCell('A1').value).toBe('Goal fulfilment – Hjemrejsestyrelsen 2024, Helår');
  expect(() => findRow(sheet, 'Total')).not.toThrow();
  expect(scored.results[0].rows.find((r) => r.id === '2.4.3')!.explanation).toBe('not completed');
});
