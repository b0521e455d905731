/** The goalscore CLI as a user runs it: the built binary, its JSON, files and exit codes. */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';

const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'goalscore.js');
const SEEDS = path.join(ROOT, 'seeds');

/** Runs the built CLI; `env` is laid over this process's, with the locale variables cleared first. */
function run(args: string[], env: NodeJS.ProcessEnv = {}, bin = BIN) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 2 ** 20, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', GOALSCORE_DEBUG: '', ...env },
  });
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
  expect(doc.problems).toEqual([{ file, sheet: 'Plan', cell: 'E2', severity: 'error', message: '»fem« er ikke et tal.' }]);
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

describe('the command line\'s manners', () => {
  const DANISH = { LANG: 'da_DK.UTF-8' };
  const NORWEGIAN = { LANG: 'nb_NO.UTF-8' };
  const version = () => JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const usageLines = (r: ReturnType<typeof run>) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr.trimEnd().split('\n');
  };

  test('--version and -v print the version package.json gives', () => {
    for (const flag of ['--version', '-v']) {
      const r = run([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version());
    }
  });

  test('the version is read from the installed package\'s package.json when it runs', async () => {
    const installed = path.join(dir, 'installed');
    await fs.mkdir(installed);
    await fs.cp(path.join(ROOT, 'dist'), path.join(installed, 'dist'), { recursive: true });
    await fs.cp(path.join(ROOT, 'bin'), path.join(installed, 'bin'), { recursive: true });
    await fs.symlink(path.join(ROOT, 'node_modules'), path.join(installed, 'node_modules'));
    await fs.writeFile(path.join(installed, 'package.json'), JSON.stringify({ name: 'goalscore', version: '9.8.7-installed' }));
    const r = run(['--version'], {}, path.join(installed, 'bin', 'goalscore.js'));
    expect(r.stdout.trim()).toBe('9.8.7-installed');
  });

  test('help for one command: goalscore help score, goalscore score --help; the whole with goalscore help', () => {
    const score = run(['help', 'score']);
    expect(score.code).toBe(0);
    expect(score.stdout).toContain('goalscore score FILE|DIR...');
    expect(score.stdout).toContain('--compare F');
    expect(score.stdout).not.toContain('goalscore consolidate');
    expect(score.stdout).not.toContain('"notAssessed"');
    expect(run(['score', '--help']).stdout).toBe(score.stdout);
    const consolidate = run(['help', 'consolidate']);
    expect(consolidate.stdout).toContain('--out FILE   The overview workbook');
    expect(consolidate.stdout).toContain('"notAssessed"');
    expect(consolidate.stdout).not.toContain('goalscore score FILE');
    expect(run(['help']).stdout).toBe(run(['--help']).stdout);
    expect(usageLines(run(['help', 'nosuch'], DANISH))).toEqual([
      'Der er ingen hjælp til »nosuch«: skriv goalscore help score eller goalscore help consolidate.',
      'Se goalscore --help.',
    ]);
  });

  test('a usage error is one line and the pointer to --help, in Danish by default and under a Danish locale', () => {
    for (const env of [{}, DANISH, { LANG: 'C.UTF-8' }, { LANG: 'fi_FI.UTF-8' }]) {
      expect(usageLines(run(['rank', 'x.xlsx'], env))).toEqual(['Ukendt kommando »rank«: brug score eller consolidate.', 'Se goalscore --help.']);
    }
    expect(usageLines(run(['rank', 'x.xlsx'], { LANG: 'sv_SE.UTF-8' }))).toEqual(['Okänt kommando ”rank”: använd score eller consolidate.', 'Se goalscore --help.']);
    expect(usageLines(run(['score', 'x.xlsx', '--bogus'], DANISH))).toEqual(['Ukendt tilvalg »--bogus«.', 'Se goalscore --help.']);
    expect(usageLines(run(['consolidate'], DANISH))[0]).toBe('goalscore consolidate mangler filer: angiv en eller flere projektmapper (.xlsx) eller mapper.');
    expect(usageLines(run(['score', 'x.xlsx', '--lang', 'fr'], DANISH))[0]).toBe('Ukendt sprog »fr«: brug da, nb, en eller sv.');
    expect(usageLines(run(['score', 'x.xlsx', '--out'], DANISH))[0]).toBe('--out mangler en værdi, f.eks. --out out/.');
  });

  test('in Norwegian under LANG=nb_NO.UTF-8 (and nn, no); --lang and LC_ALL come before LANG', () => {
    const norwegian = ['Ukjent kommando «rank»: bruk score eller consolidate.', 'Se goalscore --help.'];
    for (const env of [NORWEGIAN, { LANG: 'nn_NO.UTF-8' }, { LC_MESSAGES: 'no_NO', LANG: 'da_DK.UTF-8' }]) expect(usageLines(run(['rank', 'x.xlsx'], env))).toEqual(norwegian);
    expect(usageLines(run(['score'], NORWEGIAN))).toEqual(['goalscore score mangler filer: oppgi én eller flere arbeidsbøker (.xlsx) eller mapper.', 'Se goalscore --help.']);
    expect(usageLines(run(['score', 'x.xlsx', '--json=ja'], NORWEGIAN))[0]).toBe('--json tar ingen verdi; skriv bare --json.');
    expect(usageLines(run(['rank', 'x.xlsx', '--lang', 'en'], NORWEGIAN))).toEqual(['Unknown command "rank": use score or consolidate.', 'See goalscore --help.']);
    expect(usageLines(run(['rank', 'x.xlsx'], { LC_ALL: 'en_GB.UTF-8', LANG: 'nb_NO.UTF-8' }))[1]).toBe('See goalscore --help.');
  });

  test('names every object has are unknown commands, not JavaScript internals', () => {
    for (const args of [['constructor', 'x'], ['toString'], ['__proto__'], ['hasOwnProperty'], ['help', 'constructor']]) {
      const [line, pointer] = usageLines(run(args, DANISH));
      expect(line).toMatch(args[0] === 'help' ? /^Der er ingen hjælp til »constructor«/ : new RegExp(`^Ukendt kommando »${args[0]}«`));
      expect(pointer).toBe('Se goalscore --help.');
    }
  });

  test('--lang constructor and --lang __proto__ are unknown languages', () => {
    for (const lang of ['constructor', '__proto__', 'toString']) {
      expect(usageLines(run(['score', 'x.xlsx', '--lang', lang], NORWEGIAN))).toEqual([`Ukjent språk «${lang}»: bruk da, nb, en eller sv.`, 'Se goalscore --help.']);
    }
    expect(usageLines(run(['score', 'x.xlsx', '--constructor'], DANISH))[0]).toBe('Ukendt tilvalg »--constructor«.');
  });

  test('an unexpected exception is one line in the user\'s language, exit 2; the stack only with GOALSCORE_DEBUG', async () => {
    const { main } = await import('../src/cli/main');
    const seed = path.join(SEEDS, '001-politiet-2024.xlsx');
    const failing = async (env: NodeJS.ProcessEnv) => {
      const err: string[] = [];
      const io = { out: () => { throw new TypeError("Cannot read properties of undefined (reading 'rows')"); }, err: (t: string) => err.push(t) };
      const code = await main(['score', seed, '--force', '--out', path.join(dir, 'o-internal')], io, env);
      return { code, err: err.join('\n') };
    };
    const plain = await failing(NORWEGIAN);
    expect(plain).toEqual({ code: 2, err: "goalscore stoppet på en intern feil: Cannot read properties of undefined (reading 'rows')" });
    const debug = await failing({ ...DANISH, GOALSCORE_DEBUG: '1' });
    expect(debug.code).toBe(2);
    expect(debug.err.split('\n')[0]).toBe("goalscore stoppede på en intern fejl: Cannot read properties of undefined (reading 'rows')");
    expect(debug.err).toMatch(/\n\s+at /);
  });

  test('the system language: LC_ALL, LC_MESSAGES, LANG, the first set; Danish for others', async () => {
    const { systemLanguage } = await import('../src/cli/args');
    expect(systemLanguage({ LC_ALL: 'nb_NO.UTF-8', LC_MESSAGES: 'en_US', LANG: 'da_DK' })).toBe('nb');
    expect(systemLanguage({ LC_MESSAGES: 'en_US.UTF-8', LANG: 'nb_NO' })).toBe('en');
    expect(systemLanguage({ LC_ALL: '', LANG: 'no' })).toBe('nb');
    expect(systemLanguage({ LANG: 'de_DE.UTF-8' })).toBe('da');
    expect(systemLanguage({ LANG: 'POSIX' })).toBe('da');
  });
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

  test('an input whose own name is a numbered one keeps it: three inputs, three outputs, none written twice', async () => {
    const [a, b] = [path.join(dir, 'n-a'), path.join(dir, 'n-b')];
    for (const d of [a, b]) await fs.mkdir(d, { recursive: true });
    await fs.copyFile(path.join(SEEDS, '000-kriminalforsorgen-2024.xlsx'), path.join(a, 'plan.xlsx'));
    await fs.copyFile(path.join(SEEDS, '001-politiet-2024.xlsx'), path.join(b, 'plan.xlsx'));
    await fs.copyFile(path.join(SEEDS, '003-hjemrejsestyrelsen-2024.xlsx'), path.join(dir, 'plan (2).xlsx'));
    const out = path.join(dir, 'numbered');
    const r = run(['score', path.join(a, 'plan.xlsx'), path.join(b, 'plan.xlsx'), path.join(dir, 'plan (2).xlsx'), '--force', '--json', '--out', out]);
    expect(r.code).toBe(0);
    expect((await fs.readdir(out)).sort()).toEqual(['plan (2).score.xlsx', 'plan (3).score.xlsx', 'plan.score.xlsx']);
    expect(JSON.parse(r.stdout).plans.map((p: { agency: string }) => p.agency)).toEqual(['Kriminalforsorgen', 'Politiet', 'Hjemrejsestyrelsen']);
  });

  test('a pipe or a device among the submissions is named, not read: the run ends and the others are consolidated', async () => {
    const folder = path.join(dir, 'special');
    await fs.mkdir(folder, { recursive: true });
    await fs.copyFile(path.join(SEEDS, '001-politiet-2024.xlsx'), path.join(folder, 'politiet.xlsx'));
    spawnSync('mkfifo', [path.join(folder, 'pipe.xlsx')]);
    await fs.symlink('/dev/zero', path.join(folder, 'zero.xlsx'));
    const r = run(['consolidate', folder, '--json', '--out', path.join(dir, 'special-overview.xlsx'), '--lang', 'en']);
    // Consolidated, with problems that are errors.
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.overview.map((o: { agency: string }) => o.agency)).toEqual(['Politiet']);
    const named = out.problems.filter((p: { message: string }) => /is not a regular file/.test(p.message)).map((p: { file: string }) => path.basename(p.file));
    expect(named.sort()).toEqual(['pipe.xlsx', 'zero.xlsx']);
  });

  test('a folder with no workbook is said so, in the user’s language, and nothing is scored', async () => {
    const empty = path.join(dir, 'empty-folder');
    await fs.mkdir(empty, { recursive: true });
    const r = run(['score', empty, '--out', path.join(dir, 'empty-out')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`Mappen ${empty} indeholder ingen projektmapper (.xlsx, .xlsm). Angiv projektmapperne eller en mappe med dem.`);
  });

  test('--pdf never writes through a link: a PDF name linked to the input leaves the input whole, a dangling one creates nothing', async () => {
    const input = path.join(dir, 'pdf-in', 'plan.xlsx');
    await fs.mkdir(path.dirname(input), { recursive: true });
    await fs.copyFile(path.join(SEEDS, '001-politiet-2024.xlsx'), input);
    const before = await fs.readFile(input);
    const out = path.join(dir, 'pdf-out');
    await fs.mkdir(out, { recursive: true });
    await fs.symlink(input, path.join(out, 'plan.score.pdf'));
    const linked = run(['score', input, '--out', out, '--force', '--pdf', '--lang', 'en']);
    expect((await fs.readFile(input)).equals(before)).toBe(true);
    expect(linked.stderr).toMatch(/plan\.score\.pdf/);
    // A dangling link: with --force the link itself is replaced by the PDF, and its target is never made.
    const nowhere = path.join(dir, 'pdf-nowhere', 'made.pdf');
    await fs.rm(path.join(out, 'plan.score.pdf'));
    await fs.symlink(nowhere, path.join(out, 'plan.score.pdf'));
    run(['score', input, '--out', out, '--force', '--pdf']);
    await expect(fs.access(nowhere)).rejects.toThrow();
    const pdf = await fs.lstat(path.join(out, 'plan.score.pdf'));
    expect(pdf.isSymbolicLink()).toBe(false);
    expect((await fs.readFile(path.join(out, 'plan.score.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
  }, 240_000);

  test('an output that cannot be written is a problem of that output; the others are written and the JSON printed', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    await fs.writeFile(blocker, 'a file where a folder should be');
    const seeds = ['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx'].map((n) => path.join(SEEDS, n));
    const failed = run(['score', ...seeds, '--json', '--out', blocker]);
    expect(failed.code).toBe(2);
    const doc = JSON.parse(failed.stdout);
    expect(doc.plans).toHaveLength(2);
    const said = doc.problems.map((p: { message: string }) => p.message);
    expect(said).toHaveLength(2);
    for (const m of said) expect(m).toMatch(/^.+\.score\.xlsx kunne ikke skrives: en del af stien er en fil, ikke en mappe\. Vælg et andet sted med --out\.$/);
    expect(`${failed.stderr}${said.join()}`).not.toMatch(/\bE[A-Z]{3,}\b|\n\s+at /);

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

  test('a file too large for the file system is said in words, in Danish, with no error code', async () => {
    if (process.platform === 'win32') return;
    const out = path.join(dir, 'small-fs');
    // `ulimit -f` caps a file's size as FAT32 does at 4 GB: the write fails with EFBIG.
    const r = spawnSync('sh', ['-c', `ulimit -f 8; exec "${process.execPath}" "${BIN}" score "${path.join(SEEDS, '000-kriminalforsorgen-2024.xlsx')}" --out "${out}"`], {
      cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: '', GOALSCORE_DEBUG: '' },
    });
    expect(r.status).toBe(2);
    expect(r.stdout + r.stderr).toContain('000-kriminalforsorgen-2024.score.xlsx kunne ikke skrives: filen er for stor til drevets filsystem');
    expect(r.stdout + r.stderr).not.toMatch(/\bE[A-Z]{3,}\b|\n\s+at /);
    expect(await fs.readdir(out)).toEqual([]);
  });

  test('Ctrl-C and SIGTERM while a large plan is scored stop the run within a second, leaving nothing', async () => {
    const { syntheticPlan } = await import('../bench/synthetic');
    const { workbookBytes } = await import('../src/xlsx');
    const grid = syntheticPlan(60_000);
    const values = grid.values.map((r) => Array.from(r, (v) => (v ?? null) as string | number | null));
    const big = path.join(dir, 'big-plan.xlsx');
    await fs.writeFile(big, workbookBytes({ sheets: [{ name: 'Plan', role: 'score', values, numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [], notes: [], charts: [], print: { orientation: 'landscape', fitToWidth: true } }] }));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const out = path.join(dir, `stopped-${signal}`);
      const child = spawn(process.execPath, [BIN, 'score', big, big, big, '--out', out], { cwd: ROOT, stdio: 'ignore' });
      const exited = new Promise<number>((resolve) => child.on('exit', () => resolve(Date.now())));
      // Well inside reading and scoring the first plan, which takes seconds.
      await new Promise((resolve) => setTimeout(resolve, 700));
      const sent = Date.now();
      child.kill(signal);
      expect((await exited) - sent).toBeLessThan(1000);
      expect((await fs.readdir(out).catch(() => [] as string[])).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
  }, 120_000);

  test('a file name with terminal controls or a bidi override is shown escaped: nothing rewrites the screen, and --json keeps the name', async () => {
    const folder = path.join(dir, 'controls');
    await fs.mkdir(folder, { recursive: true });
    const name = 'plan\u001b[2J\rFAKE\u202exslx.xlsx';
    await fs.copyFile(path.join(SEEDS, '001-politiet-2024.xlsx'), path.join(folder, name));
    const text = run(['score', folder, '--out', path.join(dir, 'controls-out'), '--force']);
    expect(text.code).toBe(0);
    const raw = /[\u001b\r\u202e]/; // eslint-disable-line no-control-regex
    expect(text.stdout + text.stderr).not.toMatch(raw);
    expect(text.stdout).toContain('plan\\u001b[2J\\u000dFAKE\\u202exslx.xlsx');
    const json = run(['score', folder, '--out', path.join(dir, 'controls-out'), '--force', '--json']);
    expect(json.stdout).not.toMatch(raw);
    expect(path.basename(JSON.parse(json.stdout).plans[0].file)).toBe(name);
  });

  test('Ctrl-C while writing leaves no temporary file', async () => {
    const out = path.join(dir, 'interrupted');
    const many = Array.from({ length: 40 }, () => path.join(SEEDS, '003-hjemrejsestyrelsen-2024.xlsx'));
    const child = spawn(process.execPath, [BIN, 'score', ...many, '--out', out], { cwd: ROOT, stdio: 'ignore' });
    // 130 from our handler while writing, or killed by the signal itself between writes.
    const exited = new Promise<number | string | null>((resolve) => child.on('exit', (c, signal) => resolve(c ?? signal)));
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
    expect([130, 'SIGINT', 0]).toContain(await exited);
    expect((await fs.readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
