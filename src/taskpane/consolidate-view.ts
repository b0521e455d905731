/**
 * The "Konsolidér" view: plan workbooks from other agencies, read here in the pane, together with
 * the open workbook's plan sheets (in Excel) or on their own (in a browser), into one overview.
 */
import { describeFailure } from '../excel/failures';
import { fill, type LanguagePack } from '../i18n';
import { formatter, type Submission } from '../engine';
import type { FileProblem } from '../pipeline';
import type { Pane } from './pane';
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

/** A workbook added from disk: its plans and the problems reading it found. */
interface Added {
  name: string;
  submissions: Submission[];
  problems: FileProblem[];
}

/**
 * `ownPlans` says how many of the open workbook's plan sheets go in (none in a browser): with
 * nothing added and none of its own, there is nothing to consolidate and the view says so.
 */
export function startConsolidation(
  pane: Pane,
  write: OverviewWriter,
  onSelect?: (p: FileProblem) => void,
  selectable?: (p: FileProblem) => boolean,
  ownPlans: () => number = () => 0,
): { rerender(): void } {
  document.getElementById('consolidate')!.hidden = false;
  const input = document.getElementById('consolidate-input') as HTMLInputElement;
  const added: Added[] = [];
  let outcome: ConsolidationOutcome | null = null;

  document.getElementById('add-files')!.addEventListener('click', () => input.click());
  input.addEventListener('change', async () => {
    const files = [...(input.files ?? [])];
    if (!files.length) return;
    const lang = pane.lang();
    // One file at a time, so each keeps its own plans and problems and can be taken out again.
    for (const file of files) {
      const problems: FileProblem[] = [];
      const scored = await scoreFiles([file], lang, { defaultPartialCredit: pane.settings().partialCredit, output: false }, problems);
      const submissions = scored.flatMap(({ name, scored: s }) => s.results.map((result) => ({ file: name, result, modified: s.modified })));
      added.push({ name: file.name, submissions, problems });
    }
    input.value = '';
    setStatus('');
    rerender();
  });

  document.getElementById('consolidate-run')!.addEventListener('click', async () => {
    const lang = pane.lang();
    const extra = { submissions: added.flatMap((a) => a.submissions), problems: added.flatMap((a) => a.problems) };
    if (!extra.submissions.length && !ownPlans()) {
      setStatus(lang.ui.nothingToConsolidate);
      return;
    }
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
    const list = document.getElementById('added-files')!;
    list.replaceChildren(
      ...added.map((a) => {
        const item = document.createElement('li');
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'button subtle small';
        remove.textContent = lang.ui.remove;
        remove.setAttribute('aria-label', fill(lang.ui.removeFile, { name: a.name }));
        remove.addEventListener('click', () => {
          added.splice(added.indexOf(a), 1);
          rerender(false);
        });
        const name = document.createElement('span');
        name.className = 'file-name';
        name.textContent = a.name;
        item.append(name, remove);
        return item;
      }),
    );
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
      // Best first, as the overview ranks them; a plan without a score last.
      const ranked = [...outcome.results].sort((a, b) => (b.total.score ?? -1) - (a.total.score ?? -1));
      renderResults(ranked.map((result) => ({ result })), lang);
      renderProblems(outcome.problems, lang, onSelect, true, selectable);
    }
  }

  // A language change redraws the mode's own results; this view redraws only its own parts.
  return { rerender: () => rerender(false) };
}
