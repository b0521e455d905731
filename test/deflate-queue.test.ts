/**
 * The workbook writer's text buffers are filled again while earlier pieces are still deflating
 * on the thread pool. Here each deflate starts late, reading its piece only after the writer has
 * gone on: a buffer filled again too soon would show as parts unlike the ones written on the
 * calling thread.
 */
import { unzipSync } from 'fflate';
import { consolidationLayout, scoreGrids } from '../src/pipeline';
import { workbookBytes, workbookBytesAsync } from '../src/xlsx';
import { syntheticPlan } from '../bench/synthetic';

jest.mock('node:zlib', () => {
  const zlib = jest.requireActual<typeof import('node:zlib')>('node:zlib');
  return {
    ...zlib,
    deflateRaw: (piece: Uint8Array, options: object, done: (e: Error | null, data: Buffer) => void) =>
      setTimeout(() => zlib.deflateRaw(piece, options, done), 20),
  };
});

test('many parts, large and small, deflated late beside the thread pool are the parts written on the calling thread', async () => {
  // Large sheets (pieces deflated beside) between small parts (deflated on the calling thread).
  const submissions = [700, 40, 600, 30, 700].map((rows, i) => {
    const { results } = scoreGrids([syntheticPlan(rows, 'Plan', `Styrelse ${i + 1}`)], { lang: 'da' });
    return { file: `agency-${i + 1}.xlsx`, result: results[0] };
  });
  const { layout } = consolidationLayout(submissions, [], 'da');
  const parts = (bytes: Uint8Array) => Object.entries(unzipSync(bytes)).filter(([name]) => name !== 'docProps/core.xml');
  const written = parts(workbookBytes(layout));
  expect(written.length).toBeGreaterThan(20);
  expect(parts(await workbookBytesAsync(layout))).toEqual(written);
}, 60_000);
