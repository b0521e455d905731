/**
 * docs/plan-sheet.md is the contract a user reads: every column, metadata key, criterion type and
 * scale the reader knows stands in it, under the name each language pack writes first, so a new
 * column, type or language that the contract does not name fails here with what it lacks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKS } from '../src/engine/i18n';

const DOC = fs.readFileSync(path.join(__dirname, '..', 'docs', 'plan-sheet.md'), 'utf8');

/** The rows of the table under a heading, as cells; the first cell is the row's key. */
function table(heading: string): Map<string, string[]> {
  const section = DOC.split(/^## /m).find((s) => s.startsWith(heading));
  if (!section) throw new Error(`docs/plan-sheet.md has no section "${heading}"`);
  const rows = section.split('\n').filter((l) => /^\|/.test(l) && !/^\|[-| ]+\|$/.test(l));
  return new Map(rows.slice(1).map((l) => l.split('|').slice(1, -1).map((c) => c.trim())).map((cells) => [cells[0].replace(/`/g, ''), cells.slice(1)]));
}

/** The names a cell lists: `Nr., ID` or `` `mindst` / `minst` / `min` ``. */
const names = (cell: string) => cell.replace(/`/g, '').split(/\s*[,/]\s*/).map((n) => n.trim().toLowerCase());

test.each([
  ['columns', 'Columns', (p: (typeof PACKS)[number]) => p.vocabulary.columns],
  ['metadata keys', 'Where a plan is found', (p: (typeof PACKS)[number]) => p.vocabulary.metadata],
])('every one of the reader’s %s stands in the contract under each language’s first name', (_, heading, words) => {
  const rows = table(heading);
  const missing: string[] = [];
  for (const [key] of Object.entries(words(PACKS[0]))) {
    const row = rows.get(key);
    if (!row) {
      missing.push(`${key}: no row`);
      continue;
    }
    PACKS.forEach((pack, i) => {
      const first = (words(pack) as Record<string, string[]>)[key][0];
      if (!names(row[i]).includes(first.toLowerCase())) missing.push(`${key}: ${pack.code} "${first}" not in "${row[i]}"`);
    });
  }
  expect(missing).toEqual([]);
  expect(rows.size).toBe(Object.keys(words(PACKS[0])).length);
});

test('every criterion type and scale stands in the contract in each language', () => {
  const cells = [...table('Criterion types').keys(), ...table('Partial credit').keys()].flatMap(names);
  const missing = PACKS.flatMap((pack) =>
    [...Object.values(pack.vocabulary.types), ...Object.values(pack.vocabulary.scales)].map((w) => w[0]).filter((w) => !cells.includes(w.toLowerCase())).map((w) => `${pack.code}: ${w}`),
  );
  expect(missing).toEqual([]);
});

test('the contract links only to files in the repository', () => {
  const links = [...DOC.matchAll(/\]\(([^)#]+)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) expect(fs.existsSync(path.join(__dirname, '..', 'docs', link))).toBe(true);
});
