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
import JSZip from 'jszip';
import { checkWorkbookBytes, LIMITS, WorkbookRefused } from '../src/xlsx';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'goalscore.js');
const SEED = path.join(ROOT, 'seeds', '000-kriminalforsorgen-2024.xlsx');

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'goalscore-broken-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const sha = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');

/** A package with a workbook part and whatever else a case needs. */
async function zipWith(parts: Record<string, string | Uint8Array>): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="Plan" sheetId="1" r:id="rId1"/></sheets></workbook>');
  for (const [name, content] of Object.entries(parts)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
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
  ['a zip without a workbook', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    return zip.generateAsync({ type: 'uint8array' });
  }, /er ikke en Excel-projektmappe/],
  ['a zip bomb', async () => zipWith({ 'xl/media/image1.bin': new Uint8Array(64 * 2 ** 20) }), /pakker sig ud til langt mere/],
  ['millions of cells', async () => zipWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData><row r="1">${'<c/>'.repeat(LIMITS.cells + 1)}</row></sheetData></worksheet>` }), /har flere end 5,000,000 celler/],
  ['password-protected', async () => compoundFile(['EncryptionInfo', 'EncryptedPackage']), /er beskyttet med adgangskode/],
];

test.each(CASES)('%s: a clear message, exit 2, the file unchanged', async (name, make, message) => {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
  await fs.writeFile(file, await make());
  const before = await sha(file);
  const started = Date.now();
  const r = run(['score', file, '--out', path.join(dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).toContain(path.basename(file));
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
  expect(Date.now() - started).toBeLessThan(30_000);
  expect(await sha(file)).toBe(before);
  await expect(fs.stat(path.join(dir, 'out', `${path.basename(file, '.xlsx')}.score.xlsx`))).rejects.toThrow();
}, 60_000);

test('an old .xls saved by LibreOffice is named as such, in English too', async () => {
  const out = path.join(dir, 'xls');
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xls', '--outdir', out, SEED], { stdio: 'ignore', timeout: 120_000 });
  const xls = path.join(out, '000-kriminalforsorgen-2024.xls');
  const r = run(['score', xls, '--lang', 'en', '--out', path.join(dir, 'out-xls')]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('000-kriminalforsorgen-2024.xls is an old Excel 97–2003 file (.xls). Open it in Excel and save it as an Excel workbook (.xlsx).');
}, 180_000);

test('the guard stops inflating at the first limit, whatever the headers declare', async () => {
  const bytes = await zipWith({ 'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${'<row><c r="A1"><v>1</v></c></row>'.repeat(2000)}</sheetData></worksheet>` });
  await expect(checkWorkbookBytes(bytes)).resolves.toBeUndefined();
  const refused = await checkWorkbookBytes(bytes, { ...LIMITS, cells: 1000 }).catch((e) => e);
  expect(refused).toBeInstanceOf(WorkbookRefused);
  expect(refused.refusal).toEqual({ reason: 'tooManyCells', detail: '1,000' });
  // Declared sizes patched down to 1 byte: the stream is still counted as it inflates.
  const lying = Buffer.from(await zipWith({ 'xl/media/big.bin': new Uint8Array(30 * 2 ** 20) }));
  const central = lying.lastIndexOf(Buffer.from('xl/media/big.bin')) - 46;
  lying.writeUInt32LE(1, central + 24);
  const bomb = await checkWorkbookBytes(lying).catch((e) => e);
  expect(bomb).toBeInstanceOf(WorkbookRefused);
  expect(['bomb', 'damaged']).toContain(bomb.refusal.reason);
});

test('the seeds pass the guard', async () => {
  for (const name of (await fs.readdir(path.join(ROOT, 'seeds'))).filter((n) => n.endsWith('.xlsx'))) {
    await expect(checkWorkbookBytes(await fs.readFile(path.join(ROOT, 'seeds', name)))).resolves.toBeUndefined();
  }
});
