/**
 * The seeds as other programs write the same cells: a prefixed namespace (`<x:c>`, as the Open
 * XML SDK's users write it), single quotes and line breaks between attributes, attributes in
 * another order, white space around a value. The reader takes Excel's own form of a cell on a
 * fast path and every other form tag by tag; both must read the same plan and the same scores.
 */
import { promises as fs } from 'fs';
import path from 'path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { scoreGrids } from '../src/pipeline';
import { readWorkbookFile } from '../src/xlsx/read';

const SEEDS = ['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx', '003-hjemrejsestyrelsen-2024.xlsx'];
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
/** The parts whose markup the reader reads. */
const READ = /^xl\/(worksheets\/[^/]+|sharedStrings|workbook|styles)\.xml$/;

type Rewrite = (xml: string) => string;

const WRITERS: [string, Rewrite][] = [
  // Unprefixed names only: `mc:`, `x14:` and the like keep their own prefix.
  ['a prefixed namespace', (xml) => xml.replace(`xmlns="${MAIN}"`, `xmlns:x="${MAIN}"`).replace(/<(\/?)([A-Za-z]\w*)(?=[\s>/])/g, '<$1x:$2')],
  ['single quotes and line breaks between a cell’s attributes', (xml) => xml.replace(/<c ([^>]*)>/g, (_m, attrs: string) => `<c ${attrs.replace(/="([^"]*)"/g, "='$1'").replace(/ /g, '\r\n\t')}>`)],
  ['a cell’s attributes in another order', (xml) => xml.replace(/<c r="([A-Z]+\d+)"( s="\d+")?( t="\w+")?/g, (_m, ref: string, s = '', t = '') => `<c${t}${s} r="${ref}"`)],
  ['white space around a value', (xml) => xml.replace(/<v>([^<]*)<\/v>/g, '<v>\n $1 \n</v>')],
];

function rewritten(bytes: Uint8Array, rewrite: Rewrite): Uint8Array {
  const parts = unzipSync(bytes);
  for (const name of Object.keys(parts)) if (READ.test(name)) parts[name] = strToU8(rewrite(strFromU8(parts[name])));
  return zipSync(parts);
}

/** What a plan's reading and scoring gives, every row's numbers and words included. */
function scored(bytes: Uint8Array) {
  const run = scoreGrids(readWorkbookFile(bytes).grids, { lang: 'da' });
  return {
    problems: run.problems.map((p) => [p.sheet, p.cell, p.severity, p.message]),
    plans: run.results.map((r) => ({
      total: r.total,
      areas: r.areas,
      rows: r.rows.map(({ row, ...result }) => ({ ...result, cells: row.cells })),
    })),
  };
}

describe.each(SEEDS)('%s', (seed) => {
  let bytes: Uint8Array;
  let expected: ReturnType<typeof scored>;
  beforeAll(async () => {
    bytes = new Uint8Array(await fs.readFile(path.join(__dirname, '..', 'seeds', seed)));
    expected = scored(bytes);
  });

  test.each(WRITERS)('%s reads the same plan and scores', (_name, rewrite) => {
    const other = rewritten(bytes, rewrite);
    // The rewrite must have changed the sheet's markup, or the test proves nothing.
    expect(other.length).not.toBe(bytes.length);
    expect(expected.plans.length).toBeGreaterThan(0);
    expect(expected.plans[0].rows.length).toBeGreaterThan(10);
    expect(scored(other)).toEqual(expected);
  });
});
