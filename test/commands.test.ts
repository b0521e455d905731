/** The ribbon command says what happened, in the user's language, whether scoring worked or not. */
import { pack } from '../src/i18n';
import { scoreAllNotice } from '../src/commands/commands';
import { fakeFromSeed } from './fake-seed';


test('scored: the notice names each plan with its score, and counts the problems', async () => {
  const fake = await fakeFromSeed('000-kriminalforsorgen-2024.xlsx');
  const notice = await scoreAllNotice((score) => score(fake.asContext()), pack('da'));
  expect(notice.text).toMatch(/^Færdig: 1 opgørelse skrevet\. Kriminalforsorgen 66,2 %\./);
  expect(notice.results).toHaveLength(1);
  const english = await scoreAllNotice((score) => score(fake.asContext()), pack('en'));
  expect(english.text).toMatch(/Kriminalforsorgen 66\.2 %/);
});

test('failed: the notice says why in plain words, never only the console', async () => {
  const fake = await fakeFromSeed('000-kriminalforsorgen-2024.xlsx');
  fake.failNext.push(...new Array(10).fill('InvalidOperationInCellEditMode'));
  const notice = await scoreAllNotice((score) => score(fake.asContext()), pack('nb'), { retryDelayMs: 1 });
  expect(notice.text).toBe(pack('nb').ui.editMode);
  expect(notice.problems).toEqual([]);
});
