/**
 * A guard between the inflater and the XML parser that bounds what the parser holds at once. The
 * parser gathers a text run, a tag, a comment or an instruction whole before it hands it on, so
 * one cell of 150 million characters would cost gigabytes before any limit could see it. The guard
 * passes each text run (and CDATA section) up to `RUN_CHARS` characters and drops the rest,
 * counting each cut so the reader can name the cell; it drops comments; it refuses a tag or a
 * processing instruction longer than `TAG_CHARS`, and a document type declaration, which a
 * package's parts never hold (Open Packaging Conventions, M1.17).
 *
 * It knows only `<`, `>`, comments, CDATA and instructions, not quotes: a `>` inside an attribute
 * value makes it count the rest of that tag as text, which costs nothing in a well-formed file
 * (the rest is short) and in a hostile one only ends in a damaged file, never in unbounded memory.
 * A chunk whose every stretch between two `<` is shorter than a run, with no `<!` or `<?` in it
 * (nearly every chunk), is passed whole after a handful of searches.
 */
import { WorkbookRefused } from './limits';

/** Characters of one text run passed on: 16 per character of Excel's 32,767, more than any escape takes. */
export const RUN_CHARS = 2 ** 19;
/** Characters of one tag, its attributes included: ranges listed in one `sqref` stay well within. */
export const TAG_CHARS = 2 ** 22;

const enum Mode {
  Text,
  Tag,
  Comment,
  CData,
  Instruction,
}

/** How each kind of markup ends, and what it costs in characters to skip its start. */
const ENDS = { [Mode.Comment]: '-->', [Mode.CData]: ']]>', [Mode.Instruction]: '?>' } as const;

/** A comment, CDATA, declaration or instruction: one search for both, `<` being in every tag. */
const DECLARATION = /<[!?]/;

export class TextRunGuard {
  /** Text runs cut so far: a cell whose count changed while it was read lost text. */
  cuts = 0;
  private mode = Mode.Text;
  /** Characters of the current run, tag or instruction passed so far. */
  private length = 0;
  /** Whether the current text run was cut and the rest of it is being dropped. */
  private dropping = false;
  private pending = '';

  constructor(private readonly part: string) {}

  /** The part of a chunk the parser may have; call `end` after the last chunk. */
  write(input: string): string {
    let chunk = this.pending + input;
    this.pending = '';
    // A `<` at the very end may start a comment: it waits for the next chunk.
    if (chunk.endsWith('<') && (this.mode === Mode.Text || this.mode === Mode.Tag) && !this.dropping) {
      this.pending = '<';
      chunk = chunk.slice(0, -1);
    }
    return this.plain(chunk) ? chunk : this.scan(chunk);
  }

  end(): string {
    const rest = this.mode === Mode.Comment ? '' : this.pending;
    this.pending = '';
    return rest;
  }

  /**
   * Whether the chunk needs nothing done: no `<!` or `<?`, and no stretch
   * without a `<` longer than a run. Then only where it ends is noted.
   */
  private plain(chunk: string): boolean {
    if ((this.mode !== Mode.Text && this.mode !== Mode.Tag) || this.dropping || DECLARATION.test(chunk)) return false;
    let p = chunk.indexOf('<');
    if (this.length + (p < 0 ? chunk.length : p) > RUN_CHARS) return false;
    // From each `<`, the last `<` a run's length on: when it is the same one, a stretch is too long.
    while (p >= 0 && p + RUN_CHARS < chunk.length) {
      const q = chunk.lastIndexOf('<', p + RUN_CHARS);
      if (q === p) return false;
      p = q;
    }
    const last = chunk.lastIndexOf('<');
    const gt = chunk.indexOf('>', Math.max(last, 0));
    if (last >= 0 && gt < 0) [this.mode, this.length] = [Mode.Tag, chunk.length - last];
    else if (last >= 0 || (this.mode === Mode.Tag && gt >= 0)) [this.mode, this.length] = [Mode.Text, chunk.length - gt - 1];
    else this.length += chunk.length;
    return true;
  }

  /** The chunk read markup by markup: runs cut, comments left out, long tags refused. */
  private scan(chunk: string): string {
    const out: string[] = [];
    let i = 0;
    let from = 0;
    const drop = (keep: number, end: number) => {
      if (keep < end) {
        out.push(chunk.slice(from, keep));
        from = end;
      }
    };
    while (i < chunk.length) {
      if (this.mode === Mode.Text) {
        const lt = chunk.indexOf('<', i);
        const end = lt < 0 ? chunk.length : lt;
        drop(this.text(chunk, i, end), end);
        if (lt < 0) break;
        if (lt + 1 === chunk.length || (chunk[lt + 1] === '!' && chunk.length - lt < '<![CDATA['.length)) {
          // Not yet known whether a comment or CDATA starts: held for the next chunk.
          out.push(chunk.slice(from, lt));
          this.pending = chunk.slice(lt);
          return out.join('');
        }
        if (chunk.startsWith('<!--', lt)) {
          out.push(chunk.slice(from, lt));
          from = lt;
        }
        i = this.open(chunk, lt);
      } else if (this.mode === Mode.Tag) {
        const gt = chunk.indexOf('>', i);
        this.grow((gt < 0 ? chunk.length : gt + 1) - i);
        if (gt < 0) break;
        i = gt + 1;
        this.start(Mode.Text);
      } else {
        const close = chunk.indexOf(ENDS[this.mode], i);
        // The end may be split over chunks: its first characters wait.
        const end = close < 0 ? Math.max(i, chunk.length - 2) : close;
        if (this.mode === Mode.CData) drop(this.text(chunk, i, end), end);
        else if (this.mode === Mode.Instruction) this.grow(end - i);
        else from = end;
        if (close < 0) {
          out.push(chunk.slice(from, end));
          this.pending = chunk.slice(end);
          return out.join('');
        }
        i = close + ENDS[this.mode].length;
        if (this.mode === Mode.Comment) from = i;
        this.start(Mode.Text);
      }
    }
    out.push(chunk.slice(from));
    return out.join('');
  }

  /** At a `<`: a comment, CDATA, an instruction or a tag begins. Returns where reading goes on. */
  private open(chunk: string, lt: number): number {
    if (chunk.startsWith('<!--', lt)) return this.start(Mode.Comment, lt + 4);
    if (chunk.startsWith('<![CDATA[', lt)) return this.start(Mode.CData, lt + 9);
    if (chunk.startsWith('<?', lt)) return this.start(Mode.Instruction, lt + 2);
    if (chunk.startsWith('<!', lt)) throw new WorkbookRefused({ reason: 'damaged', detail: this.part });
    return this.start(Mode.Tag, lt);
  }

  private start(mode: Mode, at = 0): number {
    this.mode = mode;
    this.length = 0;
    this.dropping = false;
    return at;
  }

  /** A tag or instruction grows; past `TAG_CHARS` the part is refused. */
  private grow(chars: number): void {
    this.length += chars;
    if (this.length > TAG_CHARS) throw new WorkbookRefused({ reason: 'tooComplex', detail: this.part });
  }

  /** Counts text from `start` to `end`; returns how far it is passed (`end` when whole). */
  private text(chunk: string, start: number, end: number): number {
    if (this.dropping) return start;
    const room = RUN_CHARS - this.length;
    if (end - start <= room) {
      this.length += end - start;
      return end;
    }
    this.length = RUN_CHARS;
    this.dropping = true;
    this.cuts++;
    return this.mode === Mode.Text ? referenceWhole(chunk, start + room, start, end) : start + room;
  }
}

/**
 * A cut that splits no entity or character reference (`&amp;`, `&#x1F600;`): one that ends
 * within a few characters is finished, one that does not is left out from its `&`. (A cut after a
 * `;` that ends no reference only passes a few characters more.)
 */
function referenceWhole(chunk: string, cut: number, start: number, end: number): number {
  for (let j = cut; j < Math.min(end, cut + 16); j++) {
    if (chunk[j] === ';') return j + 1;
    if (chunk[j] === '&') break;
  }
  for (let j = cut - 1; j >= Math.max(start, cut - 16); j--) {
    if (chunk[j] === '&') return j;
    if (chunk[j] === ';') break;
  }
  return cut;
}
