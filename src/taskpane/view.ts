/** Renders the task pane's lists and summaries from plain results; no Office calls here. */
import { fill, formatMessage, trendText, type LanguagePack } from '../i18n';
import { formatter, type PlanResult, type StatusKey } from '../engine';
import type { FileProblem } from '../pipeline';
import type { PlanSheetInfo } from '../excel';

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Puts each `data-ui` element's word in the chosen language. */
export function applyWords(lang: LanguagePack): void {
  document.documentElement.lang = lang.code;
  document.title = lang.ui.appTitle;
  // The page comes with its Danish words (written at build time); a word already right stays, so
  // the pane is not laid out again for nothing.
  for (const node of document.querySelectorAll<HTMLElement>('[data-ui]')) {
    const word = lang.ui[node.dataset.ui as keyof LanguagePack['ui']] ?? node.textContent;
    if (node.textContent !== word) node.textContent = word;
  }
  // The help page in the pane's language.
  document.getElementById('help-link')?.setAttribute('href', lang.helpPage);
}

export function renderPlanList(plans: PlanSheetInfo[], lang: LanguagePack): void {
  const list = $('plan-list');
  // The user's ticks survive a redraw (after scoring, or a change of language).
  const unticked = new Set(
    [...list.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((b) => !b.checked).map((b) => b.dataset.sheet),
  );
  list.replaceChildren();
  $('no-plans').hidden = plans.length > 0;
  // The box beside the first line of its name, however narrow the pane and long the name.
  plans.forEach((p, i) => {
    const item = el('div', { class: 'plan-item' });
    const label = el('label', { id: `plan-label-${i}`, for: `plan-${i}` });
    label.append(el('span', { class: 'plan-name' }, p.sheet), el('span', { class: 'plan-meta' }, [p.agency, p.year, p.period, fill(lang.ui.rows, { count: p.rows })].filter((x) => x !== null && x !== '').join(' · ')));
    const box = el('input', { type: 'checkbox', class: 'check', id: `plan-${i}`, 'data-sheet': p.sheet, ...(unticked.has(p.sheet) ? {} : { checked: '' }) });
    item.append(box, label);
    list.append(item);
  });
}

export function chosenPlans(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>('#plan-list input[type=checkbox]')]
    .filter((box) => box.checked)
    .map((box) => box.dataset.sheet!);
}

export function setStatus(text: string, progress?: { done: number; total: number }): void {
  $('status').textContent = text;
  const bar = $<HTMLProgressElement>('progress');
  bar.hidden = !progress;
  if (progress) {
    bar.max = progress.total;
    bar.value = progress.done;
    bar.setAttribute('aria-label', text);
  }
}

/** Each status's colour, as Fluent's tinted badges name them. */
const BADGE: Record<StatusKey, string> = { met: 'success', partly: 'warning', not_met: 'danger', not_assessed: 'informative' };

function planCard(result: PlanResult, lang: LanguagePack, download?: { name: string; url: string }): HTMLElement {
  const f = formatter(lang);
  const m = result.plan.metadata;
  const t = result.total;
  const title = [m.agency || result.plan.sheet, [m.year, m.periodText].filter((x) => x !== null && x !== '').join(', ')].filter(Boolean).join(' ');
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  // A plan of which nothing could be assessed has no score to show: an error card says why.
  if (t.assessedWeight <= 0 && errors > 0) {
    const failed = el('article', { class: 'plan-result not-scored', 'aria-label': title });
    failed.append(el('h3', {}, title), el('p', { class: 'plan-errors', role: 'note' }, lang.ui.notScored));
    return failed;
  }
  const card = el('article', { class: 'plan-result', 'aria-label': title });
  card.append(el('h3', {}, title));
  if (errors) card.append(el('p', { class: 'plan-errors', role: 'note' }, fill(lang.ui.planErrors, { count: errors })));
  const line = el('p', { class: 'score-line' });
  line.append(el('span', { class: 'score-value' }, t.score === null ? '–' : f.percent(t.score)), el('span', {}, lang.sheet.score));
  card.append(line);
  // A plan without weights counts goals, and says so.
  card.append(el('p', {}, fill(result.plan.unit === 'count' ? lang.ui.earnedOfGoals : lang.ui.earnedOf, { earned: f.number(t.earned), total: f.number(t.weight) })));
  card.append(el('p', { class: 'muted' }, fill(lang.ui.assessed, { assessed: f.number(t.assessedWeight), max: f.number(t.maxReachable) })));
  // Period by period, where the plan reports per period.
  if (result.periods && result.periods.length > 1) {
    card.append(el('p', { class: 'trend' }, trendText(result.periods, lang)));
    if (result.forecast?.plan) card.append(el('p', { class: 'forecast' }, `${lang.sheet.forecastColumn}: ${lang.sheet.forecast[result.forecast.plan]}`));
  }
  // Last year beside this year, where the user chose last year's plan.
  if (result.lastYear) {
    const last = result.lastYear;
    card.append(el('p', { class: 'last-year' }, `${lang.sheet.score} ${last.year ?? lang.sheet.lastYear}: ${last.score === null ? '–' : f.percent(last.score)}`));
  }
  if (t.payout !== undefined) card.append(el('p', { class: 'payout' }, `${lang.sheet.payout}: ${t.payout === null ? '–' : f.number(Math.round(t.payout))}`));
  const counts = el('ul', { class: 'counts' });
  for (const k of ['met', 'partly', 'not_met', 'not_assessed'] as const) {
    const li = el('li');
    li.append(el('span', { class: `badge ${BADGE[k]}` }, `${lang.statuses[k]}: ${t.counts[k]}`));
    counts.append(li);
  }
  card.append(counts);
  if (result.areas.length) {
    card.append(el('h4', {}, lang.ui.areas));
    const areas = el('ul', { class: 'areas' });
    for (const a of result.areas) {
      const li = el('li');
      const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
      const fillBar = el('span');
      fillBar.style.width = `${Math.round((a.score ?? 0) * 100)}%`;
      bar.append(fillBar);
      li.append(el('span', {}, a.name || '—'), el('span', {}, `${f.number(a.earned)} / ${f.number(a.weight)} · ${a.score === null ? '–' : f.percent(a.score)}`), bar);
      areas.append(li);
    }
    card.append(areas);
  }
  if (download) {
    const p = el('p', { class: 'downloads' });
    p.append(el('a', { href: download.url, download: download.name }, fill(lang.ui.download, { name: download.name })));
    card.append(p);
  }
  return card;
}

export interface ShownResult {
  result: PlanResult;
  download?: { name: string; url: string };
}

export function renderResults(results: ShownResult[], lang: LanguagePack): void {
  $('results').hidden = results.length === 0;
  $('result-list').replaceChildren(...results.map((r) => planCard(r.result, lang, r.download)));
}

/** One problem as a list item; with `onSelect` a button that takes the user to its cell. */
function problemItem(p: FileProblem, lang: LanguagePack, onSelect: ((p: FileProblem) => void) | undefined, selectable: (p: FileProblem) => boolean): HTMLElement {
  const li = el('li', { class: p.severity });
  const place = [p.file, p.sheet && `${p.sheet}!${p.cell}`].filter(Boolean).join(' ');
  const text = `${lang.severities[p.severity]}: ${formatMessage(p.message, lang)}`;
  if (onSelect && selectable(p)) {
    const button = el('button', { type: 'button', class: 'button transparent problem-link', 'aria-label': `${fill(lang.ui.goTo, { place })}. ${text}` });
    button.append(el('span', { class: 'place' }, place), el('span', {}, text));
    button.addEventListener('click', () => onSelect(p));
    li.append(button);
  } else li.append(el('span', { class: 'place' }, place), el('span', {}, text));
  return li;
}

/**
 * Problems above the results, grouped by plan (its file and sheet), the plans with errors first
 * and errors first within each; with `onSelect` each one takes the user to its cell.
 */
export function renderProblems(
  problems: FileProblem[],
  lang: LanguagePack,
  onSelect?: (p: FileProblem) => void,
  shown = true,
  selectable: (p: FileProblem) => boolean = (p) => !!p.sheet,
): void {
  $('problems').hidden = !shown;
  $('no-problems').hidden = problems.length > 0;
  const groups = new Map<string, FileProblem[]>();
  for (const p of problems) {
    const name = [p.file, p.sheet].filter(Boolean).join(' – ');
    (groups.get(name) ?? groups.set(name, []).get(name)!).push(p);
  }
  const errorsFirst = (a: FileProblem, b: FileProblem) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1);
  const hasError = (list: FileProblem[]) => (list.some((p) => p.severity === 'error') ? 0 : 1);
  const ordered = [...groups].sort(([, a], [, b]) => hasError(a) - hasError(b));
  $('problem-list').replaceChildren(
    ...ordered.map(([name, list]) => {
      const group = el('li', { class: 'problem-group' });
      if (name) group.append(el('h3', {}, name));
      const items = el('ul', { class: 'problem-items' });
      items.append(...[...list].sort(errorsFirst).map((p) => problemItem(p, lang, onSelect, selectable)));
      group.append(items);
      return group;
    }),
  );
}
