/** SECURITY.md's table of limits says what the reader and the engine enforce: each limit, with its number. */
import * as fs from 'fs';
import * as path from 'path';
import { DATA_CELL_LIMIT } from '../src/engine';
import { CELL_CHARS } from '../src/engine';
import { FORMAT_CHARS, STYLES } from '../src/xlsx/formats';
import { LIMITS } from '../src/xlsx/limits';
import { RUN_CHARS, TAG_CHARS } from '../src/xlsx/textRuns';

const DOC = fs.readFileSync(path.join(__dirname, '..', 'SECURITY.md'), 'utf8');

const BOUNDS: [string, number][] = [...Object.entries(LIMITS), ['dataCells', DATA_CELL_LIMIT], ['cellChars', CELL_CHARS], ['textRun', RUN_CHARS], ['tagChars', TAG_CHARS], ['styles', STYLES], ['formatChars', FORMAT_CHARS]];

test.each(BOUNDS)('the limit %s stands in SECURITY.md with its number', (key, value) => {
  const row = DOC.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${key}\``));
  expect(row).toBeDefined();
  const figures = [value.toLocaleString('en-US'), String(value), `${value / 2 ** 20} MB`];
  expect(figures.some((f) => row!.includes(f))).toBe(true);
});
