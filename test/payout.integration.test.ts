/**
 * Pay bands: "Resultatlønnen afhænger af graden af målopfyldelse jf. nedenstående skema". The plan's
 * score maps to a share of a frame amount; the summary, the JSON and the live sheet say what is paid.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { address } from '../src/engine';
import type { SheetGrid } from '../src/engine/types';
import { scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { workbookBytes } from '../src/xlsx';
import type { WorkbookLayout } from '../src/layout/model';
import { recalculate } from './recalc';

const plan = (payout: string | null, results: [number, number]): SheetGrid => ({
  name: 'Kontrakt',
  values: [
    ['Myndighed', 'Skolen'],
    ['Resultatløn', '100.000 kr.'],
    ...(payout ? [['Udbetaling', payout]] : []),
    [],
    ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'],
    ['1', 'Fravær', 50, 'højst', 5, results[0]],
    ['2', 'Trivsel', 50, 'mindst', 80, results[1]],
  ] as SheetGrid['values'],
});

test('the best step the score reaches pays its share of the frame; with no band, in proportion', () => {
  const band = '90:100%; 80:75%; 70:50%';
  expect(scoreGrids([plan(band, [4, 85])], { lang: 'da' }).results[0].total.payout).toBe(100_000);
  expect(scoreGrids([plan(band, [6, 85])], { lang: 'da' }).results[0].total.payout).toBe(0); // 50 %: below every step
  expect(scoreGrids([plan('100:100%; 50:60%', [6, 85])], { lang: 'da' }).results[0].total.payout).toBeCloseTo(60_000, 6);
  expect(scoreGrids([plan(null, [6, 85])], { lang: 'da' }).results[0].total.payout).toBeCloseTo(50_000, 6);
  expect(scoreGrids([{ ...plan(null, [4, 85]), values: plan(null, [4, 85]).values.filter((r) => r[0] !== 'Resultatløn') }], { lang: 'da' }).results[0].total.payout).toBeUndefined();
});

test('the summary and the JSON say what is paid; the live sheet computes it', async () => {
  const grid = plan('100:100%; 50:60%', [6, 85]);
  const { results, problems } = scoreGrids([grid], { lang: 'da' });
  const layout = scoreWorkbookLayout(results, problems, 'da');
  const sheet = layout.sheets[0];
  const row = sheet.values.findIndex((r) => r[1] === 'Udbetaling');
  expect(sheet.values[row][2]).toBeCloseTo(60_000, 6);
  const cells = (await recalculate([{ name: 'p.xlsx', bytes: workbookBytes(layout, { cachedResults: false }) }], 'da-DK')).get('p.xlsx')!.get(sheet.name)!;
  expect(cells.get(address(row, 2))).toBeCloseTo(60_000, 6);

  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'payout-'));
  const file = path.join(dir, 'kontrakt.xlsx');
  const values = grid.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null));
  const bare: WorkbookLayout = {
    sheets: [{ name: grid.name, role: 'score', values, numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [], notes: [], charts: [], print: { orientation: 'portrait', fitToWidth: false } }],
  };
  await fs.writeFile(file, workbookBytes(bare));
  const r = spawnSync(process.execPath, [path.join(__dirname, '..', 'bin', 'goalscore.js'), 'score', file, '--json', '--out', dir], { encoding: 'utf8' });
  expect(JSON.parse(r.stdout).plans[0].total.payout).toBe(60000);
  await fs.rm(dir, { recursive: true, force: true });
}, 120_000);
