/** Lays out a saved what-if scenario: the plan's actual and the scenario, goal by goal. */
import { rangeAddress } from '../engine/address';
import { formatter } from '../engine/format';
import type { LanguagePack } from '../i18n';
import type { WhatIfEdit } from '../engine/whatif';
import type { PlanResult } from '../engine/types';
import { COLORS, FORMATS, wrappedRowHeights, type LayoutValue, type SheetLayout } from './model';

export function buildScenarioSheet(actual: PlanResult, scenario: PlanResult, edits: WhatIfEdit[], lang: LanguagePack, name: string): SheetLayout {
  const w = lang.sheet.scenario;
  const c = lang.sheet.columns;
  const f = formatter(lang);
  const m = actual.plan.metadata;
  const edited = new Map(edits.filter((e) => e.text.trim() !== '').map((e) => [e.id, e.text]));
  const header = [c.id, c.title, actual.plan.unit === 'points' ? c.points : c.weight, w.input, `${c.fulfilment} (${w.actual})`, `${c.fulfilment} (${w.scenario})`, `${c.earned} (${w.actual})`, `${c.earned} (${w.scenario})`, w.change, `${c.status} (${w.scenario})`];
  const title = `${w.title} – ${[m.agency || actual.plan.sheet, m.year, m.periodText].filter((x) => x !== null && x !== '').join(' ')}`;
  const summary = `${lang.sheet.score}: ${f.percent(actual.total.score ?? 0)} → ${f.percent(scenario.total.score ?? 0)}`;
  const values: LayoutValue[][] = [[title], [summary], [], header];
  const formats: (string | null)[][] = [[], [], [], []];
  const styles: SheetLayout['styles'] = [
    { range: 'A1', style: { bold: true, fontSize: 16, fontColor: COLORS.title } },
    { range: 'A2', style: { bold: true } },
    { range: rangeAddress(3, 0, 3, header.length - 1), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, wrap: true, borderBottom: true } },
  ];
  actual.rows.forEach((a, i) => {
    const s = scenario.rows[i];
    values.push([a.id, a.title || null, a.weight, edited.get(a.id) ?? null, a.fulfilment, s.fulfilment, a.earned, s.earned, s.earned - a.earned, lang.statuses[s.status]]);
    formats.push(['@', null, FORMATS.weight, null, FORMATS.percent, FORMATS.percent, FORMATS.earned, FORMATS.earned, FORMATS.earned, null]);
    if (edited.has(a.id)) styles.push({ range: rangeAddress(values.length - 1, 0, values.length - 1, header.length - 1), style: { fill: COLORS.warningFill } });
  });
  values.push([lang.sheet.total, null, actual.total.weight, null, actual.total.score, scenario.total.score, actual.total.earned, scenario.total.earned, scenario.total.earned - actual.total.earned, null]);
  formats.push([null, null, FORMATS.weight, null, FORMATS.percent, FORMATS.percent, FORMATS.earned, FORMATS.earned, FORMATS.earned, null]);
  const last = values.length - 1;
  styles.push({ range: rangeAddress(last, 0, last, header.length - 1), style: { bold: true, fill: COLORS.totalFill, borderTop: true } });
  styles.push({ range: rangeAddress(4, 1, last, 1), style: { wrap: true, vAlign: 'top' } });
  const widths = [8, 48, 9, 14, 13, 13, 11, 11, 10, 16];
  return {
    name,
    role: 'scenario',
    values,
    numberFormats: formats,
    styles,
    columnWidths: widths,
    rowHeights: wrappedRowHeights(values, widths, widths.map((_, i) => i === 1)).map((h, i) => (i === 0 ? 24 : h)),
    freeze: { rows: 4, cols: 0 },
    conditionalFormats: [{ kind: 'dataBar', range: rangeAddress(4, 8, last - 1, 8), color: COLORS.dataBar }],
    notes: [],
    charts: [],
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: 3, last: 3 } },
  };
}
