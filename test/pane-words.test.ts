/** The pane's page is built with its Danish words in it; every word it names is in every language. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES } from '../src/i18n';
const { withWords } = require('../scripts/pane-words') as { withWords(html: string, words: Record<string, string>): string };

const PAGE = path.join(__dirname, '..', 'src', 'taskpane', 'taskpane.html');

test('every word the page names is in each language pack, and the page is built with the Danish ones', async () => {
  const html = await fs.readFile(PAGE, 'utf8');
  const keys = [...new Set(Array.from(html.matchAll(/data-ui="([A-Za-z]+)"/g), (m) => m[1]))];
  expect(keys.length).toBeGreaterThan(30);
  for (const lang of Object.values(LANGUAGES)) {
    expect([lang.code, keys.filter((k) => typeof (lang.ui as Record<string, unknown>)[k] !== 'string')]).toEqual([lang.code, []]);
  }
  const built = withWords(html, LANGUAGES.da.ui);
  expect(built).toContain(`data-ui="scoreSelected">${LANGUAGES.da.ui.scoreSelected}</button>`);
  expect(built).toContain(`data-ui="noPlans" hidden>${LANGUAGES.da.ui.noPlans}</p>`);
  // No element the script fills is left empty.
  expect(built).not.toMatch(/data-ui="[A-Za-z]+"[^>]*><\//);
});

test('minified markup is filled too; text is escaped; a word no pack has stops the build with its key', () => {
  expect(withWords('<h2 id=x data-ui=title></h2><p data-ui=note hidden></p>', { title: 'Mål & krav', note: '<b>' })).toBe(
    '<h2 id=x data-ui=title>Mål &amp; krav</h2><p data-ui=note hidden>&lt;b&gt;</p>',
  );
  expect(() => withWords('<button data-ui="scoreEverything"></button>', {})).toThrow(/scoreEverything/);
});
