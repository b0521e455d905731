/**
 * XML Schema validation for the tests, with libxml2's xmllint compiled to WebAssembly
 * (xmllint-wasm), so no system program is needed. A schema folder under test/schemas is read once
 * and handed to the validator's in-memory file system; nothing is fetched. Where the folder has a
 * catalog.xml, the remote schemaLocations it maps (Dublin Core, the W3C xml: namespace) are
 * rewritten in memory to the local copies it names, as `xmllint --catalogs` would resolve them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';

export interface XmlDocument {
  /** The document's name in the validator's messages, e.g. a part's path in the package. */
  name: string;
  xml: string;
}

interface SchemaFile {
  fileName: string;
  contents: string;
}

/** Where a folder's schemas sit in the validator's file system, apart from the documents. */
const MOUNT = 'schemas';

const loaded = new Map<string, SchemaFile[]>();

function xsdFiles(folder: string, under = ''): string[] {
  return readdirSync(path.join(folder, under), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(under, entry.name);
    if (entry.isDirectory()) return xsdFiles(folder, rel);
    return entry.name.endsWith('.xsd') ? [rel] : [];
  });
}

/** The catalog's remote system IDs and the folder-relative files that stand in for them. */
function catalogEntries(folder: string): [string, string][] {
  const file = path.join(folder, 'catalog.xml');
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/<system\s+systemId="([^"]+)"\s+uri="([^"]+)"/g)].map((m) => [m[1], m[2]]);
}

function schemaFiles(folder: string): SchemaFile[] {
  const cached = loaded.get(folder);
  if (cached) return cached;
  if (!existsSync(folder)) throw new Error(`schemas not found at ${folder}`);
  const catalog = catalogEntries(folder);
  const files = xsdFiles(folder).map((rel) => {
    let contents = readFileSync(path.join(folder, rel), 'utf8');
    for (const [remote, local] of catalog) {
      const relative = path.posix.relative(path.posix.dirname(rel), local);
      contents = contents.split(`schemaLocation="${remote}"`).join(`schemaLocation="${relative}"`);
    }
    return { fileName: path.posix.join(MOUNT, rel), contents };
  });
  loaded.set(folder, files);
  return files;
}

/** Lines of xmllint's report that are not errors. */
const NOT_AN_ERROR = /validates$|Skipping import|^warning|^\s*$/i;

/**
 * Schema errors of the documents against `schema` (a path inside `folder`), one line each as
 * xmllint reports them, naming the document; empty when all are valid. Throws when the folder is
 * missing or the schema does not compile, so a broken setup is never taken for a verdict.
 */
export async function xsdErrors(folder: string, schema: string, documents: XmlDocument[]): Promise<string[]> {
  const files = schemaFiles(folder);
  const main = files.find((f) => f.fileName === path.posix.join(MOUNT, schema));
  if (!main) throw new Error(`schemas not found at ${path.join(folder, schema)}`);
  const result = await validateXML({
    xml: documents.map((d) => ({ fileName: d.name, contents: d.xml })),
    schema: main,
    preload: files.filter((f) => f !== main),
    // Room for many or large parts in one run: the default ceiling is 32 MiB.
    maxMemoryPages: 512 * memoryPages.MiB,
  }).catch((e: Error) => {
    throw new Error(`validating against ${path.join(folder, schema)} failed: ${e.message}`);
  });
  if (result.valid) return [];
  const errors = result.rawOutput.split('\n').filter((line) => !NOT_AN_ERROR.test(line));
  // Invalid with nothing said would read as a pass to a caller that only counts lines.
  return errors.length ? errors : [`${documents.map((d) => d.name).join(', ')} failed to validate against ${schema}`];
}
