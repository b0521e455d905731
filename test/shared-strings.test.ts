/**
 * The shared strings of a written workbook: a column of distinct texts (a goal's number, its
 * title) is added to the table without looking for an alike text, every other text is in the
 * table once, the counts say what the table holds, and every cell reads back as the layout says.
 */
import { readGrids, workbookBytes } from '../src/xlsx';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { rowsOf } from '../src/layout/rows';
import { ColumnStrings, type Strings } from '../src/xlsx/sheetData';
import { syntheticPlan } from '../bench/synthetic';
import { schemaErrors, unzipParts } from './ooxml';

/** A table that looks texts up, as the workbook's does. */
function table(): Strings & { items: string[] } {
  const items: string[] = [];
  const index = new Map<string, number>();
  return {
    items,
    id: (text) => index.get(text) ?? (index.set(text, items.length), items.push(text) - 1),
    add: (text) => items.push(text) - 1,
    get size() {
      return items.length;
    },
  };
}

test('a column of distinct texts is added without lookups once judged; a column of alike texts is looked up throughout', () => {
  const strings = table();
  const columns = new ColumnStrings(strings);
  const titles = Array.from({ length: 3000 }, (_, i) => `Mål ${i}`);
  const statuses = ['Opfyldt', 'Delvist opfyldt', 'Ikke opfyldt'];
  titles.forEach((title, i) => {
    columns.id(title, 1);
    columns.id(statuses[i % 3], 2);
  });
  // Alike texts keep one index each, however late they come.
  expect(columns.id('Opfyldt', 2)).toBe(strings.items.indexOf('Opfyldt'));
  expect(strings.items.filter((t) => statuses.includes(t))).toHaveLength(3);
  // A title that comes again in the column of titles, past the judging, is another entry of the table; in another column it is found.
  const again = columns.id(titles[2000], 1);
  expect(again).toBe(strings.items.length - 1);
  expect(strings.items[again]).toBe(titles[2000]);
  expect(columns.id(titles[10], 1)).not.toBe(strings.items.indexOf(titles[10]));
  // Within the texts judged by, a title that comes again is found.
  expect(columns.id(titles[10], 3)).toBe(strings.items.indexOf(titles[10]));
});

test('a column whose texts come again now and then is not judged one of distinct texts', () => {
  const strings = table();
  const columns = new ColumnStrings(strings);
  // One text in ten is an earlier one: more than the few a column of distinct texts may have.
  for (let i = 0; i < 3000; i++) columns.id(i % 10 ? `Mål ${i}` : `Mål ${i - 5}`, 0);
  const size = strings.size;
  expect(columns.id('Mål 1', 0)).toBe(strings.items.indexOf('Mål 1'));
  expect(strings.size).toBe(size);
});

test('the written table: its counts, each alike text of a column of few texts once, every cell read back, schema-valid', async () => {
  const layout = scoreWorkbookLayout(...(({ results, problems }) => [results, problems, 'da'] as const)(scoreGrids([syntheticPlan(3000)], { lang: 'da' })));
  const bytes = workbookBytes(layout);
  const parts = unzipParts(bytes);
  const sst = parts.get('xl/sharedStrings.xml')!;
  const items = [...sst.matchAll(/<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g)].map((m) => m[1]);
  expect((sst.match(/<si>/g) ?? []).length).toBe(items.length);
  const [, count, uniqueCount] = /<sst [^>]*count="(\d+)" uniqueCount="(\d+)"/.exec(sst)!.map(Number);
  expect(uniqueCount).toBe(items.length);
  const byColumn = new Map<string, number[]>();
  let cells = 0;
  for (const [name, xml] of parts) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
    for (const m of xml.matchAll(/<c r="([A-Z]+)\d+"[^>]* t="s"><v>(\d+)<\/v>/g)) {
      cells++;
      const key = `${name}!${m[1]}`;
      byColumn.set(key, [...(byColumn.get(key) ?? []), Number(m[2])]);
    }
  }
  expect(count).toBe(cells);
  let few = 0;
  for (const ids of byColumn.values()) {
    const texts = new Set(ids.map((i) => items[i]));
    if (texts.size * 64 >= ids.length) continue;
    few++;
    expect(new Set(ids).size).toBe(texts.size);
  }
  expect(few).toBeGreaterThan(2);
  // Every cell as the layout says it.
  const [grid] = readGrids(bytes);
  const rows = rowsOf(layout.sheets[0]);
  const wrong: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const values = rows.row(r).values;
    values.forEach((v, c) => {
      if (typeof v === 'string' && v !== '' && grid.values[r]?.[c] !== v) wrong.push(`${r}:${c}`);
    });
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(await schemaErrors(parts)).toEqual([]);
}, 60_000);
