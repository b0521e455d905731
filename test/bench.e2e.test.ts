/**
 * The benchmark at its smallest size, so `npm run bench` keeps working. No timing is asserted
 * here; timings are measured and reported by the benchmark itself (bench/README.md).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { runBenchmarks, table } from '../bench/run';
import { growthChart } from '../bench/chart';
import { built } from './resources';

test('the benchmark runs: the engine and HyperFormula agree, syncs do not grow, results have their shape', async () => {
  const r = await runBenchmarks(true);
  expect(r.engine.totalsAgree).toEqual([true]);
  expect(r.office.syncsRead).toEqual([3, 3]);
  expect(r.office.syncsWrite[0]).toBe(r.office.syncsWrite[1]);
  expect(Math.max(...r.office.maxRequestBytes)).toBeLessThan(r.office.requestLimit);
  // Both of the page's scripts are counted: more than functions.js alone.
  const functionsGzip = gzipSync(readFileSync(built('dist/addin/functions.js')), { level: 9 }).length;
  expect(r.bundle.taskpaneGzipBytes).toBeGreaterThan(functionsGzip);
  expect(r.consolidate.files).toBe(5);
  expect(r.whatIf.msBySize).toHaveLength(r.whatIf.sizes.length);
  expect(r.consolidate.floorMs).toBeGreaterThan(0);
  expect(r.file.outBytes).toBeGreaterThan(r.file.inBytes);
  expect(r.plan.requirements).toBe(100);
  expect(r.plan.floorMs).toBeGreaterThan(0);
  expect(r.plan.outBytes).toBeGreaterThan(0);
  // The case-data plan's four requirements are all scored from its data sheet.
  expect(r.caseData.scored).toBe(4);
  expect(r.caseData.floorMs).toBeGreaterThan(0);
  expect(r.consolidate.deflateMs).toBeGreaterThan(0);
  expect(r.engine.rowsMs).toHaveLength(1);
  expect(Object.keys(r)).toEqual(['machine', 'engine', 'office', 'bundle', 'consolidate', 'file', 'plan', 'caseData', 'whatIf', 'cli', 'pane']);
  expect(r.cli.seeds.map((s) => s.seed)).toEqual(['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx']);
  expect(r.cli.nodeMs).toBeGreaterThan(0);
  // Where Chromium is (the test command provisions it), the pane's time to interactive is measured.
  expect(r.pane.ms === null ? r.pane.note : r.pane.runs).toBeTruthy();
  expect(table(r)).toContain('totals agree: true');
  const svg = growthChart(r);
  expect(svg).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>\n$/);
  expect((svg.match(/<polyline/g) ?? []).length).toBe(3);
}, 180_000);
