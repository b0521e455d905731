/**
 * Raw deflate and CRC-32 for the zip reader and writer. In Node, zlib's native ones: deflate about
 * twice as fast as any JavaScript one on score workbooks, CRC-32 ten times. The add-in's bundle
 * swaps this module for deflate.browser.ts (webpack.config.js), which uses fflate.
 */
import * as zlib from 'node:zlib';

export function deflateRaw(chunks: Uint8Array[]): Uint8Array {
  return zlib.deflateRawSync(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), { level: 3 });
}

/** CRC-32 as zip uses it, fed in pieces (zlib.crc32: Node 20.15 and 22.2 on). */
export function crc32(chunk: Uint8Array, crc = 0): number {
  return zlib.crc32(chunk, crc);
}
