/**
 * A compact history beside the goal table of a plan reported per period: a column per period with
 * each goal's fulfilment (and the plan's score on the total row), then a trend arrow from the last
 * period but one to the last. The values are the engine's; history does not change with edits.
 */
import type { SheetWords } from '../i18n';
import { type PlanResult, columnLetter, fill, periodCoverage } from '../engine';
import { COLORS, FORMATS, extendable, placeChart, sheetWidth, type ChartLayout, type SheetLayout } from './model';

const ARROW = { up: '▲', down: '▼', flat: '▬' } as const;

function trend(values: (number | null)[]): string | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const [before, last] = known.slice(-2);
  return last > before + 1e-9 ? ARROW.up : last < before - 1e-9 ? ARROW.down : ARROW.flat;
}

/** A measure's number format: a date in the language's own way. */
const measureFormat = (kind: 'number' | 'percent' | 'date', words: SheetWords) => (kind === 'date' ? words.dateFormat : kind === 'percent' ? FORMATS.percent : FORMATS.number);

/**
 * The results of the last three years per goal, as the Norwegian annual report prints them for
 * each styringsparameter: a title row, a header row and a row per requirement. Empty for a plan
 * with fewer than two years.
 */
function threeYearTable(result: PlanResult, words: SheetWords): { values: (string | number | null)[]; formats: (string | null)[] }[] {
  const years = (result.periods ?? []).filter((p) => p.period.kind === 'year').slice(-3);
  if (years.length < 2) return [];
  const byYear = years.map((p) => new Map(p.rows.map((r) => [r.id, r.measure])));
  const rows = result.rows
    .filter((r) => !r.isParent && byYear.some((m) => m.get(r.id) != null))
    .map((r) => {
      const format = r.measureKind ? measureFormat(r.measureKind, words) : FORMATS.number;
      return { values: [r.id, r.title, ...byYear.map((m) => m.get(r.id) ?? null)], formats: [null, null, ...years.map(() => format)] };
    });
  return [
    { values: [words.threeYears], formats: [] },
    { values: [words.columns.id, words.columns.title, ...years.map((p) => p.label)], formats: [] },
    ...rows,
  ];
}

/** The layout with the history columns added, for a plan with more than one period; else as it was. */
export function withHistory(layout: SheetLayout, result: PlanResult, words: SheetWords): SheetLayout {
  const periods = result.periods ?? [];
  if (periods.length < 2) return layout;
  const header = layout.values.findIndex((row) => row[0] === words.columns.id);
  if (header < 0) return layout;
  const titleCol = layout.values[header].indexOf(words.columns.title);
  const first = sheetWidth(layout) + 1;
  const byId = periods.map((p) => new Map(p.rows.map((r) => [r.id, r.fulfilment])));
  const { values, formats, put } = extendable(layout);
  periods.forEach((p, i) => put(header, first + i, p.label, null));
  put(header, first + periods.length, words.trend, null);
  const outlook = result.forecast;
  if (outlook) put(header, first + periods.length + 1, words.forecastColumn, null);
  for (let r = header + 1; r < values.length; r++) {
    const id = values[r][0];
    const isTotal = values[r][titleCol] === words.total;
    const series = typeof id === 'string' && id ? byId.map((m) => m.get(id) ?? null) : isTotal ? periods.map((p) => p.score) : null;
    if (!series) continue;
    series.forEach((v, i) => put(r, first + i, v, FORMATS.percent));
    put(r, first + periods.length, trend(series), null);
    const f = outlook && (isTotal ? outlook.plan : outlook.rows.get(id as string));
    if (f) put(r, first + periods.length + 1, words.forecast[f], null);
  }
  const last = first + periods.length + (outlook ? 1 : 0);
  const table = threeYearTable(result, words);
  const tableAt = values.length + 1;
  if (table.length) {
    values.push([], ...table.map((t) => t.values));
    formats.push([], ...table.map((t) => t.formats));
  }
  // The plan's score by period, as a block the line chart reads, under the sheet's content.
  const block = values.length + 1;
  values.push([], [null, null, null], ...periods.map(() => [null, null, null]));
  formats.push([], [], ...periods.map(() => []));
  put(block, 1, words.periodColumn, null);
  put(block, 2, words.score, null);
  periods.forEach((p, i) => {
    put(block + 1 + i, 1, p.label, null);
    put(block + 1 + i, 2, p.score, FORMATS.percent);
  });
  // Where the periods cover the plan unalike, each score says how much of it it covers (beside the chart's data).
  const coverage = periodCoverage(periods);
  if (coverage.some((c) => c !== null)) {
    put(block, 3, words.assessedGoals, null);
    coverage.forEach((c, i) => put(block + 1 + i, 3, c && fill(words.periodCoverage, { assessed: c.assessed, total: c.of }), null));
  }
  const chart: ChartLayout = {
    kind: 'line',
    title: words.scoreByPeriod,
    source: `B${block + 1}:C${block + 1 + periods.length}`,
    anchor: { from: `E${block + 1}`, to: `L${block + 17}` },
    axis: { min: 0, max: 1, format: '0%' },
  };
  const widths = [...layout.columnWidths];
  for (let c = first; c <= last; c++) widths[c] = 9;
  return {
    ...layout,
    values,
    numberFormats: formats,
    rowHeights: [...layout.rowHeights, ...new Array(values.length - layout.rowHeights.length).fill(null)],
    charts: [...layout.charts, placeChart(layout.charts, chart)],
    // Alike rows share their formula arrays; the history holds values only, so formulas stay as they are.
    columnWidths: Array.from(widths, (w) => w ?? 9),
    styles: [
      ...layout.styles,
      { range: `${columnLetter(first)}${header + 1}:${columnLetter(last)}${header + 1}`, style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, hAlign: 'center' } },
      { range: `${columnLetter(first + periods.length)}${header + 2}:${columnLetter(first + periods.length)}${values.length}`, style: { hAlign: 'center' } },
      ...(table.length
        ? [
            { range: `A${tableAt + 1}`, style: { bold: true } },
            { range: `A${tableAt + 2}:${columnLetter(table[1].values.length - 1)}${tableAt + 2}`, style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont } },
          ]
        : []),
    ],
  };
}
