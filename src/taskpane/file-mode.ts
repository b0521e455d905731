/**
 * The task pane in a plain browser: pick plan workbooks, score them here through the same
 * pipeline, download the score workbooks. ExcelJS is loaded only now, as its own chunk.
 */
import { fill } from '../engine/i18n';
import type { FileProblem } from '../pipeline';
import type { Pane } from './excel-mode';
import { startConsolidation } from './consolidate-view';
import { startWhatIf, type WhatIfSource } from './whatif-view';
import { renderProblems, renderResults, setStatus, type ShownResult } from './view';

export function startFileMode(pane: Pane): { rerender(): void } {
  document.getElementById('file-mode')!.hidden = false;
  const input = document.getElementById('file-input') as HTMLInputElement;
  let shown: ShownResult[] = [];
  let problems: FileProblem[] = [];
  let scored = false;

  document.getElementById('choose-files')!.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    const lang = pane.lang();
    for (const old of shown) if (old.download) URL.revokeObjectURL(old.download.url);
    shown = [];
    problems = [];
    const sources: WhatIfSource[] = [];
    const { scoreWorkbookBytes, dataFromGrids } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    for (const [i, file] of files.entries()) {
      setStatus(fill(lang.ui.progress, { done: i, total: files.length }), { done: i, total: files.length });
      try {
        const scored = await scoreWorkbookBytes(new Uint8Array(await file.arrayBuffer()), lang, { defaultPartialCredit: pane.settings().partialCredit });
        problems.push(...scored.problems.map((p) => ({ ...p, file: file.name })));
        if (!scored.output) {
          problems.push({ file: file.name, sheet: '', cell: '', severity: 'error', message: { key: 'noPlanSheet', args: { file: file.name } } });
          continue;
        }
        const name = `${file.name.replace(/\.xlsx$/i, '')}.score.xlsx`;
        const url = URL.createObjectURL(new Blob([scored.output as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        scored.results.forEach((result, k) => shown.push({ result, download: k === 0 ? { name, url } : undefined }));
        const data = dataFromGrids(scored.grids);
        sources.push(...scored.results.map((result) => ({ result, data })));
      } catch (e) {
        problems.push({ file: file.name, sheet: '', cell: '', severity: 'error', message: { key: 'unreadableFile', args: { file: file.name, detail: (e as Error).message } } });
      }
    }
    scored = true;
    input.value = '';
    scenarios.show(sources);
    rerender();
    setStatus(fill(lang.ui.done, { count: shown.filter((s) => s.download).length }));
  });

  const consolidation = startConsolidation(pane, async (extra, lang) => {
    const { consolidationLayout, workbookBytes } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    const { overview, problems, layout } = consolidationLayout(extra.submissions, extra.problems, lang);
    const bytes = await workbookBytes(layout);
    const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    return { count: overview.rows.length, average: overview.average, problems, results: extra.submissions.map((s) => s.result), download: { name: 'overview.xlsx', url } };
  });

  const scenarios = startWhatIf(pane, async (actual, scenario, edits, lang) => {
    const { scenarioLayout, workbookBytes } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    const layout = scenarioLayout(actual, scenario, edits, lang);
    const url = URL.createObjectURL(new Blob([(await workbookBytes(layout)) as BlobPart], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    const name = `${layout.sheets[0].name}.xlsx`;
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.textContent = fill(lang.ui.download, { name });
    document.getElementById('scenario-download')!.replaceChildren(link);
    return fill(lang.ui.scenarioSaved, { name });
  });

  function rerender(): void {
    consolidation.rerender();
    scenarios.rerender();
    renderResults(shown, pane.lang());
    renderProblems(problems, pane.lang(), undefined, scored);
  }
  return { rerender };
}

