/**
 * Lays out a score sheet from a plan result: a title, a summary block, the goal table with the
 * inputs the plan uses, area subtotals and a total row. Columns are declared in one table.
 */
import { address, columnLetter, rangeAddress } from '../engine/address';
import type { LanguagePack, ScoreColumnKey } from '../engine/i18n';
import { cellText } from '../engine/text';
import type { AreaResult, ColumnKey, PlanResult, RowResult, Target, Totals } from '../engine/types';
import { CRITERION_BY_KEY } from '../engine/criteria';
import { COLORS, FORMATS, wrappedRowHeights, type LayoutValue, type SheetLayout } from './model';

type Cell = [LayoutValue, string | null];

interface ScoreColumn {
  key: ScoreColumnKey;
  width: number;
  wrap?: boolean;
  /** Input columns appear only when the plan sheet has them. */
  input?: ColumnKey;
  cell(r: RowResult, lang: LanguagePack): Cell;
}

const blank: Cell = [null, null];

/** How a row's target and floor read: percent for share/reduction/increase, dates for milestones. */
function boundKind(r: RowResult): 'percent' | 'date' | 'number' {
  const def = r.row.typeKey ? CRITERION_BY_KEY.get(r.row.typeKey) : undefined;
  if (def?.kind === 'comparison' && def.unit === 'date') return 'date';
  return def?.percent ? 'percent' : 'number';
}

function bound(value: number | null, kind: 'percent' | 'date' | 'number'): Cell {
  if (value === null) return blank;
  return [value, kind === 'percent' ? FORMATS.percent : kind === 'date' ? FORMATS.date : FORMATS.number];
}

function targetCell(t: Target | null, r: RowResult, lang: LanguagePack): Cell {
  if (!t) return blank;
  const kind = boundKind(r);
  if (t.lo === t.hi) return bound(t.lo, kind);
  const f = new Intl.NumberFormat(lang.locale, { maximumFractionDigits: 2 });
  const show = (n: number) => (kind === 'percent' ? `${f.format(n * 100)} %` : f.format(n));
  return [`${show(t.lo)}–${show(t.hi)}`, null];
}

const num = (n: number | null): Cell => (n === null ? blank : [n, FORMATS.number]);

/** The actual as the criterion reads it: a share's actual is a percentage. */
function actualCell(r: RowResult): Cell {
  const def = r.row.typeKey ? CRITERION_BY_KEY.get(r.row.typeKey) : undefined;
  const a = r.row.actual;
  if (a === null || def?.kind !== 'comparison' || def.actualUnit !== 'percent') return num(a);
  return [Math.abs(a) > 1 ? a / 100 : a, FORMATS.percent];
}

function typeLabel(r: RowResult, lang: LanguagePack): string {
  if (r.isParent) return lang.typeLabels[r.row.typeKey === 'all' ? 'all' : 'sum'];
  return r.row.typeKey ? (lang.typeLabels[r.row.typeKey] ?? r.row.typeKey) : '';
}

export const SCORE_COLUMNS: readonly ScoreColumn[] = [
  { key: 'id', width: 8, cell: (r) => [r.id, '@'] },
  { key: 'area', width: 22, cell: (r) => [r.area || null, null] },
  { key: 'title', width: 48, wrap: true, cell: (r) => [r.title || null, null] },
  { key: 'weight', width: 9, cell: (r) => [r.weight, FORMATS.weight] },
  { key: 'type', width: 13, cell: (r, lang) => [typeLabel(r, lang) || null, null] },
  { key: 'scale', width: 12, input: 'scale', cell: (r) => [r.row.cells.scale ? cellText(r.row.cells.scale.value) : null, null] },
  { key: 'target', width: 11, input: 'target', cell: (r, lang) => targetCell(r.row.target, r, lang) },
  { key: 'floor', width: 11, input: 'floor', cell: (r) => bound(r.row.floor, boundKind(r)) },
  { key: 'baseline', width: 12, input: 'baseline', cell: (r) => num(r.row.baseline) },
  { key: 'actual', width: 10, input: 'actual', cell: (r) => actualCell(r) },
  { key: 'met', width: 10, input: 'met', cell: (r) => num(r.row.met) },
  { key: 'total', width: 9, input: 'total', cell: (r) => num(r.row.total) },
  { key: 'excluded', width: 10, input: 'excluded', cell: (r) => num(r.row.excluded) },
  { key: 'deadline', width: 11, input: 'deadline', cell: (r) => bound(r.row.deadline, 'date') },
  {
    key: 'completed',
    width: 12,
    input: 'completed',
    cell: (r) => {
      const c = r.row.completed;
      if (!c) return blank;
      return c.date !== null ? [c.date, FORMATS.date] : [cellText(r.row.cells.completed?.value), null];
    },
  },
  { key: 'assessment', width: 15, input: 'assessment', cell: (r, lang) => [r.row.assessment ? lang.statuses[r.row.assessment] : null, null] },
  {
    key: 'result',
    width: 11,
    cell: (r) =>
      r.measure === null ? blank : [r.measure, r.measureKind === 'percent' ? FORMATS.percent : r.measureKind === 'date' ? FORMATS.date : FORMATS.number],
  },
  { key: 'fulfilment', width: 12, cell: (r) => (r.fulfilment === null ? blank : [r.fulfilment, FORMATS.percent]) },
  { key: 'earned', width: 10, cell: (r) => [r.earned, FORMATS.earned] },
  { key: 'status', width: 16, cell: (r, lang) => [lang.statuses[r.status], null] },
  { key: 'explanation', width: 50, wrap: true, cell: (r) => [r.explanation || null, null] },
  { key: 'note', width: 30, wrap: true, input: 'note', cell: (r) => [r.row.note || null, null] },
];

/** Row where the goal table's header stands, zero-based; the summary block fills the rows above. */
const SUMMARY_TOP = 2;

export function buildScoreSheet(result: PlanResult, lang: LanguagePack, name: string): SheetLayout {
  const { plan } = result;
  const columns = SCORE_COLUMNS.filter((c) => !c.input || plan.columns[c.input]);
  const col = (key: ScoreColumnKey) => columns.findIndex((c) => c.key === key);
  const width = columns.length;
  const values: LayoutValue[][] = [];
  const formats: (string | null)[][] = [];
  const styles: SheetLayout['styles'] = [];
  const put = (cells: Cell[] | LayoutValue[], rowFormats?: (string | null)[]) => {
    const row: LayoutValue[] = new Array(width).fill(null);
    const fmt: (string | null)[] = rowFormats ?? new Array(width).fill(null);
    cells.forEach((c, i) => {
      if (Array.isArray(c)) {
        row[i] = c[0];
        fmt[i] = c[1];
      } else row[i] = c;
    });
    values.push(row);
    formats.push(fmt);
    return values.length - 1;
  };
  const words = lang.sheet;
  const m = plan.metadata;

  // Title and summary block: labels in the Area column, values in the Goal column.
  const title = [m.agency, [m.year, m.periodText].filter((x) => x !== null && x !== '').join(', ')].filter(Boolean).join(' ');
  put([`${words.title}${title ? ` – ${title}` : ''}`]);
  styles.push({ range: 'A1', style: { bold: true, fontSize: 16, fontColor: COLORS.title } });
  put([`${words.source}: ${plan.sheet}`]);
  styles.push({ range: 'A2', style: { italic: true, fontColor: COLORS.muted } });
  const t = result.total;
  const unitWord = plan.unit === 'points' ? words.columns.points : words.columns.weight;
  const summary: [string, LayoutValue, string | null][] = [
    [words.score, t.score, FORMATS.percent],
    [`${words.earnedOfTotal} (${unitWord.toLowerCase()})`, t.earned, FORMATS.earned],
    [`${words.total} (${unitWord.toLowerCase()})`, t.weight, FORMATS.weight],
    [words.assessedWeight, t.assessedWeight, FORMATS.weight],
    [words.maxReachable, t.maxReachable, FORMATS.earned],
    [words.columns.status, countsText(t, lang), null],
  ];
  const labelCol = 1;
  const valueCol = 2;
  for (const [label, value, format] of summary) {
    const cells: Cell[] = new Array(width).fill(blank);
    cells[labelCol] = [label, null];
    cells[valueCol] = [value, format];
    put(cells);
  }
  const summaryEnd = SUMMARY_TOP + summary.length - 1;
  styles.push({ range: rangeAddress(SUMMARY_TOP, labelCol, summaryEnd, labelCol), style: { bold: true } });
  styles.push({ range: rangeAddress(SUMMARY_TOP, valueCol, summaryEnd, valueCol), style: { hAlign: 'left' } });
  styles.push({ range: address(SUMMARY_TOP, valueCol), style: { bold: true, fontSize: 14 } });
  put([]);

  // The goal table.
  const headerRow = put(columns.map((c) => (c.key === 'weight' ? unitWord : words.columns[c.key])));
  styles.push({
    range: rangeAddress(headerRow, 0, headerRow, width - 1),
    style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, wrap: true, borderBottom: true, vAlign: 'middle' },
  });
  const firstDataRow = headerRow + 1;
  const notes: SheetLayout['notes'] = [];
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  const topArea = (r: RowResult): string => {
    let top = r;
    while (top.parentId !== null) top = byId.get(top.parentId)!;
    return top.area;
  };
  const grouped = new Map<string, RowResult[]>(result.areas.map((a) => [a.name, []]));
  for (const r of result.rows) grouped.get(topArea(r))?.push(r);
  const withSubtotals = result.areas.length > 1 || (result.areas.length === 1 && result.areas[0].name !== '');
  const subtotalRows: number[] = [];
  const parentRows: number[] = [];

  const totalsRow = (label: string, totals: Totals | AreaResult): Cell[] => {
    const cells: Cell[] = new Array(width).fill(blank);
    cells[col('title')] = [label, null];
    cells[col('weight')] = [totals.weight, FORMATS.weight];
    cells[col('earned')] = [totals.earned, FORMATS.earned];
    cells[col('fulfilment')] = [totals.score, FORMATS.percent];
    return cells;
  };

  for (const area of result.areas) {
    for (const r of grouped.get(area.name) ?? []) {
      const at = put(columns.map((c) => c.cell(r, lang)));
      if (r.level > 0) styles.push({ range: address(at, col('title')), style: { indent: Math.min(r.level, 4) } });
      if (r.isParent) parentRows.push(at);
      if (r.overridden) notes.push({ cell: address(at, col('status')), text: words.overridden });
    }
    if (withSubtotals) subtotalRows.push(put(totalsRow(`${words.subtotal} – ${area.name || '—'}`, area)));
  }
  const totalRow = put(totalsRow(words.total, result.total));
  const lastRow = totalRow;

  // Earned against weight per area, in the wide Goal column and the two beside it: the chart's data,
  // kept in the sheet so it stays live.
  put([]);
  const at = col('title');
  const block = (cells: Cell[]): Cell[] => [...new Array(at).fill(blank), ...cells];
  const areaTitleRow = put(block([[words.byArea, null]]));
  const areaHeaderRow = put(block([[words.columns.area, null], [unitWord, null], [words.columns.earned, null]]));
  for (const area of result.areas) put(block([[area.name || '—', null], [area.weight, FORMATS.weight], [area.earned, FORMATS.earned]]));
  const areaLastRow = values.length - 1;
  styles.push({ range: address(areaTitleRow, at), style: { bold: true, fontSize: 12, fontColor: COLORS.title } });
  styles.push({ range: rangeAddress(areaHeaderRow, at, areaHeaderRow, at + 2), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont } });

  for (const row of parentRows) styles.push({ range: rangeAddress(row, 0, row, width - 1), style: { bold: true } });
  for (const row of subtotalRows) {
    styles.push({ range: rangeAddress(row, 0, row, width - 1), style: { bold: true, fill: COLORS.subtotalFill, borderTop: true } });
  }
  styles.push({ range: rangeAddress(totalRow, 0, totalRow, width - 1), style: { bold: true, fill: COLORS.totalFill, borderTop: true, borderBottom: true } });
  for (const c of columns) {
    if (c.wrap) styles.push({ range: rangeAddress(firstDataRow, col(c.key), lastRow, col(c.key)), style: { wrap: true, vAlign: 'top' } });
  }
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, width - 1), style: { vAlign: 'top' } });
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, 0), style: { hAlign: 'left' } });

  const fulfilmentCol = columnLetter(col('fulfilment'));
  const earnedCol = columnLetter(col('earned'));
  return {
    name,
    role: 'score',
    values,
    numberFormats: formats,
    styles,
    columnWidths: columns.map((c) => c.width),
    rowHeights: wrappedRowHeights(values, columns.map((c) => c.width), columns.map((c) => !!c.wrap)).map((h, i) => (i === 0 ? 24 : i === headerRow ? 30 : h)),
    freeze: { rows: headerRow + 1, cols: 0 },
    conditionalFormats: [
      { kind: 'iconSet', range: `${fulfilmentCol}${firstDataRow + 1}:${fulfilmentCol}${lastRow + 1}`, icons: '3TrafficLights1', thresholds: [0, 1], firstExclusive: true },
      // Bars on points earned (not on fulfilment: LibreOffice shows only one rule per range). The grand
      // total is left out so its bar does not dwarf the rows.
      { kind: 'dataBar', range: `${earnedCol}${firstDataRow + 1}:${earnedCol}${lastRow}`, color: COLORS.dataBar, min: 0 },
    ],
    notes,
    charts: [
      {
        kind: 'barClustered',
        title: words.byArea,
        source: rangeAddress(areaHeaderRow, at, areaLastRow, at + 2),
        axis: { min: 0, format: 'General' },
        anchor: { from: address(areaTitleRow, at + 4), to: address(areaTitleRow + Math.max(14, result.areas.length * 2 + 4), Math.min(width - 1, at + 12)) },
      },
    ],
    print: { orientation: 'landscape', fitToWidth: true, repeatRows: { first: headerRow, last: headerRow } },
    autoFilter: rangeAddress(headerRow, 0, lastRow - 1, width - 1),
  };
}

function countsText(t: Totals, lang: LanguagePack): string {
  return (['met', 'partly', 'not_met', 'not_assessed'] as const).map((k) => `${lang.statuses[k]}: ${t.counts[k]}`).join(' · ');
}
