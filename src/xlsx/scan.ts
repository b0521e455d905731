/**
 * A streaming XML scanner for workbook parts. It finds markup with the string's own searches
 * (`indexOf`), which run at native speed over a sheet's millions of `<c>`, `<v>` and `</c>`, where
 * a general parser steps through every character. It is strict where a workbook can go wrong:
 * names checked, tags matched, attributes quoted and unique, references known, one root, nothing
 * but white space outside it. A document type declaration, which a package's parts never hold,
 * is refused; comments and instructions are passed over. Attributes are read only for the
 * elements the reader asks for; the others are checked and passed over.
 *
 * What a tag or text run may cost is bounded before this scanner (`TextRunGuard`); it bounds
 * only what it holds back between chunks itself.
 */

/** The part is not well-formed XML. */
export class XmlDamaged extends Error {
  constructor() {
    super('XML not well-formed');
    this.name = 'XmlDamaged';
  }
}

export interface ScanSink {
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /** Whether `open` reads this element's attributes; the others get an empty record. */
  wantsAttributes(name: string): boolean;
  /**
   * A cell in Excel's own plain form, `<c r="B2" s="3" t="s"><v>12</v></c>`, in one call: the
   * same as its `open`, `text` and `close` calls, but found by one match. Sinks without it get
   * those calls.
   */
  cell?(ref: string, style: string | undefined, type: string | undefined, value: string | undefined): void;
}

/** Characters held back between chunks: a tag as long as the guard lets through, and a text run. */
const HELD_CHARS = 2 ** 23;
/** Distinct names remembered as checked: a part names a few dozen; a hostile one is checked name by name. */
const NAMES_KEPT = 4096;

const NAME_START = '_A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
// XML 1.0's name characters include combining marks and joiners, as ranges, not as sequences.
// eslint-disable-next-line no-misleading-character-class
const NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*(?::[${NAME_START}][${NAME_CHAR}]*)?$`);
const SPACE_ONLY = /^[ \t\r\n]*$/;
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}));/g;
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/**
 * A cell as Excel writes nearly all of them: reference, style and type in that order, a short
 * value with no markup, reference or carriage return in it. Anything else (a formula, inline text,
 * other attributes, a prefix) is read tag by tag.
 */
const PLAIN_CELL = /<c r="([A-Z]{1,3}[0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([a-z]{1,9})")?(?:\/>|>(?:<v>([^<&\r]{0,255})<\/v>)?<\/c>)/y;
const NOTHING: Record<string, string> = Object.freeze({}) as Record<string, string>;

const enum Char {
  Tab = 0x09,
  Lf = 0x0a,
  Cr = 0x0d,
  Space = 0x20,
  Bang = 0x21,
  Quote = 0x22,
  Apostrophe = 0x27,
  Slash = 0x2f,
  Equals = 0x3d,
  Gt = 0x3e,
  Question = 0x3f,
}

const isSpace = (c: number) => c === Char.Space || c === Char.Lf || c === Char.Tab || c === Char.Cr;
const endsName = (c: number) => c === Char.Gt || c === Char.Slash || c === Char.Equals || isSpace(c);

const damaged = (): never => {
  throw new XmlDamaged();
};

/** A character XML 1.0 may hold. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** Entity and character references resolved; a stray `&` or an unknown entity is damage. */
export function resolveReferences(text: string): string {
  if (text.replace(REFERENCE, '').includes('&')) damaged();
  return text.replace(REFERENCE, (_, entity: string | undefined, decimal: string | undefined, hex: string | undefined) => {
    if (entity) return ENTITY[entity];
    const code = decimal ? Number(decimal) : parseInt(hex!, 16);
    return isXmlChar(code) ? String.fromCodePoint(code) : damaged();
  });
}

/** Text as XML hands it on: line ends as `\n`, references resolved. */
function textOf(raw: string): string {
  const lines = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  return lines.includes('&') ? resolveReferences(lines) : lines;
}

/** An attribute's value as XML hands it on: white space characters as spaces, references resolved. */
function attributeOf(raw: string): string {
  if (raw.includes('<')) damaged();
  const spaced = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return spaced.includes('&') ? resolveReferences(spaced) : spaced;
}

const enum Place {
  Before,
  Inside,
  After,
}

export class XmlScanner {
  private held = '';
  private readonly open: string[] = [];
  private place = Place.Before;
  private readonly names = new Set<string>();
  private readonly cells: boolean;

  constructor(private readonly sink: ScanSink) {
    this.cells = !!sink.cell;
  }

  write(chunk: string): void {
    const s = this.held ? this.held + chunk : chunk;
    const stop = this.scan(s, false);
    this.held = stop < s.length ? s.slice(stop) : '';
    if (this.held.length > HELD_CHARS) damaged();
  }

  /** After the last chunk: the document must be whole. */
  end(): void {
    if (this.held && this.scan(this.held, true) < this.held.length) damaged();
    this.held = '';
    if (this.place !== Place.After) damaged();
  }

  /** Scans what it can; returns where markup or a reference not yet whole begins. */
  private scan(s: string, final: boolean): number {
    const n = s.length;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf('<', i);
      if (lt !== i) {
        const end = lt < 0 ? n : lt;
        const cut = lt < 0 && !final ? textEnd(s, i, end) : end;
        this.onText(s, i, cut);
        if (lt < 0) return cut;
      }
      const next = this.cells && s.charCodeAt(lt + 1) === 0x63 ? this.plainCell(s, lt) : this.markup(s, lt);
      if (next < 0) return final ? damaged() : lt;
      i = next;
    }
    return n;
  }

  /** A cell in Excel's plain form at `lt`, in one call; else its markup tag by tag. */
  private plainCell(s: string, lt: number): number {
    PLAIN_CELL.lastIndex = lt;
    const m = PLAIN_CELL.exec(s);
    if (!m || this.place !== Place.Inside) return this.markup(s, lt);
    this.sink.cell!(m[1], m[2], m[3], m[4]);
    return PLAIN_CELL.lastIndex;
  }

  private onText(s: string, from: number, to: number): void {
    if (from === to) return;
    const raw = s.slice(from, to);
    if (this.place !== Place.Inside) {
      if (!SPACE_ONLY.test(raw)) damaged();
      return;
    }
    this.sink.text(textOf(raw));
  }

  /** Markup at `lt`: returns where it ends, or -1 when it is not whole yet. */
  private markup(s: string, lt: number): number {
    const c = s.charCodeAt(lt + 1);
    if (c === Char.Slash) return this.closeTag(s, lt);
    if (c === Char.Question) return skipPast(s, '?>', lt + 2);
    if (c === Char.Bang) return this.declaration(s, lt);
    return Number.isNaN(c) ? -1 : this.openTag(s, lt);
  }

  /** `<![CDATA[…]]>` is text; `<!--…-->` is passed over; anything else (a DOCTYPE) is refused. */
  private declaration(s: string, lt: number): number {
    if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end < 0) return -1;
      if (this.place !== Place.Inside) damaged();
      if (end > lt + 9) this.sink.text(s.slice(lt + 9, end));
      return end + 3;
    }
    if (s.startsWith('<!--', lt)) return skipPast(s, '-->', lt + 4);
    const rest = s.slice(lt, lt + 9);
    return '<![CDATA['.startsWith(rest) || '<!--'.startsWith(rest) ? -1 : damaged();
  }

  private closeTag(s: string, lt: number): number {
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    let end = gt;
    while (end > lt + 2 && isSpace(s.charCodeAt(end - 1))) end--;
    const name = s.slice(lt + 2, end);
    if (this.open.pop() !== name) damaged();
    this.sink.close(name);
    if (!this.open.length) this.place = Place.After;
    return gt + 1;
  }

  private openTag(s: string, lt: number): number {
    const n = s.length;
    let p = lt + 1;
    while (p < n && !endsName(s.charCodeAt(p))) p++;
    if (p >= n) return -1;
    const name = this.checked(s.slice(lt + 1, p));
    const read = new AttributeReader(s, p, this.sink.wantsAttributes(name) ? {} : null, this);
    const end = read.all();
    if (end < 0) return -1;
    if (this.place === Place.After) damaged();
    this.place = Place.Inside;
    this.sink.open(name, read.attributes ?? NOTHING);
    if (read.empty) {
      this.sink.close(name);
      if (!this.open.length) this.place = Place.After;
    } else this.open.push(name);
    return end;
  }

  /** A name, checked once per distinct name. */
  checked(name: string): string {
    if (this.names.has(name)) return name;
    if (!NAME.test(name)) damaged();
    if (this.names.size < NAMES_KEPT) this.names.add(name);
    return name;
  }
}

/** Where the text may end for now: a reference or a carriage return at the chunk's end waits for the next. */
function textEnd(s: string, from: number, to: number): number {
  let end = to;
  if (s.charCodeAt(end - 1) === Char.Cr) end--;
  const amp = s.lastIndexOf('&', end - 1);
  if (amp >= from && s.indexOf(';', amp) < 0) {
    // The longest reference, `&#x10FFFF;`, is ten characters.
    if (end - amp > 10) damaged();
    end = amp;
  }
  return end;
}

function skipPast(s: string, close: string, from: number): number {
  const end = s.indexOf(close, from);
  return end < 0 ? -1 : end + close.length;
}

/** The attributes of one start tag, from just past its name to its `>` or `/>`. */
class AttributeReader {
  empty = false;

  constructor(
    private readonly s: string,
    private p: number,
    readonly attributes: Record<string, string> | null,
    private readonly scanner: XmlScanner,
  ) {}

  /** Where the tag ends, or -1 when it is not whole yet. */
  all(): number {
    const { s } = this;
    for (;;) {
      const gap = this.p;
      if (!this.skipSpace()) return -1;
      const c = s.charCodeAt(this.p);
      if (c === Char.Gt) return this.p + 1;
      if (c === Char.Slash) {
        if (this.p + 1 >= s.length) return -1;
        if (s.charCodeAt(this.p + 1) !== Char.Gt) damaged();
        this.empty = true;
        return this.p + 2;
      }
      // Attributes stand apart by white space.
      if (gap === this.p) damaged();
      if (!this.one()) return -1;
    }
  }

  private skipSpace(): boolean {
    const { s } = this;
    while (this.p < s.length && isSpace(s.charCodeAt(this.p))) this.p++;
    return this.p < s.length;
  }

  /** One `name="value"`; false when the chunk ends within it. */
  private one(): boolean {
    const { s } = this;
    const start = this.p;
    while (this.p < s.length && !endsName(s.charCodeAt(this.p))) this.p++;
    if (this.p >= s.length) return false;
    const name = this.scanner.checked(s.slice(start, this.p));
    if (!this.skipSpace()) return false;
    if (s.charCodeAt(this.p) !== Char.Equals) damaged();
    this.p++;
    if (!this.skipSpace()) return false;
    const quote = s.charCodeAt(this.p);
    if (quote !== Char.Quote && quote !== Char.Apostrophe) damaged();
    const end = s.indexOf(quote === Char.Quote ? '"' : "'", this.p + 1);
    if (end < 0) return false;
    const raw = s.slice(this.p + 1, end);
    this.p = end + 1;
    const attributes = this.attributes;
    if (attributes) {
      if (Object.hasOwn(attributes, name)) damaged();
      attributes[name] = attributeOf(raw);
    } else if (raw.includes('<')) damaged();
    return true;
  }
}
