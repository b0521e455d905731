/**
 * The task pane in a plain browser: pick plan workbooks, score them here through the same
 * pipeline, download the score workbooks or print them. The workbook reader and writer load only
 * now, as their own chunk. Nothing is written anywhere: the pane offers files, and says so.
 */
import { fill } from '../i18n';
import type { FileProblem } from '../pipeline';
import type { Mode, Pane } from './pane';
import { startConsolidation } from './consolidate-view';
import { scoreFiles, xlsxUrl } from './files';
import { printPlans } from './print-view';
import { renderProblems } from './problems-view';
import { renderSummary } from './summary';
import type { Tabs } from './tabs';
import { startWhatIf, type WhatIfSource } from './whatif-view';
import { $, renderResults, setStatus, type ShownResult } from './view';

export function startFileMode(pane: Pane, tabs: Tabs): Mode {
  $('file-mode').hidden = false;
  const input = $<HTMLInputElement>('file-input');
  let shown: ShownResult[] = [];
  let problems: FileProblem[] = [];
  let scored = false;

  $('choose-files').addEventListener('click', () => input.click());
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
    tabs.select('tab-results');
    rerender();
    announce();
  });

  const consolidation = startConsolidation(
    pane,
    async (extra, lang, worker) => {
      const built = await worker.overview(extra.submissions, extra.problems, lang.code);
      const download = { name: lang.ui.overviewFile, url: xlsxUrl(built.bytes) };
      return { count: built.count, average: built.average, problems: built.problems, results: extra.submissions.map((s) => s.result), download };
    },
    { intro: (lang) => lang.ui.consolidateIntroFiles },
  );

  const scenarios = startWhatIf(pane, async (actual, scenario, edits, lang) => {
    const { scenarioLayout, workbookBytes } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    const layout = scenarioLayout(actual, scenario, edits, lang);
    const url = xlsxUrl(workbookBytes(layout));
    const name = `${layout.sheets[0].name}.xlsx`;
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.textContent = fill(lang.ui.download, { name });
    $('scenario-download').replaceChildren(link);
    return fill(lang.ui.scenarioReady, { name });
  });

  /** The summary at the top: the totals, the problems, the next step; downloads and print. */
  function summarise(): string {
    const lang = pane.lang();
    const downloads = shown.flatMap((s) => (s.download ? [s.download] : []));
    // A download, where there is one, is the next step now and the one primary button on the screen.
    $('choose-files').classList.toggle('primary', !downloads.length);
    if (!scored) return '';
    const results = shown.map((s) => s.result);
    return renderSummary({ results, problems, mode: 'files', downloads, onPrint: () => printPlans(results, problems, pane.lang()) }, lang);
  }

  /** Said once, after scoring, through the status line. */
  function announce(): void {
    const lang = pane.lang();
    setStatus(fill(lang.ui.doneFiles, { count: shown.filter((s) => s.download).length }), undefined, summarise());
  }

  function rerender(): void {
    const lang = pane.lang();
    consolidation.rerender();
    scenarios.rerender();
    renderResults(shown, lang, lang.ui.resultsEmptyFiles);
    renderProblems(problems, lang, undefined, scored);
    summarise();
  }
  rerender();
  return { rerender };
}
