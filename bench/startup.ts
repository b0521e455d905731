/**
 * Start-up as people meet it: `goalscore score` on a seed plan as a whole process, against
 * `node -e 0` in the same run; and the task pane's time to interactive in Chromium with the CPU
 * slowed four times, as on a modest laptop.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.join(__dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall milliseconds of a process, start to exit. */
function wall(args: string[]): number {
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The CLI on each seed plan, and `node -e 0`, interleaved; medians of `runs`. */
export async function cliStartup(seeds: string[], runs: number) {
  const out = await fs.mkdtemp(path.join(os.tmpdir(), 'goalscore-bench-'));
  const node: number[] = [];
  const bySeed = new Map<string, number[]>(seeds.map((s) => [s, []]));
  wall(['-e', '0']); // the first start warms the disk cache for both
  for (let i = 0; i < runs; i++) {
    node.push(wall(['-e', '0']));
    for (const seed of seeds) bySeed.get(seed)!.push(wall(['bin/goalscore.js', 'score', path.join('seeds', seed), '--out', out, '--force']));
  }
  await fs.rm(out, { recursive: true, force: true });
  const nodeMs = median(node);
  return { nodeMs, seeds: seeds.map((seed) => ({ seed, ms: median(bySeed.get(seed)!), ratio: median(bySeed.get(seed)!) / nodeMs })) };
}

const FLOOR = '<!doctype html><html lang="da"><head><meta charset="utf-8"><link rel="stylesheet" href="taskpane.css"></head><body><main><section id="file-mode"><h2>Vælg planfiler</h2></section></main></body></html>';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };

/** How long a fresh browser window is left to settle before the page is loaded (see `load`). */
const SETTLE_MS = 2000;
/** How long the main thread is watched after the pane shows, for a long task that would hold a click back. */
const QUIET_MS = 1000;
/** The console message by which the page says it is ready. */
const READY_SIGNAL = 'goalscore-bench-ready';

/**
 * Runs in the page before its own scripts (injected through the DevTools protocol, so the pane's
 * Content-Security-Policy does not apply): notes the first frame after the page is ready (tested on
 * each change of the document) and every long task (over 50 ms).
 */
function watchReadiness({ floorPage, signal }: { floorPage: boolean; signal: string }) {
  const w = window as unknown as { __ready?: number; __longTasks: [number, number][] };
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.startTime + e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  const ready = () => {
    const mode = document.getElementById('file-mode');
    return floorPage ? !!mode : !!mode && !mode.hidden;
  };
  let seen = false;
  const check = () => {
    if (seen || !ready()) return;
    seen = true;
    requestAnimationFrame(() => {
      w.__ready = performance.now();
      console.debug(signal);
    });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
}

/**
 * The pane from dist/addin in Chromium at a task pane's width, CPU throttled 4 ×, no network (as
 * without Office.js): milliseconds from navigation until the pane answers clicks. That is the later
 * of the first frame that shows its mode (which the pane does once its buttons are wired, in the
 * same task) and the end of the last long task on its main thread up to a second after. Median of
 * `runs` fresh loads. Null, with the reason, where there is no Chromium.
 */
export async function paneInteractive(runs: number): Promise<{ ms: number | null; floorMs: number | null; throttle: number; runs: number; note?: string }> {
  const executablePath = process.env.GOALSCORE_CHROMIUM || '/usr/bin/chromium';
  try {
    await fs.access(executablePath);
  } catch {
    return { ms: null, floorMs: null, throttle: 4, runs: 0, note: `no Chromium at ${executablePath}` };
  }
  const dist = path.join(ROOT, 'dist', 'addin');
  const server = http.createServer(async (req, res) => {
    const file = path.join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    // The floor: a page with the pane's stylesheet and one element, no script of ours.
    if (req.url === '/floor.html') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(FLOOR);
    const body = await fs.readFile(file).catch(() => null);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const times: number[] = [];
  const floor: number[] = [];
  /** One fresh load of a page in a new context, throttled: milliseconds from navigation until it answers clicks. */
  const load = async (page: 'floor.html' | 'taskpane.html'): Promise<number> => {
    const context = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'da-DK' });
    await context.addInitScript(watchReadiness, { floorPage: page === 'floor.html', signal: READY_SIGNAL });
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    // Office.js blocked inside Chromium, not through Playwright's route: its interception held the
    // page's other requests too (the stylesheet arrived only after Office.js's abort, over half a second late).
    await cdp.send('Network.enable');
    await cdp.send('Network.setBlockedURLs', { urls: ['*://appsforoffice.microsoft.com/*'] });
    // A new window starts Chromium's own address-bar pages (some 300 scripts, in a process of its
    // own) on the same cores for a second or more; a task pane's web view has none.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // Readiness comes as a console message: polling from here (waitForFunction) would put
    // Playwright's own script into the page while it loads, on the same throttled thread.
    const ready = tab.waitForEvent('console', { predicate: (m) => m.text() === READY_SIGNAL, timeout: 30_000 });
    await tab.goto(`${base}/${page}`, { waitUntil: 'commit' });
    await ready;
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    const ms = await tab.evaluate(() => {
      const w = window as unknown as { __ready: number; __longTasks: [number, number][] };
      return Math.max(w.__ready, ...w.__longTasks.map(([, end]) => end));
    });
    await context.close();
    return ms;
  };
  try {
    // Interleaved, so a busy moment falls on both alike.
    for (let i = 0; i < runs; i++) {
      floor.push(await load('floor.html'));
      times.push(await load('taskpane.html'));
    }
  } finally {
    await browser.close();
    server.close();
  }
  return { ms: median(times), floorMs: median(floor), throttle: 4, runs };
}
