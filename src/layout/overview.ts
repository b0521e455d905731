/** Lays out the consolidated overview: one row per agency, and the goals missed across agencies. */
import { address, rangeAddress } from '../engine/address';
import type { Overview } from '../engine/consolidate';
import type { LanguagePack } from '../i18n';
import { COLORS, FORMATS, wrappedRowHeights, type LayoutValue, type SheetLayout } from './model';

type Column<T> = { header: string; width: number; value: (row: T) => LayoutValue; format?: string | null; wrap?: boolean };

/** A titled table: the shape both overview sheets share. */
function table<T>(name: string, role: SheetLayout['role'], title: string, columns: Column<T>[], rows: T[]): SheetLayout {
  const width = columns.length;
  const values: LayoutValue[][] = [[title], [], columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))];
  const numberFormats = values.map((_, i) => columns.map((c) => (i > 2 ? (c.format ?? null) : null)));
  const last = values.length - 1;
  const styles: SheetLayout['styles'] = [
    { range: 'A1', style: { bold: true, fontSize: 16, fontColor: COLORS.title } },
    { range: rangeAddress(2, 0, 2, width - 1), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, wrap: true, borderBottom: true } },
  ];
  if (last > 2) styles.push({ range: rangeAddress(3, 0, last, width - 1), style: { vAlign: 'top' } });
  columns.forEach((c, i) => {
    if (c.wrap && last > 2) styles.push({ range: rangeAddress(3, i, last, i), style: { wrap: true } });
  });
  const widths = columns.map((c) => c.width);
  return {
    name,
    role,
    values,
    numberFormats,
    styles,
    columnWidths: widths,
    rowHeights: wrappedRowHeights(values, widths, columns.map((c) => !!c.wrap)).map((h, i) => (i === 0 ? 24 : h)),
    freeze: { rows: 3, cols: 1 },
    conditionalFormats: [],
    notes: [],
    charts: [],
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: 2, last: 2 } },
    autoFilter: last > 2 ? rangeAddress(2, 0, last, width - 1) : undefined,
  };
}

export function buildOverviewSheet(overview: Overview, lang: LanguagePack, name: string): SheetLayout {
  const w = lang.sheet.overview;
  const s = lang.sheet;
  type Row = Overview['rows'][number];
  const columns: Column<Row>[] = [
    { header: w.agency, width: 30, value: (r) => r.agency, wrap: true },
    // Score beside the agency: the two columns the chart is drawn from.
    { header: s.columns.fulfilment, width: 12, value: (r) => r.score, format: FORMATS.percent },
    { header: s.earnedOfTotal, width: 10, value: (r) => r.earned, format: FORMATS.earned },
    { header: s.total, width: 10, value: (r) => r.weight, format: FORMATS.weight },
    { header: w.unit, width: 10, value: (r) => w[r.unit] },
    { header: w.year, width: 8, value: (r) => r.year, format: FORMATS.count },
    { header: w.period, width: 12, value: (r) => r.period || null },
    ...(['met', 'partly', 'not_met', 'not_assessed'] as const).map((k) => ({ header: lang.statuses[k], width: 11, value: (r: Row) => r.counts[k], format: FORMATS.count })),
    { header: w.file, width: 36, value: (r) => r.file, wrap: true },
  ];
  const when = [overview.year, overview.period].filter((x) => x !== null && x !== '').join(', ');
  const title = when ? `${w.title} – ${when}` : w.title;
  const layout = table(name, 'overview', title, columns, overview.rows);
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
    layout.charts.push({
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
  const layout = table(name, 'shortfalls', w.shortfallTitle, columns, overview.shortfalls);
  const last = layout.values.length - 1;
  if (last >= 3) layout.conditionalFormats.push({ kind: 'dataBar', range: rangeAddress(3, 7, last, 7), color: 'C50F1F', min: 0 });
  return layout;
}
