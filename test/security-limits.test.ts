/** SECURITY.md's table of limits says what the reader enforces: each limit, with its number. */
import * as fs from 'fs';
import * as path from 'path';
import { LIMITS } from '../src/xlsx/limits';

const DOC = fs.readFileSync(path.join(__dirname, '..', 'SECURITY.md'), 'utf8');

test.each(Object.entries(LIMITS))('the limit %s stands in SECURITY.md with its number', (key, value) => {
  const row = DOC.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${key}\``));
  expect(row).toBeDefined();
  const figures = [value.toLocaleString('en-US'), String(value), `${value / 2 ** 20} MB`];
  expect(figures.some((f) => row!.includes(f))).toBe(true);
});
