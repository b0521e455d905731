/**
 * One benchmark case in a process of its own, so its peak memory is its own:
 * `engine ROWS` reads, scores and lays out a synthetic plan; `consolidate FILES` writes that many
 * agency workbooks of 100 rows and consolidates them as `goalscore consolidate` does.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { engineRun } from './run';
import { syntheticPlan } from './synthetic';

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function consolidateCase(files: number): Promise<number> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-consolidate-'));
  for (let i = 0; i < files; i++) {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').addRows(syntheticPlan(100, 'Plan', `Styrelse ${i + 1}`).values as unknown[][]);
    await wb.xlsx.writeFile(path.join(dir, `agency-${String(i + 1).padStart(3, '0')}.xlsx`));
  }
  const start = process.hrtime.bigint();
  const code = await main(['consolidate', dir, '--json', '--out', path.join(dir, 'overview.xlsx')], { out: () => undefined, err: () => undefined });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  await fs.rm(dir, { recursive: true, force: true });
  if (code === 2) throw new Error('consolidation failed');
  return ms;
}

(async () => {
  const [kind, arg] = process.argv.slice(2);
  if (kind === 'engine') {
    const start = process.hrtime.bigint();
    engineRun(Number(arg))();
    console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - start) / 1e6, peakRssMb: peakMb() }));
  } else {
    const ms = await consolidateCase(Number(arg));
    console.log(JSON.stringify({ ms, peakRssMb: peakMb() }));
  }
})();
