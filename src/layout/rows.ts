/**
 * A sheet's rows as the writers take them: one row at a time, made when it is asked for. A score
 * sheet of a hundred thousand goals is never held whole as rows of cells; the workbook writer
 * pulls each row into its deflater and the Office.js writer pulls request-sized batches. Small
 * sheets built as arrays (the overview, the problems) are read through the same interface.
 */
import type { LayoutRow, LayoutValue, RowSource, SheetLayout } from './model';

export type { LayoutRow, RowSource } from './model';

const NONE: readonly never[] = Object.freeze([]);

/** Rows held as arrays, as the small sheets are built. */
export class GridRows implements RowSource {
  readonly width: number;

  constructor(
    private readonly values: readonly (readonly LayoutValue[])[],
    private readonly formats: readonly (readonly (string | null)[] | undefined)[],
    private readonly cellFormulas: readonly (readonly (string | null)[] | undefined)[] | undefined,
    private readonly heights: readonly (number | null)[],
  ) {
    // A loop, not Math.max(...rows): a spread of 200,000 rows would overflow the call's arguments.
    let width = 0;
    for (const row of values) width = Math.max(width, row.length);
    this.width = width;
  }

  get length(): number {
    return Math.max(this.values.length, this.heights.length);
  }

  row(r: number): LayoutRow {
    return { values: this.values[r] ?? NONE, formats: this.formats[r] ?? NONE, formulas: this.formulas(r) };
  }

  value(r: number, c: number): LayoutValue {
    return this.values[r]?.[c] ?? null;
  }

  formulas(r: number): readonly (string | null)[] {
    return this.cellFormulas?.[r] ?? NONE;
  }

  height(r: number): number | null {
    return this.heights[r] ?? null;
  }
}

/** The rows of any sheet: its own row source, or its arrays read as one. */
export function rowsOf(layout: SheetLayout): RowSource {
  return layout.rows ?? new GridRows(layout.values, layout.numberFormats, layout.formulas, layout.rowHeights);
}

/**
 * Every row of a source as arrays: for tests and the few readers that want a sheet whole. Formats
 * and formulas stay the arrays the rows hand out, shared by alike rows, as they are never changed.
 */
export function materialize(rows: RowSource): Pick<SheetLayout, 'values' | 'numberFormats' | 'formulas' | 'rowHeights'> {
  const values: LayoutValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  const rowHeights: (number | null)[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows.row(r);
    values.push([...row.values]);
    numberFormats.push(row.formats as (string | null)[]);
    formulas.push(row.formulas as (string | null)[]);
    rowHeights.push(rows.height(r));
  }
  return { values, numberFormats, formulas, rowHeights };
}

type Whole = ReturnType<typeof materialize>;
const made = new WeakMap<RowSource, Whole>();
const whole = (rows: RowSource): Whole => made.get(rows) ?? made.set(rows, materialize(rows)).get(rows)!;

/**
 * A sheet whose rows are made on demand. Its cells as arrays (`values`, `numberFormats`,
 * `formulas`, `rowHeights`) are there for readers that want the sheet whole, made on first use;
 * the writers read `rows` and never make them. A copy with other properties is made by
 * `withProps`, which keeps this: a spread would drop the arrays.
 */
class StreamedSheet {
  declare readonly rows: RowSource;

  get values(): LayoutValue[][] {
    return whole(this.rows).values;
  }

  get numberFormats(): (string | null)[][] {
    return whole(this.rows).numberFormats;
  }

  get formulas(): (string | null)[][] | undefined {
    return whole(this.rows).formulas;
  }

  get rowHeights(): (number | null)[] {
    return whole(this.rows).rowHeights;
  }
}

/** What a streamed sheet is made of: everything but the cells, and the rows that make them. */
export type StreamedProps = Omit<SheetLayout, 'values' | 'numberFormats' | 'formulas' | 'rowHeights' | 'rows'> & { rows: RowSource };

export function streamedSheet(props: StreamedProps): SheetLayout {
  return Object.assign(new StreamedSheet(), props) as unknown as SheetLayout;
}

/** Whether a sheet was made whole already (tests check that writing never does). */
export const isMaterialized = (layout: SheetLayout): boolean => !!layout.rows && made.has(layout.rows);

/** The layout with some properties changed; a streamed sheet stays one. */
export function withProps(layout: SheetLayout, props: Partial<SheetLayout>): SheetLayout {
  return Object.assign(Object.create(Object.getPrototypeOf(layout)) as SheetLayout, layout, props);
}

/** A cell put beside a row of another source. */
export interface ExtraCell {
  col: number;
  value: LayoutValue;
  format: string | null;
}

/**
 * A source with cells added to the right of some rows and rows added below it (a history beside a
 * score sheet): each row is the underlying row with the extra cells laid over a copy of it.
 */
export class ExtendedRows implements RowSource {
  readonly length: number;
  private readonly values: LayoutValue[];
  private readonly formatsOf = new Map<readonly (string | null)[], Map<string, (string | null)[]>>();

  constructor(
    private readonly base: RowSource,
    readonly width: number,
    private readonly extra: (r: number) => readonly ExtraCell[] | null,
    private readonly below: GridRows,
    private readonly belowAt: number,
  ) {
    this.length = Math.max(base.length, belowAt + below.length);
    this.values = new Array(width).fill(null);
  }

  row(r: number): LayoutRow {
    if (r >= this.belowAt && r - this.belowAt < this.below.length) return this.below.row(r - this.belowAt);
    const row = this.base.row(r);
    const cells = this.extra(r);
    if (!cells?.length) return row;
    const values = this.values;
    values.fill(null);
    for (let c = 0; c < row.values.length; c++) values[c] = row.values[c];
    for (const cell of cells) values[cell.col] = cell.value;
    return { values, formats: this.formats(row.formats, cells), formulas: row.formulas };
  }

  /** The row's formats with the extra cells' formats: one array per kind of row, as the underlying rows share theirs. */
  private formats(base: readonly (string | null)[], cells: readonly ExtraCell[]): (string | null)[] {
    const key = cells.map((c) => `${c.col}:${c.format ?? ''}`).join('|');
    const byKey = this.formatsOf.get(base) ?? this.formatsOf.set(base, new Map()).get(base)!;
    let formats = byKey.get(key);
    if (!formats) {
      formats = [...base];
      while (formats.length < this.width) formats.push(null);
      for (const cell of cells) formats[cell.col] = cell.format;
      byKey.set(key, formats);
    }
    return formats;
  }

  value(r: number, c: number): LayoutValue {
    if (r >= this.belowAt && r - this.belowAt < this.below.length) return this.below.value(r - this.belowAt, c);
    return this.extra(r)?.find((cell) => cell.col === c)?.value ?? this.base.value(r, c);
  }

  formulas(r: number): readonly (string | null)[] {
    if (r >= this.belowAt && r - this.belowAt < this.below.length) return this.below.formulas(r - this.belowAt);
    return this.base.formulas(r);
  }

  height(r: number): number | null {
    if (r >= this.belowAt && r - this.belowAt < this.below.length) return this.below.height(r - this.belowAt);
    return this.base.height(r);
  }
}

/** The first row whose cell in column `c` holds `value`; -1 where none does. */
export function findRow(rows: RowSource, c: number, value: LayoutValue): number {
  for (let r = 0; r < rows.length; r++) if (rows.value(r, c) === value) return r;
  return -1;
}

/** Rows held as arrays of values and formats, to put below another source. */
export const gridRows = (rows: { values: LayoutValue[]; formats: (string | null)[] }[]): GridRows =>
  new GridRows(
    rows.map((r) => r.values),
    rows.map((r) => r.formats),
    undefined,
    [],
  );

const CELLS = new Set(['values', 'numberFormats', 'formulas', 'rowHeights', 'rows']);

/** A layout's properties besides its cells, to build another sheet on it (a streamed sheet's cells are not made for it). */
export function withoutCells(layout: SheetLayout): Omit<StreamedProps, 'rows'> {
  return Object.fromEntries(Object.entries(layout).filter(([key]) => !CELLS.has(key))) as Omit<StreamedProps, 'rows'>;
}
