/**
 * Writes plan workbooks in the plan-sheet format: the seed plans from their reviewable JSON
 * sources, and the blank template with a note on every header and drop-down lists.
 */
import { COLUMNS, columnLetter, CRITERIA, TEMPLATE_COLUMNS, serialFromDate, fold, columnIndex } from '../engine';
import { LANGUAGES, fill, typeNames, type LanguageCode } from '../i18n';
import { COLORS, type CellStyle, type LayoutValue, type SheetLayout, type WorkbookLayout } from '../layout/model';

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

function cellValue(v: SpecValue): { value: LayoutValue; format?: string } {
  if (v === null || typeof v !== 'object') return { value: v };
  if ('date' in v) return { value: serialFromDate(new Date(`${v.date}T00:00:00Z`)), format: 'dd-mm-yyyy' };
  return { value: v.value, format: v.format };
}

/** The drop-down lists of a plan sheet, by column key, in the plan's language. */
function lists(lang: LanguageCode): Partial<Record<string, string[]>> {
  const v = LANGUAGES[lang].vocabulary;
  return {
    type: CRITERIA.map((c) => v.types[c.key][0]),
    assessment: [v.assessments.met[0], v.assessments.partly[0], v.assessments.not_met[0]],
    scale: [v.scales.binary[0], v.scales.linear[0], v.scales.partial[0]],
  };
}

const BOLD: CellStyle = { bold: true };
const HEADER: CellStyle = { bold: true, fontColor: COLORS.headerFont, fill: COLORS.headerFill, wrap: true, vAlign: 'middle' };
const DESCRIPTION: CellStyle = { italic: true, fontColor: COLORS.muted };

/** An empty sheet layout to fill in; plan workbooks print landscape, fit to width. */
function sheetLayout(name: string): SheetLayout {
  return {
    name, role: 'score', values: [], numberFormats: [], styles: [], columnWidths: [], rowHeights: [],
    conditionalFormats: [], notes: [], charts: [], validations: [], print: { orientation: 'landscape', fitToWidth: true },
  };
}

function put(sheet: SheetLayout, row: number, col: number, value: LayoutValue, format?: string): void {
  (sheet.values[row] ??= [])[col] = value;
  if (format) (sheet.numberFormats[row] ??= [])[col] = format;
}

/** Fills the holes a sparse layout leaves, so every row and cell is there. */
function dense(sheet: SheetLayout): SheetLayout {
  for (let r = 0; r < sheet.values.length; r++) {
    const width = sheet.values[r]?.length ?? 0;
    sheet.values[r] = Array.from({ length: width }, (_, c) => sheet.values[r]?.[c] ?? null);
    sheet.numberFormats[r] = Array.from({ length: width }, (_, c) => sheet.numberFormats[r]?.[c] ?? null);
    sheet.rowHeights[r] ??= null;
  }
  return sheet;
}

function dataSheet(data: NonNullable<PlanSpec['dataSheets']>[number]): SheetLayout {
  const sheet = sheetLayout(data.name);
  data.columns.forEach((name, c) => put(sheet, 0, c, name));
  data.rows.forEach((row, r) => row.forEach((v, c) => {
    const { value, format } = cellValue(v);
    put(sheet, r + 1, c, value, format);
  }));
  sheet.styles.push({ range: `A1:${columnLetter(data.columns.length - 1)}1`, style: BOLD });
  sheet.columnWidths = data.columns.map((c) => Math.max(12, c.length + 2));
  sheet.freeze = { rows: 1, cols: 0 };
  return dense(sheet);
}

/** A plan workbook as a layout: metadata rows, the header with a note on each known column, the rows, drop-down lists. */
export function buildPlanWorkbook(spec: PlanSpec): WorkbookLayout {
  const lang = spec.language ?? 'da';
  const words = LANGUAGES[lang];
  const sheet = sheetLayout(spec.sheet);
  let r = 0;
  for (const [key, value] of spec.metadata) {
    const { value: v, format } = cellValue(value);
    put(sheet, r, 0, key);
    put(sheet, r, 1, v, format);
    sheet.styles.push({ range: `A${r + 1}`, style: BOLD });
    r++;
  }
  if (spec.description) {
    put(sheet, r, 0, spec.description);
    sheet.styles.push({ range: `A${r + 1}`, style: DESCRIPTION });
    r++;
  }
  const header = r + 1;
  const keys = spec.columns.map((c) => columnIndex().get(fold(c)));
  const last = columnLetter(spec.columns.length - 1);
  spec.columns.forEach((name, c) => {
    put(sheet, header, c, name);
    const key = keys[c];
    if (key) sheet.notes.push({ cell: `${columnLetter(c)}${header + 1}`, text: fill(words.columnHelp[key], { types: typeNames(words) }) });
  });
  sheet.styles.push({ range: `A${header + 1}:${last}${header + 1}`, style: HEADER });
  const idCol = keys.indexOf('id');
  spec.rows.forEach((row, i) => {
    spec.columns.forEach((name, c) => {
      if (row[name] === undefined || row[name] === null) return;
      const { value, format } = cellValue(row[name]);
      // IDs stay text so 1.10 is not read as 1.1.
      put(sheet, header + 1 + i, c, value, keys[c] === 'id' ? '@' : format);
    });
    if (!row[spec.columns[idCol]]) sheet.styles.push({ range: `A${header + 2 + i}:${last}${header + 2 + i}`, style: BOLD });
  });
  const lastRow = header + Math.max(spec.rows.length, TEMPLATE_ROWS);
  const dropDowns = lists(lang);
  keys.forEach((key, c) => {
    const list = key && dropDowns[key];
    // Free text stays allowed: steps such as 85:100%; 75:50% are not in the list.
    if (list) sheet.validations!.push({ range: `${columnLetter(c)}${header + 2}:${columnLetter(c)}${lastRow + 1}`, list });
  });
  sheet.columnWidths = keys.map((key, c) => (key && COLUMNS[key].template?.width) || Math.max(10, spec.columns[c].length + 2));
  sheet.columnWidths[0] = Math.max(sheet.columnWidths[0], 16);
  sheet.freeze = { rows: header + 1, cols: 0 };
  return { sheets: [dense(sheet), ...(spec.dataSheets ?? []).map(dataSheet)] };
}

/** The blank template in a language: its columns in canonical order, metadata keys, no rows. */
export function templateSpec(lang: LanguageCode = 'da'): PlanSpec {
  const words = LANGUAGES[lang];
  const m = words.vocabulary.metadata;
  const c = words.vocabulary.columns;
  return {
    language: lang,
    sheet: words.template.sheet,
    metadata: [
      [m.agency[0], ''],
      [m.year[0], ''],
      [m.period[0], words.template.period],
      [m.partialCredit[0], '50 %'],
      [m.assessmentScale[0], ''],
      [m.performancePay[0], ''],
      [m.payout[0], ''],
      [m.calendar[0], words.calendar ?? 'DK'],
    ],
    columns: TEMPLATE_COLUMNS.map((key) => c[key][0]),
    rows: [],
  };
}
