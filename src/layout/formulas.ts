/**
 * Excel formulas that compute on the score sheet what the engine computes, so the sheet stays
 * live without the add-in: edit a result, a threshold or a weight and Excel (or LibreOffice)
 * recomputes fulfilment, earned and the totals. One entry per criterion type and per scale, like
 * the engine's own tables; a type without an entry (a mathjs formula, data on another sheet)
 * keeps the engine's value, as does a rule over periods.
 */
import { CRITERION_BY_KEY, STRICT_CAP, TOLERANCE, type Compare, PACKS, type PlanRow, type Scale } from '../engine';

/** Addresses of one row's cells on the score sheet; null where the sheet has no such column. */
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

/**
 * A number as a formula literal, never in exponent form: HyperFormula, among others, does not
 * read `1E-9`.
 */
export function literal(x: number): string {
  const s = String(x);
  return /e/i.test(s) ? x.toFixed(20).replace(/\.?0+$/, '') : s;
}

/**
 * The engine's tolerance (criteria.ts TOLERANCE), so both agree on a result that lands on its
 * target; as a power of ten, which every engine reads and which is half as long as the decimal.
 */
export const TOL = `10^${Math.round(Math.log10(TOLERANCE))}`;
/** Just below 1 and just above 0, for comparisons in formulas (never inside a text criterion, which is read in the user's locale). */
export const ALMOST_ONE = `1-${TOL}`;
export const ALMOST_ZERO = TOL;
const ge = (a: string, b: string) => `${a}>=${b}-${TOL}`;
const le = (a: string, b: string) => `${a}<=${b}+${TOL}`;
const clamp = (x: string) => `MAX(0,MIN(1,${x}))`;

/** A measure as an Excel expression, the numbers it needs, and when it cannot be computed. */
interface ExcelMeasure {
  measure: string;
  needs: string[];
  /** A condition under which the row is not assessed (a zero baseline, no cases). */
  invalid?: string;
  /** The input that would meet the target, given the goal bound. */
  required: (goal: string) => string;
}

type MeasureBuilder = (c: RowRefs, row: PlanRow) => ExcelMeasure | null;

const plain: MeasureBuilder = (c) => (c.actual ? { measure: c.actual, needs: [c.actual], required: (goal) => goal } : null);

const change =
  (sign: 1 | -1): MeasureBuilder =>
  (c) =>
    c.actual && c.baseline
      ? {
          measure: sign > 0 ? `(${c.actual}-${c.baseline})/${c.baseline}` : `(${c.baseline}-${c.actual})/${c.baseline}`,
          needs: [c.baseline, c.actual],
          invalid: `${c.baseline}=0`,
          required: (goal) => `${c.baseline}*(1${sign > 0 ? '+' : '-'}${goal})`,
        }
      : null;

/** Measures by criterion type. Milestones, assessments and parents have formulas of their own. */
export const EXCEL_MEASURES: Record<string, MeasureBuilder> = {
  min: plain,
  max: plain,
  range: plain,
  below: plain,
  above: plain,
  reduction: change(-1),
  increase: change(1),
  share: (c, row) => {
    if (row.met !== null || row.total !== null) {
      if (!c.met || !c.total) return null;
      const base = c.excluded ? `(${c.total}-N(${c.excluded}))` : c.total;
      return { measure: `${c.met}/${base}`, needs: [c.met, c.total], invalid: `${base}<=0`, required: (goal) => `ROUNDUP(${goal}*${base}-${TOL},0)` };
    }
    // The score sheet holds a share's actual as a fraction.
    return c.actual ? { measure: c.actual, needs: [c.actual], required: (goal) => goal } : null;
  },
};

interface Bounds {
  lo: string;
  hi: string;
  /** The bound itself fails, as in the engine's strict targets. */
  strict?: boolean;
}

function meets(compare: Compare, m: string, t: Bounds): string {
  if (compare === 'atLeast') return t.strict ? `${m}>${t.lo}+${TOL}` : ge(m, t.lo);
  if (compare === 'atMost') return t.strict ? `${m}<${t.hi}-${TOL}` : le(m, t.hi);
  return `AND(${ge(m, t.lo)},${le(m, t.hi)})`;
}

type ScaleBuilder = (m: string, compare: Compare, t: Bounds, floor: string | null, pc: string, scale: Scale) => string;

/** Partial-credit scales, as the engine's `SCALES`; without a floor, linear and partial fall back to binary. */
export const EXCEL_SCALES: Record<Scale['kind'], ScaleBuilder> = {
  binary: (m, compare, t) => `IF(${meets(compare, m, t)},1,0)`,
  linear: (m, compare, t, floor) => {
    if (!floor) return EXCEL_SCALES.binary(m, compare, t, null, '', { kind: 'binary' });
    const side = (edge: string, emptyWhen: string) => `IF(${emptyWhen},0,${clamp(`(${m}-${floor})/(${edge}-${floor})`)})`;
    const below = side(t.lo, `${floor}>=${t.lo}`);
    const above = side(t.hi, `${floor}<=${t.hi}`);
    const side2 = compare === 'atLeast' ? below : compare === 'atMost' ? above : `IF(${m}<${t.lo},${below},${above})`;
    const partial = t.strict ? `MIN(${literal(STRICT_CAP)},${side2})` : side2;
    return `IF(${meets(compare, m, t)},1,IF(ISNUMBER(${floor}),${partial},0))`;
  },
  partial: (m, compare, t, floor, pc) => {
    if (!floor) return EXCEL_SCALES.binary(m, compare, t, null, '', { kind: 'binary' });
    const reached =
      compare === 'atMost' ? `${m}<=${floor}` : compare === 'atLeast' ? `${m}>=${floor}` : `AND(${m}>=MIN(${floor},${t.lo}),${m}<=MAX(${floor},${t.hi}))`;
    return `IF(${meets(compare, m, t)},1,IF(ISNUMBER(${floor}),IF(${reached},${pc},0),0))`;
  },
  steps: (m, compare, _t, _f, _pc, scale) => {
    const steps = scale.kind === 'steps' ? scale.steps : [];
    const parts = steps.map((s) => `IF(${m}${compare === 'atMost' ? `<=${literal(s.threshold)}+${TOL}` : `>=${literal(s.threshold)}-${TOL}`},${literal(s.credit)},0)`);
    return clamp(parts.length ? `MAX(${parts.join(',')})` : '0');
  },
};

const unique = (words: string[]) => [...new Map(words.map((w) => [w.toLowerCase(), w])).values()];

/**
 * The words of every language, so a Norwegian word scores in a Danish sheet. The score sheet holds
 * them once, in a hidden lookup table, rather than in every row's formula.
 */
export const ASSESSMENT_LOOKUP: [string, 'met' | 'partly' | 'not_met'][] = (['met', 'partly', 'not_met'] as const).flatMap((k) =>
  unique(PACKS.flatMap((p) => [...p.vocabulary.assessments[k], p.statuses[k]])).map((w) => [w, k] as [string, typeof k]),
);
export const COMPLETION_LOOKUP: [string, 1 | 0][] = [
  ...unique(PACKS.flatMap((p) => p.vocabulary.yes)).map((w) => [w, 1] as [string, 1]),
  ...unique(PACKS.flatMap((p) => p.vocabulary.no)).map((w) => [w, 0] as [string, 0]),
];

/** A grade's own credit, or an assessment word's from the lookup table; an unknown word is not assessed. */
export function assessmentFormula(v: string, table: string): string {
  return `IF(ISNUMBER(${v}),MAX(0,MIN(1,${v})),IFERROR(VLOOKUP(${v},${table},2,0),""))`;
}

export interface LeafFormulas {
  fulfilment: string;
  /** The measure shown as the result, where it is one expression. */
  measure: string | null;
  required: string | null;
}

/**
 * A requirement row's fulfilment as a formula, or null when no formula can express it (the
 * engine's value is kept). `type` is the row's criterion type, inferred where the cell is blank.
 */
export function leafFormulas(row: PlanRow, type: string | null, c: RowRefs): LeafFormulas | null {
  // Data on another sheet and rules over periods (which read the year's earlier periods) keep the engine's value.
  if (!type || row.data || row.periodRule) return null;
  const def = CRITERION_BY_KEY.get(type);
  if (!def) return null;
  if (def.kind === 'assessment') return c.assessment ? { fulfilment: `IF(ISBLANK(${c.assessment}),"",${assessmentFormula(c.assessment, c.assessmentTable)})`, measure: null, required: null } : null;
  if (def.kind !== 'comparison') return null;
  const scale = row.scale ?? { kind: 'binary' as const };
  // A sign in the target sets the direction and strictness, as in the engine (rowCompare, rowTarget).
  const compare = row.target?.compare ?? def.compare;
  const strict = row.target ? (row.target.strict ?? def.strict ?? false) : (def.whenNoTarget?.strict ?? def.strict ?? false);
  const scaled = (m: string, t: Bounds) => EXCEL_SCALES[scale.kind](m, compare, { ...t, strict }, c.floor, c.partialCredit, scale);

  if (def.key === 'milestone') {
    if (!c.completed) return null;
    const done = c.completed;
    const dated = c.deadline ? `IF(ISNUMBER(${c.deadline}),${scaled(done, { lo: c.deadline, hi: c.deadline })},1)` : '1';
    return {
      fulfilment: `IF(ISBLANK(${done}),"",IF(ISNUMBER(${done}),${dated},IFERROR(VLOOKUP(${done},${c.completionTable},2,0),"")))`,
      measure: `IF(ISNUMBER(${done}),${done},"")`,
      required: c.deadline,
    };
  }
  const m = EXCEL_MEASURES[def.key]?.(c, row);
  // A row with no target where its type has one of its own (a change that must only go the right way).
  const own = !row.target && def.whenNoTarget ? def.whenNoTarget : null;
  if (!m || (!c.target && !own)) return null;
  const t = own
    ? { lo: literal(own.lo), hi: literal(own.hi) }
    : { lo: c.target!, hi: c.targetHigh && row.target && row.target.lo !== row.target.hi ? c.targetHigh : c.target! };
  const needs = [...m.needs, ...(own ? [] : [t.lo, ...(t.hi !== t.lo ? [t.hi] : [])])];
  // The tolerance widens the bound it is approached from (withTolerance); a blank tolerance is none.
  if (c.tolerance && row.tolerance) {
    const by = (bound: string) => (row.tolerance!.relative ? `ABS(${bound})*N(${c.tolerance})` : `N(${c.tolerance})`);
    if (compare !== 'atMost') t.lo = `(${t.lo}-${by(t.lo)})`;
    if (compare !== 'atLeast') t.hi = `(${t.hi}+${by(t.hi)})`;
  }
  const guard = (body: string) => `IF(COUNT(${needs.join(',')})<${needs.length},"",${m.invalid ? `IF(${m.invalid},"",${body})` : body})`;
  const goal = compare === 'atLeast' ? t.lo : compare === 'atMost' ? t.hi : `IF(${m.measure}<${t.lo},${t.lo},${t.hi})`;
  // A numeric fulfilment means every input is there, so the required value needs no guard of its own.
  return { fulfilment: guard(scaled(m.measure, t)), measure: guard(m.measure), required: m.required(goal) };
}

/** Wraps a computed fulfilment so an assessment typed into the row overrides it, as the engine does. */
export function withOverride(fulfilment: string, c: RowRefs): string {
  return c.assessment ? `IF(ISBLANK(${c.assessment}),${fulfilment},${assessmentFormula(c.assessment, c.assessmentTable)})` : fulfilment;
}
