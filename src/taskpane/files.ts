/** Plan workbooks picked from disk, read and scored here in the pane; the workbook reader loads only now. */
import { fill, type LanguagePack } from '../i18n';
import type { FileProblem, LastYearPlan } from '../pipeline';
import type { ScoredFile } from '../xlsx';
import { setStatus } from './view';

export interface PickedFile {
  name: string;
  scored: ScoredFile;
}

/**
 * Scores each file through the shared pipeline, with progress; a file that cannot be read, or
 * holds no plan, becomes a problem and the others go on. `output` asks for each score workbook.
 */
export async function scoreFiles(files: File[], lang: LanguagePack, options: { defaultPartialCredit: number; output: boolean; lastYear?: LastYearPlan[] }, problems: FileProblem[]): Promise<PickedFile[]> {
  const { scoreSources } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
  const sources = files.map((file) => ({ name: file.name, size: file.size, modified: file.lastModified, bytes: async () => new Uint8Array(await file.arrayBuffer()) }));
  const run = await scoreSources(sources, lang, {
    ...options,
    onFile: (done, total) => setStatus(fill(lang.ui.progress, { done, total }), { done, total }),
  });
  for (const p of run.problems) problems.push(p);
  return run.scored.map((scored) => ({ name: scored.source.name, scored }));
}

/** A workbook's bytes as a URL a download link can point at. */
export function xlsxUrl(bytes: Uint8Array): string {
  return URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}
