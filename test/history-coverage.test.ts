/**
 * A history over partly filled periods says how much of the plan each figure covers: earlier years
 * given on one row only are not read as scores of the whole plan.
 */
import { periodCoverage, type CellValue, type SheetGrid } from '../src/engine';
import { pack, trendText } from '../src/i18n';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { planGrid } from './helpers';

const YEARS = ['2016', '2017', '2018', '2019'];

/** Thirteen goals; the earlier years give a result on the first row only, the last year on all. */
function partlyFilled(headers: { id: string; title: string; weight: string; type: string; target: string; result: string }, metadata: [string, CellValue][]): SheetGrid {
  const rows: Record<string, CellValue>[] = [];
  for (let i = 1; i <= 13; i++) {
    const row: Record<string, CellValue> = { [headers.id]: String(i), [headers.title]: `Mål ${i}`, [headers.weight]: 1, [headers.type]: headers.type === 'Kravtype' ? 'mindst' : 'minst', [headers.target]: 10 };
    for (const year of YEARS) row[`${headers.result} ${year}`] = i === 1 || year === '2019' ? 12 : null;
    rows.push(row);
  }
  return planGrid([headers.id, headers.title, headers.weight, headers.type, headers.target, ...YEARS.map((y) => `${headers.result} ${y}`)], rows, metadata);
}

const danish = partlyFilled({ id: 'Nr.', title: 'Mål', weight: 'Vægt', type: 'Kravtype', target: 'Målværdi', result: 'Resultat' }, [['Myndighed', 'Styrelsen'], ['År', 2019]]);
const norwegian = partlyFilled({ id: 'Nr.', title: 'Styringsparameter', weight: 'Vekt', type: 'Kravtype', target: 'Målverdi', result: 'Resultat' }, [['Virksomhet', 'Direktoratet'], ['År', 2019]]);

test('each period says how many of the plan’s goals its score covers, when the periods cover it unalike', () => {
  const r = scoreGrids([danish], { lang: 'da' }).results[0];
  expect(r.periods!.map((p) => p.label)).toEqual(YEARS);
  expect(periodCoverage(r.periods!)).toEqual([
    { assessed: 1, of: 13 },
    { assessed: 1, of: 13 },
    { assessed: 1, of: 13 },
    { assessed: 13, of: 13 },
  ]);
  expect(r.periods!.map((p) => p.assessedWeight)).toEqual([1, 1, 1, 13]);
  expect(trendText(r.periods!, pack('da'))).toBe('Udvikling: 2016 7,7 % (1 af 13 mål) → 2017 7,7 % (1 af 13 mål) → 2018 7,7 % (1 af 13 mål) → 2019 100 % (13 af 13 mål)');
});

test('in Norwegian too', () => {
  const r = scoreGrids([norwegian], { lang: 'nb' }).results[0];
  expect(trendText(r.periods!, pack('nb'))).toBe('Utvikling: 2016 7,7 % (1 av 13 mål) → 2017 7,7 % (1 av 13 mål) → 2018 7,7 % (1 av 13 mål) → 2019 100 % (13 av 13 mål)');
});

test('periods that cover the plan alike are shown as they are', () => {
  const full = planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat 2018', 'Resultat 2019'], [
    { 'Nr.': '1', Mål: 'A', Vægt: 50, Kravtype: 'mindst', Målværdi: 10, 'Resultat 2018': 8, 'Resultat 2019': 12 },
    { 'Nr.': '2', Mål: 'B', Vægt: 50, Kravtype: 'mindst', Målværdi: 10, 'Resultat 2018': 12, 'Resultat 2019': 12 },
  ], [['Myndighed', 'Styrelsen'], ['År', 2019]]);
  const r = scoreGrids([full], { lang: 'da' }).results[0];
  expect(periodCoverage(r.periods!)).toEqual([null, null]);
  expect(trendText(r.periods!, pack('da'))).toBe('Udvikling: 2018 50 % → 2019 100 %');
});

test('the score sheet’s score-by-period block says each period’s coverage beside its score', () => {
  const { results } = scoreGrids([danish], { lang: 'da' });
  const sheet = scoreWorkbookLayout(results, [], 'da').sheets[0];
  const header = sheet.values.findIndex((row) => row[1] === 'Periode' && row[2] === 'Samlet opfyldelse');
  expect(header).toBeGreaterThan(0);
  expect(sheet.values[header][3]).toBe('Vurderede mål');
  expect(sheet.values.slice(header + 1, header + 5).map((row) => [row[1], row[3]])).toEqual([
    ['2016', '1 af 13 mål'],
    ['2017', '1 af 13 mål'],
    ['2018', '1 af 13 mål'],
    ['2019', '13 af 13 mål'],
  ]);
});
