/**
 * One worksheet streamed into a grid: each `<c>` with its type, style and value, formulas as the
 * value Excel saved. Which cells are kept is the caller's choice (every cell of a plan sheet; of
 * another sheet its first rows and the columns data references name), and the kept cells count
 * against the workbook's limit. A cell's text is gathered only up to Excel's 32,767 characters:
 * a longer one is cut there and named as a problem at its cell.
 */
import { address, CELL_CHARS, clip, CompactBuilder, dateFromSerial, type CellValue, type Problem, type SheetGrid } from '../engine';
import { decodeEscapes } from './cellText';
import { WorkbookRefused } from './limits';
import type { Package } from './package';

/** What every sheet of a workbook reads against. */
export interface Context {
  strings: string[];
  /** Shared strings cut to Excel's limit: a cell that shows one is named. */
  cutStrings: ReadonlySet<number>;
  formats: string[];
  /** Whether a format shows a date (decided once per format). */
  isDate: (format: string) => boolean;
  date1904: boolean;
  /** Cells kept so far, over all sheets. */
  cells: { count: number };
}

/** Which cells to keep, and when to stop reading. */
export interface Selection {
  keep: (row: number, col: number) => boolean;
  /**
   * Called when the first cell at or past `firstRows` comes (or the sheet ends before it) with the
   * grid so far; false ends the reading there.
   */
  firstRows?: number;
  goOn?: (head: SheetGrid) => boolean;
  /** From this row on, cells are kept by column, compactly (`SheetGrid.compact`): a data sheet's rows below its head. */
  compactFrom?: number;
}

/** Raw characters gathered for one cell: enough for Excel's limit even if every character is written `_xHHHH_`. */
const RAW_CHARS = 7 * CELL_CHARS + 7;

/** The number written from `start` to the end of `text`: digits read as they come, anything else as `Number` reads it. */
function digits(text: string, start: number): number {
  let n = 0;
  if (start >= text.length || text.length - start > 7) return Number(text.slice(start));
  for (let i = start; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(text.slice(start));
    n = n * 10 + d;
  }
  return n;
}

/** Column number (0-based) and row number (0-based) of a reference such as `AB12`. */
function position(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    col = col * 26 + (code - 0x60);
  }
  const row = digits(ref, i);
  if (i === 0 || i > 3 || !Number.isInteger(row) || row < 1 || row > 1_048_576 || col > 16_384) return null;
  return { row: row - 1, col: col - 1 };
}

const ERRORS = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)$/;

/** Days between Excel's 1900 and 1904 date systems. */
const DAYS_1904 = 1462;

/** Excel's serial day past its last date, 31 December 9999. */
const LAST_SERIAL = 2_958_466;

/** Cell types whose value is not a number written as it stands; any other type (`n`, none) is read as one. */
const NOT_NUMBERS: ReadonlySet<string> = new Set(['s', 'str', 'inlineStr', 'b', 'e', 'd']);

/** The cells of one worksheet as they stream by. */
class SheetCells {
  readonly values: CellValue[][] = [];
  readonly formats: (string | null)[][] = [];
  readonly problems: Problem[] = [];
  /** Cells kept from this sheet. */
  kept = 0;
  /** Texts that may be data references to another sheet (`Sager!B2:C900`), each once. */
  readonly refs = new Set<string>();
  private row = -1;
  private col = -1;
  private cell: { type: string; style: number; cuts: number } | null = null;
  private text = '';
  private length = 0;
  private inValue = false;
  private inInline = false;
  private inPhonetic = false;
  private stopped = false;
  private headSeen = false;
  private readonly compact: CompactBuilder | null;

  constructor(
    private readonly pkg: Package,
    private readonly name: string,
    private readonly ctx: Context,
    private readonly selection: Selection,
  ) {
    this.compact = selection.compactFrom === undefined ? null : new CompactBuilder(selection.compactFrom);
  }

  get done(): boolean {
    return this.stopped;
  }

  grid(): SheetGrid {
    const compact = this.compact?.cells();
    // Rows above the compact ones stand in `values`, each one there, as in any grid.
    const height = compact ? compact.top : this.values.length;
    for (let r = 0; r < height; r++) this.values[r] ??= [];
    return { name: this.name, values: this.values, formats: this.formats, ...(this.problems.length ? { problems: this.problems } : {}), ...(compact ? { compact } : {}) };
  }

  /** At the first row past the head (or the end), the caller says whether to go on. */
  atRow(row: number): void {
    const { firstRows, goOn } = this.selection;
    if (this.headSeen || firstRows === undefined || row < firstRows) return;
    this.headSeen = true;
    if (goOn && !goOn(this.grid())) this.stopped = true;
  }

  open(tag: string, a: Record<string, string>): void {
    if (this.stopped) return;
    if (tag === 'c') this.startCell(a.r, a.t, a.s);
    else if (tag === 'row') {
      const r = Number(a.r);
      this.row = Number.isInteger(r) && r >= 1 && r <= 1_048_576 ? r - 1 : this.row + 1;
      this.col = -1;
      this.atRow(this.row);
    } else if (tag === 'v') this.inValue = true;
    else if (tag === 'is') this.inInline = true;
    else if (tag === 'rPh') this.inPhonetic = true;
    // Phonetic runs (`<rPh>`, the reading of East Asian text) are no part of the text.
    else if (tag === 't' && this.inInline && !this.inPhonetic) this.inValue = true;
  }

  close(tag: string): void {
    if (tag === 'c') {
      this.finish();
      this.cell = null;
    } else if (tag === 'v' || tag === 't') this.inValue = false;
    else if (tag === 'is') this.inInline = false;
    else if (tag === 'rPh') this.inPhonetic = false;
  }

  onText(t: string): void {
    if (!this.inValue || !this.cell || this.length > RAW_CHARS) return;
    this.text += t;
    this.length += t.length;
  }

  /** A cell in Excel's plain form, read in one call: as its open, text and close would. */
  plainCell(ref: string, style: string | undefined, type: string | undefined, value: string | undefined): void {
    if (this.stopped) return;
    this.startCell(ref, type, style);
    if (value !== undefined && this.cell) {
      this.text = value;
      this.length = value.length;
    }
    this.close('c');
  }

  private startCell(ref: string | undefined, type: string | undefined, style: string | undefined): void {
    const at = ref ? position(ref) : null;
    if (at) {
      this.row = at.row;
      this.col = at.col;
    } else this.col++;
    this.atRow(this.row);
    // A cell not kept is passed over: its text is never gathered.
    this.cell = !this.stopped && this.row >= 0 && this.selection.keep(this.row, this.col) ? { type: type ?? 'n', style: Number(style ?? 0), cuts: this.pkg.cuts } : null;
    this.text = '';
    this.length = 0;
  }

  private finish(): void {
    const { cell, row, col } = this;
    if (!cell || row < 0 || col < 0) return;
    const format = this.ctx.formats[cell.style] ?? 'General';
    const raw = this.text;
    const compact = this.compact && row >= this.compact.top ? this.compact : null;
    if (compact && this.compactNumber(compact, cell.type, raw, format)) return;
    const cut = this.pkg.cuts !== cell.cuts;
    let value = this.value(cell.type, raw, format);
    if (typeof value === 'string' && (cut || value.length > CELL_CHARS)) {
      value = clip(value, CELL_CHARS);
      this.tooLong(row, col);
    }
    if (value === null && format === 'General') return;
    if (typeof value === 'string' && value.includes('!') && value.length < 300) this.refs.add(value);
    this.count();
    if (compact) return compact.other(row, col, value);
    (this.values[row] ??= [])[col] = value;
    if (format !== 'General') (this.formats[row] ??= [])[col] = format;
  }

  /** A kept cell, against the workbook's limit. */
  private count(): void {
    if (++this.ctx.cells.count > this.pkg.limits.cells) throw new WorkbookRefused({ reason: 'tooManyCells', limit: this.pkg.limits.cells });
    this.kept++;
  }

  /**
   * A number cell kept compactly: the number, or a date as its serial day (what `value` would make
   * a Date of). False for any other cell, which is kept as its value.
   */
  private compactNumber(compact: CompactBuilder, type: string, raw: string, format: string): boolean {
    if (NOT_NUMBERS.has(type) || raw === '') return false;
    const n = Number(raw);
    if (!Number.isFinite(n)) return false;
    this.count();
    const date = this.ctx.isDate(format) && n >= 0 && n < LAST_SERIAL;
    compact.number(this.row, this.col, date && this.ctx.date1904 ? n + DAYS_1904 : n, date);
    return true;
  }

  private tooLong(row: number, col: number): void {
    this.problems.push({ sheet: this.name, cell: address(row, col), severity: 'warning', message: { key: 'cellTooLong', args: { limit: CELL_CHARS } } });
  }

  private value(type: string, raw: string, format: string): CellValue {
    switch (type) {
      case 's': {
        const index = Number(raw);
        const s = this.ctx.strings[index];
        if (this.ctx.cutStrings.has(index)) this.tooLong(this.row, this.col);
        return s === undefined ? null : s;
      }
      case 'str':
      case 'inlineStr':
        return decodeEscapes(raw);
      case 'b':
        return raw === '1' || raw === 'true';
      case 'e':
        return ERRORS.test(raw) ? { error: raw } : { error: raw || '#VALUE!' };
      case 'd': {
        const date = new Date(raw.length <= 10 ? `${raw}T00:00:00Z` : raw.endsWith('Z') ? raw : `${raw}Z`);
        return Number.isNaN(date.getTime()) ? raw : date;
      }
      default: {
        if (raw === '') return null;
        const n = Number(raw);
        if (!Number.isFinite(n)) return raw;
        if (!this.ctx.isDate(format) || n < 0 || n >= LAST_SERIAL) return n;
        return dateFromSerial(this.ctx.date1904 ? n + DAYS_1904 : n);
      }
    }
  }
}

const CELL_AND_ROW: ReadonlySet<string> = new Set(['c', 'row']);

/** Reads one worksheet part into a grid named `name`, keeping the cells the selection says. */
export function readSheet(pkg: Package, path: string, name: string, ctx: Context, selection: Selection): { grid: SheetGrid; kept: number; refs: ReadonlySet<string> } {
  const cells = new SheetCells(pkg, name, ctx, selection);
  pkg.parse(path, {
    attributes: CELL_AND_ROW,
    unprefixed: true,
    open: (tag, a) => cells.open(tag, a),
    close: (tag) => cells.close(tag),
    text: (t) => cells.onText(t),
    cell: (ref, style, type, value) => cells.plainCell(ref, style, type, value),
    done: () => cells.done,
  });
  // A sheet shorter than its head is decided at its end.
  if (!cells.done) cells.atRow(Number.MAX_SAFE_INTEGER);
  return { grid: cells.grid(), kept: cells.kept, refs: cells.refs };
}
