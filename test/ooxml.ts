/**
 * Checks a workbook as Excel would before it opens it: every XML part against the ECMA-376 and
 * [MS-XLSX] schemas in test/schemas/ooxml (Markup Compatibility applied first, then libxml2's
 * schema validation, see ./xsd, with each part's root element the one its kind has), and what
 * schemas miss but Excel repairs: overlapping drop-down ranges, duplicate conditional-format
 * priorities, style indexes out of range, sheet-name rules, relationships that point nowhere.
 */
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { xsdErrors, type XmlDocument } from './xsd';

export const OOXML_SCHEMAS = path.join(__dirname, 'schemas', 'ooxml');

/** The driver schema that loads every namespace a workbook part's root or extensions are in. */
export const WORKBOOK_SCHEMA = 'workbook-parts.xsd';

const SML = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/**
 * The parts checked, each with the root element its kind must have ({namespace}name): one schema
 * set validates every part in one run, so the root is what ties a part to its own schema. Parts not
 * listed (VML) have no schema that Excel's own files pass.
 */
const ROOT_BY_PART: [RegExp, string][] = [
  [/^\[Content_Types\]\.xml$/, '{http://schemas.openxmlformats.org/package/2006/content-types}Types'],
  [/\.rels$/, '{http://schemas.openxmlformats.org/package/2006/relationships}Relationships'],
  [/^docProps\/core\.xml$/, '{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}coreProperties'],
  [/^docProps\/app\.xml$/, '{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Properties'],
  [/^xl\/workbook\.xml$/, `{${SML}}workbook`],
  [/^xl\/styles\.xml$/, `{${SML}}styleSheet`],
  [/^xl\/sharedStrings\.xml$/, `{${SML}}sst`],
  [/^xl\/comments\d*\.xml$/, `{${SML}}comments`],
  [/^xl\/metadata\.xml$/, `{${SML}}metadata`],
  [/^xl\/worksheets\/[^/]+\.xml$/, `{${SML}}worksheet`],
  [/^xl\/tables\/[^/]+\.xml$/, `{${SML}}table`],
  [/^xl\/drawings\/drawing\d+\.xml$/, '{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}wsDr'],
  [/^xl\/charts\/chart\d+\.xml$/, '{http://schemas.openxmlformats.org/drawingml/2006/chart}chartSpace'],
  [/^xl\/theme\/theme\d+\.xml$/, '{http://schemas.openxmlformats.org/drawingml/2006/main}theme'],
];

/** The root element as {namespace}name, from the first start tag and the namespace it declares. */
function rootElement(xml: string): string {
  const tag = /<([A-Za-z_][\w.-]*)(?::([\w.-]+))?([^>]*)>/.exec(xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''));
  if (!tag) return '(none)';
  const [prefix, local] = tag[2] === undefined ? ['', tag[1]] : [tag[1], tag[2]];
  const ns = new RegExp(`\\sxmlns${prefix ? `:${prefix}` : ''}="([^"]*)"`).exec(tag[3])?.[1] ?? '';
  return `{${ns}}${local}`;
}

export function unzipParts(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** Markup Compatibility as Excel applies it: ignorable prefixes dropped, alternate content resolved to its fallback. */
export function applyMarkupCompatibility(xml: string): string {
  const ignorable = xml.match(/\smc:Ignorable="([^"]*)"/)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
  let out = xml.replace(/\smc:Ignorable="[^"]*"/, '');
  out = out.replace(/<mc:AlternateContent[^>]*>[\s\S]*?<mc:Fallback>([\s\S]*?)<\/mc:Fallback>[\s\S]*?<\/mc:AlternateContent>/g, '$1');
  for (const prefix of ignorable) {
    out = out.replace(new RegExp(`\\s${prefix}:[\\w-]+="[^"]*"`, 'g'), '');
    out = out.replace(new RegExp(`<${prefix}:[\\w-]+[^>]*/>`, 'g'), '');
    out = out.replace(new RegExp(`<${prefix}:([\\w-]+)[^>]*>[\\s\\S]*?</${prefix}:\\1>`, 'g'), '');
  }
  return out;
}

/** Schema errors, part by part, each naming its part; empty when every part is valid. */
export async function schemaErrors(parts: Map<string, string>): Promise<string[]> {
  return (await schemaErrorsOf([parts]))[0];
}

/**
 * Schema errors of several packages, one list each, from one validator run for all of them:
 * starting the validator and compiling the schemas costs more than validating the parts.
 */
export async function schemaErrorsOf(packages: Map<string, string>[]): Promise<string[][]> {
  const documents: XmlDocument[] = [];
  const wrongRoots: string[][] = packages.map((parts, i) => {
    const found: string[] = [];
    for (const [name, xml] of parts) {
      const root = ROOT_BY_PART.find(([re]) => re.test(name))?.[1];
      if (!root) continue;
      const checked = applyMarkupCompatibility(xml);
      if (rootElement(checked) !== root) found.push(`${name}: the root element is ${rootElement(checked)}, not ${root}`);
      // The package's number before the part's path tells the packages apart in the messages.
      documents.push({ name: `${i}/${name}`, xml: checked });
    }
    return found;
  });
  const lines = documents.length ? await xsdErrors(OOXML_SCHEMAS, WORKBOOK_SCHEMA, documents) : [];
  return packages.map((_, i) => {
    const own = lines.filter((line) => line.startsWith(`${i}/`)).map((line) => line.slice(`${i}/`.length));
    // A line that names no part concerns them all.
    return [...wrongRoots[i], ...own, ...lines.filter((line) => !/^\d+\//.test(line))];
  });
}

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function box(ref: string): Box {
  const cell = (a: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(a)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return { row: Number(m[2]), col };
  };
  const [a, b = a] = ref.split(':');
  const p = cell(a);
  const q = cell(b);
  return { top: p.row, left: p.col, bottom: q.row, right: q.col };
}

const overlaps = (a: Box, b: Box) => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** What Excel repairs though the schemas allow it. */
export function repairTriggers(parts: Map<string, string>): string[] {
  const found: string[] = [];
  const styles = parts.get('xl/styles.xml') ?? '';
  const xfCount = Number(styles.match(/<cellXfs count="(\d+)"/)?.[1] ?? 1);
  const workbook = parts.get('xl/workbook.xml') ?? '';
  const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  const seen = new Set<string>();
  for (const name of names) {
    // eslint-disable-next-line no-control-regex -- controls are what is looked for
    if (!name || name.length > 31 || /[[\]:*?/\\\u0000-\u001f]|_x[0-9A-F]{4}_/i.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history') found.push(`sheet name not allowed: ${name}`);
    if (seen.has(name.toLowerCase())) found.push(`sheet name twice: ${name}`);
    seen.add(name.toLowerCase());
  }
  for (const problem of referenceProblems(parts, seen)) found.push(problem);
  for (const [part, xml] of parts) {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(part)) {
      const ranges = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].flatMap((m) => m[1].split(/\s+/).map((ref) => ({ ref, box: box(ref) })));
      for (let i = 0; i < ranges.length; i++)
        for (let j = i + 1; j < ranges.length; j++)
          if (overlaps(ranges[i].box, ranges[j].box)) found.push(`${part}: drop-down ranges overlap: ${ranges[i].ref} and ${ranges[j].ref}`);
      const priorities = [...xml.matchAll(/<(?:x14:)?cfRule [^>]*priority="(\d+)"/g)].map((m) => m[1]);
      if (new Set(priorities).size !== priorities.length) found.push(`${part}: conditional-format priorities repeat`);
      for (const m of xml.matchAll(/<c [^>]*\bs="(\d+)"/g)) if (Number(m[1]) >= xfCount) found.push(`${part}: style ${m[1]} beyond ${xfCount} cell formats`);
      found.push(...sharedFormulaTriggers(part, xml));
      const elements = [...xml.matchAll(/<(sheetData|autoFilter|conditionalFormatting|dataValidations|hyperlinks|pageMargins|pageSetup|drawing|legacyDrawing|extLst)\b/g)].map((m) => m[1]);
      const order = ['sheetData', 'autoFilter', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'pageMargins', 'pageSetup', 'drawing', 'legacyDrawing', 'extLst'];
      const positions = [...new Set(elements)].map((e) => order.indexOf(e));
      if (positions.some((p, i) => i > 0 && p < positions[i - 1])) found.push(`${part}: elements out of order: ${[...new Set(elements)].join(', ')}`);
    }
    if (part.endsWith('.rels')) {
      const folder = part.replace(/_rels\/[^/]*\.rels$/, '');
      for (const m of xml.matchAll(/Target="([^"]+)"(?![^>]*TargetMode="External")/g)) {
        const target = path.posix.normalize(m[1].startsWith('/') ? m[1].slice(1) : folder + m[1]);
        if (!parts.has(target)) found.push(`${part}: points at a missing part ${target}`);
      }
    }
  }
  return found;
}

const unescapeXml = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * References to sheets in defined names, chart series and hyperlinks: each names a sheet there is,
 * quoted as Excel needs (`'It''s'!$A$1`; a bare name only of letters, digits, `_` and `.` that reads
 * as no cell); and headers and footers within Excel's 255 characters.
 */
function referenceProblems(parts: Map<string, string>, sheets: Set<string>): string[] {
  const found: string[] = [];
  const references: [string, string][] = [];
  for (const [part, xml] of parts) {
    for (const m of xml.matchAll(/<definedName [^>]*>([^<]*)<\/definedName>|<c:f>([^<]*)<\/c:f>|<hyperlink [^>]*location="([^"]*)"/g)) references.push([part, unescapeXml(m[1] ?? m[2] ?? m[3])]);
    for (const m of xml.matchAll(/<(oddHeader|oddFooter)>([^<]*)<\//g)) if (unescapeXml(m[2]).length > 255) found.push(`${part}: ${m[1]} longer than 255 characters`);
  }
  for (const [part, ref] of references) {
    const m = /^(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_.]*))!\$?[A-Z]{0,3}\$?\d*(?::\$?[A-Z]{0,3}\$?\d*)?$/.exec(ref);
    if (!m) found.push(`${part}: a reference Excel cannot read: ${ref}`);
    else if (!sheets.has((m[1] ? m[1].replace(/''/g, "'") : m[2]).toLowerCase())) found.push(`${part}: a reference to no sheet: ${ref}`);
    else if (m[2] && /^(?:[A-Za-z]{1,3}\d+|[Rr]\d*(?:[Cc]\d*)?|[Cc]\d*|true|false)$/i.test(m[2])) found.push(`${part}: a sheet name read as a cell: ${ref}`);
  }
  return found;
}

/**
 * Shared formulas Excel would repair: a cell pointing at a group whose first cell (with the formula
 * and its range) has not come before it, or standing outside that range, or a group begun twice.
 */
function sharedFormulaTriggers(part: string, xml: string): string[] {
  const found: string[] = [];
  const groups = new Map<string, Box>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(?:<f t="shared"([^>]*?)(\/?)>)/g)) {
    const [, cell, attrs, empty] = m;
    const si = /\bsi="(\d+)"/.exec(attrs)?.[1];
    const ref = /\bref="([^"]+)"/.exec(attrs)?.[1];
    if (si === undefined) found.push(`${part}: shared formula at ${cell} without a group`);
    else if (ref !== undefined && !empty) {
      if (groups.has(si)) found.push(`${part}: shared formula group ${si} begun twice, again at ${cell}`);
      const range = box(ref);
      if (!overlaps(range, box(cell)) || range.top !== box(cell).top || range.left !== box(cell).left) found.push(`${part}: shared formula group ${si} does not start at its first cell ${cell}`);
      groups.set(si, range);
    } else {
      const range = groups.get(si);
      if (!range) found.push(`${part}: ${cell} uses shared formula group ${si} before its first cell`);
      else if (!overlaps(range, box(cell))) found.push(`${part}: ${cell} lies outside the range of shared formula group ${si}`);
    }
  }
  return found;
}

/** Every problem Excel would find with the workbook: schema errors and repair triggers. */
export async function excelProblems(bytes: Uint8Array): Promise<string[]> {
  return (await excelProblemsOf([bytes]))[0];
}

/** Every problem Excel would find, for each of several workbooks. */
export async function excelProblemsOf(workbooks: Uint8Array[]): Promise<string[][]> {
  const packages = workbooks.map(unzipParts);
  const schema = await schemaErrorsOf(packages);
  return packages.map((parts, i) => [...schema[i], ...repairTriggers(parts)]);
}
