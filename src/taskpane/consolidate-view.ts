/**
 * The "Konsolidér" view: plan workbooks from other agencies, read off the main thread, together with
 * the open workbook's plan sheets (in Excel) or on their own (in a browser), into one overview. It
 * counts as it reads, can be cancelled (its button or Escape), keeps what must not be pressed
 * disabled meanwhile, flags a file that cannot be used as soon as it is read, and ranks the plans
 * in a table.
 */
import { describeFailure } from '../excel/failures';
import { fill, type LanguagePack } from '../i18n';
import { formatter, type Submission } from '../engine';
import type { FileProblem } from '../pipeline';
import type { Pane } from './pane';
import { Cancelled, consolidationWorker, type ConsolidationWorker, type ReadFile } from './consolidate-worker-client';
import { icon } from './icons';
import { fileMessage, problemGroups } from './problems-view';
import { $, el, planTitle, scored, setStatus } from './view';

export interface ConsolidationOutcome {
  count: number;
  average: number | null;
  problems: FileProblem[];
  results: Submission['result'][];
  /** In a browser: the overview workbook to download. */
  download?: { name: string; url: string };
}

/** How the overview is written: into the open workbook, or (by the worker) as a file to download. */
export type OverviewWriter = (extra: { submissions: Submission[]; problems: FileProblem[] }, lang: LanguagePack, worker: ConsolidationWorker) => Promise<ConsolidationOutcome>;

/** What runs: reading files and writing a downloadable overview can be cancelled; writing into Excel cannot. */
type Busy = 'reading' | 'overview' | 'writing' | null;

export interface ConsolidationOptions {
  onSelect?: (p: FileProblem) => void;
  selectable?: (p: FileProblem) => boolean;
  /** How many of the open workbook's plan sheets go in (none in a browser). */
  ownPlans?: () => number;
  /** The view's introduction: the Excel one speaks of chosen plan sheets, the browser's only of files. */
  intro: (lang: LanguagePack) => string;
}

/** The ranked table: best first, as the overview ranks them; a plan without a score last. */
function ranking(results: Submission['result'][], lang: LanguagePack): HTMLElement {
  const f = formatter(lang);
  const ranked = [...results].sort((a, b) => (scored(b) ? (b.total.score ?? -1) : -1) - (scored(a) ? (a.total.score ?? -1) : -1));
  const table = el('table', { class: 'ranking' });
  table.append(el('caption', {}, lang.ui.ranking));
  const head = el('tr');
  head.append(el('th', { scope: 'col', class: 'num' }, lang.ui.rank), el('th', { scope: 'col' }, lang.ui.rankPlan), el('th', { scope: 'col', class: 'num' }, lang.sheet.columns.fulfilment));
  const body = el('tbody');
  ranked.forEach((r, i) => {
    const ok = scored(r) && r.total.score !== null;
    const row = el('tr', ok ? {} : { class: 'not-scored' });
    row.append(el('td', { class: 'num' }, ok ? f.number(i + 1) : '–'), el('th', { scope: 'row' }, planTitle(r)), el('td', { class: 'num' }, ok ? f.percent(r.total.score!) : lang.ui.notScoredShort));
    body.append(row);
  });
  const thead = el('thead');
  thead.append(head);
  table.append(thead, body);
  return table;
}

/** An added file's line: its name, a button to take it out, and what is wrong with it, if it cannot be used. */
function addedItem(file: ReadFile, lang: LanguagePack, busy: boolean, remove: () => void): HTMLElement {
  const bad = !file.submissions.length ? file.problems.find((p) => p.severity === 'error') : undefined;
  const item = el('li', { class: bad ? 'added-file bad' : 'added-file' });
  const line = el('div', { class: 'added-line' });
  const button = el('button', { type: 'button', class: 'button subtle small', 'aria-label': fill(lang.ui.removeFile, { name: file.name }) }, lang.ui.remove);
  if (busy) button.setAttribute('disabled', '');
  button.addEventListener('click', remove);
  line.append(el('span', { class: 'file-name' }, file.name), button);
  item.append(line);
  if (bad) {
    const bar = el('p', { class: 'message-bar error' });
    bar.append(icon('error'), el('span', {}, `${lang.severities.error}: ${fileMessage(bad, lang)}`));
    item.append(bar);
  }
  return item;
}

export function startConsolidation(pane: Pane, write: OverviewWriter, options: ConsolidationOptions): { rerender(): void } {
  const input = $<HTMLInputElement>('consolidate-input');
  const worker = consolidationWorker();
  const added: ReadFile[] = [];
  let outcome: ConsolidationOutcome | null = null;
  let busy: Busy = null;

  function setBusy(next: Busy): void {
    busy = next;
    const cancel = $<HTMLButtonElement>('cancel');
    const refocus = document.activeElement === cancel || document.activeElement === document.body;
    cancel.hidden = next !== 'reading' && next !== 'overview';
    for (const id of ['add-files', 'consolidate-run']) $<HTMLButtonElement>(id).disabled = next !== null;
    $('panel-consolidate').setAttribute('aria-busy', String(next !== null));
    renderAdded();
    // The focus does not fall to the page when the button it was on goes away or is disabled.
    if (next === null && refocus) $('add-files').focus();
  }

  async function addFiles(files: File[]): Promise<void> {
    const lang = pane.lang();
    const before = added.length;
    setBusy('reading');
    setStatus(fill(lang.ui.readingFiles, { done: 0, total: files.length }), { done: 0, total: files.length });
    try {
      await worker.read(files, lang.code, pane.settings().partialCredit, (done, total) => setStatus(fill(lang.ui.readingFiles, { done, total }), { done, total }), (file) => {
        added.push(file);
        renderAdded();
      });
      const bad = added.slice(before).filter((a) => !a.submissions.length).length;
      setStatus([fill(lang.ui.filesRead, { count: files.length }), bad ? fill(lang.ui.filesBad, { count: bad }) : ''].filter(Boolean).join(' '));
    } catch (e) {
      setStatus(e instanceof Cancelled ? fill(lang.ui.cancelledReading, { done: added.length - before, total: files.length }) : describeFailure(e, lang));
    } finally {
      setBusy(null);
    }
  }

  async function consolidate(): Promise<void> {
    const lang = pane.lang();
    const extra = { submissions: added.flatMap((a) => a.submissions), problems: added.flatMap((a) => a.problems) };
    if (!extra.submissions.length && !(options.ownPlans?.() ?? 0)) return setStatus(lang.ui.nothingToConsolidate);
    setBusy(options.ownPlans ? 'writing' : 'overview');
    setStatus(lang.ui.buildingOverview, { done: 0, total: 1 });
    try {
      if (outcome?.download) URL.revokeObjectURL(outcome.download.url);
      outcome = null;
      outcome = await write(extra, lang, worker);
      const f = formatter(lang);
      const words = outcome.download ? lang.ui.consolidatedFiles : lang.ui.consolidated;
      setStatus(fill(words, { count: outcome.count, average: outcome.average === null ? '–' : f.percent(outcome.average) }));
    } catch (e) {
      setStatus(e instanceof Cancelled ? lang.ui.cancelledOverview : describeFailure(e, lang));
    } finally {
      setBusy(null);
      renderOutcome();
    }
  }

  function renderAdded(): void {
    const lang = pane.lang();
    $('added-files').replaceChildren(...added.map((a) => addedItem(a, lang, busy !== null, () => (added.splice(added.indexOf(a), 1), renderAdded()))));
  }

  /** The download, the problems (a file flagged in the list above is not named again) and the ranking. */
  function renderOutcome(): void {
    const lang = pane.lang();
    const link = $('overview-download');
    link.replaceChildren();
    if (outcome?.download) link.append(el('a', { href: outcome.download.url, download: outcome.download.name }, `${lang.ui.downloadOverview} (${outcome.download.name})`));
    const flagged = new Set(added.filter((a) => !a.submissions.length).map((a) => a.name));
    const problems = (outcome?.problems ?? []).filter((p) => !(flagged.has(p.file ?? '') && !p.sheet));
    $('consolidate-problems-section').hidden = !problems.length;
    $('consolidate-problems').replaceChildren(...problemGroups(problems, lang, options.onSelect, options.selectable));
    $('ranking').replaceChildren(...(outcome ? [ranking(outcome.results, lang)] : []));
  }

  $('add-files').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (files.length) void addFiles(files);
  });
  $('consolidate-run').addEventListener('click', () => void consolidate());
  $('cancel').addEventListener('click', () => worker.cancel());
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && (busy === 'reading' || busy === 'overview') && worker.cancel()) e.preventDefault();
  });

  function rerender(): void {
    $('consolidate-intro').textContent = options.intro(pane.lang());
    renderAdded();
    renderOutcome();
  }
  rerender();
  return { rerender };
}
