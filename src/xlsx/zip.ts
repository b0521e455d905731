/**
 * The zip container of a workbook, read without trusting it: the central directory is parsed
 * here (so sizes and counts are checked before anything is inflated), entries are inflated by
 * fflate in slices while their bytes are counted against the limits, and each entry's CRC-32 is
 * checked. Runs in Node and in the browser. Writing streams parts into fflate's Zip.
 */
import { Inflate, Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { WorkbookRefused, type WorkbookLimits } from './limits';

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's local header. */
  offset: number;
  encrypted: boolean;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 as zip uses it, fed in pieces. */
export function crc32(chunk: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const damaged = (detail: string) => new WorkbookRefused({ reason: 'damaged', detail });
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;
const decoder = new TextDecoder('utf-8');

/** The end-of-central-directory record, searched from the end past a comment of up to 64 KB. */
function findEnd(bytes: Uint8Array): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x05 && bytes[at + 3] === 0x06) return at;
  }
  throw damaged('zip');
}

/** Zip64 sizes and offset from an entry's extra field, where the 32-bit fields are full. */
function zip64Extra(bytes: Uint8Array, at: number, length: number, entry: ZipEntry): void {
  for (let p = at; p + 4 <= at + length; ) {
    const id = u16(bytes, p);
    const size = u16(bytes, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (entry.size === 0xffffffff) {
        entry.size = u64(bytes, q);
        q += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(bytes, q);
        q += 8;
      }
      if (entry.offset === 0xffffffff) entry.offset = u64(bytes, q);
      return;
    }
    p += 4 + size;
  }
}

/** Every entry of the central directory; throws when it is damaged or passes the limits. */
export function readDirectory(bytes: Uint8Array, limits: WorkbookLimits): Map<string, ZipEntry> {
  const end = findEnd(bytes);
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    // Zip64: a locator right before the record points at the zip64 end record.
    const locator = end - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw damaged('zip64');
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== 0x06064b50) throw damaged('zip64');
    count = u64(bytes, record + 32);
    offset = u64(bytes, record + 48);
  }
  if (count > limits.entries) throw new WorkbookRefused({ reason: 'tooLarge', detail: `${count} parts` });
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  let declared = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== 0x02014b50) throw damaged('zip');
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/\\/g, '/').replace(/^\//, ''),
      encrypted: (u16(bytes, at + 8) & 1) === 1,
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    };
    zip64Extra(bytes, at + 46 + nameLength, extraLength, entry);
    if (!entry.name.endsWith('/')) entries.set(entry.name.toLowerCase(), entry);
    at += 46 + nameLength + extraLength + commentLength;
    declared += entry.size;
    // What the directory declares is refused up front; what it hides is caught while inflating.
    if (declared > limits.inflatedBytes) throw new WorkbookRefused({ reason: 'bomb', detail: `${Math.round(limits.inflatedBytes / 2 ** 20)} MB` });
    if (entry.size > limits.ratioFloor && entry.size > limits.ratio * Math.max(1, entry.compressedSize)) throw new WorkbookRefused({ reason: 'bomb', detail: entry.name });
  }
  return entries;
}

/** Bytes inflated so far across the whole workbook, checked against the limits as they grow. */
export class InflateBudget {
  total = 0;
  constructor(private readonly limits: WorkbookLimits) {}

  count(entry: ZipEntry, inflatedSoFar: number, chunk: number): void {
    this.total += chunk;
    if (this.total > this.limits.inflatedBytes) throw new WorkbookRefused({ reason: 'bomb', detail: `${Math.round(this.limits.inflatedBytes / 2 ** 20)} MB` });
    const ratio = inflatedSoFar / Math.max(1, entry.compressedSize);
    if (inflatedSoFar > this.limits.ratioFloor && ratio > this.limits.ratio) throw new WorkbookRefused({ reason: 'bomb', detail: entry.name });
  }
}

/** Slices of compressed input pushed at a time, so a limit stops inflating early. */
const SLICE = 64 * 1024;

/**
 * Inflates one entry, handing each piece to `onChunk` as it comes; the CRC-32 and the declared size
 * are checked at the end. Nothing of the entry is kept here.
 */
export function streamEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, onChunk: (chunk: Uint8Array) => void): void {
  if (entry.encrypted) throw new WorkbookRefused({ reason: 'encrypted' });
  const at = entry.offset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw damaged(entry.name);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw damaged(entry.name);
  let inflated = 0;
  let crc = 0;
  const take = (chunk: Uint8Array) => {
    inflated += chunk.length;
    budget.count(entry, inflated, chunk.length);
    crc = crc32(chunk, crc);
    onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let p = 0; p < data.length; p += SLICE) take(data.subarray(p, p + SLICE));
  } else if (entry.method === 8) {
    const inflate = new Inflate((chunk) => take(chunk));
    try {
      for (let p = 0; p < data.length; p += SLICE) inflate.push(data.subarray(p, p + SLICE), p + SLICE >= data.length);
      if (!data.length) inflate.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof WorkbookRefused) throw e;
      throw damaged(entry.name);
    }
  } else throw damaged(entry.name);
  if (crc !== entry.crc || inflated !== entry.size) throw damaged(entry.name);
}

/** An entry inflated whole, for the small parts (workbook, relationships, styles). */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const chunks: Uint8Array[] = [];
  let length = 0;
  streamEntry(bytes, entry, budget, (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(length);
  let p = 0;
  for (const c of chunks) out.set(c, (p += c.length) - c.length);
  return out;
}

/**
 * A zip written as it is made: each part is deflated as its text arrives, and the finished chunks
 * are collected. Parts are added in order; `finish` returns the package.
 */
export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly zip: Zip;
  private error: Error | null = null;

  constructor() {
    this.zip = new Zip((err, chunk) => {
      if (err) this.error = err;
      else this.chunks.push(chunk);
    });
  }

  /** Adds a part from pieces of text, deflated as they are pushed. */
  part(name: string, pieces: Iterable<string>, compress = true): void {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    this.zip.add(file);
    let batch = '';
    for (const piece of pieces) {
      batch += piece;
      if (batch.length >= 256 * 1024) {
        file.push(strToU8(batch));
        batch = '';
      }
    }
    file.push(strToU8(batch), true);
  }

  finish(): Uint8Array {
    this.zip.end();
    if (this.error) throw this.error;
    const length = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(length);
    let p = 0;
    for (const c of this.chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }
}
