/**
 * The three seed plans, scored through the workbook adapter. Every expected total is worked out
 * by hand below from the seed's own numbers (seeds/*.json), never copied from the program.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CRITERIA, type PlanResult } from '../src/engine';
import { scoreGrids } from '../src/pipeline';
import { gridsFromWorkbook, readWorkbook } from '../src/xlsx';
import { buildSeeds } from '../scripts/build-seeds';

const SEEDS = path.join(__dirname, '..', 'seeds');

async function scoreSeed(name: string): Promise<{ result: PlanResult; grids: ReturnType<typeof gridsFromWorkbook> }> {
  const grids = gridsFromWorkbook(await readWorkbook(await fs.readFile(path.join(SEEDS, name))));
  const { results } = scoreGrids(grids, { lang: 'da' });
  expect(results).toHaveLength(1);
  return { result: results[0], grids };
}

const earnedOf = (r: PlanResult, id: string) => r.rows.find((x) => x.id === id)!.earned;

test('000 Kriminalforsorgen 2024 (percent)', async () => {
  const { result: r } = await scoreSeed('000-kriminalforsorgen-2024.xlsx');
  const share12 = 5 * ((412 / 500 - 0.75) / (0.85 - 0.75)); // linear from 75 % to 85 %
  const earned =
    5 + share12 + 5 + 0 + // 1.1 met, 1.2 linear, 2.1 done, 3.1 93,8 % < 95 %
    10 + 10 * 0.5 + // 4.1 assessed met, 4.2 late but by the floor: partial credit 50 %
    10 + 0 + // 5.1 both headcounts up (all), 6.1 one of two sickness targets missed (all)
    10 + // 7.1 (12,0 − 11,3) / 12 = 5,83 % ≥ 5 %
    10 * 0.5 + 5 * 0.5 + 5 + // 8.1 78,5 % between 75 % and 80 %: partial, 8.2 partly, 9.1 overridden to met
    5; // 10.1 both milestones in time; 11.1 not assessed
  expect(r.plan.metadata).toMatchObject({ agency: 'Kriminalforsorgen', year: 2024, periodText: 'Q4' });
  expect(r.plan.unit).toBe('percent');
  expect(earnedOf(r, '1.2')).toBeCloseTo(share12, 9);
  expect(r.total.weight).toBeCloseTo(100, 9);
  expect(r.total.earned).toBeCloseTo(earned, 9);
  expect(r.total.assessedWeight).toBeCloseTo(95, 9);
  expect(r.total.maxReachable).toBeCloseTo(earned + 5, 9);
  expect(r.total.counts).toEqual({ met: 10, partly: 4, not_met: 2, not_assessed: 1 });
  expect(r.areas.map((a) => a.weight)).toEqual([10, 10, 20, 20, 10, 20, 10]);
  expect(r.rows.find((x) => x.id === '9.1')!.overridden).toBe(true);
  expect(r.problems).toEqual([]);
});

test('001 Politiet 2024 (percent)', async () => {
  const { result: r } = await scoreSeed('001-politiet-2024.xlsx');
  const earned =
    15 * 0.5 + 10 + // 1.1 189 days: over 180 but within the floor 200, partial; 1.2 158 ≤ 165
    10 * (5 / 6) + 0 + 10 + 5 + // 2.1 formula min(5/6, 1), 2.2 not done, 2.3 both halves, 2.4 assessed met
    10 + // 3.1 done 1 Nov; 3.2 not assessed
    10 + 10 * 0.5 + // 4.1 in time, 4.2 352/400 = 88 %: step 85 % gives 50 %
    5; // 5.1 in time
  expect(r.plan.metadata.periodText).toBe('4. kvartal');
  expect(r.total.earned).toBeCloseTo(earned, 9);
  expect(r.total.weight).toBeCloseTo(100, 9);
  expect(r.total.assessedWeight).toBeCloseTo(90, 9);
  expect(r.total.maxReachable).toBeCloseTo(earned + 10, 9);
  expect(r.total.counts).toEqual({ met: 7, partly: 3, not_met: 1, not_assessed: 1 });
  expect(r.rows.filter((x) => x.parentId === '2.3').map((x) => x.weight)).toEqual([5, 5]);
  expect(r.problems).toEqual([]);
});

test('003 Hjemrejsestyrelsen 2024 (points), with data sheets', async () => {
  const { result: r, grids } = await scoreSeed('003-hjemrejsestyrelsen-2024.xlsx');
  // The data, read straight from the sheets and reduced here by hand.
  const column = (sheet: string, col: number) => grids.find((g) => g.name === sheet)!.values.slice(1).map((row) => row[col] as number);
  const trimmedMean = (values: number[]) => {
    const kept = [...values].sort((a, b) => a - b).slice(0, values.length - Math.floor(values.length * 0.05));
    return kept.reduce((s, v) => s + v, 0) / kept.length;
  };
  const flygtning = trimmedMean(column('Sagsbehandlingstider', 1));
  const udlaending = trimmedMean(column('Sagsbehandlingstider', 2));
  const straks = column('Straksudsendelser', 1);
  const straksShare = straks.filter((d) => d <= 10).length / straks.length;
  expect(flygtning).toBeLessThanOrEqual(110);
  expect(udlaending).toBeGreaterThan(180);
  expect(straksShare).toBeGreaterThanOrEqual(0.8);
  expect(r.rows.find((x) => x.id === '1.2')!.measure).toBeCloseTo(flygtning, 9);

  const earned =
    20 * (2 / 3) + // 1.a: delmål 1 and 3 met, delmål 2 (1.200 → 1.104 = 8 % < 10 %) not
    10 + // 1.b 4 projects within 3–5
    (442 / (540 - 28) >= 0.85 ? 5 : 0) + // 1.c excluded cases out of the denominator
    5 + // 1.d 91,5 %
    5 * ((1148 / 1221 - 0.9) / (0.95 - 0.9)) + // 1.e linear from 90 % to 95 %
    (2311 / 2398 >= 0.95 ? 5 : 0) + // 1.f
    (straksShare >= 0.8 ? 5 : 0) + // 1.g share of the data within 10 days
    (687 / (781 - 34) >= 0.9 ? 5 : 0) + // 1.h
    (flygtning <= 110 ? 10 : 0) + (udlaending <= 180 ? 10 : 0) + // 1.2 and 1.3 on trimmed means
    5 + // 1.4 in time
    2.5 * 0.5 + 2.5 + 0 + // 2.1 partly, 2.2 in time, 2.3 four days late
    (2 + 2); // 2.4: 2 + 2 + 1 with the last not delivered
  expect(r.plan.unit).toBe('points');
  expect(r.total.weight).toBeCloseTo(100, 9);
  expect(r.total.earned).toBeCloseTo(earned, 9);
  expect(r.total.assessedWeight).toBeCloseTo(100, 9);
  expect(r.areas.map((a) => [a.name, a.weight])).toEqual([['Faglige mål', 85], ['Koncernfælles mål', 15]]);
  expect(r.total.counts).toEqual({ met: 13, partly: 2, not_met: 4, not_assessed: 0 });
  expect(r.problems).toEqual([]);
});

test('together the seeds use every criterion type and every scale', async () => {
  const results = await Promise.all(['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx', '003-hjemrejsestyrelsen-2024.xlsx'].map(scoreSeed));
  const rows = results.flatMap((s) => s.result.rows);
  const types = new Set(rows.map((r) => r.row.typeKey));
  for (const c of CRITERIA) expect(types).toContain(c.key);
  const scales = new Set(rows.map((r) => r.row.scale?.kind ?? 'binary'));
  expect([...scales].sort()).toEqual(['binary', 'linear', 'partial', 'steps']);
  expect(rows.some((r) => r.isParent && r.row.typeKey === null)).toBe(true);
  expect(rows.some((r) => r.overridden)).toBe(true);
  expect(rows.some((r) => r.row.data && r.row.trim)).toBe(true);
  expect(rows.some((r) => r.row.excluded)).toBe(true);
});

test('the seed workbooks are what their JSON sources generate', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seeds-'));
  const files = await buildSeeds(SEEDS, dir);
  for (const file of files) {
    const committed = path.join(SEEDS, path.relative(dir, file));
    const a = gridsFromWorkbook(await readWorkbook(await fs.readFile(file)));
    const b = gridsFromWorkbook(await readWorkbook(await fs.readFile(committed)));
    expect(b.map((g) => g.values)).toEqual(a.map((g) => g.values));
  }
  await fs.rm(dir, { recursive: true, force: true });
});

test('the template has a note on every header and drop-down lists', async () => {
  const wb = await readWorkbook(await fs.readFile(path.join(SEEDS, 'template', 'maalplan-skabelon.xlsx')));
  const sheet = wb.worksheets[0];
  const header = sheet.getRow(6);
  const names: string[] = [];
  header.eachCell((cell) => {
    names.push(String(cell.value));
    expect(typeof cell.note === 'string' ? cell.note : cell.note?.texts?.map((t) => t.text).join('')).toBeTruthy();
  });
  expect(names.slice(0, 5)).toEqual(['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype']);
  const typeCol = names.indexOf('Kravtype') + 1;
  const validation = sheet.getCell(7, typeCol).dataValidation;
  expect(validation?.type).toBe('list');
  expect(validation?.formulae?.[0]).toContain('milepæl');
  expect(sheet.getCell(7, names.indexOf('Vurdering') + 1).dataValidation?.formulae?.[0]).toContain('Delvist opfyldt');
  expect(sheet.getCell(7, names.indexOf('Skala') + 1).dataValidation?.formulae?.[0]).toContain('lineær');
});
