/** The task pane inside Excel: list the plan sheets, score them into the workbook, go to problems. */
import { fill, problemSummary } from '../i18n';
import { consolidateInExcel, describeFailure, planSheets, readWorkbook, scoreInExcel, selectCell, writeWorkbook, type PlanSheetInfo } from '../excel';
import { dataFromGrids, scenarioLayout } from '../pipeline';
import { startWhatIf } from './whatif-view';
import { askReshape } from './reshape-dialog';
import { startConsolidation } from './consolidate-view';
import type { FileProblem } from '../pipeline';
import { hostFeatures, lostCustomFunctions } from '../addin/host';
import { onNotice } from '../addin/notice';
import type { Mode, Pane } from './pane';
import { chosenPlans, renderPlanList, renderProblems, renderResults, setStatus, type ShownResult } from './view';

export function startExcelMode(pane: Pane): Mode {
  document.getElementById('excel-mode')!.hidden = false;
  // An Excel without custom functions (Excel 2021 LTSC) is told so, rather than left to find #NAME?.
  document.getElementById('no-custom-functions')!.hidden = lostCustomFunctions().length === 0;
  let plans: PlanSheetInfo[] = [];
  let shown: ShownResult[] = [];
  let problems: FileProblem[] = [];
  let scored = false;

  const goTo = (p: FileProblem) => Excel.run((ctx) => selectCell(ctx, p.sheet, p.cell)).catch(fail);
  const fail = (e: unknown) => setStatus(describeFailure(e, pane.lang()));

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

  async function score(sheets: string[] | undefined): Promise<void> {
    const lang = pane.lang();
    const total = sheets?.length ?? plans.length;
    setStatus(fill(lang.ui.progress, { done: 0, total }), { done: 0, total });
    try {
      const run = await Excel.run(async (ctx) => {
        const read = await readWorkbook(ctx);
        const scored = await scoreInExcel(
          ctx,
          {
            lang,
            sheets,
            defaultPartialCredit: pane.settings().partialCredit,
            lastYear: pane.lastYear(),
            features: hostFeatures(),
            confirmReshape: (sheets) => askReshape(sheets, lang),
            onSheet: (done, count) => setStatus(fill(lang.ui.writing, { done, total: count }), { done, total: count }),
          },
          read,
        );
        return { ...scored, data: dataFromGrids(read.grids) };
      });
      if (run.cancelled) {
        setStatus(lang.ui.cancelled);
        return;
      }
      shown = run.results.map((result) => ({ result }));
      scenarios.show(run.results.map((result) => ({ result, data: run.data })));
      problems = run.problems;
      scored = true;
      rerender();
      const kept = run.keptAs?.size ? fill(lang.ui.keptAs, { names: [...run.keptAs.values()].join(', ') }) : '';
      setStatus([fill(lang.ui.done, { count: run.results.length }), kept, problemSummary(run.problems, lang)].filter(Boolean).join(' '));
    } catch (e) {
      fail(e);
    }
  }

  function rerender(): void {
    consolidation.rerender();
    scenarios.rerender();
    renderPlanList(plans, pane.lang());
    renderResults(shown, pane.lang());
    renderProblems(problems, pane.lang(), goTo, scored);
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
    goTo,
    (p) => !!p.sheet && p.file === pane.lang().ui.thisWorkbook,
    () => chosenPlans().length,
  );

  // The ribbon command's outcome: its words in the status line, its results and problems below.
  onNotice((notice) => {
    if (notice.results) {
      shown = notice.results.map((result) => ({ result }));
      problems = notice.problems;
      scored = true;
      rerender();
    }
    setStatus(notice.text);
  });

  document.getElementById('score-selected')!.addEventListener('click', () => score(chosenPlans()));
  document.getElementById('score-all')!.addEventListener('click', () => score(undefined));
  document.getElementById('refresh')!.addEventListener('click', () => refresh());
  void refresh();
  return { rerender };
}
