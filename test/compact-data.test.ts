/**
 * A data sheet that data references read is kept by column below its first rows (numbers and
 * dates in typed arrays, dates as serial days). It must read the same values and give the same
 * scores and problems as the same cells held as plain rows.
 */
import { CELL_KIND, cellOf, dateFromSerial, gridHeight, serialOf, type CellValue, type SheetGrid } from '../src/engine';
import { dateCellDay, parseDate } from '../src/engine/parse';
import { scoreGrids } from '../src/pipeline';
import { LIMITS, WorkbookRefused } from '../src/xlsx';
import { readWorkbookFile } from '../src/xlsx/read';
import * as H from './hostile';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** Style 1 shows a date (Excel's built-in format 14). */
const STYLES = {
  parts: { 'xl/styles.xml': `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>` },
  rels: `<Relationship Id="rIdY" Type="${R}/styles" Target="styles.xml"/>`,
};

/** 4 March 2024. */
const MARCH_4 = serialOf(2024, 3, 4);

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** Column A: numbers, texts that read as numbers, gaps, errors, words, truth values, empty formatted cells. */
function numberCell(r: number): string {
  const ref = `A${r + 1}`;
  const n = r % 50;
  return [
    `<c r="${ref}"><v>${n}</v></c>`,
    inline(ref, String(n)),
    '',
    `<c r="${ref}" t="e"><v>#N/A</v></c>`,
    inline(ref, 'ukendt'),
    `<c r="${ref}" t="b"><v>1</v></c>`,
    `<c r="${ref}" s="1"/>`,
  ][r % 7];
}

/** Columns B and C: a case's start and end, as dates, texts, ISO dates, dates with a time, gaps and errors. */
function dateCells(r: number): string {
  const start = MARCH_4 + (r % 40);
  const end = start + (r % 23);
  const b = `B${r + 1}`;
  const c = `C${r + 1}`;
  const first = [
    `<c r="${b}" s="1"><v>${start}</v></c>`,
    inline(b, '04-03-2024'),
    '',
    `<c r="${b}" t="d"><v>2024-03-05</v></c>`,
    `<c r="${b}" s="1"><v>${start}.75</v></c>`,
    `<c r="${b}"><v>${start}</v></c>`,
  ][r % 6];
  const second = r % 9 === 4 ? `<c r="${c}" t="e"><v>#VALUE!</v></c>` : `<c r="${c}" s="1"><v>${end}</v></c>`;
  return first + second;
}

/** Column E: only words and errors; column F, not referenced. */
const otherCells = (r: number) => (r % 2 ? inline(`E${r + 1}`, 'afventer') : `<c r="E${r + 1}" t="e"><v>#REF!</v></c>`) + `<c r="F${r + 1}"><v>${r}</v></c>`;

function caseRows(rows: number): string {
  const out = [`<row r="1">${inline('A1', 'Tid')}${inline('B1', 'Start')}${inline('C1', 'Slut')}</row>`];
  for (let r = 1; r <= rows; r++) out.push(`<row r="${r + 1}">${numberCell(r)}${dateCells(r)}${otherCells(r)}</row>`);
  return out.join('');
}

const ROWS = 400;
const END = ROWS + 1;
const REQUIREMENTS: H.Value[][] = [
  ['1', 'Gennemsnit', 10, 'højst', 30, `Sager!A2:A${END}`, null],
  ['2', 'Andel under 10', 10, 'andel', '20 %', `Sager!A2:A${END}`, 10],
  ['3', 'Percentil', 10, 'percentil', '80 % inden for 40 dage', `Sager!A2:A${END}`, null],
  ['4', 'Arbejdsdage', 10, 'andel', '50 %', `Sager!B2:C${END}`, '10 arbejdsdage'],
  ['5', 'Datoer som tal', 10, 'mindst', 1, `Sager!B2:B${END}`, null],
  ['6', 'Ingen tal', 10, 'mindst', 1, `Sager!E2:E${END}`, null],
  ['7', 'Kun de første rækker', 10, 'mindst', 1, 'Sager!A2:A20', null],
  ['8', 'Kun rækker under hovedet', 10, 'mindst', 1, `Sager!A60:A${END}`, null],
  ['9', 'Over grænsen mellem dem', 10, 'andel', '50 %', 'Sager!B25:C45', '5 arbejdsdage'],
  ['10', 'Ud over arket', 10, 'mindst', 1, 'Sager!A2:A5000', null],
];

function caseWorkbook(workbook?: string): Uint8Array {
  const parts = workbook ? { ...STYLES.parts, 'xl/workbook.xml': workbook } : STYLES.parts;
  return H.workbookBytes([{ name: 'Plan', rows: H.rowsXml(H.planRows(REQUIREMENTS)) }, { name: 'Sager', rows: caseRows(ROWS) }], { parts, rels: STYLES.rels });
}

/** The same cells as plain rows, every row as wide as the sheet: what the reader gave before. */
function plain(grid: SheetGrid, width: number): SheetGrid {
  const values: CellValue[][] = Array.from({ length: gridHeight(grid) }, (_, r) => Array.from({ length: width }, (_, c) => cellOf(grid, r, c)));
  return { name: grid.name, values };
}

/** What a run scored and found, without the plan objects. */
const outcome = (grids: SheetGrid[]) => {
  const run = scoreGrids(grids, { lang: 'da' });
  return { rows: run.results[0].rows.map((r) => ({ id: r.id, measure: r.measure, fulfilment: r.fulfilment, status: r.status, explanation: r.explanation })), problems: run.problems };
};

describe('a data sheet kept by column', () => {
  const { grids } = readWorkbookFile(caseWorkbook());
  const cases = grids[1];

  test('holds its first 30 rows as rows and only the referenced columns below them', () => {
    expect(cases.values).toHaveLength(30);
    expect(cases.compact!.top).toBe(30);
    expect(gridHeight(cases)).toBe(ROWS + 1);
    expect([...cases.compact!.columns.keys()].sort()).toEqual([0, 1, 2, 4]);
    // Column F, referenced by nothing, stands only in the first rows.
    expect(cellOf(cases, 10, 5)).toBe(10);
    expect(cellOf(cases, 100, 5)).toBeUndefined();
  });

  test('reads each kind of cell as the plain rows do', () => {
    // Row 7k: a number; + 1: a text; + 2: nothing; + 3: an error; + 4: a word; + 5: true; + 6: an empty formatted cell.
    const at = (r: number) => cellOf(cases, r, 0);
    expect([at(70), at(71), at(72), at(73), at(74), at(75), at(76)]).toEqual([70 % 50, String(71 % 50), undefined, { error: '#N/A' }, 'ukendt', true, null]);
    // Dates become the Date the reader always made; a text date stays text.
    expect(cellOf(cases, 60, 1)).toEqual(dateFromSerial(MARCH_4 + 20));
    expect(cellOf(cases, 61, 1)).toBe('04-03-2024');
    expect(cellOf(cases, 63, 1)).toEqual(new Date('2024-03-05T00:00:00Z'));
    expect(cellOf(cases, 64, 1)).toEqual(dateFromSerial(MARCH_4 + 24 + 0.75));
    expect(cellOf(cases, 65, 1)).toBe(MARCH_4 + 25);
    expect(cellOf(cases, 67, 2)).toEqual({ error: '#VALUE!' });
    expect(cases.compact!.columns.get(1)!.kinds[60 - 30]).toBe(CELL_KIND.date);
  });

  test('gives the same scores, explanations and problems as the same cells in plain rows', () => {
    const got = outcome(grids);
    expect(got).toEqual(outcome([grids[0], plain(cases, 6)]));
    // Not all alike: the ranges found numbers, dates and nothing.
    expect(got.rows.filter((r) => r.measure !== null).length).toBeGreaterThanOrEqual(7);
    expect(got.problems.map((p) => `${p.cell} ${p.message.key}`)).toContain('F10 dataEmpty');
  });

  test('the mean counts numbers and texts that read as numbers, nothing else', () => {
    const numbers: number[] = [];
    for (let r = 1; r <= ROWS; r++) if (r % 7 < 2) numbers.push(r % 50);
    const mean = outcome(grids).rows.find((r) => r.id === '1')!.measure;
    expect(mean).toBeCloseTo(numbers.reduce((a, b) => a + b, 0) / numbers.length, 9);
  });

  test('a workbook in the 1904 date system keeps its dates four years on', () => {
    const workbook = `<workbook xmlns="${MAIN}" xmlns:r="${R}"><workbookPr date1904="1"/><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/><sheet name="Sager" sheetId="2" r:id="rId2"/></sheets></workbook>`;
    const { grids: g1904 } = readWorkbookFile(caseWorkbook(workbook));
    expect(cellOf(g1904[1], 60, 1)).toEqual(dateFromSerial(MARCH_4 + 20 + 1462));
    expect(outcome(g1904)).toEqual(outcome([g1904[0], plain(g1904[1], 6)]));
  });

  test('its cells count against the workbook limit of cells', () => {
    const limits = { ...LIMITS, cells: 1_500 };
    const rows = (ref: string) => [{ name: 'Plan', rows: H.rowsXml(H.planRows([['1', 'Tid', 100, 'mindst', 1, ref, null]])) }, { name: 'Sager', rows: H.rowsXml(Array.from({ length: 3_000 }, (_, r) => [r])) }];
    expect(() => readWorkbookFile(H.workbookBytes(rows('Sager!A1:A3000')), limits)).toThrow(WorkbookRefused);
    // The same sheet referenced only in its first rows keeps only them.
    expect(readWorkbookFile(H.workbookBytes(rows('Sager!A1:A20')), limits).grids[1].compact).toBeUndefined();
  });
});

test('a date cell kept as its serial day reads as the day of the Date it stands for', () => {
  const serials = [0, 0.25, 0.5, 0.4999999, 1, 59, 60, 61, 25_569, 25_568.5, 45_355.75, 45_355.999999, 2_958_465, 2_958_465.9999, 2_958_465 + 1_462, 1e12, Number.NaN];
  for (let s = 0; s < 2_960_000; s += 997.3) serials.push(s);
  for (const s of serials) expect(dateCellDay(s)).toEqual(parseDate(dateFromSerial(s)));
});
