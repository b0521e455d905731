/**
 * The answer first: after scoring, the top of the pane shows each plan's total, how many problems
 * there are and the one next step, and the status line says the same once for screen readers.
 */
import { fill, type LanguagePack } from '../i18n';
import { formatter, type PlanResult } from '../engine';
import type { FileProblem } from '../pipeline';
import { icon } from './icons';
import { placeOf } from './problems-view';
import { $, el, planTitle, scored } from './view';

export interface SummaryInput {
  results: PlanResult[];
  problems: FileProblem[];
  /** Files in a browser (fixed in the file, picked again); the open workbook in Excel. */
  mode: 'files' | 'excel';
  /** In a browser: the score workbooks to download. */
  downloads?: { name: string; url: string }[];
  /** In Excel: the score sheets written, the first of them named in the next step. */
  sheets?: string[];
  /** Takes the user to a problem's cell (Excel), for the first error. */
  onSelect?: (p: FileProblem) => void;
  selectable?: (p: FileProblem) => boolean;
  onPrint?: () => void;
}

function totals(results: PlanResult[], lang: LanguagePack): HTMLElement[] {
  const f = formatter(lang);
  return results.map((r) => {
    const li = el('li', { class: 'summary-total' });
    const ok = scored(r) && r.total.score !== null;
    li.append(el('span', { class: 'score-value' }, ok ? f.percent(r.total.score!) : '–'));
    const label = el('span', { class: 'summary-label' });
    label.append(el('span', {}, ok ? lang.sheet.score : lang.ui.notScoredShort), el('span', { class: 'muted' }, planTitle(r)));
    li.append(label);
    return li;
  });
}

function problemLine(problems: FileProblem[], lang: LanguagePack): { text: string; kind: 'error' | 'warning' | 'success' } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (!problems.length) return { text: lang.ui.noProblems, kind: 'success' };
  return { text: fill(lang.ui.problemCount, { count: problems.length, errors, warnings: problems.length - errors }), kind: errors ? 'error' : 'warning' };
}

/** The one next step: fix the errors, read the warnings, or take the score sheet onward. */
function nextStep(input: SummaryInput, lang: LanguagePack): string {
  const errors = input.problems.filter((p) => p.severity === 'error').length;
  const warnings = input.problems.length - errors;
  if (errors) return fill(input.mode === 'excel' ? lang.ui.stepFixExcel : lang.ui.stepFixFiles, { count: errors });
  if (warnings) return fill(lang.ui.stepWarnings, { count: warnings });
  if (input.mode === 'files') return lang.ui.stepDownload;
  return input.sheets?.length ? fill(lang.ui.stepSheet, { sheet: input.sheets[0] }) : '';
}

function actions(input: SummaryInput, lang: LanguagePack): HTMLElement[] {
  const out: HTMLElement[] = [];
  const first = input.onSelect && input.problems.filter((p) => p.severity === 'error').find((p) => p.sheet && (input.selectable?.(p) ?? true));
  if (first) {
    const go = el('button', { type: 'button', class: 'button' }, fill(lang.ui.goTo, { place: placeOf(first) }));
    go.addEventListener('click', () => input.onSelect!(first));
    out.push(go);
  }
  for (const d of input.downloads ?? []) out.push(el('a', { class: 'button primary', href: d.url, download: d.name }, fill(lang.ui.download, { name: d.name })));
  if (input.onPrint && input.results.some(scored)) {
    const print = el('button', { type: 'button', class: 'button subtle', id: 'print' }, lang.ui.print);
    print.addEventListener('click', input.onPrint);
    out.push(print);
  }
  return out;
}

/** Shows the summary; returns what the status line says of it: totals, problems, the next step. */
export function renderSummary(input: SummaryInput, lang: LanguagePack): string {
  $('summary').hidden = false;
  $('summary-totals').replaceChildren(...totals(input.results, lang));
  const problems = problemLine(input.problems, lang);
  $('summary-problems').replaceChildren(icon(problems.kind), el('span', {}, problems.text));
  $('summary-problems').className = `summary-problems ${problems.kind}`;
  const step = nextStep(input, lang);
  $('summary-next').textContent = step ? fill(lang.ui.nextStep, { step }) : '';
  $('summary-next').hidden = !step;
  $('summary-actions').replaceChildren(...actions(input, lang));
  const f = formatter(lang);
  const said = input.results.map((r) =>
    scored(r) && r.total.score !== null ? fill(lang.ui.announceTotal, { plan: planTitle(r), score: f.percent(r.total.score) }) : fill(lang.ui.announceNotScored, { plan: planTitle(r) }),
  );
  return [...said, problems.text, step && fill(lang.ui.nextStep, { step })].filter(Boolean).join(' ');
}
