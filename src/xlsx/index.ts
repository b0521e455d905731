/** Scores workbook files outside Excel: read with ExcelJS, score, write a new score workbook. */
import type { LanguagePack } from '../engine/i18n';
import type { PlanResult, Problem } from '../engine/types';
import { scoreGrids, scoreWorkbookLayout } from '../pipeline';
import { gridsFromWorkbook, readWorkbook } from './read';
import { renderWorkbook } from './write';

export { gridsFromWorkbook, readWorkbook, plainValue } from './read';
export { renderWorkbook, renderSheet } from './write';

export interface ScoredFile {
  results: PlanResult[];
  problems: Problem[];
  /** The score workbook as xlsx bytes; null when the file held no plan sheet. */
  output: Uint8Array | null;
}

/** Scores one workbook's bytes. Throws only when the bytes are not a workbook at all. */
export async function scoreWorkbookBytes(
  data: ArrayBuffer | Uint8Array,
  lang: LanguagePack | string,
  options: { defaultPartialCredit?: number } = {},
): Promise<ScoredFile> {
  const workbook = await readWorkbook(data);
  const grids = gridsFromWorkbook(workbook);
  const { results, problems } = scoreGrids(grids, { lang, defaultPartialCredit: options.defaultPartialCredit });
  if (!results.length) return { results, problems, output: null };
  const layout = scoreWorkbookLayout(results, problems, lang);
  const buffer = await renderWorkbook(layout).xlsx.writeBuffer();
  return { results, problems, output: new Uint8Array(buffer as ArrayBuffer) };
}
