/** Renders a workbook layout into an ExcelJS workbook. */
import ExcelJS from 'exceljs';
import type { CellStyle, ConditionalFormat, SheetLayout, WorkbookLayout } from '../layout/model';
import { addCharts } from './charts';
import { toA1 } from '../layout/r1c1';

const argb = (hex: string) => `FF${hex.toUpperCase()}`;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF8A8886' } };

function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  if (style.bold || style.italic || style.fontSize || style.fontColor) {
    cell.font = {
      ...cell.font,
      ...(style.bold ? { bold: true } : {}),
      ...(style.italic ? { italic: true } : {}),
      ...(style.fontSize ? { size: style.fontSize } : {}),
      ...(style.fontColor ? { color: { argb: argb(style.fontColor) } } : {}),
    };
  }
  if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.wrap || style.hAlign || style.vAlign || style.indent) {
    cell.alignment = {
      ...cell.alignment,
      ...(style.wrap ? { wrapText: true } : {}),
      ...(style.hAlign ? { horizontal: style.hAlign } : {}),
      ...(style.vAlign ? { vertical: style.vAlign } : {}),
      ...(style.indent ? { indent: style.indent } : {}),
    };
  }
  if (style.borderTop || style.borderBottom) {
    cell.border = { ...cell.border, ...(style.borderTop ? { top: thin } : {}), ...(style.borderBottom ? { bottom: thin } : {}) };
  }
}

function eachCell(sheet: ExcelJS.Worksheet, range: string, fn: (cell: ExcelJS.Cell) => void): void {
  const [start, end = start] = range.split(':');
  const a = sheet.getCell(start);
  const b = sheet.getCell(end);
  for (let r = Number(a.row); r <= Number(b.row); r++) for (let c = Number(a.col); c <= Number(b.col); c++) fn(sheet.getCell(r, c));
}

function conditional(format: ConditionalFormat, priority: number): ExcelJS.ConditionalFormattingOptions {
  if (format.kind === 'iconSet') {
    // ExcelJS writes no `gte` flag, so an exclusive threshold becomes the next value above it.
    const first = format.firstExclusive ? format.thresholds[0] + 1e-9 : format.thresholds[0];
    return {
      ref: format.range,
      rules: [
        {
          type: 'iconSet',
          priority,
          iconSet: format.icons,
          cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: first }, { type: 'num', value: format.thresholds[1] }],
        },
      ],
    };
  }
  return {
    ref: format.range,
    rules: [
      {
        type: 'dataBar',
        priority,
        gradient: false,
        cfvo: [
          format.min === undefined ? { type: 'min' } : { type: 'num', value: format.min },
          format.max === undefined ? { type: 'max' } : { type: 'num', value: format.max },
        ],
        color: { argb: argb(format.color) },
      } as ExcelJS.DataBarRuleType,
    ],
  };
}

export interface RenderOptions {
  /** Store the engine's results with the formulas (default). Without them a reader must compute. */
  cachedResults?: boolean;
}

export function renderSheet(workbook: ExcelJS.Workbook, layout: SheetLayout, options: RenderOptions = {}): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(layout.name, {
    properties: layout.tabColor ? { tabColor: { argb: argb(layout.tabColor) } } : {},
    views: layout.freeze ? [{ state: 'frozen', ySplit: layout.freeze.rows, xSplit: layout.freeze.cols }] : [],
    pageSetup: {
      paperSize: 9,
      orientation: layout.print.orientation,
      fitToPage: layout.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(layout.print.repeatRows ? { printTitlesRow: `${layout.print.repeatRows.first + 1}:${layout.print.repeatRows.last + 1}` } : {}),
    },
  });
  layout.values.forEach((row, r) => {
    row.forEach((value, c) => {
      const format = layout.numberFormats[r]?.[c];
      const formula = layout.formulas?.[r]?.[c];
      if (value === null && !format && !formula) return;
      const cell = sheet.getCell(r + 1, c + 1);
      if (formula) {
        const result = options.cachedResults === false ? undefined : (value ?? '');
        cell.value = { formula: toA1(formula, r, c), result } as ExcelJS.CellFormulaValue;
      } else cell.value = value;
      if (format) cell.numFmt = format;
    });
  });
  for (const c of layout.hiddenColumns ?? []) sheet.getColumn(c + 1).hidden = true;
  for (const { range, style } of layout.styles) eachCell(sheet, range, (cell) => applyStyle(cell, style));
  layout.columnWidths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  layout.rowHeights.forEach((h, r) => {
    if (h !== null) sheet.getRow(r + 1).height = h;
  });
  layout.conditionalFormats.forEach((f, i) => sheet.addConditionalFormatting(conditional(f, i + 1)));
  for (const note of layout.notes) sheet.getCell(note.cell).note = note.text;
  if (layout.autoFilter) sheet.autoFilter = layout.autoFilter;
  return sheet;
}

export function renderWorkbook(layout: WorkbookLayout, options: RenderOptions = {}, workbook = new ExcelJS.Workbook()): ExcelJS.Workbook {
  workbook.creator = 'goalscore';
  // Excel recomputes formulas on open, so a sheet is right even where a cached result is not.
  workbook.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of layout.sheets) renderSheet(workbook, sheet, options);
  return workbook;
}

/** The layout as xlsx bytes, charts included. */
export async function workbookBytes(layout: WorkbookLayout, options: RenderOptions = {}): Promise<Uint8Array> {
  const buffer = await renderWorkbook(layout, options).xlsx.writeBuffer();
  return addCharts(new Uint8Array(buffer as ArrayBuffer), layout.sheets);
}

