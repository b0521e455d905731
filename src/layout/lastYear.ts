/**
 * Last year beside this year on the score sheet: last year's result and fulfilment in two columns
 * right of the goal table (last year's score on the total row), and a note on each baseline taken
 * from last year's result. The values are last year's as scored; they do not change with edits.
 */
import type { SheetWords } from '../i18n';
import { type PlanResult, address, columnLetter } from '../engine';
import { COLORS, FORMATS, sheetWidth, type SheetLayout } from './model';
import { ExtendedRows, findRow, gridRows, rowsOf, streamedSheet, withoutCells, type ExtraCell } from './rows';

/** A result's number format: a date in the language's own way. */
const resultFormat = (kind: 'number' | 'percent' | 'date', words: SheetWords) => (kind === 'date' ? words.dateFormat : kind === 'percent' ? FORMATS.percent : FORMATS.number);

/** The layout with last year's columns and notes, for a plan scored beside last year's; else as it was. */
export function withLastYear(layout: SheetLayout, result: PlanResult, words: SheetWords): SheetLayout {
  const last = result.lastYear;
  if (!last) return layout;
  const rows = rowsOf(layout);
  const header = findRow(rows, 0, words.columns.id);
  if (header < 0) return layout;
  const headerValues = rows.row(header).values;
  const titleCol = headerValues.indexOf(words.columns.title);
  const baselineCol = headerValues.indexOf(words.columns.baseline);
  const year = last.year === null ? words.lastYear : String(last.year);
  const first = sheetWidth(layout);
  const heading: ExtraCell[] = [
    { col: first, value: words.lastYearResult.replace('{year}', year), format: null },
    { col: first + 1, value: words.lastYearFulfilment.replace('{year}', year), format: null },
  ];
  const extra = (r: number): ExtraCell[] | null => {
    if (r === header) return heading;
    if (r < header) return null;
    const id = rows.value(r, 0);
    if (rows.value(r, titleCol) === words.total) return [{ col: first + 1, value: last.score, format: FORMATS.percent }];
    const row = typeof id === 'string' && id ? last.rows.get(id) : undefined;
    if (!row) return null;
    return [
      { col: first, value: row.result, format: row.resultKind ? resultFormat(row.resultKind, words) : FORMATS.number },
      { col: first + 1, value: row.fulfilment, format: FORMATS.percent },
    ];
  };
  const notes = [...layout.notes];
  const baselines = new Set(last.baselines);
  for (let r = header + 1; r < rows.length; r++) {
    const id = rows.value(r, 0);
    if (typeof id !== 'string' || !baselines.has(id) || !last.rows.has(id)) continue;
    const text = words.baselineFromLastYear.replace('{year}', year).replace('{file}', last.file);
    notes.push({ cell: address(r, baselineCol >= 0 ? baselineCol : first), text });
  }
  const widths = [...layout.columnWidths];
  widths[first] = widths[first + 1] = 12;
  return streamedSheet({
    ...withoutCells(layout),
    rows: new ExtendedRows(rows, first + 2, extra, gridRows([]), rows.length),
    notes,
    columnWidths: Array.from(widths, (w) => w ?? 9),
    styles: [
      ...layout.styles,
      { range: `${columnLetter(first)}${header + 1}:${columnLetter(first + 1)}${header + 1}`, style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, hAlign: 'center', wrap: true } },
    ],
  });
}
