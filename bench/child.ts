/**
 * One benchmark case in a process of its own, so its peak memory is its own:
 * `engine ROWS` reads, scores and lays out a synthetic plan; `file ROWS` reads, scores and writes a
 * plan workbook of that many rows; `workbook ROWS FILE` writes that plan's workbook to FILE.
 * (`goalscore score` on a large plan and `goalscore consolidate` run as the built command line in
 * plain Node instead: see PLAN_CASE and CONSOLIDATE_CASE in run.ts.)
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { SheetLayout } from '../src/layout/model';
import { scoreWorkbookBytes, workbookBytes } from '../src/xlsx';
import { engineRun } from './run';
import { syntheticPlan } from './synthetic';

const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Agency workbooks of 100 rows written with ExcelJS, as another program would; run in the parent, so its memory is not the case's. */
export async function agencyWorkbooks(count: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-consolidate-'));
  for (let i = 0; i < count; i++) {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Plan').addRows(syntheticPlan(100, 'Plan', `Styrelse ${i + 1}`).values as unknown[][]);
    await wb.xlsx.writeFile(path.join(dir, `agency-${String(i + 1).padStart(3, '0')}.xlsx`));
  }
  return dir;
}

/** A synthetic plan of `rows` rows as a workbook file, as the product writes one. */
export function planWorkbook(rows: number): Uint8Array {
  const grid = syntheticPlan(rows);
  const sheet: SheetLayout = {
    name: 'Plan', role: 'score', values: grid.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null)),
    numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [], notes: [], charts: [],
    print: { orientation: 'landscape', fitToWidth: true },
  };
  return workbookBytes({ sheets: [sheet] });
}

/** A plan workbook of `rows` rows as the product writes one, read, scored and written again. */
function fileCase(rows: number) {
  const bytes = planWorkbook(rows);
  const start = process.hrtime.bigint();
  const scored = scoreWorkbookBytes(bytes, 'da');
  if (!scored.output || !scored.results.length) throw new Error('nothing scored');
  return { ms: since(start), inBytes: bytes.length, outBytes: scored.output.length };
}

if (require.main === module) void (async () => {
  const [kind, arg] = process.argv.slice(2);
  let result: Record<string, number>;
  if (kind === 'engine') {
    const start = process.hrtime.bigint();
    engineRun(Number(arg))();
    result = { ms: since(start) };
  } else if (kind === 'workbook') {
    // For bench/memory.ts: the plan's file only, no figures.
    await fs.writeFile(process.argv[4], planWorkbook(Number(arg)));
    return;
  } else result = fileCase(Number(arg));
  console.log(JSON.stringify({ ...result, peakRssMb: peakMb() }));
})();
