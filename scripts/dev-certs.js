/**
 * The dev server's HTTPS certificate: a development CA and a localhost certificate signed by it, kept
 * in ~/.office-addin-dev-certs as office-addin-dev-certs keeps them, and the CA trusted by the system.
 *
 * Windows and macOS: office-addin-dev-certs makes and trusts them itself (the user's certificate store,
 * the login keychain; no administrator needed). Linux: its trust step runs `sudo`, which a machine run
 * as root may not have. So they are made with its own generation code (no install step) and the CA is
 * trusted as its install script does, copied into the system's CA folder and the store rebuilt:
 * directly when running as root, otherwise by the one command printed.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** office-addin-dev-certs' defaults: its folder, file names, lifetime and names. */
const FOLDER = '.office-addin-dev-certs';
const DAYS = 30;
const DOMAINS = ['127.0.0.1', 'localhost'];

/** Where office-addin-dev-certs' Linux scripts put the CA, per store tool (Debian/Ubuntu, Fedora/Arch). */
const STORES = [
  { tool: '/usr/sbin/update-ca-certificates', folder: '/usr/local/share/ca-certificates/office-addin-dev-certs', file: 'ca.crt' },
  { tool: '/usr/sbin/update-ca-trust', folder: '/etc/ca-certificates/trust-source/anchors', file: 'office-addin-dev-certs-ca.crt' },
];

/** The machine as it is; tests pass another home, file-system root and platform. */
function realSystem() {
  return {
    platform: process.platform,
    home: os.homedir(),
    root: '/',
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    run: (program, args) => spawnSync(program, args, { encoding: 'utf8' }),
    log: (line) => console.log(line),
  };
}

function certificateFiles(home) {
  const dir = path.join(home, FOLDER);
  return { dir, ca: path.join(dir, 'ca.crt'), cert: path.join(dir, 'localhost.crt'), key: path.join(dir, 'localhost.key') };
}

/** True when the three files exist, the certificate is the key's, signed by the CA and good for another day. */
function usable(files) {
  try {
    const ca = new crypto.X509Certificate(fs.readFileSync(files.ca));
    const cert = new crypto.X509Certificate(fs.readFileSync(files.cert));
    const key = crypto.createPrivateKey(fs.readFileSync(files.key));
    const dayAhead = Date.now() + 24 * 3600 * 1000;
    return cert.checkPrivateKey(key) && cert.verify(ca.publicKey) && new Date(cert.validTo).getTime() > dayAhead && new Date(ca.validTo).getTime() > dayAhead;
  } catch {
    return false;
  }
}

async function generate(files) {
  // generateCertificates writes nothing when a CA file is there already.
  for (const file of [files.ca, files.cert, files.key]) fs.rmSync(file, { force: true });
  const { generateCertificates } = require('office-addin-dev-certs');
  await generateCertificates(files.ca, files.cert, files.key, DAYS, DOMAINS);
  fs.chmodSync(files.key, 0o600);
}

const sameContent = (a, b) => {
  try {
    return fs.readFileSync(a).equals(fs.readFileSync(b));
  } catch {
    return false;
  }
};

/** Puts the CA in the system's store (as root) or prints the command that does; says which. */
function trust(files, sys) {
  const store = STORES.find((s) => fs.existsSync(path.join(sys.root, s.tool)));
  if (!store) {
    sys.log(`This system has neither update-ca-certificates nor update-ca-trust: trust ${files.ca} in your browser to open https://localhost without a warning.`);
    return;
  }
  const folder = path.join(sys.root, store.folder);
  const target = path.join(folder, store.file);
  if (sameContent(target, files.ca)) return;
  if (!sys.isRoot) {
    const command = `sudo sh -c 'mkdir -p ${store.folder} && cp "${files.ca}" ${store.folder}/${store.file} && ${store.tool}'`;
    sys.log(`The development certificate in ${files.dir} is not trusted yet; browsers and Excel refuse https://localhost until it is. Run once:\n  ${command}`);
    return;
  }
  fs.mkdirSync(folder, { recursive: true });
  fs.copyFileSync(files.ca, target);
  const rebuilt = sys.run(path.join(sys.root, store.tool), []);
  if (rebuilt.status !== 0) {
    sys.log(`Copied the development CA to ${target}, but ${store.tool} failed: ${(rebuilt.stderr || rebuilt.error || '').toString().trim()}`);
    return;
  }
  sys.log(`Trusted the development CA: copied ${files.ca} to ${target} and ran ${store.tool}.`);
}

/** office-addin-dev-certs' own install, where it needs no sudo; on failure, the command that does it. */
async function microsoftsOwn(sys) {
  try {
    const { ca, key, cert } = await require('office-addin-dev-certs').getHttpsServerOptions();
    return { ca, key, cert };
  } catch (err) {
    sys.log(`Could not make or trust the development certificate: ${err.message}\nRun: npx office-addin-dev-certs install`);
    throw err;
  }
}

/** The CA, key and certificate for webpack-dev-server's https server, made and trusted when needed. */
async function httpsOptions(sys = realSystem()) {
  if (sys.platform === 'win32' || sys.platform === 'darwin') return microsoftsOwn(sys);
  const files = certificateFiles(sys.home);
  if (!usable(files)) await generate(files);
  trust(files, sys);
  return { ca: fs.readFileSync(files.ca), key: fs.readFileSync(files.key), cert: fs.readFileSync(files.cert) };
}

module.exports = { httpsOptions, certificateFiles, usable, STORES };
