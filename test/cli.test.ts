/** The goalscore CLI as a user runs it: the built binary, its JSON, files and exit codes. */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'goalscore.js');
const SEEDS = path.join(ROOT, 'seeds');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'goalscore-cli-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const sha = async (file: string) => createHash('sha256').update(await fs.readFile(file)).digest('hex');

async function writePlan(name: string, rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Plan').addRows(rows);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

test('scores the seed directory: one JSON document, score workbooks written, inputs untouched', async () => {
  const inputs = (await fs.readdir(SEEDS)).filter((n) => n.endsWith('.xlsx')).map((n) => path.join(SEEDS, n));
  const before = await Promise.all(inputs.map(sha));
  const out = path.join(dir, 'out');
  const r = run(['score', 'seeds', '--json', '--out', out]);
  expect(r.code).toBe(0);
  const doc = JSON.parse(r.stdout);
  expect(Object.keys(doc)).toEqual(['plans', 'problems']);
  expect(doc.problems).toEqual([]);
  expect(doc.plans.map((p: { agency: string }) => p.agency)).toEqual(['Kriminalforsorgen', 'Politiet', 'Hjemrejsestyrelsen']);
  const krim = doc.plans[0];
  expect(krim).toMatchObject({ sheet: 'Mål- og resultatplan', year: 2024, period: 'Q4', unit: 'percent' });
  // 5 + 3,7 + 5 + 10 + 5 + 10 + 10 + 5 + 2,5 + 5 + 5, worked out in seeds.integration.test.ts.
  expect(krim.total.earned).toBeCloseTo(66.2, 9);
  expect(krim.total.score).toBeCloseTo(0.662, 9);
  expect(Object.keys(krim.total)).toEqual(expect.arrayContaining(['weight', 'earned', 'score', 'assessedWeight', 'maxReachable']));
  const row = krim.rows.find((x: { id: string }) => x.id === '1.2');
  expect(row).toMatchObject({ title: expect.stringContaining('30 dage'), weight: 5, status: 'partly' });
  expect(row.fulfilment).toBeCloseTo(0.74, 9);
  expect(row.explanation).toContain('82,4 %');
  expect(doc.plans[2].unit).toBe('points');
  expect((await fs.readdir(out)).sort()).toEqual([
    '000-kriminalforsorgen-2024.score.xlsx',
    '001-politiet-2024.score.xlsx',
    '003-hjemrejsestyrelsen-2024.score.xlsx',
  ]);
  expect(await Promise.all(inputs.map(sha))).toEqual(before);
});

test('the readable summary names the plan, the score and the output', () => {
  const r = run(['score', path.join(SEEDS, '001-politiet-2024.xlsx'), '--out', path.join(dir, 'o2')]);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Politiet 2024 4. kvartal');
  expect(r.stdout).toContain('Samlet opfyldelse: 70,8 %');
  expect(r.stdout).toContain('001-politiet-2024.score.xlsx');
});

test('English with --lang en', () => {
  const r = run(['score', path.join(SEEDS, '001-politiet-2024.xlsx'), '--json', '--lang', 'en', '--out', path.join(dir, 'o3')]);
  const doc = JSON.parse(r.stdout);
  expect(doc.plans[0].rows.find((x: { id: string }) => x.id === '3.2').statusText).toBe('Not assessed');
});

test('problems of severity error: exit 1, each naming file, sheet and cell', async () => {
  const file = await writePlan('bad.xlsx', [['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 50, 'mindst', 5, 'fem'], ['2', 50, 'mindst', 5, 6]]);
  const r = run(['score', file, '--json', '--out', path.join(dir, 'o4')]);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.problems).toEqual([{ file, sheet: 'Plan', cell: 'E2', severity: 'error', message: '"fem" er ikke et tal.' }]);
  expect(doc.plans[0].total.earned).toBe(50);
});

test('nothing scorable: not a workbook, a missing file, no plan sheet — exit 2, no stack trace', async () => {
  const notZip = path.join(dir, 'notes.xlsx');
  await fs.writeFile(notZip, 'this is not a workbook');
  const noPlan = await writePlan('noplan.xlsx', [['Navn', 'Beløb'], ['a', 1]]);
  for (const [file, words] of [
    [notZip, 'er ikke en Excel-projektmappe (.xlsx)'],
    [path.join(dir, 'missing.xlsx'), 'missing.xlsx findes ikke.'],
    [noPlan, 'Ingen ark i noplan.xlsx ligner en målplan'],
  ]) {
    const r = run(['score', file, '--out', path.join(dir, 'o5')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

test('one broken file among good ones: the good ones are scored, exit 1', async () => {
  const broken = path.join(dir, 'broken.xlsx');
  await fs.writeFile(broken, 'PK\u0003\u0004 truncated');
  const r = run(['score', broken, path.join(SEEDS, '000-kriminalforsorgen-2024.xlsx'), '--json', '--out', path.join(dir, 'o6')]);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.plans).toHaveLength(1);
  expect(doc.problems[0]).toMatchObject({ file: broken, severity: 'error' });
});

test('a folder of submissions: macro-enabled workbooks are scored, old and OpenDocument files are named', async () => {
  const folder = path.join(dir, 'mixed-folder');
  await fs.mkdir(folder);
  await fs.copyFile(path.join(SEEDS, '000-kriminalforsorgen-2024.xlsx'), path.join(folder, 'a.xlsx'));
  await fs.copyFile(path.join(SEEDS, '001-politiet-2024.xlsx'), path.join(folder, 'b.xlsm'));
  // An .ods is a zip whose first entry, stored as it is, is its kind; an .xls a compound file.
  await fs.writeFile(path.join(folder, 'c.ods'), zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }], 'content.xml': strToU8('<office:document-content/>') }));
  await fs.writeFile(path.join(folder, 'd.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
  await fs.writeFile(path.join(folder, 'notes.txt'), 'not a spreadsheet');
  const out = path.join(dir, 'o-folder');
  const r = run(['score', folder, '--json', '--out', out]);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.stdout);
  expect(doc.plans.map((p: { file: string }) => path.basename(p.file))).toEqual(['a.xlsx', 'b.xlsm']);
  expect((await fs.readdir(out)).sort()).toEqual(['a.score.xlsx', 'b.score.xlsx']);
  const named = Object.fromEntries(doc.problems.map((p: { file: string; message: string }) => [path.basename(p.file), p.message]));
  expect(named['c.ods']).toContain('OpenDocument-regneark (.ods)');
  expect(named['d.xls']).toContain('(.xls)');
  expect(named['notes.txt']).toBeUndefined();
});

test('usage: --help documents everything; bad usage exits 2', () => {
  const help = run(['--help']);
  expect(help.code).toBe(0);
  for (const word of ['score', '--out', '--json', '--lang', 'Exit codes']) expect(help.stdout).toContain(word);
  expect(run([]).code).toBe(2);
  expect(run(['rank', 'x.xlsx']).code).toBe(2);
  expect(run(['score', 'x.xlsx', '--bogus']).code).toBe(2);
  expect(run(['score', 'x.xlsx', '--lang', 'fr']).code).toBe(2);
});

test('a progress bar on a terminal for many files, nothing otherwise', async () => {
  const { progressBar } = await import('../src/cli/main');
  const capture = (isTTY: boolean, files: number) => {
    const written: string[] = [];
    const bar = progressBar({ isTTY, write: (s: string) => (written.push(s), true) } as never, files);
    for (let i = 0; i < files; i++) bar.tick(i, files);
    bar.done();
    return written;
  };
  expect(capture(false, 50)).toEqual([]);
  expect(capture(true, 2)).toEqual([]);
  const shown = capture(true, 10);
  expect(shown).toHaveLength(11);
  expect(shown[9]).toMatch(/^\r\[#{27} {3}\] 9\/10$/);
});

test('consolidate: --help names it, and the summary lists agencies best first', () => {
  expect(run(['--help']).stdout).toContain('goalscore consolidate FILE|DIR...');
  const r = run(['consolidate', 'seeds', '--out', path.join(dir, 'o7', 'overview.xlsx')]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toBe('Oversigt over målopfyldelse');
  expect(lines.slice(1, 4).map((l) => l.trim().split(/\s+/)[0])).toEqual(['Hjemrejsestyrelsen', 'Politiet', 'Kriminalforsorgen']);
});

describe('never losing data', () => {
  test('an existing output is not replaced without --force; with it, it is', async () => {
    const out = path.join(dir, 'keep');
    const seed = path.join(SEEDS, '000-kriminalforsorgen-2024.xlsx');
    expect(run(['score', seed, '--out', out]).code).toBe(0);
    const target = path.join(out, '000-kriminalforsorgen-2024.score.xlsx');
    await fs.writeFile(target, 'my own edits');
    const again = run(['score', seed, '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('findes allerede og overskrives ikke. Brug --force');
    expect(await fs.readFile(target, 'utf8')).toBe('my own edits');
    expect(run(['score', seed, '--out', out, '--force']).code).toBe(0);
    expect((await fs.readFile(target)).subarray(0, 2).toString()).toBe('PK');
    // No temporary file is left behind either way.
    expect((await fs.readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  test('consolidate leaves every submission byte-identical and never writes over one, even with --force', async () => {
    const copies = path.join(dir, 'submissions');
    await fs.mkdir(copies, { recursive: true });
    const names = (await fs.readdir(SEEDS)).filter((n) => n.endsWith('.xlsx'));
    for (const n of names) await fs.copyFile(path.join(SEEDS, n), path.join(copies, n));
    const before = await Promise.all(names.map((n) => sha(path.join(copies, n))));
    const overview = path.join(dir, 'overview.xlsx');
    expect(run(['consolidate', copies, '--out', overview]).code).toBe(0);
    expect(await Promise.all(names.map((n) => sha(path.join(copies, n))))).toEqual(before);

    const onInput = run(['consolidate', copies, '--out', path.join(copies, names[0]), '--force']);
    expect(onInput.code).toBe(2);
    expect(onInput.stderr).toContain('er en af de projektmapper, der læses, og overskrives aldrig');
    expect(await Promise.all(names.map((n) => sha(path.join(copies, n))))).toEqual(before);

    const existing = run(['consolidate', copies, '--out', overview]);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toContain('findes allerede');
  });

  test('--json through a pipe arrives whole, far past 64 KB', async () => {
    const many = path.join(dir, 'many');
    await fs.mkdir(many, { recursive: true });
    for (let i = 0; i < 8; i++) await fs.copyFile(path.join(SEEDS, '003-hjemrejsestyrelsen-2024.xlsx'), path.join(many, `agency-${i}.xlsx`));
    const r = run(['score', many, '--json', '--force', '--out', path.join(dir, 'many-out')]);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    expect(JSON.parse(r.stdout).plans).toHaveLength(8);
  });

  test('two inputs with one name get two outputs', async () => {
    const [a, b] = [path.join(dir, 'a'), path.join(dir, 'b')];
    for (const d of [a, b]) {
      await fs.mkdir(d, { recursive: true });
      await fs.copyFile(path.join(SEEDS, d === a ? '000-kriminalforsorgen-2024.xlsx' : '001-politiet-2024.xlsx'), path.join(d, 'plan.xlsx'));
    }
    const out = path.join(dir, 'twins');
    const r = run(['score', path.join(a, 'plan.xlsx'), path.join(b, 'plan.xlsx'), '--json', '--out', out]);
    expect(r.code).toBe(0);
    expect((await fs.readdir(out)).sort()).toEqual(['plan (2).score.xlsx', 'plan.score.xlsx']);
    expect(JSON.parse(r.stdout).plans.map((p: { agency: string }) => p.agency)).toEqual(['Kriminalforsorgen', 'Politiet']);
  });

  test('an output that cannot be written is a problem of that output; the others are written and the JSON printed', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'a file where a folder should be');
    const seeds = ['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx'].map((n) => path.join(SEEDS, n));
    const failed = run(['score', ...seeds, '--json', '--out', blocker]);
    expect(failed.code).toBe(2);
    const doc = JSON.parse(failed.stdout);
    expect(doc.plans).toHaveLength(2);
    expect(doc.problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/kunne ikke skrives/);
    expect(failed.stderr).not.toMatch(/ENOTDIR|EEXIST|\n\s+at /);

    // An input named with 252 characters: its output name passes the file system's 255, the short one is written.
    const long = path.join(dir, `${'x'.repeat(247)}.xlsx`);
    const short = path.join(dir, 'short.xlsx');
    await fs.copyFile(seeds[0], short);
    await fs.copyFile(seeds[1], long);
    const out = path.join(dir, 'long-out');
    const r = run(['score', short, long, '--json', '--out', out]);
    const doc2 = JSON.parse(r.stdout);
    expect(doc2.plans).toHaveLength(2);
    expect(doc2.problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/kunne ikke skrives: navnet er for langt/);
    expect(await fs.readdir(out)).toEqual(['short.score.xlsx']);
  });

  test('Ctrl-C while writing leaves no temporary file', async () => {
    const out = path.join(dir, 'interrupted');
    const many = Array.from({ length: 40 }, () => path.join(SEEDS, '003-hjemrejsestyrelsen-2024.xlsx'));
    const child = spawn(process.execPath, [BIN, 'score', ...many, '--out', out], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    await new Promise<void>((resolve) => {
      const poll = setInterval(async () => {
        const names = await fs.readdir(out).catch(() => []);
        // Polls overlap while a directory read waits; only the first sends the signal.
        if (names.length && !child.killed) {
          clearInterval(poll);
          child.kill('SIGINT');
          resolve();
        }
      }, 5);
    });
    expect([130, 0]).toContain(await exited);
    expect((await fs.readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
