/**
 * Writes plan workbooks in the plan-sheet format: the seed plans from their reviewable JSON
 * sources, and the blank template with a note on every header and drop-down lists.
 */
import ExcelJS from 'exceljs';
import { CRITERIA } from '../engine/criteria';
import { LANGUAGES, type LanguageCode } from '../engine/i18n';
import { fold } from '../engine/text';
import { columnIndex } from '../engine/vocabulary';
import { COLORS } from '../layout/model';

/** A cell in a JSON plan source: a plain value, a real date, or a number with its format. */
export type SpecValue = string | number | boolean | null | { date: string } | { value: number; format: string };

export interface PlanSpec {
  /** Where the plan comes from and what is illustrative, shown in the workbook. */
  description?: string;
  language?: LanguageCode;
  sheet: string;
  metadata: [string, SpecValue][];
  columns: string[];
  /** Rows keyed by column header. */
  rows: Record<string, SpecValue>[];
  dataSheets?: { name: string; columns: string[]; rows: SpecValue[][] }[];
}

/** Rows the template's drop-down lists and formats cover below the header. */
const TEMPLATE_ROWS = 300;

function cellValue(v: SpecValue): { value: ExcelJS.CellValue; format?: string } {
  if (v === null || typeof v !== 'object') return { value: v };
  if ('date' in v) return { value: new Date(`${v.date}T00:00:00Z`), format: 'dd-mm-yyyy' };
  return { value: v.value, format: v.format };
}

/** The drop-down lists of a plan sheet, by column key, in the plan's language. */
function lists(lang: LanguageCode): Partial<Record<string, string[]>> {
  const v = LANGUAGES[lang].vocabulary;
  return {
    type: CRITERIA.map((c) => v.types[c.key]?.[0] ?? c.key),
    assessment: [v.assessments.met[0], v.assessments.partly[0], v.assessments.not_met[0]],
    scale: [v.scales.binary[0], v.scales.linear[0], v.scales.partial[0]],
  };
}

export function buildPlanWorkbook(spec: PlanSpec): ExcelJS.Workbook {
  const lang = spec.language ?? 'da';
  const words = LANGUAGES[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'goalscore';
  const sheet = workbook.addWorksheet(spec.sheet, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  let r = 1;
  for (const [key, value] of spec.metadata) {
    const { value: v, format } = cellValue(value);
    sheet.getCell(r, 1).value = key;
    sheet.getCell(r, 1).font = { bold: true };
    sheet.getCell(r, 2).value = v;
    if (format) sheet.getCell(r, 2).numFmt = format;
    r++;
  }
  if (spec.description) {
    sheet.getCell(r, 1).value = spec.description;
    sheet.getCell(r, 1).font = { italic: true, color: { argb: `FF${COLORS.muted}` } };
    r++;
  }
  const headerRow = r + 1;
  const keys = spec.columns.map((c) => columnIndex.get(fold(c)));
  spec.columns.forEach((name, i) => {
    const cell = sheet.getCell(headerRow, i + 1);
    cell.value = name;
    cell.font = { bold: true, color: { argb: `FF${COLORS.headerFont}` } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${COLORS.headerFill}` } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
    const key = keys[i];
    if (key) cell.note = words.columnHelp[key];
  });
  spec.rows.forEach((row, i) => {
    spec.columns.forEach((name, c) => {
      if (row[name] === undefined || row[name] === null) return;
      const { value, format } = cellValue(row[name]);
      const cell = sheet.getCell(headerRow + 1 + i, c + 1);
      cell.value = value;
      if (format) cell.numFmt = format;
      // IDs stay text so 1.10 is not read as 1.1.
      if (keys[c] === 'id') cell.numFmt = '@';
    });
    if (!row[spec.columns[keys.indexOf('id')]]) sheet.getRow(headerRow + 1 + i).font = { bold: true };
  });
  const lastRow = headerRow + Math.max(spec.rows.length, TEMPLATE_ROWS);
  const dropDowns = lists(lang);
  keys.forEach((key, c) => {
    const list = key && dropDowns[key];
    if (!list) return;
    for (let row = headerRow + 1; row <= lastRow; row++) {
      // Free text stays allowed: steps such as 85:100%; 75:50% are not in the list.
      sheet.getCell(row, c + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        showErrorMessage: false,
        formulae: [`"${list.join(',')}"`],
      };
    }
  });
  const widths: Record<string, number> = { title: 60, area: 26, note: 30, formula: 24, data: 26, type: 12, assessment: 16 };
  keys.forEach((key, c) => (sheet.getColumn(c + 1).width = (key && widths[key]) || Math.max(10, spec.columns[c].length + 2)));
  sheet.getColumn(1).width = Math.max(sheet.getColumn(1).width ?? 10, 16);
  sheet.views = [{ state: 'frozen', ySplit: headerRow }];
  for (const data of spec.dataSheets ?? []) {
    const ds = workbook.addWorksheet(data.name);
    ds.addRow(data.columns).font = { bold: true };
    for (const row of data.rows) ds.addRow(row.map((v) => cellValue(v).value));
    ds.views = [{ state: 'frozen', ySplit: 1 }];
    data.columns.forEach((c, i) => (ds.getColumn(i + 1).width = Math.max(12, c.length + 2)));
  }
  return workbook;
}

/** The blank template: the Danish columns in canonical order, metadata keys, no rows. */
export function templateSpec(lang: LanguageCode = 'da'): PlanSpec {
  const v = LANGUAGES[lang].vocabulary;
  const m = v.metadata;
  const c = v.columns;
  return {
    language: lang,
    sheet: lang === 'en' ? 'Goal plan' : lang === 'nb' ? 'Målplan' : 'Målplan',
    metadata: [
      [m.agency[0], ''],
      [m.year[0], ''],
      [m.period[0], lang === 'nb' ? 'T1' : 'Q1'],
      [m.partialCredit[0], '50 %'],
    ],
    columns: [
      c.id[0], c.area[0], c.title[0], c.weight[0], c.type[0], c.target[0], c.floor[0], c.scale[0], c.baseline[0],
      c.actual[0], c.met[0], c.total[0], c.excluded[0], c.deadline[0], c.completed[0], c.assessment[0], c.formula[0],
      c.data[0], c.limit[0], c.trim[0], c.note[0],
    ],
    rows: [],
  };
}
