/**
 * The help pages cover every view of the pane, in every language, and look like it: each has a
 * section for each view the pane links to (the tab's `data-help`), for both modes, printing and the
 * settings, in the same order, and reads the pane's own stylesheet.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES } from '../src/i18n';

const ROOT = path.join(__dirname, '..');
const PANE = fs.readFileSync(path.join(ROOT, 'src', 'taskpane', 'taskpane.html'), 'utf8');

test('every language’s help page has a section for each view the pane links to, for both modes, printing and settings', () => {
  const linked = Array.from(PANE.matchAll(/data-help="([\w-]+)"/g), (m) => m[1]);
  expect(linked).toEqual(['results', 'what-if', 'last-year', 'consolidate']);
  const sections = Object.values(LANGUAGES).map((lang) => {
    const html = fs.readFileSync(path.join(ROOT, 'src', 'help', `help.${lang.code}.html`), 'utf8');
    expect(html).toContain('<link rel="stylesheet" href="taskpane.css" />');
    const ids = Array.from(html.matchAll(/<section id="([\w-]+)"/g), (m) => m[1]);
    // The contents link to each section of the page.
    for (const id of ids) expect([lang.code, html.includes(`href="#${id}"`)]).toEqual([lang.code, true]);
    return ids;
  });
  for (const ids of sections) {
    expect(ids).toEqual(sections[0]);
    expect(ids).toEqual(expect.arrayContaining([...linked, 'file-mode', 'excel-mode', 'print', 'settings']));
  }
});
