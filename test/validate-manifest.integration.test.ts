/** `npm run validate` (scripts/validate-manifest.js): Microsoft's verdict when there is one, the schema check with xmllint when not. */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { validate, SCHEMA } = require('../scripts/validate-manifest');

const ROOT = path.join(__dirname, '..');
const MANIFEST = path.join(ROOT, 'manifest.xml');

type Validation = { isValid: boolean; status?: number; statusText?: string; report?: object };

/** A system whose validation service answers `answer` (or throws it), with real xmllint unless told otherwise. */
function system(answer: Validation | Error, run = (p: string, a: string[]) => spawnSync(p, a, { encoding: 'utf8' })) {
  const lines: string[] = [];
  const xmllintRuns: string[][] = [];
  const sys = {
    validateManifest: async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
    run: (p: string, a: string[]) => (xmllintRuns.push(a), run(p, a)),
    schema: SCHEMA,
    timeoutMs: 2000,
    log: (line: string) => lines.push(line),
  };
  return { sys, lines, xmllintRuns, text: () => lines.join('\n') };
}

const OFFLINE = new Error('Unable to contact the manifest validation service.\nFetchError: request to https://validation.example/check failed, reason: getaddrinfo ENOTFOUND validation.example');

async function brokenManifest(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'validate-'));
  const file = path.join(dir, 'manifest.xml');
  await fs.writeFile(file, (await fs.readFile(MANIFEST, 'utf8')).replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
  return file;
}

test('the online check is office-addin-manifest\'s; the offline schemas are where the tests keep them', () => {
  // In Node itself: office-addin-manifest loads an ES module that jest's module loader cannot.
  const loaded = spawnSync(process.execPath, ['-e', "process.stdout.write(typeof require('office-addin-manifest').validateManifest)"], { cwd: ROOT, encoding: 'utf8' });
  expect(loaded.stdout).toBe('function');
  expect(SCHEMA).toBe(path.join(ROOT, 'test', 'schemas', 'office-addin-manifest', 'OfficeAppManifestV1_1.xsd'));
});

test('offline: says so in one line, checks the schema with xmllint and passes a valid manifest', async () => {
  const { sys, lines, xmllintRuns } = system(OFFLINE);
  expect(await validate(MANIFEST, sys)).toBe(0);
  expect(lines[0]).toBe(`Microsoft's validation service could not be reached (getaddrinfo ENOTFOUND validation.example); checking ${MANIFEST} against the add-in manifest schema offline instead.`);
  expect(xmllintRuns).toEqual([['--noout', '--schema', SCHEMA, MANIFEST]]);
  expect(lines[lines.length - 1]).toBe(`${MANIFEST} is valid against the add-in manifest schema.`);
});

test('offline: an invalid manifest fails with xmllint\'s words', async () => {
  const file = await brokenManifest();
  const { sys, text } = system(OFFLINE);
  expect(await validate(file, sys)).toBe(1);
  expect(text()).toContain("The value 'Everything' is not an element of the set");
  expect(text()).toContain('is not valid against the add-in manifest schema.');
  await fs.rm(path.dirname(file), { recursive: true });
});

test('a service that answers with an error of its own is no verdict: the schema decides', async () => {
  const { sys, text } = system({ isValid: false, status: 503, statusText: 'Service Unavailable' });
  expect(await validate(MANIFEST, sys)).toBe(0);
  expect(text()).toContain('gave no verdict (it answered 503 Service Unavailable)');
});

test('the service\'s verdict stands when it gives one: errors fail without the offline check, valid passes', async () => {
  const rejected = system({ isValid: false, status: 200, report: { status: 'Rejected', errors: [{ title: 'Invalid URL', content: 'SupportUrl must be https.', line: 18 }] } });
  expect(await validate(MANIFEST, rejected.sys)).toBe(1);
  expect(rejected.text()).toContain('Error: Invalid URL: SupportUrl must be https. (line 18)');
  expect(rejected.xmllintRuns).toEqual([]);

  const accepted = system({ isValid: true, status: 200, report: { status: 'Accepted', warnings: [{ title: 'Icon', content: 'Use a 64 px icon.' }] } });
  expect(await validate(MANIFEST, accepted.sys)).toBe(0);
  expect(accepted.text()).toContain('Warning: Icon: Use a 64 px icon.');
  expect(accepted.text()).toContain("is valid (Microsoft's validation service).");
  expect(accepted.xmllintRuns).toEqual([]);
});

test('a service that does not answer in time counts as unreachable', async () => {
  const { sys, text } = system(OFFLINE);
  sys.timeoutMs = 50;
  sys.validateManifest = () => new Promise(() => undefined);
  expect(await validate(MANIFEST, sys)).toBe(0);
  expect(text()).toContain('could not be reached (no answer within 0.05 s)');
});

test('without xmllint or the schemas it says what is missing and exits 2, not 1', async () => {
  const noXmllint = system(OFFLINE, () => ({ error: Object.assign(new Error('spawn xmllint ENOENT'), { code: 'ENOENT' }) }) as never);
  expect(await validate(MANIFEST, noXmllint.sys)).toBe(2);
  expect(noXmllint.text()).toContain('xmllint is not installed. Install it with: apt-get install libxml2-utils');

  const noSchema = system(OFFLINE);
  noSchema.sys.schema = path.join(os.tmpdir(), 'no-such-schema.xsd');
  expect(await validate(MANIFEST, noSchema.sys)).toBe(2);
  expect(noSchema.text()).toContain('The add-in manifest schemas are missing');
});
