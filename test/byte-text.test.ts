/**
 * The worksheet writer's bytes straight from values: what `ByteText` and the kept bytes of alike
 * values write for a cell's text, number or truth value is, byte for byte, what `esc` and
 * `String` make of it encoded by TextEncoder, however often a value comes back.
 */
import fc from 'fast-check';
import { ByteText } from '../src/xlsx/byteText';
import { ValueBytes } from '../src/xlsx/sheetData';
import { esc } from '../src/xlsx/xml';

const utf8 = new TextEncoder();

function written(write: (out: ByteText) => void): Uint8Array {
  const out = new ByteText();
  // Something before, so a text written mid-buffer is checked, not only at its start.
  out.text('<v>');
  write(out);
  return out.take().slice();
}

/** Text with what escaping and encoding must get right: markup, `_x0041_`, controls, letters beyond ASCII, lone surrogates, U+FFFE. */
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc
    .array(fc.constantFrom('a', 'Mål', '&', '<', '>', '"', "'", '_', '_x0041_', 'x00', '\u0001', '\t', '\n', '\u007f', '\u0080', '\u07ff', '\u0800', 'é', '€', '😀', '\ud800', '\udc00', '\ufffe', '\uffff', '\ufffd', ' '), { maxLength: 12 })
    .map((parts) => parts.join('')),
);

describe('ByteText', () => {
  test('a value is written as esc(String(value)) as UTF-8, kept or not', () => {
    const value = fc.oneof(hostileText, fc.double(), fc.integer(), fc.boolean(), fc.constantFrom('Opfyldt', 'Mål', 0.625, 0.1, -0, 'x'.repeat(300)));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (list) => {
        const values = new ValueBytes();
        // Twice: the second time from the kept bytes.
        for (const v of [...list, ...list]) {
          const want = typeof v === 'boolean' ? (v ? '1' : '0') : esc(String(v));
          expect(written((out) => values.write(out, v))).toEqual(utf8.encode(`<v>${want}`));
        }
      }),
      { numRuns: 500 },
    );
  });

  test('past the values it keeps, it starts again and writes the same', () => {
    const values = new ValueBytes();
    const list = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `Mål ${i % 5000}` : (i % 5000) + 0.5));
    const twice = [...list, ...list];
    const bytes = written((out) => twice.forEach((v) => (values.write(out, v), out.text('|'))));
    expect(new TextDecoder().decode(bytes)).toBe(`<v>${twice.map((v) => `${esc(String(v))}|`).join('')}`);
  });

  test('a number is written as String writes it', () => {
    const numbers = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.nat(),
      fc.constantFrom(0, -0, 1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 1e21, 0.1, 1e-7, -1, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER),
    );
    fc.assert(
      fc.property(numbers, (n) => {
        expect(written((out) => out.number(n))).toEqual(utf8.encode(`<v>${String(n)}`));
      }),
      { numRuns: 3000 },
    );
  });

  test('a long text grows the buffer and keeps what came before', () => {
    const text = `${'Målopfyldelse & <mål> '.repeat(5000)}_x0041_`;
    expect(written((out) => out.text(esc(text)))).toEqual(utf8.encode(`<v>${esc(text)}`));
  });
});
