/**
 * Reads the open workbook for the pipeline in exactly two syncs, whatever the number of sheets
 * and rows: the sheet names and owner marks first, then every other sheet's used range, values
 * and number formats at once. Plans and the data ranges they refer to are then found in memory.
 */
import type { CellValue, SheetGrid } from '../engine/types';

/** The worksheet custom property that marks a sheet as the add-in's own. */
export const OWNER_KEY = 'goalscore.role';

export interface WorkbookRead {
  /** Every sheet the add-in does not own, as grids. */
  grids: SheetGrid[];
  /** Sheets the add-in wrote earlier, by name, with their role (`score`, `problems`). */
  owned: Map<string, string>;
  /** Every sheet name in the workbook, the user's and the add-in's. */
  names: string[];
  /** Whether the workbook's structure is protected: no sheet can then be added or deleted. */
  protected: boolean;
}

/** Excel hands error values over as text such as `#DIV/0!`. */
function cell(value: unknown): CellValue {
  if (typeof value === 'string' && /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!)$/.test(value)) {
    return { error: value };
  }
  return value as CellValue;
}

export async function readWorkbook(context: Excel.RequestContext): Promise<WorkbookRead> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const protection = context.workbook.protection;
  protection.load('protected');
  const marks = new Map<string, Excel.WorksheetCustomPropertyCollection>();
  await context.sync();
  for (const sheet of sheets.items) {
    const props = sheet.customProperties;
    props.load('items/key,items/value');
    marks.set(sheet.name, props);
  }
  // The used range of every sheet is queued now; the owner marks tell after the sync which to keep.
  const ranges = sheets.items.map((sheet) => {
    const range = sheet.getUsedRangeOrNullObject(true);
    range.load(['values', 'numberFormat', 'rowIndex', 'columnIndex']);
    return { name: sheet.name, range };
  });
  await context.sync();

  const owned = new Map<string, string>();
  for (const [name, props] of marks) {
    const mark = props.items.find((p) => p.key === OWNER_KEY);
    if (mark) owned.set(name, String(mark.value));
  }
  const grids: SheetGrid[] = [];
  for (const { name, range } of ranges) {
    if (owned.has(name) || range.isNullObject) continue;
    grids.push({
      name,
      values: range.values.map((row) => row.map(cell)),
      formats: range.numberFormat as string[][],
      origin: { row: range.rowIndex, col: range.columnIndex },
    });
  }
  return { grids, owned, names: sheets.items.map((s) => s.name), protected: protection.protected };
}

/** Selects a cell for the user, e.g. from the problems list. One sync. */
export async function selectCell(context: Excel.RequestContext, sheet: string, cellAddress: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cellAddress || 'A1').select();
  await context.sync();
}
