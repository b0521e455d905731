#!/usr/bin/env node
/**
 * `npm start` / `npm stop`: starts the dev server and sideloads the manifest into desktop Excel, the
 * way Microsoft's office-addin-debugging and office-addin-dev-settings do, without their native
 * dependencies. Windows: a value named by the manifest's Id under Office's developer registry key,
 * pointing at the manifest. macOS: a copy of the manifest in Excel's `wef` folder. Elsewhere, and
 * for Excel on the web: the steps to upload it by hand. Stop undoes what start did.
 *
 *   node scripts/sideload.js start [manifest.xml] [--no-dev-server] [--web]
 *   node scripts/sideload.js stop [manifest.xml]
 */
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REGISTRY_KEY = 'HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer';
const STATE_FILE = 'goalscore-dev-server.json';
const LOG_FILE = 'goalscore-dev-server.log';
const USAGE = 'Usage: node scripts/sideload.js start|stop [manifest.xml] [--no-dev-server] [--web]';

/** The machine as it is; tests pass another platform, home, state folder, runner and log. */
function realSystem() {
  return {
    platform: process.platform,
    home: os.homedir(),
    // Per clone and the user's own, not the shared temporary folder, where another user could plant a link.
    stateDir: path.join(process.cwd(), 'node_modules', '.cache', 'goalscore'),
    cwd: process.cwd(),
    port: Number(process.env.npm_package_config_dev_server_port || 3000),
    devServerCommand: 'npm run dev-server',
    devServerWaitMs: 120000,
    certificate: () => require('./dev-certs').httpsOptions(),
    run: (program, args) => spawnSync(program, args, { encoding: 'utf8' }),
    log: (line) => console.log(line),
  };
}

/** The manifest's absolute path, its add-in Id and display name. */
function readManifest(file) {
  const xml = fs.readFileSync(file, 'utf8');
  const id = (xml.match(/<Id>\s*([^<\s]+)\s*<\/Id>/) || [])[1];
  const name = (xml.match(/<DisplayName\s+DefaultValue="([^"]*)"/) || [])[1] || path.basename(file);
  return { path: path.resolve(file), id, name };
}

/** What a failed program said, in one line. */
function failure(result) {
  if (result.error) return result.error.message;
  return `${result.stderr || ''} ${result.stdout || ''}`.trim().replace(/\s+/g, ' ') || `exit code ${result.status}`;
}

const windows = {
  register(manifest, sys) {
    const added = sys.run('reg', ['add', REGISTRY_KEY, '/v', manifest.id, '/t', 'REG_SZ', '/d', manifest.path, '/f']);
    if (added.status !== 0) throw new Error(`reg add ${REGISTRY_KEY} failed: ${failure(added)}`);
    return `Registered ${manifest.name} for desktop Excel: ${REGISTRY_KEY}, value ${manifest.id} = ${manifest.path}`;
  },
  unregister(manifest, sys) {
    if (sys.run('reg', ['query', REGISTRY_KEY, '/v', manifest.id]).status !== 0) {
      return `${manifest.name} was not registered for desktop Excel (no value ${manifest.id} under ${REGISTRY_KEY}).`;
    }
    const deleted = sys.run('reg', ['delete', REGISTRY_KEY, '/v', manifest.id, '/f']);
    if (deleted.status !== 0) throw new Error(`reg delete ${REGISTRY_KEY} /v ${manifest.id} failed: ${failure(deleted)}`);
    return `Removed ${manifest.name} from desktop Excel (value ${manifest.id} under ${REGISTRY_KEY}).`;
  },
};

const macWefDir = (home) => path.join(home, 'Library', 'Containers', 'com.microsoft.Excel', 'Data', 'Documents', 'wef');

const mac = {
  register(manifest, sys) {
    const dir = macWefDir(sys.home);
    fs.mkdirSync(dir, { recursive: true });
    // Named as office-addin-dev-settings names it, so either tool finds and removes the other's copy.
    const copy = path.join(dir, `${manifest.id}.${path.basename(manifest.path)}`);
    fs.copyFileSync(manifest.path, copy);
    return `Sideloaded ${manifest.name} for desktop Excel: copied the manifest to ${copy}`;
  },
  unregister(manifest, sys) {
    const dir = macWefDir(sys.home);
    const copies = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.startsWith(`${manifest.id}.`)) : [];
    for (const name of copies) fs.rmSync(path.join(dir, name));
    if (copies.length === 0) return `${manifest.name} was not sideloaded for desktop Excel (nothing in ${dir}).`;
    return `Removed ${manifest.name} from desktop Excel: deleted ${copies.map((name) => path.join(dir, name)).join(', ')}`;
  },
};

const DESKTOP = { win32: windows, darwin: mac };

/** Loading the manifest by hand, in Excel on the web or any Excel. */
function uploadSteps(manifest, port) {
  return [
    `To load ${manifest.name} into Excel on the web (or any Excel) by hand:`,
    `  1. Keep the dev server running (npm run dev-server) on https://localhost:${port}/`,
    '  2. In Excel: Insert → Add-ins (Home → Add-ins → More Add-ins in newer versions) → My Add-ins → Upload My Add-in',
    `  3. Pick ${manifest.path}`,
  ];
}

function desktopSteps(manifest) {
  return [`Close and reopen Excel, then choose Home → Add-ins (Insert → My Add-ins in older versions) and pick ${manifest.name} under Developer Add-ins.`];
}

/** Registers the manifest with desktop Excel where there is one; otherwise says how to upload it. */
function sideload(manifest, options, sys) {
  const desktop = !options.web && DESKTOP[sys.platform];
  if (!desktop) {
    const why = options.web ? 'Excel on the web takes no sideloading from here.' : `Desktop Excel runs on Windows and macOS only; this is ${sys.platform}.`;
    [why, ...uploadSteps(manifest, sys.port)].forEach((line) => sys.log(line));
    return true;
  }
  try {
    [desktop.register(manifest, sys), ...desktopSteps(manifest)].forEach((line) => sys.log(line));
    return true;
  } catch (err) {
    [`Could not sideload ${manifest.name} into desktop Excel: ${err.message}`, ...uploadSteps(manifest, sys.port)].forEach((line) => sys.log(line));
    return false;
  }
}

/** True when something accepts connections on localhost:port. */
function isListening(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: 'localhost', port });
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/** 'listening' once localhost:port accepts, 'exited' if `ended` says the server stopped first, else 'timeout'. */
async function waitForPort(port, ms, ended) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 300))) {
    if (ended()) return 'exited';
    if (await isListening(port)) return 'listening';
  }
  return ended() ? 'exited' : 'timeout';
}

const statePath = (sys) => path.join(sys.stateDir, STATE_FILE);

function readState(sys) {
  try {
    const state = JSON.parse(fs.readFileSync(statePath(sys), 'utf8'));
    return Number.isInteger(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** The last lines the dev server wrote, to say why it stopped. */
function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).map((line) => `  | ${line}`);
  } catch {
    return [];
  }
}

/** Starts `npm run dev-server` detached, as office-addin-debugging does, and waits until it listens. */
async function startDevServer(sys) {
  const url = `https://localhost:${sys.port}/`;
  if (await isListening(sys.port)) {
    sys.log(`The dev server is already running on ${url}`);
    return true;
  }
  // The certificate first, in the foreground, as office-addin-debugging does: what it says or asks
  // would otherwise go to the detached server's log.
  try {
    await sys.certificate();
  } catch (err) {
    sys.log(`The dev server was not started: ${err.message}`);
    return false;
  }
  const logFile = path.join(sys.stateDir, LOG_FILE);
  fs.mkdirSync(sys.stateDir, { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const child = spawn(sys.devServerCommand, { cwd: sys.cwd, shell: true, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  child.unref();
  sys.log(`Starting the dev server (${sys.devServerCommand}); its output goes to ${logFile}`);
  let exited = false;
  child.once('exit', () => (exited = true)).once('error', () => (exited = true));
  const outcome = await waitForPort(sys.port, sys.devServerWaitMs, () => exited);
  if (outcome === 'exited') {
    [`The dev server stopped before it listened on ${url}. It said:`, ...tail(logFile), `Run ${sys.devServerCommand} to see it in full.`].forEach((line) => sys.log(line));
    return false;
  }
  fs.writeFileSync(statePath(sys), JSON.stringify({ pid: child.pid, port: sys.port, log: logFile }));
  if (outcome === 'timeout') {
    sys.log(`The dev server (process ${child.pid}) is not listening on ${url} after ${sys.devServerWaitMs / 1000} s; see ${logFile}. npm stop stops it.`);
    return false;
  }
  sys.log(`The dev server is running on ${url} (process ${child.pid}); npm stop stops it.`);
  return true;
}

/** Ends the dev server start began: its whole process group, or its process tree on Windows. */
function killTree(pid, sys) {
  if (sys.platform === 'win32') {
    sys.run('taskkill', ['/pid', String(pid), '/f', '/t']);
    return;
  }
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    process.kill(pid, 'SIGTERM');
  }
}

async function stopDevServer(sys) {
  const state = readState(sys);
  if (state && isAlive(state.pid)) {
    killTree(state.pid, sys);
    sys.log(`Stopped the dev server (process ${state.pid}).`);
  } else if (await isListening(sys.port)) {
    sys.log(`A dev server on https://localhost:${sys.port}/ was not started by npm start; stop it where it runs (Ctrl+C).`);
  } else {
    sys.log('No dev server is running.');
  }
  fs.rmSync(statePath(sys), { force: true });
}

async function start(manifestFile, options, sys) {
  const manifest = readManifest(manifestFile);
  if (!manifest.id) {
    sys.log(`${manifest.path} has no <Id>; Excel needs one to sideload the add-in.`);
    return 1;
  }
  let ok = true;
  if (options.devServer) ok = await startDevServer(sys);
  else sys.log(`Not starting the dev server (--no-dev-server). Start it with: npm run dev-server`);
  return sideload(manifest, options, sys) && ok ? 0 : 1;
}

async function stop(manifestFile, sys) {
  const manifest = readManifest(manifestFile);
  let ok = true;
  const desktop = DESKTOP[sys.platform];
  if (!desktop) {
    sys.log(`Nothing was sideloaded on ${sys.platform}. An add-in uploaded to Excel on the web stays until you clear the browser's cache.`);
  } else if (manifest.id) {
    try {
      sys.log(desktop.unregister(manifest, sys));
    } catch (err) {
      sys.log(`Could not remove ${manifest.name} from desktop Excel: ${err.message}`);
      ok = false;
    }
  }
  await stopDevServer(sys);
  return ok ? 0 : 1;
}

async function main(argv, sys = realSystem()) {
  const [command, ...rest] = argv;
  const flags = rest.filter((arg) => arg.startsWith('--'));
  const manifestFile = rest.find((arg) => !arg.startsWith('--')) || 'manifest.xml';
  const unknown = flags.filter((flag) => !['--no-dev-server', '--web'].includes(flag));
  if (!['start', 'stop'].includes(command) || unknown.length > 0) {
    sys.log(unknown.length > 0 ? `Unknown option ${unknown.join(' ')}. ${USAGE}` : USAGE);
    return 2;
  }
  if (!fs.existsSync(manifestFile)) {
    sys.log(`No manifest at ${path.resolve(manifestFile)}.`);
    return 2;
  }
  if (command === 'stop') return stop(manifestFile, sys);
  const web = flags.includes('--web') || process.env.npm_package_config_app_type_to_debug === 'web';
  return start(manifestFile, { devServer: !flags.includes('--no-dev-server'), web }, sys);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.log(`npm ${process.argv[2] || 'start'} failed: ${err.message}`);
      process.exitCode = 1;
    },
  );
}

module.exports = { main, readManifest, REGISTRY_KEY, macWefDir };
