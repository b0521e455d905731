/**
 * The pane answers first, at a task pane's size (350 × 760) in Danish: the total on the first
 * screen and said once, the views as tabs, problems as message bars, a what-if whose total stays
 * in view, a consolidation of 20 files that counts, can be cancelled and downloads a Danish name,
 * a print view, forced colours, and Office.js that never holds the first paint back. axe-core
 * reports nothing, of any impact, in Excel mode, in forced colours and in dark.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page, Route } from 'playwright-core';
import { ALL_IMPACTS, SEED, axeViolations, excelPage, filePage, launch, serve } from './pane-harness';

const SIZE = { width: 350, height: 760 };

let server: { base: string; close(): void };
let browser: Browser;
let dir: string;

beforeAll(async () => {
  server = await serve();
  browser = await launch();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pane-'));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

/** A file-mode page at the pane's size with the seed plan scored. */
async function scoredPage(options: Parameters<typeof filePage>[2] = {}): Promise<Page> {
  const page = await filePage(browser, server.base, { viewport: SIZE, ...options });
  await page.setInputFiles('#file-input', SEED);
  await page.locator('#summary').waitFor({ state: 'visible', timeout: 30_000 });
  return page;
}

/** The live regions a screen reader hears from (not inside anything hidden), with their text. */
function liveRegions(page: Page): Promise<{ id: string; text: string }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('[aria-live], [role=status], [role=alert], [role=log]'))
      .filter((n) => !n.closest('[hidden]') && n.getAttribute('aria-live') !== 'off')
      .map((n) => ({ id: n.id, text: n.textContent ?? '' })),
  );
}

/** A plan workbook of one agency: four goals of 25, `met` of them met. */
async function planFile(name: string, agency: string, met: number): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const rows: unknown[][] = [['Myndighed', agency], ['År', 2024], ['Periode', 'Q4'], [], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat']];
  for (let g = 1; g <= 4; g++) rows.push([String(g), 25, 'mindst', 10, g <= met ? 12 : 8]);
  wb.addWorksheet('Plan').addRows(rows);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** Twenty agencies' plan workbooks, made here rather than kept in the repository. */
async function twentyPlans(): Promise<string[]> {
  return Promise.all(Array.from({ length: 20 }, (_, i) => planFile(`styrelse-${String(i + 1).padStart(2, '0')}.xlsx`, `Styrelse ${i + 1}`, i % 5)));
}

/**
 * Records the status line and the consolidation's buttons at every change of the status; at the
 * status starting `stopAt` it cancels, by Escape or the cancel button, so a cancellation lands
 * mid-run however fast the machine reads.
 */
function recordConsolidation(page: Page, stopAt?: { text: string; by: 'escape' | 'button' }) {
  return page.evaluate((stop) => {
    const w = window as unknown as { __states: unknown[] };
    w.__states = [];
    const status = document.getElementById('status')!;
    new MutationObserver(() => {
      const text = status.textContent ?? '';
      const disabled = (id: string) => (document.getElementById(id) as HTMLButtonElement).disabled;
      w.__states.push({ text, cancel: !document.getElementById('cancel')!.hidden, add: disabled('add-files'), run: disabled('consolidate-run') });
      if (stop && text.startsWith(stop.text)) {
        if (stop.by === 'escape') (document.activeElement ?? document.body).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
        else document.getElementById('cancel')!.click();
        stop = undefined;
      }
    }).observe(status, { childList: true, characterData: true, subtree: true });
  }, stopAt);
}

const states = (page: Page) => page.evaluate(() => (window as unknown as { __states: { text: string; cancel: boolean; add: boolean; run: boolean }[] }).__states);

test('at 350 × 760 in Danish, after picking a seed plan, the total is on the first screen and said once', async () => {
  const page = await scoredPage();
  const total = page.locator('#summary .score-value');
  await expect(total.textContent()).resolves.toBe('66,2 %');
  const box = (await total.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(SIZE.height);
  // The problem count and the one next step beside it, on the same screen.
  await expect(page.locator('#summary-problems').textContent()).resolves.toBe('Ingen problemer.');
  await expect(page.locator('#summary-next').textContent()).resolves.toBe('Næste skridt: Hent opgørelsen, eller udskriv den.');
  const next = (await page.locator('#summary-actions a[download]').boundingBox())!;
  expect(next.y + next.height).toBeLessThanOrEqual(SIZE.height);
  // Said once, through one live region: the status line holds the total, the count and the step.
  const said = (await liveRegions(page)).filter((r) => r.text.includes('66,2 %'));
  expect(said).toEqual([
    { id: 'status', text: 'Færdig: 1 opgørelse klar til at hente. Kriminalforsorgen 2024, Q4: samlet opfyldelse 66,2 %. Ingen problemer. Næste skridt: Hent opgørelsen, eller udskriv den.' },
  ]);
  await expect(page.locator('#summary').evaluate((n) => n.closest('[aria-live]'))).resolves.toBeNull();
  // One primary button on the screen: the download, not the file chooser any more.
  await expect(page.locator('.button.primary:visible').count()).resolves.toBe(1);
  await page.context().close();
}, 60_000);

test('the views are tabs: a tablist of four, one tab stop, the arrow keys, Home and End', async () => {
  const page = await scoredPage();
  const tablist = page.getByRole('tablist', { name: 'Visninger' });
  await expect(tablist.getByRole('tab').allTextContents()).resolves.toEqual(['Opfyldelse', 'Hvad nu hvis', 'Sidste år', 'Konsolidér']);
  const shown = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('[role=tab]'), (t) => {
        const panel = document.getElementById(t.getAttribute('aria-controls')!)!;
        return [t.id, t.getAttribute('aria-selected'), (t as HTMLElement).tabIndex, panel.getAttribute('role'), panel.getAttribute('aria-labelledby') === t.id, !panel.hidden];
      }),
    );
  expect(await shown()).toEqual([
    ['tab-results', 'true', 0, 'tabpanel', true, true],
    ['tab-whatif', 'false', -1, 'tabpanel', true, false],
    ['tab-last-year', 'false', -1, 'tabpanel', true, false],
    ['tab-consolidate', 'false', -1, 'tabpanel', true, false],
  ]);
  await page.getByRole('tab', { name: 'Opfyldelse' }).focus();
  const focused = () => page.evaluate(() => [document.activeElement?.id, document.querySelector('[role=tab][aria-selected=true]')?.id]);
  await page.keyboard.press('ArrowRight');
  expect(await focused()).toEqual(['tab-whatif', 'tab-whatif']);
  await expect(page.locator('#panel-whatif').isVisible()).resolves.toBe(true);
  await expect(page.locator('#panel-results').isHidden()).resolves.toBe(true);
  await page.keyboard.press('End');
  expect(await focused()).toEqual(['tab-consolidate', 'tab-consolidate']);
  await page.keyboard.press('ArrowRight');
  expect(await focused()).toEqual(['tab-results', 'tab-results']);
  await page.keyboard.press('ArrowLeft');
  expect(await focused()).toEqual(['tab-consolidate', 'tab-consolidate']);
  await page.keyboard.press('Home');
  expect(await focused()).toEqual(['tab-results', 'tab-results']);
  // The help link follows the view shown.
  await page.getByRole('tab', { name: 'Sidste år' }).click();
  await expect(page.locator('#help-link').getAttribute('href')).resolves.toBe('help.da.html#last-year');
  await page.context().close();
}, 60_000);

test('what-if: the scenario line stays in view over the row being edited, changed rows are marked, one live region, one vocabulary', async () => {
  const page = await scoredPage();
  await page.getByRole('tab', { name: 'Hvad nu hvis' }).click();
  const line = page.locator('#whatif-score');
  await expect(line.textContent()).resolves.toBe('Scenarie 66,2 % · faktisk 66,2 % · +0,0 procentpoint');
  await page.locator('[id="whatif-3.1"]').fill('96 %');
  await page.locator('#whatif-score', { hasText: '71,2 %' }).waitFor({ timeout: 10_000 });
  await expect(line.textContent()).resolves.toBe('Scenarie 71,2 % · faktisk 66,2 % · +5,0 procentpoint');
  // 6.1.a sits far down the list; editing it, the line is on screen above it.
  const far = page.locator('[id="whatif-6.1.a"]');
  await far.scrollIntoViewIfNeeded();
  await far.fill('14');
  await page.waitForFunction(() => !document.getElementById('whatif-score')!.textContent!.startsWith('Scenarie 71,2 %'), null, { timeout: 10_000 });
  const [lineBox, farBox] = [(await line.boundingBox())!, (await far.boundingBox())!];
  expect(lineBox.y).toBeGreaterThanOrEqual(0);
  expect(lineBox.y + lineBox.height).toBeLessThanOrEqual(farBox.y);
  expect(farBox.y + farBox.height).toBeLessThanOrEqual(SIZE.height);
  // The rows typed in are marked, with a word, and only they.
  const marked = await page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.whatif-row.changed'), (r) => {
      const mark = r.querySelector('.changed-mark') as HTMLElement;
      return [r.dataset.id, mark.hidden ? '' : mark.textContent];
    }),
  );
  expect(marked).toEqual([['3.1', 'Ændret'], ['6.1.a', 'Ændret']]);
  // One live region in the view: the line; the rows' effects are not announced at each keystroke.
  const live = (await liveRegions(page)).filter((r) => r.id !== 'status');
  expect(live.map((r) => r.id)).toEqual(['whatif-score']);
  expect(live[0].text).toMatch(/^Scenarie [\d,]+ % · faktisk 66,2 % · \+[\d,]+,\d procentpoint$/);
  // One vocabulary: changes of a percentage in procentpoint, amounts of weight in point.
  expect(await page.locator('.area-change').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^ \+[\d,]+ procentpoint$/)]));
  for (const meta of await page.locator('.whatif-meta').allTextContents()) if (meta.includes('kan give')) expect(meta).toMatch(/kan give [\d,]+ point$/);
  // A drop-down is as wide as its longest choice: "Uændret (Delvist opfyldt)" is not cut.
  await page.locator('#whatif-all').check();
  const select = page.locator('[id="whatif-8.2"]');
  const widths = await select.evaluate((node) => {
    const clone = node.cloneNode(true) as HTMLElement;
    clone.style.cssText = 'position:absolute;width:auto;max-width:none;flex:none';
    document.body.append(clone);
    const natural = clone.getBoundingClientRect().width;
    clone.remove();
    return { shown: node.getBoundingClientRect().width, natural };
  });
  expect(widths.shown).toBeGreaterThanOrEqual(widths.natural - 0.5);
  await page.context().close();
}, 60_000);

test('consolidating 20 files counts "N af 20", can be cancelled by Escape and by its button, and downloads oversigt.xlsx', async () => {
  const files = await twentyPlans();
  const page = await filePage(browser, server.base, { viewport: SIZE });
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.getByRole('tab', { name: 'Konsolidér' }).click();

  // Escape mid-run: the files read so far stay, the rest are not read.
  await recordConsolidation(page, { text: 'Læser 3 af 20', by: 'escape' });
  await page.setInputFiles('#consolidate-input', files);
  await page.locator('#status', { hasText: 'Annulleret' }).waitFor({ timeout: 30_000 });
  const kept = await page.locator('#added-files li').count();
  expect(kept).toBeLessThan(20);
  await expect(page.locator('#status').textContent()).resolves.toBe(`Annulleret: ${kept} af 20 filer er læst og tilføjet.`);
  // While it read: counting "N af 20", the cancel button shown, adding and consolidating disabled.
  const reading = (await states(page)).filter((s) => /^Læser \d+ af 20 …$/.test(s.text));
  expect(reading.length).toBeGreaterThan(0);
  expect(reading.every((s) => s.cancel && s.add && s.run)).toBe(true);
  // Afterwards nothing is disabled and the cancel button is gone.
  expect(await page.evaluate(() => [(document.getElementById('add-files') as HTMLButtonElement).disabled, document.getElementById('cancel')!.hidden])).toEqual([false, true]);

  // The cancel button does the same.
  await recordConsolidation(page, { text: 'Læser 2 af 20', by: 'button' });
  await page.setInputFiles('#consolidate-input', files);
  await page.locator('#status', { hasText: 'Annulleret' }).waitFor({ timeout: 30_000 });
  expect(await page.locator('#added-files li').count()).toBeLessThan(kept + 20);
  await page.context().close();

  // All twenty, then a file that cannot be used, flagged as soon as it is read.
  const fresh = await filePage(browser, server.base, { viewport: SIZE });
  await fresh.getByRole('tab', { name: 'Konsolidér' }).click();
  await recordConsolidation(fresh);
  await fresh.setInputFiles('#consolidate-input', files);
  await fresh.locator('#status', { hasText: 'Læst: 20 filer.' }).waitFor({ timeout: 60_000 });
  expect((await states(fresh)).map((s) => s.text)).toEqual(expect.arrayContaining(['Læser 0 af 20 …', 'Læser 10 af 20 …', 'Læser 20 af 20 …']));
  const broken = path.join(dir, 'ødelagt.xlsx');
  await fs.writeFile(broken, 'PK\u0003\u0004 not really a zip');
  await fresh.setInputFiles('#consolidate-input', broken);
  await fresh.locator('#added-files .bad').waitFor({ timeout: 30_000 });
  await expect(fresh.locator('#added-files .bad .message-bar').textContent()).resolves.toMatch(/^Fejl: Filen er ikke en /);
  await fresh.locator('#consolidate-run').click();
  await fresh.locator('#status', { hasText: 'Oversigten er klar til at hente: 20 planer' }).waitFor({ timeout: 60_000 });
  // A ranked table, not twenty cards: best first.
  const rows = await fresh.locator('#ranking tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.lastElementChild!.textContent!.replace(/[^\d,]/g, '').replace(',', '.'))));
  expect(rows).toHaveLength(20);
  expect(rows).toEqual([...rows].sort((a, b) => b - a));
  await expect(fresh.locator('.plan-result').count()).resolves.toBe(0);
  const [download] = await Promise.all([fresh.waitForEvent('download'), fresh.locator('#overview-download a').click()]);
  expect(download.suggestedFilename()).toBe('oversigt.xlsx');
  const saved = path.join(dir, 'oversigt.xlsx');
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  expect(wb.worksheets[0].name).toBe('Oversigt');
  // The reading and the overview ran in a worker of the add-in's own, not on the pane's thread.
  expect(workers.some((url) => url.startsWith(server.base) && /consolidate-worker\.[0-9a-f]+\.js$/.test(url))).toBe(true);
  await fresh.context().close();
}, 120_000);

test('file mode prints the score sheets as an A4 landscape page through the browser', async () => {
  const page = await scoredPage();
  // The browser's print dialog stands in for a counter; the page calls window.print as it would.
  await page.evaluate(() => {
    window.print = () => void ((window as unknown as { __printed: number }).__printed = ((window as unknown as { __printed?: number }).__printed ?? 0) + 1);
  });
  await page.getByRole('button', { name: 'Udskriv' }).click();
  await expect(page.evaluate(() => (window as unknown as { __printed?: number }).__printed)).resolves.toBe(1);
  await expect(page.locator('#print-view h2').allTextContents()).resolves.toEqual(['Målopfyldelse: Kriminalforsorgen 2024, Q4']);
  await expect(page.locator('#print-view .print-total').textContent()).resolves.toBe('Samlet opfyldelse: 66,2 % · Opnået 66,2 af 100');
  // On paper only the print view, on A4 landscape; on screen it is not there.
  expect(await page.locator('#print-view').isVisible()).toBe(false);
  await page.emulateMedia({ media: 'print' });
  expect([await page.locator('#print-view').isVisible(), await page.locator('main').isVisible()]).toEqual([true, false]);
  const goals = await page.locator('#print-view table').nth(1).locator('tbody tr').count();
  expect(goals).toBeGreaterThan(10);
  const size = await page.evaluate(() =>
    Array.from(document.styleSheets)
      .flatMap((s) => Array.from(s.cssRules))
      .filter((r) => r instanceof CSSPageRule)
      .map((r) => (r as CSSPageRule).style.getPropertyValue('size')),
  );
  expect(size.map((v) => v.toLowerCase())).toEqual(['a4 landscape']);
  await page.context().close();
}, 60_000);

test('Office.js from its CDN does not hold the first paint: the pane paints while it is still on its way', async () => {
  const context = await browser.newContext({ locale: 'da-DK', viewport: SIZE });
  const page = await context.newPage();
  let held: Route | null = null;
  await page.route('https://appsforoffice.microsoft.com/**', (route) => void (held = route));
  await page.goto(`${server.base}/taskpane.html`, { waitUntil: 'commit' });
  await page.waitForFunction(() => performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint'), null, { timeout: 20_000 });
  // Painted, with Office.js asked for and not yet answered.
  expect(held).not.toBeNull();
  await expect(page.locator('h1').textContent()).resolves.toBe('Målopfyldelse');
  await held!.abort();
  await page.locator('#file-mode').waitFor({ state: 'visible', timeout: 20_000 });
  await context.close();
}, 60_000);

test('the words: opfyldelse (never score), amounts with their unit, file mode offering rather than writing', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Kontrakt').addRows([
    ['Myndighed', 'Skolen'],
    ['Resultatløn', '100.000 kr.'],
    ['Udbetaling', '100:100%; 50:60%'],
    [],
    ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'],
    ['1', 'Fravær', 50, 'højst', 5, 6],
    ['2', 'Trivsel', 50, 'mindst', 80, 85],
  ]);
  const file = path.join(dir, 'kontrakt.xlsx');
  await wb.xlsx.writeFile(file);
  const page = await filePage(browser, server.base, { viewport: SIZE });
  await page.setInputFiles('#file-input', file);
  await page.locator('.plan-result .payout').waitFor({ timeout: 30_000 });
  await expect(page.locator('.plan-result .payout').textContent()).resolves.toBe('Udbetaling: 60.000 kr.');
  for (const tab of ['Opfyldelse', 'Hvad nu hvis', 'Sidste år', 'Konsolidér']) {
    await page.getByRole('tab', { name: tab }).click();
    // "score" only as part of a file name (kontrakt.score.xlsx), never as a word of the pane.
    const text = await page.locator('body').innerText();
    expect([tab, text.match(/(?<![.\w])scoren?(?![.\w])/gi)]).toEqual([tab, null]);
    expect([tab, /skrevet|gemt i arket/.test(text)]).toEqual([tab, false]);
  }
  await page.context().close();
}, 60_000);

/** A workbook with an error and a warning: a bad number and a header that looks like a column. */
async function errorAndWarning(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Gamma').addRows([['Myndighed', 'Gamma'], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Målværdii'], ['1', 50, 'mindst', 5, 6], ['2', 50, 'mindst', 5, 'fem']]);
  const file = path.join(dir, 'gamma.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

test('forced colours keep bars, severities, placeholders and disabled buttons distinct; axe reports nothing', async () => {
  const page = await scoredPage({ forcedColors: 'active' });
  await expect(page.evaluate(() => matchMedia('(forced-colors: active)').matches)).resolves.toBe(true);
  // An area's bar: an outline, and a fill unlike its track.
  const bar = await page.locator('.plan-result .bar').first().evaluate((b) => {
    const [track, fill] = [getComputedStyle(b), getComputedStyle(b.firstElementChild!)];
    return { outline: track.borderTopStyle, track: track.backgroundColor, fill: fill.backgroundColor, width: b.firstElementChild!.getBoundingClientRect().width };
  });
  expect(bar.outline).toBe('solid');
  expect(bar.fill).not.toBe(bar.track);
  expect(bar.width).toBeGreaterThan(0);
  await expect(axeViolations(page, ALL_IMPACTS)).resolves.toEqual([]);
  // An error and a warning: other shapes, other borders.
  await page.setInputFiles('#file-input', await errorAndWarning());
  await page.locator('#problem-list .message-bar.warning').waitFor({ timeout: 30_000 });
  const looks = await page.evaluate(() =>
    ['error', 'warning'].map((kind) => {
      const barEl = document.querySelector(`#problem-list .message-bar.${kind}`)!;
      const style = getComputedStyle(barEl);
      return { shape: barEl.querySelector('.icon-shape')!.getAttribute('d'), border: `${style.borderLeftStyle} ${style.borderLeftWidth}` };
    }),
  );
  expect(looks[0].shape).not.toBe(looks[1].shape);
  expect(looks[0].border).not.toBe(looks[1].border);
  await expect(axeViolations(page, ALL_IMPACTS)).resolves.toEqual([]);
  // What-if: a placeholder unlike typed text; a disabled ↺ unlike an enabled one.
  await page.setInputFiles('#file-input', SEED);
  await page.locator('#summary-totals', { hasText: 'Kriminalforsorgen' }).waitFor({ timeout: 30_000 });
  await page.getByRole('tab', { name: 'Hvad nu hvis' }).click();
  await page.locator('[id="whatif-3.1"]').fill('96 %');
  const colours = await page.evaluate(() => {
    const box = document.getElementById('whatif-1.2') as HTMLInputElement;
    return {
      typed: getComputedStyle(box).color,
      placeholder: getComputedStyle(box, '::placeholder').color,
      enabled: getComputedStyle(document.getElementById('whatif-reset-3.1')!).color,
      disabled: getComputedStyle(document.getElementById('whatif-reset-1.2')!).color,
      isDisabled: (document.getElementById('whatif-reset-1.2') as HTMLButtonElement).disabled,
    };
  });
  expect(colours.isDisabled).toBe(true);
  expect(colours.placeholder).not.toBe(colours.typed);
  expect(colours.disabled).not.toBe(colours.enabled);
  await expect(axeViolations(page, ALL_IMPACTS)).resolves.toEqual([]);
  await page.context().close();
}, 90_000);

test('in dark, axe reports nothing in any view', async () => {
  const page = await scoredPage({ colorScheme: 'dark' });
  await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
  for (const tab of ['Opfyldelse', 'Hvad nu hvis', 'Sidste år', 'Konsolidér']) {
    await page.getByRole('tab', { name: tab }).click();
    expect([tab, await axeViolations(page, ALL_IMPACTS)]).toEqual([tab, []]);
  }
  await page.context().close();
}, 90_000);

describe('Excel mode at 350 × 760', () => {
  let page: Page;

  beforeAll(async () => {
    page = await excelPage(browser, server.base, { viewport: SIZE });
    await page.locator('#plan-list label').first().waitFor();
    await page.locator('#score-all').click();
    await page.locator('#status', { hasText: 'Færdig: 2 opgørelser skrevet.' }).waitFor({ timeout: 30_000 });
  }, 60_000);

  afterAll(() => page?.context().close());

  test('the summary is on the first screen; problems are message bars, the cell a link in the flow of the text', async () => {
    const total = (await page.locator('#summary .score-value').first().boundingBox())!;
    expect(total.y + total.height).toBeLessThanOrEqual(SIZE.height);
    await expect(page.locator('#summary-problems').textContent()).resolves.toBe('1 problem: 1 fejl og 0 advarsler.');
    await expect(page.locator('#summary-next').textContent()).resolves.toBe('Næste skridt: Ret fejlen i planarket, og beregn igen.');
    await expect(page.locator('#summary-actions button').first().textContent()).resolves.toBe('Gå til Plan med fejl!E3');
    const link = page.locator('#problem-list .message-bar button.link');
    // Not a button's box squeezing cell and message into two centred columns: a link in the sentence.
    const look = await link.evaluate((a) => {
      const s = getComputedStyle(a);
      const severity = a.parentElement!.querySelector('.severity')!.getBoundingClientRect();
      const sameLine = Math.abs(a.getBoundingClientRect().top - severity.top) < 4;
      return { display: s.display, align: s.textAlign, decoration: s.textDecorationLine, classes: a.className, label: a.getAttribute('aria-label'), sameLine };
    });
    expect(look).toEqual({ display: 'inline-block', align: 'start', decoration: 'underline', classes: 'link', label: null, sameLine: true });
    await expect(page.getByRole('button', { name: 'Gå til Plan med fejl!E3' }).count()).resolves.toBe(2);
    // Imperatives with their accent, as Konsolidér has it.
    await expect(page.locator('#refresh').textContent()).resolves.toBe('Opdatér');
  }, 60_000);

  test('axe reports nothing, of any impact, in each view', async () => {
    for (const tab of ['Opfyldelse', 'Hvad nu hvis', 'Sidste år', 'Konsolidér']) {
      await page.getByRole('tab', { name: tab }).click();
      expect([tab, await axeViolations(page, ALL_IMPACTS)]).toEqual([tab, []]);
    }
    await page.getByRole('tab', { name: 'Opfyldelse' }).click();
  }, 60_000);

  test('in forced colours and in dark too, axe reports nothing in any view', async () => {
    for (const media of [{ forcedColors: 'active' as const }, { forcedColors: 'none' as const, colorScheme: 'dark' as const }]) {
      await page.emulateMedia(media);
      if (media.colorScheme) await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
      for (const tab of ['Opfyldelse', 'Hvad nu hvis', 'Sidste år', 'Konsolidér']) {
        await page.getByRole('tab', { name: tab }).click();
        expect([media, tab, await axeViolations(page, ALL_IMPACTS)]).toEqual([media, tab, []]);
      }
    }
    await page.emulateMedia({ forcedColors: 'none', colorScheme: 'light' });
    await page.getByRole('tab', { name: 'Opfyldelse' }).click();
  }, 90_000);

  test('printing goes to the score sheet, which Excel prints as it is laid out', async () => {
    await page.getByRole('button', { name: 'Udskriv' }).click();
    await page.locator('#status', { hasText: 'klar til udskrift' }).waitFor({ timeout: 30_000 });
    await expect(page.locator('#status').textContent()).resolves.toBe('Arket Kriminalforsorgen Q4 er klar til udskrift: vælg Filer > Udskriv, eller tryk Ctrl+P.');
    const selected = await page.evaluate(() => {
      const fake = (window as unknown as { __fake: { requests: { operations: { sheet: string; op: string }[] }[] } }).__fake;
      return fake.requests[fake.requests.length - 1].operations.map((o) => `${o.op} ${o.sheet}`);
    });
    expect(selected).toEqual(['activate Kriminalforsorgen Q4', 'select Kriminalforsorgen Q4']);
  }, 60_000);
});
