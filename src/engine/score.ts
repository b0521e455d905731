/**
 * Scores a plan: builds the hierarchy from the IDs, shares each parent's weight among its
 * children, evaluates every criterion, applies scales and assessment overrides, and adds up the
 * areas and the plan. Linear in the number of rows.
 */
import { assessmentCredit, graded } from './assessment';
import { address, rowCellAddress } from './address';
import { criterionOf, CRITERION_BY_KEY, goalFor, inferType, meets, percentileOfSorted, requiredKind, rowCompare, rowTarget, rowUnit, TOLERANCE, withTolerance, type ComparisonCriterion, type MeasureKind, type RowInputs } from './criteria';
import { compileFormula, toFulfilment } from './formula';
import { formatter, SILENT, type Formatter } from './format';
import { enginePack, type EnginePack } from './i18n';
import { parseFraction, parseNumberText } from './parse';
import { cellText } from './text';
import { numberText, unitOf } from './units';
import { countAtMost, dataReader, isRefused, type DataReader, type DataRefused, type DataSource, type NumberSummary } from './dataRefs';
import { applyScale, type ScaleOutcome } from './scales';
import { judgePeriods, PERIODS_PER_YEAR } from './periodRule';
import { childrenFirst, fromTheTop, parentsFirst } from './tree';
import { PlanSums, type AreaSums, type Change } from './sums';
import { emptyFields, ResultColumns } from './resultColumns';
import type {
  AreaDeclaration,
  AreaResult,
  PlanMetadata,
  ColumnKey,
  MessageRef,
  Plan,
  PlanResult,
  PlanRow,
  Problem,
  RowResult,
  Severity,
  StatusKey,
  Target,
  ValueKind,
} from './types';

export interface ScoreOptions {
  /** Language of explanations; problems stay language-neutral message references. */
  lang?: EnginePack | string;
  /**
   * The values a data reference points at, or null when its sheet does not exist. Plans scored
   * with the same function share what it read, and its budget of cells (src/engine/dataRefs.ts).
   */
  data?: DataSource;
  /** Write the one-line explanations (default). What-if scoring as the user types does without. */
  explain?: boolean;
}

/** Names a formula may read, each one of the row's inputs. */
export const FORMULA_VARIABLES = ['actual', 'target', 'floor', 'baseline', 'met', 'total', 'excluded'] as const;

const EPS = 1e-9;

/** How an explanation writes a comparison: met, then not met. */
const COMPARISON_SYMBOLS = { atLeast: ['≥', '<'], atMost: ['≤', '>'], between: ['∈', '∉'] } as const;
const STRICT_SYMBOLS = { atLeast: ['>', '≤'], atMost: ['<', '≥'], between: ['∈', '∉'] } as const;

interface Node {
  row: PlanRow;
  /** The row's position in the plan's rows, which is its result's position too. */
  index: number;
  parent: Node | null;
  children: Node[];
  level: number;
  /** The row's own weight before sharing: declared, else the sum of its children's. */
  natural: number;
  weight: number;
  result?: RowResult;
}

/** The parts of a fraction as written: `4/12`, `(4/12 dele)`. */
const FRACTION_PARTS = /(\d+(?:[.,]\d+)?)\s*\/\s*(\d+)/;

/** Outcome of evaluating one row's own criterion. */
interface Evaluation {
  fulfilment: number | null;
  measure?: number | null;
  measureKind?: RowResult['measureKind'];
  required?: number | null;
  requiredKind?: ValueKind | null;
  /** A row with a period rule: its fulfilment on this period's inputs, before the rule. */
  inPeriod?: number | null;
  parts: string[];
}

/** The mean after leaving out the `trim` share of the highest values, rounded down to whole values. */
export function trimmedMean(values: number[], trim: number): { mean: number; kept: number; drop: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const drop = Math.floor(sorted.length * trim);
  const kept = sorted.length - drop;
  let sum = 0;
  for (let i = 0; i < kept; i++) sum += sorted[i];
  return { mean: kept ? sum / kept : NaN, kept, drop };
}

export function statusOf(fulfilment: number | null): StatusKey {
  if (fulfilment === null) return 'not_assessed';
  if (fulfilment >= 1 - EPS) return 'met';
  if (fulfilment <= EPS) return 'not_met';
  return 'partly';
}

export { assessmentCredit } from './assessment';

/**
 * The parent of `1.a.2` is the longest proper dotted prefix that is itself a row: `1.a`, else `1`.
 * Levels and natural weights are set here, in loops (see tree.ts): a plan may nest thousands deep.
 */
function buildTree(rows: PlanRow[]): { roots: Node[]; nodes: Map<string, Node>; list: Node[]; order: Node[] } {
  const nodes = new Map<string, Node>();
  let list: Node[] = rows.map((row, index) => {
    const node: Node = { row, index, parent: null, children: [], level: 0, natural: 0, weight: 0, result: undefined };
    nodes.set(row.id, node);
    return node;
  });
  // Rows of one ID (never from readPlan) are one node, the last.
  const unique = nodes.size === rows.length ? list : [...nodes.values()];
  if (unique !== list) list = rows.map((row) => nodes.get(row.id)!);
  const roots: Node[] = [];
  for (let i = 0; i < unique.length; i++) {
    const node = unique[i];
    // Shorten the ID one part at a time until a row has it: no arrays, for speed on large plans.
    let prefix = node.row.id;
    for (let dot = prefix.lastIndexOf('.'); dot > 0 && !node.parent; dot = prefix.lastIndexOf('.')) {
      prefix = prefix.slice(0, dot);
      const parent = nodes.get(prefix);
      if (parent) {
        node.parent = parent;
        parent.children.push(node);
      }
    }
    if (!node.parent) roots.push(node);
  }
  const order = parentsFirst(roots, childrenOf);
  for (const node of order) node.level = node.parent ? node.parent.level + 1 : 0;
  // Backwards, every child comes before its parent.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    if (node.row.declaredWeight !== null) node.natural = Math.max(0, node.row.declaredWeight);
    else for (const child of node.children) node.natural += child.natural;
  }
  return { roots, nodes, list, order };
}

const childrenOf = (node: Node): readonly Node[] => node.children;

/** A leaf's children's results: one shared empty list, not one per leaf. */
const NO_RESULTS: readonly RowResult[] = Object.freeze([]);

class Scorer {
  readonly problems: Problem[] = [];
  private readonly fmt: Formatter;
  /** Numbers in problems, written even when explanations are not. */
  private readonly say: Formatter;
  private readonly words: EnginePack['explain'];
  private readonly targetTexts: Record<MeasureKind, Map<Target, string>> = { number: new Map(), percent: new Map(), date: new Map() };
  private roots: readonly Node[] = [];
  private frameWeight: number | null = null;
  /** The results this scorer makes, one slot each. */
  private readonly results: ResultColumns;
  private readonly fields = emptyFields();

  constructor(
    private readonly plan: Plan,
    private readonly lang: EnginePack,
    private readonly data: ScoreOptions['data'],
    explain: boolean,
    /** How many results it will make at most. */
    slots: number,
  ) {
    this.results = new ResultColumns(slots);
    this.say = formatter(lang);
    this.fmt = explain ? this.say : SILENT;
    this.words = lang.explain;
  }

  private report(row: PlanRow, column: ColumnKey, message: MessageRef, severity: Severity = 'error'): void {
    const cell = rowCellAddress(this.plan, row, column) ?? rowCellAddress(this.plan, row, 'id') ?? address(row.sheetRow - 1, 0);
    this.problems.push({ sheet: this.plan.sheet, cell, severity, message });
  }

  /** A problem at the row's cell of a column the plan has, blank or not: where the user is to write. */
  private reportIn(row: PlanRow, column: ColumnKey, message: MessageRef, severity: Severity): void {
    const header = this.plan.columns[column];
    if (!header) return this.report(row, column, message, severity);
    this.problems.push({ sheet: this.plan.sheet, cell: header.address.replace(/\d+$/, '') + row.sheetRow, severity, message });
  }


  /** The root's weight, shared down its tree: parents first, so each shares what its parent gave it. */
  private shareWeights(root: Node, weight: number): void {
    root.weight = weight;
    for (const node of parentsFirst([root], childrenOf)) this.shareAmongChildren(node);
  }

  /** Children share the parent's weight in proportion to their own; with none, equally. */
  private shareAmongChildren(node: Node): void {
    const weight = node.weight;
    const kids = node.children;
    if (!kids.length) return;
    // Plain loops: this runs for every parent of plans with tens of thousands of rows.
    const naturals = new Array<number>(kids.length);
    let known = 0;
    let declaredSum = 0;
    for (let i = 0; i < kids.length; i++) {
      naturals[i] = kids[i].natural;
      if (naturals[i] > 0 || kids[i].row.declaredWeight !== null) known++;
      declaredSum += naturals[i];
    }
    if (known === 0 || declaredSum === 0) {
      for (const k of kids) k.weight = weight / kids.length;
      return;
    }
    if (known < kids.length) {
      this.report(node.row, 'id', { key: 'childWeightsMissing', args: { id: node.row.id } }, 'warning');
      const rest = Math.max(0, weight - declaredSum) / (kids.length - known);
      for (let i = 0; i < kids.length; i++) if (!(naturals[i] > 0 || kids[i].row.declaredWeight !== null)) naturals[i] = rest;
    } else if (node.row.declaredWeight !== null && Math.abs(declaredSum - weight) > EPS * Math.max(1, weight)) {
      this.report(node.row, 'id', {
        key: 'childWeights',
        args: { id: node.row.id, sum: this.say.number(declaredSum), weight: this.say.number(weight) },
      }, 'warning');
    }
    let total = 0;
    for (const w of naturals) total += w;
    for (let i = 0; i < kids.length; i++) kids[i].weight = total > 0 ? (weight * naturals[i]) / total : weight / kids.length;
  }

  /** Resolves a data reference into the actual (trimmed mean) or met/total (within a limit). */
  private inputs(row: PlanRow, def: ComparisonCriterion | null, parts: string[]): RowInputs | { missing: ColumnKey[] } | null {
    // Without data the row's own inputs are read as they are; a data reference fills a copy.
    if (!row.data || !this.data) return row.data ? this.dataMissing(row, null) : row;
    const inputs: RowInputs = {
      target: row.target, floor: row.floor, baseline: row.baseline, actual: row.actual, met: row.met,
      total: row.total, excluded: row.excluded, deadline: row.deadline, completed: row.completed, limit: row.limit,
    };
    const reader = dataReader(this.data);
    if (def?.data === 'withinLimit' && row.limitInWorkingDays) return this.workingDayShare(row, reader, inputs, parts);
    const numbers = reader.numbers(row.data);
    if (!numbers || isRefused(numbers)) return this.dataMissing(row, numbers);
    const { sorted, sums } = numbers;
    if (!sorted.length) {
      this.report(row, 'data', { key: 'dataEmpty', args: { value: row.data.text } }, 'warning');
      return { missing: ['data'] };
    }
    if (def?.data === 'percentile') return this.dataPercentile(row, numbers, inputs, parts);
    if (def?.data === 'withinLimit') {
      if (row.limit === null) return { missing: ['limit'] };
      const limit = row.limit;
      inputs.met = countAtMost(sorted, limit);
      inputs.total = sorted.length;
      parts.push(`${row.data.text}: ${this.words.withinLimit.replace('{limit}', this.fmt.number(limit))}`);
      return inputs;
    }
    // The mean of all but the highest share `trim`, summed in ascending order as trimmedMean does.
    const drop = Math.floor(sorted.length * (row.trim ?? 0));
    const kept = sorted.length - drop;
    inputs.actual = kept ? sums[kept] / kept : NaN;
    const trimmed = drop
      ? ` (${this.words.trimmedMean.replace('{trim}', this.fmt.percent(row.trim ?? 0))}: ${kept} ${this.words.of} ${sorted.length})`
      : '';
    parts.push(`${row.data.text}${trimmed}`);
    return inputs;
  }

  /** The target's percentile of the data (PERCENTILE.INC) as the result: `80 % inden for 11 minutter` over the times. */
  private dataPercentile(row: PlanRow, { sorted }: NumberSummary, inputs: RowInputs, parts: string[]): RowInputs | { missing: ColumnKey[] } {
    const p = row.target?.percentile;
    if (p === undefined) return { missing: ['target'] };
    inputs.actual = percentileOfSorted(sorted, p);
    parts.push(`${row.data!.text}: ${this.percentileName(p)} ${this.words.of} ${sorted.length}`);
    return inputs;
  }

  /** A percentile as explanations name it: `80. percentil`. */
  private percentileName(p: number): string {
    return this.words.percentile.replace('{p}', this.fmt.number(p * 100));
  }

  /** A reference that was not read: its sheet does not exist, or the workbook's data references have read their fill. */
  private dataMissing(row: PlanRow, why: DataRefused | null): null {
    if (why) this.report(row, 'data', { key: 'dataTooManyCells', args: { value: row.data!.text, limit: why.limit } });
    else this.report(row, 'data', { key: 'dataSheetMissing', args: { sheet: row.data!.sheet } });
    return null;
  }

  /**
   * A share over pairs of dates (two columns of the data, start then end): the cases done within the
   * limit in working days, in the plan's calendar. A case without both dates is left out.
   */
  private workingDayShare(row: PlanRow, reader: DataReader, inputs: RowInputs, parts: string[]): RowInputs | { missing: ColumnKey[] } | null {
    const ref = row.data!;
    // Whether the sheet exists is said first, as for any reference.
    if (ref.right - ref.left !== 1) {
      const read = reader.numbers(ref);
      if (!read || isRefused(read)) return this.dataMissing(row, read);
      this.report(row, 'data', { key: 'dataNeedsTwoDates', args: { value: ref.text } });
      return { missing: ['data'] };
    }
    const days = reader.workingDays(ref, this.plan.metadata.calendar, this.plan.metadata.year);
    if (!days || isRefused(days)) return this.dataMissing(row, days);
    if (row.limit === null) return { missing: ['limit'] };
    if (!days.length) {
      this.report(row, 'data', { key: 'dataEmpty', args: { value: ref.text } }, 'warning');
      return { missing: ['data'] };
    }
    inputs.met = countAtMost(days, row.limit);
    inputs.total = days.length;
    parts.push(`${ref.text}: ${this.words.withinLimit.replace('{limit}', `${this.fmt.number(row.limit)} ${this.lang.vocabulary.workingDays[0]}`)}`);
    return inputs;
  }

  /**
   * A target as explanations write it (`85 %`, `3–5`, `40 ± 2`). Rows share their target objects
   * where they write the same target, so most rows find the text an earlier row made.
   */
  private targetText(target: Target, tolerance: PlanRow['tolerance'], unit: MeasureKind): string {
    const cache = tolerance ? null : this.targetTexts[unit];
    const hit = cache?.get(target);
    if (hit !== undefined) return hit;
    const show = (n: number) => this.fmt.by(unit, n);
    const within = tolerance && tolerance.value > 0 ? ` ± ${tolerance.relative ? this.fmt.percent(tolerance.value) : show(tolerance.value)}` : '';
    const text = `${target.lo === target.hi ? show(target.lo) : `${show(target.lo)}–${show(target.hi)}`}${within}`;
    cache?.set(target, text);
    return text;
  }

  /** An assessment as the explanation names it: its status word, the points the plan gave (`1/24`), or the grade. */
  private assessmentText(row: PlanRow): string {
    const a = row.assessment!;
    if (a.grade === null) return this.lang.statuses[a.key];
    return parseFraction(row.cells.assessment ?? null) === null ? this.fmt.percent(a.grade) : cellText(row.cells.assessment);
  }

  private missing(keys: ColumnKey[], parts: string[]): Evaluation {
    const names = [...new Set(keys)].map((k) => this.words.inputs[k] ?? k);
    return { fulfilment: null, parts: [...parts, `${this.words.missing}: ${names.join(', ')}`] };
  }

  /** The row's own criterion; parents are handled by `evaluateTree`. */
  private evaluateLeaf(row: PlanRow): Evaluation {
    const typeKey = row.typeKey ?? inferType(row);
    if (!typeKey) {
      if (row.unreadable.includes('type')) return { fulfilment: null, parts: [] };
      // Values with no type to read them by would otherwise go unscored without a word; a target that could not be read is said already.
      if (row.unreadable.includes('target')) return { fulfilment: null, parts: [] };
      if ([row.target, row.actual, row.baseline, row.floor].some((v) => v !== null)) this.reportIn(row, 'type', { key: 'typeNotInferred', args: { id: row.id } }, 'warning');
      // A weighted goal with nothing to judge it by would sit unassessed without a word.
      else if (row.declaredWeight !== null && row.declaredWeight > 0 && row.unreadable.length === 0) this.report(row, 'type', { key: 'noRequirement', args: { id: row.id } }, 'warning');
      return this.missing(['type'], []);
    }
    const def = CRITERION_BY_KEY.get(typeKey)!;
    const partialCredit = this.plan.metadata.partialCredit;
    if (def.kind === 'all') {
      this.report(row, 'type', { key: 'allWithoutChildren', args: { id: row.id } });
      return { fulfilment: null, parts: [] };
    }
    if (def.kind === 'assessment') {
      if (!row.assessment) return row.unreadable.includes('assessment') ? { fulfilment: null, parts: [] } : this.missing(['assessment'], []);
      const f = assessmentCredit(row.assessment, partialCredit);
      return { fulfilment: f, parts: [`${this.words.assessment}: ${this.assessmentText(row)} (${this.fmt.percent(f)})`] };
    }
    const parts: string[] = [];
    const comparison = def.kind === 'comparison' ? def : null;
    const inputs = this.inputs(row, comparison, parts);
    if (inputs === null) return { fulfilment: null, parts };
    if ('missing' in inputs) return this.missing(inputs.missing, parts);
    if (def.kind === 'formula') return this.evaluateFormula(row, inputs, parts);
    return this.evaluateComparison(row, def as ComparisonCriterion, inputs, parts);
  }

  private evaluateFormula(row: PlanRow, inputs: RowInputs, parts: string[]): Evaluation {
    if (!row.formula) {
      this.report(row, 'type', { key: 'formulaMissing' });
      return { fulfilment: null, parts };
    }
    const compiled = compileFormula(row.formula, FORMULA_VARIABLES);
    if (!compiled.ok) {
      this.report(row, 'formula', compiled.error);
      return { fulfilment: null, parts };
    }
    const scope: Record<string, number> = {};
    const gaps: ColumnKey[] = [];
    for (const name of compiled.formula.names) {
      const value = name === 'target' ? (inputs.target?.lo ?? null) : inputs[name as keyof RowInputs];
      if (typeof value === 'number') scope[name] = value;
      else gaps.push(name as ColumnKey);
    }
    if (gaps.length) return this.missing(gaps, parts);
    // A value that is no number is named in words; the evaluator throws nothing for a checked formula.
    let value: unknown = NaN;
    try {
      value = compiled.formula.evaluate(scope);
    } catch {
      // left as no number
    }
    const f = toFulfilment(value);
    if (!f) {
      const infinite = typeof value === 'number' && (value === Infinity || value === -Infinity);
      this.report(row, 'formula', { key: infinite ? 'formulaInfinite' : 'formulaNotANumber', args: { formula: row.formula } });
      return { fulfilment: null, parts };
    }
    if (f.clamped) this.report(row, 'formula', { key: 'formulaResult', args: { value: this.say.number(value as number) } }, 'warning');
    const shown = Object.entries(scope).map(([k, v]) => `${k} = ${this.fmt.number(v)}`).join(', ');
    parts.push(`${this.words.formula} ${row.formula}${shown ? ` (${shown})` : ''} → ${this.fmt.percent(f.fulfilment)}`);
    return { fulfilment: f.fulfilment, parts };
  }

  private evaluateComparison(row: PlanRow, def: ComparisonCriterion, inputs: RowInputs, parts: string[]): Evaluation {
    const unit = rowUnit(def, row);
    const m = def.measure(inputs, this.fmt, unit);
    // A target that could not be read is no target: a change is then not judged as "any fall".
    const target = def.target ? def.target(inputs) : (inputs.target ?? (row.unreadable.includes('target') ? null : (def.whenNoTarget ?? null)));
    const targetKey: ColumnKey = def.target ? 'deadline' : 'target';
    // An input left out as unreadable is named as a problem at its cell, not as missing.
    const refused = row.unreadable.length > 0 && row.unreadable.some((k) => k === targetKey || (def.units && k in def.units));
    if (('missing' in m || !target) && refused) return { fulfilment: null, parts };
    if ('missing' in m) return this.missing(target ? m.missing : [...m.missing, targetKey], parts);
    if ('problem' in m) {
      this.report(row, m.column, m.problem);
      return { fulfilment: null, parts };
    }
    const dated = unit === 'date';
    if ('fulfilment' in m) {
      const word = m.fulfilment > 0 ? this.words.completed : this.words.notCompleted;
      parts.push(dated ? [word, m.text].filter(Boolean).join(' ') : m.text);
      // A milestone marked not done would be met by completing it by the deadline.
      const required = target ? def.required(goalFor(def.compare, target.hi, target), inputs) : null;
      return { fulfilment: m.fulfilment, parts, required, requiredKind: requiredKind(def, row, inputs) };
    }
    if (!target) return this.missing([targetKey], parts);
    if (m.alongside !== undefined) this.checkAlongside(row, inputs, m.value, m.alongside, unit);
    const compare = rowCompare(def, target);
    const bound = withTolerance(compare, rowTarget(def, target), row.tolerance);
    const met = meets(compare, m.value, bound);
    const symbols = bound.strict ? STRICT_SYMBOLS[compare] : COMPARISON_SYMBOLS[compare];
    const targetText = this.targetText(target, row.tolerance, unit);
    const sym = symbols[met ? 0 : 1];
    // A requirement at a percentile says which (`80. percentil: 12 > 11`); over data, the data's part says it.
    const measured = target.percentile !== undefined && !row.data ? `${this.percentileName(target.percentile)}: ${m.text}` : m.text;
    parts.push(
      dated
        ? `${this.words.completed} ${measured} ${sym} ${this.words.deadline} ${targetText}`
        : `${measured} ${sym} ${targetText}`,
    );
    // Without a scale a row is met or not: no scale to look up, nothing to allocate.
    const outcome: ScaleOutcome = !row.scale
      ? { fulfilment: met ? 1 : 0 }
      : applyScale(row.scale, { value: m.value, target: bound, floor: inputs.floor, compare, partialCredit: this.plan.metadata.partialCredit });
    if (outcome.fallback) this.report(row, 'scale', { key: outcome.fallback }, 'warning');
    else if (row.scale && row.scale.kind !== 'binary' && !met) {
      const name = this.words.scale[row.scale.kind];
      parts.push(
        row.scale.kind === 'steps' || inputs.floor === null
          ? `${name}: ${this.fmt.percent(outcome.fulfilment)}`
          : `${name} ${this.fmt.by(unit, inputs.floor)} → ${targetText}: ${this.fmt.percent(outcome.fulfilment)}`,
      );
    }
    return {
      fulfilment: outcome.fulfilment,
      measure: m.value,
      measureKind: unit,
      required: def.required(goalFor(compare, m.value, bound), inputs),
      requiredKind: requiredKind(def, row, inputs),
      parts,
    };
  }

  /**
   * A share typed beside the counts it is computed from (95,3 % beside 709 of 734) should agree
   * with them within the rounding it is written to; the counts decide, and a difference is named.
   */
  private checkAlongside(row: PlanRow, inputs: RowInputs, counted: number, typed: number, unit: MeasureKind): void {
    const cell = row.cells.actual;
    const written = numberText(cell, null);
    const decimals = /[.,](\d+)$/.exec(written)?.[1].length ?? 0;
    // Written in percent points (97,8 or 97,8 %) its last digit is a hundredth of that of a fraction (0,978).
    const points = (typeof cell === 'string' && unitOf(cell) === 'percent') || Math.abs(parseNumberText(written) ?? typed) > 1;
    if (Math.abs(typed - counted) <= 0.5 * 10 ** -(decimals + (points ? 2 : 0)) + 1e-12) return;
    const fmt = formatter(this.lang);
    const base = (inputs.total ?? 0) - (inputs.excluded ?? 0);
    const args = { typed: fmt.by(unit, typed), counted: fmt.by(unit, counted), met: fmt.number(inputs.met ?? 0), base: fmt.number(base) };
    this.report(row, 'actual', { key: 'countsDisagree', args }, 'warning');
  }

  /** How many periods the year has, by the kind of the current one; a plan by year counts its years. */
  private periodsInYear(): number {
    const current = this.plan.periods.find((p) => p.label === this.plan.currentPeriod);
    if (!current) return 1;
    return PERIODS_PER_YEAR[current.period.kind] ?? this.plan.periods.filter((p) => p.period.kind === 'year').length;
  }

  /** A period rule judged on the row's fulfilment in the year's earlier periods and in this one. */
  private overPeriods(row: PlanRow, evaluation: Evaluation): Evaluation {
    const inPeriod = evaluation.fulfilment;
    const outcome = judgePeriods(row.periodRule!, [...(this.plan.earlier?.get(row.id) ?? []), inPeriod], this.periodsInYear());
    if (!outcome) return { ...evaluation, inPeriod };
    const rule = row.periodRule!.need === null && row.periodRule!.of === null ? this.words.everyPeriod : `${outcome.need} ${this.words.of} ${outcome.of}`;
    const said = this.words.periodRule.replace('{rule}', rule).replace('{met}', String(outcome.met)).replace('{reported}', String(outcome.reported));
    return { ...evaluation, fulfilment: outcome.fulfilment, inPeriod, parts: [...evaluation.parts, said] };
  }

  private evaluateParent(node: Node, row: PlanRow, kids: readonly RowResult[]): Evaluation & { earned: number; assessedWeight: number } {
    const all = row.typeKey === 'all';
    if (row.typeKey && !all) {
      this.report(row, 'type', { key: 'typeOnParent', args: { id: row.id, value: row.cells.type !== undefined ? String(row.cells.type) : row.typeKey } }, 'warning');
    }
    let assessed = 0;
    let metCount = 0;
    let earned = 0;
    let assessedWeight = 0;
    for (const k of kids) {
      if (k.status !== 'not_assessed') assessed++;
      if (k.status === 'met') metCount++;
      earned += k.earned;
      assessedWeight += k.assessedWeight;
    }
    const counts = `${metCount}/${kids.length}`;
    if (all) {
      // Every child must be met: one child that is assessed and short decides it at once.
      const failed = assessed > metCount;
      const f = failed ? 0 : assessed === kids.length ? 1 : null;
      const parts = [`${this.words.allChildren} (${counts})`];
      if (f === null) parts.push(this.words.notAllAssessed);
      return { fulfilment: f, parts, earned: f === null ? 0 : node.weight * f, assessedWeight: f === null ? 0 : node.weight };
    }
    const complete = assessed === kids.length;
    const f = complete ? (node.weight > 0 ? earned / node.weight : 1) : null;
    const parts = [`${this.words.sumChildren}: ${this.fmt.number(earned)} ${this.words.of} ${this.fmt.number(node.weight)}`];
    if (!complete) parts.push(this.words.notAllAssessed);
    return { fulfilment: f === null ? null : Math.min(1, Math.max(0, f)), parts, earned, assessedWeight };
  }

  /** A top-level goal's weight: its own, or one where the plan has no weights. */
  private rootWeight(root: Node): number {
    // A plan without weights counts every top-level goal as one.
    return this.plan.unit === 'count' ? 1 : root.natural;
  }

  /** The plan's top-level goals, for the whole a verdict's points are a share of. */
  useRoots(roots: readonly Node[]): void {
    this.roots = roots;
  }

  /** The plan's whole, the pay frame points are shares of: its total weight, found when first needed. */
  private frame(): number {
    this.frameWeight ??= this.roots.reduce((s, root) => s + this.rootWeight(root), 0);
    return this.frameWeight;
  }

  /**
   * A verdict written as points earned out of the goal's weight (`1/24` of a 1/12 goal, `3/12` of
   * 4/12): both are shares of the plan's whole, and the points over the goal's share are its grade.
   * More points than the goal weighs is a problem at the verdict, and the row is not assessed.
   */
  private withPointsVerdict(row: PlanRow, node: Node): PlanRow {
    const earned = row.assessment!.earned!;
    const frame = this.frame();
    const own = frame > 0 ? node.weight / frame : 0;
    if (earned <= own + TOLERANCE) return { ...row, assessment: graded(own > 0 ? earned / own : 0) };
    // The goal's weight as a fraction, as the plan wrote it (`4/12`), else as its weight of the whole (`25/100`).
    const weightCell = row.cells[this.plan.unit === 'points' ? 'points' : 'weight'] ?? null;
    const written = parseFraction(weightCell) === null ? null : FRACTION_PARTS.exec(cellText(weightCell));
    // Formatted even without explanations: a what-if shows this message at its box.
    const f = formatter(this.lang);
    const [num, den] = written ? [written[1], Number(written[2])] : [f.number(node.weight), frame];
    const of = (d: number) => (written ? String(d) : f.number(d));
    this.report(row, 'assessment', { key: 'verdictOverWeight', args: { value: cellText(row.cells.assessment), weight: `${num}/${of(den)}`, example: `${num}/${of(den * 2)}` } });
    return { ...row, assessment: null, unreadable: [...row.unreadable, 'assessment'] };
  }

  scoreRoots(roots: Node[]): void {
    this.roots = roots;
    for (const root of roots) {
      const weight = this.rootWeight(root);
      if (weight === 0 && root.row.declaredWeight === null) {
        this.report(root.row, 'id', { key: 'noWeight', args: { id: root.row.id } }, 'warning');
      }
      this.shareWeights(root, weight);
      this.evaluateTree(root);
    }
  }

  /** Every row under the root, each after its children, whose results it is made from. */
  private evaluateTree(root: Node): void {
    for (const node of childrenFirst([root], childrenOf)) {
      const kids = node.children;
      if (!kids.length) {
        node.result = this.resultFor(node, node.row, NO_RESULTS);
        continue;
      }
      const results = new Array<RowResult>(kids.length);
      for (let i = 0; i < kids.length; i++) results[i] = kids[i].result!;
      node.result = this.resultFor(node, node.row, results);
    }
  }

  /**
   * A row's result from its own inputs (a leaf) or its children's results (a parent); the node
   * gives its place in the tree and its weight. What-if passes an edited row and new results.
   */
  resultFor(node: Node, row: PlanRow, kids: readonly RowResult[]): RowResult {
    if (row.assessment?.earned !== undefined) row = this.withPointsVerdict(row, node);
    let evaluation: Evaluation;
    let earned: number;
    let assessedWeight: number;
    if (node.children.length) {
      const parent = this.evaluateParent(node, row, kids);
      evaluation = parent;
      earned = parent.earned;
      assessedWeight = parent.assessedWeight;
    } else {
      evaluation = this.evaluateLeaf(row);
      if (row.periodRule) evaluation = this.overPeriods(row, evaluation);
      earned = evaluation.fulfilment === null ? 0 : node.weight * evaluation.fulfilment;
      assessedWeight = evaluation.fulfilment === null ? 0 : node.weight;
    }
    let fulfilment = evaluation.fulfilment;
    let overridden = false;
    // The ministry's assessment on a row of another type is the final judgement.
    if (row.assessment && row.typeKey !== 'assessment' && (row.typeKey !== null || node.children.length > 0 || hasOwnInputs(row))) {
      fulfilment = assessmentCredit(row.assessment, this.plan.metadata.partialCredit);
      overridden = true;
      earned = node.weight * fulfilment;
      assessedWeight = node.weight;
      evaluation.parts.push(`${this.words.overriddenBy}: ${this.assessmentText(row)}`);
    }
    // Where nothing is required now, the kind still says how a live sheet's required value reads.
    const requiredKind = evaluation.requiredKind ?? (node.children.length ? null : kindOfRow(row));
    // One record refilled for every row: scoring a plan makes no object per row but its result.
    const fields = this.fields;
    fields.level = node.level;
    fields.parentId = node.parent?.row.id ?? null;
    fields.parentIndex = node.parent?.index ?? -1;
    fields.isParent = node.children.length > 0;
    fields.weight = node.weight;
    fields.fulfilment = fulfilment;
    fields.earned = earned;
    fields.assessedWeight = assessedWeight;
    fields.status = statusOf(fulfilment);
    fields.measure = evaluation.measure ?? null;
    fields.measureKind = evaluation.measureKind ?? null;
    fields.required = evaluation.required ?? null;
    fields.requiredKind = requiredKind;
    fields.overridden = overridden;
    // One part stands as it is: a join would copy it.
    fields.explanation = evaluation.parts.length === 1 ? evaluation.parts[0] : evaluation.parts.join('; ');
    // Only a row with a rule has its fulfilment in the period, as before.
    return this.results.add(row, fields, row.periodRule ? (evaluation.inPeriod ?? null) : undefined);
  }
}

export { inferType } from './criteria';

/** The unit of a leaf's required value by its type, where its inputs gave no measure. */
function kindOfRow(row: PlanRow): ValueKind | null {
  const def = criterionOf(row);
  return def ? requiredKind(def, row) : null;
}

function hasOwnInputs(row: PlanRow): boolean {
  return inferType({ ...row, assessment: null }) !== null;
}

/**
 * What the pay band pays for a plan score: the frame times the share of the best step reached, or
 * with no band, the frame times the score. Undefined for a plan without a frame.
 */
export function payoutOf(meta: PlanMetadata, score: number | null): number | null | undefined {
  if (meta.performancePay === null) return undefined;
  if (score === null) return null;
  if (!meta.payoutSteps) return meta.performancePay * score;
  const step = meta.payoutSteps.find((s) => score >= s.score - TOLERANCE);
  return meta.performancePay * (step?.share ?? 0);
}

/** The options' language pack: given whole, or by its code. */
const packOf = (options: ScoreOptions): EnginePack => (typeof options.lang === 'object' ? options.lang : enginePack(options.lang));

/** The plan with these rows in place of its rows of the same IDs. */
export function withRows(plan: Plan, rows: PlanRow[]): Plan {
  if (!rows.length) return plan;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...plan, rows: plan.rows.map((r) => byId.get(r.id) ?? r) };
}

/** Scores a plan read by `readPlan`. Read problems are passed through so one list tells all. */
export function scorePlan(plan: Plan, readProblems: Problem[] = [], options: ScoreOptions = {}): PlanResult {
  const lang = packOf(options);
  const scorer = new Scorer(plan, lang, options.data, options.explain ?? true, plan.rows.length);
  const { roots, list, order } = buildTree(plan.rows);
  scorer.scoreRoots(roots);
  const rows = list.map((node) => node.result!);
  return summarize(plan, rows, topAreas(list, order), lang, [...readProblems, ...scorer.problems]);
}

/**
 * The rows counted by status: the requirements, except where a goal's own judgement decides its
 * whole weight (its verdict overrides its sub-goals, or `alle` needs every one met), which then
 * counts as that one goal. So the counts cover what the assessed weight does: a goal judged whole
 * is assessed whole or not at all, whatever its sub-goals hold. It answers for these rows, as
 * scored (a list of results is never changed).
 */
export function countedRows(rows: readonly RowResult[]): (row: RowResult) => boolean {
  let counted = COUNTED.get(rows);
  if (!counted) COUNTED.set(rows, (counted = countedOf(rows)));
  return counted;
}

/** The counting of each list of rows, made once: the summary and the score sheet both ask. */
const COUNTED = new WeakMap<readonly RowResult[], (row: RowResult) => boolean>();

function countedOf(rows: readonly RowResult[]): (row: RowResult) => boolean {
  const n = rows.length;
  let whole: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (r.isParent && (r.overridden || r.row.typeKey === 'all')) (whole ??= new Uint8Array(n))[i] = 1;
  }
  if (!whole) return (row) => !row.isParent;
  const judgedWhole = whole;
  // Whether a row or a goal above it is judged whole, found once per row from its parent's answer.
  const parentOf = (i: number) => rows[i].parentIndex;
  const judged = fromTheTop<boolean>(n, parentOf, (i, above) => judgedWhole[i] === 1 || above === true);
  // A row under a goal judged whole, or a goal of sub-goals not judged whole, is not counted.
  const left = new Set<RowResult>();
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const p = r.parentIndex;
    if ((p >= 0 && judged[p]) || (r.isParent && !judgedWhole[i])) left.add(r);
  }
  return (row) => !left.has(row);
}

/** Each row's area for the summary: a row counts in its top goal's area, handed down the tree. */
function topAreas(list: Node[], order: Node[]): string[] {
  // By the node's position: parents first, so a parent's area is in place before its children read it.
  const areas = new Array<string>(list.length);
  for (const node of order) areas[node.index] = node.parent ? areas[node.parent.index] : node.row.area;
  return list.map((node) => areas[node.index]);
}

/** The areas and the total from the rows' results, with the warnings on declared weights. */
function summarize(plan: Plan, rows: RowResult[], areaOf: string[], lang: EnginePack, problems: Problem[]): PlanResult {
  // Areas in order of first mention: a set keeps its order.
  const named = new Set<string>();
  for (const a of plan.areas) named.add(a.name);
  for (let i = 0; i < rows.length; i++) if (rows[i].parentId === null) named.add(rows[i].area);
  const sums = PlanSums.of(rows, [...named], areaOf, countedRows(rows));
  const summed = new Summed(plan, sums);
  return summed.result(rows, sums, [...problems, ...summed.warnings(lang)]);
}

/**
 * A plan's areas and total from its sums: made once for a plan scored, and again for each what-if
 * on it, where an area the edits did not touch keeps its result.
 */
class Summed {
  private readonly declaredOf = new Map<string, AreaDeclaration>();
  private readonly made = new Map<AreaSums, AreaResult>();
  /** The areas and the total weight of the plan as scored: no what-if changes a weight. */
  private readonly areas: AreaResult[];
  private readonly totalWeight: number;

  constructor(
    private readonly plan: Plan,
    sums: PlanSums,
  ) {
    for (const a of plan.areas) if (!this.declaredOf.has(a.name)) this.declaredOf.set(a.name, a);
    this.areas = this.areasOf(sums);
    this.totalWeight = sums.total.weight.value;
  }

  /** The areas with goals or a declared weight, each with its totals. */
  private areasOf(sums: PlanSums): AreaResult[] {
    const areas: AreaResult[] = [];
    sums.areas.forEach((area, i) => {
      let made = this.made.get(area);
      if (!made) {
        const name = sums.names[i];
        const declared = this.declaredOf.get(name);
        if (declared === undefined && area.tops === 0) return;
        made = { name, declaredWeight: declared?.weight ?? null, ...area.totals() };
        this.made.set(area, made);
      }
      areas.push(made);
    });
    return areas;
  }

  result(rows: RowResult[], sums: PlanSums, problems: Problem[], plan = this.plan): PlanResult {
    const total = sums.total.totals();
    return { plan, rows, areas: this.areasOf(sums), total: { ...total, payout: payoutOf(plan.metadata, total.score) }, problems };
  }

  /** Declared area weights their goals do not add up to, and a percent plan that does not add up to 100. */
  warnings(lang: EnginePack): Problem[] {
    const { plan } = this;
    const fmt = formatter(lang);
    const warnings: Problem[] = [];
    for (const area of this.areas) {
      const declared = this.declaredOf.get(area.name);
      if (declared && Math.abs(declared.weight - area.weight) > EPS * Math.max(1, declared.weight)) {
        warnings.push({
          sheet: plan.sheet,
          cell: declared.address,
          severity: 'warning',
          message: { key: 'areaWeight', args: { area: area.name, declared: fmt.number(declared.weight), sum: fmt.number(area.weight) } },
        });
      }
    }
    const weight = this.totalWeight;
    // Shares of a pay frame written as fractions (`1/12`, `(7/12 dele)`) add up to 1 as meant.
    const ofOne = Math.abs(weight - 1) < 1e-6 && plan.rows.some((r) => parseFraction(r.cells.weight ?? null) !== null);
    if (plan.unit === 'percent' && plan.rows.length && Math.abs(weight - 100) > 1e-6 && !ofOne) {
      warnings.push({
        sheet: plan.sheet,
        cell: plan.columns.weight?.address ?? 'A1',
        severity: 'warning',
        // Weights that add up to 1 were written as fractions, and the message says how to write them.
        message: Math.abs(weight - 1) < 1e-6 ? { key: 'planTotalFractions' } : { key: 'planTotal', args: { sum: fmt.number(weight) } },
      });
    }
    return warnings;
  }
}

/**
 * A plan scored once (without explanations), whose rows can then be replaced and scored again one
 * by one: what-if as the user types. Only an edited row and its ancestors are evaluated again; the
 * weights stay, as no edit changes a weight; the areas' and the plan's sums change by what those
 * rows changed (sums.ts). An edit costs the depth of its row, not the size of the plan; the
 * result's list of rows is made only when read.
 */
export class Rescoring {
  readonly base: PlanResult;
  private readonly lang: EnginePack;
  private readonly nodes: Map<string, Node>;
  private readonly roots: readonly Node[];
  private readonly sums: PlanSums;
  private readonly summed: Summed;
  /** The warnings on declared weights, which no edit changes. */
  private readonly warnings: Problem[];

  constructor(
    readonly plan: Plan,
    private readonly options: ScoreOptions,
  ) {
    this.lang = packOf(options);
    const scorer = new Scorer(plan, this.lang, options.data, false, plan.rows.length);
    const { roots, nodes, list, order } = buildTree(plan.rows);
    scorer.scoreRoots(roots);
    this.nodes = nodes;
    this.roots = roots;
    const rows = list.map((node) => node.result!);
    const named = new Set<string>();
    for (const a of plan.areas) named.add(a.name);
    for (const r of rows) if (r.parentId === null) named.add(r.area);
    this.sums = PlanSums.of(rows, [...named], topAreas(list, order), countedRows(rows));
    this.summed = new Summed(plan, this.sums);
    this.warnings = this.summed.warnings(this.lang);
    this.base = this.summed.result(rows, this.sums, [...scorer.problems, ...this.warnings]);
  }

  /** The plan's row of an ID, found in the tree rather than by a search. */
  row(id: string): PlanRow | undefined {
    return this.nodes.get(id)?.row;
  }

  /** Whether this was scored for the same language and data. */
  sameOptions(options: ScoreOptions): boolean {
    return packOf(options) === this.lang && options.data === this.options.data;
  }

  /** The plan with these rows in place of the rows of the same IDs, scored. */
  with(edited: PlanRow[]): PlanResult {
    if (!edited.length) return this.base;
    // The problems of this edit only: a fresh scorer, so nothing piles up as the user types. It
    // reads the plan's metadata and columns, which no edit changes.
    // Each edited row and at most every goal above it is scored again.
    let slots = 0;
    for (const row of edited) slots += 1 + (this.nodes.get(row.id)?.level ?? 0);
    const scorer = new Scorer(this.plan, this.lang, this.options.data, false, slots);
    scorer.useRoots(this.roots);
    const results = new Map<Node, RowResult>();
    const above = new Set<Node>();
    for (const row of edited) {
      const node = this.nodes.get(row.id);
      // A parent's inputs decide nothing but an override: scored whole, as scorePlan would; so are
      // rows of one ID (never from readPlan), which share a node.
      if (!node || node.children.length || this.nodes.size !== this.plan.rows.length) return scorePlan(withRows(this.plan, edited), [], { ...this.options, explain: false });
      results.set(node, scorer.resultFor(node, row, []));
      for (let up = node.parent; up; up = up.parent) above.add(up);
    }
    // Deepest first, so each parent sees its children's new results.
    for (const node of [...above].sort((a, b) => b.level - a.level)) {
      results.set(node, scorer.resultFor(node, node.row, node.children.map((c) => results.get(c) ?? c.result!)));
    }
    const changes: Change[] = [];
    for (const [node, result] of results) changes.push([node.index, this.base.rows[node.index], result]);
    // The lists of rows with the edited ones in place are made when first read: a what-if shown
    // as the user types reads the totals, and only what reads every row pays for a list of them.
    const plan = { ...this.plan };
    lazy(plan, 'rows', () => patched(this.plan.rows, edited.map((row) => [this.nodes.get(row.id)!.index, row])));
    const scored = this.summed.result([], this.sums.changed(changes), [...scorer.problems, ...this.warnings], plan);
    lazy(scored, 'rows', () => patched(this.base.rows, changes.map(([i, , after]) => [i, after])));
    return scored;
  }
}

/** A copy of a list with some of its items replaced, by position. */
function patched<T>(list: readonly T[], items: readonly (readonly [number, T])[]): T[] {
  const out = list.slice();
  for (const [i, item] of items) out[i] = item;
  return out;
}

/** A property made when it is first read, and kept from then on as a plain one. */
function lazy<T extends object, K extends keyof T>(target: T, key: K, make: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = make();
      Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
      return value;
    },
  });
}
