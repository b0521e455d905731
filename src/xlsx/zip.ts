/**
 * The zip container of a workbook, read without trusting it: the central directory is parsed
 * here (so sizes and counts are checked before anything is inflated), entries are inflated by
 * fflate in slices (past the first slice by zlib whole, in Node) while their bytes are counted
 * against the limits, and each entry's CRC-32 is checked. Runs in Node and in the browser. Writing deflates each part as its text comes.
 */
import { Inflate } from 'fflate';
import { crc32, deflateQueue, deflater, inflateWhole, QUEUED } from './deflate';
import { concat } from './bytes';
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
  if (count > limits.entries) throw new WorkbookRefused({ reason: 'tooManyParts', limit: limits.entries });
  const entries = new Map<string, ZipEntry>();
  let at = offset;
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
  }
  return entries;
}

/**
 * Bytes inflated so far across the whole workbook, checked against the limits as they grow. Only
 * parts read are counted: a picture no plan needs is never inflated, whatever it would unpack to.
 */
export class InflateBudget {
  total = 0;
  /** Parts begun, each once however often it is read, and what their directory entries declare together. */
  readonly parts = new Set<ZipEntry>();
  private declared = 0;
  constructor(private readonly limits: WorkbookLimits) {}

  /** Before a part is inflated: what the directory declares for it is refused up front, what it hides is caught while inflating. */
  begin(entry: ZipEntry): void {
    if (this.parts.has(entry)) return;
    this.parts.add(entry);
    this.declared += entry.size;
    if (this.declared > this.limits.inflatedBytes) throw new WorkbookRefused({ reason: 'bomb', detail: entry.name });
    if (entry.size > this.limits.ratioFloor && entry.size > this.limits.ratio * Math.max(1, entry.compressedSize)) throw new WorkbookRefused({ reason: 'bomb', detail: entry.name });
  }

  count(entry: ZipEntry, inflatedSoFar: number, chunk: number): void {
    this.total += chunk;
    if (this.total > this.limits.inflatedBytes) throw new WorkbookRefused({ reason: 'bomb', detail: entry.name });
    const ratio = inflatedSoFar / Math.max(1, entry.compressedSize);
    if (inflatedSoFar > this.limits.ratioFloor && ratio > this.limits.ratio) throw new WorkbookRefused({ reason: 'bomb', detail: entry.name });
  }
}

/** Slices of compressed input pushed at a time, so a limit stops inflating early. */
const SLICE = 64 * 1024;

/**
 * A part inflated whole is at most this large (declared, and weighed against the limits before):
 * zlib inflates twice as fast as fflate, and only whole in a single call. The first slice is
 * inflated by fflate all the same, so a reading that stops within a sheet's first rows inflates no
 * more; where zlib refuses the part, fflate reads on from where it was and says why.
 */
const WHOLE = 64 * 1024 * 1024;
/** Bytes of a part inflated whole handed on at a time, about what fflate hands on for a slice. */
const OUT_SLICE = 512 * 1024;

/**
 * Inflates one entry, handing each piece to `onChunk` as it comes; the CRC-32 and the declared size
 * are checked at the end. `onChunk` returns false to stop early (the first rows of a sheet are
 * enough); the entry is then not checked. Nothing of the entry is kept here.
 */
export function streamEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, onChunk: (chunk: Uint8Array) => boolean | void): void {
  if (entry.encrypted) throw new WorkbookRefused({ reason: 'encrypted' });
  budget.begin(entry);
  const at = entry.offset;
  if (at + 30 > bytes.length || u32(bytes, at) !== 0x04034b50) throw damaged(entry.name);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length) throw damaged(entry.name);
  let inflated = 0;
  let crc = 0;
  let stopped = false;
  // A part deflated into one slice (most of a package's parts) is inflated whole from the start:
  // the stream would inflate all of it in its first push anyway, through a window and growing buffers.
  let small: Uint8Array | null;
  const take = (chunk: Uint8Array) => {
    if (stopped) return;
    inflated += chunk.length;
    budget.count(entry, inflated, chunk.length);
    crc = crc32(chunk, crc);
    stopped = onChunk(chunk) === false;
  };
  // A part inflated whole is handed on from `from` half a megabyte at a time, as a stream's pieces.
  const takeWhole = (whole: Uint8Array, from: number) => {
    for (let q = from; q < whole.length && !stopped; q += OUT_SLICE) take(whole.subarray(q, q + OUT_SLICE));
  };
  if (entry.method === 0) {
    for (let p = 0; p < data.length && !stopped; p += SLICE) take(data.subarray(p, p + SLICE));
  } else if (entry.method === 8 && data.length <= SLICE && entry.size <= WHOLE && (small = inflateWhole(data, entry.size)) !== null) {
    takeWhole(small, 0);
  } else if (entry.method === 8) {
    const inflate = new Inflate((chunk) => take(chunk));
    try {
      for (let p = 0; p < data.length && !stopped; p += SLICE) {
        // Read on past its first slice, a part of a size the limits allow is inflated whole by zlib where it can be (Node).
        const whole = p === SLICE && entry.size <= WHOLE ? inflateWhole(data, entry.size) : null;
        if (whole) {
          takeWhole(whole, inflated);
          break;
        }
        inflate.push(data.subarray(p, p + SLICE), p + SLICE >= data.length);
      }
      if (!data.length) inflate.push(new Uint8Array(0), true);
    } catch (e) {
      if (e instanceof WorkbookRefused) throw e;
      throw damaged(entry.name);
    }
  } else throw damaged(entry.name);
  if (!stopped && (crc !== entry.crc || inflated !== entry.size)) throw damaged(entry.name);
}

/** An entry inflated whole, for the small parts (workbook, relationships, styles). */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const chunks: Uint8Array[] = [];
  streamEntry(bytes, entry, budget, (chunk) => void chunks.push(chunk));
  return concat(chunks);
}

/**
 * Characters of text joined before they are encoded: a joined text stays below V8's large-object
 * size, so it dies young. Text built into large strings lands among the old objects at once and
 * stays until a full collection: a sheet of 100 MB of text piled up hundreds of MB that way.
 */
const PIECE = 1 << 14;

/** Bytes deflated at a time: large enough that starting afresh loses nothing measurable. */
const CHUNK = 1 << 19;

/**
 * Parts' text encoded as UTF-8 into chunks of about CHUNK bytes, each part counted and checked
 * (CRC-32) as it is encoded. Chunks are filled in turn in `kept` buffers, used again from part to
 * part: a deflater may still work on the last `kept - 1` while the next is filled.
 */
class Encoder {
  length = 0;
  crc = 0;
  private readonly encoder = new TextEncoder();
  private readonly buffers: Uint8Array[] = [];
  private at = 0;
  private fill = 0;

  constructor(private readonly kept: number) {}

  /** A new part: its length and CRC-32 start again. */
  begin(): void {
    this.length = 0;
    this.crc = 0;
  }

  /** Adds text, or bytes already UTF-8 (copied: the caller may fill them again); returns a chunk once one is full. */
  add(piece: string | Uint8Array): Uint8Array | null {
    // A UTF-16 unit takes at most three bytes of UTF-8; a small part gets a small buffer.
    const need = this.fill + (typeof piece === 'string' ? 3 * piece.length : piece.length);
    let buffer = this.buffers[this.at];
    if (!buffer || buffer.length < need) {
      const grown = new Uint8Array(Math.max(need, Math.min(CHUNK + 3 * PIECE, 2 * need)) + 16);
      if (buffer && this.fill) grown.set(buffer.subarray(0, this.fill));
      this.buffers[this.at] = buffer = grown;
    }
    let written = piece.length;
    if (typeof piece === 'string') written = this.encoder.encodeInto(piece, buffer.subarray(this.fill)).written;
    else buffer.set(piece, this.fill);
    this.crc = crc32(buffer.subarray(this.fill, this.fill + written), this.crc);
    this.fill += written;
    this.length += written;
    return this.fill >= CHUNK ? this.take() : null;
  }

  /** The chunk filled so far; the next is filled in the same buffer unless `next` is called. */
  take(): Uint8Array {
    const chunk = (this.buffers[this.at] ?? new Uint8Array(0)).subarray(0, this.fill);
    this.fill = 0;
    return chunk;
  }

  /** The chunk taken last is still in hand (being deflated): the next goes into the next buffer. */
  next(): void {
    this.at = (this.at + 1) % this.kept;
  }
}

/**
 * A piece of a part: text, or bytes already UTF-8 (a worksheet's rows), which are copied before
 * the next piece is asked for, so their maker may fill the same bytes again.
 */
export type Piece = string | Uint8Array;

/** Pieces of text joined into texts of about PIECE characters; bytes passed on as they come, in their place. */
function* joined(pieces: Iterable<Piece>): Generator<Piece> {
  let text = '';
  for (const piece of pieces) {
    if (typeof piece !== 'string') {
      if (text) yield text;
      text = '';
      yield piece;
      continue;
    }
    text += piece;
    if (text.length >= PIECE) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

/** A part's deflated bytes and what its headers say of it. */
interface Written {
  data: Uint8Array[];
  compressed: number;
  length: number;
  crc: number;
}

const collector = () => {
  const written: Written = { data: [], compressed: 0, length: 0, crc: 0 };
  const out = (chunk: Uint8Array) => {
    written.data.push(chunk);
    written.compressed += chunk.length;
  };
  return { written, out };
};

/**
 * A zip of parts, each given as pieces of text made when the part is written: a worksheet's rows
 * are made as they are deflated, so only compressed bytes are kept. Parts are written in the order
 * they were added, when the zip is finished: a part may count on the parts before it having been
 * made (the shared strings on the sheets that use them). `finish` deflates on the calling thread
 * (zlib in Node, fflate in the browser); `finishAsync` lets Node's thread pool deflate one batch
 * while the next is made. Part names are ASCII.
 */
export class ZipWriter {
  private readonly parts: { name: string; pieces: Iterable<Piece> }[] = [];
  private readonly out: Uint8Array[] = [];
  private readonly directory: Uint8Array[] = [];
  private offset = 0;

  part(name: string, pieces: Iterable<Piece>): void {
    this.parts.push({ name, pieces });
  }

  finish(): Uint8Array {
    for (const { name, pieces } of this.parts) {
      const { written, out } = collector();
      const encoder = new Encoder(1);
      const deflate = deflater(out);
      for (const text of joined(pieces)) {
        const chunk = encoder.add(text);
        if (chunk) deflate.push(chunk);
      }
      deflate.push(encoder.take());
      deflate.end();
      this.add(name, { ...written, length: encoder.length, crc: encoder.crc });
    }
    return this.end();
  }

  /** The parts' pieces go to one queue: a part is made while the ones before it are still deflating. */
  async finishAsync(): Promise<Uint8Array> {
    const queue = deflateQueue();
    const encoder = new Encoder(QUEUED + 1);
    const parts: { name: string; written: Written }[] = [];
    for (const { name, pieces } of this.parts) {
      const { written, out } = collector();
      const deflate = queue.part(out);
      encoder.begin();
      for (const text of joined(pieces)) {
        const chunk = encoder.add(text);
        if (chunk && (await deflate.push(chunk))) encoder.next();
      }
      if (await deflate.push(encoder.take())) encoder.next();
      await deflate.end();
      written.length = encoder.length;
      written.crc = encoder.crc;
      parts.push({ name, written });
    }
    await queue.flush();
    for (const { name, written } of parts) this.add(name, written);
    return this.end();
  }

  private add(name: string, { data, compressed, length, crc }: Written): void {
    const nameBytes = new TextEncoder().encode(name);
    const header = (size: number, central: boolean) => {
      const b = new Uint8Array(size + nameBytes.length);
      const v = new DataView(b.buffer);
      v.setUint32(0, central ? 0x02014b50 : 0x04034b50, true);
      // The central header has "version made by" before the fields both headers share.
      const p = central ? 6 : 4;
      if (central) v.setUint16(4, 20, true);
      v.setUint16(p, 20, true); // version needed
      v.setUint16(p + 2, 0x0800, true); // UTF-8 names
      v.setUint16(p + 4, 8, true); // deflate
      v.setUint16(p + 6, 0, true); // time
      v.setUint16(p + 8, 0x21, true); // date: 1980-01-01
      v.setUint32(p + 10, crc, true);
      v.setUint32(p + 14, compressed, true);
      v.setUint32(p + 18, length, true);
      v.setUint16(p + 22, nameBytes.length, true);
      if (central) v.setUint32(p + 36, this.offset, true);
      b.set(nameBytes, size);
      return b;
    };
    const local = header(30, false);
    this.directory.push(header(46, true));
    this.out.push(local);
    for (const chunk of data) this.out.push(chunk);
    this.offset += local.length + compressed;
  }

  private end(): Uint8Array {
    const count = this.directory.length;
    const size = this.directory.reduce((n, d) => n + d.length, 0);
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, count, true);
    v.setUint16(10, count, true);
    v.setUint32(12, size, true);
    v.setUint32(16, this.offset, true);
    return concat([...this.out, ...this.directory, end]);
  }
}
