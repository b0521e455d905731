/**
 * A part read past its first slice is inflated whole by zlib in Node: the bytes handed on, the
 * early stop, and every refusal are those of reading it in slices with fflate.
 */
import { deflateRawSync } from 'node:zlib';
import { crc32 } from '../src/xlsx/deflate';
import { LIMITS, WorkbookRefused } from '../src/xlsx/limits';
import { InflateBudget, streamEntry, type ZipEntry } from '../src/xlsx/zip';

/** Text that deflates to a few hundred kilobytes: past fflate's first slice of 64 KB. */
function sheetText(rows: number): Uint8Array {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${next()}</v></c><c r="B${r}" t="s"><v>${next() % 977}</v></c></row>`);
  return new TextEncoder().encode(parts.join(''));
}

/** One stored entry: a local header with nothing in it but its signature, then the deflated data. */
function entryOf(data: Uint8Array, size: number, crc: number): { bytes: Uint8Array; entry: ZipEntry } {
  const bytes = new Uint8Array(30 + data.length);
  new DataView(bytes.buffer).setUint32(0, 0x04034b50, true);
  bytes.set(data, 30);
  return { bytes, entry: { name: 'xl/worksheets/sheet1.xml', method: 8, crc, compressedSize: data.length, size, offset: 0, encrypted: false } };
}

function read(bytes: Uint8Array, entry: ZipEntry, stopAfter = Infinity): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  streamEntry(bytes, entry, new InflateBudget(LIMITS), (chunk) => {
    chunks.push(chunk.slice());
    return chunks.length < stopAfter;
  });
  return chunks;
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof WorkbookRefused ? e.refusal.reason : String(e);
  }
  return 'read';
};

test('a part past its first slice is handed on whole and in order, and a reading may still stop early', () => {
  const text = sheetText(200_000);
  const deflated = deflateRawSync(text, { level: 6 });
  expect(deflated.length).toBeGreaterThan(4 * 64 * 1024);
  const { bytes, entry } = entryOf(deflated, text.length, crc32(text));
  const chunks = read(bytes, entry);
  expect(Buffer.concat(chunks).equals(Buffer.from(text))).toBe(true);
  expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 20);
  const first = read(bytes, entry, 1);
  expect(first).toHaveLength(1);
  expect(Buffer.from(text.subarray(0, first[0].length)).equals(Buffer.from(first[0]))).toBe(true);
});

test('a part that says it is smaller than it inflates to is a zip bomb, as in slices', () => {
  // Incompressible bytes for more than a slice, then 120 MB of nothing: 200 : 1 passed, though it declares 24 MB.
  const noise = new Uint8Array(200 * 1024).map((_, i) => (i * 2_654_435_761) >>> 24);
  const text = Buffer.concat([noise, new Uint8Array(120 * 2 ** 20)]);
  const deflated = deflateRawSync(text, { level: 1 });
  const { bytes, entry } = entryOf(deflated, 24 * 2 ** 20, crc32(text));
  expect(refusal(() => read(bytes, entry))).toBe('bomb');
});

test('a part damaged past its first slice, or shorter than it says, is a damaged part', () => {
  const text = sheetText(200_000);
  const deflated = deflateRawSync(text, { level: 6 });
  const broken = Uint8Array.from(deflated);
  for (let i = 200_000; i < 200_400; i++) broken[i] ^= 0x5a;
  const damaged = entryOf(broken, text.length, crc32(text));
  expect(refusal(() => read(damaged.bytes, damaged.entry))).toBe('damaged');
  const longer = entryOf(deflated, text.length + 10, crc32(text));
  expect(refusal(() => read(longer.bytes, longer.entry))).toBe('damaged');
  const wrongCrc = entryOf(deflated, text.length, crc32(text) ^ 1);
  expect(refusal(() => read(wrongCrc.bytes, wrongCrc.entry))).toBe('damaged');
});
