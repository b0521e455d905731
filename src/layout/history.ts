/**
 * A compact history beside the goal table of a plan reported per period: a column per period with
 * each goal's fulfilment (and the plan's score on the total row), then a trend arrow from the last
 * period but one to the last. The values are the engine's; history does not change with edits.
 */
import type { SheetWords } from '../i18n';
import { type PlanResult, columnLetter, fill, periodCoverage } from '../engine';
import { COLORS, FORMATS, placeChart, sheetWidth, type ChartLayout, type LayoutValue, type RowSource, type SheetLayout } from './model';
import { ExtendedRows, findRow, gridRows, rowsOf, streamedSheet, withoutCells, type ExtraCell } from './rows';

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

/** The history's cells beside each row: the header's period labels, and each goal's (and the total's) fulfilment by period, trend and forecast. */
function historyCells(rows: RowSource, header: number, titleCol: number, first: number, result: PlanResult, words: SheetWords): (r: number) => ExtraCell[] | null {
  const periods = result.periods ?? [];
  const outlook = result.forecast;
  const byId = periods.map((p) => new Map(p.rows.map((r) => [r.id, r.fulfilment])));
  const heading: ExtraCell[] = [
    ...periods.map((p, i) => ({ col: first + i, value: p.label, format: null })),
    { col: first + periods.length, value: words.trend, format: null },
    ...(outlook ? [{ col: first + periods.length + 1, value: words.forecastColumn, format: null }] : []),
  ];
  return (r) => {
    if (r === header) return heading;
    if (r < header) return null;
    const id = rows.value(r, 0);
    const isTotal = rows.value(r, titleCol) === words.total;
    const series = typeof id === 'string' && id ? byId.map((m) => m.get(id) ?? null) : isTotal ? periods.map((p) => p.score) : null;
    if (!series) return null;
    const cells: ExtraCell[] = series.map((v, i) => ({ col: first + i, value: v, format: FORMATS.percent }));
    cells.push({ col: first + periods.length, value: trend(series), format: null });
    const f = outlook && (isTotal ? outlook.plan : outlook.rows.get(id as string));
    if (f) cells.push({ col: first + periods.length + 1, value: words.forecast[f], format: null });
    return cells;
  };
}

/** What the history puts under the sheet: the three-year table, and the plan's score by period that the line chart reads. */
function historyBelow(result: PlanResult, words: SheetWords): { rows: { values: LayoutValue[]; formats: (string | null)[] }[]; tableAt: number; table: number; block: number } {
  const periods = result.periods ?? [];
  const table = threeYearTable(result, words);
  const rows: { values: LayoutValue[]; formats: (string | null)[] }[] = table.length ? [{ values: [], formats: [] }, ...table] : [];
  const block = rows.length + 1;
  // Where the periods cover the plan unalike, each score says how much of it it covers (beside the chart's data).
  const coverage = periodCoverage(periods);
  const covered = coverage.some((c) => c !== null);
  rows.push(
    { values: [], formats: [] },
    { values: covered ? [null, words.periodColumn, words.score, words.assessedGoals] : [null, words.periodColumn, words.score], formats: [] },
    ...periods.map((p, i) => {
      const c = coverage[i];
      const values: LayoutValue[] = [null, p.label, p.score];
      if (covered) values.push(c && fill(words.periodCoverage, { assessed: c.assessed, total: c.of }));
      return { values, formats: [null, null, FORMATS.percent] };
    }),
  );
  return { rows, tableAt: 1, table: table.length ? table[1].values.length : 0, block };
}

/** The layout with the history columns added, for a plan with more than one period; else as it was. */
export function withHistory(layout: SheetLayout, result: PlanResult, words: SheetWords): SheetLayout {
  const periods = result.periods ?? [];
  if (periods.length < 2) return layout;
  const rows = rowsOf(layout);
  const header = findRow(rows, 0, words.columns.id);
  if (header < 0) return layout;
  const titleCol = rows.row(header).values.indexOf(words.columns.title);
  const first = sheetWidth(layout) + 1;
  const last = first + periods.length + (result.forecast ? 1 : 0);
  const below = historyBelow(result, words);
  // Positions below are counted from the end of the sheet as it was.
  const end = rows.length;
  const tableAt = end + below.tableAt;
  const block = end + below.block;
  const chart: ChartLayout = {
    kind: 'line',
    title: words.scoreByPeriod,
    source: `B${block + 1}:C${block + 1 + periods.length}`,
    anchor: { from: `E${block + 1}`, to: `L${block + 17}` },
    axis: { min: 0, max: 1, format: '0%' },
  };
  const widths = [...layout.columnWidths];
  for (let c = first; c <= last; c++) widths[c] = 9;
  const extended = new ExtendedRows(rows, last + 1, historyCells(rows, header, titleCol, first, result, words), gridRows(below.rows), end);
  return streamedSheet({
    ...withoutCells(layout),
    rows: extended,
    charts: [...layout.charts, placeChart(layout.charts, chart)],
    columnWidths: Array.from(widths, (w) => w ?? 9),
    styles: [
      ...layout.styles,
      { range: `${columnLetter(first)}${header + 1}:${columnLetter(last)}${header + 1}`, style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, hAlign: 'center' } },
      { range: `${columnLetter(first + periods.length)}${header + 2}:${columnLetter(first + periods.length)}${extended.length}`, style: { hAlign: 'center' } },
      ...(below.table
        ? [
            { range: `A${tableAt + 1}`, style: { bold: true } },
            { range: `A${tableAt + 2}:${columnLetter(below.table - 1)}${tableAt + 2}`, style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont } },
          ]
        : []),
    ],
  });
}
