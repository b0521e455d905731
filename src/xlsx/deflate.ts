/**
 * Raw deflate and CRC-32 for the zip reader and writer. In Node, zlib's native ones: deflate about
 * four times as fast as any JavaScript one on score workbooks, CRC-32 ten times. The add-in's bundle
 * swaps this module for deflate.browser.ts (webpack.config.js), which uses fflate.
 */
import * as zlib from 'node:zlib';

/** A raw deflate stream, fed piece by piece; the compressed bytes go to `out` as they come. */
export interface Deflater {
  push(piece: Uint8Array): void;
  end(): void;
}

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
      if (piece.length) out(zlib.deflateRawSync(piece, { level: 3, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
    },
    end: () => out(FINAL_BLOCK),
  };
}

/** CRC-32 as zip uses it, fed in pieces (zlib.crc32: Node 20.15 and 22.2 on). */
export function crc32(chunk: Uint8Array, crc = 0): number {
  return zlib.crc32(chunk, crc);
}
