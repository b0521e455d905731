import { formatMessage, pack } from '../src/i18n';
import { planGrid, score } from './helpers';

const cols = ['Nr.', 'Område', 'Mål', 'Point', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Gennemført', 'Frist'];
const done = (id: string, extra: Record<string, unknown> = {}) => ({ 'Nr.': id, Kravtype: 'milepæl', Gennemført: 'ja', ...extra });

describe('hierarchy and weights', () => {
  test('the parent is the longest dotted prefix that is a row', () => {
    const r = score(planGrid(cols, [
      { 'Nr.': '1', Point: 20 },
      { 'Nr.': '1.a', Point: 20 },
      done('1.a.2'),
      done('1.b'),
    ]));
    expect(r.rows.map((x) => [x.id, x.parentId, x.level])).toEqual([
      ['1', null, 0],
      ['1.a', '1', 1],
      ['1.a.2', '1.a', 2],
      ['1.b', '1', 1],
    ]);
  });

  test('children without weights share the parent equally: 20 points over three delmål', () => {
    const r = score(planGrid(cols, [{ 'Nr.': '1.a', Point: 20 }, done('1.a.1'), done('1.a.2', { Gennemført: 'nej' }), done('1.a.3')]));
    expect(r.rows.slice(1).map((x) => x.weight)).toEqual([20 / 3, 20 / 3, 20 / 3]);
    expect(r.rows[0].earned).toBeCloseTo(40 / 3, 12);
    expect(r.plan.unit).toBe('points');
  });

  test('children with weights share in proportion: 2 + 2 + 1 of 5', () => {
    const r = score(planGrid(cols, [
      { 'Nr.': '2.4', Point: 5 },
      done('2.4.1', { Point: 2 }),
      done('2.4.2', { Point: 2 }),
      done('2.4.3', { Point: 1, Gennemført: 'nej' }),
    ]));
    expect(r.rows.map((x) => x.weight)).toEqual([5, 2, 2, 1]);
    expect(r.total.earned).toBe(4);
    expect(r.problems).toEqual([]);
  });

  test('children that do not add up to the parent are used as proportions, with a warning', () => {
    const r = score(planGrid(cols, [{ 'Nr.': '1', Vægt: 10 }, done('1.1', { Vægt: 3 }), done('1.2', { Vægt: 1 })], undefined));
    expect(r.rows.map((x) => x.weight)).toEqual([10, 7.5, 2.5]);
    expect(r.problems.map((p) => p.message.key)).toContain('childWeights');
  });

  test('a parent without a weight weighs what its children weigh', () => {
    const r = score(planGrid(cols, [{ 'Nr.': '1', Mål: 'Mål 1' }, done('1.1', { Vægt: 60 }), done('1.2', { Vægt: 40 })]));
    expect(r.rows[0].weight).toBe(100);
    expect(r.total.weight).toBe(100);
    expect(r.problems).toEqual([]);
  });

  test('all: every child fully met, else 0; not assessed while open', () => {
    const rows = (second: string | null) =>
      score(planGrid(cols, [
        { 'Nr.': '6.1', Vægt: 100, Kravtype: 'alle' },
        { 'Nr.': '6.1.a', Kravtype: 'højst', Målværdi: 14, Resultat: 13 },
        { 'Nr.': '6.1.b', Kravtype: 'højst', Målværdi: 8, Resultat: second },
      ])).rows[0];
    expect(rows('7').fulfilment).toBe(1);
    expect(rows('9').fulfilment).toBe(0);
    expect(rows(null).status).toBe('not_assessed');
  });

  test('area rows declare the area weight; a mismatch is a warning at the area cell', () => {
    const r = score(planGrid(cols, [
      { Område: 'A', Vægt: 60 },
      done('1', { Vægt: 50 }),
      { Område: 'B', Vægt: 40 },
      done('2', { Vægt: 40, Gennemført: 'nej' }),
    ]));
    expect(r.areas.map((a) => [a.name, a.declaredWeight, a.weight, a.earned])).toEqual([
      ['A', 60, 50, 50],
      ['B', 40, 40, 0],
    ]);
    const keys = r.problems.map((p) => `${p.cell}:${p.message.key}`);
    expect(keys).toContain('E6:areaWeight');
    expect(keys).toContain('E5:planTotal');
  });

  test('an area may carry its weight in its label, as plans copied from a letter write it', () => {
    const r = score(planGrid(cols, [
      { Område: 'Fokus på sagsbehandlingstiden (vægt: 60 pct.)' },
      done('1', { Vægt: 60 }),
      { Område: 'Sikkerhed (40 %)' },
      done('2', { Vægt: 30 }),
      { Område: 'Grønland og Færøerne (2024)' },
      done('3', { Vægt: 10 }),
    ]));
    expect(r.areas.map((a) => [a.name, a.declaredWeight])).toEqual([
      ['Fokus på sagsbehandlingstiden', 60],
      ['Sikkerhed', 40],
      ['Grønland og Færøerne (2024)', null],
    ]);
    expect(r.problems.map((p) => `${p.cell}:${p.message.key}`)).toEqual(['B8:areaWeight']);
  });

  test('without an area column, a heading with a weight in the goal column names the area; one without is a note', () => {
    const r = score(planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Gennemført'], [
      { Mål: 'Fokus på sagsbehandlingstiden (vægt: 60 pct.)' },
      done('1', { Vægt: 60 }),
      { Mål: 'Tallene er foreløbige' },
      { Mål: 'Koncernfælles mål', Vægt: 40 },
      done('2', { Vægt: 40 }),
    ]));
    expect(r.rows.map((x) => [x.id, x.area])).toEqual([
      ['1', 'Fokus på sagsbehandlingstiden'],
      ['2', 'Koncernfælles mål'],
    ]);
    expect(r.areas.map((a) => [a.name, a.declaredWeight])).toEqual([
      ['Fokus på sagsbehandlingstiden', 60],
      ['Koncernfælles mål', 40],
    ]);
    expect(r.problems).toEqual([]);
  });

  test('weights written as fractions that add up to 1 are named as such, with how to write them', () => {
    const r = score(planGrid(cols, [done('1', { Vægt: 0.6 }), done('2', { Vægt: 0.4 })]));
    expect(r.total.score).toBe(1);
    expect(r.problems.map((p) => p.message.key)).toEqual(['planTotalFractions']);
    expect(formatMessage(r.problems[0].message, pack('da'))).toContain('Skriv 10 eller 10 %');
    expect(score(planGrid(cols, [done('1', { Vægt: 60 }), done('2', { Vægt: 30 })])).problems.map((p) => p.message.key)).toEqual(['planTotal']);
  });

  test('totals: assessed weight, highest reachable and counts by status', () => {
    const r = score(planGrid(cols, [
      done('1', { Vægt: 40 }),
      done('2', { Vægt: 30, Gennemført: 'nej' }),
      { 'Nr.': '3', Vægt: 20, Kravtype: 'milepæl', Frist: 'Q4 2024' },
      { 'Nr.': '4', Vægt: 10, Kravtype: 'mindst', Målværdi: 10, Resultat: 5 },
    ]));
    expect(r.total).toMatchObject({ weight: 100, earned: 40, score: 0.4, assessedWeight: 80, maxReachable: 60 });
    expect(r.total.counts).toEqual({ met: 1, partly: 0, not_met: 2, not_assessed: 1 });
  });

  test('rows without an ID and without a weight are skipped; duplicate IDs are errors', () => {
    const r = score(planGrid(cols, [done('1', { Vægt: 50 }), { Mål: 'fritekst' }, done('1', { Vægt: 50 }), done('2', { Vægt: 50 })]));
    expect(r.rows.map((x) => x.id)).toEqual(['1', '2']);
    expect(r.problems[0]).toMatchObject({ cell: 'A8', severity: 'error', message: { key: 'duplicateId' } });
  });
});

describe('header and metadata', () => {
  test('headers in any order, case and accents folded, English and Norwegian names', () => {
    const grid = planGrid(['RESULTAT', 'id', 'Vekt', 'Kravtype', 'Målverdi', 'Merknad'], [
      { RESULTAT: 9, id: '1', Vekt: '100 %', Kravtype: 'minst', Målverdi: 8, Merknad: 'ok' },
    ], [['Virksomhet', 'Kriminalomsorgen'], ['År', 2024], ['Periode', '2. tertial'], ['Delvis oppnåelse', '40 %']]);
    const r = score(grid);
    expect(r.plan.metadata).toMatchObject({ agency: 'Kriminalomsorgen', year: 2024, period: { kind: 'tertial', index: 2 }, partialCredit: 0.4 });
    expect(r.rows[0]).toMatchObject({ status: 'met', weight: 100 });
    expect(r.rows[0].row.note).toBe('ok');
  });

  test('the header is found below metadata, and a sheet without one is not a plan', () => {
    const r = score(planGrid(['ID', 'Weight', 'Type', 'Target', 'Actual'], [{ ID: '1', Weight: 100, Type: 'max', Target: 5, Actual: 4 }]));
    expect(r.plan.headerRow).toBe(5);
    expect(r.total.score).toBe(1);
    expect(() => score({ name: 'X', values: [['Navn', 'Beløb'], ['a', 1]] })).toThrow('not a plan sheet');
  });
});
