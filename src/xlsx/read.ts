/** Reads workbook files into the engine's plain grids with ExcelJS. */
import ExcelJS from 'exceljs';
import type { CellValue, SheetGrid } from '../engine/types';
import { checkWorkbookBytes } from './guard';

/** ExcelJS cell values come in several shapes; the engine wants the value a user sees. */
export function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('error' in value) return { error: String(value.error) };
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : plainValue(result as ExcelJS.CellValue);
    }
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  }
  return null;
}

/** Every worksheet as a grid from A1 to its last used cell, with number formats. */
export function gridsFromWorkbook(workbook: ExcelJS.Workbook): SheetGrid[] {
  const grids: SheetGrid[] = [];
  workbook.eachSheet((sheet) => {
    const values: CellValue[][] = [];
    const formats: (string | null)[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const r = rowNumber - 1;
      const rowValues: CellValue[] = [];
      const rowFormats: (string | null)[] = [];
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        rowValues[colNumber - 1] = plainValue(cell.value);
        rowFormats[colNumber - 1] = cell.numFmt ?? null;
      });
      values[r] = rowValues;
      formats[r] = rowFormats;
    });
    for (let r = 0; r < values.length; r++) {
      if (!values[r]) {
        values[r] = [];
        formats[r] = [];
      }
    }
    grids.push({ name: sheet.name, values, formats });
  });
  return grids;
}

/** Reads a workbook; what cannot be read safely is refused first (guard.ts) with its reason. */
export async function readWorkbook(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  await checkWorkbookBytes(data);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as ArrayBuffer);
  return workbook;
}
