/** The add-in manifest: schema-valid offline, every URL a file the build produces, icons, languages. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { xsdErrors } from './xsd';

import { LANGUAGES } from '../src/i18n';

const { manifestForBase, DEV_URL } = require('../scripts/manifest-url');

const ROOT = path.join(__dirname, '..');
const SCHEMAS = path.join(__dirname, 'schemas', 'office-addin-manifest');
const DIST = path.join(ROOT, 'dist', 'addin');

/** Schema errors of manifests, each named by its path in the repository. */
const manifestErrors = (manifests: { file: string; xml: string }[]) =>
  xsdErrors(SCHEMAS, 'OfficeAppManifestV1_1.xsd', manifests.map(({ file, xml }) => ({ name: path.relative(ROOT, file), xml })));

const read = async (file: string) => ({ file, xml: await fs.readFile(file, 'utf8') });

test('manifest.xml and the built manifest validate against the Office add-in schema', async () => {
  expect(await manifestErrors([await read(path.join(ROOT, 'manifest.xml')), await read(path.join(DIST, 'manifest.xml'))])).toEqual([]);
});

test('a manifest that breaks the schema is caught, for what it breaks', async () => {
  const { file, xml } = await read(path.join(ROOT, 'manifest.xml'));
  const errors = await manifestErrors([{ file, xml: xml.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>') }]);
  expect(errors[0]).toMatch(/^manifest\.xml:\d+: Schemas validity error : Element '\{http:\/\/schemas\.microsoft\.com\/office\/appforoffice\/1\.1\}Permissions': .*'Everything' is not an element of the set/);
  expect(errors.slice(1)).toEqual(['manifest.xml fails to validate']);
});

test('every URL the manifest names is a file the build produces', async () => {
  const xml = await fs.readFile(path.join(DIST, 'manifest.xml'), 'utf8');
  const urls = [...new Set([...xml.matchAll(/"(https:\/\/[^"]+)"/g)].map((m) => m[1]))];
  expect(urls.length).toBeGreaterThanOrEqual(7);
  for (const url of urls) {
    expect(url.startsWith(DEV_URL)).toBe(true);
    const file = path.join(DIST, url.slice(DEV_URL.length).split('?')[0]);
    await expect(fs.stat(file).then((s) => s.isFile())).resolves.toBe(true);
  }
});

test('a production build points the manifest at the base URL given at build time', async () => {
  const xml = await fs.readFile(path.join(ROOT, 'manifest.xml'), 'utf8');
  const prod = manifestForBase(xml, 'https://addins.example.dk/goalscore');
  expect(prod).not.toContain('localhost');
  expect(prod).toContain('https://addins.example.dk/goalscore/taskpane.html');
  expect(prod.match(/https:\/\/addins\.example\.dk\/goalscore\//g)!.length).toBe(xml.match(/https:\/\/localhost:3000\//g)!.length);
  expect(() => manifestForBase(xml, 'http://insecure.example.dk/')).toThrow('https');
  expect(manifestForBase(xml, undefined)).toBe(xml);
});

test('task pane app for Excel workbooks, read/write, ExcelApi 1.12, overrides for every language but the default', async () => {
  const xml = await fs.readFile(path.join(ROOT, 'manifest.xml'), 'utf8');
  expect(xml).toContain('xsi:type="TaskPaneApp"');
  expect(xml).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
  expect(xml).toContain('<Permissions>ReadWriteDocument</Permissions>');
  expect(xml).toContain('<Set Name="ExcelApi" MinVersion="1.12"/>');
  expect(xml).toContain('<OfficeTab id="TabHome">');
  // Which texts each override holds is checked in test/languages.test.ts.
  for (const { office } of Object.values(LANGUAGES).filter((p) => p.office.locale !== 'en-US')) {
    expect(xml.match(new RegExp(`Locale="${office.locale}"`, 'g'))!.length).toBe(11);
  }
});

test('each language’s built help page links to every other language’s', async () => {
  const packs = Object.values(LANGUAGES);
  for (const page of packs) {
    const html = await fs.readFile(path.join(DIST, page.helpPage), 'utf8');
    expect(html).toMatch(new RegExp(`<html lang="?${page.code}"?>`));
    for (const other of packs.filter((p) => p !== page)) {
      expect(html).toMatch(new RegExp(`<a href="?${other.helpPage.replace('.', '\\.')}"? lang="?${other.code}"? hreflang="?${other.code}"?>${other.name}</a>`));
      expect(html).toMatch(new RegExp(`<link rel="?alternate"? hreflang="?${other.code}"? href="?${other.helpPage.replace('.', '\\.')}"?>`));
    }
  }
});

test('icons at 16, 32, 64, 80 and 128 pixels', async () => {
  for (const size of [16, 32, 64, 80, 128]) {
    const png = await fs.readFile(path.join(ROOT, 'assets', `icon-${size}.png`));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  }
});

test('the manifest trusts no domain but its own: no AppDomains, every URL on the add-in\'s origin', async () => {
  for (const file of [path.join(ROOT, 'manifest.xml'), path.join(DIST, 'manifest.xml')]) {
    const xml = await fs.readFile(file, 'utf8');
    expect(xml).not.toMatch(/<AppDomains?\b/);
    // XML namespaces are names, not places the add-in loads from.
    const origins = new Set([...xml.matchAll(/"(https?:\/\/[^"/]+)/g)].map((m) => m[1]).filter((o) => !/schemas\.microsoft\.com|www\.w3\.org/.test(o)));
    expect([...origins]).toEqual([new URL(DEV_URL).origin]);
  }
});
