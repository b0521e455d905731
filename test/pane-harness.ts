/**
 * What the pane's browser tests share: the built add-in served from dist/addin, Debian's Chromium,
 * a watch on requests and Content-Security-Policy violations, axe-core, and the recording fake of
 * Excel wired up as the page's `Office` and `Excel`.
 */
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { chromiumPath } from './resources';

export const ROOT = path.join(__dirname, '..');
export const DIST = path.join(ROOT, 'dist', 'addin');
export const SEED = path.join(ROOT, 'seeds', '000-kriminalforsorgen-2024.xlsx');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

/** The built add-in on a local port; `close` stops it. */
export async function serve(): Promise<{ base: string; close(): void }> {
  const server = http.createServer(async (req, res) => {
    const file = path.join(DIST, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(DIST)) return void res.writeHead(403).end();
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
}

/** Every request a page makes and every Content-Security-Policy violation it reports. */
export interface Watch {
  requests: string[];
  violations: string[];
}

export function watch(p: Page, into: Watch): void {
  p.on('request', (r) => into.requests.push(r.url()));
  p.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) into.violations.push(m.text());
  });
  void p.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy: ${e.violatedDirective} blocked ${e.blockedURI}`)),
  );
}

/** A page of a new context, Office.js refused as on a machine without internet (file mode). */
export async function filePage(browser: Browser, base: string, options: BrowserContextOptions = {}, into?: Watch): Promise<Page> {
  const context = await browser.newContext({ locale: 'da-DK', acceptDownloads: true, ...options });
  const page = await context.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  if (into) watch(page, into);
  await page.goto(`${base}/taskpane.html`);
  await page.locator('#file-mode').waitFor({ state: 'visible' });
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: number;
  where: string[];
}

/** Accessibility violations axe-core finds on the page as it stands; by default only serious and critical ones. */
export async function axeViolations(p: Page, impacts: string[] = ['serious', 'critical']): Promise<AxeViolation[]> {
  // Evaluated by the test driver, not added as an inline script, which the pane's policy forbids.
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(await fs.readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  // Colours as they settle, not halfway through a transition (a theme switch fades backgrounds in 100 ms).
  await p.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const violations = await p.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, where: (v.nodes as { html: string }[]).map((n) => n.html.slice(0, 140)) }));
  });
  return violations.filter((v) => impacts.includes(v.impact));
}

/** Every impact axe-core reports, minor included. */
export const ALL_IMPACTS = ['minor', 'moderate', 'serious', 'critical'];

/** The fake and its dependencies, compiled for the page and wired up as `Office` and `Excel`. */
export async function hostScript(sheets: { name: string; values: unknown[][]; formats?: unknown[][] }[]): Promise<string> {
  const ts = await import('typescript');
  const compile = async (file: string) =>
    ts.transpileModule(await fs.readFile(path.join(ROOT, file), 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  // By the names the files require each other with.
  const modules = {
    '../src/engine/address': await compile('src/engine/address.ts'),
    '../src/excel/cost': await compile('src/excel/cost.ts'),
    './excel-functions': await compile('test/excel-functions.ts'),
    './excel-formula': await compile('test/excel-formula.ts'),
    fake: await compile('test/fake-excel.ts'),
  };
  // Each module is a function in the script's own text, not a string to evaluate: the pane's
  // Content-Security-Policy allows no eval, for the harness as for the add-in.
  const sources = Object.entries(modules).map(([name, code]) => `${JSON.stringify(name)}: function (require, module, exports) {\n${code}\n}`);
  return `(() => {
    const sources = { ${sources.join(',\n')} };
    const cache = {};
    const load = (name) => {
      if (cache[name]) return cache[name].exports;
      const module = (cache[name] = { exports: {} });
      sources[name](load, module, module.exports);
      return module.exports;
    };
    const fake = new (load('fake').FakeExcel)();
    for (const s of ${JSON.stringify(sheets)}) fake.addSheet(s.name, s.values, s.formats);
    window.__fake = fake;
    window.Office = {
      HostType: { Excel: 'Excel' },
      context: { displayLanguage: 'da-DK', requirements: { isSetSupported: () => true } },
      onReady: (callback) => Promise.resolve().then(() => callback({ host: 'Excel' })),
      actions: { associate: (name, fn) => ((window.__actions ??= {})[name] = fn) },
      addin: { showAsTaskpane: () => ((window.__shown = (window.__shown ?? 0) + 1), Promise.resolve()) },
    };
    window.Excel = { run: (batch) => batch(fake.asContext()) };
  })();`;
}

/** The seed plan's sheets as Excel holds them (dates as serial numbers, each cell's number format), and a plan with a bad cell. */
export async function excelSheets(): Promise<{ name: string; values: unknown[][]; formats?: unknown[][] }[]> {
  const { readGrids } = await import('../src/xlsx');
  const { serialFromDate } = await import('../src/engine');
  const grids = readGrids(await fs.readFile(SEED));
  const sheets = grids.map((g) => ({
    name: g.name,
    values: g.values.map((r) => Array.from(r, (v) => (v instanceof Date ? serialFromDate(v) : (v ?? null)))),
    // Rows without formats are holes in the reader's arrays: each row a whole array, as Excel gives them.
    formats: Array.from(g.formats ?? [], (r) => Array.from(r ?? [], (f) => f ?? 'General')),
  }));
  sheets.push({ name: 'Plan med fejl', values: [['Myndighed', 'Prøvestyrelsen'], ['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1', 100, 'mindst', 5, 'fem']], formats: [] });
  return sheets;
}

/** A page in Excel mode, the fake holding `sheets`. */
export async function excelPage(browser: Browser, base: string, options: BrowserContextOptions = {}, into?: Watch): Promise<Page> {
  const context = await browser.newContext({ locale: 'da-DK', viewport: { width: 350, height: 1000 }, ...options });
  const page = await context.newPage();
  await page.route('https://appsforoffice.microsoft.com/**', (route) => route.abort());
  if (into) watch(page, into);
  await page.addInitScript({ content: await hostScript(await excelSheets()) });
  await page.goto(`${base}/taskpane.html`);
  await page.locator('#excel-mode').waitFor({ state: 'visible' });
  return page;
}
