/** The task pane inside Excel: list the plan sheets, score them into the workbook, go to problems. */
import { fill } from '../i18n';
import { consolidateInExcel, describeFailure, planSheets, readWorkbook, scoreInExcel, selectCell, writeWorkbook, type PlanSheetInfo } from '../excel';
import { dataFromGrids, scenarioLayout } from '../pipeline';
import { startWhatIf } from './whatif-view';
import { askReshape } from './reshape-dialog';
import { startConsolidation } from './consolidate-view';
import type { FileProblem } from '../pipeline';
import { hostFeatures, lostCustomFunctions } from '../addin/host';
import { onNotice } from '../addin/notice';
import type { Mode, Pane } from './pane';
import { renderProblems } from './problems-view';
import { renderSummary } from './summary';
import type { Tabs } from './tabs';
import { $, chosenPlans, renderPlanList, renderResults, setStatus, type ShownResult } from './view';

export function startExcelMode(pane: Pane, tabs: Tabs): Mode {
  $('excel-mode').hidden = false;
  // An Excel without custom functions (Excel 2021 LTSC) is told so, rather than left to find #NAME?.
  $('no-custom-functions').hidden = lostCustomFunctions().length === 0;
  let plans: PlanSheetInfo[] = [];
  let shown: ShownResult[] = [];
  let problems: FileProblem[] = [];
  /** The score sheets the last run wrote; unknown after the ribbon's run. */
  let sheets: string[] = [];
  let scored = false;

  const goTo = (p: FileProblem) => Excel.run((ctx) => selectCell(ctx, p.sheet, p.cell)).catch(fail);
  const fail = (e: unknown) => setStatus(describeFailure(e, pane.lang()));
  // Excel prints the score sheet as it is laid out (A4 landscape, one page wide, its header on each page).
  const print = () =>
    Excel.run((ctx) => selectCell(ctx, sheets[0], 'A1'))
      .then(() => setStatus(fill(pane.lang().ui.printReady, { sheet: sheets[0] })))
      .catch(fail);

  async function refresh(): Promise<void> {
    setStatus(pane.lang().ui.reading);
    try {
      plans = await Excel.run(async (ctx) => planSheets(await readWorkbook(ctx)));
      renderPlanList(plans, pane.lang());
      setStatus('');
    } catch (e) {
      fail(e);
    }
  }

  async function score(chosen: string[] | undefined): Promise<void> {
    const lang = pane.lang();
    const total = chosen?.length ?? plans.length;
    setStatus(fill(lang.ui.progress, { done: 0, total }), { done: 0, total });
    try {
      const run = await Excel.run(async (ctx) => {
        const read = await readWorkbook(ctx);
        const options = {
          lang,
          sheets: chosen,
          defaultPartialCredit: pane.settings().partialCredit,
          lastYear: pane.lastYear(),
          features: hostFeatures(),
          confirmReshape: (names: string[]) => askReshape(names, lang),
          onSheet: (done: number, count: number) => setStatus(fill(lang.ui.writing, { done, total: count }), { done, total: count }),
        };
        return { ...(await scoreInExcel(ctx, options, read)), data: dataFromGrids(read.grids) };
      });
      if (run.cancelled) return setStatus(lang.ui.cancelled);
      shown = run.results.map((result) => ({ result }));
      scenarios.show(run.results.map((result) => ({ result, data: run.data })));
      problems = run.problems;
      sheets = run.sheets ?? [];
      scored = true;
      tabs.select('tab-results');
      const spoken = rerender();
      const kept = run.keptAs?.size ? fill(lang.ui.keptAs, { names: [...run.keptAs.values()].join(', ') }) : '';
      setStatus([fill(lang.ui.done, { count: run.results.length }), kept].filter(Boolean).join(' '), undefined, spoken);
    } catch (e) {
      fail(e);
    }
  }

  /** Redraws the pane; returns what the summary says, for the status line to say once. */
  function rerender(): string {
    const lang = pane.lang();
    consolidation.rerender();
    scenarios.rerender();
    renderPlanList(plans, lang);
    renderResults(shown, lang, lang.ui.resultsEmptyExcel);
    renderProblems(problems, lang, goTo, scored);
    if (!scored) return '';
    const results = shown.map((s) => s.result);
    return renderSummary({ results, problems, mode: 'excel', sheets, onSelect: goTo, onPrint: sheets.length ? print : undefined }, lang);
  }

  const scenarios = startWhatIf(pane, (actual, scenario, edits, lang) =>
    Excel.run(async (ctx) => {
      const read = await readWorkbook(ctx);
      const layout = scenarioLayout(actual, scenario, edits, lang, read.names.filter((n) => !read.owned.has(n)));
      await writeWorkbook(ctx, layout, read, { features: hostFeatures() });
      return fill(lang.ui.scenarioSaved, { name: layout.sheets[0].name });
    }),
  );

  const consolidation = startConsolidation(
    pane,
    async (extra, lang) => {
      const run = await Excel.run((ctx) =>
        consolidateInExcel(ctx, {
          lang,
          sheets: chosenPlans(),
          workbookName: lang.ui.thisWorkbook,
          extra,
          defaultPartialCredit: pane.settings().partialCredit,
          features: hostFeatures(),
          onSheet: (done, count) => setStatus(fill(lang.ui.writing, { done, total: count }), { done, total: count }),
        }),
      );
      return { count: run.overview.rows.length, average: run.overview.average, problems: run.problems, results: run.results };
    },
    {
      onSelect: goTo,
      selectable: (p) => !!p.sheet && p.file === pane.lang().ui.thisWorkbook,
      ownPlans: () => chosenPlans().length,
      intro: (lang) => lang.ui.consolidateIntro,
    },
  );

  // The ribbon command's outcome: its words in the status line, its results and problems in the pane.
  onNotice((notice) => {
    if (notice.results) {
      shown = notice.results.map((result) => ({ result }));
      problems = notice.problems;
      sheets = [];
      scored = true;
      rerender();
    }
    setStatus(notice.text);
  });

  $('score-selected').addEventListener('click', () => score(chosenPlans()));
  $('score-all').addEventListener('click', () => score(undefined));
  $('refresh').addEventListener('click', () => refresh());
  rerender();
  void refresh();
  return { rerender: () => void rerender() };
}
