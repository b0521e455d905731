/**
 * The task pane in a plain browser: pick plan workbooks, score them here through the same
 * pipeline, download the score workbooks. the workbook reader and writer load only now, as their own chunk.
 */
import { fill, problemSummary } from '../i18n';
import type { FileProblem } from '../pipeline';
import type { Mode, Pane } from './pane';
import { startConsolidation } from './consolidate-view';
import { scoreFiles, xlsxUrl } from './files';
import { startWhatIf, type WhatIfSource } from './whatif-view';
import { renderProblems, renderResults, setStatus, type ShownResult } from './view';

export function startFileMode(pane: Pane): Mode {
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
    const { dataFromGrids } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    for (const { name: fileName, scored: file } of await scoreFiles(files, lang, { defaultPartialCredit: pane.settings().partialCredit, output: true, lastYear: pane.lastYear() }, problems)) {
      const name = `${fileName.replace(/\.xls[xm]$/i, '')}.score.xlsx`;
      const url = xlsxUrl(file.output!);
      file.results.forEach((result, k) => shown.push({ result, download: k === 0 ? { name, url } : undefined }));
      const data = dataFromGrids(file.grids);
      sources.push(...file.results.map((result) => ({ result, data })));
    }
    scored = true;
    input.value = '';
    scenarios.show(sources);
    rerender();
    setStatus([fill(lang.ui.done, { count: shown.filter((s) => s.download).length }), problemSummary(problems, lang)].filter(Boolean).join(' '));
  });

  const consolidation = startConsolidation(pane, async (extra, lang) => {
    const { consolidationLayout, workbookBytes } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    const { overview, problems, layout } = consolidationLayout(extra.submissions, extra.problems, lang);
    const bytes = workbookBytes(layout);
    const url = xlsxUrl(bytes);
    return { count: overview.rows.length, average: overview.average, problems, results: extra.submissions.map((s) => s.result), download: { name: 'overview.xlsx', url } };
  });

  const scenarios = startWhatIf(pane, async (actual, scenario, edits, lang) => {
    const { scenarioLayout, workbookBytes } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    const layout = scenarioLayout(actual, scenario, edits, lang);
    const url = xlsxUrl(workbookBytes(layout));
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

