/** A sheet's name in a reference is quoted wherever Excel would read it as something else. */
import { quoteSheet } from '../src/engine';

test.each([
  ['Plan', 'Plan'],
  ['Score_Q4', 'Score_Q4'],
  ['AB12', "'AB12'"],
  ['R1C1', "'R1C1'"],
  ['R', "'R'"],
  ['c3', "'c3'"],
  ['TRUE', "'TRUE'"],
  ['Kriminalforsorgen Q4', "'Kriminalforsorgen Q4'"],
  ["Styrelsen's", "'Styrelsen''s'"],
])('%s is written %s', (name, quoted) => {
  expect(quoteSheet(name)).toBe(quoted);
});
