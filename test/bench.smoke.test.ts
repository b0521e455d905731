/**
 * The benchmark at its smallest size, so `npm run bench` keeps working. No timing is asserted
 * here; timings are measured and reported by the benchmark itself (bench/README.md).
 */
import { runBenchmarks, table } from '../bench/run';

test('the benchmark runs: the engine and HyperFormula agree, syncs do not grow, results have their shape', async () => {
  const r = await runBenchmarks(true);
  expect(r.engine.totalsAgree).toEqual([true]);
  expect(r.office.syncsRead).toEqual([3, 3]);
  expect(r.office.syncsWrite[0]).toBe(r.office.syncsWrite[1]);
  expect(Math.max(...r.office.maxRequestBytes)).toBeLessThan(r.office.requestLimit);
  expect(r.bundle.taskpaneGzipBytes).toBeGreaterThan(50_000);
  expect(r.consolidate.files).toBe(5);
  expect(r.whatIf.rows).toBeGreaterThan(900);
  expect(r.consolidate.floorMs).toBeGreaterThan(0);
  expect(r.file.outBytes).toBeGreaterThan(r.file.inBytes);
  expect(Object.keys(r)).toEqual(['machine', 'engine', 'office', 'bundle', 'consolidate', 'file', 'whatIf']);
  expect(table(r)).toContain('totals agree: true');
}, 180_000);
