/**
 * Last year beside this year on the score sheet: last year's result and fulfilment in two columns
 * right of the goal table (last year's score on the total row), and a note on each baseline taken
 * from last year's result. The values are last year's as scored; they do not change with edits.
 */
import type { SheetWords } from '../i18n';
import { type PlanResult, address, columnLetter } from '../engine';
import { COLORS, FORMATS, extendable, sheetWidth, type SheetLayout } from './model';

/** A result's number format: a date in the language's own way. */
const resultFormat = (kind: 'number' | 'percent' | 'date', words: SheetWords) => (kind === 'date' ? words.dateFormat : kind === 'percent' ? FORMATS.percent : FORMATS.number);

/** The layout with last year's columns and notes, for a plan scored beside last year's; else as it was. */
export function withLastYear(layout: SheetLayout, result: PlanResult, words: SheetWords): SheetLayout {
  const last = result.lastYear;
  if (!last) return layout;
  const header = layout.values.findIndex((row) => row[0] === words.columns.id);
  if (header < 0) return layout;
  const titleCol = layout.values[header].indexOf(words.columns.title);
  const year = last.year === null ? words.lastYear : String(last.year);
  const first = sheetWidth(layout);
  const { values, formats, put } = extendable(layout);
  put(header, first, words.lastYearResult.replace('{year}', year), null);
  put(header, first + 1, words.lastYearFulfilment.replace('{year}', year), null);
  const baselineCol = values[header].indexOf(words.columns.baseline);
  const notes = [...layout.notes];
  const baselines = new Set(last.baselines);
  for (let r = header + 1; r < values.length; r++) {
    const id = values[r][0];
    if (values[r][titleCol] === words.total) put(r, first + 1, last.score, FORMATS.percent);
    if (typeof id !== 'string' || !id) continue;
    const row = last.rows.get(id);
    if (!row) continue;
    put(r, first, row.result, row.resultKind ? resultFormat(row.resultKind, words) : FORMATS.number);
    put(r, first + 1, row.fulfilment, FORMATS.percent);
    if (baselines.has(id)) {
      const text = words.baselineFromLastYear.replace('{year}', year).replace('{file}', last.file);
      notes.push({ cell: address(r, baselineCol >= 0 ? baselineCol : first), text });
    }
  }
  const widths = [...layout.columnWidths];
  widths[first] = widths[first + 1] = 12;
  return {
    ...layout,
    values,
    numberFormats: formats,
    notes,
    columnWidths: Array.from(widths, (w) => w ?? 9),
    styles: [
      ...layout.styles,
      { range: `${columnLetter(first)}${header + 1}:${columnLetter(first + 1)}${header + 1}`, style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, hAlign: 'center', wrap: true } },
    ],
  };
}
