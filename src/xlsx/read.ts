/**
 * Reads workbook files into the engine's plain grids: sheet names and order (worksheet parts found
 * through the relationships, whatever their names), the date system, shared strings (rich text
 * too), cell values and number formats. Everything else (merged cells, drop-down lists, defined
 * names, tables, drawings) is never parsed, so no range is ever expanded. Every part is streamed
 * through a SAX parser with limits on bytes, cells, strings, elements and nesting.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { dateFromSerial, type CellValue, type SheetGrid } from '../engine';
import { LIMITS, WorkbookRefused, type WorkbookLimits } from './limits';
import { InflateBudget, readDirectory, streamEntry, type ZipEntry } from './zip';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const ODS_MIMETYPE = new TextEncoder().encode('application/vnd.oasis.opendocument.spreadsheet');

/** A name as it stands in a compound file's directory: UTF-16LE. */
function utf16(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
  return out;
}
const ENCRYPTED_PACKAGE = utf16('EncryptedPackage');

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Refuses what is not a workbook before any of it is unpacked. */
function checkKind(bytes: Uint8Array, limits: WorkbookLimits): void {
  if (bytes.length === 0) throw new WorkbookRefused({ reason: 'empty' });
  if (bytes.length > limits.fileBytes) throw new WorkbookRefused({ reason: 'tooLarge', detail: `${Math.round(limits.fileBytes / 2 ** 20)} MB` });
  // Old .xls files and password-protected .xlsx files are both compound files; only the latter hold an EncryptedPackage.
  if (startsWith(bytes, CFB)) throw new WorkbookRefused({ reason: contains(bytes, ENCRYPTED_PACKAGE) ? 'encrypted' : 'xls' });
  if (startsWith(bytes, EMPTY_ZIP)) throw new WorkbookRefused({ reason: 'notWorkbook' });
  // An OpenDocument file is a zip whose first entry, stored as it is, names its kind.
  if (startsWith(bytes, ZIP) && contains(bytes.subarray(0, 128), ODS_MIMETYPE)) throw new WorkbookRefused({ reason: 'ods' });
  if (!startsWith(bytes, ZIP)) throw new WorkbookRefused({ reason: 'notWorkbook' });
}

/** Local name of an element or attribute: other programs write `x:c` as readily as `c`. */
const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

type Handlers = {
  open?: (name: string, attributes: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
};

/** One package read under one set of limits: parts are streamed through the SAX parser. */
class Package {
  private readonly budget: InflateBudget;
  private elements = 0;

  constructor(
    private readonly bytes: Uint8Array,
    readonly entries: Map<string, ZipEntry>,
    readonly limits: WorkbookLimits,
  ) {
    this.budget = new InflateBudget(limits);
  }

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  /** Streams a part's XML to the handlers; element names and attribute names without prefix. */
  parse(path: string, handlers: Handlers): void {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw new WorkbookRefused({ reason: 'damaged', detail: path });
    const parser = new SaxesParser({ xmlns: false, position: false });
    let depth = 0;
    let failed = false;
    parser.on('error', () => {
      failed = true;
    });
    parser.on('opentag', (tag: SaxesTagPlain) => {
      if (++depth > this.limits.depth || ++this.elements > this.limits.elements) throw new WorkbookRefused({ reason: 'tooComplex', detail: path });
      if (!handlers.open) return;
      const attributes: Record<string, string> = {};
      for (const name in tag.attributes) attributes[local(name)] = tag.attributes[name];
      handlers.open(local(tag.name), attributes);
    });
    parser.on('closetag', (tag: SaxesTagPlain) => {
      depth--;
      handlers.close?.(local(tag.name));
    });
    if (handlers.text) {
      parser.on('text', handlers.text);
      parser.on('cdata', handlers.text);
    }
    const decoder = new TextDecoder('utf-8');
    streamEntry(this.bytes, entry, this.budget, (chunk) => {
      if (!failed) parser.write(decoder.decode(chunk, { stream: true }));
    });
    if (!failed) parser.write(decoder.decode()).close();
    if (failed) throw new WorkbookRefused({ reason: 'damaged', detail: path });
  }
}

interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships by id, targets resolved against the part's folder. */
function relationships(pkg: Package, part: string): Map<string, Relationship> {
  const folder = part.includes('/') ? part.slice(0, part.lastIndexOf('/') + 1) : '';
  const relsPath = `${folder}_rels/${part.slice(folder.length)}.rels`;
  const rels = new Map<string, Relationship>();
  if (!pkg.has(relsPath)) return rels;
  pkg.parse(relsPath, {
    open: (name, a) => {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      rels.set(a.Id, { type: a.Type ?? '', target: resolve(folder, a.Target) });
    },
  });
  return rels;
}

function resolve(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.map((p) => decodeURIComponent(p)).join('/');
}

/** Relationship types end alike in transitional and strict packages. */
const isType = (rel: Relationship, kind: string) => rel.type.endsWith(`/${kind}`);

/** Number formats Excel knows by id, without a `<numFmt>` in the styles part (ECMA-376 18.8.30). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?', 13: '# ??/??',
  14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM', 20: 'h:mm', 21: 'h:mm:ss',
  22: 'm/d/yy h:mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)', 39: '#,##0.00;(#,##0.00)', 40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};
/** Ids 27–36 and 50–58 are dates in East Asian locales. */
const builtinFormat = (id: number) => BUILTIN_FORMATS[id] ?? ((id >= 27 && id <= 36) || (id >= 50 && id <= 58) ? 'yyyy-mm-dd' : 'General');

/** Whether a number format shows a date: a d, m, y, h or s outside quotes, escapes and brackets. */
export function isDateFormat(code: string): boolean {
  const bare = code
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '');
  return /[dmyhs]/i.test(bare) && !/^[#0.,\s%]*E[+-]/i.test(bare);
}

/** The number format of each cell style (`s` attribute), as code. */
function cellFormats(pkg: Package, path: string | undefined): string[] {
  if (!path || !pkg.has(path)) return [];
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  pkg.parse(path, {
    open: (name, a) => {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? 'General');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        formats.push(custom.get(id) ?? builtinFormat(id));
      }
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats;
}

/** The shared strings, rich text joined, phonetic runs left out. */
function sharedStrings(pkg: Package, path: string | undefined): string[] {
  if (!path || !pkg.has(path)) return [];
  const strings: string[] = [];
  let chars = 0;
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  pkg.parse(path, {
    open: (name) => {
      if (name === 'si') current = [];
      else if (name === 't') inText = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && current) {
        const text = current.join('');
        chars += text.length;
        if (strings.length >= pkg.limits.strings || chars > pkg.limits.stringChars) throw new WorkbookRefused({ reason: 'tooComplex', detail: path });
        strings.push(text);
        current = null;
      }
    },
    text: (text) => {
      if (inText && current) current.push(text);
    },
  });
  return strings;
}

/** Column number (0-based) and row number (0-based) of a reference such as `AB12`. */
function position(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    col = col * 26 + (code - 0x60);
  }
  const row = Number(ref.slice(i));
  if (i === 0 || i > 3 || !Number.isInteger(row) || row < 1 || row > 1_048_576 || col > 16_384) return null;
  return { row: row - 1, col: col - 1 };
}

const ERRORS = /^#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!)$/;

/** Days between Excel's 1900 and 1904 date systems. */
const DAYS_1904 = 1462;

interface Context {
  strings: string[];
  formats: string[];
  date1904: boolean;
  cells: { count: number };
}

/** One worksheet, streamed: each `<c>` with its type, style and value; formulas keep their cached value. */
function worksheet(pkg: Package, path: string, name: string, ctx: Context): SheetGrid {
  const values: CellValue[][] = [];
  const formats: (string | null)[][] = [];
  let row = -1;
  let col = -1;
  let cell: { type: string; style: number } | null = null;
  let text: string[] = [];
  let inValue = false;
  let inInline = false;
  const finish = () => {
    if (!cell || row < 0 || col < 0) return;
    const raw = text.join('');
    const format = ctx.formats[cell.style] ?? 'General';
    const value = cellValue(cell.type, raw, format, ctx);
    if (value === null && format === 'General') return;
    (values[row] ??= [])[col] = value;
    if (format !== 'General') (formats[row] ??= [])[col] = format;
  };
  pkg.parse(path, {
    open: (tag, a) => {
      if (tag === 'c') {
        const at = a.r ? position(a.r) : null;
        if (at) {
          row = at.row;
          col = at.col;
        } else col++;
        if (++ctx.cells.count > pkg.limits.cells) throw new WorkbookRefused({ reason: 'tooManyCells', detail: pkg.limits.cells.toLocaleString('en-US') });
        cell = { type: a.t ?? 'n', style: Number(a.s ?? 0) };
        text = [];
      } else if (tag === 'row') {
        const r = Number(a.r);
        row = Number.isInteger(r) && r >= 1 && r <= 1_048_576 ? r - 1 : row + 1;
        col = -1;
      } else if (tag === 'v') inValue = true;
      else if (tag === 'is') inInline = true;
      else if (tag === 't' && inInline) inValue = true;
      else if (tag === 'rPh') inValue = false;
    },
    close: (tag) => {
      if (tag === 'c') {
        finish();
        cell = null;
      } else if (tag === 'v' || tag === 't') inValue = false;
      else if (tag === 'is') inInline = false;
    },
    text: (t) => {
      if (inValue && cell) text.push(t);
    },
  });
  for (let r = 0; r < values.length; r++) {
    values[r] ??= [];
    formats[r] ??= [];
  }
  return { name, values, formats };
}

function cellValue(type: string, raw: string, format: string, ctx: Context): CellValue {
  switch (type) {
    case 's': {
      const s = ctx.strings[Number(raw)];
      return s === undefined ? null : s;
    }
    case 'str':
    case 'inlineStr':
      return raw;
    case 'b':
      return raw === '1' || raw === 'true';
    case 'e':
      return ERRORS.test(raw) ? { error: raw } : { error: raw || '#VALUE!' };
    case 'd': {
      const date = new Date(raw.length <= 10 ? `${raw}T00:00:00Z` : raw.endsWith('Z') ? raw : `${raw}Z`);
      return Number.isNaN(date.getTime()) ? raw : date;
    }
    default: {
      if (raw === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      if (!isDateFormat(format) || n < 0 || n >= 2_958_466) return n;
      return dateFromSerial(ctx.date1904 ? n + DAYS_1904 : n);
    }
  }
}

/** The workbook part, found through the package's own relationships. */
function workbookPart(pkg: Package): string {
  const root = relationships(pkg, '');
  for (const rel of root.values()) if (isType(rel, 'officeDocument') && pkg.has(rel.target)) return rel.target;
  if (pkg.has('xl/workbook.xml')) return 'xl/workbook.xml';
  throw new WorkbookRefused({ reason: 'notWorkbook' });
}

/**
 * When the workbook says it was last saved (`dcterms:modified` in its core properties), as
 * milliseconds since 1970; null when it does not say, or says something unreadable.
 */
function modifiedOf(pkg: Package): number | null {
  const core = [...relationships(pkg, '').values()].find((r) => isType(r, 'core-properties') && pkg.has(r.target));
  if (!core) return null;
  let inModified = false;
  let text = '';
  pkg.parse(core.target, {
    open: (name) => void (inModified = name === 'modified'),
    close: () => void (inModified = false),
    text: (t) => void (inModified && (text += t)),
  });
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? ms : null;
}

/** A damaged core properties part costs only the date: the sheets are what matters. */
function modifiedOr(pkg: Package): number | null {
  try {
    return modifiedOf(pkg);
  } catch (e) {
    if (e instanceof WorkbookRefused && e.refusal.reason === 'damaged') return null;
    throw e;
  }
}

/** Every worksheet as a grid, and when the workbook was last saved, where it says. */
export function readWorkbookFile(data: ArrayBuffer | Uint8Array, limits: WorkbookLimits = LIMITS): { grids: SheetGrid[]; modified: number | null } {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkKind(bytes, limits);
  const pkg = new Package(bytes, readDirectory(bytes, limits), limits);
  return { grids: gridsOf(pkg), modified: modifiedOr(pkg) };
}

/**
 * Every worksheet of a workbook file as a grid, in the workbook's order. Throws WorkbookRefused,
 * with its reason, when the bytes are not a workbook that can be read safely.
 */
export function readGrids(data: ArrayBuffer | Uint8Array, limits: WorkbookLimits = LIMITS): SheetGrid[] {
  return readWorkbookFile(data, limits).grids;
}

function gridsOf(pkg: Package): SheetGrid[] {
  const part = workbookPart(pkg);
  const rels = relationships(pkg, part);
  const sheets: { name: string; id: string }[] = [];
  let date1904 = false;
  pkg.parse(part, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet' && a.name && a.id) sheets.push({ name: a.name, id: a.id });
    },
  });
  const find = (kind: string) => [...rels.values()].find((r) => isType(r, kind))?.target;
  const ctx: Context = { strings: sharedStrings(pkg, find('sharedStrings')), formats: cellFormats(pkg, find('styles')), date1904, cells: { count: 0 } };
  const grids: SheetGrid[] = [];
  for (const [i, sheet] of sheets.entries()) {
    // Without workbook relationships (a package some tools write by hand), sheets stand at their usual names.
    const rel = rels.size ? rels.get(sheet.id) : { type: '/worksheet', target: `xl/worksheets/sheet${i + 1}.xml` };
    // Chart sheets and dialog sheets stand among the sheets too; only worksheets hold plans.
    if (!rel || !isType(rel, 'worksheet')) continue;
    if (!pkg.has(rel.target)) throw new WorkbookRefused({ reason: 'damaged', detail: rel.target });
    grids.push(worksheet(pkg, rel.target, sheet.name, ctx));
  }
  return grids;
}
