/**
 * The score sheets as a printable page, for file mode: each plan's total, its areas and its goals,
 * laid out for A4 landscape (the stylesheet's @page), then the browser's own print dialog, where
 * a PDF is one choice. In Excel the score sheet itself is print-ready and Excel prints it.
 */
import { fill, type LanguagePack } from '../i18n';
import { formatter, type PlanResult, type RowResult } from '../engine';
import type { FileProblem } from '../pipeline';
import { problemText, placeOf } from './problems-view';
import { $, el, planTitle, scored } from './view';

function table(head: string[], rows: string[][], rowClass: (i: number) => string = () => ''): HTMLElement {
  const t = el('table', { class: 'print-table' });
  const thead = el('thead');
  const tr = el('tr');
  tr.append(...head.map((h) => el('th', { scope: 'col' }, h)));
  thead.append(tr);
  const body = el('tbody');
  body.append(
    ...rows.map((cells, i) => {
      const row = el('tr', rowClass(i) ? { class: rowClass(i) } : {});
      row.append(...cells.map((c) => el('td', {}, c)));
      return row;
    }),
  );
  t.append(thead, body);
  return t;
}

function goalRows(rows: RowResult[], lang: LanguagePack): string[][] {
  const f = formatter(lang);
  return rows.map((r) => [r.id, r.title, f.number(r.weight), r.fulfilment === null ? '–' : f.percent(r.fulfilment), f.number(r.earned), lang.statuses[r.status]]);
}

function planPage(result: PlanResult, problems: FileProblem[], lang: LanguagePack): HTMLElement {
  const f = formatter(lang);
  const c = lang.sheet.columns;
  const page = el('section', { class: 'print-plan' });
  page.append(el('h2', {}, `${lang.sheet.title}: ${planTitle(result)}`));
  const total = scored(result) && result.total.score !== null ? f.percent(result.total.score) : lang.ui.notScoredShort;
  page.append(el('p', { class: 'print-total' }, `${lang.sheet.score}: ${total} · ${fill(lang.ui.earnedOf, { earned: f.number(result.total.earned), total: f.number(result.total.weight) })}`));
  if (result.areas.length) {
    page.append(table([c.area, c.earned, c.weight, c.fulfilment], result.areas.map((a) => [a.name || '—', f.number(a.earned), f.number(a.weight), a.score === null ? '–' : f.percent(a.score)])));
  }
  const weight = result.plan.unit === 'points' ? c.points : c.weight;
  page.append(table([c.id, c.title, weight, c.fulfilment, c.earned, c.status], goalRows(result.rows, lang), (i) => (result.rows[i].isParent ? 'parent' : '')));
  const own = problems.filter((p) => p.sheet === result.plan.sheet);
  if (own.length) page.append(el('h3', {}, lang.ui.problems), table([lang.sheet.problemHeaders.cell, lang.sheet.problemHeaders.severity, lang.sheet.problemHeaders.message], own.map((p) => [placeOf(p), lang.severities[p.severity], problemText(p, lang)])));
  return page;
}

/** Lays the plans out on the print page and opens the print dialog. */
export function printPlans(results: PlanResult[], problems: FileProblem[], lang: LanguagePack): void {
  $('print-view').replaceChildren(...results.map((r) => planPage(r, problems, lang)));
  window.print();
}
