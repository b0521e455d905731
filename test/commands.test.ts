/** The ribbon command says what happened, in the user's language, whether scoring worked or not. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pack } from '../src/engine/i18n';
import { serialFromDate } from '../src/engine/parse';
import { scoreAllNotice } from '../src/commands/commands';
import { readGrids } from '../src/xlsx';
import { FakeExcel } from './fake-excel';

async function seedFake(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  for (const grid of readGrids(await fs.readFile(path.join(__dirname, '..', 'seeds', '000-kriminalforsorgen-2024.xlsx')))) {
    fake.addSheet(
      grid.name,
      grid.values.map((r) => Array.from(r, (v) => (v instanceof Date ? serialFromDate(v) : ((v ?? null) as string | number | null)))),
      (grid.formats ?? []).map((r) => Array.from(r, (f) => f ?? 'General')),
    );
  }
  return fake;
}

test('scored: the notice names each plan with its score, and counts the problems', async () => {
  const fake = await seedFake();
  const notice = await scoreAllNotice((score) => score(fake.asContext()), pack('da'));
  expect(notice.text).toMatch(/^Færdig: 1 scoreark skrevet\. Kriminalforsorgen 66,2 %\./);
  expect(notice.results).toHaveLength(1);
  const english = await scoreAllNotice((score) => score(fake.asContext()), pack('en'));
  expect(english.text).toMatch(/Kriminalforsorgen 66\.2 %/);
});

test('failed: the notice says why in plain words, never only the console', async () => {
  const fake = await seedFake();
  fake.failNext.push(...new Array(10).fill('InvalidOperationInCellEditMode'));
  const notice = await scoreAllNotice((score) => score(fake.asContext()), pack('nb'), { retryDelayMs: 1 });
  expect(notice.text).toBe(pack('nb').ui.editMode);
  expect(notice.problems).toEqual([]);
});
