/**
 * Sheet names, page headers and cell texts made from what a plan says (an agency's name, a
 * period, a goal's title): whatever they hold, the workbook is one Excel opens without repair,
 * every reference quotes its sheet as Excel needs, and nothing is cut inside a character.
 */
import type { CellValue } from '../src/engine';
import { safeSheetName } from '../src/layout/model';
import { SHEET_NAME_CHARS } from '../src/engine';
import { keptName } from '../src/excel';
import { consolidationLayout, scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { workbookBytes } from '../src/xlsx';
import { planGrid } from './helpers';
import { repairTriggers, unzipParts } from './ooxml';

const EMOJI = '😀';
/** Agencies' names that Excel cannot take as sheet names as they are. */
const HOSTILE = [
  'Styrelsen for\nIt og Læring',
  "Styrelsen for It'",
  "'Citeret styrelse'",
  "It's",
  "Styrelsen'   ",
  'Sager [2024]: a/b\\c*d?',
  'History',
  'hIsToRy',
  '\u0000\u0007\u001b[31m\r\t',
  "''''",
  'A'.repeat(29) + EMOJI + 'B',
  'A'.repeat(30) + EMOJI,
  `${EMOJI.repeat(20)}`,
  'é'.normalize('NFD').repeat(20),
  '👩‍👩‍👧‍👦'.repeat(5),
  'Lone \ud800 half',
  'AB12',
  'R1C1',
  'Ærø & Co <"Kommune">',
  `${'x'.repeat(40)}'${'y'.repeat(5)}`,
];

/** A character cut in half shows as U+FFFD; a lone half is what makes one. */
const HALVED = /\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('one rule makes every sheet name', () => {
  test.each(HOSTILE)('%j is a name Excel takes', (agency) => {
    const taken = new Set<string>();
    const names = [safeSheetName(agency, taken), safeSheetName(agency, taken), safeSheetName(agency, taken)];
    for (const name of names) {
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(SHEET_NAME_CHARS);
      // eslint-disable-next-line no-control-regex -- controls are what is looked for
      expect(name).not.toMatch(/[[\]:*?/\\\u0000-\u001f\u007f]|^'|'$|^\s|\s$/);
      expect(name).not.toMatch(HALVED);
      expect(name.toLowerCase()).not.toBe('history');
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(3);
    expect(names[1]).toMatch(/ \([23]\)$/);
  });

  test('an emoji at the 31st character is left out whole, never halved', () => {
    expect(safeSheetName('A'.repeat(30) + EMOJI, new Set())).toBe('A'.repeat(30));
    expect(safeSheetName('A'.repeat(29) + EMOJI + 'B', new Set())).toBe('A'.repeat(29) + EMOJI);
    expect(safeSheetName('A'.repeat(29) + EMOJI, new Set(['a'.repeat(29) + EMOJI]))).toBe(`${'A'.repeat(27)} (2)`);
  });

  test('a name kept beside a new sheet follows the same rule', () => {
    const long = `${'x'.repeat(26)}${EMOJI}'yy`;
    const kept = keptName(long, [long]);
    expect(kept).toBe(`${'x'.repeat(26)} (2)`);
    expect(keptName("It's", ["It's"])).toBe("It's (2)");
  });
});

/** A plan of one goal under the agency's name, with a title and a period as long as asked. */
function plan(agency: string, title = 'Sager', period = 'Q4') {
  const rows: Record<string, CellValue>[] = [
    { 'Nr.': '1', Område: 'Drift', Mål: title, Vægt: 60, Kravtype: 'mindst', Målværdi: 10, Resultat: 12 },
    { 'Nr.': '2', Område: 'Udvikling', Mål: 'Frister', Vægt: 40, Kravtype: 'mindst', Målværdi: 10, Resultat: 5 },
  ];
  return planGrid(['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], rows, [['Myndighed', agency], ['År', 2024], ['Periode', period]]);
}

test('score and overview workbooks of every hostile agency open without repair; references quote their sheets; nothing is halved', () => {
  // A lone half typed in the plan stays what it is in the cells; only the sheet name drops it.
  const results = HOSTILE.filter((agency) => !HALVED.test(agency)).map((agency) => scoreGrids([plan(agency)], { lang: 'da' }).results[0]);
  const scored = unzipParts(workbookBytes(scoreWorkbookLayout(results, [], 'da')));
  const overview = unzipParts(workbookBytes(consolidationLayout(results.map((result, i) => ({ file: `plan${i}.xlsx`, result })), [], 'da').layout));
  for (const parts of [scored, overview]) {
    expect(repairTriggers(parts)).toEqual([]);
    for (const [part, xml] of parts) expect(`${part}: ${HALVED.test(xml) ? 'halved' : 'whole'}`).toBe(`${part}: whole`);
  }
  // Each score sheet has its chart, every series a quoted reference to its own sheet.
  expect([...scored.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).length).toBeGreaterThanOrEqual(results.length);
});

test('a page header of a long agency and period stays within 255 characters, its & doubled and its cut between characters', () => {
  const agency = `${'Ærø & Co '.repeat(40)}${EMOJI}`;
  const result = scoreGrids([plan(agency, 'Sager', `Q4 ${EMOJI.repeat(100)}`)], { lang: 'da' }).results[0];
  const header = scoreWorkbookLayout([result], [], 'da').sheets[0].print.header!;
  const text = `&L${header.left}&R${header.right}`;
  expect(text.length).toBeLessThanOrEqual(255);
  expect(text).toMatch(/^&L&"-,Bold"Ærø && Co Ærø && Co .*…&R2024 Q4 .*…$/su);
  // Every & of the text is doubled: none is left alone to start a code.
  expect((header.left ?? '').replace('&"-,Bold"', '').replace(/&&/g, '')).not.toContain('&');
  expect(text).not.toMatch(HALVED);
  expect(repairTriggers(unzipParts(workbookBytes(scoreWorkbookLayout([result], [], 'da'))))).toEqual([]);
});

test('a goal title past a cell\'s 32,767 characters is cut between characters, with an ellipsis', () => {
  const title = `${'a'.repeat(32_765)}${EMOJI}${'b'.repeat(100)}`;
  const result = scoreGrids([plan('Styrelsen', title)], { lang: 'da' }).results[0];
  const strings = unzipParts(workbookBytes(scoreWorkbookLayout([result], [], 'da'))).get('xl/sharedStrings.xml')!;
  const texts = [...strings.matchAll(/<t>([^<]*)<\/t>/g)].map((m) => m[1]);
  expect(texts).toContain(`${'a'.repeat(32_765)}…`);
  expect(Math.max(...texts.map((t) => t.length))).toBeLessThanOrEqual(32_767);
  expect(strings).not.toMatch(HALVED);
});
