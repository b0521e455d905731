/**
 * Text written as UTF-8 straight into one reused buffer: a worksheet's rows are mostly ASCII
 * markup (a cell's tag, reference, style, a number), which is copied byte by byte here, with no
 * string made for a cell or a row and nothing left for TextEncoder to flatten and encode. Text
 * beyond ASCII (a formula naming a sheet "Mål", a cached text) goes through TextEncoder.
 */
/** ASCII text's bytes. */
export function ascii(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export class ByteText {
  private buffer = new Uint8Array(1 << 16);
  private readonly encoder = new TextEncoder();
  /** Bytes written since the last `take`. */
  length = 0;

  private room(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(2 * this.buffer.length, this.length + more));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /** Bytes made beforehand (a tag, a reference's letters); short, so copied in a loop. */
  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < bytes.length; i++) buffer[at++] = bytes[i];
    this.length = at;
  }

  /** Any text, as UTF-8: ASCII copied here, the rest from the first other character on encoded. */
  text(text: string): void {
    this.room(3 * text.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) {
        this.length = at + this.encoder.encodeInto(i ? text.slice(i) : text, buffer.subarray(at)).written;
        return;
      }
      buffer[at++] = unit;
    }
    this.length = at;
  }

  /** A number as `String(n)` writes it; a whole one below 2^31 as its digits, with no string made. */
  number(n: number): void {
    if (!(n >= 0 && n < 0x80000000 && n === Math.floor(n))) return this.text(String(n));
    this.room(10);
    const buffer = this.buffer;
    let digits = 1;
    for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
    let at = this.length + digits;
    this.length = at;
    let m = n | 0;
    do {
      buffer[--at] = 48 + (m % 10);
      m = (m / 10) | 0;
    } while (m);
  }

  /** Goes back to an earlier length: what was written since is dropped. */
  rewind(length: number): void {
    this.length = length;
  }

  /** The bytes written since the last take; valid until the next write. */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.length);
    this.length = 0;
    return bytes;
  }
}
