/**
 * The titled table the overview, the goals missed, the trend, the problems and the scenario sheets
 * share: a title, any lines under it, a header row and a row per item, with the header repeated on
 * printed pages, frozen and filtered. Each column declares its header, width, value and format.
 */
import { address, rangeAddress } from '../engine';
import { STYLES, wrappedRowHeights, type CellStyle, type LayoutValue, type SheetLayout } from './model';

export interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => LayoutValue;
  /** One number format for the column, or one per row. */
  format?: string | null | ((row: T) => string | null);
  wrap?: boolean;
  /** A number column and its header line up: both centred. */
  center?: boolean;
  /** A style of the cell by its row (the severity of a problem). */
  cellStyle?: (row: T) => CellStyle | null;
}

export interface TableOptions<T> {
  /** Lines between the title and the header row (a summary). */
  intro?: LayoutValue[];
  /** A style of the whole row by its item (an edited goal). */
  rowStyle?: (row: T) => CellStyle | null;
  /** Columns frozen at the left beside the frozen header. */
  freezeCols?: number;
  /** Rows align to the middle (icons beside wrapped names), else the top. */
  vAlign?: 'top' | 'middle';
  tabColor?: string;
}

/** Where the rows stand: the header row and the first and last item rows. */
export const tableRows = (layout: SheetLayout) => {
  const header = layout.freeze!.rows - 1;
  return { header, first: header + 1, last: layout.values.length - 1 };
};

export function titledTable<T>(name: string, role: SheetLayout['role'], title: string, columns: Column<T>[], rows: T[], options: TableOptions<T> = {}): SheetLayout {
  const width = columns.length;
  const intro = options.intro ?? [];
  const header = 2 + intro.length;
  const values: LayoutValue[][] = [[title], ...intro.map((line) => [line]), [], columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))];
  const numberFormats = values.map((_, i) =>
    i <= header ? [] : columns.map((c) => (typeof c.format === 'function' ? c.format(rows[i - header - 1]) : (c.format ?? null))),
  );
  const last = values.length - 1;
  const styles: SheetLayout['styles'] = [
    { range: 'A1', style: STYLES.title },
    ...intro.map((_, i) => ({ range: address(1 + i, 0), style: { bold: true } })),
    { range: rangeAddress(header, 0, header, width - 1), style: STYLES.header },
  ];
  if (last > header) styles.push({ range: rangeAddress(header + 1, 0, last, width - 1), style: { vAlign: options.vAlign ?? 'top' } });
  columns.forEach((c, i) => {
    if (c.wrap && last > header) styles.push({ range: rangeAddress(header + 1, i, last, i), style: { wrap: true } });
    if (c.center) styles.push({ range: rangeAddress(header, i, Math.max(header, last), i), style: { hAlign: 'center' } });
  });
  rows.forEach((r, k) => {
    const row = header + 1 + k;
    const whole = options.rowStyle?.(r);
    if (whole) styles.push({ range: rangeAddress(row, 0, row, width - 1), style: whole });
    columns.forEach((c, i) => {
      const style = c.cellStyle?.(r);
      if (style) styles.push({ range: address(row, i), style });
    });
  });
  const widths = columns.map((c) => c.width);
  return {
    name,
    role,
    values,
    numberFormats,
    styles,
    columnWidths: widths,
    rowHeights: wrappedRowHeights(values, widths, columns.map((c) => !!c.wrap)).map((h, i) => (i === 0 ? 24 : h)),
    freeze: { rows: header + 1, cols: options.freezeCols ?? 0 },
    conditionalFormats: [],
    notes: [],
    charts: [],
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: header, last: header } },
    autoFilter: last > header ? rangeAddress(header, 0, last, width - 1) : undefined,
    tabColor: options.tabColor,
  };
}
