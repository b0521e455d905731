/** Headers as people type them: units and notes after a name, near misses, and the sheet that came closest. */
import { formatMessage, pack } from '../src/i18n';
import { headerColumn, headerLanguage, nearestHeader, readPlan, resembledColumn } from '../src/engine/reader';
import { scoreGrids, noPlanProblem } from '../src/pipeline';
import type { SheetGrid } from '../src/engine/types';

const da = pack('da');

test.each([
  ['Vægt (%)', 'weight'],
  ['Vægtning i pct.', 'weight'],
  ['Point (maks.)', 'points'],
  ['Målværdi (dage)', 'target'],
  ['Nedre grænse (dage)', 'floor'],
  ['Resultat 2024', 'actual'],
  ['Kravtype', 'type'],
  ['Målværdi x', 'target'],
  ['Note til ministeriet', 'note'],
  ['Succeskriterium', 'target'],
  ['Måltal 2024', 'target'],
  ['Måltall', 'target'],
  ['Ambisjonsnivå', 'target'],
  ['Styringsparametere', 'title'],
  ['Indikator', 'title'],
  ['Realiseret', 'actual'],
  ['Oppnådd resultat', 'actual'],
])('%s names the column %s', (header, key) => {
  expect(headerColumn(header)).toBe(key);
});

test.each([
  ['Krav type', 'type'],
  ['Vagt', 'weight'],
  ['Resulat', 'actual'],
])('%s resembles %s', (header, key) => {
  expect(headerColumn(header)).toBeUndefined();
  expect(resembledColumn(header)).toBe(key);
});

test('a header row is in the language whose column names name the most of its cells; a tie names none', () => {
  expect(headerLanguage(['Nr.', 'Mål', 'Vægt', 'Målværdi', 'Resultat'])).toBe('da');
  expect(headerLanguage(['Nr.', 'Mål', 'Vekt (%)', 'Målverdi', 'Resultat T1'])).toBe('nb');
  expect(headerLanguage(['ID', 'Goal', 'Weight', 'Target', 'Actual'])).toBe('en');
  // Nr., Mål, Kravtype and Resultat are Danish and Norwegian alike.
  expect(headerLanguage(['Nr.', 'Mål', 'Kravtype', 'Resultat'])).toBeUndefined();
  expect(headerLanguage([null, 3, '', 'Bemærkninger til ministeriet'])).toBeUndefined();
});

const plan = (header: string[], rows: unknown[][]): SheetGrid => ({ name: 'Plan', values: [['Myndighed', 'Styrelsen'], [], header, ...rows] as SheetGrid['values'] });

test('a plan with "Vægt (%)" is read; "Krav type" is a warning naming its cell, and the untyped rows too', () => {
  const grid = plan(['Nr.', 'Mål', 'Vægt (%)', 'Krav type', 'Målværdi', 'Resultat'], [['1', 'a', 50, 'mindst', 10, 12], ['2', 'b', 50, 'mindst', 10, 8]]);
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  expect(results).toHaveLength(1);
  const texts = problems.map((p) => `${p.cell} ${p.severity}: ${formatMessage(p.message, da)}`);
  expect(texts).toContain('D3 warning: Overskriften »Krav type« ligner kolonnen Kravtype, men læses ikke. Ret den, hvis kolonnen skal bruges.');
  expect(texts.filter((t) => t.includes('ingen kravtype'))).toHaveLength(2);
});

test('with the header right, the same plan scores and warns of nothing', () => {
  const grid = plan(['Nr.', 'Mål', 'Vægt (%)', 'Kravtype', 'Målværdi', 'Resultat'], [['1', 'a', 50, 'mindst', 10, 12], ['2', 'b', 50, 'mindst', 10, 8]]);
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  expect(problems).toEqual([]);
  expect(results[0].total.score).toBeCloseTo(0.5, 9);
});

test('when no sheet is a plan, the message names the sheet and row that came closest and the column it lacks', () => {
  const grids: SheetGrid[] = [
    { name: 'Forside', values: [['Mål- og resultatplan 2024']] },
    { name: 'Mål', values: [['Myndighed', 'X'], ['Mål', 'Vægt', 'Kravtype', 'Målværdi']] },
  ];
  expect(readPlan(grids[1]).plan).toBeNull();
  expect(nearestHeader(grids)).toEqual({ sheet: 'Mål', row: 2, lacks: ['id'] });
  const problem = noPlanProblem('plan.xlsx', grids);
  expect(formatMessage(problem.message, da)).toBe('Ingen ark i plan.xlsx ligner en målplan. Tættest på er arket Mål, række 2, men den mangler kolonnen »Nr.«.');
  expect(formatMessage(problem.message, pack('en'))).toBe('No sheet in plan.xlsx looks like a goal plan. Closest is sheet Mål, row 2, but it lacks the column “ID”.');
  expect(problem.sheet).toBe('Mål');
});

test.each([
  ['Mål- og resultatplan for Kriminalforsorgen 2024', 2024],
  ['Tildelingsbrev 2025 til Kriminalomsorgsdirektoratet', 2025],
  ['Opdateret 12.03.2024 – plan 2024', 2024],
  ['Resultatkontrakt 2023–2024', null],
  ['Mål- og resultatplan', null],
])('with no År, the title %s gives the year %s', (title, year) => {
  const { plan, problems } = readPlan({ name: 'Plan', values: [[title], [], ['Nr.', 'Mål', 'Kravtype', 'Frist', 'Gennemført'], ['1', 'Milepæl', 'milepæl', 'Q2', '30.06.2024']] });
  expect(plan!.metadata.year).toBe(year);
  // A deadline of a bare period takes the year, so a milestone without one is a problem.
  expect(problems.map((p) => p.message.key)).toEqual(year === null ? ['badDate'] : []);
});

test('an År cell wins over the title', () => {
  const { plan } = readPlan({ name: 'Plan', values: [['Plan 2023'], ['År', 2024], [], ['Nr.', 'Mål', 'Kravtype', 'Gennemført'], ['1', 'Milepæl', 'milepæl', 'ja']] });
  expect(plan!.metadata.year).toBe(2024);
});
