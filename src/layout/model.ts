/**
 * The score workbook described as data: values, number formats, styles and rules per sheet. The
 * workbook file writer and the Office.js writer both render this model, so a score sheet looks the same
 * whether it was made on the command line or inside Excel.
 */

import { address, CELL_CHARS, cellPosition, clip, SHEET_NAME_CHARS } from '../engine';

export type LayoutValue = string | number | boolean | null;

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** Hex colour without `#`. */
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  hAlign?: 'left' | 'center' | 'right';
  vAlign?: 'top' | 'middle' | 'bottom';
  indent?: number;
  borderTop?: boolean;
  borderBottom?: boolean;
}

export type ConditionalFormat =
  | {
      kind: 'iconSet';
      range: string;
      icons: '3TrafficLights1';
      /** Red below the first threshold, yellow from it, green from the second (`>=`); numbers. */
      thresholds: [number, number];
      /** Whether the first threshold excludes its own value (yellow only strictly above it). */
      firstExclusive?: boolean;
    }
  | { kind: 'dataBar'; range: string; color: string; min?: number; max?: number };

/** A chart over a block of the sheet's own cells; the first row and column are labels. */
export interface ChartLayout {
  /** Bars across categories (areas, agencies), or a line over time (a plan's score by period). */
  kind: 'barClustered' | 'line';
  title: string;
  source: string;
  /** Top-left and bottom-right cells the chart covers. */
  anchor: { from: string; to: string };
  /** The value axis: from `min` (bars must start at zero to compare honestly), in this format. */
  axis: { min: number; max?: number; format: string };
}

export type PageText = { left?: string; center?: string; right?: string };

/** The cells a chart covers, as first and last rows and columns (0-based). */
export function chartBox(chart: ChartLayout): { top: number; left: number; bottom: number; right: number } {
  const from = cellPosition(chart.anchor.from);
  const to = cellPosition(chart.anchor.to);
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

const meet = (a: ReturnType<typeof chartBox>, b: ReturnType<typeof chartBox>) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/**
 * The layout rule for charts: no chart covers another. A chart that would meet one already on the
 * sheet moves down, keeping its columns and its height, to start two rows below the lowest it
 * meets, until it meets none. Every builder adds its charts through this rule.
 */
export function placeChart(charts: readonly ChartLayout[], chart: ChartLayout): ChartLayout {
  let placed = chart;
  for (;;) {
    const box = chartBox(placed);
    const met = charts.map(chartBox).filter((other) => meet(box, other));
    if (!met.length) return placed;
    const top = Math.max(...met.map((m) => m.bottom)) + 2;
    placed = { ...placed, anchor: { from: address(top, box.left), to: address(top + box.bottom - box.top, box.right) } };
  }
}

/** Adds a chart to a sheet by the rule above. */
export function addChart(layout: Pick<SheetLayout, 'charts'>, chart: ChartLayout): void {
  layout.charts.push(placeChart(layout.charts, chart));
}

/**
 * One row's cells, by column. `values` may be reused by the next call: read it before asking for
 * another row. `formats` and `formulas` are never changed once handed out, and alike rows share
 * them, so a writer may keep work it did for one by the array itself.
 */
export interface LayoutRow {
  readonly values: readonly LayoutValue[];
  /** Number formats; null keeps General. */
  readonly formats: readonly (string | null)[];
  /** Formulas in R1C1 (see r1c1.ts), null where a cell has none. */
  readonly formulas: readonly (string | null)[];
}

export interface RowSource {
  /** How many rows the sheet has. */
  readonly length: number;
  /** How many columns its widest row has. */
  readonly width: number;
  row(r: number): LayoutRow;
  /** One cell's value, without making the rest of its row. */
  value(r: number, c: number): LayoutValue;
  /**
   * A row's formulas alone (for a writer that looks ahead at where formulas repeat). Alike rows may
   * hand out one array, never changed afterwards: the writer counts an array it has seen by identity.
   */
  formulas(r: number): readonly (string | null)[];
  /** A row's height in points where wrapped text needs more than one line; null keeps the default. */
  height(r: number): number | null;
}

export interface SheetLayout {
  name: string;
  /** What the add-in owns this sheet as; a rerun replaces only sheets it owns. */
  role: 'score' | 'problems' | 'overview' | 'shortfalls' | 'trend' | 'scenario';
  values: LayoutValue[][];
  /** Number formats aligned with `values`; null keeps General. */
  numberFormats: (string | null)[][];
  /**
   * Excel formulas (without `=`) aligned with `values`, in R1C1 notation with relative rows and
   * absolute columns (see r1c1.ts); `values` then holds the result the engine computed. Alike
   * rows may share one array, so a layout is read-only once built.
   */
  formulas?: (string | null)[][];
  /**
   * The rows made on demand (see rows.ts), where the sheet is too large to hold as arrays; the
   * arrays above are then made from them only when read. Writers read rows through `rowsOf`.
   */
  rows?: RowSource;
  /** Helper columns the formulas read, hidden from the user. */
  hiddenColumns?: number[];
  /** Styles by A1 range, applied in order. */
  styles: { range: string; style: CellStyle }[];
  /** Column widths in characters. */
  columnWidths: number[];
  /** Row heights in points where wrapped text needs more than one line; null keeps the default. */
  rowHeights: (number | null)[];
  freeze?: { rows: number; cols: number };
  conditionalFormats: ConditionalFormat[];
  notes: { cell: string; text: string }[];
  /** Drop-down lists by A1 range; ranges never overlap. Free text stays allowed. */
  validations?: { range: string; list: string[] }[];
  /** Links from a cell to a cell in the workbook, e.g. from a problem to the cell it names. */
  links?: { cell: string; sheet: string; target: string }[];
  /** Charts over the sheet's own cells; the workbook writer adds them as DrawingML parts. */
  charts: ChartLayout[];
  print: {
    orientation: 'landscape' | 'portrait';
    fitToWidth: boolean;
    repeatRows?: { first: number; last: number };
    /** What prints, where not the whole sheet. */
    area?: string;
    /** Page header and footer, left, centre and right, in Excel's codes (`&P`, `&N`, `&D`); a text's `&` doubled. */
    header?: PageText;
    footer?: PageText;
  };
  /** Columns grouped in an outline (first and last index), so they can be folded away. */
  outlineColumns?: [number, number];
  /** Rows a printed page starts with (index), set by hand: an area kept on one page. */
  rowBreaks?: number[];
  autoFilter?: string;
  tabColor?: string;
  /** A score sheet's shape, kept with the sheet so a rerun can update it in place (see ScoreShape). */
  shape?: ScoreShape;
}

/**
 * Where a score sheet keeps its goals: the ID, note and plan-note columns and the goal rows. `key`
 * stands for the goals, columns and size (shapeKey over them): a rerun with the same key puts every
 * goal where it was, so references into the sheet keep their meaning.
 */
export interface ScoreShape {
  key: string;
  id: number;
  note: number;
  planNote: number;
  first: number;
  last: number;
}

/**
 * FNV-1a over a text, as eight hex digits: a short key that fits a worksheet property. Given the
 * key of the text before it (`after`), the key of both texts joined: a long text is keyed piece by
 * piece without being joined.
 */
export function shapeKey(text: string, after?: string): string {
  return fnv(text, after === undefined ? FNV_START : parseInt(after, 16)).toString(16).padStart(8, '0');
}

export const FNV_START = 0x811c9dc5;

/** FNV-1a's state after `text`, from the state `h` of what came before it. */
export function fnv(text: string, h: number): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export interface WorkbookLayout {
  sheets: SheetLayout[];
}

/**
 * Number formats used on score sheets. Codes are locale-neutral; Excel shows local separators.
 * Dates are each language's own (`SheetWords.dateFormat`).
 * Plain numbers are General: `#,##0.##` would show a whole number with a trailing separator
 * ("50," in Danish Excel), and no format code shows decimals only where there are some.
 */
export const FORMATS = {
  percent: '0.0%',
  number: 'General',
  weight: '0.0#',
  earned: '0.00',
  count: '0',
  /** Amounts (performance pay): whole, grouped. */
  amount: '#,##0',
  /** A change in percentage points, with its sign. */
  change: '+0.0%;-0.0%;0.0%',
} as const;

/** Fluent 2 neutral and brand colours for headers, subtotals and totals. */
export const COLORS = {
  headerFill: 'DCE6F2',
  headerFont: '1F3864',
  subtotalFill: 'F2F2F2',
  totalFill: 'D9D9D9',
  muted: '605E5C',
  title: '0F6CBD',
  dataBar: '0F6CBD',
  warningFill: 'FFF4CE',
  errorFill: 'FDE7E9',
} as const;

/**
 * Type sizes in points: a sheet's title, its key figure (the score), a section's heading; and the
 * styles every sheet shares, from the colours above.
 */
export const FONTS = { title: 16, figure: 14, section: 13, block: 12 } as const;
export const STYLES = {
  title: { bold: true, fontSize: FONTS.title, fontColor: COLORS.title },
  section: { bold: true, fontSize: FONTS.section, fontColor: COLORS.title },
  block: { bold: true, fontSize: FONTS.block, fontColor: COLORS.title },
  header: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, wrap: true, borderBottom: true, vAlign: 'middle' },
  subtotal: { bold: true, fill: COLORS.subtotalFill, borderTop: true },
  total: { bold: true, fill: COLORS.totalFill, borderTop: true, borderBottom: true },
} as const satisfies Record<string, CellStyle>;

const LINE_HEIGHT = 15;

/** The wrapped columns and how many characters fit on a line of each: about one a unit of width, less a margin. */
export function wrapColumns(widths: readonly number[], wrapped: readonly boolean[]): { c: number; fits: number }[] {
  return wrapped.flatMap((w, c) => (w ? [{ c, fits: Math.max(1, widths[c] - 1) }] : []));
}

/** How many lines a row's wrapped cells need, at most 12. */
export function wrappedLines(value: (c: number) => LayoutValue, columns: readonly { c: number; fits: number }[]): number {
  let lines = 1;
  for (const { c, fits } of columns) {
    const v = value(c);
    if (typeof v === 'string' && v.length > fits) lines = Math.max(lines, Math.ceil(v.length / fits));
  }
  return Math.min(lines, 12);
}

/** A row's height for its lines; null keeps the default for one. */
export const linesHeight = (lines: number): number | null => (lines > 1 ? lines * LINE_HEIGHT : null);

/**
 * Heights for rows whose wrapped cells need more than one line. Excel and LibreOffice do not grow
 * rows by themselves when a file is opened, so the layout says how tall each row should be.
 */
export function wrappedRowHeights(values: LayoutValue[][], widths: number[], wrapped: boolean[]): (number | null)[] {
  const columns = wrapColumns(widths, wrapped);
  return values.map((row) => linesHeight(wrappedLines((c) => row[c], columns)));
}

/** How many columns a laid-out sheet uses: its widest row, or its column widths where wider. */
export function sheetWidth(layout: SheetLayout): number {
  if (layout.rows) return Math.max(layout.rows.width, layout.columnWidths.length);
  // A loop, not Math.max(...rows): a spread of 200,000 rows would overflow the call's arguments.
  return layout.values.reduce((w, r) => Math.max(w, r.length), layout.columnWidths.length);
}

/** Points of A4 paper, and the margins and the header row the layout prints with. */
const A4 = { long: 842, short: 595 };
const MARGIN = { side: 36, top: 54 };
const DEFAULT_ROW = 15;

/** A column's width in characters as points on paper, as Excel converts it (7 px a character, 5 px padding). */
const columnPoints = (chars: number) => (chars * 7 + 5) * 0.75;

/**
 * Where to start pages so that each block of rows (an area: its goals and its subtotal) prints on
 * one page when it fits on one. The page holds what fits at the scale fitting `printed` columns to
 * the paper's width, less the header row repeated on each page. Estimated from the layout's row
 * heights; the program printing lays out the rest.
 */
export function keepTogether(
  blocks: [number, number][],
  heightOf: (row: number) => number | null,
  printed: number[],
  orientation: 'landscape' | 'portrait',
  repeated: number,
): number[] {
  const [width, height] = orientation === 'landscape' ? [A4.long, A4.short] : [A4.short, A4.long];
  const scale = Math.min(1, (width - 2 * MARGIN.side) / printed.reduce((s, c) => s + columnPoints(c), 0));
  const rowHeight = (r: number) => heightOf(r) ?? DEFAULT_ROW;
  const page = (height - 2 * MARGIN.top) / scale;
  const breaks: number[] = [];
  let used = 0;
  let row = 0;
  const advance = (to: number) => {
    for (; row < to; row++) {
      // A row that does not fit starts a page of its own, under the repeated header row.
      if (used + rowHeight(row) > page) used = rowHeight(repeated);
      used += rowHeight(row);
    }
  };
  for (const [first, last] of blocks) {
    advance(first);
    let size = 0;
    for (let r = first; r <= last; r++) size += rowHeight(r);
    if (used + size > page && size + rowHeight(repeated) <= page) {
      breaks.push(first);
      used = rowHeight(repeated);
    }
    advance(last + 1);
  }
  return breaks;
}

/** A text as a cell can hold it: whole, or cut between characters with an ellipsis to end within Excel's limit. */
export function cellTextWithin(text: string): string {
  return text.length <= CELL_CHARS ? text : `${clip(text, CELL_CHARS - 1)}…`;
}

/** What a sheet's name may not hold: Excel's `[]:*?/\\`, and controls, line breaks and lone surrogate halves, which XML cannot carry. */
// eslint-disable-next-line no-control-regex -- controls are what is looked for
const NOT_IN_SHEET_NAMES = /[[\]:*?/\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** A name Excel keeps for itself (a shared workbook's change history). */
const RESERVED_SHEET_NAMES = new Set(['history']);

/** Spaces and apostrophes trimmed off both ends: Excel refuses a name that begins or ends with an apostrophe. */
const trimName = (name: string) => name.replace(/^[\s']+|[\s']+$/g, '');

/** The name cut to fit with its suffix, between characters, and trimmed again, as a cut can end on an apostrophe. */
const fitName = (stem: string, suffix: string) => `${trimName(clip(stem, SHEET_NAME_CHARS - suffix.length)) || 'Sheet'}${suffix}`;

/**
 * A name Excel takes for a sheet, from any text (an agency's name, a plan sheet's): none of
 * `[]:*?/\\`, no line break or control, no apostrophe first or last, at most 31 characters cut
 * between characters (an emoji is never halved), never `History`, and not taken (Excel compares
 * names without case): `Name (2)`, `Name (3)`, … where it is. With `numbered`, the first is
 * `(2)`: a name for an earlier sheet kept beside a new one of the name. The chosen name is added
 * to `taken`. Every sheet name the product makes comes from here.
 */
export function safeSheetName(name: string, taken: Set<string>, numbered = false): string {
  const clean = trimName(name.replace(NOT_IN_SHEET_NAMES, ' ').replace(/\s+/g, ' ')) || 'Sheet';
  const free = (candidate: string) => !taken.has(candidate.toLowerCase()) && !RESERVED_SHEET_NAMES.has(candidate.toLowerCase());
  const named = (n: number) => fitName(clean, n === 1 ? '' : ` (${n})`);
  let n = numbered ? 2 : 1;
  let candidate = named(n);
  while (!free(candidate)) candidate = named(++n);
  taken.add(candidate.toLowerCase());
  return candidate;
}
