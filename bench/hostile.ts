/**
 * The hostile files of test/hostile.ts at the sizes the attacks used (issue 32), each read,
 * scored and written as a score workbook in a process of its own: milliseconds, peak memory and
 * what came of it. `npx ts-node --transpile-only bench/hostile.ts [case …]`; no case runs all.
 * Each file is built here and written to a temporary folder, so neither its building's time nor
 * its memory is counted. Compare within a run: the machine is shared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatMessage, pack } from '../src/i18n';
import { scoreWorkbookBytes, unreadableProblem } from '../src/xlsx';
import * as H from '../test/hostile';

const CASES: Record<string, { what: string; make: () => Uint8Array }> = {
  sheets: { what: '40,000 <sheet> elements on one part', make: () => H.sheetsOnOnePart(40_000) },
  sheetsUnder: { what: '9,999 <sheet> elements on one part', make: () => H.sheetsOnOnePart(9_999) },
  workingDays: { what: '2,000 date pairs 1900 → 9999', make: () => H.workingDayPairs(2_000) },
  dataRefs: { what: '2,000 data references of a million cells each', make: () => H.dataReferences(2_000, 1_000_000, false) },
  dataRefsSame: { what: '2,000 data references to one range of a million cells', make: () => H.dataReferences(2_000, 1_000_000, true) },
  title: { what: 'a title cell of 150,000,000 characters', make: () => H.longTitle(150_000_000, 'shared') },
  xfd: { what: '100,000 rows with one cell in column XFD', make: () => H.rowsAtXfd(100_000) },
  cells: { what: '4,950,000 cells below the header', make: () => H.cellsBelowHeader(150_000, 33) },
  picture: { what: 'a 30 MB picture never read', make: () => H.unreadPicture(30) },
  caseSheet: { what: '1,048,575 case rows, ten columns, four requirements', make: () => H.caseSheet(1_048_575) },
};

/** One file read, scored and written in this process; prints what came of it as JSON. */
function runCase(file: string): void {
  const bytes = readFileSync(file);
  const start = process.hrtime.bigint();
  let outcome: string;
  try {
    const file = scoreWorkbookBytes(bytes, 'da');
    const errors = file.problems.filter((p) => p.severity === 'error').length;
    outcome = `${file.results.length} plan(s), ${file.problems.length} problem(s) (${errors} errors), output ${Math.round((file.output?.length ?? 0) / 1024)} KB`;
  } catch (e) {
    outcome = formatMessage(unreadableProblem('plan.xlsx', e).message, pack('da'));
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(JSON.stringify({ ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), fileKb: Math.round(bytes.length / 1024), outcome }));
}

function main(): void {
  const [flag, name] = process.argv.slice(2);
  if (flag === '--case') return runCase(name);
  const names = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(CASES);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'goalscore-hostile-'));
  for (const n of names) {
    const file = path.join(dir, `${n}.xlsx`);
    writeFileSync(file, CASES[n].make());
    const out = execFileSync(process.execPath, ['--max-old-space-size=4096', '-r', 'ts-node/register/transpile-only', __filename, '--case', file], { encoding: 'utf8', maxBuffer: 2 ** 24 });
    rmSync(file);
    const r = JSON.parse(out) as { ms: number; peakRssMb: number; fileKb: number; outcome: string };
    console.log(`${CASES[n].what.padEnd(55)} ${String(r.fileKb).padStart(7)} KB ${String(r.ms).padStart(8)} ms ${String(r.peakRssMb).padStart(6)} MB  ${r.outcome}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

main();
