/** Lays out the consolidated overview: one row per agency, and the goals missed across agencies. */
import { address, rangeAddress, type Overview } from '../engine';
import type { LanguagePack } from '../i18n';
import { addChart, COLORS, FORMATS, STYLES, wrappedRowHeights, type SheetLayout } from './model';
import { titledTable as table, type Column } from './table';

/** Where each submission's score sheet is, by its file and sheet (`sheetKey`). */
export type AgencySheets = Map<string, string>;
export const sheetKey = (file: string, sheet: string) => `${file}\u0000${sheet}`;

export function buildOverviewSheet(overview: Overview, lang: LanguagePack, name: string, agencySheets: AgencySheets = new Map()): SheetLayout {
  const w = lang.sheet.overview;
  const s = lang.sheet;
  type Row = Overview['rows'][number];
  const columns: Column<Row>[] = [
    { header: w.agency, width: 30, value: (r) => r.agency, wrap: true },
    // Score beside the agency: the two columns the chart is drawn from.
    { header: s.columns.fulfilment, width: 12, value: (r) => r.score, format: FORMATS.percent },
    { header: s.earnedOfTotal, width: 10, value: (r) => r.earned, format: FORMATS.earned },
    { header: s.total, width: 10, value: (r) => r.weight, format: FORMATS.weight },
    // Scores that cover different shares of their plans say so.
    ...(new Set(overview.rows.map((r) => r.coverage)).size > 1 ? [{ header: w.coverage, width: 11, value: (r: Row) => r.coverage, format: FORMATS.percent }] : []),
    { header: w.unit, width: 10, value: (r) => w[r.unit] },
    { header: w.year, width: 8, value: (r) => r.year, format: FORMATS.count, center: true },
    { header: w.period, width: 12, value: (r) => r.period || null },
    ...(['met', 'partly', 'not_met', 'not_assessed'] as const).map((k) => ({ header: lang.statuses[k], width: 11, value: (r: Row) => r.counts[k], format: FORMATS.count, center: true })),
    { header: w.file, width: 36, value: (r) => r.file, wrap: true },
  ];
  const when = [overview.year, overview.period].filter((x) => x !== null && x !== '').join(', ');
  const title = when ? `${w.title} – ${when}` : w.title;
  // Rows centred: an icon is drawn in the middle of its row, beside a name that wraps.
  const layout = table(name, 'overview', title, columns, overview.rows, { freezeCols: 1, vAlign: 'middle' });
  // Each agency's name leads to its score sheet.
  layout.links = overview.rows.flatMap((r, i) => {
    const target = agencySheets.get(sheetKey(r.file, r.sheet));
    return target ? [{ cell: address(3 + i, 0), sheet: target, target: 'A1' }] : [];
  });
  const first = 3;
  const last = layout.values.length - 1;
  // The average and the lowest below the table, apart from it so filters and the chart leave them out.
  const summaryRow = layout.values.length + 1;
  layout.values.push([], [w.average, overview.average], [w.lowest, overview.lowest?.score ?? null, overview.lowest?.agency ?? null]);
  layout.numberFormats.push([], [null, FORMATS.percent], [null, FORMATS.percent, null]);
  layout.rowHeights.push(null, null, null);
  layout.styles.push({ range: rangeAddress(summaryRow, 0, summaryRow + 1, 1), style: { bold: true } });
  if (last >= first) {
    const scores = rangeAddress(first, 1, last, 1);
    layout.conditionalFormats.push(
      { kind: 'iconSet', range: scores, icons: '3TrafficLights1', thresholds: [0.5, 0.9] },
      { kind: 'dataBar', range: rangeAddress(first, 2, last, 2), color: COLORS.dataBar, min: 0 },
    );
    addChart(layout, {
      kind: 'barClustered',
      title: w.chart,
      source: rangeAddress(first - 1, 0, last, 1),
      axis: { min: 0, max: 1, format: '0%' },
      anchor: { from: address(summaryRow + 3, 0), to: address(summaryRow + 5 + Math.max(12, overview.rows.length * 2), 6) },
    });
  }
  return layout;
}

export function buildShortfallSheet(overview: Overview, lang: LanguagePack, name: string): SheetLayout {
  const w = lang.sheet.overview;
  const s = lang.sheet.columns;
  type Row = Overview['shortfalls'][number];
  const columns: Column<Row>[] = [
    { header: w.agency, width: 24, value: (r) => r.agency, wrap: true },
    { header: s.id, width: 8, value: (r) => r.id, format: '@' },
    { header: s.title, width: 50, value: (r) => r.title || null, wrap: true },
    { header: s.area, width: 22, value: (r) => r.area || null, wrap: true },
    { header: s.weight, width: 9, value: (r) => r.weight, format: FORMATS.weight },
    { header: s.earned, width: 9, value: (r) => r.earned, format: FORMATS.earned },
    { header: w.lost, width: 9, value: (r) => r.lost, format: FORMATS.earned },
    { header: w.lostShare, width: 12, value: (r) => r.lostShare, format: FORMATS.percent },
    { header: s.status, width: 16, value: (r) => lang.statuses[r.status] },
    { header: s.explanation, width: 50, value: (r) => r.explanation || null, wrap: true },
  ];
  const layout = table(name, 'shortfalls', w.shortfallTitle, columns, overview.shortfalls, { freezeCols: 1 });
  const last = layout.values.length - 1;
  if (last >= 3) layout.conditionalFormats.push({ kind: 'dataBar', range: rangeAddress(3, 7, last, 7), color: 'C50F1F', min: 0 });
  if (overview.notAssessed.length) appendNotAssessed(layout, overview, lang);
  return layout;
}

/**
 * Beside the shortfalls, below them: the goals not assessed, whose results were not reported, so
 * a missing report is not mistaken for a goal met or forgotten.
 */
function appendNotAssessed(layout: SheetLayout, overview: Overview, lang: LanguagePack): void {
  const w = lang.sheet.overview;
  const s = lang.sheet.columns;
  const top = layout.values.length + 1;
  const header = [w.agency, s.id, s.title, s.area, s.weight, null, null, null, s.status, s.explanation];
  const rows = overview.notAssessed.map((r) => [r.agency, r.id, r.title || null, r.area || null, r.weight, null, null, null, lang.statuses[r.status], r.explanation || null]);
  layout.values.push([], [w.notAssessedTitle], header, ...rows);
  layout.numberFormats.push([], [], [], ...rows.map(() => [null, '@', null, null, FORMATS.weight, null, null, null, null, null]));
  layout.rowHeights.push(null, 20, null, ...wrappedRowHeights(rows, layout.columnWidths, [true, false, true, true, false, false, false, false, false, true]));
  layout.styles.push(
    { range: address(top, 0), style: STYLES.section },
    { range: rangeAddress(top + 1, 0, top + 1, header.length - 1), style: STYLES.header },
    { range: rangeAddress(top + 2, 0, top + 1 + rows.length, header.length - 1), style: { vAlign: 'top', wrap: true } },
  );
}

/** A period's name on the trend sheet: `Q2 2024`, or the year alone for a whole year. */
const periodLabel = (p: Overview['periods'][number]) => (p.year === null ? p.period : p.period === String(p.year) ? p.period : `${p.period} ${p.year}`);

/**
 * The ministry over time: each agency's score period by period, the change since the previous
 * period and since the same period last year, the average and the lowest of each period, and a
 * line chart of those. Null for a consolidation of one period.
 */
export function buildTrendSheet(overview: Overview, lang: LanguagePack, name: string): SheetLayout | null {
  const periods = overview.periods;
  if (periods.length < 2) return null;
  const w = lang.sheet.overview;
  const agencies = [...new Set([...overview.rows.map((r) => r.agency), ...periods.flatMap((p) => p.agencies.map((a) => a.agency))])];
  const score = (p: Overview['periods'][number], agency: string) => p.agencies.find((a) => a.agency === agency)?.score ?? null;
  const latest = periods[periods.length - 1];
  const previous = periods[periods.length - 2];
  const lastYear = latest.year === null ? undefined : periods.find((p) => p.year === latest.year! - 1 && p.period === latest.period);
  const change = (from: Overview['periods'][number]) => (agency: string) => {
    const [now, then] = [score(latest, agency), score(from, agency)];
    return now === null || then === null ? null : now - then;
  };
  const columns: Column<string>[] = [
    { header: w.agency, width: 30, value: (a) => a, wrap: true },
    ...periods.map((p) => ({ header: periodLabel(p), width: 10, value: (a: string) => score(p, a), format: FORMATS.percent })),
    { header: w.sinceEarlier.replace('{period}', periodLabel(previous)), width: 14, value: change(previous), format: FORMATS.change, wrap: true },
    ...(lastYear ? [{ header: w.sinceEarlier.replace('{period}', periodLabel(lastYear)), width: 14, value: change(lastYear), format: FORMATS.change, wrap: true }] : []),
  ];
  const layout = table(name, 'trend', w.trendTitle, columns, agencies, { freezeCols: 1 });
  const last = layout.values.length - 1;
  if (last >= 3) layout.conditionalFormats.push({ kind: 'iconSet', range: rangeAddress(3, 1, last, periods.length), icons: '3TrafficLights1', thresholds: [0.5, 0.9] });
  // The average and the lowest of each period under the table, then the block the chart reads.
  const summary = layout.values.length + 1;
  layout.values.push([], [w.average, ...periods.map((p) => p.average)], [w.lowest, ...periods.map((p) => p.lowest?.score ?? null)]);
  layout.numberFormats.push([], [null, ...periods.map(() => FORMATS.percent)], [null, ...periods.map(() => FORMATS.percent)]);
  layout.styles.push({ range: rangeAddress(summary, 0, summary + 1, 0), style: { bold: true } });
  const block = summary + 3;
  layout.values.push([], [w.period, w.average, w.lowest], ...periods.map((p) => [periodLabel(p), p.average, p.lowest?.score ?? null]));
  layout.numberFormats.push([], [], ...periods.map(() => [null, FORMATS.percent, FORMATS.percent]));
  layout.styles.push({ range: rangeAddress(block, 0, block, 2), style: { bold: true } });
  layout.rowHeights.push(...new Array(layout.values.length - layout.rowHeights.length).fill(null));
  addChart(layout, {
    kind: 'line',
    title: w.trendChart,
    source: rangeAddress(block, 0, block + periods.length, 2),
    axis: { min: 0, max: 1, format: '0%' },
    anchor: { from: address(block + periods.length + 2, 0), to: address(block + periods.length + 20, 6) },
  });
  return layout;
}
