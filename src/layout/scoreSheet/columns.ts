/**
 * The score sheet's columns, declared in one table: each column's header key, width, when it
 * appears, its value in a goal row and its number format. The other builders find columns by key
 * in this table, so a column is added or moved here alone.
 */
import { type CriterionKey, countedRows, criterionOf, cellText, type ColumnKey, type PlanResult, type RowResult } from '../../engine';
import type { LanguagePack, ScoreColumnKey } from '../../i18n';
import { FORMATS, type LayoutValue } from '../model';

export interface ScoreColumn {
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
  /** The value where it depends on the whole plan: made once per plan, in place of `value`. */
  of?: (result: PlanResult) => ScoreColumn['value'];
  /** Its number format, one for the column or chosen per row; an empty cell keeps General. */
  format?: string | ((r: RowResult, lang: LanguagePack) => string | null);
  /** Formatted even when empty: its formula may show a value once an input is edited. */
  formatEmpty?: boolean;
}

const EPS = 1e-9;

/** A target written with a sign (`< 40`) keeps it in its number format, so the sheet reads as the plan. */
function signed(r: RowResult, format: string): string {
  const t = r.row.target;
  if (!t?.compare) return format;
  const sign = t.compare === 'atMost' ? (t.strict ? '<' : '≤') : t.strict ? '>' : '≥';
  return `"${sign} "${format}`;
}

/** How a row's target and floor read: percent for share/reduction/increase and where the plan wrote them so, dates for milestones. */
function boundFormat(r: RowResult, lang: LanguagePack): string {
  const def = criterionOf(r.row);
  if (def?.kind === 'comparison' && def.unit === 'date') return lang.sheet.dateFormat;
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

const measureFormat = (r: RowResult, lang: LanguagePack) => (r.measureKind === 'percent' ? FORMATS.percent : r.measureKind === 'date' ? lang.sheet.dateFormat : FORMATS.number);
const notMet = (r: RowResult) => r.fulfilment === null || r.fulfilment < 1 - EPS;

/** What it takes reads in the goal's own unit, as its criterion declares: a level, a percent, a count of cases, a date. */
const REQUIRED_FORMAT = { number: FORMATS.number, percent: FORMATS.percent, count: FORMATS.number } as const;
const requiredFormat = (r: RowResult, lang: LanguagePack): string =>
  r.requiredKind === 'date' ? lang.sheet.dateFormat : r.requiredKind ? REQUIRED_FORMAT[r.requiredKind] : FORMATS.number;

export const SCORE_COLUMNS: readonly ScoreColumn[] = [
  // What a reader needs, together, so the print area is these columns alone.
  { key: 'id', width: 8, value: (r) => r.id, format: '@' },
  { key: 'title', width: 48, wrap: true, value: (r) => r.title || null },
  // Also the summary's value column, wide enough for its score in large type.
  { key: 'weight', width: 10, value: (r) => r.weight, format: FORMATS.weight },
  { key: 'target', width: 11, input: 'target', value: (r) => r.row.target?.lo ?? null, format: (r, lang) => signed(r, boundFormat(r, lang)) },
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
    format: (r, lang) => (r.row.tolerance?.relative ? FORMATS.percent : boundFormat(r, lang)),
  },
  { key: 'periodRule', width: 10, input: 'periodRule', value: (r) => (r.row.cells.periodRule !== undefined ? cellText(r.row.cells.periodRule) : null) },
  { key: 'baseline', width: 12, input: 'baseline', value: (r) => r.row.baseline, format: FORMATS.number },
  { key: 'actual', width: 10, input: 'actual', value: actualValue, format: actualFormat },
  { key: 'met', width: 10, input: 'met', value: (r) => r.row.met, format: FORMATS.number },
  { key: 'total', width: 9, input: 'total', value: (r) => r.row.total, format: FORMATS.number },
  { key: 'excluded', width: 10, input: 'excluded', value: (r) => r.row.excluded, format: FORMATS.number },
  { key: 'deadline', width: 11, input: 'deadline', value: (r) => r.row.deadline, format: (_r, lang) => lang.sheet.dateFormat },
  {
    key: 'completed',
    width: 12,
    input: 'completed',
    value: (r) => {
      const c = r.row.completed;
      return !c ? null : c.date !== null ? c.date : cellText(r.row.cells.completed);
    },
    format: (r, lang) => (r.row.completed?.date != null ? lang.sheet.dateFormat : null),
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
  // Always there, for the user's own notes; a rerun keeps what was typed (see keepNotes).
  { key: 'note', width: 30, wrap: true, value: (r) => r.row.note || null },
  { key: 'level', width: 6, hidden: true, value: (r) => r.level, format: FORMATS.count },
  // The rows the summary counts by status, as the engine counts them: requirements, and a goal judged whole in place of its sub-goals.
  {
    key: 'leaf',
    width: 6,
    hidden: true,
    value: (r) => (r.isParent ? 0 : 1),
    of: (result) => {
      const counted = countedRows(result.rows);
      return (r) => (counted(r) ? 1 : 0);
    },
    format: FORMATS.count,
  },
  { key: 'assessed', width: 8, hidden: true, value: (r) => r.assessedWeight, format: FORMATS.weight },
  // What goalscore computed, for the explanation to tell whether an edit on the sheet changed it.
  { key: 'computed', width: 8, hidden: true, value: (r) => r.fulfilment, format: FORMATS.percent },
  { key: 'computedExplanation', width: 20, hidden: true, value: (r) => r.explanation || null },
  // The plan's note as written, so a rerun can tell a note typed on the score sheet from the plan's.
  { key: 'planNote', width: 20, hidden: true, value: (r) => r.row.note || null },
  // The word lookup table the formulas read (assessment words, then completion words); filled by lookupTable.
  { key: 'lookupWord', width: 14, hidden: true, value: () => null },
  { key: 'lookupValue', width: 6, hidden: true, value: () => null },
];

/** The columns this plan's sheet shows: an input column where the plan sheet has it, and the columns its rows call for. */
export function columnsOf(result: PlanResult): ScoreColumn[] {
  return SCORE_COLUMNS.filter((c) => (!c.input || result.plan.columns[c.input]) && (!c.when || c.when(result))).map((c) => (c.of ? { ...c, value: c.of(result) } : c));
}

/** The word for the weight column: points, weight, or goals for a plan without weights. */
export const unitWordOf = (result: PlanResult, lang: LanguagePack) =>
  result.plan.unit === 'points' ? lang.sheet.columns.points : result.plan.unit === 'count' ? lang.sheet.goals : lang.sheet.columns.weight;
