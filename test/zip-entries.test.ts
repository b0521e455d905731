/**
 * A small part (up to 1 MB) is inflated in one call into its declared size; a larger one streams.
 * Either way a part whose data do not match what the package declares for it (its size, its
 * CRC-32) is a damaged file, never a part read short or long.
 */
import { WorkbookRefused } from '../src/xlsx';
import { readWorkbookFile } from '../src/xlsx/read';
import * as H from './hostile';

const SHEET = { name: 'Plan', rows: H.rowsXml(H.planRows([['1', 'Andel', 100, 'mindst', 10, null, null]])) };

/** The offset of a part's central directory header. */
function centralHeader(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 22; at >= 0; at--) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + length)) === name) return at;
  }
  throw new Error(`no ${name}`);
}

/** The package with one part's declared size (or CRC-32) in the central directory moved by `by`. */
function declared(zip: Uint8Array, name: string, field: 'size' | 'crc', by: number): Uint8Array {
  const copy = zip.slice();
  const view = new DataView(copy.buffer);
  const at = centralHeader(copy, name) + (field === 'size' ? 24 : 16);
  view.setUint32(at, view.getUint32(at, true) + by, true);
  return copy;
}

function refusal(bytes: Uint8Array): unknown {
  try {
    readWorkbookFile(bytes);
  } catch (e) {
    return e;
  }
  return null;
}

/** A sheet over 1 MB, so it streams. */
const LARGE = { name: 'Plan', rows: SHEET.rows + H.rowsXml(Array.from({ length: 40_000 }, (_, i) => [`Note ${i}`]), 20) };

describe.each([
  ['a small part, inflated whole', SHEET],
  ['a part over 1 MB, streamed', LARGE],
])('%s', (_name, sheet) => {
  const zip = H.workbookBytes([sheet]);

  test('is read as written', () => {
    expect(readWorkbookFile(zip).grids[0].values[0]?.length).toBeGreaterThan(0);
  });

  test.each([
    ['declared a byte shorter than its data', 'size', -1],
    ['declared a byte longer than its data', 'size', 1],
    ['with another CRC-32', 'crc', 1],
  ] as const)('%s is a damaged file', (_what, field, by) => {
    const e = refusal(declared(zip, 'xl/worksheets/sheet1.xml', field, by));
    expect(e).toBeInstanceOf(WorkbookRefused);
    expect((e as WorkbookRefused).refusal.reason).toBe('damaged');
  });
});
