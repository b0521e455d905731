/**
 * Looks at a file's bytes before ExcelJS does, so that what is not a workbook, or a workbook too
 * big to read safely, ends in a clear message instead of a stack trace, a hang or an exhausted
 * memory: an old .xls, a password-protected workbook, a damaged or truncated zip, a zip bomb, a
 * sheet with millions of cells. Every entry is inflated once here as a stream, counting bytes and
 * cells and stopping at the first limit, so declared sizes that lie are caught too. Works in
 * Node and in the browser (JSZip).
 */
import JSZip from 'jszip';

export interface WorkbookLimits {
  /** Bytes of the file itself. */
  fileBytes: number;
  /** Files inside the package. */
  entries: number;
  /** Bytes of all entries together, inflated. */
  inflatedBytes: number;
  /** Inflated size against compressed size, for entries over `ratioFloor` bytes. */
  ratio: number;
  ratioFloor: number;
  /** Cells over all worksheets. */
  cells: number;
}

export const LIMITS: WorkbookLimits = {
  fileBytes: 100 * 2 ** 20,
  entries: 10_000,
  inflatedBytes: 1024 * 2 ** 20,
  ratio: 200,
  ratioFloor: 20 * 2 ** 20,
  cells: 5_000_000,
};

/** Why a file cannot be read; `detail` carries the number or name the message shows. */
export type WorkbookRefusal =
  | { reason: 'empty' }
  | { reason: 'xls' }
  | { reason: 'encrypted' }
  | { reason: 'notWorkbook' }
  | { reason: 'damaged'; detail: string }
  | { reason: 'tooLarge'; detail: string }
  | { reason: 'bomb'; detail: string }
  | { reason: 'tooManyCells'; detail: string };

export class WorkbookRefused extends Error {
  constructor(readonly refusal: WorkbookRefusal) {
    super(`${refusal.reason}${'detail' in refusal ? `: ${refusal.detail}` : ''}`);
    this.name = 'WorkbookRefused';
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** A name as it stands in a compound file's directory: UTF-16LE. */
function utf16(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}
const ENCRYPTED_PACKAGE = utf16('EncryptedPackage');

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const mb = (n: number) => `${Math.round(n / 2 ** 20)} MB`;

/** Counts `<c `, `<c>` and `<c/>` (a cell) in inflated worksheet XML, across chunk edges. */
function cellCounter() {
  let count = 0;
  let tail = 0; // how much of "<c" the previous chunk ended with
  return {
    feed(chunk: Uint8Array) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (tail === 2 && (b === 0x20 || b === 0x3e || b === 0x2f)) count++;
        tail = b === 0x3c ? 1 : tail === 1 && b === 0x63 ? 2 : 0;
      }
    },
    get count() {
      return count;
    },
  };
}

interface ChunkStream {
  on(event: 'data', listener: (chunk: Uint8Array) => void): ChunkStream;
  on(event: 'error', listener: (e: Error) => void): ChunkStream;
  on(event: 'end', listener: () => void): ChunkStream;
  pause(): ChunkStream;
  resume(): ChunkStream;
}

/** Streams one entry, counting; rejects as soon as a limit is passed. */
function inflate(file: JSZip.JSZipObject, onChunk: (chunk: Uint8Array) => WorkbookRefusal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    // JSZip's chunked inflate (public at runtime, missing from its typings): nothing is kept.
    const stream = (file as unknown as { internalStream(type: 'uint8array'): ChunkStream }).internalStream('uint8array');
    stream
      .on('data', (chunk: Uint8Array) => {
        const refusal = onChunk(chunk);
        if (refusal) {
          stream.pause();
          reject(new WorkbookRefused(refusal));
        }
      })
      .on('error', (e: Error) => reject(new WorkbookRefused({ reason: 'damaged', detail: e.message })))
      .on('end', () => resolve())
      .resume();
  });
}

/** Throws WorkbookRefused when the bytes are not a workbook that can be read safely. */
export async function checkWorkbookBytes(data: ArrayBuffer | Uint8Array, limits: WorkbookLimits = LIMITS): Promise<void> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0) throw new WorkbookRefused({ reason: 'empty' });
  if (bytes.length > limits.fileBytes) throw new WorkbookRefused({ reason: 'tooLarge', detail: mb(limits.fileBytes) });
  if (startsWith(bytes, CFB)) {
    // Both old .xls files and encrypted .xlsx files are compound files; only the latter hold an
    // EncryptedPackage stream.
    throw new WorkbookRefused({ reason: contains(bytes, ENCRYPTED_PACKAGE) ? 'encrypted' : 'xls' });
  }
  if (!startsWith(bytes, ZIP)) throw new WorkbookRefused({ reason: 'notWorkbook' });

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  } catch (e) {
    throw new WorkbookRefused({ reason: 'damaged', detail: (e as Error).message });
  }
  const files = Object.values(zip.files).filter((f) => !f.dir);
  if (files.length > limits.entries) throw new WorkbookRefused({ reason: 'tooLarge', detail: `${files.length} parts` });
  if (!zip.file('xl/workbook.xml')) throw new WorkbookRefused({ reason: 'notWorkbook' });

  let total = 0;
  let cells = 0;
  for (const file of files) {
    const compressed = (file as unknown as { _data?: { compressedSize?: number } })._data?.compressedSize ?? 0;
    const counter = /^xl\/worksheets\/[^/]+\.xml$/.test(file.name) ? cellCounter() : null;
    let inflated = 0;
    await inflate(file, (chunk) => {
      inflated += chunk.length;
      total += chunk.length;
      if (total > limits.inflatedBytes) return { reason: 'bomb', detail: mb(limits.inflatedBytes) };
      if (inflated > limits.ratioFloor && inflated > limits.ratio * Math.max(1, compressed)) return { reason: 'bomb', detail: file.name };
      if (counter) {
        counter.feed(chunk);
        if (cells + counter.count > limits.cells) return { reason: 'tooManyCells', detail: limits.cells.toLocaleString('en-US') };
      }
      return null;
    });
    if (counter) cells += counter.count;
  }
}
