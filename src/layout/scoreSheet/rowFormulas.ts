/**
 * Every goal row's formulas: a requirement's fulfilment from its inputs (the criterion formulas
 * of formulas.ts, with an assessment's override), a parent's from its children, a sub-goal's
 * weight as its share of its parent's, and the status, gain and explanation of each row; and the
 * subtotal and total rows. Same-row references read the same in every row (R1C1), so alike rows
 * share one formulas array, built once: large plans have a few dozen kinds of row.
 */
import { CRITERION, PairCache, inferType, type PlanRow, type RowResult, type Scale, type StatusKey, type Totals } from '../../engine';
import type { LanguagePack, ScoreColumnKey } from '../../i18n';
import { TOL, ALMOST_ONE, ALMOST_ZERO, ASSESSMENT_LOOKUP, COMPLETION_LOOKUP, leafFormulas, literal, staticReason, withOverride, type LeafFormulas, type RowRefs, type StaticReason } from '../formulas';
import { FORMATS } from '../model';
import { absolute } from '../r1c1';
import { blank, runsOf, type Cell, type Grid } from './grid';
import type { GoalOrder } from './order';
import type { Summary } from './summary';

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
export class RowFormulas {
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
    readonly words: LanguagePack['sheet'],
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

  /** The row's formulas; a row no formula can express keeps the engine's value (see staticNote). */
  of(at: number, row: number): (string | null)[] {
    const r = this.results[at];
    const weight = this.weight(r, row);
    const own = r.isParent ? this.parent(r, at, row) : this.leaf(r);
    // Alike rows share one formulas array: it depends only on the row's own formulas and its weight's.
    return this.rowKinds.find(own, weight) ?? this.rowKinds.put(own, weight, this.formulasOf(own, weight));
  }

  /** The note on a requirement whose fulfilment no formula can express, saying why it keeps the engine's value; null for others. */
  staticNote(at: number): string | null {
    const r = this.results[at];
    if (r.isParent || this.leaf(r)) return null;
    return this.staticNotes[staticReason(r.row, r.row.typeKey ?? inferType(r.row))];
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
 * whether it reads data or counts (and a percent typed beside them), whether it has a target (a
 * change without one must only go the right way, one whose target was refused is not judged), a
 * range target, a sign in the target (it changes the comparison), a tolerance and a period rule.
 * A number, so the lookup allocates nothing.
 */
function leafCode(row: PlanRow, type: string | null): number {
  const t = row.target;
  const flags =
    (row.data ? 1 : 0) |
    (row.met !== null ? 2 : 0) |
    (t && t.lo !== t.hi ? 4 : 0) |
    (row.periodRule ? 8 : 0) |
    (t?.compare === 'atLeast' ? 16 : t?.compare === 'atMost' ? 32 : 0) |
    (t?.strict ? 64 : 0) |
    (row.tolerance ? (row.tolerance.relative ? 128 : 256) : 0) |
    (t ? 0 : 512) |
    // A share reads its counts or its typed percent by which are given; a refused target is no target.
    (row.total !== null ? 1024 : 0) |
    (row.actual !== null && (row.met !== null || row.total !== null) ? 2048 : 0) |
    (row.unreadable.includes('target') ? 4096 : 0);
  return (typeCode(row.typeKey) * 1024 + typeCode(type)) * 8192 + flags;
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
