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
    `dele.xlsx består af ${count.toLocaleString('da-DK')} filer inde i projektmappen; grænsen er ${LIMITS.entries.toLocaleString('da-DK')}, og en projektmappe har sjældent mere end nogle hundrede. Den læses ikke.`,
  ]);
  expect(run.problems.map(danish).join()).not.toMatch(/parts|\d{5}/);
});

test.each([
  ['tooManyCells', '5,000,000', 'plan.xlsx har flere end 5.000.000 celler'],
  ['tooLarge', '100 MB', 'plan.xlsx er for stor til at blive læst sikkert (grænsen er 100 MB)'],
  ['bomb', '1024 MB', 'plan.xlsx pakker sig ud til langt mere, end en projektmappe gør (1.024 MB)'],
  ['bomb', 'xl/media/image1.png', '(xl/media/image1.png)'],
] as const)('%s with %s is said with Danish numbers', (reason, detail, says) => {
  expect(danish(unreadableProblem('plan.xlsx', new WorkbookRefused({ reason, detail }), 'da'))).toContain(says);
});
