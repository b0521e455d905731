/**
 * The areas' and the plan's totals kept as running sums over the rows' results, so a what-if edit
 * changes them by what it changed: the edited rows and their goals above, not every row again.
 * Each row's part is kept in columns (its area, whether it counts, as bits and small numbers),
 * not in objects. Sums are kept exactly (non-overlapping partial sums, as Python's `math.fsum`),
 * so a sum changed by an edit is the very number the sum made afresh would be: the totals after
 * any edits do not depend on the order the rows were added in, or taken out and put back.
 */
import type { RowResult, StatusKey, Totals } from './types';

/**
 * A sum of doubles kept exactly as a few partial sums of no common bits (Shewchuk's algorithm),
 * read as the exact sum rounded once.
 */
export class ExactSum {
  private partials: number[] = [];

  add(x: number): void {
    const partials = this.partials;
    let i = 0;
    for (let j = 0; j < partials.length; j++) {
      let y = partials[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }

  /** The exact sum, rounded to the nearest double (half to even), as `math.fsum` rounds it. */
  get value(): number {
    const p = this.partials;
    let n = p.length;
    if (!n) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Half-way cases: the partials left below decide which way `lo` rounds.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }

  copy(): ExactSum {
    const out = new ExactSum();
    out.partials = [...this.partials];
    return out;
  }
}

const STATUS_CODE: Record<StatusKey, number> = { met: 0, partly: 1, not_met: 2, not_assessed: 3 };

/** What an area (or the plan) adds up: the weight, earned and assessed weight of its top goals, and its counted rows by status. */
export class AreaSums {
  weight = new ExactSum();
  earned = new ExactSum();
  assessed = new ExactSum();
  /** Counted rows by status: met, partly, not met, not assessed. */
  counts = new Int32Array(4);
  /** How many top goals the area has. */
  tops = 0;

  copy(): AreaSums {
    const out = new AreaSums();
    out.weight = this.weight.copy();
    out.earned = this.earned.copy();
    out.assessed = this.assessed.copy();
    out.counts = this.counts.slice();
    out.tops = this.tops;
    return out;
  }

  totals(): Totals {
    const weight = this.weight.value;
    const earned = this.earned.value;
    const assessedWeight = this.assessed.value;
    const [met, partly, not_met, not_assessed] = this.counts;
    return {
      weight,
      earned,
      score: weight > 0 ? earned / weight : null,
      assessedWeight,
      maxReachable: earned + (weight - assessedWeight),
      counts: { met, partly, not_met, not_assessed },
    };
  }
}

const TOP = 1;
const COUNTED = 2;

function addRow(sums: AreaSums, r: RowResult, flags: number): void {
  if (flags & TOP) {
    sums.tops++;
    sums.weight.add(r.weight);
    sums.earned.add(r.earned);
    sums.assessed.add(r.assessedWeight);
  }
  if (flags & COUNTED) sums.counts[STATUS_CODE[r.status]]++;
}

/** A row's part taken out and put in again as it is now. A what-if changes no weight; earned and assessed weight move. */
function changeRow(sums: AreaSums, before: RowResult, after: RowResult, flags: number): void {
  if (flags & TOP) {
    sums.earned.add(-before.earned);
    sums.earned.add(after.earned);
    sums.assessed.add(-before.assessedWeight);
    sums.assessed.add(after.assessedWeight);
  }
  if (flags & COUNTED) {
    sums.counts[STATUS_CODE[before.status]]--;
    sums.counts[STATUS_CODE[after.status]]++;
  }
}

/** A row's result changed by an edit: its position, and its result before and after. */
export type Change = [index: number, before: RowResult, after: RowResult];

/**
 * The rows' parts in the totals, by row: the slot of the area it counts in (its top goal's), and
 * whether it is a top goal (its weight and earned count) and a counted row (its status counts).
 */
export class PlanSums {
  private constructor(
    /** Area names by slot, in order of first mention. */
    readonly names: readonly string[],
    private readonly slot: Int32Array,
    private readonly flags: Uint8Array,
    readonly areas: readonly AreaSums[],
    readonly total: AreaSums,
  ) {}

  /** The sums of scored rows: `areaOf` is each row's area for the totals, `counted` whether its status counts. */
  static of(rows: readonly RowResult[], names: readonly string[], areaOf: readonly string[], counted: (row: RowResult) => boolean): PlanSums {
    const slots = new Map(names.map((n, i) => [n, i]));
    const slot = new Int32Array(rows.length);
    const flags = new Uint8Array(rows.length);
    const areas = names.map(() => new AreaSums());
    const total = new AreaSums();
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      slot[i] = slots.get(areaOf[i]) ?? -1;
      flags[i] = (r.parentId === null ? TOP : 0) | (counted(r) ? COUNTED : 0);
      if (slot[i] >= 0) addRow(areas[slot[i]], r, flags[i]);
      addRow(total, r, flags[i]);
    }
    return new PlanSums(names, slot, flags, areas, total);
  }

  /**
   * The sums with some rows' results changed: each changed row's part is taken out and its new
   * part put in, in the areas it touches, which are copied; the others are shared with these.
   */
  changed(changes: readonly Change[]): PlanSums {
    const areas = [...this.areas];
    const total = this.total.copy();
    const copied = new Set<number>();
    for (const [i, before, after] of changes) {
      const s = this.slot[i];
      if (s >= 0 && !copied.has(s) && this.flags[i]) {
        areas[s] = areas[s].copy();
        copied.add(s);
      }
      if (s >= 0) changeRow(areas[s], before, after, this.flags[i]);
      changeRow(total, before, after, this.flags[i]);
    }
    return new PlanSums(this.names, this.slot, this.flags, areas, total);
  }
}
