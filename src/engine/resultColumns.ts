/**
 * Rows' results kept by column: each number of every result in a typed array by its slot, each
 * kind and status as a small code, and each result a view that reads them. A result costs about
 * 90 bytes this way rather than about 270 as an object of its own with its numbers boxed, and
 * scoring a plan makes no number on the heap, so the collector has less to copy.
 */
import type { PlanResult, PlanRow, RowResult, StatusKey, ValueKind } from './types';

/** Codes of statuses and kinds, one record per union: a member without a code does not compile. 0 is null. */
const STATUS_CODE: Record<StatusKey, number> = { met: 1, partly: 2, not_met: 3, not_assessed: 4 };
const MEASURE_CODE: Record<NonNullable<RowResult['measureKind']>, number> = { number: 1, percent: 2, date: 3 };
const VALUE_CODE: Record<ValueKind, number> = { number: 1, percent: 2, count: 3, date: 4 };

/** A record to fill for `add`, with every field in place, so one can be filled again and again. */
export const emptyFields = (): ResultFields => ({
  level: 0, parentId: null, parentIndex: -1, isParent: false, weight: 0, fulfilment: null, earned: 0, assessedWeight: 0,
  status: 'not_assessed', measure: null, measureKind: null, required: null, requiredKind: null, overridden: false, explanation: '',
});

/** A code table read backwards: each code's member, null at 0. */
function decoding<K extends string>(codes: Record<K, number>): (K | null)[] {
  const members: (K | null)[] = [null];
  for (const member of Object.keys(codes) as K[]) members[codes[member]] = member;
  return members;
}
const STATUSES = decoding(STATUS_CODE) as StatusKey[];
const MEASURE_KINDS = decoding(MEASURE_CODE);
const VALUE_KINDS = decoding(VALUE_CODE);

/** Bits of a slot's flags: what a number cannot say, and a null kept apart from NaN. */
const IS_PARENT = 1;
const OVERRIDDEN = 2;
const NO_FULFILMENT = 4;
const NO_MEASURE = 8;
const NO_REQUIRED = 16;

/** What scoring says of one row, as `ResultColumns.add` takes it: a result but what its plan row holds. */
export type ResultFields = Omit<RowResult, 'id' | 'title' | 'area' | 'row' | 'inPeriod'>;

const codeOf = <K extends string>(codes: Record<K, number>, member: K | null): number => (member === null ? 0 : codes[member]);

/** Results of up to `capacity` rows, one slot each, filled once in any order of slots. */
export class ResultColumns {
  readonly rows: PlanRow[] = [];
  readonly parentIds: (string | null)[] = [];
  readonly explanations: string[] = [];
  readonly weight: Float64Array;
  readonly fulfilment: Float64Array;
  readonly earned: Float64Array;
  readonly assessedWeight: Float64Array;
  readonly measure: Float64Array;
  readonly required: Float64Array;
  readonly level: Int32Array;
  readonly parentIndex: Int32Array;
  readonly flags: Uint8Array;
  /** Status, measure kind and required kind of each slot, by their tables' codes. */
  readonly codes: Uint8Array;
  /** The fulfilment in the period alone of the few rows with a period rule, by slot. */
  readonly inPeriod = new Map<number, number | null>();
  private filled = 0;

  constructor(readonly capacity: number) {
    const numbers = new Float64Array(capacity * 6);
    this.weight = numbers.subarray(0, capacity);
    this.fulfilment = numbers.subarray(capacity, 2 * capacity);
    this.earned = numbers.subarray(2 * capacity, 3 * capacity);
    this.assessedWeight = numbers.subarray(3 * capacity, 4 * capacity);
    this.measure = numbers.subarray(4 * capacity, 5 * capacity);
    this.required = numbers.subarray(5 * capacity, 6 * capacity);
    const ints = new Int32Array(capacity * 2);
    this.level = ints.subarray(0, capacity);
    this.parentIndex = ints.subarray(capacity);
    this.flags = new Uint8Array(capacity);
    this.codes = new Uint8Array(capacity * 3);
  }

  /** The next slot filled with a row's result, and the view that reads it. */
  add(row: PlanRow, fields: ResultFields, inPeriod?: number | null): RowResult {
    const slot = this.filled++;
    if (slot >= this.capacity) throw new Error('more results than slots');
    this.rows[slot] = row;
    this.parentIds[slot] = fields.parentId;
    this.explanations[slot] = fields.explanation;
    this.weight[slot] = fields.weight;
    this.fulfilment[slot] = fields.fulfilment ?? 0;
    this.earned[slot] = fields.earned;
    this.assessedWeight[slot] = fields.assessedWeight;
    this.measure[slot] = fields.measure ?? 0;
    this.required[slot] = fields.required ?? 0;
    this.level[slot] = fields.level;
    this.parentIndex[slot] = fields.parentIndex;
    this.flags[slot] =
      (fields.isParent ? IS_PARENT : 0) |
      (fields.overridden ? OVERRIDDEN : 0) |
      (fields.fulfilment === null ? NO_FULFILMENT : 0) |
      (fields.measure === null ? NO_MEASURE : 0) |
      (fields.required === null ? NO_REQUIRED : 0);
    this.codes[3 * slot] = STATUS_CODE[fields.status];
    this.codes[3 * slot + 1] = codeOf(MEASURE_CODE, fields.measureKind);
    this.codes[3 * slot + 2] = codeOf(VALUE_CODE, fields.requiredKind);
    if (inPeriod !== undefined) this.inPeriod.set(slot, inPeriod);
    return new ColumnResult(this, slot);
  }
}

/** One row's result as its columns hold it: read-only, like every result. */
class ColumnResult implements RowResult {
  constructor(
    private readonly columns: ResultColumns,
    private readonly slot: number,
  ) {}

  get row(): PlanRow {
    return this.columns.rows[this.slot];
  }
  get id(): string {
    return this.row.id;
  }
  get title(): string {
    return this.row.title;
  }
  get area(): string {
    return this.row.area;
  }
  get level(): number {
    return this.columns.level[this.slot];
  }
  get parentId(): string | null {
    return this.columns.parentIds[this.slot];
  }
  get parentIndex(): number {
    return this.columns.parentIndex[this.slot];
  }
  get isParent(): boolean {
    return (this.columns.flags[this.slot] & IS_PARENT) !== 0;
  }
  get weight(): number {
    return this.columns.weight[this.slot];
  }
  get fulfilment(): number | null {
    return this.columns.flags[this.slot] & NO_FULFILMENT ? null : this.columns.fulfilment[this.slot];
  }
  get earned(): number {
    return this.columns.earned[this.slot];
  }
  get assessedWeight(): number {
    return this.columns.assessedWeight[this.slot];
  }
  get status(): StatusKey {
    return STATUSES[this.columns.codes[3 * this.slot]];
  }
  get measure(): number | null {
    return this.columns.flags[this.slot] & NO_MEASURE ? null : this.columns.measure[this.slot];
  }
  get measureKind(): RowResult['measureKind'] {
    return MEASURE_KINDS[this.columns.codes[3 * this.slot + 1]];
  }
  get required(): number | null {
    return this.columns.flags[this.slot] & NO_REQUIRED ? null : this.columns.required[this.slot];
  }
  get requiredKind(): ValueKind | null {
    return VALUE_KINDS[this.columns.codes[3 * this.slot + 2]];
  }
  get overridden(): boolean {
    return (this.columns.flags[this.slot] & OVERRIDDEN) !== 0;
  }
  get explanation(): string {
    return this.columns.explanations[this.slot];
  }
  /** Only a row with a period rule has it, as `RowResult` says. */
  get inPeriod(): number | null | undefined {
    return this.columns.inPeriod.get(this.slot);
  }

  /** The result as a plain object: what JSON or a log should see. */
  toJSON(): RowResult {
    return plainRow(this);
  }
}

/** A result as a plain object of its own fields, as a structured copy (a worker's message) keeps it. */
export function plainRow(r: RowResult): RowResult {
  const plain: RowResult = {
    id: r.id, title: r.title, area: r.area, level: r.level, parentId: r.parentId, parentIndex: r.parentIndex,
    isParent: r.isParent, weight: r.weight, fulfilment: r.fulfilment, earned: r.earned, assessedWeight: r.assessedWeight,
    status: r.status, measure: r.measure, measureKind: r.measureKind, required: r.required, requiredKind: r.requiredKind,
    overridden: r.overridden, explanation: r.explanation, row: r.row,
  };
  if (r.inPeriod !== undefined) plain.inPeriod = r.inPeriod;
  return plain;
}

/** A plan's result whose rows are plain objects, to be posted to or from a worker. */
export const plainResult = (result: PlanResult): PlanResult => ({ ...result, rows: result.rows.map(plainRow) });
