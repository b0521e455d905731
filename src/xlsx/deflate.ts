/**
 * Raw deflate and CRC-32 for the zip reader and writer. In Node, zlib's native ones: deflate about
 * four times as fast as any JavaScript one on score workbooks, CRC-32 ten times. The add-in's bundle
 * swaps this module for deflate.browser.ts (webpack.config.js), which uses fflate.
 */
import * as zlib from 'node:zlib';

/** A raw deflate stream, fed piece by piece; the compressed bytes go to `out` as they come, in order. */
export interface Deflater {
  push(piece: Uint8Array): void;
  end(): void;
}

/** A deflate stream that may work beside the caller: each push may be waited for, so no more than a few pieces are in hand. */
export interface QueuedDeflater {
  push(piece: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

const OPTIONS: zlib.ZlibOptions = { level: 3, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/** The last block of a deflate stream, empty: what ends pieces that were each flushed to a byte boundary. */
const FINAL_BLOCK = Uint8Array.of(0x03, 0x00);

/**
 * Each piece is deflated by itself and flushed to a byte boundary without ending the stream
 * (`Z_SYNC_FLUSH`), so the pieces' output joined is one deflate stream, closed by an empty last
 * block. Node has no public synchronous deflate stream; a piece of a megabyte loses nothing
 * measurable to starting afresh, and nothing of a part is held but its compressed bytes.
 */
export function deflater(out: (chunk: Uint8Array) => void): Deflater {
  return {
    push: (piece) => {
      if (piece.length) out(zlib.deflateRawSync(piece, OPTIONS));
    },
    end: () => out(FINAL_BLOCK),
  };
}

/** How many pieces a queued deflater holds at most once a push is done. */
export const QUEUED = 2;

/**
 * Pieces deflated on libuv's thread pool, the same way, while the caller makes the next: on two
 * cores the text of a sheet is made and deflated at once. Once a push is done at most QUEUED
 * pieces are still in hand, which the caller must not fill again.
 */
export function queuedDeflater(out: (chunk: Uint8Array) => void): QueuedDeflater {
  const pending: Promise<Uint8Array>[] = [];
  const drain = async (keep: number) => {
    while (pending.length > keep) out(await pending.shift()!);
  };
  return {
    push: async (piece) => {
      if (!piece.length) return;
      const done = new Promise<Uint8Array>((resolve, reject) => zlib.deflateRaw(piece, OPTIONS, (e, data) => (e ? reject(e) : resolve(data))));
      // Waited for in order below; a later piece that fails is not left unhandled meanwhile.
      done.catch(() => undefined);
      pending.push(done);
      await drain(QUEUED);
    },
    end: async () => {
      await drain(0);
      out(FINAL_BLOCK);
    },
  };
}

/** CRC-32 as zip uses it, fed in pieces (zlib.crc32: Node 20.15 and 22.2 on). */
export function crc32(chunk: Uint8Array, crc = 0): number {
  return zlib.crc32(chunk, crc);
}
