/* Draws the add-in's icon (a target: goals hit) at the sizes the manifest names, as PNG files in assets/. */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) pixel(x, y).forEach((v, i) => (row[1 + x * 4 + i] = v));
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const BLUE = [15, 108, 189];
const WHITE = [255, 255, 255];
/** Colour at a point of the unit square: blue disc, white ring, blue bull's-eye. */
function shade(u, v) {
  const r = Math.hypot(u - 0.5, v - 0.5);
  if (r > 0.48) return null;
  if (r > 0.34) return BLUE;
  if (r > 0.22) return WHITE;
  return r > 0.1 ? BLUE : WHITE;
}
function draw(size) {
  const n = 4; // supersampling for smooth edges
  return png(size, (x, y) => {
    let rgb = [0, 0, 0];
    let hits = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        const c = shade((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size);
        if (c) {
          hits++;
          rgb = rgb.map((v, k) => v + c[k]);
        }
      }
    return hits ? [...rgb.map((v) => Math.round(v / hits)), Math.round((255 * hits) / (n * n))] : [0, 0, 0, 0];
  });
}

const out = path.join(__dirname, '..', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(out, `icon-${size}.png`), draw(size));
console.log('assets/icon-{16,32,64,80,128}.png');
