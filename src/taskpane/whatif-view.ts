/**
 * The scenario panel: type hypothetical results or assessments for a plan's requirements and see
 * the plan and area scores follow at once. The engine runs here in the pane; nothing is written
 * until the scenario is saved as a sheet.
 */
import { describeFailure } from '../excel/failures';
import { formatter, measureUnit, type DataSource, type PlanResult, type RowResult, editableField, whatIf, whatIfInput, type WhatIfEdit, type WhatIfInput } from '../engine';
import { fill, formatMessage, type LanguagePack } from '../i18n';
import type { Pane } from './pane';
import { setStatus, unitValue } from './view';

export interface WhatIfSource {
  result: PlanResult;
  data: DataSource;
}

/** Writes the scenario (into the workbook, or as a download) and says where it went. */
export type ScenarioSaver = (actual: PlanResult, scenario: PlanResult, edits: WhatIfEdit[], lang: LanguagePack) => Promise<string>;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const EPS = 1e-9;

/** What it takes, in the goal's own unit as its criterion declares: 1.080 (sager), 86 %, 425 cases, 31.12.2024. */
function requiredText(r: RowResult, lang: LanguagePack): string | null {
  if (r.required === null) return null;
  const value = formatter(lang).by(r.requiredKind, r.required);
  const unit = r.requiredKind === 'number' ? measureUnit(r.row) : null;
  return unit ? `${value} ${unit}` : value;
}

/** A change in percentage points, signed, with one decimal: "+5,0", "−12,5". */
function pointsChange(delta: number, lang: LanguagePack): string {
  const tenths = Math.round(delta * 10) / 10;
  const text = new Intl.NumberFormat(lang.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(tenths));
  return `${tenths < 0 ? '−' : '+'}${text}`;
}

/** The sticky line over the rows: "Scenarie 71,2 % · faktisk 66,2 % · +5,0 procentpoint". */
function scenarioLine(result: PlanResult, actual: PlanResult, lang: LanguagePack): string {
  const f = formatter(lang);
  const [now, was] = [result.total.score, actual.total.score];
  return fill(lang.ui.scenarioScore, {
    score: now === null ? '–' : f.percent(now),
    actual: was === null ? '–' : f.percent(was),
    delta: now === null || was === null ? '–' : pointsChange((now - was) * 100, lang),
  });
}

/** A plan's identity across reruns, so what the user typed for it survives scoring again. */
const planKey = (r: PlanResult) => [r.plan.sheet, r.plan.metadata.agency, r.plan.metadata.year, r.plan.metadata.periodText].join('|');

/** What the box takes, beside it: the plan's unit, "opfyldte af 500", "dato". */
function unitText(input: WhatIfInput, lang: LanguagePack): string {
  if (input.kind === 'count') return input.of === null ? '' : fill(lang.ui.whatIfCount, { total: formatter(lang).number(input.of) });
  if (input.kind === 'date') return lang.ui.whatIfDate;
  return input.unit ?? '';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A drop-down of the words a choice offers; its first option keeps the plan's own value. */
function choiceControl(id: string, input: WhatIfInput, lang: LanguagePack): HTMLSelectElement {
  const select = el('select', { id, class: 'input whatif-input' });
  select.append(el('option', { value: '' }, fill(lang.ui.whatIfUnchanged, { value: input.current || '–' })));
  for (const word of input.choices) select.append(el('option', { value: word }, word));
  return select;
}

function textControl(id: string, input: WhatIfInput): HTMLInputElement {
  return el('input', { id, class: 'input whatif-input', type: 'text', inputmode: input.kind === 'date' ? 'text' : 'decimal', autocomplete: 'off', placeholder: input.current });
}

export function startWhatIf(pane: Pane, save: ScenarioSaver): { show(sources: WhatIfSource[]): void; rerender(): void } {
  let sources: WhatIfSource[] = [];
  let current = 0;
  /** What the user typed, per plan and row; kept across redraws, plan switches and reruns. */
  const typed = new Map<string, Map<string, string>>();
  let scenario: PlanResult | null = null;
  /** The inputs the scenario holds: what was typed, less what was refused. */
  let accepted: WhatIfEdit[] = [];

  const select = $<HTMLSelectElement>('whatif-plan');
  const all = $<HTMLInputElement>('whatif-all');
  const resetAll = $('whatif-reset-all');

  const edits = (): Map<string, string> => {
    const source = sources[current];
    if (!source) return new Map();
    const key = planKey(source.result);
    return typed.get(key) ?? typed.set(key, new Map()).get(key)!;
  };
  const editList = (): WhatIfEdit[] => [...edits()].filter(([, text]) => text.trim() !== '').map(([id, text]) => ({ id, text }));

  function renderAreas(result: PlanResult, actual: PlanResult, lang: LanguagePack): void {
    const f = formatter(lang);
    $('whatif-areas').replaceChildren(
      ...result.areas.map((a, i) => {
        const li = el('li');
        const before = actual.areas[i]?.score ?? null;
        const delta = a.score !== null && before !== null ? (a.score - before) * 100 : 0;
        const value = el('span', {}, a.score === null ? '–' : f.percent(a.score));
        // A changed area says by how much, so the effect of each input shows where it lands.
        if (Math.abs(delta) > EPS) value.append(el('span', { class: delta > 0 ? 'area-change up' : 'area-change down' }, ` ${fill(lang.ui.areaChange, { delta: pointsChange(delta, lang) })}`));
        const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
        const inner = el('span');
        inner.style.width = `${Math.round((a.score ?? 0) * 100)}%`;
        bar.append(inner);
        li.append(el('span', {}, a.name || '—'), value, bar);
        return li;
      }),
    );
  }

  function recompute(): void {
    const source = sources[current];
    if (!source) return;
    const lang = pane.lang();
    const { result, refused } = whatIf(source.result.plan, editList(), { lang, data: source.data });
    scenario = result;
    accepted = editList().filter((e) => !refused.has(e.id));
    const f = formatter(lang);
    // The what-if's one live region: rewritten only when what it says changes.
    const line = scenarioLine(result, source.result, lang);
    if ($('whatif-score').textContent !== line) $('whatif-score').textContent = line;
    renderAreas(result, source.result, lang);
    const typedNow = edits();
    resetAll.hidden = ![...typedNow.values()].some((t) => t !== '');
    for (const r of result.rows) {
      const box = document.getElementById(`whatif-${r.id}`);
      if (!box) continue;
      const refusal = refused.get(r.id);
      const bad = refusal !== undefined;
      // An input the goal cannot have is marked, says why and what to type, and changes nothing.
      box.setAttribute('aria-invalid', String(bad));
      const error = document.getElementById(`whatif-error-${r.id}`)!;
      error.textContent = refusal ? formatMessage(refusal, lang) : '';
      error.hidden = !bad;
      document.getElementById(`whatif-reset-${r.id}`)?.toggleAttribute('disabled', !typedNow.get(r.id));
      // A count typed as a percent shows the cases it stands for.
      const cases = editableField(r.row) === 'met' && r.row.met !== null && r.row.total !== null && typedNow.get(r.id) ? fill(lang.ui.whatIfCases, { count: f.number(r.row.met), total: f.number(r.row.total - (r.row.excluded ?? 0)) }) : '';
      document.getElementById(`whatif-effect-${r.id}`)!.textContent = bad ? '' : [`${lang.statuses[r.status]} · ${f.number(r.earned)} / ${f.number(r.weight)}`, cases].filter(Boolean).join(' · ');
    }
    markChanged([...refused.keys()]);
  }

  /** Rows whose typed value counts are marked (a line beside them and a word, not colour alone). */
  function markChanged(unreadable: readonly string[]): void {
    const typedNow = edits();
    for (const row of document.querySelectorAll<HTMLElement>('#whatif-rows .whatif-row')) {
      const id = row.dataset.id!;
      const changed = !!typedNow.get(id)?.trim() && !unreadable.includes(id);
      row.classList.toggle('changed', changed);
      row.querySelector<HTMLElement>('.changed-mark')!.hidden = !changed;
    }
  }

  function rowControl(r: RowResult, input: WhatIfInput, lang: LanguagePack): HTMLElement {
    const wrap = el('div', { class: 'whatif-row', 'data-id': r.id });
    const id = `whatif-${r.id}`;
    const required = requiredText(r, lang);
    const gain = r.weight - r.earned;
    wrap.append(el('label', { for: id, class: 'whatif-label' }, `${r.id} ${r.title}`.trim()), el('span', { class: 'changed-mark', hidden: '' }, lang.ui.changed));
    wrap.append(
      el(
        'p',
        { class: 'whatif-meta' },
        [lang.statuses[r.status], required && fill(lang.ui.requiredValue, { value: required }), gain > EPS && fill(lang.ui.gainValue, { value: unitValue(sources[current].result, gain, lang) })].filter(Boolean).join(' · '),
      ),
    );
    const box = input.kind === 'choice' ? choiceControl(id, input, lang) : textControl(id, input);
    box.setAttribute('aria-describedby', `whatif-help-${r.id} whatif-error-${r.id}`);
    box.value = edits().get(r.id) ?? '';
    box.addEventListener(input.kind === 'choice' ? 'change' : 'input', () => {
      edits().set(r.id, box.value);
      recompute();
    });
    const line = el('div', { class: 'whatif-control' });
    line.append(box);
    const unit = unitText(input, lang);
    if (unit) line.append(el('span', { class: 'whatif-unit' }, unit));
    const reset = el('button', { type: 'button', class: 'button subtle whatif-reset', id: `whatif-reset-${r.id}`, 'aria-label': `${lang.ui.resetRow} ${r.id}`, title: lang.ui.resetRow }, '↺');
    reset.addEventListener('click', () => {
      edits().delete(r.id);
      box.value = '';
      recompute();
      box.focus();
    });
    line.append(reset);
    wrap.append(line);
    wrap.append(el('p', { class: 'whatif-help', id: `whatif-help-${r.id}` }, input.current ? fill(lang.ui.whatIfCurrent, { value: input.current }) : lang.ui.whatIfBlank));
    wrap.append(el('p', { class: 'whatif-error', id: `whatif-error-${r.id}`, hidden: '' }));
    wrap.append(el('p', { class: 'whatif-effect', id: `whatif-effect-${r.id}` }));
    return wrap;
  }

  function renderRows(): void {
    const source = sources[current];
    const lang = pane.lang();
    const typedNow = edits();
    // Unmet rows, and any the user has typed in, so an edit never vanishes from view.
    const rows = source
      ? source.result.rows.filter((r) => !r.isParent && editableField(r.row) && (all.checked || typedNow.get(r.id) || r.fulfilment === null || r.fulfilment < 1 - EPS))
      : [];
    $('whatif-rows').replaceChildren(...rows.map((r) => rowControl(r, whatIfInput(r.row, source!.result.plan, lang)!, lang)));
    recompute();
  }

  function renderPlans(): void {
    select.replaceChildren(
      ...sources.map((s, i) => {
        const m = s.result.plan.metadata;
        return el('option', { value: String(i) }, [m.agency || s.result.plan.sheet, m.year, m.periodText].filter((x) => x !== null && x !== '').join(' '));
      }),
    );
    select.value = String(current);
  }

  select.addEventListener('change', () => {
    current = Number(select.value);
    renderRows();
  });
  all.addEventListener('change', renderRows);
  resetAll.addEventListener('click', () => {
    edits().clear();
    renderRows();
  });
  $('whatif-save').addEventListener('click', async () => {
    const source = sources[current];
    if (!source || !scenario) return;
    const lang = pane.lang();
    try {
      setStatus(await save(source.result, scenario, accepted, lang));
    } catch (e) {
      setStatus(describeFailure(e, lang));
    }
  });

  return {
    show(next) {
      // The plan shown stays shown after a rerun, where it is still there.
      const was = sources[current] ? planKey(sources[current].result) : null;
      sources = next;
      current = Math.max(0, sources.findIndex((s) => planKey(s.result) === was));
      $('whatif').hidden = sources.length === 0;
      $('whatif-empty').hidden = sources.length > 0;
      renderPlans();
      renderRows();
    },
    rerender() {
      if (sources.length) renderRows();
    },
  };
}
