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

/**
 * A deflate stream that may work beside the caller: each push may be waited for, so no more than a
 * few pieces are in hand. A push says whether its piece is still in hand: the caller must not
 * fill that piece again until QUEUED more have been pushed.
 */
export interface QueuedDeflater {
  push(piece: Uint8Array): Promise<boolean>;
  end(): Promise<void>;
}

/**
 * The deflating of all the parts of one zip: each part a QueuedDeflater of its own, their pieces
 * deflated in one queue, so the next part is made while the last ones are still deflating. Once
 * every part has ended, `flush` waits for the rest; each part's output has then come to its `out`.
 */
export interface DeflateQueue {
  part(out: (chunk: Uint8Array) => void): QueuedDeflater;
  flush(): Promise<void>;
}

const OPTIONS: zlib.ZlibOptions = { level: 3, finishFlush: zlib.constants.Z_SYNC_FLUSH };

/**
 * For a piece of half a megabyte: room for all its output at once (about a sixth of it on a score
 * sheet). With zlib's 16 KB each piece came back in five to seven turns through the main thread.
 */
const LARGE: zlib.ZlibOptions = { ...OPTIONS, chunkSize: 1 << 17 };

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
      if (piece.length) out(zlib.deflateRawSync(piece, piece.length < SMALL ? OPTIONS : LARGE));
    },
    end: () => out(FINAL_BLOCK),
  };
}

/** How many pieces a queue holds at most once a push is done. */
export const QUEUED = 2;

/**
 * Below this a piece is deflated on the calling thread: handing it to the thread pool and taking
 * its output back costs about 0.2 ms, deflating a few kilobytes here a few hundredths of one. A
 * workbook's many small parts (drawings, relationships, notes) and each part's last piece go here.
 */
const SMALL = 16 * 1024;

/**
 * Pieces deflated on libuv's thread pool, the same way, while the caller makes the next: on two
 * cores the text of a sheet is made and deflated at once. Outputs come to their parts in the order
 * the pieces were pushed, whichever finished first. Once a push is done at most QUEUED pieces are
 * still in hand, which the caller must not fill again; a piece deflated here is not in hand.
 */
export function deflateQueue(): DeflateQueue {
  const queue: { data: Uint8Array | Promise<Uint8Array>; out: (chunk: Uint8Array) => void; held: boolean }[] = [];
  let held = 0;
  const drain = async (keep: number) => {
    while (held > keep || (!keep && queue.length)) {
      const item = queue.shift()!;
      const data = await item.data;
      if (item.held) held--;
      item.out(data);
    }
  };
  const deflate = (piece: Uint8Array) =>
    new Promise<Uint8Array>((resolve, reject) => zlib.deflateRaw(piece, LARGE, (e, data) => (e ? reject(e) : resolve(data))));
  return {
    part: (out) => ({
      push: async (piece) => {
        if (!piece.length) return false;
        if (piece.length < SMALL) {
          queue.push({ data: zlib.deflateRawSync(piece, OPTIONS), out, held: false });
          return false;
        }
        const done = deflate(piece);
        // Waited for in order below; a later piece that fails is not left unhandled meanwhile.
        done.catch(() => undefined);
        queue.push({ data: done, out, held: true });
        held++;
        await drain(QUEUED);
        return true;
      },
      end: async () => void queue.push({ data: FINAL_BLOCK, out, held: false }),
    }),
    flush: () => drain(0),
  };
}

/**
 * A part inflated whole by zlib, at most `size` bytes (its declared size, which the reader has
 * already weighed against its limits); null where zlib refuses it (damaged, or larger than it says),
 * so the caller reads it again in slices and finds out which. zlib inflates a score sheet in about
 * half the time fflate takes.
 */
export function inflateWhole(data: Uint8Array, size: number): Uint8Array | null {
  if (!size) return null;
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: size });
  } catch {
    return null;
  }
}

/** CRC-32 as zip uses it, fed in pieces (zlib.crc32: Node 20.15 and 22.2 on). */
export function crc32(chunk: Uint8Array, crc = 0): number {
  return zlib.crc32(chunk, crc);
}
