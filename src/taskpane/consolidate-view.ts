/**
 * The "Konsolidér" view: plan workbooks from other agencies, read here in the pane, together with
 * the open workbook's plan sheets (in Excel) or on their own (in a browser), into one overview.
 */
import { describeFailure } from '../excel/failures';
import { fill, type LanguagePack } from '../i18n';
import { formatter } from '../engine/format';
import type { Submission } from '../engine/consolidate';
import type { FileProblem } from '../pipeline';
import type { Pane } from './excel-mode';
import { scoreFiles } from './files';
import { renderProblems, renderResults, setStatus } from './view';

export interface ConsolidationOutcome {
  count: number;
  average: number | null;
  problems: FileProblem[];
  results: Submission['result'][];
  /** In a browser: the overview workbook to download. */
  download?: { name: string; url: string };
}

/** How the overview is written: into the open workbook, or as a file to download. */
export type OverviewWriter = (extra: { submissions: Submission[]; problems: FileProblem[] }, lang: LanguagePack) => Promise<ConsolidationOutcome>;

export function startConsolidation(pane: Pane, write: OverviewWriter, onSelect?: (p: FileProblem) => void, selectable?: (p: FileProblem) => boolean): { rerender(): void } {
  document.getElementById('consolidate')!.hidden = false;
  const input = document.getElementById('consolidate-input') as HTMLInputElement;
  const extra: { submissions: Submission[]; problems: FileProblem[] } = { submissions: [], problems: [] };
  const names: string[] = [];
  let outcome: ConsolidationOutcome | null = null;

  document.getElementById('add-files')!.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    const lang = pane.lang();
    for (const { name, scored } of await scoreFiles(files, lang, { defaultPartialCredit: pane.settings().partialCredit, output: false }, extra.problems)) {
      extra.submissions.push(...scored.results.map((result) => ({ file: name, result, modified: scored.modified })));
    }
    names.push(...files.map((f) => f.name));
    input.value = '';
    setStatus('');
    rerender();
  });

  document.getElementById('consolidate-run')!.addEventListener('click', async () => {
    const lang = pane.lang();
    setStatus(fill(lang.ui.progress, { done: 0, total: 1 }), { done: 0, total: 1 });
    try {
      if (outcome?.download) URL.revokeObjectURL(outcome.download.url);
      outcome = await write(extra, lang);
      rerender();
      const f = formatter(lang);
      setStatus(fill(lang.ui.consolidated, { count: outcome.count, average: outcome.average === null ? '–' : f.percent(outcome.average) }));
    } catch (e) {
      setStatus(describeFailure(e, lang));
    }
  });

  /** The added files and the download link; with `withResults` also the overview's results. */
  function rerender(withResults = true): void {
    const lang = pane.lang();
    document.getElementById('added-files')!.textContent = names.length ? fill(lang.ui.addedFiles, { names: names.join(', ') }) : '';
    const link = document.getElementById('overview-download')!;
    link.replaceChildren();
    if (outcome?.download) {
      const a = document.createElement('a');
      a.href = outcome.download.url;
      a.download = outcome.download.name;
      a.textContent = `${lang.ui.downloadOverview} (${outcome.download.name})`;
      link.append(a);
    }
    if (outcome && withResults) {
      renderResults(outcome.results.map((result) => ({ result })), lang);
      renderProblems(outcome.problems, lang, onSelect, true, selectable);
    }
  }

  // A language change redraws the mode's own results; this view redraws only its own parts.
  return { rerender: () => rerender(false) };
}
