/** The Office.js adapter against the recording fake: sync counts, request sizes, owned sheets, untouched input. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LANGUAGE_CODES, pack } from '../src/i18n';
import { describeFailure, OFFICE_FAILURES, OfficeFailure, planSheets, readWorkbook, RowBatch, scoreInExcel, selectCell, OWNER_KEY } from '../src/excel';
import { scoreGrids } from '../src/pipeline';
import { readGrids } from '../src/xlsx';
import { fakeFromSeed } from './fake-seed';
import { FakeExcel } from './fake-excel';

const da = pack('da');
type Cell = string | number | boolean | null;

/** A seed workbook as Excel would hold it: dates as serial numbers with a date format. */
/** A synthetic plan of n requirement rows in one area. */
function syntheticPlan(fake: FakeExcel, n: number, name = 'Plan'): void {
  const rows: Cell[][] = [['Myndighed', 'Prøvestyrelsen'], ['År', 2024], [], ['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Note']];
  for (let i = 1; i <= n; i++) rows.push([`1.${i}`, 'Drift', `Krav ${i}`, 100 / n, 'mindst', 10, i % 3 === 0 ? 9 : 11, `note ${i}`]);
  fake.addSheet(name, rows);
}

const snapshot = (fake: FakeExcel, names: string[]) =>
  JSON.stringify(names.map((n) => [fake.sheet(n)!.cells, fake.sheet(n)!.formats]));

test('reading takes three syncs whatever the number of sheets and rows that fit a response, and honours load-before-read', async () => {
  for (const [sheets, rows] of [[1, 10], [6, 2000]]) {
    const fake = new FakeExcel();
    for (let s = 0; s < sheets; s++) syntheticPlan(fake, rows, `Plan ${s}`);
    const read = await readWorkbook(fake.asContext());
    expect(fake.syncs).toBe(3);
    expect(read.grids).toHaveLength(sheets);
    expect(read.grids[0].values[4][0]).toBe('1.1');
    expect(read.grids[0].origin).toEqual({ row: 0, col: 0 });
  }
});

test('the fake refuses a read before load and sync, as Excel does', () => {
  const fake = new FakeExcel();
  syntheticPlan(fake, 3);
  const sheets = fake.context.workbook.worksheets;
  expect(() => sheets.items).toThrow('PropertyNotLoaded');
});

test('scoring a seed plan in Excel gives the same totals as the pipeline, in 3 + 2 + 1 syncs, calculated at the end', async () => {
  const fake = await fakeFromSeed('003-hjemrejsestyrelsen-2024.xlsx');
  const userSheets = fake.sheets.map((s) => s.name);
  const before = snapshot(fake, userSheets);
  const run = await scoreInExcel(fake.asContext(), { lang: da });
  // Reading, the score sheet's two requests, and a recalculation after them.
  expect(fake.syncs).toBe(6);
  expect(fake.needsCalculation).toBe(false);

  // The same plan through the file pipeline: the adapters cannot disagree.
  const grids = readGrids(await fs.readFile(path.join(__dirname, '..', 'seeds', '003-hjemrejsestyrelsen-2024.xlsx')));
  const expected = scoreGrids(grids, { lang: 'da' }).results[0].total;
  expect(run.results[0].total.earned).toBeCloseTo(expected.earned, 12);

  const score = fake.sheet('Hjemrejsestyrelsen Helår')!;
  expect(score.props.get(OWNER_KEY)).toBe('score');
  expect(score.cells[0][0]).toBe('Målopfyldelse – Hjemrejsestyrelsen 2024, Helår');
  const header = score.cells.findIndex((r) => r?.[0] === 'Nr.');
  expect(score.frozenRows).toBe(header + 1);
  const earnedCol = score.cells[header].indexOf('Opnået');
  const totalRow = score.cells.findIndex((r, i) => i > header && r?.[1] === 'I alt');
  // Excel computes the sheet: the total is a formula over the top-level rows (checked by LibreOffice in livesheet.integration.test.ts).
  expect(score.cells[totalRow][earnedCol]).toMatch(/^=SUMIFS\(/);
  expect(score.formats[header + 1][score.cells[header].indexOf('Opfyldelse')]).toBe('0.0%');
  expect(score.conditionalFormats.map((c) => c.type).sort()).toEqual(['DataBar', 'IconSet']);
  expect(score.charts).toEqual([{ type: 'BarClustered', source: expect.stringMatching(/^B\d+:D\d+$/), title: 'Opnået og vægt pr. område' }]);
  expect(score.pageLayout).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });

  // Input cells unchanged, and no write touched a sheet the add-in does not own.
  expect(snapshot(fake, userSheets)).toBe(before);
  expect(fake.writes().filter((w) => userSheets.includes(w.sheet!))).toEqual([]);
  // Calculation is suspended before every write sync, and asked for in a request of its own after them.
  const writes = fake.requests.slice(3, -1);
  expect(writes).toHaveLength(2);
  expect(writes.every((r) => r.operations.some((o) => o.op === 'suspendApiCalculation'))).toBe(true);
  // The last request puts the sheet in place (written under a temporary name) and calculates, without suspending calculation.
  const last = fake.requests[fake.requests.length - 1].operations.map((o) => o.op);
  expect(last).toEqual(['rename', 'customProperty', 'customProperty', 'activate', 'calculate']);
});

test('the sync counts for 10 and 10,000 plan rows are equal; the largest request stays under 5 MB', async () => {
  const measure = async (n: number) => {
    const fake = new FakeExcel();
    syntheticPlan(fake, n);
    await scoreInExcel(fake.asContext(), { lang: da });
    return { syncs: fake.syncs, bytes: fake.maxRequestBytes, rows: fake.sheet('Prøvestyrelsen')!.cells.length };
  };
  const small = await measure(10);
  const large = await measure(10_000);
  expect(large.rows).toBeGreaterThan(10_000);
  expect(large.syncs).toBe(small.syncs);
  expect(large.bytes).toBeLessThan(5 * 1024 * 1024);
  expect(large.bytes).toBeGreaterThan(small.bytes);
});

test('a sheet whose values pass the request limit is written in slices, each under it', async () => {
  const fake = new FakeExcel();
  syntheticPlan(fake, 2000);
  const limit = 100_000;
  await scoreInExcel(fake.asContext(), { lang: da, requestLimit: limit });
  const valueWrites = fake.requests.map((r) => r.operations.filter((o) => o.op === 'values').reduce((s, o) => s + o.bytes, 0));
  expect(valueWrites.filter((b) => b > 0).length).toBeGreaterThan(2);
  expect(Math.max(...valueWrites)).toBeLessThan(limit * 1.1);
  const score = fake.sheet('Prøvestyrelsen')!;
  expect(score.cells.filter((r) => typeof r?.[0] === 'string' && r[0].startsWith('1.')).length).toBe(2000);
});

test('rows gathered into batches: every row once, each batch under the limit, a repeated formula sent once on its run', () => {
  const rows = Array.from({ length: 50 }, (_, i) => ({ values: [`row ${i}`, i], formats: [null, '0'], formulas: [null, 'RC[-1]*2'] }));
  const batches: RowBatch[] = [];
  let batch = new RowBatch(0, 2);
  rows.forEach((row, r) => {
    let taken = batch.take(row);
    if (batch.values.length && batch.bytes + taken.bytes > 400) {
      batches.push(batch);
      batch = new RowBatch(r, 2);
      taken = batch.take(row);
    }
    batch.add(row, taken);
  });
  batches.push(batch);
  expect(batches.length).toBeGreaterThan(5);
  expect(batches.reduce((n, b) => n + b.values.length, 0)).toBe(50);
  for (let i = 1; i < batches.length; i++) expect(batches[i].from).toBe(batches[i - 1].from + batches[i - 1].values.length);
  for (const b of batches) {
    expect(b.bytes).toBeLessThanOrEqual(400);
    // The first row of a batch carries the formula; the run sets it on every row of the batch.
    expect(b.values[0][1]).toBe('=RC[-1]*2');
    expect(b.values.slice(1).every((v) => v[1] === null)).toBe(true);
    if (b.values.length > 1) expect(b.runs).toEqual([{ col: 1, from: b.from, to: b.from + b.values.length, formula: 'RC[-1]*2' }]);
  }
});

test('a rerun replaces only the add-in\'s sheets; a user\'s sheet with the same name is kept', async () => {
  const fake = new FakeExcel();
  syntheticPlan(fake, 5);
  fake.addSheet('Prøvestyrelsen', [['my own notes']]);
  await scoreInExcel(fake.asContext(), { lang: da });
  expect(fake.sheet('Prøvestyrelsen')!.cells).toEqual([['my own notes']]);
  const ours = fake.sheets.filter((s) => !s.deleted && s.props.get(OWNER_KEY) === 'score');
  expect(ours.map((s) => s.name)).toEqual(['Prøvestyrelsen (2)']);

  await scoreInExcel(fake.asContext(), { lang: da });
  const live = fake.sheets.filter((s) => !s.deleted).map((s) => s.name);
  expect(live).toEqual(['Plan', 'Prøvestyrelsen', 'Prøvestyrelsen (2)']);
  expect(fake.sheet('Prøvestyrelsen')!.cells).toEqual([['my own notes']]);
});

test('problems go to a Problemer sheet; the list of plan sheets shows agency and period', async () => {
  const fake = new FakeExcel();
  fake.addSheet('Plan', [['Myndighed', 'Prøvestyrelsen'], ['Periode', 'T2'], ['Nr.', 'Vægt', 'Kravtype', 'Resultat'], ['1', 100, 'mindst', 'mange']]);
  fake.addSheet('Noter', [['fri tekst']]);
  const read = await readWorkbook(fake.asContext());
  expect(planSheets(read)).toEqual([{ sheet: 'Plan', agency: 'Prøvestyrelsen', year: null, period: 'T2', rows: 1 }]);
  const run = await scoreInExcel(fake.asContext(), { lang: da }, read);
  expect(run.problems.map((p) => p.cell)).toEqual(['D4']);
  const problems = fake.sheet('Problemer')!;
  expect(problems.props.get(OWNER_KEY)).toBe('problems');
  expect(problems.cells[3].slice(0, 3)).toEqual(['Plan', 'D4', 'Fejl']);
});

test('selecting a problem cell takes one sync', async () => {
  const fake = new FakeExcel();
  syntheticPlan(fake, 2);
  await selectCell(fake.asContext(), 'Plan', 'G6');
  expect(fake.syncs).toBe(1);
  expect(fake.requests[0].operations.map((o) => o.op)).toEqual(['activate', 'select']);
});

describe('Office failures', () => {
  const en = pack('en');

  test('a cell in edit mode: the write waits and tries again; the plan sheet is unchanged', async () => {
    const fake = new FakeExcel();
    syntheticPlan(fake, 20);
    const before = snapshot(fake, ['Plan']);
    const read = await readWorkbook(fake.asContext());
    fake.failNext.push('InvalidOperationInCellEditMode', 'InvalidOperationInCellEditMode');
    await scoreInExcel(fake.asContext(), { lang: da, retryDelayMs: 1 }, read);
    expect(snapshot(fake, ['Plan'])).toBe(before);
    const scoreSheets = fake.sheets.filter((s) => !s.deleted && s.props.get(OWNER_KEY) === 'score');
    expect(scoreSheets.map((s) => s.name)).toEqual(['Prøvestyrelsen']);
    expect(scoreSheets[0].cells.filter((r) => typeof r?.[0] === 'string' && r[0].startsWith('1.')).length).toBe(20);
  });

  test('edit mode that does not end: given up after a few tries, explained in plain words', async () => {
    const fake = new FakeExcel();
    syntheticPlan(fake, 5);
    const read = await readWorkbook(fake.asContext());
    fake.failNext.push(...new Array(10).fill('InvalidOperationInCellEditMode'));
    const error = await scoreInExcel(fake.asContext(), { lang: en, retryDelayMs: 1 }, read).catch((e) => e);
    expect(describeFailure(error, en)).toBe('Excel is editing a cell. Press Enter or Esc and try again.');
    expect(describeFailure(error, da)).toBe('Excel er ved at redigere en celle. Tryk Enter eller Esc, og prøv igen.');
  });

  test('a host with a smaller request limit: refused requests are sent again in smaller pieces', async () => {
    const fake = new FakeExcel();
    syntheticPlan(fake, 2000);
    fake.payloadLimit = 300_000;
    await scoreInExcel(fake.asContext(), { lang: da, retryDelayMs: 1 });
    // Every request that went through was under the host's limit, and the sheet is whole.
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(300_000);
    const score = fake.sheet('Prøvestyrelsen')!;
    expect(score.cells.filter((r) => typeof r?.[0] === 'string' && r[0].startsWith('1.')).length).toBe(2000);
    expect(fake.sheets.filter((s) => !s.deleted && s.props.get(OWNER_KEY) === 'score')).toHaveLength(1);
  });

  test('a protected workbook: refused before anything is written, in plain words', async () => {
    const fake = new FakeExcel();
    syntheticPlan(fake, 5);
    fake.workbookProtected = true;
    const error = await scoreInExcel(fake.asContext(), { lang: en }).catch((e) => e);
    expect(error).toBeInstanceOf(OfficeFailure);
    expect(describeFailure(error, en)).toContain('is protected, so score sheets cannot be written');
    expect(fake.writes()).toEqual([]);
  });

  test('an unknown failure keeps Excel\'s own message; every known code has words in every language', () => {
    expect(describeFailure(Object.assign(new Error('GeneralException: boom'), { code: 'GeneralException' }), en)).toBe('That did not work: GeneralException: boom');
    for (const lang of LANGUAGE_CODES.map(pack)) {
      for (const rule of Object.values(OFFICE_FAILURES)) expect(lang.ui[rule.key]).toMatch(/\w{3}/);
    }
  });
});
