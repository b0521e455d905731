/**
 * The schema validator the workbook and manifest tests rely on: it finds its schemas in the
 * repository, resolves their remote imports to local copies, and never reports a broken setup
 * as a verdict on the document.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { xsdErrors } from './xsd';

const OOXML = path.join(__dirname, 'schemas', 'ooxml');

const core = (creator: string) =>
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
  `xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${creator}` +
  '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-31T12:00:00Z</dcterms:created></cp:coreProperties>';

test('the Dublin Core and xml: schemas named by remote address are read from the local copies', async () => {
  // opc-coreProperties.xsd imports dc.xsd and dcterms.xsd from dublincore.org, and they import xml.xsd from w3.org.
  expect(await xsdErrors(OOXML, 'ecma-transitional/opc-coreProperties.xsd', [{ name: 'docProps/core.xml', xml: core('<dc:creator>goalscore</dc:creator>') }])).toEqual([]);
  const errors = await xsdErrors(OOXML, 'ecma-transitional/opc-coreProperties.xsd', [{ name: 'docProps/core.xml', xml: core('<dc:author>goalscore</dc:author>') }]);
  expect(errors[0]).toMatch(/^docProps\/core\.xml:1: .*Element '\{http:\/\/purl\.org\/dc\/elements\/1\.1\/\}author': This element is not expected/);
});

test('a missing schema folder or schema is named, not reported as a verdict on the document', async () => {
  const missing = path.join(__dirname, 'schemas', 'no-such-folder');
  await expect(xsdErrors(missing, 'sml.xsd', [{ name: 'a.xml', xml: '<a/>' }])).rejects.toThrow(`schemas not found at ${missing}`);
  await expect(xsdErrors(OOXML, 'no-such.xsd', [{ name: 'a.xml', xml: '<a/>' }])).rejects.toThrow(`schemas not found at ${path.join(OOXML, 'no-such.xsd')}`);
});

test('a schema that does not compile fails the check and names the schema', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'xsd-'));
  try {
    writeFileSync(path.join(folder, 'broken.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="a" type="no-such-type"/></xs:schema>');
    await expect(xsdErrors(folder, 'broken.xsd', [{ name: 'a.xml', xml: '<a/>' }])).rejects.toThrow(new RegExp(`validating against ${path.join(folder, 'broken.xsd')} failed: .*no-such-type`, 's'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
