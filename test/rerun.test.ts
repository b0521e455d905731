/**
 * Scoring again in Excel keeps the user's work: a score sheet whose goals stand where they stood is
 * updated in place, so references into it keep pointing, and notes typed in its note column stay;
 * a score sheet whose goals moved is replaced only when the user says so.
 */
import { pack } from '../src/i18n';
import { keptName, readShape, scoreInExcel, type ReshapeChoice } from '../src/excel';
import { fakeFromSeed } from './fake-seed';
import type { FakeExcel, SheetState } from './fake-excel';

const da = pack('da');
const SHEET = 'Kriminalforsorgen Q4';

async function scored(): Promise<FakeExcel> {
  const fake = await fakeFromSeed('000-kriminalforsorgen-2024.xlsx');
  await scoreInExcel(fake.asContext(), { lang: da });
  return fake;
}

/** The score sheet's goal table: its header row, and a goal's row by ID. */
function table(sheet: SheetState) {
  const header = sheet.cells.findIndex((r) => r?.[0] === da.sheet.columns.id);
  const col = (label: string) => sheet.cells[header].indexOf(label);
  const row = (id: string) => sheet.cells.findIndex((r, i) => i > header && r?.[0] === id);
  return { header, col, row };
}

/** Types in the plan sheet as a user would: a new goal row under the last. */
function addGoal(fake: FakeExcel): void {
  const plan = fake.sheets.find((s) => !s.deleted && !s.props.has('goalscore.role'))!;
  const header = plan.cells.findIndex((r) => r?.[0] === 'Nr.');
  const cols = plan.cells[header] as string[];
  const row: (string | number | null)[] = cols.map(() => null);
  row[cols.indexOf('Nr.')] = '12.1';
  row[cols.indexOf('Mål')] = 'Et nyt mål';
  row[cols.indexOf('Kravtype')] = 'mindst';
  row[cols.indexOf('Målværdi')] = 10;
  row[cols.indexOf('Resultat Q4')] = 12;
  plan.cells.push(row as never);
}

test('a rerun updates the score sheet in place: one sheet, nothing deleted or added, nothing doubled', async () => {
  const fake = await scored();
  const first = fake.sheet(SHEET)!;
  const counts = (s: SheetState) => ({ charts: s.charts.length, rules: s.conditionalFormats.length, groups: s.groups.length, breaks: s.pageBreaks.length, filter: s.autoFilter });
  const before = counts(first);
  const requests = fake.requests.length;
  await scoreInExcel(fake.asContext(), { lang: da });
  const ops = fake.requests.slice(requests).flatMap((r) => r.operations);
  expect(ops.filter((o) => o.sheet === SHEET && (o.op === 'deleteSheet' || o.op === 'addSheet'))).toEqual([]);
  // The very sheet the user's formulas point at, with its contents written anew.
  expect(fake.sheet(SHEET)).toBe(first);
  expect(fake.sheets.filter((s) => !s.deleted && s.props.get('goalscore.role') === 'score')).toHaveLength(1);
  expect(counts(first)).toEqual(before);
  expect(before.charts).toBe(2); // by area, and over the periods
  expect(before.filter).not.toBeNull();
  expect(readShape(first.props.get('goalscore.shape'))).not.toBeNull();
});

test('a note typed in the score sheet survives a rerun on its goal; the plan\'s own notes follow the plan', async () => {
  const fake = await scored();
  const sheet = fake.sheet(SHEET)!;
  const t = table(sheet);
  const note = t.col(da.sheet.columns.note);
  expect(note).toBeGreaterThan(0);
  sheet.cells[t.row('1.2')][note] = 'Ny procedure fra marts – se ledelsesnotat';
  const planNote = sheet.cells[t.row('1.1')][note];
  expect(planNote).toBe('Dage i gennemsnit');
  await scoreInExcel(fake.asContext(), { lang: da });
  const after = table(fake.sheet(SHEET)!);
  expect(fake.sheet(SHEET)!.cells[after.row('1.2')][note]).toBe('Ny procedure fra marts – se ledelsesnotat');
  expect(fake.sheet(SHEET)!.cells[after.row('1.1')][note]).toBe('Dage i gennemsnit');
  // Still there after a goal is added and the sheet is rebuilt: notes follow their goal's ID.
  addGoal(fake);
  await scoreInExcel(fake.asContext(), { lang: da, confirmReshape: async () => 'replace' });
  const grown = table(fake.sheet(SHEET)!);
  expect(fake.sheet(SHEET)!.cells[grown.row('1.2')][note]).toBe('Ny procedure fra marts – se ledelsesnotat');
  expect(grown.row('12.1')).toBeGreaterThan(0);
});

test('when the goals moved the user is asked; keeping the last run moves it aside under a free name', async () => {
  const fake = await scored();
  const old = fake.sheet(SHEET)!;
  const oldCells = JSON.stringify(old.cells);
  addGoal(fake);
  const asked: string[][] = [];
  const run = await scoreInExcel(fake.asContext(), { lang: da, confirmReshape: async (sheets) => (asked.push(sheets), 'keep') });
  expect(asked).toEqual([[SHEET]]);
  expect(run.keptAs).toEqual(new Map([[SHEET, `${SHEET} (2)`]]));
  // The last run, untouched, under its new name; the new run under the usual one.
  expect(old.name).toBe(`${SHEET} (2)`);
  expect(JSON.stringify(old.cells)).toBe(oldCells);
  expect(table(fake.sheet(SHEET)!).row('12.1')).toBeGreaterThan(0);
});

test('cancel writes nothing; with nobody to ask, the last run is kept', async () => {
  const fake = await scored();
  addGoal(fake);
  const writes = fake.writes().length;
  const run = await scoreInExcel(fake.asContext(), { lang: da, confirmReshape: async (): Promise<ReshapeChoice> => 'cancel' });
  expect(run.cancelled).toBe(true);
  expect(fake.writes().length).toBe(writes);
  const unasked = await scoreInExcel(fake.asContext(), { lang: da });
  expect(unasked.keptAs?.get(SHEET)).toBe(`${SHEET} (2)`);
  expect(fake.sheet(`${SHEET} (2)`)).toBeDefined();
});

test('a kept name is free and within Excel\'s 31 characters', () => {
  expect(keptName('Plan', ['Plan', 'Plan (2)'])).toBe('Plan (3)');
  const long = 'Styrelsen for Arbejdsmarked Q4 x';
  expect(keptName(long, [long]).length).toBeLessThanOrEqual(31);
  expect(keptName(long, [long]).endsWith(' (2)')).toBe(true);
});

test('a note typed on an agency\'s score sheet in a consolidation survives consolidating again', async () => {
  const { consolidateInExcel } = await import('../src/excel');
  const fake = await fakeFromSeed('000-kriminalforsorgen-2024.xlsx');
  const options = { lang: da, workbookName: 'Denne projektmappe' };
  await consolidateInExcel(fake.asContext(), options);
  const agency = fake.sheets.find((s) => !s.deleted && s.props.get('goalscore.role') === 'score')!;
  const t = table(agency);
  const note = t.col(da.sheet.columns.note);
  agency.cells[t.row('1.2')][note] = 'Forklaret i ledelsesberetningen';
  await consolidateInExcel(fake.asContext(), options);
  const again = fake.sheets.find((s) => !s.deleted && s.props.get('goalscore.role') === 'score')!;
  expect(again).toBe(agency);
  expect(again.cells[table(again).row('1.2')][note]).toBe('Forklaret i ledelsesberetningen');
});
