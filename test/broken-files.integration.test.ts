/**
 * Broken files through the CLI as a user meets them: each ends in a clear message naming the file
 * and exit code 2 — never a stack trace, a hang or an exhausted memory — and the files are left
 * exactly as they were.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as CFB from 'cfb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { buildPlanWorkbook, type PlanSpec } from '../src/xlsx/planWorkbook';
import { LIMITS, readGrids, scoreSources, WorkbookRefused, workbookBytes } from '../src/xlsx';
import { formatMessage, pack } from '../src/i18n';
import { program } from './resources';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'goalscore.js');
const SEED = path.join(ROOT, 'seeds', '000-kriminalforsorgen-2024.xlsx');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'goalscore-broken-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Runs the CLI and reports its peak memory (maxRSS) as the process sees it at exit. */
function run(args: string[], input?: string) {
  const probe = `process.on('exit', () => process.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n')); process.argv.splice(1, 0, 'goalscore'); require(${JSON.stringify(BIN)});`;
  const started = Date.now();
  const r = spawnSync(process.execPath, ['-e', probe, '--', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, input, maxBuffer: 64 * 2 ** 20 });
  const rss = Number(r.stderr.match(/MAXRSS (\d+)/)?.[1] ?? 0) * 1024;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.replace(/\nMAXRSS \d+\n/, ''), ms: Date.now() - started, rss };
}
const sha = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');

/** A small plan workbook written by the product, to mutate part by part. */
const PLAN: PlanSpec = {
  sheet: 'Plan',
  metadata: [['Myndighed', 'Styrelsen'], ['År', 2024]],
  columns: ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Frist', 'Gennemført', 'Data', 'Grænse'],
  rows: [
    { 'Nr.': '1', Mål: 'Sager', Vægt: 50, Kravtype: 'mindst', Målværdi: 10, Resultat: 12 },
    { 'Nr.': '2', Mål: 'Milepæl', Vægt: 50, Kravtype: 'milepæl', Frist: { date: '2024-06-30' }, Gennemført: { date: '2024-07-15' } },
  ],
};
const planBytes = (spec: PlanSpec = PLAN) => workbookBytes(buildPlanWorkbook(spec));

/** The package with some parts changed: `edit` gets and returns each part's text by name. */
function mutate(bytes: Uint8Array, edit: (parts: Map<string, string>) => void): Uint8Array {
  const parts = new Map(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  edit(parts);
  return zipSync(Object.fromEntries([...parts].map(([name, text]) => [name, strToU8(text)])));
}
const sheetEdit = (fn: (xml: string) => string) => (parts: Map<string, string>) => parts.set('xl/worksheets/sheet1.xml', fn(parts.get('xl/worksheets/sheet1.xml')!));
/** Inserts markup right after the element the schema puts before it. */
const after = (tag: string, markup: string) => sheetEdit((xml) => xml.replace(new RegExp(`(</${tag}>|<${tag}[^>]*/>)`), `$1${markup}`));

/** A package with a workbook, its relationships and whatever else a case needs. */
function zipWith(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>'),
  };
  for (const [name, content] of Object.entries(parts)) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files, { level: 9 });
}

/** A compound file (the container of .xls and of encrypted .xlsx) with the named streams. */
function compoundFile(streams: string[]): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const name of streams) CFB.utils.cfb_add(cfb, `/${name}`, Buffer.alloc(600, 1));
  return CFB.write(cfb, { type: 'buffer' }) as Uint8Array;
}

const CASES: [string, () => Promise<Uint8Array>, RegExp][] = [
  ['not a zip', async () => new TextEncoder().encode('Nr.;Vægt\n1;100\n'), /er ikke en Excel-projektmappe \(\.xlsx\)/],
  ['empty', async () => new Uint8Array(0), /er tom \(0 byte\)/],
  ['truncated', async () => (await fs.readFile(SEED)).subarray(0, 4000), /er beskadiget eller ufuldstændig/],
  ['a zip without a workbook', async () => zipSync({ 'readme.txt': strToU8('hello') }), /er ikke en Excel-projektmappe/],
  // A part that is read: a picture no plan reads is never inflated (test/hostile.test.ts).
  ['a zip bomb', async () => zipWith({ 'xl/worksheets/sheet1.xml': new Uint8Array(64 * 2 ** 20) }), /pakker sig ud til langt mere, end en projektmappe gør \(xl\/worksheets\/sheet1\.xml\)/],
  // Limits read in the user's numbers (cells past their limit: test/hostile.test.ts, a file of that many takes long to build).
  ['more sheets than 10,000', async () => zipWith({ 'xl/workbook.xml': `<workbook><sheets>${'<sheet name="P" sheetId="1" r:id="rId1"/>'.repeat(LIMITS.sheets + 1)}</sheets></workbook>` }), /har flere end 10\.000 ark; del den op i flere projektmapper/],
  ['a wrong checksum', async () => {
    const bytes = Buffer.from(planBytes());
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 16; // the CRC-32 of the local header
    bytes.writeUInt32LE((bytes.readUInt32LE(at) ^ 1) >>> 0, at);
    const central = bytes.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 30;
    bytes.writeUInt32LE((bytes.readUInt32LE(central) ^ 1) >>> 0, central);
    return bytes;
  }, /er beskadiget eller ufuldstændig og kan ikke åbnes: xl\/worksheets\/sheet1\.xml/],
  ['XML that is not XML', async () => mutate(planBytes(), sheetEdit((xml) => xml.replace('<sheetData>', '<sheetData><row r="1"><c r="A1"><v>1</row>'))), /er beskadiget eller ufuldstændig/],
  ['nesting without end', async () => mutate(planBytes(), sheetEdit((xml) => xml.replace('</worksheet>', `<extLst>${'<ext>'.repeat(200)}${'</ext>'.repeat(200)}</extLst></worksheet>`))), /flere tekster, elementer eller niveauer/],
  ['password-protected', async () => compoundFile(['EncryptionInfo', 'EncryptedPackage']), /er beskyttet med adgangskode/],
];

test.each(CASES)('%s: a clear message, exit 2, the file unchanged', async (name, make, message) => {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
  await fs.writeFile(file, await make());
  const before = await sha(file);
  const r = run(['score', file, '--out', path.join(dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain(path.basename(file));
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError|undefined|Cannot read/);
  expect(r.ms).toBeLessThan(5_000);
  expect(r.rss).toBeLessThan(500 * 2 ** 20);
  expect(await sha(file)).toBe(before);
  await expect(fs.stat(path.join(dir, 'out', `${path.basename(file, '.xlsx')}.score.xlsx`))).rejects.toThrow();
}, 60_000);

test('an old .xls saved by LibreOffice is named as such, in English too', async () => {
  const out = path.join(dir, 'xls');
  execFileSync(program('soffice'), ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xls', '--outdir', out, SEED], { stdio: 'ignore', timeout: 120_000 });
  const xls = path.join(out, '000-kriminalforsorgen-2024.xls');
  const r = run(['score', xls, '--lang', 'en', '--out', path.join(dir, 'out-xls')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('000-kriminalforsorgen-2024.xls is an old Excel 97–2003 file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx).');
}, 180_000);

test('the reader stops inflating at the first limit, whatever the headers declare', () => {
  const rows = '<row><c r="A1"><v>1</v></c></row>'.repeat(2000);
  const bytes = zipWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${rows}</sheetData></worksheet>` });
  expect(readGrids(bytes)[0].values[0][0]).toBe(1);
  const refused = (() => {
    try {
      readGrids(bytes, { ...LIMITS, cells: 1000 });
    } catch (e) {
      return e as WorkbookRefused;
    }
  })();
  expect(refused).toBeInstanceOf(WorkbookRefused);
  expect(refused!.refusal).toEqual({ reason: 'tooManyCells', limit: 1000 });
  // Declared sizes patched down to 1 byte in both headers: the stream is still counted as it inflates.
  const lying = Buffer.from(zipWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${'<row/>'.repeat(6 * 2 ** 20)}</sheetData></worksheet>` }));
  for (const at of [lying.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 8, lying.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 22]) lying.writeUInt32LE(1, at);
  const bomb = (() => {
    try {
      readGrids(lying, { ...LIMITS, ratioFloor: 2 ** 20 });
    } catch (e) {
      return e as WorkbookRefused;
    }
  })();
  expect(bomb).toBeInstanceOf(WorkbookRefused);
  expect(bomb!.refusal.reason).toBe('bomb');
  // Shared strings are counted as they stream.
  expect(() => readGrids(planBytes(), { ...LIMITS, strings: 10 })).toThrow(expect.objectContaining({ refusal: { reason: 'tooComplex', detail: 'xl/sharedStrings.xml' } }));
});

test('the seeds, the templates and the payment rule are read', async () => {
  for (const name of ['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx', '003-hjemrejsestyrelsen-2024.xlsx', 'template/maalplan-skabelon.xlsx', 'rules/betaling-for-ophold.xlsx']) {
    expect(readGrids(await fs.readFile(path.join(ROOT, 'seeds', name))).length).toBeGreaterThan(0);
  }
});

/** Workbooks as people and other programs make them: each is read and scored, fast and small. */
const WHOLE_SHEET = 'A1:XFD1048576';
const REAL: [string, () => Uint8Array, number][] = [
  ['a merged range to the end of the sheet', () => mutate(planBytes(), after('sheetData', '<mergeCells count="1"><mergeCell ref="AA1:XFD1048576"/></mergeCells>')), 0.5],
  ['20,000 merged ranges', () => mutate(planBytes(), after('sheetData', `<mergeCells count="20000">${Array.from({ length: 20000 }, (_, i) => `<mergeCell ref="Z${i * 2 + 1}:AA${i * 2 + 2}"/>`).join('')}</mergeCells>`)), 0.5],
  ['a defined name over the whole sheet', () => mutate(planBytes(), (parts) => parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace('</sheets>', `</sheets><definedNames><definedName name="Alt">Plan!${WHOLE_SHEET}</definedName></definedNames>`).replace(/<definedNames>(.*?)<\/definedNames><definedNames>/, '<definedNames>$1'))), 0.5],
  ['a drop-down over the whole sheet and five whole columns', () => mutate(planBytes(), sheetEdit((xml) => xml.replace(/<dataValidations[\s\S]*?<\/dataValidations>|(<\/sheetData>)/, `$1<dataValidations count="6"><dataValidation type="list" sqref="${WHOLE_SHEET}"><formula1>"a,b"</formula1></dataValidation>${['K', 'L', 'M', 'N', 'O'].map((c) => `<dataValidation type="list" sqref="${c}1:${c}1048576"><formula1>"a,b"</formula1></dataValidation>`).join('')}</dataValidations>`))), 0.5],
  ['a column definition to column 999,999,999', () => mutate(planBytes(), sheetEdit((xml) => xml.replace(/<cols>[\s\S]*?<\/cols>/, '<cols><col min="1" max="999999999" width="12" customWidth="1"/></cols>'))), 0.5],
  ['a worksheet part with a name of its own', () => mutate(planBytes(), (parts) => {
    parts.set('xl/worksheets/Målplan 2024.xml', parts.get('xl/worksheets/sheet1.xml')!);
    parts.delete('xl/worksheets/sheet1.xml');
    const rels = 'xl/worksheets/_rels/sheet1.xml.rels';
    if (parts.has(rels)) {
      parts.set('xl/worksheets/_rels/Målplan 2024.xml.rels', parts.get(rels)!);
      parts.delete(rels);
    }
    parts.set('xl/_rels/workbook.xml.rels', parts.get('xl/_rels/workbook.xml.rels')!.replace('worksheets/sheet1.xml', 'worksheets/M%C3%A5lplan%202024.xml'));
  }), 0.5],
  ['a plan in a table filtered by colour, icon, top 10 and a dynamic date', () => mutate(planBytes(), (parts) => {
    parts.set('xl/tables/table1.xml',
      '<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="1" name="Plan" displayName="Plan" ref="A4:J6"><autoFilter ref="A4:J6">' +
        '<filterColumn colId="0"><colorFilter dxfId="0"/></filterColumn><filterColumn colId="1"><iconFilter iconSet="3Arrows" iconId="0"/></filterColumn>' +
        '<filterColumn colId="2"><top10 val="10"/></filterColumn><filterColumn colId="3"><dynamicFilter type="thisMonth"/></filterColumn></autoFilter>' +
        '<tableColumns count="1"><tableColumn id="1" name="Nr."/></tableColumns></table>');
    parts.set('xl/worksheets/_rels/sheet1.xml.rels', (parts.get('xl/worksheets/_rels/sheet1.xml.rels') ?? '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
      .replace('</Relationships>', '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table1.xml"/></Relationships>'));
    sheetEdit((xml) => xml.replace('</worksheet>', '<tableParts count="1"><tablePart r:id="rIdT"/></tableParts></worksheet>'))(parts);
  }), 0.5],
];

test.each(REAL)('%s: scored in under 5 s and 500 MB', async (name, make, score) => {
  const file = path.join(dir, `real-${name.replace(/\W+/g, '-')}.xlsx`);
  await fs.writeFile(file, make());
  const r = run(['score', file, '--json', '--force', '--out', path.join(dir, 'out-real')]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout).plans[0].total.score).toBeCloseTo(score, 9);
  expect(r.ms).toBeLessThan(5_000);
  expect(r.rss).toBeLessThan(500 * 2 ** 20);
}, 60_000);

test('the 1904 date system: a milestone done two weeks late is late', async () => {
  // Saved in the 1904 system, every date serial is 1,462 days smaller; read as 1900 the milestone would be four years early.
  const bytes = mutate(planBytes(), (parts) => {
    parts.set('xl/workbook.xml', parts.get('xl/workbook.xml')!.replace(/<workbookPr[^>]*\/>/, '<workbookPr date1904="1"/>'));
    sheetEdit((xml) => xml.replace(/<c r="([GH]6)"([^>]*)><v>(\d+)<\/v><\/c>/g, (_m, ref, attrs, v) => `<c r="${ref}"${attrs}><v>${Number(v) - 1462}</v></c>`))(parts);
  });
  const file = path.join(dir, 'plan-1904.xlsx');
  await fs.writeFile(file, bytes);
  const r = run(['score', file, '--json', '--force', '--out', path.join(dir, 'out-1904')]);
  const plan = JSON.parse(r.stdout).plans[0];
  expect(plan.rows.find((row: { id: string }) => row.id === '2').status).toBe('not_met');
  expect(plan.total.score).toBeCloseTo(0.5, 9);
  expect(readGrids(bytes)[0].values[5][6]).toEqual(new Date('2024-06-30T00:00:00Z'));
});

test('a data reference to a whole sheet of 30,000 rows costs what the sheet holds', async () => {
  const spec: PlanSpec = {
    ...PLAN,
    columns: ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Data', 'Grænse'],
    rows: [{ 'Nr.': '1', Mål: 'Andel inden for 10 dage', Vægt: 100, Kravtype: 'andel', Målværdi: '80 %', Data: `Sagsdata!${WHOLE_SHEET}`, Grænse: 10 }],
    dataSheets: [{ name: 'Sagsdata', columns: ['Dage'], rows: Array.from({ length: 30_000 }, (_, i) => [i % 12]) }],
  };
  const file = path.join(dir, 'whole-sheet-data.xlsx');
  await fs.writeFile(file, planBytes(spec));
  const r = run(['score', file, '--json', '--force', '--out', path.join(dir, 'out-data')]);
  expect(r.code).toBe(0);
  // 0–10 of every 12 values are within the limit: 27,500 of 30,000 = 91.7 % ≥ 80 %.
  expect(JSON.parse(r.stdout).plans[0].rows[0].status).toBe('met');
  expect(r.ms).toBeLessThan(5_000);
  expect(r.rss).toBeLessThan(500 * 2 ** 20);
}, 60_000);

test('a file over 100 MB is refused by its size, before a byte of it is read', async () => {
  let read = false;
  const big = { name: 'stor.xlsx', size: LIMITS.fileBytes + 1, bytes: async () => ((read = true), new Uint8Array(0)) };
  const good = { name: 'plan.xlsx', bytes: async () => planBytes() };
  const run = await scoreSources([big, good], pack('da'), { output: false });
  expect(read).toBe(false);
  expect(run.problems.map((p) => formatMessage(p.message, pack('da')))).toEqual(['stor.xlsx er for stor til at blive læst sikkert (grænsen er 100 MB).']);
  expect(run.scored.map((s) => s.source.name)).toEqual(['plan.xlsx']);
});
