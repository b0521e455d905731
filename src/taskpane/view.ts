/** Renders the task pane's lists and summaries from plain results; no Office calls here. */
import { fill, trendText, type LanguagePack } from '../i18n';
import { formatter, type PlanResult, type StatusKey } from '../engine';
import type { PlanSheetInfo } from '../excel';

export const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
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
  setHelpLink(lang);
}

/** The help page in the pane's language, at the section of the view shown. */
export function setHelpLink(lang: LanguagePack): void {
  const section = document.querySelector<HTMLElement>('[role=tab][aria-selected=true]')?.dataset.help;
  document.getElementById('help-link')?.setAttribute('href', section ? `${lang.helpPage}#${section}` : lang.helpPage);
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

/**
 * The status line: the pane's one live region. `spoken` is said with it but not shown, where the
 * page shows it elsewhere (the summary after scoring), so it is announced once and seen once.
 */
export function setStatus(text: string, progress?: { done: number; total: number }, spoken?: string): void {
  const status = $('status');
  status.replaceChildren(text);
  if (spoken) status.append(el('span', { class: 'visually-hidden' }, ` ${spoken}`));
  const bar = $<HTMLProgressElement>('progress');
  bar.hidden = !progress;
  if (progress) {
    bar.max = progress.total;
    bar.value = progress.done;
    bar.setAttribute('aria-label', text);
  }
}

/** A plan as the pane names it: its agency (or sheet), year and period. */
export function planTitle(result: PlanResult): string {
  const m = result.plan.metadata;
  return [m.agency || result.plan.sheet, [m.year, m.periodText].filter((x) => x !== null && x !== '').join(', ')].filter(Boolean).join(' ');
}

/** Whether a plan has a total to show: something of it could be assessed, or nothing went wrong. */
export function scored(result: PlanResult): boolean {
  return result.total.assessedWeight > 0 || !result.problems.some((p) => p.severity === 'error');
}

/** An amount of the plan's unit with its word: "5 point", "2 mål". */
export function unitValue(result: PlanResult, value: number, lang: LanguagePack): string {
  return fill(result.plan.unit === 'count' ? lang.ui.goalsValue : lang.ui.pointsValue, { value: formatter(lang).number(value), count: value });
}

/** Each status's colour, as Fluent's tinted badges name them. */
const BADGE: Record<StatusKey, string> = { met: 'success', partly: 'warning', not_met: 'danger', not_assessed: 'informative' };

function areaList(result: PlanResult, lang: LanguagePack): HTMLElement {
  const f = formatter(lang);
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
  return areas;
}

/** The lines of a plan's card below its score: points, periods, last year, payout. */
function cardLines(result: PlanResult, lang: LanguagePack): HTMLElement[] {
  const f = formatter(lang);
  const t = result.total;
  // A plan without weights counts goals, and says so.
  const lines = [
    el('p', {}, fill(result.plan.unit === 'count' ? lang.ui.earnedOfGoals : lang.ui.earnedOf, { earned: f.number(t.earned), total: f.number(t.weight) })),
    el('p', { class: 'muted' }, fill(lang.ui.assessed, { assessed: f.number(t.assessedWeight), max: f.number(t.maxReachable) })),
  ];
  // Period by period, where the plan reports per period.
  if (result.periods && result.periods.length > 1) {
    lines.push(el('p', { class: 'trend' }, trendText(result.periods, lang)));
    if (result.forecast?.plan) lines.push(el('p', { class: 'forecast' }, `${lang.sheet.forecastColumn}: ${lang.sheet.forecast[result.forecast.plan]}`));
  }
  // Last year beside this year, where the user chose last year's plan.
  if (result.lastYear) {
    const last = result.lastYear;
    lines.push(el('p', { class: 'last-year' }, `${lang.sheet.score} ${last.year ?? lang.sheet.lastYear}: ${last.score === null ? '–' : f.percent(last.score)}`));
  }
  if (t.payout !== undefined) lines.push(el('p', { class: 'payout' }, `${lang.sheet.payout}: ${t.payout === null ? '–' : fill(lang.ui.amount, { value: f.number(Math.round(t.payout)) })}`));
  return lines;
}

function planCard(result: PlanResult, lang: LanguagePack): HTMLElement {
  const f = formatter(lang);
  const t = result.total;
  const title = planTitle(result);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  // A plan of which nothing could be assessed has no score to show: an error card says why.
  if (!scored(result)) {
    const failed = el('article', { class: 'plan-result not-scored', 'aria-label': title });
    failed.append(el('h3', {}, title), el('p', { class: 'plan-errors', role: 'note' }, lang.ui.notScored));
    return failed;
  }
  const card = el('article', { class: 'plan-result', 'aria-label': title });
  card.append(el('h3', {}, title));
  if (errors) card.append(el('p', { class: 'plan-errors', role: 'note' }, fill(lang.ui.planErrors, { count: errors })));
  const line = el('p', { class: 'score-line' });
  line.append(el('span', { class: 'score-value' }, t.score === null ? '–' : f.percent(t.score)), el('span', {}, lang.sheet.score));
  card.append(line, ...cardLines(result, lang));
  const counts = el('ul', { class: 'counts' });
  for (const k of ['met', 'partly', 'not_met', 'not_assessed'] as const) {
    const li = el('li');
    li.append(el('span', { class: `badge ${BADGE[k]}` }, `${lang.statuses[k]}: ${t.counts[k]}`));
    counts.append(li);
  }
  card.append(counts);
  if (result.areas.length) card.append(el('h4', {}, lang.ui.areas), areaList(result, lang));
  return card;
}

export interface ShownResult {
  result: PlanResult;
  download?: { name: string; url: string };
}

/** The plans' cards in the results view; before any scoring, what to do to see them. */
export function renderResults(results: ShownResult[], lang: LanguagePack, empty: string): void {
  $('results-empty').textContent = results.length ? '' : empty;
  $('results-empty').hidden = results.length > 0;
  $('result-list').replaceChildren(...results.map((r) => planCard(r.result, lang)));
}
