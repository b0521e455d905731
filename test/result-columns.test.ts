import { ResultColumns, type ResultFields } from '../src/engine/resultColumns';
import { plainResult, readPlan, scorePlan, whatIf, type PlanRow, type RowResult } from '../src/engine';
import { planGrid } from './helpers';


const row = (id: string): PlanRow => ({ id, title: `Mål ${id}`, area: 'Drift' }) as PlanRow;

const fields = (over: Partial<ResultFields>): ResultFields => ({
  level: 1, parentId: '1', parentIndex: 0, isParent: false, weight: 12.5, fulfilment: 0.4, earned: 5, assessedWeight: 12.5,
  status: 'partly', measure: 81.25, measureKind: 'percent', required: 85, requiredKind: 'percent', overridden: false,
  explanation: 'Andel 81,25 % < 85 %', ...over,
});

/** Every field a result has, read through its getters. */
const plain = (r: RowResult) => ({
  id: r.id, title: r.title, area: r.area, level: r.level, parentId: r.parentId, parentIndex: r.parentIndex, isParent: r.isParent,
  weight: r.weight, fulfilment: r.fulfilment, earned: r.earned, assessedWeight: r.assessedWeight, status: r.status, measure: r.measure,
  measureKind: r.measureKind, required: r.required, requiredKind: r.requiredKind, overridden: r.overridden, explanation: r.explanation, inPeriod: r.inPeriod,
});

test('a result reads back every field as given: null apart from 0 and NaN, each status and kind', () => {
  const columns = new ResultColumns(4);
  const given = [
    fields({}),
    fields({ fulfilment: null, measure: null, required: null, measureKind: null, requiredKind: null, status: 'not_assessed', parentId: null, parentIndex: -1, level: 0 }),
    fields({ fulfilment: 0, measure: NaN, required: 0, measureKind: 'date', requiredKind: 'count', status: 'not_met', isParent: true, overridden: true }),
    fields({ fulfilment: 1, measure: -0.5, required: 1e300, measureKind: 'number', requiredKind: 'date', status: 'met', weight: 1 / 3 }),
  ];
  const views = given.map((f, i) => columns.add(row(String(i + 1)), f, i === 3 ? null : undefined));
  views.forEach((view, i) => {
    const { inPeriod, ...rest } = plain(view);
    expect(rest).toEqual({ ...given[i], id: String(i + 1), title: `Mål ${i + 1}`, area: 'Drift' });
    expect(inPeriod).toBe(i === 3 ? null : undefined);
  });
  expect(Object.is(views[2].measure, NaN)).toBe(true);
  expect(views[2].fulfilment).toBe(0);
  expect(views[1].fulfilment).toBeNull();
  expect(() => columns.add(row('5'), fields({}))).toThrow();
});

test('a result shown as JSON has its fields, and a period rule only where the row has one', () => {
  const columns = new ResultColumns(2);
  const a = columns.add(row('1'), fields({}));
  const b = columns.add(row('2'), fields({}), 0.5);
  expect(JSON.parse(JSON.stringify(a))).toMatchObject({ id: '1', weight: 12.5, status: 'partly', explanation: 'Andel 81,25 % < 85 %' });
  expect('inPeriod' in JSON.parse(JSON.stringify(a))).toBe(false);
  expect(JSON.parse(JSON.stringify(b)).inPeriod).toBe(0.5);
});

test('a scored plan and a what-if on it read the same results from columns as the totals add up', () => {
  const { plan, problems } = readPlan(
    planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
      { 'Nr.': '1', Mål: 'Sagsbehandling', Vægt: 60 },
      { 'Nr.': '1.1', Mål: 'Andel inden for 30 dage', Vægt: 30, Kravtype: 'Andel', Målværdi: 'mindst 85 %', Resultat: 0.81 },
      { 'Nr.': '1.2', Mål: 'Klager', Vægt: 30, Kravtype: 'Antal', Målværdi: 'højst 10', Resultat: 12 },
      { 'Nr.': '2', Mål: 'Tilfredshed', Vægt: 40, Kravtype: 'Andel', Målværdi: 'mindst 70 %', Resultat: 0.75 },
    ]),
  );
  const result = scorePlan(plan!, problems, { lang: 'da' });
  const earned = result.rows.filter((r) => r.parentId === null).reduce((sum, r) => sum + r.earned, 0);
  expect(result.total.earned).toBeCloseTo(earned, 12);
  expect(result.rows.map((r) => r.parentIndex)).toEqual([-1, 0, 0, -1]);
  const edited = whatIf(plan!, [{ id: '1.2', text: '9' }], { lang: 'da' }).result;
  expect(edited.rows[2].status).toBe('met');
  expect(edited.rows[0].earned).toBeGreaterThan(result.rows[0].earned);
  const { explanation, ...untouched } = plain(result.rows[3]);
  expect(explanation).not.toBe('');
  expect(plain(edited.rows[3])).toEqual({ ...untouched, explanation: expect.any(String) });
});

test('a result posted to or from a worker keeps its rows only as plain rows', () => {
  const { plan, problems } = readPlan(
    planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
      { 'Nr.': '1', Mål: 'Klager', Vægt: 100, Kravtype: 'Antal', Målværdi: 'højst 10', Resultat: 12 },
    ]),
  );
  const result = scorePlan(plan!, problems, { lang: 'da' });
  // A structured copy keeps own fields only: a view's getters are lost, so the worker posts plain rows.
  expect(structuredClone(result).rows[0].status).toBeUndefined();
  const copied = structuredClone(plainResult(result));
  expect(plain(copied.rows[0])).toEqual(plain(result.rows[0]));
  expect(copied.rows[0].status).toBe('not_met');
});
