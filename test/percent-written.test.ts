/**
 * Plans write "at least 85 % of cases" as a plain `mindst` with a target of `85 %` as often as a
 * share, and the result as 80 or 80 %. A plain comparison written in percent reads in percent.
 */
import { readPlan, whatIf, whatIfInput, type CellValue, type SheetGrid } from '../src/engine';
import { pack } from '../src/i18n';
import { scoreWorkbookLayout } from '../src/pipeline';
import { one, planGrid, score } from './helpers';

describe('a plain comparison written in percent', () => {
  test('a target of 85 % and a bare result of 80 are 80 % against 85 %: not met', () => {
    const r = one({ Kravtype: 'mindst', Målværdi: '85 %', Resultat: 80 }).row;
    expect(r.row.actual).toBeCloseTo(0.8, 12);
    expect(r.fulfilment).toBe(0);
    expect(r.measureKind).toBe('percent');
    expect(r.required).toBeCloseTo(0.85, 12);
    expect(r.explanation).toBe('80 % < 85 %');
  });

  test('a result of 90 % against a bare target of 85, and a percent word, read alike', () => {
    expect(one({ Kravtype: 'mindst', Målværdi: 85, Resultat: '90 %' }).row).toMatchObject({ fulfilment: 1, explanation: '90 % ≥ 85 %' });
    expect(one({ Kravtype: 'højst', Målværdi: '10 pct.', Resultat: 12 }).row).toMatchObject({ fulfilment: 0, explanation: '12 % > 10 %' });
    expect(one({ Kravtype: 'interval', Målværdi: '80-90 %', Resultat: 0.85 }).row.fulfilment).toBe(1);
  });

  test('cells in a percent format read as percent, and a floor and scale follow', () => {
    const grid: SheetGrid = planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Nedre grænse', 'Skala', 'Resultat'], [
      { 'Nr.': '1', Mål: 'Sager inden 30 dage', Vægt: 100, Kravtype: 'mindst', Målværdi: 0.85, 'Nedre grænse': 0.75, Skala: 'lineær', Resultat: 0.8 },
    ]);
    grid.formats = grid.values.map((row, r) => (r === grid.values.length - 1 ? [null, null, null, null, '0%', '0%', null, '0.0%'] : []));
    const r = score(grid).rows[0];
    expect(r.fulfilment).toBeCloseTo(0.5, 12);
    expect(r.explanation).toContain('75 % → 85 %');
  });

  test('the score sheet shows the target, the result and what it takes as percent', () => {
    const result = score(planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
      { 'Nr.': '1', Mål: 'Sager inden 30 dage', Vægt: 50, Kravtype: 'mindst', Målværdi: '85 %', Resultat: 80 },
      { 'Nr.': '2', Mål: 'Ventetid i dage', Vægt: 50, Kravtype: 'højst', Målværdi: 30, Resultat: 25 },
    ]));
    const sheet = scoreWorkbookLayout([result], [], 'da').sheets[0];
    const header = sheet.values.findIndex((row) => row[0] === 'Nr.');
    const col = (name: string) => sheet.values[header].indexOf(name);
    const [percentRow, dayRow] = [header + 1, header + 2];
    expect(sheet.values[percentRow][col('Målværdi')]).toBeCloseTo(0.85, 12);
    expect(sheet.values[percentRow][col('Resultat')]).toBeCloseTo(0.8, 12);
    for (const name of ['Målværdi', 'Resultat', 'Faktisk', 'Krævet for opfyldelse']) expect(sheet.numberFormats[percentRow][col(name)]).toMatch(/%$/);
    // A plain comparison without a percent anywhere stays in its own numbers.
    for (const name of ['Målværdi', 'Resultat', 'Faktisk']) expect(sheet.numberFormats[dayRow][col(name)]).toBe('General');
    expect(result.rows[1]).toMatchObject({ fulfilment: 1, measureKind: 'number', explanation: '25 ≤ 30' });
  });

  test('a what-if on such a row reads 86 as 86 %, and its box says percent', () => {
    const grid = planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
      { 'Nr.': '1', Mål: 'Sager inden 30 dage', Vægt: 100, Kravtype: 'mindst', Målværdi: '85 %', Resultat: 80 },
    ]);
    const { plan } = readPlan(grid);
    expect(whatIfInput(plan!.rows[0], plan!, pack('da'))).toMatchObject({ kind: 'percent', unit: '%' });
    const met = (text: string): CellValue => whatIf(plan!, [{ id: '1', text }], { lang: 'da' }).result.rows[0].fulfilment;
    expect(met('86')).toBe(1);
    expect(met('84 %')).toBe(0);
    expect(met('0,86')).toBe(1);
  });
});

describe('a total row', () => {
  const cols = ['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype', 'Gennemført'];
  const goal = (id: string, weight: number) => ({ 'Nr.': id, Område: 'Sagsbehandling', Mål: `Mål ${id}`, Vægt: weight, Kravtype: 'milepæl', Gennemført: 'ja' });

  test.each([
    ['in the area column', { Område: 'I alt', Vægt: 100 }],
    ['in the goal column', { Mål: 'Total', Vægt: 100 }],
    ['in Norwegian', { Område: 'Totalt', Vægt: 100 }],
  ])('labelled %s is no area and no goal', (_, total) => {
    const result = score(planGrid(cols, [goal('1', 60), goal('2', 40), total]));
    expect(result.areas.map((a) => a.name)).toEqual(['Sagsbehandling']);
    expect(result.rows.map((r) => r.id)).toEqual(['1', '2']);
    expect(result.problems).toEqual([]);
  });

  test('an area of another name is still an area row, and a goal titled Total is still a goal', () => {
    const result = score(planGrid(cols, [{ Område: 'Samlet drift', Vægt: 100 }, { ...goal('1', 100), Område: null, Mål: 'Total' }]));
    expect(result.areas.map((a) => [a.name, a.declaredWeight])).toEqual([['Samlet drift', 100]]);
    expect(result.rows.map((r) => [r.id, r.area])).toEqual([['1', 'Samlet drift']]);
  });
});

describe('a row without a type', () => {
  test('is a plain comparison in its target’s direction, or a range between its bounds', () => {
    expect(one({ Målværdi: 'mindst 85 %', Resultat: 80 }).row).toMatchObject({ fulfilment: 0, measureKind: 'percent', explanation: '80 % < 85 %' });
    expect(one({ Målværdi: '< 65 dage', Resultat: 65 }).row).toMatchObject({ fulfilment: 0, explanation: '65 ≥ 65' });
    expect(one({ Målværdi: '3-5', Resultat: 4 }).row.fulfilment).toBe(1);
  });

  test('with a bare target, or a baseline, it still says what is missing', () => {
    for (const row of [{ Målværdi: 85, Resultat: 80 }, { Målværdi: 'mindst 10 %', Udgangspunkt: 100, Resultat: 80 }]) {
      const { row: r, result } = one(row);
      expect(r.fulfilment).toBeNull();
      expect(result.problems.map((p) => p.message.key)).toContain('typeNotInferred');
    }
  });

  test('is edited in what-if and laid out as the type it is read as', () => {
    const grid = planGrid(['Nr.', 'Mål', 'Vægt', 'Målværdi', 'Resultat', 'Opfyldte', 'I alt'], [
      { 'Nr.': '1', Mål: 'Sager inden 30 dage', Vægt: 50, Målværdi: 'mindst 85 %', Resultat: 80 },
      { 'Nr.': '2', Mål: 'Klager besvaret', Vægt: 50, Målværdi: '90 %', Opfyldte: 95, 'I alt': 100 },
    ]);
    const { plan } = readPlan(grid);
    expect(whatIfInput(plan!.rows[0], plan!, pack('da'))).toMatchObject({ field: 'actual', kind: 'percent' });
    expect(whatIf(plan!, [{ id: '1', text: '86' }], { lang: 'da' }).result.rows[0].fulfilment).toBe(1);
    const sheet = scoreWorkbookLayout([score(grid)], [], 'da').sheets[0];
    const header = sheet.values.findIndex((row) => row[0] === 'Nr.');
    const target = sheet.values[header].indexOf('Målværdi');
    expect([sheet.numberFormats[header + 1][target], sheet.numberFormats[header + 2][target]]).toEqual(['"≥ "0.0%', '0.0%']);
  });
});
