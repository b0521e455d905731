/**
 * Rules over a row's values that no single cell can tell, by the units its criterion declares for
 * its inputs (criteria.ts, `units`): every value is in its requirement's unit, a share is at most
 * 100 %, a count or a duration is not below 0, and the cases met are no more than the cases. Each
 * problem names the cell it finds wrong; the reader leaves that value out, so no goal is scored on
 * it, and a what-if can refuse a typed value by the same rules.
 */
import { criterionOf, type InputUnit } from './criteria';
import { parsePercent } from './parse';
import { cellText } from './text';
import type { CellValue, ColumnKey, MeasureUnit, MessageRef, PlanRow } from './types';
import { numberText, timeInText, unitInText, UNITS, unitOf } from './units';

/** A value a row cannot be scored on: an error at its cell. */
export interface InputProblem {
  column: ColumnKey;
  message: MessageRef;
}

type Cells = Pick<PlanRow, 'cells' | 'formats'>;

/** A cell as the user wrote it, a percent-formatted number as its percent. */
function shown(row: Cells, key: ColumnKey): string {
  const value = row.cells[key];
  const format = row.formats[key];
  return typeof value === 'number' && unitOf(value, format) === 'percent' ? `${numberText(value, format)} %` : cellText(value);
}

type Roles = readonly (readonly [ColumnKey, InputUnit])[];
const rolesOf = new WeakMap<object, Roles>();

/** A criterion's inputs with their units, in its order: made once a criterion, as every row of a plan asks. */
function roles(units: Partial<Record<ColumnKey, InputUnit>>): Roles {
  let list = rolesOf.get(units);
  if (!list) rolesOf.set(units, (list = Object.entries(units) as [ColumnKey, InputUnit][]));
  return list;
}

/**
 * The unit the requirement is in: the first of its `measure` inputs that names one, in the
 * criterion's order; before the result, the unit the goal's text writes after the first of them
 * that holds a number (`højst 14 dage` for a target of 14).
 */
export function requirementUnit(row: Cells, units: Partial<Record<ColumnKey, InputUnit>>): MeasureUnit | null {
  let first: CellValue;
  for (const [key, role] of roles(units)) {
    const cell = row.cells[key];
    if (role !== 'measure') continue;
    if (key === 'actual' && first !== undefined) {
      const said = unitInText(cellText(row.cells.title), first);
      if (said) return said;
    }
    const unit = cell !== undefined ? unitOf(cell, row.formats[key]) : null;
    if (unit) return unit;
    first ??= cell;
  }
  return null;
}

/** The unit an input must be in, by its role; null where any (a bare number) is read in its requirement's unit. */
const EXPECTED: Record<InputUnit, (measure: MeasureUnit | null) => MeasureUnit | null> = {
  measure: (measure) => measure,
  change: () => 'percent',
  share: () => 'percent',
  count: () => 'count',
};

/** Whether a number the input holds, as read, passes a test: a target's bounds, or the field's value. */
function holds(row: PlanRow, key: ColumnKey, test: (n: number) => boolean): boolean {
  if (key === 'target') return !!row.target && (test(row.target.lo) || test(row.target.hi));
  const value = (row as unknown as Record<string, unknown>)[key];
  return typeof value === 'number' && test(value);
}

const overOne = (n: number) => n > 1 + 1e-9;
const belowZero = (n: number) => n < 0;

/**
 * An input whose unit is not its requirement's: a problem naming both and what to write. A count
 * may be of anything counted (`412 sager`, `12 personer`), but a percentage is no count.
 */
function unitProblem(row: PlanRow, key: ColumnKey, role: InputUnit, measure: MeasureUnit | null): InputProblem | null {
  const unit = unitOf(row.cells[key], row.formats[key]);
  const expected = EXPECTED[role](measure);
  if (!unit || !expected) return null;
  if (role === 'count') {
    const percentage = unit === 'percent' || unit === 'percentPoints';
    return percentage ? { column: key, message: { key: 'countInPercent', args: { column: key, value: shown(row, key) } } } : null;
  }
  if (unit === expected) return null;
  const args = { column: key, value: shown(row, key), unit, expected, number: numberText(row.cells[key], row.formats[key]) };
  return { column: key, message: { key: 'unitMismatch', args } };
}

/**
 * A value its unit cannot have: a share over 100 %, a count or a duration below 0. A share's
 * result is read from its cell as a percentage (`150 %` and a bare 150 are both 150 %); its
 * target and floor are read so already.
 */
function valueProblem(row: PlanRow, key: ColumnKey, role: InputUnit, measure: MeasureUnit | null): InputProblem | null {
  if (role === 'share') {
    const share = key === 'actual' ? parsePercent(row.cells[key], row.formats[key]) : null;
    const over = share ? share.ok && overOne(share.value) : holds(row, key, overOne);
    const under = share ? share.ok && belowZero(share.value) : holds(row, key, belowZero);
    if (over) return { column: key, message: { key: 'shareOver100', args: { column: key, value: shown(row, key) } } };
    return under ? { column: key, message: { key: 'negativeValue', args: { column: key, value: shown(row, key), unit: 'percent' } } } : null;
  }
  if ((role !== 'count' && role !== 'measure') || !holds(row, key, belowZero)) return null;
  // A measure whose cells name no unit is time taken where the goal's text says so: `-5` in
  // `Sagsbehandlingstid i dage`. The text is read only for a value below 0: most rows have none.
  const unit = role === 'count' ? 'count' : (measure ?? timeInText(row.title));
  if (!unit || !UNITS[unit].nonNegative) return null;
  return { column: key, message: { key: 'negativeValue', args: { column: key, value: shown(row, key), unit } } };
}

/** Cases met above the cases they are out of (`600` of 500): a share over 100 %. */
function metProblem(row: PlanRow): InputProblem | null {
  if (row.met === null || row.total === null) return null;
  const base = row.total - (row.excluded ?? 0);
  if (row.met <= base + 1e-9 || base <= 0) return null;
  const args = { met: shown(row, 'met'), total: shown(row, 'total'), excluded: row.excluded ? shown(row, 'excluded') : '' };
  return { column: 'met', message: { key: row.excluded ? 'metAboveBase' : 'metAboveTotal', args } };
}

const NONE: readonly InputProblem[] = Object.freeze([]);

/**
 * The problems of a row's values under its criterion (its own type, else the type it is read as),
 * at most one a cell. A cell already unreadable is passed over.
 */
export function inputProblems(row: PlanRow): readonly InputProblem[] {
  const units = criterionOf(row)?.units;
  if (!units) return NONE;
  const measure = requirementUnit(row, units);
  let problems: InputProblem[] | null = null;
  for (const [key, role] of roles(units)) {
    if (row.cells[key] === undefined || row.unreadable.includes(key)) continue;
    const problem = unitProblem(row, key, role, measure) ?? valueProblem(row, key, role, measure);
    if (problem) (problems ??= []).push(problem);
  }
  const met = units.met && !problems?.some((p) => p.column === 'met' || p.column === 'total') ? metProblem(row) : null;
  if (met) (problems ??= []).push(met);
  return problems ?? NONE;
}
