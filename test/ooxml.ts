/**
 * Checks a workbook as Excel would before it opens it: every XML part against the ECMA-376 and
 * [MS-XLSX] schemas in test/schemas/ooxml (Markup Compatibility applied first, then
 * `xmllint --schema` per part), and what schemas miss but Excel repairs: overlapping drop-down
 * ranges, duplicate conditional-format priorities, style indexes out of range, sheet-name rules,
 * relationships that point nowhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

const SCHEMAS = path.join(__dirname, 'schemas', 'ooxml');

/** The schema each part is checked against; parts not listed (VML) have none Excel's own would pass. */
const SCHEMA_BY_PART: [RegExp, string][] = [
  [/^\[Content_Types\]\.xml$/, 'ecma-transitional/opc-contentTypes.xsd'],
  [/\.rels$/, 'ecma-transitional/opc-relationships.xsd'],
  [/^docProps\/core\.xml$/, 'ecma-transitional/opc-coreProperties.xsd'],
  [/^docProps\/app\.xml$/, 'ecma-transitional/shared-documentPropertiesExtended.xsd'],
  [/^xl\/(workbook|styles|sharedStrings|comments\d*)\.xml$|^xl\/(worksheets|tables)\/[^/]+\.xml$/, 'sml-with-extensions.xsd'],
  [/^xl\/drawings\/drawing\d+\.xml$/, 'drawing-with-chart.xsd'],
  [/^xl\/charts\/chart\d+\.xml$/, 'ecma-transitional/dml-chart.xsd'],
  [/^xl\/theme\/theme\d+\.xml$/, 'ecma-transitional/dml-main.xsd'],
];

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

/** Schema errors, part by part; empty when every part is valid. */
export function schemaErrors(parts: Map<string, string>): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ooxml-'));
  try {
    const bySchema = new Map<string, string[]>();
    for (const [name, xml] of parts) {
      const schema = SCHEMA_BY_PART.find(([re]) => re.test(name))?.[1];
      if (!schema) continue;
      const file = path.join(dir, name.replace(/[^\w.-]/g, '_'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, applyMarkupCompatibility(xml));
      bySchema.set(schema, [...(bySchema.get(schema) ?? []), file]);
    }
    const errors: string[] = [];
    for (const [schema, files] of bySchema) {
      try {
        execFileSync('xmllint', ['--catalogs', '--noout', '--schema', path.join(SCHEMAS, schema), ...files], {
          cwd: SCHEMAS,
          env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch (e) {
        const stderr = String((e as { stderr?: Buffer }).stderr ?? e);
        errors.push(...stderr.split('\n').filter((l) => l && !/validates$|Skipping import|^warning|SGML_CATALOG_FILES/i.test(l)).map((l) => l.replace(dir + path.sep, '')));
      }
    }
    return errors;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history') found.push(`sheet name not allowed: ${name}`);
    if (seen.has(name.toLowerCase())) found.push(`sheet name twice: ${name}`);
    seen.add(name.toLowerCase());
  }
  for (const [part, xml] of parts) {
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(part)) {
      const ranges = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].flatMap((m) => m[1].split(/\s+/).map((ref) => ({ ref, box: box(ref) })));
      for (let i = 0; i < ranges.length; i++)
        for (let j = i + 1; j < ranges.length; j++)
          if (overlaps(ranges[i].box, ranges[j].box)) found.push(`${part}: drop-down ranges overlap: ${ranges[i].ref} and ${ranges[j].ref}`);
      const priorities = [...xml.matchAll(/<(?:x14:)?cfRule [^>]*priority="(\d+)"/g)].map((m) => m[1]);
      if (new Set(priorities).size !== priorities.length) found.push(`${part}: conditional-format priorities repeat`);
      for (const m of xml.matchAll(/<c [^>]*\bs="(\d+)"/g)) if (Number(m[1]) >= xfCount) found.push(`${part}: style ${m[1]} beyond ${xfCount} cell formats`);
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

/** Every problem Excel would find with the workbook: schema errors and repair triggers. */
export function excelProblems(bytes: Uint8Array): string[] {
  const parts = unzipParts(bytes);
  return [...schemaErrors(parts), ...repairTriggers(parts)];
}
