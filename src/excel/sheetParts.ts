/**
 * One sheet's parts as Office.js writes them, each with what it costs in a request (./cost): cell
 * styles and conditional formats, which travel with the cells, and the sheet's own setup (widths,
 * panes, page layout, page breaks, the column group, the filter, notes, links and charts). An
 * earlier sheet updated in place is emptied of all of it first.
 */
import { quoteSheet } from '../engine';
import type { CellStyle, ChartLayout, ConditionalFormat, SheetLayout } from '../layout/model';
import { actionCost, pathCost, utf8Bytes } from './cost';
import type { KeptShape } from './read';
import { rowsOf } from '../layout/rows';

/** Office.js column widths are in points; layout widths are in characters. */
const POINTS_PER_CHAR = 6;
const color = (hex: string) => `#${hex}`;
const H_ALIGN = { left: 'Left', center: 'Center', right: 'Right' } as const;
const V_ALIGN = { top: 'Top', middle: 'Center', bottom: 'Bottom' } as const;

/** What an earlier sheet holds besides cells, loaded in one request before the write touches it. */
export interface Earlier {
  sheet: Excel.Worksheet;
  charts: Excel.ChartCollection;
  notes: Excel.NoteCollection | null;
  filter: Excel.AutoFilter;
  protection: Excel.WorksheetProtection;
}

/** How the sheet is set up: its width in columns, and whether its column group already stands. */
export interface SetUp {
  width: number;
  grouped: boolean;
  /** Notes are written where the host has them (ExcelApi 1.18). */
  notes?: boolean;
}

/** The format properties a style sets, by the object that holds each. */
function styleProps(style: CellStyle): [string | null, string, unknown][] {
  const props: [string | null, string, unknown][] = [];
  if (style.bold) props.push(['font', 'bold', true]);
  if (style.italic) props.push(['font', 'italic', true]);
  if (style.fontSize) props.push(['font', 'size', style.fontSize]);
  if (style.fontColor) props.push(['font', 'color', color(style.fontColor)]);
  if (style.fill) props.push(['fill', 'color', color(style.fill)]);
  if (style.wrap) props.push([null, 'wrapText', true]);
  if (style.hAlign) props.push([null, 'horizontalAlignment', H_ALIGN[style.hAlign]]);
  if (style.vAlign) props.push([null, 'verticalAlignment', V_ALIGN[style.vAlign]]);
  if (style.indent) props.push([null, 'indentLevel', style.indent]);
  if (style.borderTop) props.push(['EdgeTop', 'style', 'Continuous']);
  if (style.borderBottom) props.push(['EdgeBottom', 'style', 'Continuous']);
  return props;
}

/** A style: the range, its format, each object the properties sit on, and an action per property. */
export function styleCost(address: string, style: CellStyle): number {
  const props = styleProps(style);
  const holders = new Set(props.map(([holder]) => holder).filter((h): h is string => h !== null));
  let bytes = pathCost('getRange', [address]) + pathCost('format');
  for (const holder of holders) bytes += holder.startsWith('Edge') ? pathCost('borders') + pathCost('getItem', [holder]) : pathCost(holder);
  for (const [, name, value] of props) bytes += actionCost(name, [value]);
  return bytes;
}

export function applyStyle(range: Excel.Range, style: CellStyle): void {
  const f = range.format;
  for (const [holder, name, value] of styleProps(style)) {
    const target = holder === null ? f : holder === 'font' ? f.font : holder === 'fill' ? f.fill : f.borders.getItem(holder as Excel.BorderIndex);
    (target as unknown as Record<string, unknown>)[name] = value;
  }
}

/** A conditional format: the range, the collection, the new format, its part, and its settings. */
export function conditionalCost(format: ConditionalFormat): number {
  return pathCost('getRange', [format.range]) + pathCost('conditionalFormats') + pathCost('add', ['DataBar']) + 2 * pathCost('positiveFormat') + 5 * actionCost('criteria', [format]);
}

export function addConditionalFormat(sheet: Excel.Worksheet, format: ConditionalFormat): void {
  const range = sheet.getRange(format.range);
  if (format.kind === 'iconSet') {
    const cf = range.conditionalFormats.add('IconSet');
    cf.iconSet.style = 'ThreeTrafficLights1';
    const [first, second] = format.thresholds;
    cf.iconSet.criteria = [
      {} as Excel.ConditionalIconCriterion,
      { type: 'Number', operator: format.firstExclusive ? 'GreaterThan' : 'GreaterThanOrEqual', formula: `=${first}` },
      { type: 'Number', operator: 'GreaterThanOrEqual', formula: `=${second}` },
    ];
    return;
  }
  const cf = range.conditionalFormats.add('DataBar');
  cf.dataBar.barDirection = 'LeftToRight';
  if (format.min !== undefined) cf.dataBar.lowerBoundRule = { type: 'Number', formula: `=${format.min}` };
  if (format.max !== undefined) cf.dataBar.upperBoundRule = { type: 'Number', formula: `=${format.max}` };
  cf.dataBar.positiveFormat.fillColor = color(format.color);
  cf.dataBar.positiveFormat.gradientFill = false;
}

/** The charts, each over the sheet's own cells, with its title, place and value axis. */
export function addCharts(sheet: Excel.Worksheet, charts: ChartLayout[]): void {
  for (const c of charts) {
    const chart = sheet.charts.add(c.kind === 'line' ? 'LineMarkers' : 'BarClustered', sheet.getRange(c.source), 'Columns');
    chart.title.text = c.title;
    chart.setPosition(c.anchor.from, c.anchor.to);
    const axis = chart.axes.valueAxis;
    axis.minimum = c.axis.min;
    if (c.axis.max !== undefined) axis.maximum = c.axis.max;
    axis.numberFormat = c.axis.format;
  }
}

/** The sheet's setup but its charts: a generous count of every path and action setUpSheet queues. */
export function setupCost(layout: SheetLayout, setUp: SetUp): number {
  const range = pathCost('getRangeByIndexes', [0, 0, 0, 0]);
  const columns = (layout.columnWidths.length + (layout.hiddenColumns?.length ?? 0)) * (range + pathCost('format') + pathCost('getEntireColumn', []) + actionCost('columnWidth', [0]));
  const page = 4 * pathCost('pageLayout') + 16 * actionCost('centerHeader', ['']) + utf8Bytes(JSON.stringify(layout.print));
  const notes = setUp.notes ? layout.notes.reduce((s, n) => s + pathCost('getRange', [n.cell]) + actionCost('add', [null, n.text]), 0) : 0;
  const links = (layout.links ?? []).reduce((s, l) => s + pathCost('getRange', [l.cell]) + actionCost('hyperlink', [{ documentReference: `${quoteSheet(l.sheet)}!${l.target}` }]), 0);
  const breaks = (layout.rowBreaks ?? []).length * (range + pathCost('horizontalPageBreaks') + actionCost('add', [null]));
  return columns + page + notes + links + breaks + 12 * (range + actionCost('freezeAt', [null]));
}

/** Widths, hidden columns, row heights, panes, page layout and breaks, the group, filter, tab colour, notes and links. */
export function setUpSheet(sheet: Excel.Worksheet, layout: SheetLayout, setUp: SetUp): void {
  const { width } = setUp;
  layout.columnWidths.forEach((w, c) => (sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w * POINTS_PER_CHAR));
  for (const c of layout.hiddenColumns ?? []) sheet.getRangeByIndexes(0, c, 1, 1).getEntireColumn().columnHidden = true;
  // Excel grows rows for wrapped text itself when asked, so the layout's estimated heights are not needed here.
  const rows = rowsOf(layout).length;
  if (rows) sheet.getRangeByIndexes(0, 0, rows, width).format.autofitRows();
  // One call for both: freezeColumns after freezeRows would leave only the columns frozen.
  const { rows: frozenRows = 0, cols: frozenCols = 0 } = layout.freeze ?? {};
  if (frozenRows && frozenCols) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, frozenRows, frozenCols));
  else if (frozenRows) sheet.freezePanes.freezeRows(frozenRows);
  else if (frozenCols) sheet.freezePanes.freezeColumns(frozenCols);
  setUpPage(sheet, layout);
  // The inputs fold away as one group beside the printed columns.
  if (layout.outlineColumns && !setUp.grouped) {
    const [from, to] = layout.outlineColumns;
    sheet.getRangeByIndexes(0, from, 1, to - from + 1).getEntireColumn().group('ByColumns');
  }
  if (layout.autoFilter) sheet.autoFilter.apply(sheet.getRange(layout.autoFilter));
  if (layout.tabColor) sheet.tabColor = color(layout.tabColor);
  if (setUp.notes) for (const note of layout.notes) sheet.notes.add(sheet.getRange(note.cell), note.text);
  // Links within the workbook (ExcelApi 1.7); the cell keeps its own text.
  for (const link of layout.links ?? []) sheet.getRange(link.cell).hyperlink = { documentReference: `${quoteSheet(link.sheet)}!${link.target}` };
}

/** Orientation, paper, fit to width, print titles and area, header and footer, and manual page breaks (ExcelApi 1.9). */
function setUpPage(sheet: Excel.Worksheet, layout: SheetLayout): void {
  const page = sheet.pageLayout;
  page.orientation = layout.print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.paperSize = 'A4';
  if (layout.print.fitToWidth) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (layout.print.repeatRows) page.setPrintTitleRows(`$${layout.print.repeatRows.first + 1}:$${layout.print.repeatRows.last + 1}`);
  if (layout.print.area) page.setPrintArea(layout.print.area);
  const pages = page.headersFooters.defaultForAllPages;
  const { header, footer } = layout.print;
  if (header?.left) pages.leftHeader = header.left;
  if (header?.center) pages.centerHeader = header.center;
  if (header?.right) pages.rightHeader = header.right;
  if (footer?.left) pages.leftFooter = footer.left;
  if (footer?.center) pages.centerFooter = footer.center;
  if (footer?.right) pages.rightFooter = footer.right;
  for (const row of layout.rowBreaks ?? []) sheet.horizontalPageBreaks.add(sheet.getRangeByIndexes(row, 0, 1, 1));
}

/**
 * Empties an earlier sheet of the add-in's for its new contents, keeping the sheet itself: formulas
 * on the user's sheets that point into it keep pointing, and Excel's undo stack is not cleared by
 * a sheet deleted and added. Clears the larger of what was there and what comes; returns the rows
 * the new contents take.
 */
export function clearEarlier(earlier: Earlier, extent: { rows: number; cols: number } | undefined, shape: KeptShape | undefined, layout: SheetLayout, width: number): number {
  const { sheet } = earlier;
  const rows = Math.max(rowsOf(layout).length, 1);
  const all = sheet.getRangeByIndexes(0, 0, Math.max(extent?.rows ?? 0, rows), Math.max(extent?.cols ?? 0, width));
  all.conditionalFormats.clearAll();
  all.clear('All');
  all.getEntireColumn().columnHidden = false;
  for (const chart of earlier.charts.items) chart.delete();
  for (const note of earlier.notes?.items ?? []) note.delete();
  if (earlier.filter.enabled) sheet.autoFilter.remove();
  sheet.freezePanes.unfreeze();
  sheet.horizontalPageBreaks.removePageBreaks();
  // The group stays where it was the same; elsewhere it is taken away and made anew.
  const before = shape?.outline;
  const same = !!before && !!layout.outlineColumns && before[0] === layout.outlineColumns[0] && before[1] === layout.outlineColumns[1];
  if (before && !same) sheet.getRangeByIndexes(0, before[0], 1, before[1] - before[0] + 1).getEntireColumn().ungroup('ByColumns');
  return rows;
}
