/** Lays out the problems sheet: one row per problem, with the sheet and cell it points at. */
import { formatMessage, type LanguagePack, type ProductProblem } from '../i18n';
import { address, rangeAddress } from '../engine/address';
import { COLORS, wrappedRowHeights, type LayoutValue, type SheetLayout } from './model';

/** A problem with the file it came from, where several files are scored at once. */
export interface FileProblem extends ProductProblem {
  file?: string;
}

/**
 * `linkable` names the sheets the workbook written into holds (a plan sheet in Excel): a problem
 * on one of them links from its cell column to the cell itself.
 */
export function buildProblemsSheet(problems: FileProblem[], lang: LanguagePack, name: string, linkable: readonly string[] = []): SheetLayout {
  const present = new Set(linkable.map((n) => n.toLowerCase()));
  const withFile = problems.some((p) => p.file);
  const h = lang.sheet.problemHeaders;
  const header = [...(withFile ? [h.file] : []), h.sheet, h.cell, h.severity, h.message];
  const width = header.length;
  const values: LayoutValue[][] = [[lang.sheet.problemsSheet], header];
  const styles: SheetLayout['styles'] = [
    { range: 'A1', style: { bold: true, fontSize: 14, fontColor: COLORS.title } },
    { range: rangeAddress(1, 0, 1, width - 1), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, borderBottom: true } },
  ];
  // Errors first, then warnings; each group in sheet order.
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const links: NonNullable<SheetLayout['links']> = [];
  const cellCol = width - 3;
  sorted.forEach((p, i) => {
    values.push([...(withFile ? [p.file ?? ''] : []), p.sheet, p.cell, lang.severities[p.severity], formatMessage(p.message, lang)]);
    const row = i + 2;
    if (p.sheet && p.cell && present.has(p.sheet.toLowerCase())) links.push({ cell: address(row, cellCol), sheet: p.sheet, target: p.cell });
    styles.push({
      range: rangeAddress(row, width - 2, row, width - 2),
      style: { fill: p.severity === 'error' ? COLORS.errorFill : COLORS.warningFill },
    });
  });
  styles.push({ range: rangeAddress(2, width - 1, Math.max(2, values.length - 1), width - 1), style: { wrap: true, vAlign: 'top' } });
  const widths = [...(withFile ? [28] : []), 24, 9, 11, 90];
  return {
    name,
    role: 'problems',
    values,
    numberFormats: values.map((row) => row.map(() => null)),
    styles,
    columnWidths: widths,
    rowHeights: wrappedRowHeights(values, widths, widths.map((_, i) => i === width - 1)),
    freeze: { rows: 2, cols: 0 },
    conditionalFormats: [],
    notes: [],
    charts: [],
    links,
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: 1, last: 1 } },
    autoFilter: rangeAddress(1, 0, Math.max(1, values.length - 1), width - 1),
    tabColor: 'C50F1F',
  };
}
