/** Scores workbook files outside Excel: read with ExcelJS, score, write a new score workbook. */
import type { LanguagePack } from '../engine/i18n';
import type { PlanResult, Problem, SheetGrid } from '../engine/types';
import { fileProblem, scoreGrids, scoreWorkbookLayout, type FileMessageKey, type FileProblem } from '../pipeline';
import { WorkbookRefused, type WorkbookRefusal } from './guard';
import { gridsFromWorkbook, readWorkbook } from './read';
import { workbookBytes } from './write';

export { gridsFromWorkbook, readWorkbook, plainValue } from './read';
export { checkWorkbookBytes, WorkbookRefused, LIMITS, type WorkbookLimits } from './guard';
export { renderWorkbook, renderSheet, workbookBytes } from './write';
export { consolidationLayout, scenarioLayout, dataFromGrids } from '../pipeline';

export interface ScoredFile {
  /** The workbook's sheets as read, for what-if scoring with its data references. */
  grids: SheetGrid[];
  results: PlanResult[];
  problems: Problem[];
  /** The score workbook as xlsx bytes; null when the file held no plan sheet. */
  output: Uint8Array | null;
}

/** Scores one workbook's bytes. Throws only when the bytes are not a workbook at all. */
export async function scoreWorkbookBytes(
  data: ArrayBuffer | Uint8Array,
  lang: LanguagePack | string,
  options: { defaultPartialCredit?: number; output?: boolean } = {},
): Promise<ScoredFile> {
  const workbook = await readWorkbook(data);
  const grids = gridsFromWorkbook(workbook);
  const { results, problems } = scoreGrids(grids, { lang, defaultPartialCredit: options.defaultPartialCredit });
  if (!results.length || options.output === false) return { grids, results, problems, output: null };
  return { grids, results, problems, output: await workbookBytes(scoreWorkbookLayout(results, problems, lang)) };
}

const REFUSALS: Record<WorkbookRefusal['reason'], FileMessageKey> = {
  empty: 'fileEmpty',
  xls: 'fileXls',
  encrypted: 'fileEncrypted',
  notWorkbook: 'fileNotWorkbook',
  damaged: 'fileDamaged',
  tooLarge: 'fileTooLarge',
  bomb: 'fileBomb',
  tooManyCells: 'fileTooManyCells',
};

/** Why a file could not be read, as a problem that names it: the guard's reason, else the first line of the error. */
export function unreadableProblem(file: string, error: unknown): FileProblem {
  if (error instanceof WorkbookRefused) return fileProblem(file, REFUSALS[error.refusal.reason], 'detail' in error.refusal ? error.refusal.detail : '');
  const message = error instanceof Error ? error.message : String(error);
  return fileProblem(file, 'unreadableFile', message.split('\n')[0]);
}
