/**
 * Excel formulas that compute on the score sheet what the engine computes, so the sheet stays
 * live without the add-in: edit a result, a threshold or a weight and Excel (or LibreOffice)
 * recomputes fulfilment, earned and the totals. Each criterion type brings its own formulas (its
 * `live` member in criteria.ts); here are what all share: the comparison with a target, the
 * partial-credit scales, the lookup tables. A type declared static (a mathjs formula), data on
 * another sheet and a rule over periods keep the engine's value, with a note that says why.
 */
import {
  CRITERION_BY_KEY,
  PACKS,
  STRICT_CAP,
  TOL,
  assessmentFormula,
  type Compare,
  type ComparisonCriterion,
  type CriterionDefinition,
  type LeafFormulas,
  type LiveMeasure,
  type PlanRow,
  type RowRefs,
  type Scale,
  type Scaled,
} from '../engine';
import type { SheetWords } from '../i18n';

// The formula vocabulary the sheet's other formulas share with the criteria's own.
export { ALMOST_ONE, ALMOST_ZERO, TOL, type LeafFormulas, type RowRefs } from '../engine';

/**
 * A number as a formula literal, never in exponent form: HyperFormula, among others, does not
 * read `1E-9`.
 */
export function literal(x: number): string {
  const s = String(x);
  return /e/i.test(s) ? x.toFixed(20).replace(/\.?0+$/, '') : s;
}

const ge = (a: string, b: string) => `${a}>=${b}-${TOL}`;
const le = (a: string, b: string) => `${a}<=${b}+${TOL}`;
const clamp = (x: string) => `MAX(0,MIN(1,${x}))`;

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

/** Why a row keeps the engine's value on the live sheet; the sheet's note names it. */
export type StaticReason = keyof SheetWords['staticReasons'];

/** What keeps a row's value static before any cell is read: its type, data on another sheet, a rule over periods. */
function keptValue(row: PlanRow, def: CriterionDefinition | undefined): StaticReason | null {
  if (row.data) return 'data';
  if (!def) return 'unknown';
  if ('static' in def.live) return def.live.static;
  // A rule over periods reads the year's earlier periods, which the sheet does not hold.
  if (row.periodRule) return 'periods';
  return null;
}

/** Why a row without formulas keeps the engine's value. `type` is the row's criterion type, inferred where the cell is blank. */
export function staticReason(row: PlanRow, type: string | null): StaticReason {
  return keptValue(row, type ? CRITERION_BY_KEY.get(type) : undefined) ?? 'unknown';
}

/**
 * A requirement row's formulas, or null when none can express it (the engine's value is kept):
 * the type's own, or its measure held against the target on the row's scale. `type` is the row's
 * criterion type, inferred where the cell is blank.
 */
export function leafFormulas(row: PlanRow, type: string | null, c: RowRefs): LeafFormulas | null {
  const def = type ? CRITERION_BY_KEY.get(type) : undefined;
  if (!def || keptValue(row, def)) return null;
  if (def.kind !== 'comparison') return 'fulfilment' in def.live ? def.live.fulfilment(c) : null;
  const scale = row.scale ?? { kind: 'binary' as const };
  // A sign in the target sets the direction and strictness, as in the engine (rowCompare, rowTarget).
  const compare = row.target?.compare ?? def.compare;
  const strict = row.target ? (row.target.strict ?? def.strict ?? false) : (def.whenNoTarget?.strict ?? def.strict ?? false);
  const scaled: Scaled = (m, t) => EXCEL_SCALES[scale.kind](m, compare, { ...t, strict }, c.floor, c.partialCredit, scale);
  if ('fulfilment' in def.live) return def.live.fulfilment(c, scaled);
  if ('measure' in def.live) return compared(row, def, def.live.measure(c, row), c, compare, scaled);
  return null;
}

/** A measure held against the row's target, widened by its tolerance, on its scale; blank until every input is there. */
function compared(row: PlanRow, def: ComparisonCriterion, m: LiveMeasure | null, c: RowRefs, compare: Compare, scaled: Scaled): LeafFormulas | null {
  // A row with no target where its type has one of its own (a change that must only go the right way).
  const own = !row.target && def.whenNoTarget && !row.unreadable.includes('target') ? def.whenNoTarget : null;
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
