/** Lays out the problems sheet: one row per problem, with the sheet and cell it points at. */
import { formatMessage, type LanguagePack, type ProductProblem } from '../i18n';
import { address } from '../engine';
import { COLORS, type SheetLayout } from './model';
import { tableRows, titledTable, type Column } from './table';

/** A problem with the file it came from, where several files are scored at once. */
export interface FileProblem extends ProductProblem {
  file?: string;
}

/**
 * `linkable` names the sheets the workbook written into holds (a plan sheet in Excel): a problem
 * on one of them links from its cell column to the cell itself.
 */
export function buildProblemsSheet(problems: FileProblem[], lang: LanguagePack, name: string, linkable: readonly string[] = []): SheetLayout {
  const h = lang.sheet.problemHeaders;
  const columns: Column<FileProblem>[] = [
    ...(problems.some((p) => p.file) ? [{ header: h.file, width: 28, value: (p: FileProblem) => p.file ?? '', wrap: true }] : []),
    { header: h.sheet, width: 24, value: (p) => p.sheet },
    { header: h.cell, width: 9, value: (p) => p.cell },
    { header: h.severity, width: 11, value: (p) => lang.severities[p.severity], cellStyle: (p) => ({ fill: p.severity === 'error' ? COLORS.errorFill : COLORS.warningFill }) },
    { header: h.message, width: 90, value: (p) => formatMessage(p.message, lang), wrap: true },
  ];
  // Errors first, then warnings; each group in sheet order.
  const sorted = [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const layout = titledTable(name, 'problems', lang.sheet.problemsSheet, columns, sorted, { tabColor: 'C50F1F' });
  const present = new Set(linkable.map((n) => n.toLowerCase()));
  const { first } = tableRows(layout);
  const cellCol = columns.length - 3;
  layout.links = sorted.flatMap((p, i) => (p.sheet && p.cell && present.has(p.sheet.toLowerCase()) ? [{ cell: address(first + i, cellCol), sheet: p.sheet, target: p.cell }] : []));
  return layout;
}
