/** The dev server's options in webpack.config.js: this machine only, no `Access-Control-Allow-Origin: *`, no folder listings. */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import webpack from 'webpack';
import Server from 'webpack-dev-server';
import { freePort } from './free-port';

const ROOT = path.join(__dirname, '..');

/** The add-in's devServer options; WEBPACK_BUILD leaves the certificate out, so nothing is made in the home folder. */
async function devServerOptions() {
  const configs = await require('../webpack.config.js')({ WEBPACK_BUILD: true }, { mode: 'development' });
  return configs[0].devServer;
}


test('the dev server listens on localhost, lets only Excel read the functions\' metadata across origins and lists no folders', async () => {
  const options = await devServerOptions();
  expect(options.host).toBe('localhost');
  const headers = (url: string, origin?: string) => options.headers({ url, headers: origin ? { origin } : {} });
  for (const url of ['/taskpane.html', '/functions.js', '/assets/icon-32.png', '/functions.json']) {
    for (const origin of [undefined, 'https://elsewhere.example', 'https://excel.officeapps.live.com.elsewhere.example', 'http://excel.officeapps.live.com']) {
      expect(headers(url, origin)['Access-Control-Allow-Origin']).toBeUndefined();
    }
  }
  // Excel on the web reads the functions' metadata from its own origin, and may only that.
  expect(headers('/functions.json', 'https://excel.officeapps.live.com')['Access-Control-Allow-Origin']).toBe('https://excel.officeapps.live.com');
  expect(headers('/functions.json?v=1', 'https://excel.cloud.microsoft')['Access-Control-Allow-Origin']).toBe('https://excel.cloud.microsoft');
  expect(headers('/taskpane.html', 'https://excel.officeapps.live.com')['Access-Control-Allow-Origin']).toBeUndefined();
  expect(options.static.serveIndex).toBe(false);
  expect(options.static.directory).toBe(path.join(ROOT, 'dist', 'addin'));
  expect(options.server.type).toBe('https');
  expect(options.port).toBe(3000);
});

test('a dev server started with these options binds to loopback, lets no other origin read it and lists no folder', async () => {
  const options = await devServerOptions();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dev-server-'));
  await fs.mkdir(path.join(dir, 'assets'));
  await fs.writeFile(path.join(dir, 'assets', 'icon.txt'), 'icon');
  await fs.writeFile(path.join(dir, 'functions.json'), '{"functions":[]}');
  const compiler = webpack({ mode: 'development', entry: path.join(ROOT, 'scripts', 'manifest-url.js'), output: { path: path.join(dir, 'out') }, infrastructureLogging: { level: 'error' } });
  // Plain http and a free port: what is checked here is where it listens and what it answers.
  const server = new Server({ ...options, server: { type: 'http' }, port: await freePort(), static: { ...options.static, directory: dir } }, compiler);
  await server.start();
  try {
    const address = server.server!.address() as { address: string; port: number };
    expect(['127.0.0.1', '::1']).toContain(address.address);
    const base = `http://localhost:${address.port}`;
    const file = await fetch(`${base}/assets/icon.txt`, { headers: { Origin: 'https://elsewhere.example' } });
    expect(file.status).toBe(200);
    expect(await file.text()).toBe('icon');
    expect(file.headers.get('access-control-allow-origin')).toBeNull();
    const excel = { headers: { Origin: 'https://excel.officeapps.live.com' } };
    expect((await fetch(`${base}/functions.json`, excel)).headers.get('access-control-allow-origin')).toBe('https://excel.officeapps.live.com');
    expect((await fetch(`${base}/assets/icon.txt`, excel)).headers.get('access-control-allow-origin')).toBeNull();
    const folder = await fetch(`${base}/assets/`);
    expect(folder.status).toBe(404);
    expect(await folder.text()).not.toContain('icon.txt');
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
