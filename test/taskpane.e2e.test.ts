/**
 * The built task pane in Debian's Chromium, in file mode (no Office host): upload a seed plan,
 * read the summary on screen, download the score workbook and check its total; axe-core checks
 * accessibility on the same page.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { DIST, ROOT, SEED, axeViolations, excelPage as openExcelPage, launch, serve, watch, type Watch } from './pane-harness';

let server: { base: string; close(): void };
let base: string;
let browser: Browser;
let page: Page;
let dir: string;
const seen: Watch = { requests: [], violations: [] };
const { requests, violations } = seen;

beforeAll(async () => {
  server = await serve();
  base = server.base;
  browser = await launch();
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 360, height: 1100 }, acceptDownloads: true });
  page = await context.newPage();
  // No network here, as on a machine without internet: Office.js from its CDN cannot load.
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  watch(page, seen);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'taskpane-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

test('file mode: upload a seed plan, see its summary, download a score workbook with the same total', async () => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/taskpane.html`);
  await page.locator('#file-mode').waitFor({ state: 'visible' });
  await expect(page.locator('h1').textContent()).resolves.toBe('Målopfyldelse');

  await page.setInputFiles('#file-input', SEED);
  const card = page.locator('.plan-result');
  await card.waitFor({ state: 'visible', timeout: 30_000 });
  // 66,2 of 100, worked out by hand in seeds.integration.test.ts.
  await expect(card.locator('.score-value').textContent()).resolves.toBe('66,2 %');
  await expect(card.locator('h3').textContent()).resolves.toBe('Kriminalforsorgen 2024, Q4');
  expect(await card.locator('.badge').allTextContents()).toEqual(['Opfyldt: 7', 'Delvist opfyldt: 4', 'Ikke opfyldt: 2', 'Ikke vurderet: 1']);
  expect(await card.locator('.areas li').count()).toBe(7);
  // File mode offers the score workbook; it says so, and does not claim to have written it.
  await expect(page.locator('#status').textContent()).resolves.toMatch(/^Færdig: 1 opgørelse klar til at hente\. /);
  await expect(page.locator('#status').textContent()).resolves.not.toContain('skrevet');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#summary-actions a[download]').click()]);
  expect(download.suggestedFilename()).toBe('000-kriminalforsorgen-2024.score.xlsx');
  const saved = path.join(dir, download.suggestedFilename());
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const sheet = wb.worksheets[0];
  let header: unknown[] = [];
  let total: unknown;
  sheet.eachRow((row) => {
    const values = row.values as unknown[];
    if (values[1] === 'Nr.') header = values;
    if (values[2] === 'I alt') total = (values[header.indexOf('Opnået')] as ExcelJS.CellFormulaValue).result;
  });
  expect(total).toBeCloseTo(66.2, 9);
  expect(errors).toEqual([]);

  if (process.env.UPDATE_DOCS) await page.screenshot({ path: path.join(ROOT, 'docs', 'taskpane.png'), fullPage: true });
}, 90_000);

test('axe-core finds no serious or critical accessibility violations', async () => {
  await expect(axeViolations(page)).resolves.toEqual([]);
}, 60_000);

test('the language follows the choice in the settings, and a bad file is named without breaking the pane', async () => {
  await page.locator('#settings summary').click();
  await page.locator('#language-en').click();
  await expect(page.locator('h1').textContent()).resolves.toBe('Goal scoring');
  // The pane's words change around the radio; the focus stays on it, for a keyboard user.
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('language-en');
  await expect(page.locator('.plan-result .score-value').textContent()).resolves.toBe('66.2 %');
  const bad = path.join(dir, 'notes.xlsx');
  await fs.writeFile(bad, 'not a workbook');
  await page.setInputFiles('#file-input', [bad, SEED]);
  await page.locator('#problem-list li').first().waitFor({ state: 'visible', timeout: 30_000 });
  // A file's problem in plain words, the file named once: in its group's heading.
  const problems = (await page.locator('#problem-list').textContent()) ?? '';
  expect(problems.split('notes.xlsx').length - 1).toBe(1);
  await expect(page.locator('#problem-list .problem-group').first().textContent()).resolves.toBe('notes.xlsxError: The file is not an Excel workbook (.xlsx).');
  await expect(page.locator('.plan-result').count()).resolves.toBe(1);
  await page.locator('#language-auto').click();
}, 90_000);

test('last year\'s plan, picked once, stands beside this year\'s; a file that cannot be read says so', async () => {
  const text = (selector: string) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
  await page.locator('#tab-last-year').click();
  const bad = path.join(dir, 'last-year.xlsx');
  await fs.writeFile(bad, 'not a workbook');
  await page.setInputFiles('#last-year-input', bad);
  await page.waitForFunction(() => document.querySelector('#last-year-file')?.textContent?.includes('last-year.xlsx'), null, { timeout: 30_000 });
  expect(await page.locator('#clear-last-year').isHidden()).toBe(true);
  // The seed as its own last year: the plumbing, not the matching, is what is tried here.
  await page.setInputFiles('#last-year-input', SEED);
  await page.waitForFunction(() => document.querySelector('#last-year-file')?.textContent?.startsWith('Sammenlignes med'), null, { timeout: 30_000 });
  expect(await text('#last-year-file')).toBe('Sammenlignes med 000-kriminalforsorgen-2024.xlsx');
  await page.setInputFiles('#file-input', SEED);
  await page.locator('.plan-result .last-year').waitFor({ state: 'visible', timeout: 30_000 });
  expect(await text('.plan-result .last-year')).toBe('Samlet opfyldelse 2024: 66,2 %');
  await page.locator('#tab-last-year').click();
  await page.locator('#clear-last-year').click();
  expect(await text('#last-year-file')).toBe('');
  await page.setInputFiles('#file-input', SEED);
  // Scored again without last year: the card goes without the line.
  await page.locator('.plan-result .last-year').waitFor({ state: 'detached', timeout: 30_000 });
  expect(await page.locator('.plan-result').count()).toBe(1);
}, 90_000);

test('problems come first, grouped by plan; the status line counts them; a plan that cannot be scored shows an error card, not a score', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Alfa').addRows([['Myndighed', 'Alfa'], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 50, 'mindst', 5, 6], ['2', 50, 'mindst', 5, 'fem']]);
  wb.addWorksheet('Beta').addRows([['Myndighed', 'Beta'], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 100, 'mindst', 5, 'fem']]);
  const file = path.join(dir, 'alfa-beta.xlsx');
  await wb.xlsx.writeFile(file);
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('problemer'), null, { timeout: 30_000 });
  // Said once: the totals, the problems, the next step.
  expect(await page.locator('#status').textContent()).toBe(
    'Færdig: 1 opgørelse klar til at hente. Alfa: samlet opfyldelse 50 %. Beta: kan ikke beregnes. 2 problemer: 2 fejl og 0 advarsler. Næste skridt: Ret fejlene i planfilen, og vælg den igen.',
  );
  expect(await page.locator('#summary-totals li').allTextContents()).toEqual(['50 %Samlet opfyldelseAlfa', '–kan ikke beregnesBeta']);
  // Problems above the results, in the page's order.
  const order = await page.evaluate(() => document.querySelector('#problems')!.compareDocumentPosition(document.querySelector('#result-list')!) & Node.DOCUMENT_POSITION_FOLLOWING);
  expect(order).toBeTruthy();
  expect(await page.locator('.problem-group h3').allTextContents()).toEqual(['alfa-beta.xlsx – Alfa', 'alfa-beta.xlsx – Beta']);
  const alfa = page.locator('.plan-result[aria-label="Alfa"]');
  expect(await alfa.locator('.score-value').textContent()).toBe('50 %');
  expect(await alfa.locator('.plan-errors').textContent()).toBe('1 fejl i planen; opfyldelsen kan være for lav. Se problemerne ovenfor.');
  const beta = page.locator('.plan-result[aria-label="Beta"]');
  expect(await beta.locator('.score-value').count()).toBe(0);
  expect(await beta.locator('.plan-errors').textContent()).toBe('Kan ikke beregnes: intet mål kunne vurderes. Se problemerne ovenfor.');
}, 90_000);

describe('Excel mode, with the recording fake as the host', () => {
  let excelPage: Page;

  beforeAll(async () => {
    excelPage = await openExcelPage(browser, base, {}, seen);
  }, 60_000);

  test('lists the plan sheets with agency and period', async () => {
    const labels = excelPage.locator('#plan-list label');
    await labels.first().waitFor();
    expect(await labels.allTextContents()).toEqual(['Mål- og resultatplan' + 'Kriminalforsorgen · 2024 · Q4 · 31 rækker', 'Plan med fejl' + 'Prøvestyrelsen · 1 række']);
    await expect(excelPage.locator('#file-mode').isHidden()).resolves.toBe(true);
  });

  test('at 320 and 350 px each plan\'s box stands beside its name, and nothing runs off the side', async () => {
    for (const width of [320, 350]) {
      await excelPage.setViewportSize({ width, height: 1000 });
      const boxes = await excelPage.evaluate(() =>
        Array.from(document.querySelectorAll('.plan-item'), (item) => {
          const box = item.querySelector('input[type=checkbox]')!.getBoundingClientRect();
          const name = item.querySelector('.plan-name')!.getBoundingClientRect();
          return { besideName: box.right <= name.left, sameLine: Math.abs(box.top + box.height / 2 - (name.top + name.height / 2)) < box.height };
        }),
      );
      expect(boxes).toEqual([{ besideName: true, sameLine: true }, { besideName: true, sameLine: true }]);
      await expect(excelPage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
      // The label ticks its box, as a label does.
      await excelPage.locator('#plan-label-1').click();
      await expect(excelPage.evaluate(() => (document.getElementById('plan-1') as HTMLElement & { checked: boolean }).checked)).resolves.toBe(false);
      await excelPage.locator('#plan-label-1').click();
      await expect(excelPage.evaluate(() => (document.getElementById('plan-1') as HTMLElement & { checked: boolean }).checked)).resolves.toBe(true);
      if (process.env.UPDATE_DOCS) await excelPage.screenshot({ path: path.join(ROOT, 'docs', `taskpane-${width}.png`) });
    }
    await excelPage.setViewportSize({ width: 350, height: 1000 });
  });

  test('scores all plans into the workbook, shows the summary, and a problem takes the user to its cell', async () => {
    await excelPage.locator('#score-all').click();
    await excelPage.locator('#status', { hasText: 'Færdig: 2 opgørelser skrevet.' }).waitFor({ timeout: 30_000 });
    await expect(excelPage.locator('.plan-result .score-value').first().textContent()).resolves.toBe('66,2 %');
    const owned = await excelPage.evaluate(() => {
      const fake = (window as unknown as { __fake: { sheets: { name: string; deleted: boolean; props: Map<string, string> }[] } }).__fake;
      return fake.sheets.filter((s) => !s.deleted && s.props.size).map((s) => [s.name, s.props.get('goalscore.role')]);
    });
    expect(owned).toEqual([['Kriminalforsorgen Q4', 'score'], ['Prøvestyrelsen', 'score'], ['Problemer', 'problems']]);

    // A message bar: its icon, its severity, the cell as a link named by what it shows, the message.
    const problem = excelPage.locator('#problem-list .message-bar');
    await expect(problem.locator('svg[data-icon=error]').count()).resolves.toBe(1);
    await expect(problem.locator('button.link').textContent()).resolves.toBe('Gå til Plan med fejl!E3');
    await expect(problem.locator('button.link').getAttribute('aria-label')).resolves.toBeNull();
    await expect(problem.textContent()).resolves.toBe('Fejl: Gå til Plan med fejl!E3 »fem« er ikke et tal.');
    await problem.locator('button.link').click();
    const selected = await excelPage.evaluate(() => {
      const fake = (window as unknown as { __fake: { requests: { operations: { sheet: string; op: string }[] }[] } }).__fake;
      return fake.requests[fake.requests.length - 1].operations.map((o) => `${o.op} ${o.sheet}`);
    });
    expect(selected).toEqual(['activate Plan med fejl', 'select Plan med fejl']);
  }, 60_000);

  test('the ribbon command says what happened in the pane: scores, problems, in Danish', async () => {
    await excelPage.evaluate(() => {
      const w = window as unknown as { __actions: Record<string, (e: { completed(): void }) => void>; __completed?: boolean };
      w.__actions.scoreAllPlans({ completed: () => (w.__completed = true) });
    });
    await excelPage.locator('#status', { hasText: 'Kriminalforsorgen 66,2 %' }).waitFor({ timeout: 30_000 });
    const status = await excelPage.locator('#status').textContent();
    expect(status).toMatch(/^Færdig: 2 opgørelser skrevet\. .*Problemer: 1 \(Fejl: 1, Advarsel: 0\)\.$/);
    // The summary at the top shows the ribbon's results too.
    await expect(excelPage.locator('#summary-totals .score-value').first().textContent()).resolves.toBe('66,2 %');
    const state = await excelPage.evaluate(() => ({ completed: (window as unknown as { __completed?: boolean }).__completed, shown: (window as unknown as { __shown?: number }).__shown }));
    expect(state).toEqual({ completed: true, shown: 1 });
    await expect(excelPage.locator('#problem-list button.link').textContent()).resolves.toContain('Plan med fejl!E3');
  }, 60_000);

  test('only the ticked plans are scored', async () => {
    await excelPage.locator('#plan-list input[type=checkbox]').nth(1).click();
    await excelPage.locator('#score-selected').click();
    await excelPage.locator('#status', { hasText: 'Færdig: 1 opgørelse skrevet.' }).waitFor({ timeout: 30_000 });
    await expect(excelPage.locator('.plan-result').count()).resolves.toBe(1);
    // The list is redrawn after scoring; the user's ticks stay as they were.
    const ticks = await excelPage.evaluate(() => Array.from(document.querySelectorAll<HTMLElement & { checked: boolean }>("#plan-list input[type=checkbox]"), (b) => b.checked));
    expect(ticks).toEqual([true, false]);
  }, 60_000);

  test('consolidates the ticked plan sheet with plan workbooks added from disk into overview sheets', async () => {
    // Kriminalforsorgen's sheet ticked, the sheet with the bad cell not.
    await excelPage.evaluate(() => {
      document.querySelectorAll<HTMLElement & { checked: boolean }>('#plan-list input[type=checkbox]').forEach((box, i) => (box.checked = i === 0));
    });
    await excelPage.locator('#tab-consolidate').click();
    await expect(excelPage.locator('#consolidate-intro').textContent()).resolves.toContain('valgte planark');
    await excelPage.setInputFiles('#consolidate-input', [path.join(ROOT, 'seeds', '001-politiet-2024.xlsx'), path.join(ROOT, 'seeds', '003-hjemrejsestyrelsen-2024.xlsx')]);
    await excelPage.locator('#status', { hasText: 'Læst: 2 filer.' }).waitFor({ timeout: 30_000 });
    await excelPage.locator('#consolidate-run').click();
    await excelPage.locator('#status', { hasText: 'Oversigten er skrevet: 3 planer' }).waitFor({ timeout: 30_000 });
    // Ranked in a table, best first, as the overview ranks them.
    expect(await excelPage.locator('#ranking tbody th').allTextContents()).toEqual(['Hjemrejsestyrelsen 2024, Helår', 'Politiet 2024, 4. kvartal', 'Kriminalforsorgen 2024, Q4']);
    const overview = await excelPage.evaluate(() => {
      const fake = (window as unknown as { __fake: { sheets: { name: string; deleted: boolean; cells: unknown[][]; charts: unknown[] }[] } }).__fake;
      const sheet = fake.sheets.find((s) => !s.deleted && s.name === 'Oversigt')!;
      return { agencies: sheet.cells.slice(3, 6).map((r) => r[0]), charts: sheet.charts.length };
    });
    expect(overview).toEqual({ agencies: ['Hjemrejsestyrelsen', 'Politiet', 'Kriminalforsorgen'], charts: 1 });
  }, 60_000);

  test('a what-if scenario is saved as a sheet of its own', async () => {
    await excelPage.locator('#tab-whatif').click();
    await excelPage.locator('[id="whatif-11.1"]').fill('ja');
    await excelPage.locator('#whatif-score', { hasText: '71,2 %' }).waitFor({ timeout: 10_000 });
    await excelPage.locator('#whatif-save').click();
    await excelPage.locator('#status', { hasText: 'Scenariet er gemt' }).waitFor({ timeout: 30_000 });
    const sheet = await excelPage.evaluate(() => {
      const fake = (window as unknown as { __fake: { sheets: { name: string; deleted: boolean; props: Map<string, string>; cells: unknown[][] }[] } }).__fake;
      const s = fake.sheets.find((x) => !x.deleted && x.props.get('goalscore.role') === 'scenario')!;
      return { name: s.name, row: s.cells.find((r) => r?.[0] === '11.1')?.slice(3, 6) };
    });
    // 11.1 had no result: its actual fulfilment cell stays empty, the scenario's is 1.
    expect(sheet).toEqual({ name: 'Scenarie Kriminalforsorgen', row: ['ja', undefined, 1] });
  }, 60_000);

  test('a rerun after a goal was added asks first; keeping the last run moves it aside, and a note typed on the score sheet survives', async () => {
    type Fake = { sheets: { name: string; deleted: boolean; props: Map<string, string>; cells: unknown[][] }[] };
    // The user types a note on the score sheet and adds a goal to the plan.
    await excelPage.evaluate(() => {
      const fake = (window as unknown as { __fake: Fake }).__fake;
      const score = fake.sheets.find((s) => !s.deleted && s.name === 'Kriminalforsorgen Q4')!;
      const header = score.cells.findIndex((r) => r?.[0] === 'Nr.');
      const note = (score.cells[header] as string[]).indexOf('Note');
      score.cells[score.cells.findIndex((r, i) => i > header && r?.[0] === '1.2')][note] = 'Min egen note';
      const plan = fake.sheets.find((s) => s.name === 'Mål- og resultatplan')!;
      const cols = plan.cells[plan.cells.findIndex((r) => r?.[0] === 'Nr.')] as string[];
      const row = cols.map(() => null as unknown);
      row[cols.indexOf('Nr.')] = '12.1';
      row[cols.indexOf('Mål')] = 'Et nyt mål';
      row[cols.indexOf('Kravtype')] = 'mindst';
      row[cols.indexOf('Målværdi')] = 10;
      row[cols.indexOf('Resultat Q4')] = 12;
      plan.cells.push(row);
    });
    await excelPage.locator('#score-all').click();
    const dialog = excelPage.locator('#reshape-dialog');
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await expect(excelPage.locator('#reshape-text').textContent()).resolves.toContain('Kriminalforsorgen Q4: målene eller kolonnerne har ændret sig');
    await expect(axeViolations(excelPage)).resolves.toEqual([]);
    if (process.env.UPDATE_DOCS) await excelPage.screenshot({ path: path.join(ROOT, 'docs', 'rerun.png') });
    await excelPage.locator('#reshape-keep').click();
    await excelPage.locator('#status', { hasText: 'bevaret som Kriminalforsorgen Q4 (2)' }).waitFor({ timeout: 30_000 });
    await expect(dialog.isHidden()).resolves.toBe(true);
    const after = await excelPage.evaluate(() => {
      const fake = (window as unknown as { __fake: Fake }).__fake;
      const noteOf = (name: string) => {
        const s = fake.sheets.find((x) => !x.deleted && x.name === name)!;
        const header = s.cells.findIndex((r) => r?.[0] === 'Nr.');
        return s.cells[s.cells.findIndex((r, i) => i > header && r?.[0] === '1.2')][(s.cells[header] as string[]).indexOf('Note')];
      };
      return { kept: noteOf('Kriminalforsorgen Q4 (2)'), fresh: noteOf('Kriminalforsorgen Q4') };
    });
    expect(after).toEqual({ kept: 'Min egen note', fresh: 'Min egen note' });
    // A second goal added, asked again, and Escape: nothing is written.
    await excelPage.evaluate(() => {
      const plan = (window as unknown as { __fake: Fake }).__fake.sheets.find((s) => s.name === 'Mål- og resultatplan')!;
      const last = plan.cells[plan.cells.length - 1] as unknown[];
      plan.cells.push(last.map((v) => (v === '12.1' ? '12.2' : v)));
    });
    const requests = await excelPage.evaluate(() => (window as unknown as { __fake: { requests: unknown[] } }).__fake.requests.length);
    await excelPage.locator('#score-all').click();
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await excelPage.keyboard.press('Escape');
    await excelPage.locator('#status', { hasText: 'Intet er skrevet' }).waitFor({ timeout: 30_000 });
    const written = await excelPage.evaluate(
      (from) => (window as unknown as { __fake: { requests: { operations: { op: string }[] }[] } }).__fake.requests.slice(from).flatMap((r) => r.operations).filter((o) => o.op !== 'load').length,
      requests,
    );
    expect(written).toBe(0);
  }, 90_000);
});

describe('what if', () => {
  test('in a browser: typing a hypothetical result moves the score at once; the scenario downloads', async () => {
    await page.evaluate(() => (document.getElementById('status')!.textContent = ''));
    await page.setInputFiles('#file-input', SEED);
    await page.locator('#status', { hasText: 'Færdig: 1 opgørelse klar til at hente.' }).waitFor({ timeout: 30_000 });
    await page.locator('#tab-whatif').click();
    await page.locator('#whatif').waitFor({ state: 'visible' });
    await expect(page.locator('#whatif-score').textContent()).resolves.toBe('Scenarie 66,2 % · faktisk 66,2 % · +0,0 procentpoint');
    // 3.1 answers 96 % of hearings in time instead of 93,8 %: met, 5 points more.
    const shareRow = page.locator('.whatif-row', { has: page.locator('[id="whatif-3.1"]') });
    await expect(shareRow.locator('.whatif-meta').textContent()).resolves.toContain('krævet: 95 % · kan give 5 point');
    await expect(shareRow.locator('.whatif-help').textContent()).resolves.toBe('Nu: 93,8 %');
    await expect(shareRow.locator('.whatif-unit').textContent()).resolves.toBe('%');
    const input = page.locator('[id="whatif-3.1"]');
    // Text that cannot be read is marked, says what to type, and changes nothing.
    await input.fill('abc');
    await page.waitForFunction(() => document.getElementById('whatif-3.1')?.getAttribute('aria-invalid') === 'true');
    await expect(page.locator('[id="whatif-error-3.1"]').isVisible()).resolves.toBe(true);
    await expect(page.locator('[id="whatif-error-3.1"]').textContent()).resolves.toBe('»abc« er ikke en procent. Skriv en procent, fx 86 %.');
    await expect(page.locator('#whatif-score').textContent()).resolves.toBe('Scenarie 66,2 % · faktisk 66,2 % · +0,0 procentpoint');
    // A share over 100 % is refused with the reason, and the total stays.
    await input.fill('150 %');
    await page.locator('[id="whatif-error-3.1"]', { hasText: '150 %' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('[id="whatif-error-3.1"]').textContent()).resolves.toBe('En andel ligger mellem 0 % og 100 %, så 150 % kan ikke nås. Skriv fx 86 %.');
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#whatif-score').textContent()).resolves.toBe('Scenarie 66,2 % · faktisk 66,2 % · +0,0 procentpoint');
    await input.fill('96 %');
    await page.locator('#whatif-score', { hasText: '71,2 %' }).waitFor({ timeout: 10_000 });
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(page.locator('[id="whatif-error-3.1"]').isHidden()).resolves.toBe(true);
    await expect(page.locator('#whatif-score').textContent()).resolves.toBe('Scenarie 71,2 % · faktisk 66,2 % · +5,0 procentpoint');
    await expect(page.locator('[id="whatif-effect-3.1"]').textContent()).resolves.toBe('Opfyldt · 5 / 5');
    // The area it belongs to says by how much it moved.
    await expect(page.locator('#whatif-areas .area-change.up').count()).resolves.toBe(1);
    // A share with counts: the box takes cases met of 500, and a percent is turned into cases.
    const counted = page.locator('.whatif-row', { has: page.locator('[id="whatif-1.2"]') });
    await expect(counted.locator('.whatif-unit').textContent()).resolves.toBe('opfyldte af 500');
    await expect(counted.locator('.whatif-help').textContent()).resolves.toBe('Nu: 412');
    await page.locator('[id="whatif-1.2"]').fill('86 %');
    await page.locator('[id="whatif-effect-1.2"]', { hasText: '430 af 500' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('[id="whatif-effect-1.2"]').textContent()).resolves.toBe('Opfyldt · 5 / 5 · 430 af 500');
    // More cases met than there are is refused; the score stays where the accepted inputs put it.
    await page.locator('[id="whatif-1.2"]').fill('600');
    await page.locator('[id="whatif-error-1.2"]', { hasText: '500' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('[id="whatif-error-1.2"]').textContent()).resolves.toBe('600 opfyldte er flere end de 500 sager i alt. Skriv et antal fra 0 til 500.');
    await expect(page.locator('#whatif-score').textContent()).resolves.toBe('Scenarie 71,2 % · faktisk 66,2 % · +5,0 procentpoint');
    await page.locator('[id="whatif-1.2"]').fill('86 %');
    await page.locator('[id="whatif-effect-1.2"]', { hasText: '430 af 500' }).waitFor({ timeout: 10_000 });
    // Assessments are chosen from a list, the plan's own value first.
    await page.locator('#whatif-all').check();
    await expect(page.locator('[id="whatif-8.2"] option').allTextContents()).resolves.toEqual(['Uændret (Delvist opfyldt)', 'Opfyldt', 'Delvist opfyldt', 'Ikke opfyldt']);
    // Reset one row, then all: the score returns to the plan's own.
    await page.locator('[id="whatif-reset-1.2"]').click();
    await page.locator('#whatif-score', { hasText: '71,2 %' }).waitFor({ timeout: 10_000 });
    await expect(page.locator('[id="whatif-1.2"]').inputValue()).resolves.toBe('');
    await page.locator('#whatif-reset-all').click();
    await page.locator('#whatif-score', { hasText: '· faktisk 66,2 % · +0,0 procentpoint' }).waitFor({ timeout: 10_000 });
    await page.locator('#whatif-all').uncheck();
    await page.locator('[id="whatif-3.1"]').fill('96 %');
    await page.locator('#whatif-score', { hasText: '71,2 %' }).waitFor({ timeout: 10_000 });
    await page.locator('#whatif-save').click();
    const link = page.locator('#scenario-download a');
    await link.waitFor({ timeout: 30_000 });
    // Offered, not written: the status says the scenario is there to download.
    await expect(page.locator('#status').textContent()).resolves.toMatch(/^Scenariet er klar til at hente som .+\.xlsx\.$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = path.join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    const sheet = wb.worksheets[0];
    const row = (sheet.getSheetValues() as unknown[][]).find((r) => r?.[1] === '3.1')!;
    expect(row.slice(4, 10)).toEqual(['96 %', 0, 1, 0, 5, 5]);
    // The panel's controls are labelled and reachable like the rest of the pane.
    await expect(axeViolations(page)).resolves.toEqual([]);
    if (process.env.UPDATE_DOCS) await page.screenshot({ path: path.join(ROOT, 'docs', 'whatif.png'), fullPage: true });
  }, 90_000);
});

describe('consolidation in file mode', () => {
  test('with nothing added, consolidating says what to do first and writes nothing', async () => {
    await page.locator('#tab-consolidate').click();
    // In a browser there are no plan sheets to choose: the view speaks only of files.
    await expect(page.locator('#consolidate-intro').textContent()).resolves.not.toContain('planark');
    await page.locator('#consolidate-run').click();
    await page.locator('#status', { hasText: 'Tilføj planfiler' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('#overview-download a').count()).toBe(0);
  }, 30_000);

  test('plan workbooks picked from disk become an overview workbook to download', async () => {
    const files = ['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx', '003-hjemrejsestyrelsen-2024.xlsx'].map((n) => path.join(ROOT, 'seeds', n));
    const broken = path.join(dir, 'broken.xlsx');
    await fs.writeFile(broken, 'not a workbook');
    await page.setInputFiles('#consolidate-input', [...files, broken]);
    await page.locator('#status', { hasText: 'Læst: 4 filer. 1 kan ikke bruges; se listen.' }).waitFor({ timeout: 30_000 });
    // The broken file is flagged as soon as it is read, in plain words, its name once.
    await expect(page.locator('#added-files .bad').textContent()).resolves.toBe('broken.xlsxFjernFejl: Filen er ikke en Excel-projektmappe (.xlsx).');
    await page.locator('#consolidate-run').click();
    await page.locator('#status', { hasText: 'Oversigten er klar til at hente: 3 planer' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#panel-consolidate').textContent()).toMatch(/^(?!.*broken\.xlsx.*broken\.xlsx)/s);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#overview-download a').click()]);
    expect(download.suggestedFilename()).toBe('oversigt.xlsx');
    const saved = path.join(dir, 'oversigt.xlsx');
    await download.saveAs(saved);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(saved);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Oversigt', 'Mangler', 'Problemer', 'Kriminalforsorgen', 'Politiet', 'Hjemrejsestyrelsen']);
    expect(wb.getWorksheet('Oversigt')!.getCell('A6').value).toBe('Kriminalforsorgen');
    // The plans are ranked in a table as the overview ranks them: best first.
    expect(await page.locator('#ranking tbody th').allTextContents()).toEqual(['Hjemrejsestyrelsen 2024, Helår', 'Politiet 2024, 4. kvartal', 'Kriminalforsorgen 2024, Q4']);
  }, 90_000);

  test('an added file can be taken out again before consolidating', async () => {
    await page.locator('#added-files button[aria-label="Fjern broken.xlsx"]').click();
    expect(await page.locator('#added-files .file-name').allTextContents()).toEqual(['000-kriminalforsorgen-2024.xlsx', '001-politiet-2024.xlsx', '003-hjemrejsestyrelsen-2024.xlsx']);
    await page.locator('#consolidate-run').click();
    await page.locator('#status', { hasText: 'Oversigten er klar til at hente: 3 planer' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#panel-consolidate').textContent()).not.toContain('broken.xlsx');
  }, 60_000);
});

test('an Excel without ExcelApi 1.12 is told so in plain words, and offered nothing that would fail', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const old = await context.newPage();
  await old.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  await old.addInitScript({
    content: `window.Office = { HostType: { Excel: 'Excel' }, context: { displayLanguage: 'en-GB', requirements: { isSetSupported: (set, version) => Number(version) < 1.12 } }, onReady: (f) => Promise.resolve().then(() => f({ host: 'Excel' })) };`,
  });
  await old.goto(`${base}/taskpane.html`);
  await old.locator('#status').filter({ hasText: 'too old' }).waitFor({ timeout: 20_000 });
  await expect(old.locator('#status').textContent()).resolves.toBe('This version of Excel is too old for the add-in. It needs Excel 2021, Microsoft 365 or Excel on the web.');
  await expect(old.locator('#excel-mode').isHidden()).resolves.toBe(true);
  await expect(old.locator('#file-mode').isHidden()).resolves.toBe(true);
  await expect(old.locator('#views').isHidden()).resolves.toBe(true);
  await context.close();
}, 60_000);

test('the pane follows a dark theme: Fluent\'s dark tokens, readable text, no contrast violations', async () => {
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 350, height: 900 }, colorScheme: 'dark' });
  const dark = await context.newPage();
  await dark.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  watch(dark, seen);
  await dark.goto(`${base}/taskpane.html`);
  await dark.locator('#file-mode').waitFor({ state: 'visible' });
  await dark.setInputFiles('#file-input', SEED);
  await dark.locator('.plan-result').waitFor({ state: 'visible', timeout: 30_000 });
  const look = await dark.evaluate(() => {
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const body = getComputedStyle(document.body);
    return { theme: document.documentElement.dataset.theme, background: luminance(body.backgroundColor), text: luminance(body.color) };
  });
  expect(look.theme).toBe('dark');
  expect(look.background).toBeLessThan(0.05);
  expect(look.text).toBeGreaterThan(0.7);
  await expect(axeViolations(dark)).resolves.toEqual([]);
  if (process.env.UPDATE_DOCS) await dark.screenshot({ path: path.join(ROOT, 'docs', 'taskpane-dark.png'), fullPage: true });
  await context.close();
}, 60_000);

test('under its Content-Security-Policy the pane ran everything above without a violation, and called no one', async () => {
  // The policy is the page's own: no inline script, no eval (mathjs scored formula rows above).
  const html = await fs.readFile(path.join(DIST, 'taskpane.html'), 'utf8');
  const policy = html.match(/http-equiv="?Content-Security-Policy"? content="([^"]+)"/)?.[1] ?? '';
  expect(policy).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com/);
  expect(policy).not.toMatch(/unsafe-eval/);
  // The consolidation's worker comes from the add-in's own origin, never from a blob or data URL.
  expect(policy).toContain("worker-src 'self'");
  expect(policy.match(/script-src[^;]*/)![0]).not.toMatch(/unsafe-inline/);
  expect(violations).toEqual([]);
  // Requests: the pane's own files, the downloads it made itself, and Office's script (refused here).
  const foreign = requests.filter((url) => !url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:') && !url.startsWith('https://appsforoffice.microsoft.com/'));
  expect(foreign).toEqual([]);
  expect(requests.length).toBeGreaterThan(5);
});
