/**
 * Lays out a score sheet from a plan result: a title, a summary block, the goal table with the
 * inputs the plan uses, area subtotals, a total row and a per-area block for the chart. Every
 * fulfilment, earned, subtotal and total cell is an Excel formula over the sheet's own input
 * cells, stored with the value the engine computed, so the sheet is live without the add-in.
 * Columns are declared in one table.
 */
import { address, columnLetter, rangeAddress } from '../engine/address';
import { CRITERION, type CriterionKey, criterionOf } from '../engine/criteria';
import type { LanguagePack, ScoreColumnKey } from '../i18n';
import { PairCache } from '../engine/memo';
import { inferType } from '../engine/score';
import { cellText } from '../engine/text';
import type { ColumnKey, PayoutStep, PlanResult, PlanRow, RowResult, Scale, StatusKey, Totals } from '../engine/types';
import { TOL, ALMOST_ONE, ALMOST_ZERO, ASSESSMENT_LOOKUP, COMPLETION_LOOKUP, leafFormulas, literal, staticReason, withOverride, type LeafFormulas, type RowRefs, type StaticReason } from './formulas';
import { COLORS, FONTS, FORMATS, STYLES, keepTogether, wrappedRowHeights, type LayoutValue, type PageText, type SheetLayout } from './model';
import { absolute, rc } from './r1c1';

type Cell = [LayoutValue, string | null];

interface ScoreColumn {
  key: ScoreColumnKey;
  width: number;
  wrap?: boolean;
  /** Helper columns the formulas read; hidden from the user. */
  hidden?: boolean;
  /** Input columns appear only when the plan sheet has them. */
  input?: ColumnKey;
  /** Other columns that appear only for some plans. */
  when?: (result: PlanResult) => boolean;
  /** The cell's value in a goal or requirement row. */
  value(r: RowResult, lang: LanguagePack): LayoutValue;
  /** Its number format, one for the column or chosen per row; an empty cell keeps General. */
  format?: string | ((r: RowResult) => string | null);
  /** Formatted even when empty: its formula may show a value once an input is edited. */
  formatEmpty?: boolean;
}

const blank: Cell = [null, null];
const EPS = 1e-9;

const SUMMARY_KEYS = ['score', 'earned', 'weight', 'assessed', 'max', 'partialCredit', 'met', 'partly', 'not_met', 'not_assessed'] as const;
type SummaryKey = (typeof SUMMARY_KEYS)[number] | 'payout';

/** The pay band on the live sheet: the frame times the share of the best step the score reaches (as payoutOf). */
function payoutFormula(score: string, frame: number, steps: PayoutStep[] | null): string {
  if (!steps) return `IF(ISNUMBER(${score}),${literal(frame)}*${score},"")`;
  const share = steps.reduceRight((rest, s) => `IF(${score}>=${literal(s.score)}-${TOL},${literal(s.share)},${rest})`, '0');
  return `IF(ISNUMBER(${score}),${literal(frame)}*${share},"")`;
}

/** A target written with a sign (`< 40`) keeps it in its number format, so the sheet reads as the plan. */
function signed(r: RowResult, format: string): string {
  const t = r.row.target;
  if (!t?.compare) return format;
  const sign = t.compare === 'atMost' ? (t.strict ? '<' : '≤') : t.strict ? '>' : '≥';
  return `"${sign} "${format}`;
}

/** How a row's target and floor read: percent for share/reduction/increase and where the plan wrote them so, dates for milestones. */
function boundFormat(r: RowResult): string {
  const def = criterionOf(r.row);
  if (def?.kind === 'comparison' && def.unit === 'date') return FORMATS.date;
  return def?.percent || r.row.inPercent ? FORMATS.percent : FORMATS.number;
}

const isRange = (r: RowResult) => !!r.row.target && r.row.target.lo !== r.row.target.hi;

/** Whether the criterion reads its actual as a percentage, as a share does. */
function percentActual(r: RowResult): boolean {
  const def = criterionOf(r.row);
  return def?.kind === 'comparison' && def.actualUnit === 'percent';
}

/** The actual's format: a percent where the criterion or the plan reads it as one. */
const actualFormat = (r: RowResult) => (percentActual(r) || r.row.inPercent ? FORMATS.percent : FORMATS.number);

function actualValue(r: RowResult): number | null {
  const a = r.row.actual;
  return a !== null && percentActual(r) && Math.abs(a) > 1 ? a / 100 : a;
}

function typeLabel(r: RowResult, lang: LanguagePack): string {
  if (r.isParent) return lang.typeLabels[r.row.typeKey === 'all' ? 'all' : 'sum'];
  return r.row.typeKey ? (lang.typeLabels[r.row.typeKey as CriterionKey] ?? r.row.typeKey) : '';
}

const measureFormat = (r: RowResult) => (r.measureKind === 'percent' ? FORMATS.percent : r.measureKind === 'date' ? FORMATS.date : FORMATS.number);
const notMet = (r: RowResult) => r.fulfilment === null || r.fulfilment < 1 - EPS;

/** What it takes reads as the measure does; a share counted as a percentage reads as a percent. */
function requiredFormat(r: RowResult): string {
  const def = criterionOf(r.row);
  // A milestone not done (`nej`) has no measure yet, but what it takes is still a date.
  if (r.measureKind === 'date' || (def?.kind === 'comparison' && def.unit === 'date')) return FORMATS.date;
  if (r.row.inPercent) return FORMATS.percent;
  return def?.kind === 'comparison' && def.key === 'share' && r.row.met === null ? FORMATS.percent : FORMATS.number;
}

export const SCORE_COLUMNS: readonly ScoreColumn[] = [
  // What a reader needs, together, so the print area is these columns alone.
  { key: 'id', width: 8, value: (r) => r.id, format: '@' },
  { key: 'title', width: 48, wrap: true, value: (r) => r.title || null },
  // Also the summary's value column, wide enough for its score in large type.
  { key: 'weight', width: 10, value: (r) => r.weight, format: FORMATS.weight },
  { key: 'target', width: 11, input: 'target', value: (r) => r.row.target?.lo ?? null, format: (r) => signed(r, boundFormat(r)) },
  { key: 'targetHigh', width: 11, when: (p) => p.rows.some(isRange), value: (r) => (isRange(r) ? r.row.target!.hi : null), format: boundFormat },
  { key: 'result', width: 11, value: (r) => r.measure, format: measureFormat },
  { key: 'fulfilment', width: 12, value: (r) => r.fulfilment, format: FORMATS.percent },
  { key: 'earned', width: 10, value: (r) => r.earned, format: FORMATS.earned },
  { key: 'status', width: 16, value: (r, lang) => lang.statuses[r.status] },
  { key: 'explanation', width: 50, wrap: true, value: (r) => r.explanation || null },
  // The inputs and what it takes: on the sheet, grouped, outside the print area.
  { key: 'area', width: 22, value: (r) => r.area || null },
  { key: 'type', width: 13, value: (r, lang) => typeLabel(r, lang) || null },
  { key: 'scale', width: 12, input: 'scale', value: (r) => (r.row.cells.scale !== undefined ? cellText(r.row.cells.scale) : null) },
  { key: 'floor', width: 11, input: 'floor', value: (r) => r.row.floor, format: boundFormat },
  {
    key: 'tolerance',
    width: 10,
    input: 'tolerance',
    value: (r) => r.row.tolerance?.value ?? null,
    format: (r) => (r.row.tolerance?.relative ? FORMATS.percent : boundFormat(r)),
  },
  { key: 'periodRule', width: 10, input: 'periodRule', value: (r) => (r.row.cells.periodRule !== undefined ? cellText(r.row.cells.periodRule) : null) },
  { key: 'baseline', width: 12, input: 'baseline', value: (r) => r.row.baseline, format: FORMATS.number },
  { key: 'actual', width: 10, input: 'actual', value: actualValue, format: actualFormat },
  { key: 'met', width: 10, input: 'met', value: (r) => r.row.met, format: FORMATS.number },
  { key: 'total', width: 9, input: 'total', value: (r) => r.row.total, format: FORMATS.number },
  { key: 'excluded', width: 10, input: 'excluded', value: (r) => r.row.excluded, format: FORMATS.number },
  { key: 'deadline', width: 11, input: 'deadline', value: (r) => r.row.deadline, format: FORMATS.date },
  {
    key: 'completed',
    width: 12,
    input: 'completed',
    value: (r) => {
      const c = r.row.completed;
      return !c ? null : c.date !== null ? c.date : cellText(r.row.cells.completed);
    },
    format: (r) => (r.row.completed?.date != null ? FORMATS.date : null),
  },
  // A grade stands as the fraction it is, which the sheet's formulas read as the fulfilment.
  {
    key: 'assessment',
    width: 15,
    input: 'assessment',
    value: (r, lang) => (r.row.assessment ? (r.row.assessment.grade !== null ? r.row.assessment.grade : lang.statuses[r.row.assessment.key]) : null),
    format: (r) => (r.row.assessment?.grade != null ? FORMATS.percent : null),
  },
  {
    key: 'required',
    width: 13,
    value: (r) => (notMet(r) && r.fulfilment !== null ? r.required : null),
    format: requiredFormat,
    formatEmpty: true,
  },
  { key: 'gain', width: 10, value: (r) => (notMet(r) ? r.weight - r.earned : null), format: FORMATS.earned, formatEmpty: true },
  // Always there, for the user's own notes; a rerun keeps what was typed (see keptNotes).
  { key: 'note', width: 30, wrap: true, value: (r) => r.row.note || null },
  { key: 'level', width: 6, hidden: true, value: (r) => r.level, format: FORMATS.count },
  { key: 'leaf', width: 6, hidden: true, value: (r) => (r.isParent ? 0 : 1), format: FORMATS.count },
  { key: 'assessed', width: 8, hidden: true, value: (r) => r.assessedWeight, format: FORMATS.weight },
  // What goalscore computed, for the explanation to tell whether an edit on the sheet changed it.
  { key: 'computed', width: 8, hidden: true, value: (r) => r.fulfilment, format: FORMATS.percent },
  { key: 'computedExplanation', width: 20, hidden: true, value: (r) => r.explanation || null },
  // The plan's note as written, so a rerun can tell a note typed on the score sheet from the plan's.
  { key: 'planNote', width: 20, hidden: true, value: (r) => r.row.note || null },
  // The word lookup table the formulas read (assessment words, then completion words); filled below.
  { key: 'lookupWord', width: 14, hidden: true, value: () => null },
  { key: 'lookupValue', width: 6, hidden: true, value: () => null },
];

/** Whether two rows of formats are the same, cell by cell. */
function sameRow(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return a.length === b.length;
}

/** Ascending row numbers as runs of adjacent rows, `[first, last]`. */
function runsOf(rows: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const last = runs[runs.length - 1];
    if (last && last[1] === row - 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

/**
 * Alike goal rows share one formats row, as they share formulas: a plan of tens of thousands of
 * rows has a few dozen kinds of row, and fewer arrays kept means less for the collector to copy.
 * Rows are found by a hash over small numbers for their formats; a key string per row would
 * allocate more than sharing saves.
 */
class FormatRows {
  private readonly ids = new Map<string, number>();
  /** The format each column saw last and its number: a column mostly repeats its format. */
  private readonly lastFormat: (string | null)[];
  private readonly lastId: Int32Array;
  private readonly byHash = new Map<number, (string | null)[][]>();

  constructor(width: number) {
    this.lastFormat = new Array(width).fill(null);
    this.lastId = new Int32Array(width);
  }

  /** The shared row with these formats; `fmt` is copied, not kept, when it is the first of its kind. */
  share(fmt: readonly (string | null)[]): (string | null)[] {
    let hash = 0;
    for (let i = 0; i < fmt.length; i++) hash = (Math.imul(hash, 31) + this.id(i, fmt[i])) | 0;
    const bucket = this.byHash.get(hash) ?? this.byHash.set(hash, []).get(hash)!;
    for (const shared of bucket) if (sameRow(shared, fmt)) return shared;
    const row = fmt.slice();
    bucket.push(row);
    return row;
  }

  private id(col: number, format: string | null): number {
    if (format === null) return 0;
    if (format === this.lastFormat[col]) return this.lastId[col];
    let id = this.ids.get(format);
    if (id === undefined) this.ids.set(format, (id = this.ids.size + 1));
    this.lastFormat[col] = format;
    this.lastId[col] = id;
    return id;
  }
}

/**
 * The sheet being laid out: the plan's columns, the rows put so far (values, formats, formulas)
 * and the styles and notes. The builders below each add one part.
 */
class Grid {
  readonly values: LayoutValue[][] = [];
  readonly formats: (string | null)[][] = [];
  readonly formulas: (string | null)[][] = [];
  readonly styles: SheetLayout['styles'] = [];
  readonly notes: SheetLayout['notes'] = [];
  readonly width: number;
  private readonly index: Partial<Record<ScoreColumnKey, number>>;
  private readonly scratch: (string | null)[];
  private readonly formatRows: FormatRows;

  constructor(readonly columns: readonly ScoreColumn[], private readonly lang: LanguagePack) {
    this.width = columns.length;
    this.scratch = new Array(this.width).fill(null);
    this.formatRows = new FormatRows(this.width);
    this.index = Object.fromEntries(columns.map((c, i) => [c.key, i]));
  }

  col(key: ScoreColumnKey): number {
    return this.index[key] ?? -1;
  }

  /** A cell in another row, seen from `from`, in R1C1; null where the sheet has no such column. */
  at(key: ScoreColumnKey, row: number, from: number): string | null {
    return this.col(key) < 0 ? null : rc(row, this.col(key), from);
  }

  /** The same row's cell: the same text in every row. */
  here(key: ScoreColumnKey): string | null {
    return this.at(key, 0, 0);
  }

  span(key: ScoreColumnKey, from: number, to: number): string {
    return absolute(from, this.col(key), to, this.col(key));
  }

  /** A row of cells (a value, or a value and its format) and formulas; returns its index. */
  put(cells: Cell[] | LayoutValue[], cellFormulas: (string | null)[] = []): number {
    // Plain loops: this runs once per row of plans with tens of thousands of rows.
    const row: LayoutValue[] = new Array(this.width).fill(null);
    const fmt: (string | null)[] = new Array(this.width).fill(null);
    const f: (string | null)[] = new Array(this.width).fill(null);
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (Array.isArray(c)) {
        row[i] = c[0];
        fmt[i] = c[1];
      } else row[i] = c;
    }
    for (let i = 0; i < cellFormulas.length; i++) if (cellFormulas[i]) f[i] = cellFormulas[i];
    return this.push(row, fmt, f);
  }

  /** A goal or requirement row, straight from the column table: the hot path of large plans. */
  putRow(r: RowResult, rowFormulas: (string | null)[]): number {
    const { width, columns, lang } = this;
    const row: LayoutValue[] = new Array(width);
    const fmt = this.scratch;
    for (let i = 0; i < width; i++) {
      const c = columns[i];
      const v = c.value(r, lang);
      row[i] = v;
      fmt[i] = (v === null && !c.formatEmpty) || c.format === undefined ? null : typeof c.format === 'string' ? c.format : c.format(r);
    }
    return this.push(row, this.formatRows.share(fmt), rowFormulas);
  }

  private push(row: LayoutValue[], fmt: (string | null)[], f: (string | null)[]): number {
    this.values.push(row);
    this.formats.push(fmt);
    this.formulas.push(f);
    return this.values.length - 1;
  }
}

/** The summary's rows: where each figure stands, for formulas to read. */
interface Summary {
  keys: SummaryKey[];
  rows: number[];
  labelCol: number;
  valueCol: number;
  valueAt(k: SummaryKey): string;
  labelAt(k: SummaryKey): string;
}

const SUMMARY_TOP = 2;

/** The word for the weight column: points, weight, or goals for a plan without weights. */
const unitWordOf = (result: PlanResult, lang: LanguagePack) =>
  result.plan.unit === 'points' ? lang.sheet.columns.points : result.plan.unit === 'count' ? lang.sheet.goals : lang.sheet.columns.weight;

/** The title, the source, and the summary: labels in the wide Goal column, values in the Weight column. */
function titleAndSummary(g: Grid, result: PlanResult, lang: LanguagePack): Summary {
  const words = lang.sheet;
  const m = result.plan.metadata;
  const title = [m.agency, [m.year, m.periodText].filter((x) => x !== null && x !== '').join(', ')].filter(Boolean).join(' ');
  g.put([`${words.title}${title ? ` – ${title}` : ''}`]);
  g.styles.push({ range: 'A1', style: STYLES.title });
  g.put([`${words.source}: ${result.plan.sheet}`]);
  g.styles.push({ range: 'A2', style: { italic: true, fontColor: COLORS.muted } });
  const t = result.total;
  const unit = unitWordOf(result, lang).toLowerCase();
  const labelCol = g.col('title');
  const valueCol = g.col('weight');
  // What the pay band pays stands last, where the plan has a performance pay frame.
  const keys: SummaryKey[] = [...SUMMARY_KEYS, ...(m.performancePay !== null ? (['payout'] as const) : [])];
  const labels: Record<SummaryKey, [string, LayoutValue, string | null]> = {
    score: [words.score, t.score, FORMATS.percent],
    earned: [`${words.earnedOfTotal} (${unit})`, t.earned, FORMATS.earned],
    weight: [`${words.total} (${unit})`, t.weight, FORMATS.weight],
    assessed: [words.assessedWeight, t.assessedWeight, FORMATS.weight],
    max: [words.maxReachable, t.maxReachable, FORMATS.earned],
    partialCredit: [lang.vocabulary.metadata.partialCredit[0], m.partialCredit, FORMATS.percent],
    // The status words stand here once; the Status column's formulas read them.
    met: [lang.statuses.met, t.counts.met, FORMATS.count],
    partly: [lang.statuses.partly, t.counts.partly, FORMATS.count],
    not_met: [lang.statuses.not_met, t.counts.not_met, FORMATS.count],
    not_assessed: [lang.statuses.not_assessed, t.counts.not_assessed, FORMATS.count],
    payout: [words.payout, t.payout ?? null, FORMATS.amount],
  };
  const rows = keys.map((k) => {
    const [label, value, format] = labels[k];
    const cells: Cell[] = new Array(g.width).fill(blank);
    cells[labelCol] = [label, null];
    cells[valueCol] = [value, format];
    return g.put(cells);
  });
  const end = SUMMARY_TOP + keys.length - 1;
  g.styles.push({ range: rangeAddress(SUMMARY_TOP, labelCol, end, labelCol), style: { bold: true } });
  g.styles.push({ range: rangeAddress(SUMMARY_TOP, valueCol, end, valueCol), style: { hAlign: 'left' } });
  g.styles.push({ range: address(SUMMARY_TOP, valueCol), style: { bold: true, fontSize: FONTS.figure } });
  g.put([]);
  const rowOf = (k: SummaryKey) => SUMMARY_TOP + keys.indexOf(k);
  return { keys, rows, labelCol, valueCol, valueAt: (k) => absolute(rowOf(k), valueCol), labelAt: (k) => absolute(rowOf(k), labelCol) };
}

/** The summary's figures as formulas over the total row; the status counts over the requirement rows. */
function summaryFormulas(g: Grid, summary: Summary, result: PlanResult, table: GoalTable): void {
  const m = result.plan.metadata;
  const tot = (key: ScoreColumnKey) => absolute(table.totalRow, g.col(key));
  const span = (key: ScoreColumnKey) => g.span(key, table.firstDataRow, table.totalRow - 1);
  const formulas: Record<SummaryKey, string | null> = {
    score: `IF(${tot('weight')}>0,${tot('earned')}/${tot('weight')},"")`,
    earned: `${tot('earned')}`,
    weight: `${tot('weight')}`,
    assessed: `${tot('assessed')}`,
    max: `${tot('earned')}+${tot('weight')}-${tot('assessed')}`,
    partialCredit: null,
    met: null,
    partly: null,
    not_met: null,
    not_assessed: null,
    payout: m.performancePay === null ? null : payoutFormula(summary.valueAt('score'), m.performancePay, m.payoutSteps),
  };
  for (const k of ['met', 'partly', 'not_met', 'not_assessed'] as const) formulas[k] = `COUNTIFS(${span('status')},${summary.labelAt(k)},${span('leaf')},1)`;
  summary.keys.forEach((k, i) => (g.formulas[summary.rows[i]][summary.valueCol] = formulas[k]));
}

/**
 * The goal rows in sheet order, grouped by area in the order areas were met, each area closed by
 * its subtotal. Rows are known by their position in the result's rows: arrays, not maps, on the
 * hot path of large plans.
 */
interface GoalOrder {
  /** Positions of goal rows in the result's rows, or an area whose subtotal stands there. */
  order: (number | { area: string })[];
  /** Each row's children's positions, where it has any. */
  childrenOf: (number[] | undefined)[];
  withSubtotals: boolean;
}

function goalOrder(result: PlanResult): GoalOrder {
  const rows = result.rows;
  const childrenOf: (number[] | undefined)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const p = rows[i].parentIndex;
    if (p >= 0) (childrenOf[p] ??= []).push(i);
  }
  const topArea = (i: number): string => {
    while (rows[i].parentIndex >= 0) i = rows[i].parentIndex;
    return rows[i].area;
  };
  const grouped = new Map<string, number[]>(result.areas.map((a) => [a.name, []]));
  for (let i = 0; i < rows.length; i++) grouped.get(topArea(i))?.push(i);
  const withSubtotals = result.areas.length > 1 || (result.areas.length === 1 && result.areas[0].name !== '');
  const order: (number | { area: string })[] = [];
  for (const area of result.areas) {
    // A loop, not a spread: an area of a hundred thousand rows would overflow the call's arguments.
    const rowsOfArea = grouped.get(area.name) ?? [];
    for (let i = 0; i < rowsOfArea.length; i++) order.push(rowsOfArea[i]);
    if (withSubtotals) order.push({ area: area.name });
  }
  return { order, childrenOf, withSubtotals };
}

/** A parent's own formulas: its fulfilment from its children, and what it earns and has assessed. */
interface ParentFormulas {
  fulfilment: string;
  earned: string;
  assessed: string;
}

/**
 * Every goal row's formulas. Same-row references read the same in every row (R1C1, absolute
 * columns), so rows of one kind share one formulas array, built once.
 */
class RowFormulas {
  private readonly refs: RowRefs;
  private readonly W: string;
  private readonly F: string;
  private readonly E: string;
  private readonly earnedOfOwn: string;
  private readonly assessedOfOwn: string;
  private readonly shared: { status: string; gain: string; explanation: string };
  /** The note on a row that keeps the engine's value, one text a reason. */
  private readonly staticNotes: Record<StaticReason, string>;
  private readonly leafKinds = new PairCache<Scale | null, number, LeafFormulas | null>();
  private readonly parentKinds = new PairCache<boolean, string, ParentFormulas>();
  /** A sub-goal's weight formula depends only on where its parent is and its share of it. */
  private readonly weightShares = new PairCache<number, number, string>();
  private readonly rowKinds = new PairCache<object | null, string | null, (string | null)[]>();

  constructor(
    private readonly g: Grid,
    private readonly words: LanguagePack['sheet'],
    private readonly results: readonly RowResult[],
    private readonly goals: GoalOrder,
    /** Each goal's sheet row, by its position in the result's rows. */
    private readonly rowOf: Int32Array,
    summary: Summary,
    firstDataRow: number,
  ) {
    // The lookup table starts beside the first data row, in the two hidden columns.
    const lookupRange = (from: number, count: number) => absolute(from, g.col('lookupWord'), from + count - 1, g.col('lookupValue'));
    const here = (key: ScoreColumnKey) => g.here(key);
    this.refs = {
      actual: here('actual'), target: here('target'), targetHigh: here('targetHigh'), floor: here('floor'), tolerance: here('tolerance'),
      baseline: here('baseline'), met: here('met'), total: here('total'), excluded: here('excluded'),
      deadline: here('deadline'), completed: here('completed'), assessment: here('assessment'), partialCredit: summary.valueAt('partialCredit'),
      assessmentTable: lookupRange(firstDataRow, ASSESSMENT_LOOKUP.length),
      completionTable: lookupRange(firstDataRow + ASSESSMENT_LOOKUP.length, COMPLETION_LOOKUP.length),
    };
    this.W = here('weight')!;
    this.F = here('fulfilment')!;
    this.E = here('earned')!;
    // N() is 0 for a fulfilment not assessed (""), so earned is too.
    this.earnedOfOwn = `${this.W}*N(${this.F})`;
    this.assessedOfOwn = `${this.W}*ISNUMBER(${this.F})`;
    const statusWord = Object.fromEntries((['met', 'partly', 'not_met', 'not_assessed'] as const).map((k) => [k, summary.labelAt(k)])) as Record<StatusKey, string>;
    const note = (reason: StaticReason) => words.staticNote.replace('{reason}', words.staticReasons[reason]);
    this.staticNotes = { formula: note('formula'), data: note('data'), periods: note('periods'), unknown: note('unknown') };
    this.shared = {
      status: statusFormula(this.F, statusWord),
      gain: `IF(N(${this.F})>=${ALMOST_ONE},"",${this.W}-${this.E})`,
      explanation: explanationFormula(this.F, here('computed')!, here('computedExplanation')!, words.explanationEdited),
    };
  }

  /**
   * The kind is everything leafFormulas reads of the row besides the references that are the same
   * for all: the scale (rows that write the same scale share one) and a number for the rest.
   */
  private leaf(r: RowResult): LeafFormulas | null {
    const row = r.row;
    const type = row.typeKey ?? inferType(row);
    const code = leafCode(row, type);
    const found = this.leafKinds.find(row.scale, code);
    if (found !== undefined) return found;
    const built = leafFormulas(row, type, this.refs);
    return this.leafKinds.put(row.scale, code, built && {
      fulfilment: row.typeKey === 'assessment' ? built.fulfilment : withOverride(built.fulfilment, this.refs),
      measure: built.measure,
      required: built.required && `IF(AND(ISNUMBER(${this.F}),${this.F}<${ALMOST_ONE}),${built.required},"")`,
    });
  }

  /**
   * A parent reads exactly its children's cells, as ranges of adjacent rows: a range over the
   * whole column would hold the parent's own cell, or its parent's, and be circular. Parents
   * differ only in where their children are, so alike parents share their formulas.
   */
  private parent(r: RowResult, at: number, row: number) {
    const all = r.row.typeKey === 'all';
    const kids = (this.goals.childrenOf[at] ?? []).map((k) => this.rowOf[k] - row);
    // Children come in sheet order but for the odd plan; sorting only then spares most parents a sort.
    if (kids.some((k, i) => i > 0 && k < kids[i - 1])) kids.sort((a, b) => a - b);
    const runs = runsOf(kids);
    const where = runs.map(([a, b]) => `${a}:${b}`).join();
    return this.parentKinds.find(all, where) ?? this.parentKinds.put(all, where, this.parentFormulas(all, runs, kids.length));
  }

  private parentFormulas(all: boolean, runs: [number, number][], count: number): ParentFormulas {
    const at = (key: ScoreColumnKey, a: number) => this.g.at(key, a, 0)!;
    const refsOf = (key: ScoreColumnKey) => runs.map(([a, b]) => (a === b ? at(key, a) : `${at(key, a)}:${at(key, b)}`));
    const children = (key: ScoreColumnKey) => `SUM(${refsOf(key).join(',')})`;
    const assessedKids = `COUNT(${refsOf('fulfilment').join(',')})`;
    if (all) return { fulfilment: withOverride(CRITERION.all.live.subGoals(refsOf('fulfilment'), count), this.refs), earned: this.earnedOfOwn, assessed: this.assessedOfOwn };
    const sum = `IF(${assessedKids}=${count},IF(${this.W}>0,MAX(0,MIN(1,${children('earned')}/${this.W})),1),"")`;
    const a = this.refs.assessment;
    const overridden = a ? (x: string, y: string) => `IF(ISBLANK(${a}),${x},${y})` : (x: string) => x;
    return { fulfilment: withOverride(sum, this.refs), earned: overridden(children('earned'), this.earnedOfOwn), assessed: overridden(children('assessed'), this.assessedOfOwn) };
  }

  /** A sub-goal's weight is its share of its parent's, so editing the parent's weight flows down. */
  private weight(r: RowResult, row: number): string | null {
    if (r.parentIndex < 0) return null;
    const parent = this.results[r.parentIndex];
    if (parent.weight <= 0) return null;
    const from = this.rowOf[r.parentIndex] - row;
    const ratio = r.weight / parent.weight;
    return this.weightShares.find(from, ratio) ?? this.weightShares.put(from, ratio, `${this.g.at('weight', from, 0)}*${literal(ratio)}`);
  }

  /** The row's formulas; a row no formula can express keeps the engine's value, with a note. */
  of(at: number, row: number): (string | null)[] {
    const r = this.results[at];
    const weight = this.weight(r, row);
    const own = r.isParent ? this.parent(r, at, row) : this.leaf(r);
    if (!own) this.g.notes.push({ cell: address(row, this.g.col('fulfilment')), text: this.staticNotes[staticReason(r.row, r.row.typeKey ?? inferType(r.row))] });
    // Alike rows share one formulas array: it depends only on the row's own formulas and its weight's.
    return this.rowKinds.find(own, weight) ?? this.rowKinds.put(own, weight, this.formulasOf(own, weight));
  }

  private formulasOf(own: LeafFormulas | ParentFormulas | null, weight: string | null): (string | null)[] {
    const f: (string | null)[] = new Array(this.g.width).fill(null);
    const set = (key: ScoreColumnKey, formula: string | null) => {
      const c = this.g.col(key);
      if (c >= 0 && formula) f[c] = formula;
    };
    set('weight', weight);
    if (own && 'earned' in own) {
      set('fulfilment', own.fulfilment);
      set('earned', own.earned);
      set('assessed', own.assessed);
    } else {
      if (own) {
        set('fulfilment', own.fulfilment);
        set('result', own.measure);
        set('required', own.required);
      }
      set('earned', this.earnedOfOwn);
      set('assessed', this.assessedOfOwn);
    }
    set('status', this.shared.status);
    set('gain', this.shared.gain);
    if (own) set('explanation', this.shared.explanation);
    return f;
  }

  /** A subtotal or total row: the top-level rows' sums between `from` and `to`. */
  totals(label: string, totals: Totals, from: number, to: number): [Cell[], (string | null)[]] {
    const { g } = this;
    const cells: Cell[] = new Array(g.width).fill(blank);
    cells[g.col('title')] = [label, null];
    cells[g.col('weight')] = [totals.weight, FORMATS.weight];
    cells[g.col('earned')] = [totals.earned, FORMATS.earned];
    cells[g.col('fulfilment')] = [totals.score, FORMATS.percent];
    cells[g.col('assessed')] = [totals.assessedWeight, FORMATS.weight];
    const f: (string | null)[] = new Array(g.width).fill(null);
    const top = (key: ScoreColumnKey) => `SUMIFS(${g.span(key, from, to)},${g.span('level', from, to)},0)`;
    f[g.col('weight')] = top('weight');
    f[g.col('earned')] = top('earned');
    f[g.col('assessed')] = top('assessed');
    f[g.col('fulfilment')] = `IF(${this.W}>0,${this.E}/${this.W},"")`;
    return [cells, f];
  }
}

/** Small numbers for type keys, for leafCode. */
const typeCodes = new Map<string | null, number>();
const typeCode = (key: string | null): number => typeCodes.get(key) ?? typeCodes.set(key, typeCodes.size).size - 1;

/**
 * What a leaf's formulas depend on besides its scale, as one number: its written and scored type,
 * whether it reads data or counts, whether it has a target (a change without one must only go the
 * right way), a range target, a sign in the target (it changes the comparison), a tolerance and a
 * period rule. A number, so the lookup allocates nothing.
 */
function leafCode(row: PlanRow, type: string | null): number {
  const t = row.target;
  const flags =
    (row.data ? 1 : 0) |
    (row.met !== null || row.total !== null ? 2 : 0) |
    (t && t.lo !== t.hi ? 4 : 0) |
    (row.periodRule ? 8 : 0) |
    (t?.compare === 'atLeast' ? 16 : t?.compare === 'atMost' ? 32 : 0) |
    (t?.strict ? 64 : 0) |
    (row.tolerance ? (row.tolerance.relative ? 128 : 256) : 0) |
    (t ? 0 : 512);
  return (typeCode(row.typeKey) * 1024 + typeCode(type)) * 1024 + flags;
}

/** Where the goal table's rows stand. */
interface GoalTable {
  headerRow: number;
  firstDataRow: number;
  totalRow: number;
  subtotalRows: number[];
  parentRows: number[];
  areaRows: Map<string, number>;
  /** Each area's rows, its goals and its subtotal, for keeping it on one printed page. */
  areaBlocks: [number, number][];
  indented: Map<number, number[]>;
}

/** The goal table: the header, the goals area by area with subtotals, and the total row. */
function goalTable(g: Grid, result: PlanResult, lang: LanguagePack, summary: Summary): GoalTable {
  const words = lang.sheet;
  const unitWord = unitWordOf(result, lang);
  const headerRow = g.put(g.columns.map((c) => (c.key === 'weight' ? unitWord : words.columns[c.key])));
  g.styles.push({
    range: rangeAddress(headerRow, 0, headerRow, g.width - 1),
    style: STYLES.header,
  });
  g.notes.push({ cell: address(headerRow, g.col('explanation')), text: words.explanationNote.replace('{date}', new Date().toLocaleDateString(lang.locale)) });
  const firstDataRow = headerRow + 1;
  const goals = goalOrder(result);
  // Sheet rows are known before any formula is written, so formulas can point at other rows.
  const rowOf = new Int32Array(result.rows.length);
  for (let i = 0; i < goals.order.length; i++) {
    const item = goals.order[i];
    if (typeof item === 'number') rowOf[item] = firstDataRow + i;
  }
  const formulas = new RowFormulas(g, words, result.rows, goals, rowOf, summary, firstDataRow);
  const table: GoalTable = { headerRow, firstDataRow, totalRow: -1, subtotalRows: [], parentRows: [], areaRows: new Map(), areaBlocks: [], indented: new Map() };
  let areaStart = firstDataRow;
  for (let i = 0; i < goals.order.length; i++) {
    const item = goals.order[i];
    if (typeof item === 'number') {
      const goal = result.rows[item];
      const row = g.putRow(goal, formulas.of(item, rowOf[item]));
      const level = Math.min(goal.level, 4);
      if (level > 0) (table.indented.get(level) ?? table.indented.set(level, []).get(level)!).push(row);
      if (goal.isParent) table.parentRows.push(row);
      if (goal.overridden) g.notes.push({ cell: address(row, g.col('status')), text: words.overridden });
    } else {
      const area = result.areas.find((a) => a.name === item.area)!;
      const row = g.put(...formulas.totals(`${words.subtotal} – ${area.name || '—'}`, area, areaStart, g.values.length - 1));
      table.subtotalRows.push(row);
      table.areaRows.set(area.name, row);
      table.areaBlocks.push([areaStart, row]);
      areaStart = row + 1;
    }
  }
  table.totalRow = g.put(...formulas.totals(words.total, result.total, firstDataRow, firstDataRow + goals.order.length - 1));
  return table;
}

/** Earned against weight per area, under the table in the Goal column and the two beside it: the chart's data. */
function areaBlock(g: Grid, result: PlanResult, lang: LanguagePack, table: GoalTable): { titleRow: number; headerRow: number; lastRow: number; col: number } {
  const words = lang.sheet;
  g.put([]);
  const col = g.col('title');
  const block = (cells: Cell[], f: (string | null)[] = []): number => g.put([...new Array(col).fill(blank), ...cells], [...new Array(col).fill(null), ...f]);
  const titleRow = block([[words.byArea, null]]);
  const headerRow = block([[words.columns.area, null], [unitWordOf(result, lang), null], [words.columns.earned, null]]);
  const withSubtotals = table.subtotalRows.length > 0;
  for (const area of result.areas) {
    const source = withSubtotals ? table.areaRows.get(area.name) : table.totalRow;
    const row = g.values.length;
    const ref = (key: ScoreColumnKey) => (source === undefined ? null : g.at(key, source, row));
    block([[area.name || '—', null], [area.weight, FORMATS.weight], [area.earned, FORMATS.earned]], [null, ref('weight'), ref('earned')]);
  }
  g.styles.push({ range: address(titleRow, col), style: STYLES.block });
  g.styles.push({ range: rangeAddress(headerRow, col, headerRow, col + 2), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont } });
  return { titleRow, headerRow, lastRow: g.values.length - 1, col };
}

/**
 * The word lookup table the formulas read, one word a row in the two hidden columns beside the
 * first data row; an assessment of "partly" earns the plan's partial credit. Filled last, so it
 * never pushes the chart down.
 */
function lookupTable(g: Grid, result: PlanResult, summary: Summary, firstDataRow: number): void {
  const credit = { met: 1, not_met: 0 } as const;
  const partial = result.plan.metadata.partialCredit;
  const lookup: [string, LayoutValue, string | null][] = [
    ...ASSESSMENT_LOOKUP.map(([w, k]) => [w, k === 'partly' ? partial : credit[k], k === 'partly' ? summary.valueAt('partialCredit') : null] as [string, LayoutValue, string | null]),
    ...COMPLETION_LOOKUP.map(([w, v]) => [w, v, null] as [string, LayoutValue, string | null]),
  ];
  lookup.forEach(([word, value, formula], i) => {
    const row = firstDataRow + i;
    while (g.values.length <= row) g.put([]);
    g.values[row][g.col('lookupWord')] = word;
    g.values[row][g.col('lookupValue')] = value;
    if (formula) {
      // The row's formulas may be shared with alike rows: this one gets its own.
      g.formulas[row] = [...g.formulas[row]];
      g.formulas[row][g.col('lookupValue')] = formula;
    }
  });
}

/** Indents, bold parents, subtotal and total rows, alignment and wrapping of the goal table. */
function tableStyles(g: Grid, table: GoalTable): void {
  const { styles, width } = g;
  const { firstDataRow, totalRow: lastRow } = table;
  // One style a run of adjacent rows, not a row: fewer ranges for Excel to format.
  for (const [level, rows] of table.indented) {
    for (const [from, to] of runsOf(rows)) styles.push({ range: rangeAddress(from, g.col('title'), to, g.col('title')), style: { indent: level } });
  }
  for (const [from, to] of runsOf(table.parentRows)) styles.push({ range: rangeAddress(from, 0, to, width - 1), style: { bold: true } });
  for (const row of table.subtotalRows) {
    styles.push({ range: rangeAddress(row, 0, row, width - 1), style: STYLES.subtotal });
  }
  styles.push({ range: rangeAddress(lastRow, 0, lastRow, width - 1), style: STYLES.total });
  // Rows read from the top. LibreOffice draws a traffic light at the foot of its cell whatever the
  // alignment, Excel where the cell aligns: the fulfilment stands at the foot, light and number together.
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, width - 1), style: { vAlign: 'top' } });
  styles.push({ range: rangeAddress(firstDataRow, g.col('fulfilment'), lastRow, g.col('fulfilment')), style: { vAlign: 'bottom' } });
  g.columns.forEach((c, i) => {
    if (c.wrap) styles.push({ range: rangeAddress(firstDataRow, i, lastRow, i), style: { wrap: true } });
  });
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, 0), style: { hAlign: 'left' } });
}

/** Traffic lights on fulfilment, bars on points earned (LibreOffice shows one rule a range); the grand total has no bar, so it does not dwarf the rows. */
function tableRules(g: Grid, table: GoalTable): SheetLayout['conditionalFormats'] {
  const fulfilment = columnLetter(g.col('fulfilment'));
  const earned = columnLetter(g.col('earned'));
  return [
    { kind: 'iconSet', range: `${fulfilment}${table.firstDataRow + 1}:${fulfilment}${table.totalRow + 1}`, icons: '3TrafficLights1', thresholds: [0, 1], firstExclusive: true },
    { kind: 'dataBar', range: `${earned}${table.firstDataRow + 1}:${earned}${table.totalRow}`, color: COLORS.dataBar, min: 0 },
  ];
}

/** Notes typed on the score sheet by the user, by goal ID, to put back in place of the plan's. */
export type KeptNotes = ReadonlyMap<string, string>;

/** Puts the user's own notes back in the note column, each on its goal's row. */
function keepNotes(g: Grid, table: GoalTable, kept: KeptNotes | undefined): void {
  if (!kept?.size) return;
  const id = g.col('id');
  const note = g.col('note');
  for (let r = table.firstDataRow; r < table.totalRow; r++) {
    const text = kept.get(String(g.values[r]?.[id] ?? ''));
    if (text !== undefined) g.values[r][note] = text;
  }
}

export function buildScoreSheet(result: PlanResult, lang: LanguagePack, name: string, kept?: KeptNotes): SheetLayout {
  const { plan } = result;
  const g = new Grid(SCORE_COLUMNS.filter((c) => (!c.input || plan.columns[c.input]) && (!c.when || c.when(result))), lang);
  const summary = titleAndSummary(g, result, lang);
  const table = goalTable(g, result, lang, summary);
  summaryFormulas(g, summary, result, table);
  const block = areaBlock(g, result, lang, table);
  lookupTable(g, result, summary, table.firstDataRow);
  tableStyles(g, table);
  keepNotes(g, table, kept);

  // The chart right under the table, beside its data, within the printed columns.
  const lastPrinted = g.col('explanation');
  const firstHidden = g.columns.findIndex((c) => c.hidden);
  const chartBottom = block.titleRow + Math.max(14, result.areas.length * 2 + 4);
  const widths = g.columns.map((c) => c.width);
  const rowHeights = wrappedRowHeights(g.values, widths, g.columns.map((c) => !!c.wrap)).map((h, i) => (i === 0 ? 24 : i === table.headerRow ? 30 : h));
  return {
    name,
    role: 'score',
    values: g.values,
    numberFormats: g.formats,
    formulas: g.formulas,
    styles: g.styles,
    columnWidths: widths,
    hiddenColumns: g.columns.flatMap((c, i) => (c.hidden ? [i] : [])),
    rowHeights,
    rowBreaks: keepTogether(table.areaBlocks, rowHeights, widths.slice(0, lastPrinted + 1), 'landscape', table.headerRow),
    freeze: { rows: table.headerRow + 1, cols: 0 },
    conditionalFormats: tableRules(g, table),
    notes: g.notes,
    charts: [
      {
        kind: 'barClustered',
        title: lang.sheet.byArea,
        source: rangeAddress(block.headerRow, block.col, block.lastRow, block.col + 2),
        axis: { min: 0, format: 'General' },
        anchor: { from: address(block.titleRow, Math.min(block.col + 4, lastPrinted - 1)), to: address(chartBottom, lastPrinted + 1) },
      },
    ],
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      repeatRows: { first: table.headerRow, last: table.headerRow },
      area: rangeAddress(0, 0, Math.max(chartBottom, block.lastRow), lastPrinted),
      ...pageHeaderFooter(result, lang),
    },
    outlineColumns: lastPrinted + 1 < firstHidden ? [lastPrinted + 1, firstHidden - 1] : undefined,
    // The filter leaves out the hidden helper columns, so sorting the goals never moves the lookup table.
    autoFilter: rangeAddress(table.headerRow, 0, table.totalRow - 1, firstHidden - 1),
    shape: {
      key: [g.columns.map((c) => c.key).join(','), result.rows.map((r) => r.id).join(',')].join('|'),
      id: g.col('id'),
      note: g.col('note'),
      planNote: g.col('planNote'),
      first: table.firstDataRow,
      last: table.totalRow - 1,
    },
  };
}

/** Excel's page codes take `&` as their sign; text keeps its own by doubling it. */
const pageText = (text: string) => text.replace(/&/g, '&&');

/** The agency in bold on the left and the year and period on the right; the page and the date below. */
function pageHeaderFooter(result: PlanResult, lang: LanguagePack): { header: PageText; footer: PageText } {
  const m = result.plan.metadata;
  const when = [m.year, m.periodText].filter((x) => x !== null && x !== '').join(' ');
  return {
    header: { left: `&"-,Bold"${pageText(m.agency || result.plan.sheet)}`, right: pageText(when) },
    footer: { left: pageText(lang.sheet.pageFooter).replace('{page}', '&P').replace('{pages}', '&N'), right: '&D' },
  };
}

/** Text as a formula's string literal. */
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The explanation as a formula: goalscore's own while the live fulfilment is the one it computed,
 * else a sentence saying the row was edited, with the fulfilment now and then, so an explanation
 * never describes numbers that are no longer there.
 */
function explanationFormula(f: string, computed: string, text: string, edited: string): string {
  const same = `IF(ISNUMBER(${f}),AND(ISNUMBER(${computed}),ABS(${f}-N(${computed}))<${TOL}),NOT(ISNUMBER(${computed})))`;
  const percent = (v: string) => `IF(ISNUMBER(${v}),ROUND(${v}*100,1)&" %","–")`;
  const [before, rest] = edited.split('{now}');
  const [middle, after] = rest.split('{then}');
  return `IF(${same},${text}&"",${quoted(before)}&${percent(f)}&${quoted(middle)}&${percent(computed)}&${quoted(after)})`;
}

/**
 * Status words from the fulfilment, as the engine's `statusOf`; the words are the summary's labels
 * (met, partly, not met in adjacent rows), picked by how far below 1 the fulfilment is.
 */
function statusFormula(f: string, word: Record<StatusKey, string>): string {
  const range = `${word.met}:${word.not_met}`;
  return `IF(ISNUMBER(${f}),INDEX(${range},1+(${f}<${ALMOST_ONE})+(${f}<=${ALMOST_ZERO})),${word.not_assessed})`;
}
