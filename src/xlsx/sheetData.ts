/**
 * A worksheet's `<sheetData>`, row by row from the layout's row source, each row's text handed on
 * to be deflated as it is made: a sheet of a hundred thousand goals is never held whole, as cells
 * or as text. What keeps a row short:
 * - a formula repeated down a column is written once, as Excel's shared formula: its first cell
 *   holds it with the range down to its last use, the others point at it (`<f t="shared" si/>`).
 *   A score sheet's requirement kinds alternate down the rows, so a shared formula's range holds
 *   cells of other formulas too, as Excel's own files do once a cell in a filled range is
 *   overwritten ([MS-XLS] 2.4.260: "cells in this range do not have to use the shared formula");
 * - cells take their style by index (`s`), one cell format per distinct style and number format;
 * - a row whose empty cells share a style that shows nothing on an empty cell (an alignment, a
 *   font) carries it once as the row's style, and those cells are left out.
 */
import { address, columnLetter } from '../engine';
import { cellTextWithin, type CellStyle, type LayoutValue, type SheetLayout } from '../layout/model';
import { toA1 } from '../layout/r1c1';
import { rowsOf, type RowSource } from '../layout/rows';
import { ascii, ByteText } from './byteText';
import { esc } from './xml';
import type { StyleSheet } from './styles';

/**
 * The add-in's worksheet functions as Excel stores them in a file: `GOALSCORE.FORMULA(` is saved
 * as `_xldudf_GOALSCORE_FORMULA(` (office-js#5611, #6655), and the cell as a dynamic-array formula
 * over itself (`cm="1"`, `<f t="array" ref="G6">`), bound to the workbook's metadata part, as Excel
 * 365 saves a custom function (office-js#6611's workbook). Excel with the add-in maps it back to
 * GOALSCORE.FORMULA; without it the cell shows its stored value until Excel recalculates it, then
 * `#NAME?`, so such a workbook is not recalculated when it opens.
 */
const CUSTOM_FUNCTION = /(?<![A-Za-z0-9_.])GOALSCORE\.([A-Z][A-Z0-9_]*)\(/g;
const fileFormula = (a1: string) => a1.replace(CUSTOM_FUNCTION, '_xldudf_GOALSCORE_$1(');
export const isCustom = (formula: string) => formula.includes('GOALSCORE.');

/**
 * Whether any sheet uses the add-in's functions: found before any sheet is written, as it decides
 * parts of the workbook's own (the metadata). Alike rows share one array of formulas: each is looked into once.
 */
export function usesCustomFunctions(sheets: readonly SheetLayout[]): boolean {
  for (const sheet of sheets) {
    const rows = rowsOf(sheet);
    const seen = new Set<readonly (string | null)[]>();
    for (let r = 0; r < rows.length; r++) {
      const formulas = rows.formulas(r);
      if (seen.has(formulas)) continue;
      seen.add(formulas);
      if (formulas.some((f) => !!f && isCustom(f))) return true;
    }
  }
  return false;
}

/** Shared strings of the whole workbook. */
export interface Strings {
  /** The index of a text, the same for alike texts. */
  id(text: string): number;
  /** A new index for a text, without looking for an alike one. */
  add(text: string): number;
  /** How many indexes there are. */
  readonly size: number;
}

/** Texts a column looks up before it may be judged a column of distinct texts. */
const JUDGED_AFTER = 1024;
/** A column whose texts were found among earlier ones less often than this is one of distinct texts. */
const FEW_ALIKE = 1 / 64;

/**
 * Shared strings by column: a column whose first texts were almost all new (a goal's number, its
 * title) adds the rest without looking them up. Looking up a hundred thousand distinct texts
 * cost about a tenth of writing the score sheet; a text of such a column that comes again is
 * another entry of the table, which every reader takes as the same text (docs/decisions.md).
 */
export class ColumnStrings {
  private readonly looked: number[] = [];
  private readonly found: number[] = [];

  constructor(private readonly strings: Strings) {}

  id(text: string, c: number): number {
    const looked = this.looked[c] ?? 0;
    const found = this.found[c] ?? 0;
    if (looked >= JUDGED_AFTER && found < looked * FEW_ALIKE) return this.strings.add(text);
    const before = this.strings.size;
    const id = this.strings.id(text);
    this.looked[c] = looked + 1;
    this.found[c] = found + (id < before ? 1 : 0);
    return id;
  }
}

/** Merged styles of the whole workbook: style objects are shared across sheets, so each is merged once. */
export type StyleMerges = Map<CellStyle | undefined, Map<CellStyle, CellStyle>>;

const merge = (merges: StyleMerges, prev: CellStyle | undefined, next: CellStyle): CellStyle => {
  if (!prev) return next;
  let byNext = merges.get(prev);
  if (!byNext) merges.set(prev, (byNext = new Map()));
  let style = byNext.get(next);
  if (!style) byNext.set(next, (style = { ...prev, ...next }));
  return style;
};

interface StyleRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
  style: CellStyle;
  /** The style's number among alike styles, for finding alike rows. */
  id: number;
  /** Its place in the layout's list: ranges apply in that order. */
  order: number;
}

/** A1 references read by character (`$` allowed): a score sheet has tens of thousands of style ranges. */
export function rangeBox(ref: string): { top: number; bottom: number; left: number; right: number } {
  let at = 0;
  const cell = () => {
    let col = 0;
    let row = 0;
    let unit = ref.charCodeAt(at);
    if (unit === 36) unit = ref.charCodeAt(++at);
    for (; unit >= 65 && unit <= 90; unit = ref.charCodeAt(++at)) col = col * 26 + unit - 64;
    if (unit === 36) unit = ref.charCodeAt(++at);
    const digits = at;
    for (; unit >= 48 && unit <= 57; unit = ref.charCodeAt(++at)) row = row * 10 + unit - 48;
    if (!col || at === digits) throw new Error(`Not an A1 reference: ${ref}`);
    return { row: row - 1, col: col - 1 };
  };
  const from = cell();
  const to = ref.charCodeAt(at) === 58 && ++at ? cell() : from;
  if (at !== ref.length) throw new Error(`Not an A1 reference: ${ref}`);
  return { top: from.row, bottom: to.row, left: from.col, right: to.col };
}

const NO_STYLES: readonly (CellStyle | undefined)[] = Object.freeze([]);

/**
 * The styles of each row's cells from the layout's style ranges, row after row: the ranges that
 * cover a row are kept as the rows go by, and a row covered by alike ranges (the same styles over
 * the same columns) gets the very array of merged styles an earlier one got.
 */
export class RangeStyles {
  private readonly ranges: StyleRange[];
  private next = 0;
  private active: StyleRange[] = [];
  private current: readonly (CellStyle | undefined)[] = NO_STYLES;
  private readonly byHash = new Map<number, { key: number[]; styles: (CellStyle | undefined)[] }[]>();
  /** One past the last row any range covers. */
  readonly end: number;

  constructor(
    styles: SheetLayout['styles'],
    private readonly merges: StyleMerges,
  ) {
    const ids = new Map<string, number>();
    const idOf = new Map<CellStyle, number>();
    const id = (style: CellStyle) => {
      let n = idOf.get(style);
      if (n === undefined) {
        const text = JSON.stringify(style);
        n = ids.get(text) ?? ids.set(text, ids.size).size - 1;
        idOf.set(style, n);
      }
      return n;
    };
    this.ranges = styles.map(({ range, style }, order) => {
      const { top, bottom, left, right } = rangeBox(range);
      return { top, bottom, left, right, style, id: id(style), order };
    });
    this.ranges.sort((a, b) => a.top - b.top || a.order - b.order);
    this.end = this.ranges.reduce((n, a) => Math.max(n, a.bottom + 1), 0);
  }

  /** The styles of row `r`'s cells by column; rows are asked for in order. */
  at(r: number): readonly (CellStyle | undefined)[] {
    let changed = false;
    for (const a of this.active) {
      if (a.bottom < r) {
        this.active = this.active.filter((x) => x.bottom >= r);
        changed = true;
        break;
      }
    }
    while (this.next < this.ranges.length && this.ranges[this.next].top <= r) {
      const range = this.ranges[this.next++];
      if (range.bottom < r) continue;
      this.active.push(range);
      changed = true;
    }
    if (changed) this.current = this.active.length ? this.merged() : NO_STYLES;
    return this.current;
  }

  private merged(): (CellStyle | undefined)[] {
    this.active.sort((a, b) => a.order - b.order);
    const key: number[] = [];
    let hash = 0;
    for (const a of this.active) {
      key.push(a.id, a.left, a.right);
      hash = (Math.imul(hash, 31) + a.id * 65_599 + a.left * 257 + a.right) | 0;
    }
    const bucket = this.byHash.get(hash) ?? this.byHash.set(hash, []).get(hash)!;
    const found = bucket.find((b) => b.key.length === key.length && b.key.every((k, i) => k === key[i]));
    if (found) return found.styles;
    const styles: (CellStyle | undefined)[] = [];
    for (const a of this.active) for (let c = a.left; c <= a.right; c++) styles[c] = merge(this.merges, styles[c], a.style);
    bucket.push({ key, styles });
    return styles;
  }
}

/** A formula used in more than one cell of a column: shared, with its range. */
interface Group {
  first: number;
  last: number;
  uses: number;
  si: number;
  /** `<f t="shared" si="…"/>`, made once: what every cell of the group after its first holds. */
  tail?: Uint8Array;
}

/**
 * Where each formula of each column is used first and last, found in a pass over the rows'
 * formulas before any row is written: a shared formula's first cell names its range.
 */
export class SharedFormulas {
  private readonly byCol: Map<string, Group>[] = [];

  constructor(rows: RowSource) {
    // Alike rows share one array of formulas: its groups are looked up once, then counted row by row.
    let groupsOf = new Map<readonly (string | null)[], Group[]>();
    for (let r = 0; r < rows.length; r++) {
      const formulas = rows.formulas(r);
      const known = groupsOf.get(formulas);
      if (known) {
        for (const group of known) {
          group.last = r;
          group.uses++;
        }
        continue;
      }
      // Rows built one by one each bring their own array: the memory stays bounded.
      if (groupsOf.size >= 20_000) groupsOf = new Map();
      groupsOf.set(formulas, this.count(formulas, r));
    }
    // Numbered in the order their first cells are written.
    const shared = this.byCol.flatMap((column, c) => [...(column?.values() ?? [])].filter((g) => g.uses > 1).map((g) => ({ g, c })));
    shared.sort((a, b) => a.g.first - b.g.first || a.c - b.c);
    shared.forEach(({ g }, si) => (g.si = si));
  }

  /** Counts the formulas of row `r`; its groups, in column order. */
  private count(formulas: readonly (string | null)[], r: number): Group[] {
    const groups: Group[] = [];
    for (let c = 0; c < formulas.length; c++) {
      const f = formulas[c];
      if (!f) continue;
      const column = this.byCol[c] ?? (this.byCol[c] = new Map());
      let group = column.get(f);
      if (group) {
        group.last = r;
        group.uses++;
        // A custom function stands as an array formula of its own, which cannot be shared: looked for once a formula.
      } else column.set(f, (group = { first: r, last: r, uses: isCustom(f) ? -Infinity : 1, si: -1 }));
      groups.push(group);
    }
    return groups;
  }

  /**
   * The `<f>` element of the cell at (row, col), its A1 text written out only where a shared
   * formula starts; the rest of the group's cells take the same bytes.
   */
  element(formula: string, row: number, col: number): string | Uint8Array {
    const group = this.byCol[col]?.get(formula);
    if (!group || group.si < 0) {
      if (isCustom(formula)) return `<f t="array" ref="${address(row, col)}">${esc(fileFormula(toA1(formula, row, col)))}</f>`;
      return `<f>${esc(fileFormula(toA1(formula, row, col)))}</f>`;
    }
    if (row !== group.first) return (group.tail ??= ascii(`<f t="shared" si="${group.si}"/>`));
    return `<f t="shared" ref="${address(row, col)}:${address(group.last, col)}" si="${group.si}">${esc(fileFormula(toA1(formula, row, col)))}</f>`;
  }
}

/** What a kind of row is written with: its cells' format indexes and its own style, if any. */
interface RowFormat {
  xfs: Int32Array;
  /** The style of the row, which its empty cells of that style take without a cell of their own; 0 for none. */
  rowXf: number;
}

/** Whether a style shows on an empty cell (a fill, a border): such a style cannot stand for the row's empty cells, whose row goes on past the sheet's columns. */
const showsWhenEmpty = (style: CellStyle | undefined) => !!style && (!!style.fill || !!style.borderTop || !!style.borderBottom);

/** Cell format indexes by a row's styles and formats, kept by the arrays themselves: alike rows share both. */
class RowFormats {
  private readonly byStyles = new Map<readonly (CellStyle | undefined)[], Map<readonly (string | null)[], RowFormat>>();
  private size = 0;

  constructor(private readonly sheet: StyleSheet) {}

  of(styles: readonly (CellStyle | undefined)[], formats: readonly (string | null)[]): RowFormat {
    let byFormats = this.byStyles.get(styles);
    if (!byFormats) this.byStyles.set(styles, (byFormats = new Map()));
    let found = byFormats.get(formats);
    if (!found) {
      // Rows built one by one (a long problems sheet) each bring their own arrays: the memory stays bounded.
      if (++this.size > 20_000) {
        this.byStyles.clear();
        this.size = 0;
        this.byStyles.set(styles, byFormats);
      }
      byFormats.set(formats, (found = this.build(styles, formats)));
    }
    return found;
  }

  private build(styles: readonly (CellStyle | undefined)[], formats: readonly (string | null)[]): RowFormat {
    const width = Math.max(styles.length, formats.length);
    const xfs = new Int32Array(width);
    const empties = new Map<number, number>();
    for (let c = 0; c < width; c++) {
      const format = formats[c] ?? null;
      xfs[c] = this.sheet.xf(styles[c], format);
      if (format === null && xfs[c] !== 0 && !showsWhenEmpty(styles[c])) empties.set(xfs[c], (empties.get(xfs[c]) ?? 0) + 1);
    }
    let rowXf = 0;
    let most = 1;
    for (const [xf, count] of empties) if (count > most) [rowXf, most] = [xf, count];
    return { xfs, rowXf };
  }
}

const B = {
  close: ascii('"'),
  open: ascii('>'),
  value: ascii('<v>'),
  end: ascii('</v></c>'),
  endCell: ascii('</c>'),
  one: ascii('1'),
  zero: ascii('0'),
  rowOpen: ascii('<row r="'),
  rowStyle: ascii(' s="'),
  customFormat: ascii('" customFormat="1"'),
  height: ascii(' ht="'),
  customHeight: ascii('" customHeight="1"'),
  rowEnd: ascii('</row>'),
};

/** What follows a cell's reference, by what the cell holds: its tag's close, and `<v>` where a value follows at once. */
const KIND = { empty: 0, number: 1, bool: 2, shared: 3, error: 4, formula: 5, formulaBool: 6, formulaText: 7 } as const;
const KIND_TAGS = ['/>', '><v>', ' t="b"><v>', ' t="s"><v>', ' t="e"><v>#NUM!</v></c>', '>', ' t="b">', ' t="str">'];

/**
 * A cell's tag in two pieces made once a sheet: `<c r="` and its column's letters, before the row's
 * number; after it the rest by cell format and kind (`" s="3" t="s"><v>`), a custom function's
 * `cm="1"` included.
 */
class CellTags {
  private readonly columns: Uint8Array[] = [];
  private readonly rests: Uint8Array[] = [];

  column(c: number): Uint8Array {
    return this.columns[c] ?? (this.columns[c] = ascii(`<c r="${columnLetter(c)}`));
  }

  rest(s: number, kind: number, custom = false): Uint8Array {
    const key = (s * KIND_TAGS.length + kind) * 2 + (custom ? 1 : 0);
    return this.rests[key] ?? (this.rests[key] = ascii(`"${s ? ` s="${s}"` : ''}${custom ? ' cm="1"' : ''}${KIND_TAGS[kind]}`));
  }
}

const formula = (out: ByteText, f: string | Uint8Array) => (typeof f === 'string' ? out.text(f) : out.bytes(f));

/** Distinct values whose bytes are kept at most; past it they are made afresh. */
const KEPT_VALUES = 4096;
/** A text is kept only up to this length: longer ones are seldom alike. */
const KEPT_TEXT = 256;

/**
 * The bytes of a cell's value in its `<v>`, a number as `String` writes it, true as 1, text
 * escaped: a score sheet's formula results are a few hundred distinct texts and numbers over a
 * million cells, so each is formatted, escaped and encoded once and its bytes kept by value.
 * Emptied when full, so a sheet of distinct values keeps no more than KEPT_VALUES of them.
 */
export class ValueBytes {
  private kept = new Map<string | number, Uint8Array>();
  private readonly encoder = new TextEncoder();

  write(out: ByteText, value: string | number | boolean): void {
    if (typeof value === 'boolean') return out.bytes(value ? B.one : B.zero);
    // A whole number is written as its digits at once, faster than it is looked up.
    if (typeof value === 'number' && value >= 0 && value < 0x80000000 && value === Math.floor(value)) return out.number(value);
    if (typeof value === 'string' && value.length > KEPT_TEXT) return out.text(esc(value));
    let bytes = this.kept.get(value);
    if (!bytes) {
      if (this.kept.size >= KEPT_VALUES) this.kept = new Map();
      bytes = typeof value === 'number' ? ascii(String(value)) : this.encoder.encode(esc(value));
      this.kept.set(value, bytes);
    }
    out.bytes(bytes);
  }
}

/**
 * A cell with a value or a formula, as XML, written into `out` (`<c r="B2" s="3" t="s"><v>12</v></c>`);
 * the cached result is stored with a formula where asked. `row` is the row number's digits.
 */
function writeCell(out: ByteText, tags: CellTags, values: ValueBytes, c: number, row: Uint8Array, s: number, given: LayoutValue, f: string | Uint8Array | null, strings: ColumnStrings, cached: boolean): void {
  // No cell holds more than Excel does: a message that quotes a long cell is cut at Excel's limit.
  const value = typeof given === 'string' ? cellTextWithin(given) : given;
  out.bytes(tags.column(c));
  out.bytes(row);
  if (f !== null) {
    // A dynamic-array formula (a custom function) points at its cell metadata, as Excel saves it.
    const custom = typeof f === 'string' && f.startsWith('<f t="array"');
    const stored = cached && value !== null;
    const kind = !stored || typeof value === 'number' ? KIND.formula : typeof value === 'boolean' ? KIND.formulaBool : KIND.formulaText;
    out.bytes(tags.rest(s, kind, custom));
    formula(out, f);
    if (!stored) return out.bytes(B.endCell);
    out.bytes(B.value);
    values.write(out, value);
    return out.bytes(B.end);
  }
  if (value === null || value === '') return out.bytes(tags.rest(s, KIND.empty));
  if (typeof value === 'number' && !Number.isFinite(value)) return out.bytes(tags.rest(s, KIND.error));
  if (typeof value === 'string') {
    out.bytes(tags.rest(s, KIND.shared));
    out.number(strings.id(value, c));
  } else {
    out.bytes(tags.rest(s, typeof value === 'number' ? KIND.number : KIND.bool));
    values.write(out, value);
  }
  out.bytes(B.end);
}

export interface SheetDataState {
  styles: StyleSheet;
  strings: Strings;
  merges: StyleMerges;
  cached: boolean;
  /** Whether the workbook uses the add-in's functions (found before any sheet is written). */
  custom: boolean;
}

/** Bytes of rows handed on at a time: the consumer copies them before the next are written. */
const BATCH = 1 << 15;

/**
 * The `<sheetData>` rows as UTF-8, each row made from the row source when it is written, handed on
 * some 32 KB at a time. Each batch is valid only until the next is asked for.
 */
export function* sheetData(layout: SheetLayout, state: SheetDataState): Generator<Uint8Array> {
  const rows = rowsOf(layout);
  const rangeStyles = new RangeStyles(layout.styles, state.merges);
  const shared = new SharedFormulas(rows);
  const formats = new RowFormats(state.styles);
  const tags = new CellTags();
  const values = new ValueBytes();
  const strings = new ColumnStrings(state.strings);
  const out = new ByteText();
  // Style ranges may reach below the last row of cells.
  for (let r = 0, count = Math.max(rows.length, rangeStyles.end); r < count; r++) {
    const row = r < rows.length ? rows.row(r) : { values: [], formats: [], formulas: [] };
    const { xfs, rowXf } = formats.of(rangeStyles.at(r), row.formats);
    const width = Math.max(row.values.length, xfs.length, row.formulas.length);
    const height = r < rows.length ? rows.height(r) : null;
    const n = ascii(String(r + 1));
    const start = out.length;
    writeRowOpen(out, n, rowXf, height);
    let cells = 0;
    for (let c = 0; c < width; c++) {
      const value = row.values[c] ?? null;
      const formula = row.formulas[c] ?? null;
      const s = c < xfs.length ? xfs[c] : 0;
      // An empty cell of the row's style is left to the row; of none, to the sheet.
      if (formula === null && (value === null || value === '') && s === rowXf) continue;
      writeCell(out, tags, values, c, n, s, value, formula === null ? null : shared.element(formula, r, c), strings, state.cached);
      cells++;
    }
    if (!cells && !height && !rowXf) {
      out.rewind(start);
      continue;
    }
    out.bytes(B.rowEnd);
    if (out.length >= BATCH) yield out.take();
  }
  if (out.length) yield out.take();
}

/** `<row r="5" s="3" customFormat="1" ht="30" customHeight="1">`: the row's own style and height where it has them. */
function writeRowOpen(out: ByteText, n: Uint8Array, rowXf: number, height: number | null): void {
  out.bytes(B.rowOpen);
  out.bytes(n);
  out.bytes(B.close);
  if (rowXf) {
    out.bytes(B.rowStyle);
    out.number(rowXf);
    out.bytes(B.customFormat);
  }
  if (height) {
    out.bytes(B.height);
    out.number(height);
    out.bytes(B.customHeight);
  }
  out.bytes(B.open);
}
