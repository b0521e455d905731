/** The dev server's certificate (scripts/dev-certs.js) on a made-up Linux: a fake home and a fake root with its CA store tool. */
import { spawnSync } from 'node:child_process';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';

const { httpsOptions, certificateFiles, usable } = require('../scripts/dev-certs');

const made: string[] = [];
afterAll(async () => Promise.all(made.map((dir) => fs.rm(dir, { recursive: true, force: true }))));

/** A Linux with a fresh home and a root whose store tool (a shell script) notes each run. */
async function linux(isRoot: boolean, tool: string | null = '/usr/sbin/update-ca-certificates', certificates?: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'dev-certs-'));
  made.push(dir);
  const home = path.join(dir, 'home');
  const root = path.join(dir, 'root');
  const marker = path.join(dir, 'tool-ran');
  await fs.mkdir(home);
  if (certificates) await fs.cp(certificates, path.join(home, '.office-addin-dev-certs'), { recursive: true });
  if (tool) {
    await fs.mkdir(path.join(root, path.dirname(tool)), { recursive: true });
    await fs.writeFile(path.join(root, tool), `#!/bin/sh\necho ran >> "${marker}"\n`, { mode: 0o755 });
  }
  const lines: string[] = [];
  const sys = { platform: 'linux', home, root, isRoot, run: (p: string, a: string[]) => spawnSync(p, a, { encoding: 'utf8' }), log: (l: string) => lines.push(l) };
  const runs = async () => (await fs.readFile(marker, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
  return { sys, home, root, runs, text: () => lines.join('\n') };
}

/** A certificate folder made once, for the tests about trusting rather than making (making takes seconds). */
let once: Promise<string> | undefined;
const madeOnce = () =>
  (once ??= linux(false, null).then(async ({ sys, home }) => {
    await httpsOptions(sys);
    return certificateFiles(home).dir;
  }));

/** Serves the options over https on localhost and fetches a page, trusting only the given CA. */
async function fetchOver(options: { ca: Buffer; key: Buffer; cert: Buffer }): Promise<string> {
  const server = https.createServer({ key: options.key, cert: options.cert }, (_req, res) => res.end('served'));
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as { port: number };
  try {
    return await new Promise<string>((resolve, reject) => {
      https.get({ host: 'localhost', port, ca: options.ca }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk)).on('end', () => resolve(body));
      }).on('error', reject);
    });
  } finally {
    server.close();
  }
}

test('as root: makes a CA and a localhost certificate in ~/.office-addin-dev-certs and trusts the CA without sudo', async () => {
  const { sys, home, root, runs, text } = await linux(true);
  const options = await httpsOptions(sys);
  const files = certificateFiles(home);
  expect(files.dir).toBe(path.join(home, '.office-addin-dev-certs'));
  expect(options.cert.equals(await fs.readFile(files.cert))).toBe(true);

  const cert = new X509Certificate(options.cert);
  expect(cert.verify(new X509Certificate(options.ca).publicKey)).toBe(true);
  expect(cert.subjectAltName).toContain('DNS:localhost');
  expect(await fetchOver(options)).toBe('served');
  expect((await fs.stat(files.key)).mode & 0o077).toBe(0);

  const trusted = path.join(root, 'usr/local/share/ca-certificates/office-addin-dev-certs/ca.crt');
  expect((await fs.readFile(trusted)).equals(options.ca)).toBe(true);
  expect(await runs()).toBe(1);
  expect(text()).toContain(`Trusted the development CA: copied ${files.ca} to ${trusted}`);
  expect(text()).not.toContain('sudo');

  // The next start uses them as they are.
  const again = await httpsOptions(sys);
  expect(again.cert.equals(options.cert)).toBe(true);
  expect(await runs()).toBe(1);
});

test('not root: serves with the certificate and prints the one command that trusts it', async () => {
  const { sys, home, root, runs, text } = await linux(false, undefined, await madeOnce());
  const options = await httpsOptions(sys);
  expect(await fetchOver(options)).toBe('served');
  const ca = path.join(home, '.office-addin-dev-certs', 'ca.crt');
  expect(text()).toContain(
    `sudo sh -c 'mkdir -p /usr/local/share/ca-certificates/office-addin-dev-certs && cp "${ca}" /usr/local/share/ca-certificates/office-addin-dev-certs/ca.crt && /usr/sbin/update-ca-certificates'`,
  );
  await expect(fs.stat(path.join(root, 'usr/local/share/ca-certificates'))).rejects.toThrow();
  expect(await runs()).toBe(0);
});

test('a certificate that does not match its key is made anew, and the new CA trusted', async () => {
  const { sys, home, root, runs } = await linux(true);
  const first = await httpsOptions(sys);
  const files = certificateFiles(home);
  await fs.writeFile(files.key, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  expect(usable(files)).toBe(false);
  const second = await httpsOptions(sys);
  expect(second.ca.equals(first.ca)).toBe(false);
  expect(usable(files)).toBe(true);
  expect((await fs.readFile(path.join(root, 'usr/local/share/ca-certificates/office-addin-dev-certs/ca.crt'))).equals(second.ca)).toBe(true);
  expect(await runs()).toBe(2);
});

test('with update-ca-trust (Fedora, Arch) the CA goes where office-addin-dev-certs puts it there', async () => {
  const { sys, root, runs } = await linux(true, '/usr/sbin/update-ca-trust', await madeOnce());
  const options = await httpsOptions(sys);
  expect((await fs.readFile(path.join(root, 'etc/ca-certificates/trust-source/anchors/office-addin-dev-certs-ca.crt'))).equals(options.ca)).toBe(true);
  expect(await runs()).toBe(1);
});

test('with no CA store tool it says to trust the CA in the browser', async () => {
  const { sys, home, text } = await linux(true, null, await madeOnce());
  await httpsOptions(sys);
  expect(text()).toContain(`trust ${path.join(home, '.office-addin-dev-certs', 'ca.crt')} in your browser`);
});
