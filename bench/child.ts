/**
 * One benchmark case in a process of its own, so its peak memory is its own:
 * `engine ROWS` reads, scores and lays out a synthetic plan; `consolidate FILES` writes that many
 * agency workbooks of 100 rows (with ExcelJS, as another program would) and consolidates them as
 * `goalscore consolidate` does, then measures the floor: inflating and scanning the same files and
 * nothing else; `file ROWS` reads, scores and writes a plan workbook of that many rows.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { main } from '../src/cli/main';
import type { SheetLayout } from '../src/layout/model';
import { scoreWorkbookBytes, workbookBytes } from '../src/xlsx';
import { engineRun } from './run';
import { syntheticPlan } from './synthetic';

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Inflates every part of every file and counts its elements: what any reader must do at least. */
async function floor(files: string[]): Promise<number> {
  const start = process.hrtime.bigint();
  let elements = 0;
  for (const file of files) {
    for (const data of Object.values(unzipSync(await fs.readFile(file)))) {
      for (let i = 0; i < data.length; i++) if (data[i] === 0x3c) elements++;
    }
  }
  if (!elements) throw new Error('nothing scanned');
  return since(start);
}

async function consolidateCase(count: number) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-consolidate-'));
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').addRows(syntheticPlan(100, 'Plan', `Styrelse ${i + 1}`).values as unknown[][]);
    const file = path.join(dir, `agency-${String(i + 1).padStart(3, '0')}.xlsx`);
    await wb.xlsx.writeFile(file);
    files.push(file);
  }
  const start = process.hrtime.bigint();
  const code = await main(['consolidate', dir, '--json', '--out', path.join(dir, 'overview.xlsx')], { out: () => undefined, err: () => undefined });
  const ms = since(start);
  if (code === 2) throw new Error('consolidation failed');
  const floorMs = await floor(files);
  await fs.rm(dir, { recursive: true, force: true });
  return { ms, floorMs };
}

/** A plan workbook of `rows` rows as the product writes one, read, scored and written again. */
function fileCase(rows: number) {
  const grid = syntheticPlan(rows);
  const sheet: SheetLayout = {
    name: 'Plan', role: 'score', values: grid.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null)),
    numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [], notes: [], charts: [],
    print: { orientation: 'landscape', fitToWidth: true },
  };
  const bytes = workbookBytes({ sheets: [sheet] });
  const start = process.hrtime.bigint();
  const scored = scoreWorkbookBytes(bytes, 'da');
  if (!scored.output || !scored.results.length) throw new Error('nothing scored');
  return { ms: since(start), inBytes: bytes.length, outBytes: scored.output.length };
}

(async () => {
  const [kind, arg] = process.argv.slice(2);
  let result: Record<string, number>;
  if (kind === 'engine') {
    const start = process.hrtime.bigint();
    engineRun(Number(arg))();
    result = { ms: since(start) };
  } else if (kind === 'file') result = fileCase(Number(arg));
  else result = await consolidateCase(Number(arg));
  console.log(JSON.stringify({ ...result, peakRssMb: peakMb() }));
})();
