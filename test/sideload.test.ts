/** `npm start` / `npm stop` (scripts/sideload.js) on a made-up Windows, macOS and Linux: a fake home and registry, a real dev server process. */
import { promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './free-port';

const { main, readManifest, REGISTRY_KEY, macWefDir } = require('../scripts/sideload');

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');

type Run = { program: string; args: string[] };

const made: string[] = [];
afterAll(async () => Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

/** A system with a fresh home and state folder, a recording registry (`reg`) and a log. */
async function system(platform: string, regStatus = (_args: string[]) => 0) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sideload-'));
  made.push(dir);
  const home = path.join(dir, 'home');
  await fs.mkdir(home);
  const runs: Run[] = [];
  const lines: string[] = [];
  const sys = {
    platform,
    home,
    stateDir: dir,
    cwd: ROOT,
    port: 0,
    devServerCommand: 'false',
    devServerWaitMs: 20000,
    certificate: async () => {
      lines.push('(certificate checked)');
    },
    run: (program: string, args: string[]) => {
      runs.push({ program, args });
      const status = regStatus(args);
      return { status, stdout: '', stderr: status === 0 ? '' : 'ERROR: Access is denied.' };
    },
    log: (line: string) => lines.push(line),
  };
  return { sys, runs, lines, dir, home, text: () => lines.join('\n') };
}

const ID = readManifest(MANIFEST).id as string;

test('the manifest gives the add-in Id and name that sideloading uses', () => {
  expect(ID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(readManifest(MANIFEST).name).toBe('Goal Scoring');
});

test('Windows: start names the manifest under the developer registry key by its Id; stop deletes that value', async () => {
  const { sys, runs, text } = await system('win32');
  expect(await main(['start', MANIFEST, '--no-dev-server'], sys)).toBe(0);
  expect(runs).toEqual([{ program: 'reg', args: ['add', 'HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer', '/v', ID, '/t', 'REG_SZ', '/d', MANIFEST, '/f'] }]);
  expect(text()).toContain(`value ${ID} = ${MANIFEST}`);
  expect(text()).toContain('Developer Add-ins');
  expect(text()).toContain('npm run dev-server');

  runs.length = 0;
  expect(await main(['stop', MANIFEST], sys)).toBe(0);
  expect(runs).toEqual([
    { program: 'reg', args: ['query', REGISTRY_KEY, '/v', ID] },
    { program: 'reg', args: ['delete', REGISTRY_KEY, '/v', ID, '/f'] },
  ]);
  expect(text()).toContain(`Removed Goal Scoring from desktop Excel (value ${ID}`);
});

test('Windows: a registry that refuses is reported with reg\'s words and the upload steps, and start fails', async () => {
  const { sys, text } = await system('win32', () => 1);
  expect(await main(['start', MANIFEST, '--no-dev-server'], sys)).toBe(1);
  expect(text()).toContain('Could not sideload Goal Scoring into desktop Excel');
  expect(text()).toContain('Access is denied');
  expect(text()).toContain(`Pick ${MANIFEST}`);
});

test('Windows: stop when nothing was registered says so and deletes nothing', async () => {
  const { sys, runs, text } = await system('win32', (args) => (args[0] === 'query' ? 1 : 0));
  expect(await main(['stop', MANIFEST], sys)).toBe(0);
  expect(runs.map((r) => r.args[0])).toEqual(['query']);
  expect(text()).toContain('was not registered');
});

test('macOS: start copies the manifest into Excel\'s wef folder, creating it; stop removes only that copy', async () => {
  const { sys, home, text } = await system('darwin');
  const wef = path.join(home, 'Library/Containers/com.microsoft.Excel/Data/Documents/wef');
  expect(macWefDir(home)).toBe(wef);
  expect(await main(['start', MANIFEST, '--no-dev-server'], sys)).toBe(0);
  const copy = path.join(wef, `${ID}.manifest.xml`);
  expect(await fs.readFile(copy, 'utf8')).toBe(await fs.readFile(MANIFEST, 'utf8'));
  expect(text()).toContain(copy);

  await fs.writeFile(path.join(wef, 'another-addin.manifest.xml'), '<OfficeApp/>');
  expect(await main(['stop', MANIFEST], sys)).toBe(0);
  expect((await fs.readdir(wef)).sort()).toEqual(['another-addin.manifest.xml']);
  expect(text()).toContain(`deleted ${copy}`);
});

test('Linux: start writes nothing and prints the upload steps with the manifest\'s absolute path and the dev server', async () => {
  const { sys, runs, home, text } = await system('linux');
  const relative = path.relative(process.cwd(), MANIFEST);
  expect(await main(['start', relative, '--no-dev-server'], sys)).toBe(0);
  expect(runs).toEqual([]);
  expect(await fs.readdir(home)).toEqual([]);
  expect(text()).toContain('Desktop Excel runs on Windows and macOS only; this is linux.');
  expect(text()).toContain('In Excel: Insert → Add-ins (Home → Add-ins → More Add-ins in newer versions) → My Add-ins → Upload My Add-in');
  expect(text()).toContain(`Pick ${MANIFEST}`);
  expect(text()).toContain('npm run dev-server');
  expect(await main(['stop', relative], sys)).toBe(0);
  expect(text()).toContain('Nothing was sideloaded on linux');
});

test('--web on Windows touches no registry and prints the upload steps', async () => {
  const { sys, runs, text } = await system('win32');
  expect(await main(['start', MANIFEST, '--no-dev-server', '--web'], sys)).toBe(0);
  expect(runs).toEqual([]);
  expect(text()).toContain('Upload My Add-in');
});

test('an unknown option, command or manifest is named, not ignored', async () => {
  const { sys, text } = await system('linux');
  expect(await main(['start', '--dev'], sys)).toBe(2);
  expect(text()).toContain('Unknown option --dev');
  expect(await main(['restart'], sys)).toBe(2);
  expect(text()).toContain('Usage: node scripts/sideload.js start|stop');
  expect(await main(['start', 'no-such-manifest.xml'], sys)).toBe(2);
  expect(text()).toContain('No manifest at');
});


const node = (script: string) => `"${process.execPath}" -e "${script}"`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('start starts the dev server and waits until it listens; stop ends it', async () => {
  const { sys, dir, text } = await system('linux');
  sys.port = await freePort();
  sys.devServerCommand = node(`require('net').createServer().listen(${sys.port}, 'localhost')`);
  expect(await main(['start', MANIFEST], sys)).toBe(0);
  expect(text()).toContain(`The dev server is running on https://localhost:${sys.port}/`);
  expect(text().indexOf('(certificate checked)')).toBeLessThan(text().indexOf('Starting the dev server'));
  const { pid } = JSON.parse(await fs.readFile(path.join(dir, 'goalscore-dev-server.json'), 'utf8'));
  expect(alive(pid)).toBe(true);

  expect(await main(['start', MANIFEST], sys)).toBe(0);
  expect(text()).toContain(`The dev server is already running on https://localhost:${sys.port}/`);

  expect(await main(['stop', MANIFEST], sys)).toBe(0);
  expect(text()).toContain(`Stopped the dev server (process ${pid}).`);
  for (let i = 0; i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  expect(alive(pid)).toBe(false);
  await expect(fs.stat(path.join(dir, 'goalscore-dev-server.json'))).rejects.toThrow();
  expect(await main(['stop', MANIFEST], sys)).toBe(0);
  expect(text()).toContain('No dev server is running.');
});

test('a dev server that stops before it listens is reported with what it said, and start fails', async () => {
  const { sys, text } = await system('linux');
  sys.port = await freePort();
  sys.devServerCommand = node("console.error('The development certificate is not trusted yet.'); process.exit(3)");
  expect(await main(['start', MANIFEST], sys)).toBe(1);
  expect(text()).toContain('The dev server stopped before it listened');
  expect(text()).toContain('| The development certificate is not trusted yet.');
  // The upload steps still come: the add-in can be loaded once the server runs.
  expect(text()).toContain('Upload My Add-in');
});

test('a certificate that cannot be made or trusted keeps the dev server from starting, and says why', async () => {
  const { sys, dir, text } = await system('linux');
  sys.port = await freePort();
  sys.certificate = async () => {
    throw new Error('Unable to install the CA certificate.');
  };
  expect(await main(['start', MANIFEST], sys)).toBe(1);
  expect(text()).toContain('The dev server was not started: Unable to install the CA certificate.');
  expect(text()).not.toContain('Starting the dev server');
  await expect(fs.stat(path.join(dir, 'goalscore-dev-server.json'))).rejects.toThrow();
});

test('stop leaves alone a dev server it did not start, and says so', async () => {
  const { sys, text } = await system('linux');
  const server = net.createServer().listen(0, 'localhost');
  await new Promise((resolve) => server.once('listening', resolve));
  sys.port = (server.address() as net.AddressInfo).port;
  expect(await main(['stop', MANIFEST], sys)).toBe(0);
  expect(text()).toContain('was not started by npm start');
  expect(server.listening).toBe(true);
  await new Promise((resolve) => server.close(resolve));
});
