/** A seed plan workbook loaded into the recording fake, as Excel would hold it: dates as serials, with each cell's number format. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { serialFromDate } from '../src/engine/parse';
import { readGrids } from '../src/xlsx';
import { FakeExcel } from './fake-excel';

export async function fakeFromSeed(name: string, locale = 'da-DK'): Promise<FakeExcel> {
  const fake = new FakeExcel();
  fake.locale = locale;
  for (const g of readGrids(await fs.readFile(path.join(__dirname, '..', 'seeds', name)))) {
    const values = g.values.map((row) => Array.from(row, (v) => (v instanceof Date ? serialFromDate(v) : ((v ?? null) as string | number | boolean | null))));
    fake.addSheet(g.name, values, (g.formats ?? []).map((row) => Array.from(row, (f) => f ?? 'General')));
  }
  return fake;
}
