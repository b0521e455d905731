/**
 * The score sheet is made row by row as it is written: the workbook writer and the Office.js
 * writer pull its rows, nothing holds the sheet whole, and what is written is what the layout
 * says, cell by cell. Sums kept exactly give the same totals in any order.
 */
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { readGrids, workbookBytes, workbookBytesAsync } from '../src/xlsx';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { isMaterialized, materialize, rowsOf } from '../src/layout/rows';
import { ExactSum } from '../src/engine/sums';
import { syntheticPlan } from '../bench/synthetic';
import { repairTriggers, unzipParts } from './ooxml';
import type { CellValue } from '../src/engine';

const layoutOf = (rows: number) => {
  const grid = syntheticPlan(rows);
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  return scoreWorkbookLayout(results, problems, 'da');
};

/** A cell as the workbook reader gives it back, in the layout's terms: a date as its serial, blank as null. */
function asLayout(v: CellValue): string | number | boolean | null {
  if (v instanceof Date) return Math.round(v.getTime() / 86_400_000 + 25_569);
  if (v === undefined || v === '' || (typeof v === 'object' && v !== null)) return null;
  return v;
}

test('a large score sheet is written without being made whole, and every goal row is in the file', () => {
  const layout = layoutOf(20_000);
  const sheet = layout.sheets[0];
  const bytes = workbookBytes(layout);
  expect(isMaterialized(sheet)).toBe(false);
  const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
  const written = new Set([...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1]) - 1));
  const { first, last } = sheet.shape!;
  expect(last - first).toBeGreaterThan(20_000);
  for (let r = first; r <= last; r++) if (!written.has(r)) throw new Error(`goal row ${r + 1} is not written`);
  // Formulas repeated down a column are written once each, with the rest pointing at them.
  expect((xml.match(/<f t="shared" si="\d+"\/>/g) ?? []).length).toBeGreaterThan(20_000 * 5);
  expect(repairTriggers(unzipParts(bytes))).toEqual([]);
}, 60_000);

test('what is written is what the layout says, cell by cell, read back from the file', () => {
  const layout = layoutOf(600);
  const sheet = layout.sheets[0];
  const [grid] = readGrids(workbookBytes(layout));
  const width = rowsOf(sheet).width;
  const wrong: string[] = [];
  sheet.values.forEach((row, r) => {
    for (let c = 0; c < width; c++) {
      const want = row[c] === '' || row[c] === undefined ? null : row[c];
      const got = asLayout(grid.values[r]?.[c]);
      const same = typeof want === 'number' && typeof got === 'number' ? Math.abs(want - got) < 1e-9 : want === got;
      if (!same) wrong.push(`${r}:${c} ${JSON.stringify(want)} ${JSON.stringify(got)}`);
    }
  });
  expect(wrong.slice(0, 10)).toEqual([]);
});

test('writing beside the thread pool gives the same parts as writing on the calling thread', async () => {
  const layout = layoutOf(3_000);
  const parts = (bytes: Uint8Array) => Object.entries(unzipSync(bytes)).filter(([name]) => name !== 'docProps/core.xml');
  expect(parts(await workbookBytesAsync(layout))).toEqual(parts(workbookBytes(layout)));
}, 60_000);

test('shared formulas span the same rows whether alike rows share one array of formulas or each has its own', () => {
  const layout = layoutOf(600);
  const [sheet, ...rest] = layout.sheets;
  const { values, numberFormats, formulas = [], rowHeights } = materialize(rowsOf(sheet));
  // The same rows again, every row's formulas a copy of its own: nothing is shared by identity.
  const copied = { ...sheet, rows: undefined, values, numberFormats, rowHeights, formulas: formulas.map((row) => [...row]) };
  expect(new Set(formulas).size).toBeLessThan(formulas.length / 4);
  const sheetXml = (sheets: typeof layout.sheets) => new TextDecoder().decode(unzipSync(workbookBytes({ ...layout, sheets }))['xl/worksheets/sheet1.xml']);
  const written = sheetXml([sheet, ...rest]);
  expect(written).toMatch(/<f t="shared" ref="[A-Z]+\d+:[A-Z]+\d+" si="\d+">/);
  expect(written).toBe(sheetXml([copied, ...rest]));
});

test('an exact sum is the same in any order, with parts taken out and put back, and exact where plain adding is not', () => {
  const doubles = fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), { maxLength: 40 });
  fc.assert(
    fc.property(doubles, doubles, (xs, ys) => {
      const sum = (list: number[]) => list.reduce((s, x) => (s.add(x), s), new ExactSum()).value;
      const forward = sum(xs);
      expect(sum([...xs].reverse()) + 0).toBe(forward + 0);
      // Taken out and put back: the running sum after edits is the sum made afresh.
      const edited = xs.reduce((s, x) => (s.add(x), s), new ExactSum());
      for (const y of ys) edited.add(y);
      for (const y of ys) edited.add(-y);
      expect(edited.value + 0).toBe(forward + 0);
    }),
  );
  const s = new ExactSum();
  for (const x of [1e16, 1, -1e16]) s.add(x);
  expect(s.value).toBe(1);
  const tenths = new ExactSum();
  for (let i = 0; i < 10; i++) tenths.add(0.1);
  expect(tenths.value).toBe(1);
});
