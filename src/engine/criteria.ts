/**
 * Criterion types, declared in one table: each entry says how a row's inputs become a measure,
 * how the measure compares with the target, which actual would have met it, when a row without a
 * type is of it, what a what-if changes, and how a live score sheet computes it. Adding a type is
 * one entry here, its key in `CriterionKey` and its names in each language pack; the compiler asks
 * for each part (docs/extending.md).
 */
import type { Formatter } from './format';
import { writtenAsPercent } from './parse';
import type { ColumnKey, CriterionKey, MessageRef, PlanRow, Target, ValueKind } from './types';

export type { CriterionKey, ValueKind };

/** The row's inputs after data references are resolved (data can fill the actual, met and total). */
export type RowInputs = Pick<PlanRow, 'target' | 'floor' | 'baseline' | 'actual' | 'met' | 'total' | 'excluded' | 'deadline' | 'completed' | 'limit'>;

export type Compare = 'atLeast' | 'atMost' | 'between';
export type MeasureKind = 'number' | 'percent' | 'date';

/**
 * A measure to compare, a fulfilment decided without comparing, or what is missing or wrong. A
 * measure may come with the value the row also states for it (`alongside`: a share typed beside
 * the counts it is computed from), which should agree with it.
 */
export type Measurement =
  | { value: number; text: string; alongside?: number }
  | { fulfilment: number; text: string }
  | { missing: ColumnKey[] }
  | { problem: MessageRef; column: ColumnKey };

/**
 * What a type's required value ("what must we reach?") is, in the goal's own unit: the kind of the
 * input a user would report to meet the target, by the row and its inputs where that varies.
 */
export type RequiredKind = ValueKind | ((row: PlanRow, inputs: RowInputs) => ValueKind);

/** What every type declares besides how it scores: the input a what-if changes, the columns a worksheet function's arguments fill, and when a row without a type is of this type. */
interface CriterionTraits {
  /** The input a what-if of a row of this type changes; none for types decided by their sub-goals. */
  edits?: EditField | ((row: PlanRow) => EditField);
  /** The plan columns GOALSCORE.FULFILMENT's `actual` and `target` arguments fill; default Resultat and Målværdi. */
  args?: { actual: ColumnKey; target: ColumnKey };
  /** A row with no type is of this type when this holds; the lowest rank wins where several do. */
  infer?: { rank: number; when(row: PlanRow): boolean };
  /** It compares the result with a baseline, which last year's result may supply. */
  readsBaseline?: boolean;
  /**
   * The unit of its required value and of the input a what-if changes: a number, a percent, a
   * count of cases or a date. Every type declares it; null for one decided by a verdict, a formula
   * or its sub-goals, which has no value to reach.
   */
  requires: RequiredKind | null;
  /**
   * The unit each input is written in (docs/plan-sheet.md, "Units"): `measure` inputs share the
   * requirement's unit (the first of them that names one, in this order); a `change` is a
   * percentage of the baseline, a `share` a percentage of at most 100 %, a `count` a number of cases.
   */
  units?: Partial<Record<ColumnKey, InputUnit>>;
}

export type InputUnit = 'measure' | 'change' | 'share' | 'count';

export type EditField = 'actual' | 'met' | 'completed' | 'assessment';

/** How far below a target a measure may fall and still meet it: float noise, nothing more. Live score sheets use the same. */
export const TOLERANCE = 1e-9;

/** A strict target not passed earns at most this on a partial scale, so it never reads as met. */
export const STRICT_CAP = 0.999999;

/**
 * The tolerance in formula text, so the live sheet and the engine agree on a result that lands on
 * its target: a power of ten, which every spreadsheet reads (HyperFormula does not read `1E-9`),
 * and half as long as the decimal.
 */
export const TOL = `10^${Math.round(Math.log10(TOLERANCE))}`;
/** Just below 1 and just above 0, for comparisons in formulas (never inside a text criterion, which is read in the user's locale). */
export const ALMOST_ONE = `1-${TOL}`;
export const ALMOST_ZERO = TOL;

/** Addresses of one row's cells on the live score sheet; null where the sheet has no such column. */
export interface RowRefs {
  actual: string | null;
  target: string | null;
  tolerance: string | null;
  targetHigh: string | null;
  floor: string | null;
  baseline: string | null;
  met: string | null;
  total: string | null;
  excluded: string | null;
  deadline: string | null;
  completed: string | null;
  assessment: string | null;
  /** The plan's partial credit, an absolute reference. */
  partialCredit: string;
  /** The sheet's lookup tables of assessment words (credit) and completion words (1 or 0). */
  assessmentTable: string;
  completionTable: string;
}

/** A measure as a formula over the row's cells, which the sheet holds against the target on the row's scale. */
export interface LiveMeasure {
  measure: string;
  /** The cells that must hold numbers for the measure to be computed. */
  needs: string[];
  /** A condition under which the row is not assessed (a zero baseline, no cases). */
  invalid?: string;
  /** The input that would meet the target, given the goal bound: `required` as a formula. */
  required: (goal: string) => string;
}

/** A row's formulas on the live sheet: its fulfilment, the measure shown as its result, and what it takes. */
export interface LeafFormulas {
  fulfilment: string;
  measure: string | null;
  required: string | null;
}

/** A measure held against bounds in the row's direction and on its scale, as the live sheet computes it. */
export type Scaled = (measure: string, bounds: { lo: string; hi: string }) => string;

/**
 * Why a type has no formula on the live sheet, which then keeps the engine's value with a note
 * naming the reason: a formula criterion is computed by mathjs, which spreadsheets do not have.
 */
export type StaticTypeReason = 'formula';

/**
 * How a comparison computes on the live sheet: a measure the sheet compares with the target (the
 * twin of `measure` and `required`), a fulfilment of its own, or the engine's value with a reason.
 * A builder returns null where the sheet lacks a cell it reads.
 */
export type ComparisonLive =
  | { measure: (c: RowRefs, row: PlanRow) => LiveMeasure | null }
  | { fulfilment: (c: RowRefs, scaled: Scaled) => LeafFormulas | null }
  | { static: StaticTypeReason };

/** How a type decided without a comparison computes on the live sheet: from its own cells, from its sub-goals' fulfilments, or not at all. */
export type DirectLive =
  | { fulfilment: (c: RowRefs) => LeafFormulas | null }
  | { subGoals: (fulfilments: readonly string[], count: number) => string }
  | { static: StaticTypeReason };

/** A grade's own credit, or an assessment word's from the sheet's lookup table; an unknown word is not assessed. */
export function assessmentFormula(v: string, table: string): string {
  return `IF(ISNUMBER(${v}),MAX(0,MIN(1,${v})),IFERROR(VLOOKUP(${v},${table},2,0),""))`;
}

export interface ComparisonCriterion extends CriterionTraits {
  key: CriterionKey;
  kind: 'comparison';
  compare: Compare;
  /** The target itself fails (`under 65 dage`, `mere end 90 %`). */
  strict?: boolean;
  /** Target, floor and steps are percent fields (85 = 85 %). */
  percent: boolean;
  /** How the measure reads. */
  unit: MeasureKind;
  /** How the Actual column reads, where it is not a plain number (a share's actual is a percentage). */
  actualUnit?: MeasureKind;
  /** Its target and result may be written as percentages (`mindst 85 %`), and the row then reads in percent. */
  percentWhenWritten?: boolean;
  /** What a data reference yields: the trimmed mean as the actual, met/total within a limit, or the target's percentile as the actual. */
  data: 'mean' | 'withinLimit' | 'percentile';
  /** The target the measure is held against; most types read the Target column. */
  target?(inputs: RowInputs): Target | null;
  /** The target when the row gives none: a change with no size given must only go the right way. */
  whenNoTarget?: Target;
  /** `unit`: how this row reads (`rowUnit`), which a plain comparison written in percent changes. */
  measure(inputs: RowInputs, fmt: Formatter, unit: MeasureKind): Measurement;
  /** Turns the measure that would meet the target into the input a user would need to report, in the unit `requires` declares. */
  required(goal: number, inputs: RowInputs): number | null;
  /** How the live score sheet computes it; a type without formulas says why. */
  live: ComparisonLive;
}

/** Types decided without a comparison: by a text, a formula or the children. */
export interface DirectCriterion extends CriterionTraits {
  key: CriterionKey;
  kind: 'assessment' | 'formula' | 'all';
  percent: false;
  /** How the live score sheet computes it; a type without formulas says why. */
  live: DirectLive;
}

export type CriterionDefinition = ComparisonCriterion | DirectCriterion;

const missing = (inputs: RowInputs, keys: (keyof RowInputs & ColumnKey)[]): ColumnKey[] =>
  keys.filter((k) => inputs[k] === null);

/** A measure that is one cell, with the goal as what it takes. */
const cellMeasure = (cell: string | null): LiveMeasure | null => (cell ? { measure: cell, needs: [cell], required: (goal) => goal } : null);

/** A result compared as it is: its target, floor and result are in one unit. */
export const AS_MEASURED = { target: 'measure', floor: 'measure', actual: 'measure' } as const;

/** min, max and range compare the actual itself. */
function plain<K extends CriterionKey>(key: K, compare: Compare, strict = false): ComparisonCriterion & { key: K } {
  return {
    key,
    kind: 'comparison',
    compare,
    strict,
    edits: 'actual',
    units: AS_MEASURED,
    percent: false,
    unit: 'number',
    percentWhenWritten: true,
    data: 'mean',
    measure: (i, fmt, unit) => (i.actual === null ? { missing: ['actual'] } : { value: i.actual, text: fmt.by(unit, i.actual) }),
    // The result itself, in percent where the row is written so.
    requires: (row) => (row.inPercent ? 'percent' : 'number'),
    required: (goal) => goal,
    live: { measure: (c) => cellMeasure(c.actual) },
  };
}

/** reduction and increase compare the change against the baseline, as a fraction of it. */
function change<K extends CriterionKey>(key: K, sign: 1 | -1): ComparisonCriterion & { key: K } {
  return {
    key,
    kind: 'comparison',
    compare: 'atLeast',
    edits: 'actual',
    readsBaseline: true,
    units: { baseline: 'measure', actual: 'measure', target: 'change', floor: 'change' },
    // "Sagsbehandlingstiden skal falde": strictly better than the baseline.
    whenNoTarget: { lo: 0, hi: 0, strict: true },
    percent: true,
    unit: 'percent',
    data: 'mean',
    measure: (i, fmt) => {
      const gaps = missing(i, ['baseline', 'actual']);
      if (gaps.length) return { missing: gaps };
      const baseline = i.baseline as number;
      const actual = i.actual as number;
      if (baseline === 0) return { problem: { key: 'zeroBaseline' }, column: 'baseline' };
      const value = (sign * (actual - baseline)) / baseline;
      const diff = sign > 0 ? `${fmt.number(actual)} − ${fmt.number(baseline)}` : `${fmt.number(baseline)} − ${fmt.number(actual)}`;
      return { value, text: `(${diff}) / ${fmt.number(baseline)} = ${fmt.percent(value)}` };
    },
    // A level in the baseline's unit: 1.080 from 1.200, not the 10 % the change is.
    requires: (row) => {
      const key = row.cells.baseline !== undefined ? 'baseline' : 'actual';
      return writtenAsPercent(row.cells[key] ?? null, row.formats[key]) ? 'percent' : 'number';
    },
    required: (goal, i) => (i.baseline === null ? null : i.baseline * (1 + sign * goal)),
    live: {
      measure: ({ actual, baseline }) =>
        actual && baseline
          ? {
              measure: sign > 0 ? `(${actual}-${baseline})/${baseline}` : `(${baseline}-${actual})/${baseline}`,
              needs: [baseline, actual],
              invalid: `${baseline}=0`,
              required: (goal) => `${baseline}*(1${sign > 0 ? '+' : '-'}${goal})`,
            }
          : null,
    },
  };
}

/**
 * Whether a share is counted from its cases: both counts given, or counts begun and no share typed.
 * A share typed beside counts that lack one (a total and a percent) is read as typed.
 */
const byCounts = (i: Pick<PlanRow, 'met' | 'total' | 'actual'>) => (i.met !== null && i.total !== null) || (i.actual === null && (i.met !== null || i.total !== null));

/** An actual on a share row is the share itself: 82,4 or 82,4 % or 0.824. */
const asShare = (actual: number) => (Math.abs(actual) > 1 ? actual / 100 : actual);

const share = {
  key: 'share',
  kind: 'comparison',
  // With counts a what-if changes the cases met; without them, the share itself.
  edits: (row) => (byCounts(row) ? 'met' : 'actual'),
  infer: { rank: 2, when: (row) => row.met !== null || row.total !== null || (row.data !== null && row.limit !== null) },
  units: { target: 'share', floor: 'share', actual: 'share', met: 'count', total: 'count', excluded: 'count' },
  compare: 'atLeast',
  percent: true,
  unit: 'percent',
  actualUnit: 'percent',
  data: 'withinLimit',
  measure: (i, fmt) => {
    if (byCounts(i)) {
      const gaps = missing(i, ['met', 'total']);
      if (gaps.length) return { missing: gaps };
      const base = (i.total as number) - (i.excluded ?? 0);
      if (base <= 0) return { problem: { key: 'shareBase', args: { value: fmt.number(base) } }, column: 'total' };
      const value = (i.met as number) / base;
      const denominator = i.excluded ? `(${fmt.number(i.total as number)} − ${fmt.number(i.excluded)})` : fmt.number(base);
      const text = `${fmt.number(i.met as number)} / ${denominator} = ${fmt.percent(value)}`;
      // A share typed beside the counts is checked against them; the counts decide.
      return i.actual === null ? { value, text } : { value, text, alongside: asShare(i.actual) };
    }
    if (i.actual !== null) {
      const value = asShare(i.actual);
      return { value, text: fmt.percent(value) };
    }
    return { missing: ['met', 'total'] };
  },
  // With counts, the cases that must be met; without, the share itself.
  requires: (_row, i) => (i.met !== null && i.total !== null ? 'count' : 'percent'),
  required: (goal, i) => (i.met !== null && i.total !== null ? Math.ceil(goal * (i.total - (i.excluded ?? 0)) - 1e-9) : goal),
  live: {
    measure: (c, row) => {
      // The score sheet holds a share's actual as a fraction.
      if (!byCounts(row)) return cellMeasure(c.actual);
      if (!c.met || !c.total) return null;
      const base = c.excluded ? `(${c.total}-N(${c.excluded}))` : c.total;
      return { measure: `${c.met}/${base}`, needs: [c.met, c.total], invalid: `${base}<=0`, required: (goal) => `ROUNDUP(${goal}*${base}-${TOL},0)` };
    },
  },
} satisfies ComparisonCriterion;

/** The p-th percentile of values as Excel's PERCENTILE.INC computes it: interpolated between the two nearest ranks. */
export function percentileInc(values: readonly number[], p: number): number {
  return percentileOfSorted([...values].sort((a, b) => a - b), p);
}

/** PERCENTILE.INC of values already in ascending order (a data reference's, read once). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const rank = p * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
}

/**
 * A requirement at a percentile: `80 % inden for 11 minutter` is met when the 80th percentile of
 * the times is at most 11 minutes. The result is the percentile's value as reported (`12 min`), or
 * computed from a data reference (PERCENTILE.INC); the live sheet compares the reported value.
 */
const percentile = {
  key: 'percentile',
  kind: 'comparison',
  edits: 'actual',
  infer: { rank: 2.5, when: (row) => row.target?.percentile !== undefined },
  units: AS_MEASURED,
  // Within a time: at most. A sign or word in the target says otherwise (`80. percentil mindst 7`).
  compare: 'atMost',
  percent: false,
  unit: 'number',
  data: 'percentile',
  measure: (i, fmt) => (i.actual === null ? { missing: ['actual'] } : { value: i.actual, text: fmt.number(i.actual) }),
  required: (goal) => goal,
  requires: 'number',
  live: { measure: (c) => cellMeasure(c.actual) },
} satisfies ComparisonCriterion;

const milestone = {
  key: 'milestone',
  kind: 'comparison',
  edits: 'completed',
  args: { actual: 'completed', target: 'deadline' },
  infer: { rank: 1, when: (row) => row.deadline !== null || row.completed !== null },
  compare: 'atMost',
  percent: false,
  unit: 'date',
  data: 'mean',
  target: (i) => (i.deadline === null ? null : { lo: i.deadline, hi: i.deadline }),
  measure: (i, fmt) => {
    if (i.completed === null) return { missing: ['completed'] };
    const { date, done } = i.completed;
    if (!done) return { fulfilment: 0, text: '' };
    if (date === null || i.deadline === null) return { fulfilment: 1, text: date === null ? '' : fmt.date(date) };
    return { value: date, text: fmt.date(date) };
  },
  requires: 'date',
  required: (goal) => goal,
  live: {
    // A completion date is held against the deadline, and met where there is none; `ja` and `nej` count by the completion words.
    fulfilment: ({ completed: done, deadline, completionTable }, scaled) => {
      if (!done) return null;
      const dated = deadline ? `IF(ISNUMBER(${deadline}),${scaled(done, { lo: deadline, hi: deadline })},1)` : '1';
      return {
        fulfilment: `IF(ISBLANK(${done}),"",IF(ISNUMBER(${done}),${dated},IFERROR(VLOOKUP(${done},${completionTable},2,0),"")))`,
        measure: `IF(ISNUMBER(${done}),${done},"")`,
        required: deadline,
      };
    },
  },
} satisfies ComparisonCriterion;

/**
 * Every criterion type, by key: the compiler asks for one entry per `CriterionKey`, each with its
 * live-sheet formulas. The order is the order drop-down lists show.
 */
export const CRITERION = {
  // A row without a type whose target has a direction (`mindst 85 %`, `< 65`, `11 min eller bedre`) or two bounds is compared so.
  min: { ...plain('min', 'atLeast'), infer: { rank: 4, when: (row) => row.baseline === null && impliedCompare(row) === 'atLeast' } },
  max: { ...plain('max', 'atMost'), infer: { rank: 4, when: (row) => row.baseline === null && impliedCompare(row) === 'atMost' } },
  range: { ...plain('range', 'between'), infer: { rank: 4, when: (row) => row.baseline === null && !!row.target && !row.target.compare && row.target.lo !== row.target.hi } },
  below: plain('below', 'atMost', true),
  above: plain('above', 'atLeast', true),
  // A change the goal's words give a way (`Reduceret ventetid` from 120 days), with a target in percent or none.
  reduction: { ...change('reduction', -1), infer: { rank: 4, when: (row) => changeByWords(row) === 'atMost' } },
  increase: { ...change('increase', 1), infer: { rank: 4, when: (row) => changeByWords(row) === 'atLeast' } },
  share,
  percentile,
  milestone,
  assessment: {
    key: 'assessment',
    kind: 'assessment',
    percent: false,
    edits: 'assessment',
    args: { actual: 'assessment', target: 'target' },
    infer: { rank: 3, when: (row) => row.assessment !== null },
    requires: null,
    live: {
      fulfilment: ({ assessment: a, assessmentTable }) => (a ? { fulfilment: `IF(ISBLANK(${a}),"",${assessmentFormula(a, assessmentTable)})`, measure: null, required: null } : null),
    },
  },
  // A formula's result has no unit the plan declares: its what-if takes a plain number.
  formula: { key: 'formula', kind: 'formula', percent: false, edits: 'actual', requires: null, infer: { rank: 0, when: (row) => !!row.formula }, live: { static: 'formula' } },
  all: {
    key: 'all',
    kind: 'all',
    percent: false,
    requires: null,
    live: {
      // Not met as soon as one sub-goal is not fully met; met when all are assessed. No number inside
      // a text criterion (COUNTIF(r,"<0.99")): Excel and LibreOffice read it in the user's locale.
      subGoals: (fulfilments, count) => {
        const failed = fulfilments.map((ref) => `SUMPRODUCT(ISNUMBER(${ref})*(${ref}<${ALMOST_ONE}))`).join('+');
        return `IF((${failed})>0,0,IF(COUNT(${fulfilments.join(',')})=${count},1,""))`;
      },
    },
  },
} satisfies { readonly [K in CriterionKey]: CriterionDefinition & { key: K } };

/**
 * The direction a row without a type states for its one-valued target: a sign or word in it
 * (`mindst 85 %`), else `eller bedre` turned by its unit, else the goal's own words (`Færre klager`).
 */
function impliedCompare(row: PlanRow): Target['compare'] {
  const t = row.target;
  if (!t || t.percentile !== undefined) return undefined;
  if (t.compare) return t.compare;
  return t.lo === t.hi ? (t.better ?? row.wordDirection?.compare) : undefined;
}

/** The way a change is to go that a row with a baseline and no direction in its target states in its words. */
function changeByWords(row: PlanRow): Target['compare'] {
  if (row.baseline === null || row.target?.compare || !row.wordDirection) return undefined;
  // A change's size is a percentage; a bare level beside a baseline says nothing of one.
  return row.target === null || writtenAsPercent(row.cells.target, row.formats.target) ? row.wordDirection.compare : undefined;
}

/** Every criterion type, in the table's order. */
export const CRITERIA: readonly CriterionDefinition[] = Object.values(CRITERION);

export const CRITERION_BY_KEY: ReadonlyMap<string, CriterionDefinition> = new Map(CRITERIA.map((c) => [c.key, c]));

const INFERABLE = CRITERIA.filter((c) => c.infer).sort((a, b) => a.infer!.rank - b.infer!.rank);

/** How a row of a comparison type reads: as its type does, or in percent where a plain comparison is written so. */
export function rowUnit(def: ComparisonCriterion, row: Pick<PlanRow, 'inPercent'>): MeasureKind {
  return def.percentWhenWritten && row.inPercent ? 'percent' : def.unit;
}

/** A leaf without a type is read from what is filled in, by the types that say when they apply. */
export function inferType(row: PlanRow): CriterionKey | null {
  return INFERABLE.find((c) => c.infer!.when(row))?.key ?? null;
}

/** The criterion a row is scored by: its own type, else the type it is read as. */
export function criterionOf(row: PlanRow): CriterionDefinition | undefined {
  const key = row.typeKey ?? inferType(row);
  return key ? CRITERION_BY_KEY.get(key) : undefined;
}

/** The unit of a row's required value and what-if input; null where its type has none. */
export function requiredKind(def: CriterionDefinition, row: PlanRow, inputs: RowInputs = row): ValueKind | null {
  return typeof def.requires === 'function' ? def.requires(row, inputs) : def.requires;
}

/** The input a what-if changes on a row of this type, if any. */
export function editField(def: CriterionDefinition, row: PlanRow): EditField | null {
  if (!def.edits) return null;
  return typeof def.edits === 'function' ? def.edits(row) : def.edits;
}

/** The direction a row compares by: a sign in its target, else its type's. */
export const rowCompare = (def: ComparisonCriterion, target: Target): Compare => target.compare ?? def.compare;

/** The target a row compares with, strict where its sign or its type says so; the target itself where that changes nothing. */
export function rowTarget(def: ComparisonCriterion, target: Target): Target {
  const strict = target.strict ?? def.strict ?? false;
  return strict === !!target.strict ? target : { ...target, strict };
}

/** The target widened by a tolerance on the side it is approached from: within it a result is met. */
export function withTolerance(compare: Compare, target: Target, tolerance: { value: number; relative: boolean } | null): Target {
  if (!tolerance || tolerance.value === 0) return target;
  const by = (bound: number) => (tolerance.relative ? Math.abs(bound) * tolerance.value : tolerance.value);
  return {
    ...target,
    lo: compare === 'atMost' ? target.lo : target.lo - by(target.lo),
    hi: compare === 'atLeast' ? target.hi : target.hi + by(target.hi),
  };
}

/** Whether a measure meets its target in the criterion's direction; a strict target excludes its bound. */
export function meets(compare: Compare, value: number, target: Target): boolean {
  if (compare === 'atLeast') return target.strict ? value > target.lo + TOLERANCE : value >= target.lo - TOLERANCE;
  if (compare === 'atMost') return target.strict ? value < target.hi - TOLERANCE : value <= target.hi + TOLERANCE;
  return value >= target.lo - TOLERANCE && value <= target.hi + TOLERANCE;
}

/** The measure that would meet the target from where the value stands. */
export function goalFor(compare: Compare, value: number, target: Target): number {
  if (compare === 'atLeast') return target.lo;
  if (compare === 'atMost') return target.hi;
  return value < target.lo ? target.lo : target.hi;
}
