/**
 * The recording fake is at least as strict as Excel where Excel's rules are documented; each rule
 * is tested here on the fake itself, then the Office.js writer and reader are shown to pass them.
 */
import { pack } from '../src/i18n';
import { OFFICE_FAILURES, readWorkbook, scoreInExcel } from '../src/excel';
import { asText } from '../src/excel/write';
import { fakeFromSeed } from './fake-seed';
import { FakeExcel, PAYLOAD_LIMIT, sheetNameError, typedValue } from './fake-excel';

describe('the fake reads written text as Excel reads typed text', () => {
  test.each([
    ['1.10', 'da-DK', 45566], // 1 October 2024: a Danish date
    ['1.10', 'en-US', 1.1],
    ['2.3.1', 'da-DK', 36952], // 2 March 2001
    ['1.234,5', 'da-DK', 1234.5],
    ['1 234,5', 'nb-NO', 1234.5],
    ['1,234.5', 'en-US', 1234.5],
    ['85 %', 'da-DK', 0.85],
    ['SAND', 'da-DK', true],
    ['=SUM(A1)', 'da-DK', '=SUM(A1)'],
    ['+titel', 'da-DK', '=+titel'],
    ['- punkt', 'da-DK', '=- punkt'],
    ["'1.10", 'da-DK', '1.10'],
    ['Mål 1', 'da-DK', 'Mål 1'],
    ['Q4', 'da-DK', 'Q4'],
  ])('%s in %s is stored as %p', (text, locale, stored) => {
    expect(typedValue(text, undefined, locale)).toEqual(stored);
  });

  test('a cell formatted as text keeps its text, whether the format came first in the request or earlier', async () => {
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.add('Ark');
    const range = sheet.getRangeByIndexes(0, 0, 1, 2);
    range.numberFormat = [['@', 'General']];
    range.values = [['1.10', '1.10']];
    await fake.context.sync();
    // The API reads typed text in en-US, whatever the user's locale: 1.10 is the number 1.1.
    expect(fake.sheet('Ark')!.cells[0]).toEqual(['1.10', 1.1]);
  });

  test('asText keeps what Excel would read as anything but text', () => {
    for (const text of ['1.10', '2.3.1', '=titel', '+5', '-', '@x', 'SAND', "'quoted", 'Mål 1']) expect(typedValue(asText(text), undefined, 'da-DK')).toBe(text);
    expect(asText('Opfyldt')).toBe('Opfyldt');
  });
});

describe('sheet names, sizes and failures as Excel has them', () => {
  test('sheet names: 31 characters, none of []:*?/\\, no apostrophe at either end, unique regardless of case', async () => {
    expect(sheetNameError('a'.repeat(32), [])).toBe('InvalidArgument');
    for (const bad of ['a[1]', 'a:b', 'a*', 'a?', 'a/b', 'a\\b', "'a", 'History', '']) expect(sheetNameError(bad, [])).toBe('InvalidArgument');
    expect(sheetNameError('PLAN', ['Plan'])).toBe('ItemAlreadyExists');
    const fake = new FakeExcel();
    fake.addSheet('Plan', [['x']]);
    fake.context.workbook.worksheets.add('plan');
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
    expect(fake.sheets.filter((s) => !s.deleted).map((s) => s.name)).toEqual(['Plan']);
  });

  test('a failing request keeps what ran before the failing operation and nothing after it', async () => {
    const fake = new FakeExcel();
    const sheets = fake.context.workbook.worksheets;
    const first = sheets.add('Første');
    first.getRangeByIndexes(0, 0, 1, 1).values = [['kept']];
    first.getRangeByIndexes(0, 1, 1, 1).numberFormat = [['0.0%"']];
    const second = sheets.add('Anden');
    second.getRangeByIndexes(0, 0, 1, 1).values = [['undone']];
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(fake.sheet('Første')!.cells[0][0]).toBe('kept');
    expect(fake.sheet('Anden')).toBeUndefined();
  });

  test('arrays of the wrong size fail, as Excel refuses them', async () => {
    const fake = new FakeExcel();
    fake.context.workbook.worksheets.add('Ark').getRangeByIndexes(0, 0, 2, 2).values = [[1, 2]];
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('requests and responses over 5 MB fail', async () => {
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.add('Stor');
    sheet.getRangeByIndexes(0, 0, 1, 1).values = [['x'.repeat(PAYLOAD_LIMIT)]];
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    const big = new FakeExcel();
    big.addSheet('Stor', Array.from({ length: 60 }, () => ['x'.repeat(100_000)]));
    const range = big.context.workbook.worksheets.getItem('Stor').getRangeByIndexes(0, 0, 60, 1);
    range.load(['values']);
    await expect(big.context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
  });

  test('freezing columns after rows leaves only the columns frozen; freezeAt sets both', async () => {
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.add('Ark');
    sheet.freezePanes.freezeRows(3);
    sheet.freezePanes.freezeColumns(2);
    await fake.context.sync();
    expect([fake.sheet('Ark')!.frozenRows, fake.sheet('Ark')!.frozenColumns]).toEqual([0, 2]);
    sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, 3, 2));
    await fake.context.sync();
    expect([fake.sheet('Ark')!.frozenRows, fake.sheet('Ark')!.frozenColumns]).toEqual([3, 2]);
  });

  test('after suspending calculation, nothing calculates until asked in a later request', async () => {
    const fake = new FakeExcel();
    fake.context.application.suspendApiCalculationUntilNextSync();
    fake.context.workbook.worksheets.add('Ark').getRangeByIndexes(0, 0, 1, 1).formulas = [['=1+1']];
    fake.context.application.calculate('Recalculate');
    await fake.context.sync();
    expect(fake.needsCalculation).toBe(true);
    fake.context.application.calculate('Recalculate');
    await fake.context.sync();
    expect(fake.needsCalculation).toBe(false);
  });

  test('the failure table knows only codes Excel defines, and its own', () => {
    const own = ['OldExcel', 'ProtectedWorkbook', 'ProtectedSheet'];
    const excel = ['InvalidOperationInCellEditMode', 'RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded', 'AccessDenied', 'InsertDeleteConflict', 'Conflict', 'ActivityLimitReached', 'RequestAborted', 'OperationCellsExceedLimit', 'RangeExceedsLimit', 'FormulaLengthExceedsLimit'];
    expect(Object.keys(OFFICE_FAILURES).sort()).toEqual([...own, ...excel].sort());
    expect(OFFICE_FAILURES.RangeExceedsLimit.retry).toBe('smaller');
  });
});

describe('the Office.js adapter passes the strict fake', () => {

  test.each(['da-DK', 'en-US'])('in %s Excel, goal numbers and titles stay text and the header is frozen as laid out', async (locale) => {
    const fake = await fakeFromSeed('001-politiet-2024.xlsx', locale);
    const { results } = await scoreInExcel(fake.asContext(), { lang: pack('da') });
    const score = fake.sheets.find((s) => !s.deleted && s.props.get('goalscore.role') === 'score')!;
    const header = score.cells.findIndex((r) => r?.[0] === 'Nr.');
    const ids = score.cells.slice(header + 1).map((r) => r?.[0]).filter((v) => v !== undefined && v !== null && v !== '');
    const expected = results[0].rows.map((r) => r.id);
    expect(ids.slice(0, expected.length)).toEqual(expected);
    expect(ids.every((id) => typeof id === 'string')).toBe(true);
    expect(score.cells[0][0]).toBe(`Målopfyldelse – Politiet 2024, 4. kvartal`);
    expect(score.frozenRows).toBe(header + 1);
  });

  test('a title that starts with =, + or - is written as text', async () => {
    const fake = new FakeExcel();
    fake.addSheet('Plan', [['Myndighed', '=Styrelsen'], [], ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', '- færre sager', 50, 'mindst', 5, 6], ['2', '+ flere', 50, 'mindst', 5, 6]]);
    await scoreInExcel(fake.asContext(), { lang: pack('da') });
    const score = fake.sheets.find((s) => !s.deleted && s.props.get('goalscore.role') === 'score')!;
    const texts = score.cells.flat().filter((v) => typeof v === 'string');
    expect(texts).toEqual(expect.arrayContaining(['- færre sager', '+ flere']));
    expect(texts.some((t) => t.startsWith('=-') || t.startsWith('=+'))).toBe(false);
  });

  test('a workbook whose cells pass the response limit is read in slices, every cell once', async () => {
    const fake = new FakeExcel();
    const rows = Array.from({ length: 6000 }, (_, r) => [`${r}`, 'x'.repeat(1000), r]);
    fake.addSheet('Data', rows);
    fake.addSheet('Plan', [['Nr.', 'Vægt'], ['1', 100]]);
    const read = await readWorkbook(fake.asContext());
    expect(Math.max(...fake.responses)).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(fake.syncs).toBeGreaterThan(3);
    const data = read.grids.find((g) => g.name === 'Data')!;
    expect(data.values).toHaveLength(6000);
    expect(data.values[5999][2]).toBe(5999);
  });

  test('a response Excel refuses is read again in smaller pieces', async () => {
    const fake = new FakeExcel();
    fake.responseLimit = 200_000;
    fake.addSheet('Data', Array.from({ length: 500 }, (_, r) => [r, 'y'.repeat(1000)]));
    const read = await readWorkbook(fake.asContext());
    expect(read.grids[0].values).toHaveLength(500);
    expect(read.grids[0].values[499][0]).toBe(499);
  });
});
