/**
 * The one loop that reads and scores workbook files, for the command line, consolidation and the
 * task pane's file mode alike. A file that cannot be read, or holds no plan, becomes a problem
 * that names it, and the others go on.
 */
import type { LanguagePack } from '../i18n';
import { type PlanResult, type Problem, type SheetGrid, loadMathParser } from '../engine';
import { fileProblem, noPlanProblem, scoreGrids, scoreWorkbookLayout, type FileMessageKey, type FileProblem, type LastYearPlan } from '../pipeline';
import { LIMITS, WorkbookRefused, type WorkbookRefusal } from './limits';
import { readWorkbookFile } from './read';
import { workbookBytes, workbookBytesAsync } from './write';

export interface ScoredFile {
  /** The workbook's sheets as read, for what-if scoring with its data references. */
  grids: SheetGrid[];
  results: PlanResult[];
  problems: Problem[];
  /** The score workbook as xlsx bytes; null when the file held no plan sheet. */
  output: Uint8Array | null;
  /** When the workbook says it was last saved (ms since 1970); null when it does not say. */
  modified: number | null;
}

/** A workbook that was read but could not be scored: a fault of the product's, never called an unreadable file. */
export class ScoringFailed extends Error {
  constructor(cause: unknown) {
    super('scoring failed', { cause });
  }
}

/**
 * Scores one workbook's bytes. Throws a WorkbookRefused (or another reading error) when the bytes
 * are not a workbook it can read, and ScoringFailed when one that was read could not be scored.
 */
export function scoreWorkbookBytes(
  data: ArrayBuffer | Uint8Array,
  lang: LanguagePack | string,
  options: { defaultPartialCredit?: number; output?: boolean; lastYear?: LastYearPlan[] } = {},
): ScoredFile {
  const { grids, modified } = readWorkbookFile(data);
  try {
    const { results, problems } = scoreGrids(grids, { lang, defaultPartialCredit: options.defaultPartialCredit, lastYear: options.lastYear });
    if (!results.length || options.output === false) return { grids, results, problems, output: null, modified };
    return { grids, results, problems, output: workbookBytes(scoreWorkbookLayout(results, problems, lang)), modified };
  } catch (e) {
    throw new ScoringFailed(e);
  }
}

const REFUSALS: Record<WorkbookRefusal['reason'], FileMessageKey> = {
  empty: 'fileEmpty',
  xls: 'fileXls',
  encrypted: 'fileEncrypted',
  notWorkbook: 'fileNotWorkbook',
  ods: 'fileOds',
  damaged: 'fileDamaged',
  tooLarge: 'fileTooLarge',
  tooManyParts: 'fileTooManyParts',
  tooManySheets: 'fileTooManySheets',
  bomb: 'fileBomb',
  tooManyCells: 'fileTooManyCells',
  tooComplex: 'fileTooComplex',
};

/**
 * Why a file could not be read or scored, as a problem that names it: the reader's reason, a fault
 * in scoring, else that it is no workbook it can read (no program internals reach the user).
 */
export function unreadableProblem(file: string, error: unknown): FileProblem {
  if (error instanceof ScoringFailed) return fileProblem(file, 'fileNotScored');
  if (error instanceof WorkbookRefused) {
    const r = error.refusal;
    return fileProblem(file, REFUSALS[r.reason], 'detail' in r ? r.detail : '', 'limit' in r ? { limit: r.limit } : {});
  }
  return fileProblem(file, 'unreadableFile');
}

/** A workbook file wherever it lives: on disk, or picked in a browser. */
export interface WorkbookSource {
  /** The name messages show. */
  name: string;
  /** Where it is, as the user gave it; problems carry it as their `file` (default: the name). */
  path?: string;
  /** Size in bytes when known before reading, so a file too large is never read whole. */
  size?: number;
  /** When the file was last changed (ms since 1970), for a workbook that does not say when it was saved. */
  modified?: number;
  bytes(): Promise<Uint8Array>;
}

export interface ScoredSource extends ScoredFile {
  source: WorkbookSource;
}

/** Why the bytes could not be had, from the file system's error code. */
function readFailure(name: string, error: unknown): FileProblem {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT') return fileProblem(name, 'fileNotFound');
  if (code === 'ENOTREG') return fileProblem(name, 'fileNotRegular');
  if (code === 'EACCES' || code === 'EPERM') return fileProblem(name, 'fileNoAccess');
  return fileProblem(name, 'unreadableFile');
}

const tooLarge = (source: WorkbookSource) => source.size !== undefined && source.size > LIMITS.fileBytes;

/** Reads and scores each source in turn; `onFile` is told before each, for progress. */
export async function scoreSources(
  sources: WorkbookSource[],
  lang: LanguagePack,
  options: {
    output: boolean;
    defaultPartialCredit?: number;
    lastYear?: LastYearPlan[];
    onFile?: (done: number, total: number) => void;
    /** Keep each file's sheets as read (default), for what-if with its data references; without, they go once scored. */
    grids?: boolean;
  },
): Promise<{ scored: ScoredSource[]; problems: FileProblem[] }> {
  // Plans may hold formulas: in the pane their parser is fetched now, once (in Node it loads on demand).
  await loadMathParser();
  const scored: ScoredSource[] = [];
  const problems: FileProblem[] = [];
  let ahead: Promise<Uint8Array> | null = null;
  for (const [i, source] of sources.entries()) {
    options.onFile?.(i, sources.length);
    // One at a time: a spread of a large plan's problems would overflow the call's arguments.
    const add = (found: readonly FileProblem[]) => {
      for (const p of found) problems.push({ ...p, file: source.path ?? source.name });
    };
    if (tooLarge(source)) {
      ahead = null;
      add([fileProblem(source.name, 'fileTooLarge', '', { limit: Math.round(LIMITS.fileBytes / 2 ** 20) })]);
      continue;
    }
    let bytes: Uint8Array;
    try {
      // The next file is read while this one is scored.
      const reading = ahead ?? source.bytes();
      ahead = sources[i + 1] && !tooLarge(sources[i + 1]) ? sources[i + 1].bytes() : null;
      ahead?.catch(() => undefined);
      bytes = await reading;
    } catch (e) {
      add([readFailure(source.name, e)]);
      continue;
    }
    try {
      const file = scoreWorkbookBytes(bytes, lang, { output: false, defaultPartialCredit: options.defaultPartialCredit, lastYear: options.lastYear });
      // The sheets as read go before the output is made where no one asks for them: a large plan's cells.
      if (options.grids === false && file.results.length) file.grids = [];
      // Written here, deflated beside the making of its rows (workbookBytesAsync).
      if (options.output && file.results.length) file.output = await workbookBytesAsync(scoreWorkbookLayout(file.results, file.problems, lang));
      add(file.problems);
      if (file.results.length) scored.push({ ...file, modified: file.modified ?? source.modified ?? null, source });
      else add([noPlanProblem(source.name, file.grids)]);
    } catch (e) {
      add([unreadableProblem(source.name, e)]);
    }
  }
  options.onFile?.(sources.length, sources.length);
  return { scored, problems };
}

/**
 * Last year's plans from one workbook, to set beside this year's. A file that cannot be read or
 * holds no plan is a problem that names it, and this year's plans are scored without it.
 */
export async function lastYearSource(source: WorkbookSource, lang: LanguagePack): Promise<{ plans: LastYearPlan[]; problems: FileProblem[] }> {
  const run = await scoreSources([source], lang, { output: false });
  const file = source.path ?? source.name;
  return { plans: run.scored.flatMap((s) => s.results.map((result) => ({ file, result }))), problems: run.problems };
}
