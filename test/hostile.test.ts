/**
 * Small files that ask for much work (test/hostile.ts builds them here): each is refused with a
 * message that names it and shows its limit as the user's language writes numbers, or is read
 * correctly with its work bounded — asserted on what was read and counted, never on time.
 */
import { strFromU8, unzipSync } from 'fflate';
import { cellOf, DATA_CELL_LIMIT, type CellValue, type DataRef, type DataSource, type SheetGrid } from '../src/engine';
import { formatMessage, pack } from '../src/i18n';
import { dataFromGrids, scoreGrids } from '../src/pipeline';
import { LIMITS, scoreWorkbookBytes, unreadableProblem } from '../src/xlsx';
import { readWorkbookFile } from '../src/xlsx/read';
import { decodeEscapes, fitPage } from '../src/xlsx/cellText';
import { CELL_CHARS } from '../src/engine';
import { RUN_CHARS, TextRunGuard } from '../src/xlsx/textRuns';
import * as H from './hostile';

const da = pack('da');
/** The message a refused file gets, in Danish. */
const refusal = (bytes: Uint8Array, limits = LIMITS) => {
  try {
    readWorkbookFile(bytes, limits);
  } catch (e) {
    return formatMessage(unreadableProblem('plan.xlsx', e).message, da);
  }
  throw new Error('read, not refused');
};
const messages = (problems: { cell: string; message: Parameters<typeof formatMessage>[0] }[], lang = da) => problems.map((p) => `${p.cell}: ${formatMessage(p.message, lang)}`);

describe('sheets and parts', () => {
  test('40,000 <sheet> elements naming one part are refused past 10,000 sheets, in Danish numbers', () => {
    expect(refusal(H.sheetsOnOnePart(40_000))).toBe('plan.xlsx har flere end 10.000 ark; del den op i flere projektmapper.');
  });

  test('9,000 <sheet> elements naming one part read it once, as one sheet', () => {
    const one = readWorkbookFile(H.sheetsOnOnePart(1));
    const many = readWorkbookFile(H.sheetsOnOnePart(9_000));
    expect(many.grids.map((g) => g.name)).toEqual(['S0']);
    expect(many.inflated.parts.filter((p) => p.includes('worksheets'))).toEqual(['xl/worksheets/sheet1.xml']);
    // Only the workbook part itself grows with the sheets listed.
    const sheetBytes = one.inflated.bytes;
    expect(many.inflated.bytes).toBeLessThan(sheetBytes + 9_000 * 60);
    expect(scoreWorkbookBytes(H.sheetsOnOnePart(9_000), 'da').results).toHaveLength(1);
  });

  test('more parts than 10,000 are refused, the limit in Danish numbers', () => {
    expect(refusal(H.manyParts(10_001))).toBe('plan.xlsx består af flere end 10.000 dele (filer i pakken), end en projektmappe kan læses sikkert med; den læses ikke.');
  });

  test('a picture no plan reads is never inflated, whatever it would unpack to', () => {
    const read = readWorkbookFile(H.unreadPicture(30));
    expect(read.inflated.parts).not.toContain('xl/media/image1.png');
    expect(read.inflated.bytes).toBeLessThan(10_000);
    expect(read.grids.map((g) => g.name)).toEqual(['Plan']);
  });

  test('a part that is read and unpacks past 200 : 1 is still a zip bomb, named', () => {
    const bytes = H.workbookBytes([{ name: 'Plan', rows: H.rowsXml(H.planRows([])) + ' '.repeat(30 * 2 ** 20) }], { level: 9 });
    expect(refusal(bytes)).toBe('plan.xlsx pakker sig ud til langt mere, end en projektmappe gør (xl/worksheets/sheet1.xml); den læses ikke.');
  });

  test('more cell formats than Excel’s 64,000, or a number format past its 255 characters, are refused, naming the part', () => {
    expect(readWorkbookFile(H.manyStyles(64_000)).grids).toHaveLength(1);
    expect(refusal(H.manyStyles(64_001))).toContain('(xl/styles.xml); den læses ikke.');
    expect(readWorkbookFile(H.manyStyles(1, 255)).grids).toHaveLength(1);
    expect(refusal(H.manyStyles(1, 256))).toContain('(xl/styles.xml); den læses ikke.');
  });

  test('a sheet name past Excel’s 31 characters is cut to 31', () => {
    expect(readWorkbookFile(H.longSheetName(5_000)).grids[0].name).toBe('P'.repeat(31));
  });

  test('a tag longer than 4 million characters is refused, naming its part; a DTD is a damaged part', () => {
    expect(refusal(H.longAttribute(5_000_000))).toContain('(xl/workbook.xml); den læses ikke.');
    const dtd = H.workbookBytes([{ name: 'Plan', rows: '' }], { parts: { 'xl/workbook.xml': '<!DOCTYPE w [<!ENTITY a "b">]><workbook/>' } });
    expect(refusal(dtd)).toBe('plan.xlsx er beskadiget eller ufuldstændig og kan ikke åbnes: xl/workbook.xml.');
  });
});

describe('cells', () => {
  test('a title of millions of characters is cut at Excel’s 32,767, with a warning at its cell, however it is written', () => {
    for (const as of ['shared', 'inline', 'formula'] as const) {
      const bytes = H.longTitle(3 * RUN_CHARS, as);
      const { grids } = readWorkbookFile(bytes);
      expect((grids[0].values[4][1] as string).length).toBe(CELL_CHARS);
      const scored = scoreWorkbookBytes(bytes, 'da');
      expect(messages(scored.problems)).toEqual(['B5: Cellen har flere end 32.767 tegn, det højeste Excel tillader i en celle; kun de første 32.767 er læst. Forkort teksten.']);
      expect(scored.results[0].rows[0].title.length).toBe(CELL_CHARS);
      // No cell of the score workbook holds more than Excel does.
      const strings = strFromU8(unzipSync(scored.output!)['xl/sharedStrings.xml']);
      const longest = Math.max(...[...strings.matchAll(/<t>([^<]*)<\/t>/g)].map((m) => m[1].replace(/&amp;|&lt;|&gt;|&quot;/g, '.').length));
      expect(longest).toBeLessThanOrEqual(CELL_CHARS);
    }
  });

  test('a title of exactly 32,767 characters is read whole, without a warning', () => {
    const bytes = H.longTitle(CELL_CHARS, 'inline');
    expect((readWorkbookFile(bytes).grids[0].values[4][1] as string).length).toBe(CELL_CHARS);
    expect(scoreWorkbookBytes(bytes, 'da').problems).toEqual([]);
  });

  test('an agency of 40,000 characters gives a page header within Excel’s 255', () => {
    const output = scoreWorkbookBytes(H.longAgency(40_000), 'da').output!;
    const sheet = strFromU8(unzipSync(output)['xl/worksheets/sheet1.xml']);
    const header = sheet.match(/<oddHeader>([^<]*)<\/oddHeader>/)![1].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    expect(header.length).toBeLessThanOrEqual(255);
    // Cut where no code is left half: every `&` starts a code or is doubled.
    expect(header.replace(/&&/g, '')).toMatch(/^(?:[^&]|&[LCRPND]|&"[^"]*")*$/);
  });

  test('100,000 rows each with one cell in column XFD cost the plan reader what the plan’s own rows do', () => {
    const { grids } = readWorkbookFile(H.rowsAtXfd(100_000));
    expect(grids[0].values.length).toBe(100_005);
    expect(grids[0].values[100_004][16_383]).toBe(100_004);
    const run = scoreGrids(grids, { lang: 'da' });
    expect(run.results[0].rows.map((r) => r.row.id)).toEqual(['1']);
  });

  test('2,000 sheets whose first 30 rows each hold one cell in column XFD cost the header search what their cells do', () => {
    const bytes = H.headRowsAtXfd(2_000);
    const { grids } = readWorkbookFile(bytes);
    expect(grids).toHaveLength(2_001);
    expect(grids[2_000].values[29][16_383]).toBe(30);
    const run = scoreGrids(grids, { lang: 'da' });
    expect(run.results.map((r) => r.plan.sheet)).toEqual(['Plan']);
  });

  test('cells past the limit are refused, the limit in Danish numbers; the limit holds Excel’s full height', () => {
    expect(refusal(H.cellsBelowHeader(3_000, 20), { ...LIMITS, cells: 50_000 })).toBe(
      'plan.xlsx har flere end 50.000 celler i planark og de kolonner, datareferencerne læser; del planen eller dataene op i flere projektmapper.',
    );
    expect(readWorkbookFile(H.cellsBelowHeader(2_000, 20), { ...LIMITS, cells: 50_000 }).grids[0].values.length).toBe(2_004);
    // Sixteen columns of Excel's 1,048,576 rows, and the elements of a case sheet of thirty.
    expect(LIMITS.cells).toBeGreaterThanOrEqual(16 * 1_048_576);
    expect(LIMITS.elements).toBeGreaterThanOrEqual(1_048_576 * (1 + 2 * 30));
  });

  test('phonetic runs are no part of a text, and Excel’s _xHHHH_ escapes are decoded', () => {
    const bytes = H.phoneticAndEscapes();
    const values = readWorkbookFile(bytes).grids[0].values;
    expect([values[4][1], values[4][3], values[5][1], values[6][1]]).toEqual(['Sager behandlet', 'mindst', 'Frist', 'Kode _x0041_']);
    expect(scoreWorkbookBytes(bytes, 'da').problems).toEqual([]);
  });

  test('a comment inside a text is left out, however long', () => {
    expect(readWorkbookFile(H.commentInText(2 * RUN_CHARS)).grids[0].values[4][1]).toBe('Sager');
  });
});

describe('data references', () => {
  /** A data source that counts what it is asked. */
  const counting = (grids: SheetGrid[]) => {
    const source = dataFromGrids(grids);
    const seen = { calls: 0, cells: 0 };
    const data: DataSource = (ref: DataRef) => {
      const values = source(ref);
      seen.calls++;
      seen.cells += values?.length ?? 0;
      return values;
    };
    return { data, seen };
  };

  test('2,000 pairs of dates from 1900 to 9999 are counted in working days at once', () => {
    const { results, problems } = scoreWorkbookBytes(H.workingDayPairs(2_000), 'da', { output: false });
    expect(problems).toEqual([]);
    expect(results[0].rows[0].measure).toBe(0.5);
  });

  test('2,000 references to the same range read it once', () => {
    const { grids } = readWorkbookFile(H.dataReferences(2_000, 20_000, true));
    const { data, seen } = counting(grids);
    const run = scoreGrids(grids, { lang: 'da', data });
    expect(seen.calls).toBe(1);
    expect(run.results[0].rows.every((r) => r.measure !== null)).toBe(true);
  });

  test('references to many ranges stop at the budget of cells, each one past it a problem at its cell', () => {
    const rows = 200_000;
    const grids: SheetGrid[] = [
      { name: 'Plan', values: H.planRows(Array.from({ length: 400 }, (_, i) => [`${i + 1}`, `Gennemsnit ${i + 1}`, 1, 'mindst', 1, `Sager!A${i + 1}:A${rows}`, null])) as CellValue[][] },
      { name: 'Sager', values: Array.from({ length: rows }, (_, r) => [r % 7]) },
    ];
    const { data, seen } = counting(grids);
    const run = scoreGrids(grids, { lang: 'da', data });
    // One range past the budget is read before the budget says no; none after.
    expect(seen.cells).toBeLessThanOrEqual(DATA_CELL_LIMIT + rows);
    // The ranges that fit in the budget, one row shorter each, are read; the next is read and refused; the rest are refused unread.
    let fit = 0;
    for (let sum = rows; sum <= DATA_CELL_LIMIT; sum += rows - ++fit);
    expect(seen.calls).toBe(fit + 1);
    const refused = run.problems.filter((p) => p.message.key === 'dataTooManyCells');
    expect(refused.map((p) => p.cell)).toEqual(Array.from({ length: 400 - fit }, (_, i) => `F${5 + fit + i}`));
    expect(messages([refused[0]])[0]).toMatch(/^F\d+: Datareferencen Sager!A\d+:A200000 læses ikke: projektmappens datareferencer når tilsammen over 16\.777\.216 celler\./);
    expect(formatMessage(refused[0].message, pack('en'))).toContain('more than 16,777,216 cells');
  });

  test('one range larger than the whole budget is refused before it is built', () => {
    const wide: CellValue[] = [];
    wide[16_383] = 1;
    const grids: SheetGrid[] = [
      { name: 'Plan', values: H.planRows([['1', 'Alt', 100, 'mindst', 1, 'Sager!A1:XFD1048576', null]]) as CellValue[][] },
      { name: 'Sager', values: [wide, ...Array.from({ length: 1_048_575 }, () => [1])] },
    ];
    const run = scoreGrids(grids, { lang: 'da' });
    expect(messages(run.problems)).toEqual(['F5: Datareferencen Sager!A1:XFD1048576 læses ikke: projektmappens datareferencer når tilsammen over 16.777.216 celler. Henvis til færre eller mindre områder, eller del dataene op i flere projektmapper.']);
  });

  test('a case sheet keeps its first rows and the columns references name; the others are passed over', () => {
    const bytes = H.wideCaseSheet(2_000, 30);
    const { grids } = readWorkbookFile(bytes);
    const cases = grids[1];
    expect(cases.values[10]).toHaveLength(30);
    // Below its first 30 rows, only column C, by column.
    expect(cases.values).toHaveLength(30);
    expect([...cases.compact!.columns.keys()]).toEqual([2]);
    expect(cellOf(cases, 100, 2)).toBe(100 * 100 + 2);
    expect(cellOf(cases, 100, 3)).toBeUndefined();
    expect(cellOf(cases, 1_999, 2)).toBe(1_999 * 100 + 2);
    const run = scoreGrids(grids, { lang: 'da' });
    expect(run.results[0].rows[0].measure).toBeCloseTo(999.5 * 100 + 2);
  });

  test('a pair of date columns stays a pair when no case has an end date yet', () => {
    const grids: SheetGrid[] = [
      { name: 'Plan', values: H.planRows([['1', 'Sager', 100, 'andel', '50 %', 'Sager!A2:B4', '5 arbejdsdage']]) as CellValue[][] },
      { name: 'Sager', values: [['Start'], ['2024-03-04'], ['2024-03-05'], ['2024-03-06']] },
    ];
    const run = scoreGrids(grids, { lang: 'da' });
    expect(run.results[0].rows[0].measure).toBeNull();
    expect(messages(run.problems)).toEqual(['F5: Datareferencen Sager!A2:B4 indeholder ingen tal.']);
  });
});

describe('the pieces', () => {
  test('the text-run guard gives the parser the same text however the part is cut into chunks', () => {
    const xml = `<?xml version="1.0"?><a x="1>2"><!-- a < comment --><t>Sag &amp; <![CDATA[<x>]]>er</t><b/></a>`;
    const whole = new TextRunGuard('p');
    const expected = whole.write(xml) + whole.end();
    expect(expected).toBe(`<?xml version="1.0"?><a x="1>2"><t>Sag &amp; <![CDATA[<x>]]>er</t><b/></a>`);
    for (let cut = 1; cut < xml.length; cut++) {
      for (const second of [cut + 1, cut + 5]) {
        const guard = new TextRunGuard('p');
        expect(guard.write(xml.slice(0, cut)) + guard.write(xml.slice(cut, second)) + guard.write(xml.slice(second)) + guard.end()).toBe(expected);
      }
    }
  });

  test('the guard cuts a long run once, never inside a reference, and counts the cut', () => {
    const guard = new TextRunGuard('p');
    const run = '&amp;'.repeat(RUN_CHARS);
    const out = guard.write(`<t>${run}</t>`) + guard.end();
    expect(guard.cuts).toBe(1);
    expect(out).toMatch(/^<t>(?:&amp;)+<\/t>$/);
    expect(out.length).toBeLessThanOrEqual(RUN_CHARS + 16);
  });

  test('Excel’s escapes are decoded once, left to right', () => {
    expect(decodeEscapes('a_x0009_b_x005F_x0041_c_x00e9_')).toBe('a\tb_x0041_cé');
    expect(decodeEscapes('_x12_ _xGGGG_')).toBe('_x12_ _xGGGG_');
  });

  test('a page header is cut to 255 at its longest section, never inside a code', () => {
    const fitted = fitPage({ left: `&"-,Bold"${'A&&'.repeat(200)}`, right: '2024 Q4' });
    expect(`&L${fitted.left}&R${fitted.right}`.length).toBeLessThanOrEqual(255);
    expect(fitted.right).toBe('2024 Q4');
    expect(fitted.left!.replace(/&&/g, '')).toMatch(/^&"-,Bold"A+$/);
  });

  test('limits read in each language’s numbers', () => {
    const message = { key: 'fileTooManySheets' as const, args: { file: 'x.xlsx', limit: 10_000 } };
    expect(['da', 'nb', 'en', 'sv'].map((l) => formatMessage(message, pack(l)).match(/\d[\d., \u00a0\u202f]*\d/)![0])).toEqual(['10.000', '10\u00a0000', '10,000', '10\u00a0000']);
  });
});
