/**
 * Last year's plan, picked from disk in either mode: read once through the shared pipeline and set
 * beside this year's plans each time they are scored. A file that cannot be read says why here and
 * the plans score without it.
 */
import { fill, formatMessage, type LanguagePack } from '../i18n';
import type { LastYearPlan } from '../pipeline';
import type { Pane } from './pane';
import { setStatus } from './view';

export interface LastYearPicker {
  /** Last year's plans, or undefined when none is chosen. */
  plans(): LastYearPlan[] | undefined;
  rerender(): void;
}

export function startLastYear(pane: Pane): LastYearPicker {
  const input = document.getElementById('last-year-input') as HTMLInputElement;
  const line = document.getElementById('last-year-file')!;
  const clear = document.getElementById('clear-last-year')!;
  let chosen: { name: string; plans: LastYearPlan[] } | null = null;
  let failure: ((lang: LanguagePack) => string) | null = null;

  function rerender(): void {
    const lang = pane.lang();
    line.textContent = chosen ? fill(lang.ui.lastYearChosen, { name: chosen.name }) : (failure?.(lang) ?? '');
    clear.hidden = !chosen;
  }

  document.getElementById('choose-last-year')!.addEventListener('click', () => input.click());
  clear.addEventListener('click', () => {
    chosen = null;
    failure = null;
    rerender();
  });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const { lastYearSource } = await import(/* webpackChunkName: "xlsx" */ '../xlsx');
    const source = { name: file.name, size: file.size, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
    const read = await lastYearSource(source, pane.lang());
    const problem = read.problems.find((p) => p.severity === 'error');
    chosen = read.plans.length ? { name: file.name, plans: read.plans } : null;
    failure = chosen || !problem ? null : (lang) => formatMessage(problem.message, lang);
    rerender();
    // Said through the pane's one live region; the line here keeps it in view.
    setStatus(line.textContent ?? '');
  });
  rerender();
  return { plans: () => chosen?.plans, rerender };
}
