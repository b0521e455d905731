/**
 * The scenario panel: type hypothetical results or assessments for a plan's requirements and see
 * the plan and area scores follow at once. The engine runs here in the pane; nothing is written
 * until the scenario is saved as a sheet.
 */
import { describeFailure } from '../excel/failures';
import { CRITERION_BY_KEY } from '../engine/criteria';
import { formatter } from '../engine/format';
import { fill, type LanguagePack } from '../i18n';
import type { CellValue, DataRef, PlanResult, RowResult } from '../engine/types';
import { editableField, whatIf, type WhatIfEdit } from '../engine/whatif';
import type { Pane } from './pane';
import { setStatus } from './view';

export interface WhatIfSource {
  result: PlanResult;
  data: (ref: DataRef) => CellValue[] | null;
}

/** Writes the scenario (into the workbook, or as a download) and says where it went. */
export type ScenarioSaver = (actual: PlanResult, scenario: PlanResult, edits: WhatIfEdit[], lang: LanguagePack) => Promise<string>;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const EPS = 1e-9;

function requiredText(r: RowResult, lang: LanguagePack): string | null {
  if (r.required === null) return null;
  const f = formatter(lang);
  const def = r.row.typeKey ? CRITERION_BY_KEY.get(r.row.typeKey) : undefined;
  const counts = def?.kind === 'comparison' && def.key === 'share' && r.row.met !== null;
  return counts ? f.number(r.required) : f.by(r.measureKind, r.required);
}

export function startWhatIf(pane: Pane, save: ScenarioSaver): { show(sources: WhatIfSource[]): void; rerender(): void } {
  let sources: WhatIfSource[] = [];
  let current = 0;
  const edits = new Map<string, string>();
  let scenario: PlanResult | null = null;

  const select = $<HTMLSelectElement>('whatif-plan');
  const all = $<HTMLInputElement>('whatif-all');

  function recompute(): void {
    const source = sources[current];
    if (!source) return;
    const lang = pane.lang();
    const list: WhatIfEdit[] = [...edits].map(([id, text]) => ({ id, text }));
    const { result, unreadable } = whatIf(source.result.plan, list, { lang, data: source.data });
    scenario = result;
    const f = formatter(lang);
    const actual = source.result.total;
    const delta = result.total.earned - actual.earned;
    $('whatif-score').textContent = fill(lang.ui.scenarioScore, {
      score: result.total.score === null ? '–' : f.percent(result.total.score),
      actual: actual.score === null ? '–' : f.percent(actual.score),
      delta: `${delta >= 0 ? '+' : '−'}${f.number(Math.abs(delta))}`,
    });
    $('whatif-areas').replaceChildren(
      ...result.areas.map((a) => {
        const li = document.createElement('li');
        const name = document.createElement('span');
        name.textContent = a.name || '—';
        const value = document.createElement('span');
        value.textContent = a.score === null ? '–' : f.percent(a.score);
        const bar = document.createElement('span');
        bar.className = 'bar';
        bar.setAttribute('aria-hidden', 'true');
        const inner = document.createElement('span');
        inner.style.width = `${Math.round((a.score ?? 0) * 100)}%`;
        bar.append(inner);
        li.append(name, value, bar);
        return li;
      }),
    );
    for (const r of result.rows) {
      const effect = document.getElementById(`whatif-effect-${r.id}`);
      if (effect) effect.textContent = unreadable.includes(r.id) ? '?' : `${lang.statuses[r.status]} · ${f.number(r.earned)} / ${f.number(r.weight)}`;
    }
  }

  function renderRows(): void {
    const source = sources[current];
    const lang = pane.lang();
    const rows = source ? source.result.rows.filter((r) => !r.isParent && editableField(r.row) && (all.checked || r.fulfilment === null || r.fulfilment < 1 - EPS)) : [];
    $('whatif-rows').replaceChildren(
      ...rows.map((r) => {
        const wrap = document.createElement('div');
        const input = document.createElement('fluent-text-input') as HTMLElement & { value: string };
        input.id = `whatif-${r.id}`;
        input.dataset.id = r.id;
        const required = requiredText(r, lang);
        const gain = r.weight - r.earned;
        input.textContent = [
          `${r.id} ${r.title}`.trim(),
          lang.statuses[r.status],
          required && fill(lang.ui.requiredValue, { value: required }),
          gain > EPS && fill(lang.ui.gainValue, { value: formatter(lang).number(gain) }),
        ]
          .filter(Boolean)
          .join(' · ');
        if (edits.has(r.id)) input.setAttribute('value', edits.get(r.id)!);
        input.addEventListener('input', () => {
          edits.set(r.id, String(input.value ?? ''));
          recompute();
        });
        const effect = document.createElement('span');
        effect.className = 'whatif-effect';
        effect.id = `whatif-effect-${r.id}`;
        wrap.append(input, effect);
        return wrap;
      }),
    );
    recompute();
  }

  function renderPlans(): void {
    select.replaceChildren(
      ...sources.map((s, i) => {
        const option = document.createElement('option');
        option.value = String(i);
        const m = s.result.plan.metadata;
        option.textContent = [m.agency || s.result.plan.sheet, m.year, m.periodText].filter((x) => x !== null && x !== '').join(' ');
        return option;
      }),
    );
    select.value = String(current);
  }

  select.addEventListener('change', () => {
    current = Number(select.value);
    edits.clear();
    renderRows();
  });
  all.addEventListener('change', renderRows);
  $('whatif-save').addEventListener('click', async () => {
    const source = sources[current];
    if (!source || !scenario) return;
    const lang = pane.lang();
    try {
      setStatus(await save(source.result, scenario, [...edits].map(([id, text]) => ({ id, text })), lang));
    } catch (e) {
      setStatus(describeFailure(e, lang));
    }
  });

  return {
    show(next) {
      sources = next;
      current = 0;
      edits.clear();
      $('whatif').hidden = sources.length === 0;
      renderPlans();
      renderRows();
    },
    rerender() {
      if (sources.length) renderRows();
    },
  };
}
