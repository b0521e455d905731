/** Plan workbooks picked from disk, read and scored here in the pane; ExcelJS loads only now. */
import { fill, type LanguagePack } from '../engine/i18n';
import { fileProblem, type FileProblem } from '../pipeline';
import type { ScoredFile } from '../xlsx';
import { setStatus } from './view';

export interface PickedFile {
  name: string;
  scored: ScoredFile;
}

/**
 * Scores each file with progress; a file that cannot be read, or holds no plan, becomes a problem
 * and the others go on. `output` asks for each file's score workbook.
 */
export async function scoreFiles(files: File[], lang: LanguagePack, options: { defaultPartialCredit: number; output: boolean }, problems: FileProblem[]): Promise<PickedFile[]> {
  const { scoreWorkbookBytes, unreadableProblem } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
  const picked: PickedFile[] = [];
  for (const [i, file] of files.entries()) {
    setStatus(fill(lang.ui.progress, { done: i, total: files.length }), { done: i, total: files.length });
    try {
      const scored = await scoreWorkbookBytes(new Uint8Array(await file.arrayBuffer()), lang, options);
      problems.push(...scored.problems.map((p) => ({ ...p, file: file.name })));
      if (scored.results.length) picked.push({ name: file.name, scored });
      else problems.push(fileProblem(file.name, 'noPlanSheet'));
    } catch (e) {
      problems.push(unreadableProblem(file.name, e));
    }
  }
  return picked;
}

/** A workbook's bytes as a URL a download link can point at. */
export function xlsxUrl(bytes: Uint8Array): string {
  return URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
}
