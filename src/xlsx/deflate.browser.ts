/** Raw deflate for the zip writer in the browser: fflate's stream, fed piece by piece. */
import { Deflate, inflateSync } from 'fflate';
import type { Deflater, DeflateQueue } from './deflate';

/** How many pieces a queued deflater holds at most once a push is done: none here. */
export const QUEUED = 0;

/** fflate copies each piece into its own window, so the caller may fill the piece again. */
export function deflater(out: (chunk: Uint8Array) => void): Deflater {
  const deflate = new Deflate({ level: 6 }, (data) => out(data));
  return {
    push: (piece) => deflate.push(piece, false),
    end: () => deflate.push(new Uint8Array(0), true),
  };
}

/** In the browser the pieces are deflated as they come: no thread pool to hand them to. */
export function deflateQueue(): DeflateQueue {
  return {
    part: (out) => {
      const d = deflater(out);
      return { push: async (piece) => (d.push(piece), false), end: async () => d.end() };
    },
    flush: async () => undefined,
  };
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

/** In the browser only a part of up to 1 MB is inflated whole; a larger one in slices, so no large part is held. */
const WHOLE_IN_BROWSER = 1 << 20;

/**
 * A part inflated whole by fflate into its declared size and one byte more; null where it is
 * larger, will not inflate, or holds more than declared, so the caller reads it in slices and finds
 * out which.
 */
export function inflateWhole(data: Uint8Array, size: number): Uint8Array | null {
  if (!size || size > WHOLE_IN_BROWSER) return null;
  try {
    const out = inflateSync(data, { out: new Uint8Array(size + 1) });
    return out.length <= size ? out : null;
  } catch {
    return null;
  }
}

/** CRC-32 as zip uses it, fed in pieces. */
export function crc32(chunk: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < chunk.length; i++) c = CRC_TABLE[(c ^ chunk[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
