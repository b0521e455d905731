/**
 * Why a workbook is refused, as the user reads it: counts and limits in the user's language's
 * numbers, the package's parts called files inside the workbook, never a reader's English word.
 */
import { zipSync } from 'fflate';
import { formatMessage, pack } from '../src/i18n';
import { LIMITS, scoreSources, unreadableProblem, WorkbookRefused } from '../src/xlsx';

const danish = (problem: { message: Parameters<typeof formatMessage>[0] }) => formatMessage(problem.message, pack('da'));

test('a package of more parts than the limit names their count and the limit, in Danish numbers', async () => {
  const count = LIMITS.entries + 7;
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < count; i++) files[`xl/media/p${i}.bin`] = new Uint8Array(1);
  const bytes = zipSync(files, { level: 0 });
  const run = await scoreSources([{ name: 'dele.xlsx', bytes: async () => bytes }], pack('da'), { output: false });
  expect(run.problems.map(danish)).toEqual([
    `dele.xlsx består af flere end ${LIMITS.entries.toLocaleString('da-DK')} dele (filer i pakken), end en projektmappe kan læses sikkert med; den læses ikke.`,
  ]);
  expect(run.problems.map(danish).join()).not.toMatch(/parts|\d{5}/);
});

test.each([
  [{ reason: 'tooManyCells', limit: 5_000_000 }, 'plan.xlsx har flere end 5.000.000 celler'],
  [{ reason: 'tooLarge', limit: 100 }, 'plan.xlsx er for stor til at blive læst sikkert (grænsen er 100 MB)'],
  [{ reason: 'tooManySheets', limit: 10_000 }, 'plan.xlsx har flere end 10.000 ark'],
  [{ reason: 'bomb', detail: 'xl/media/image1.png' }, '(xl/media/image1.png)'],
] as const)('%o is said with Danish numbers', (refusal, says) => {
  expect(danish(unreadableProblem('plan.xlsx', new WorkbookRefused(refusal)))).toContain(says);
});
