/**
 * Partial-credit scales, declared in one table. Each turns a measure, its target and floor into a
 * fulfilment from 0 to 1 in the criterion's direction.
 */
import { meets, STRICT_CAP, TOLERANCE, type Compare } from './criteria';
import type { MessageKey, Scale, Target } from './types';

export interface ScaleInput {
  value: number;
  target: Target;
  floor: number | null;
  compare: Compare;
  partialCredit: number;
}

export interface ScaleOutcome {
  fulfilment: number;
  /** Set when the scale could not apply as written and fell back to binary. */
  fallback?: MessageKey;
}

const clamp = (x: number) => Math.min(1, Math.max(0, x));
const binary = (s: ScaleInput) => (meets(s.compare, s.value, s.target) ? 1 : 0);

/** Linear from 0 at the floor to 1 at the target, on the side the value falls. */
function linear(s: ScaleInput): ScaleOutcome {
  if (s.floor === null) return { fulfilment: binary(s), fallback: 'linearNeedsFloor' };
  if (meets(s.compare, s.value, s.target)) return { fulfilment: 1 };
  const { value, floor } = s;
  const below = s.compare === 'atLeast' || (s.compare === 'between' && value < s.target.lo);
  const edge = below ? s.target.lo : s.target.hi;
  if (below ? floor >= edge : floor <= edge) return { fulfilment: 0 };
  const credit = clamp((value - floor) / (edge - floor));
  return { fulfilment: s.target.strict ? Math.min(credit, STRICT_CAP) : credit };
}

function partial(s: ScaleInput): ScaleOutcome {
  if (s.floor === null) return { fulfilment: binary(s), fallback: 'partialNeedsFloor' };
  if (meets(s.compare, s.value, s.target)) return { fulfilment: 1 };
  const reached =
    s.compare === 'atMost'
      ? s.value <= s.floor
      : s.compare === 'atLeast'
        ? s.value >= s.floor
        : s.value >= Math.min(s.floor, s.target.lo) && s.value <= Math.max(s.floor, s.target.hi);
  return { fulfilment: reached ? s.partialCredit : 0 };
}

/** The credit of the best step reached; `atMost` criteria reach a step at or below it. */
function steps(s: ScaleInput, list: { threshold: number; credit: number }[]): ScaleOutcome {
  let best = 0;
  for (const step of list) {
    const reached = s.compare === 'atMost' ? s.value <= step.threshold + TOLERANCE : s.value >= step.threshold - TOLERANCE;
    if (reached && step.credit > best) best = step.credit;
  }
  return { fulfilment: clamp(best) };
}

export const SCALES: { [K in Scale['kind']]: (s: ScaleInput, scale: Extract<Scale, { kind: K }>) => ScaleOutcome } = {
  binary: (s) => ({ fulfilment: binary(s) }),
  linear,
  partial,
  steps: (s, scale) => steps(s, scale.steps),
};

export function applyScale(scale: Scale | null, input: ScaleInput): ScaleOutcome {
  const s = scale ?? { kind: 'binary' as const };
  return (SCALES[s.kind] as (i: ScaleInput, sc: Scale) => ScaleOutcome)(input, s);
}
