/** Lays out a saved what-if scenario: the plan's actual and the scenario, goal by goal. */
import { rangeAddress, formatter, type WhatIfEdit, type PlanResult, type RowResult } from '../engine';
import type { LanguagePack } from '../i18n';
import { COLORS, FORMATS, type SheetLayout } from './model';
import { tableRows, titledTable, type Column } from './table';

export function buildScenarioSheet(actual: PlanResult, scenario: PlanResult, edits: WhatIfEdit[], lang: LanguagePack, name: string): SheetLayout {
  const w = lang.sheet.scenario;
  const c = lang.sheet.columns;
  const f = formatter(lang);
  const m = actual.plan.metadata;
  const edited = new Map(edits.filter((e) => e.text.trim() !== '').map((e) => [e.id, e.text]));
  type Row = { a: RowResult; s: RowResult };
  const columns: Column<Row>[] = [
    { header: c.id, width: 8, value: (r) => r.a.id, format: '@' },
    { header: c.title, width: 48, value: (r) => r.a.title || null, wrap: true },
    { header: actual.plan.unit === 'points' ? c.points : c.weight, width: 9, value: (r) => r.a.weight, format: FORMATS.weight },
    { header: w.input, width: 14, value: (r) => edited.get(r.a.id) ?? null },
    { header: `${c.fulfilment} (${w.actual})`, width: 13, value: (r) => r.a.fulfilment, format: FORMATS.percent },
    { header: `${c.fulfilment} (${w.scenario})`, width: 13, value: (r) => r.s.fulfilment, format: FORMATS.percent },
    { header: `${c.earned} (${w.actual})`, width: 11, value: (r) => r.a.earned, format: FORMATS.earned },
    { header: `${c.earned} (${w.scenario})`, width: 11, value: (r) => r.s.earned, format: FORMATS.earned },
    { header: w.change, width: 10, value: (r) => r.s.earned - r.a.earned, format: FORMATS.earned },
    { header: `${c.status} (${w.scenario})`, width: 16, value: (r) => lang.statuses[r.s.status] },
  ];
  const title = `${w.title} – ${[m.agency || actual.plan.sheet, m.year, m.periodText].filter((x) => x !== null && x !== '').join(' ')}`;
  const summary = `${lang.sheet.score}: ${f.percent(actual.total.score ?? 0)} → ${f.percent(scenario.total.score ?? 0)}`;
  const rows = actual.rows.map((a, i) => ({ a, s: scenario.rows[i] }));
  // An edited goal stands out.
  const layout = titledTable(name, 'scenario', title, columns, rows, { intro: [summary], rowStyle: (r) => (edited.has(r.a.id) ? { fill: COLORS.warningFill } : null) });
  const { first, last: lastGoal } = tableRows(layout);
  // The totals under the goals, outside the filter.
  layout.values.push([lang.sheet.total, null, actual.total.weight, null, actual.total.score, scenario.total.score, actual.total.earned, scenario.total.earned, scenario.total.earned - actual.total.earned, null]);
  layout.numberFormats.push([null, null, FORMATS.weight, null, FORMATS.percent, FORMATS.percent, FORMATS.earned, FORMATS.earned, FORMATS.earned, null]);
  layout.rowHeights.push(null);
  const last = layout.values.length - 1;
  layout.styles.push({ range: rangeAddress(last, 0, last, columns.length - 1), style: { bold: true, fill: COLORS.totalFill, borderTop: true } });
  layout.conditionalFormats.push({ kind: 'dataBar', range: rangeAddress(first, 8, lastGoal, 8), color: COLORS.dataBar });
  return layout;
}
