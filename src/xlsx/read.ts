/**
 * Reads workbook files into the engine's plain grids: sheet names and order (worksheet parts found
 * through the relationships, whatever their names), the date system, shared strings (rich text
 * too), cell values and number formats. Everything else (merged cells, drop-down lists, defined
 * names, tables, drawings) is never parsed, so no range is ever expanded. Every part is streamed
 * through a SAX parser with limits on bytes, cells, strings, elements and nesting.
 */
import { CELL_CHARS, clip, HEADER_SEARCH_ROWS, isPlanSheet, parseDataRef, SHEET_NAME_CHARS, type SheetGrid } from '../engine';
import { decodeEscapes } from './cellText';
import { cellFormats, dateFormats } from './formats';
import { LIMITS, WorkbookRefused, type WorkbookLimits } from './limits';
import { isType, Package, relationships, type Relationship } from './package';
import { readSheet, type Context, type Selection } from './sheet';
import { readDirectory } from './zip';

export { isDateFormat } from './formats';

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
  if (bytes.length > limits.fileBytes) throw new WorkbookRefused({ reason: 'tooLarge', limit: Math.round(limits.fileBytes / 2 ** 20) });
  // Old .xls files and password-protected .xlsx files are both compound files; only the latter hold an EncryptedPackage.
  if (startsWith(bytes, CFB)) throw new WorkbookRefused({ reason: contains(bytes, ENCRYPTED_PACKAGE) ? 'encrypted' : 'xls' });
  if (startsWith(bytes, EMPTY_ZIP)) throw new WorkbookRefused({ reason: 'notWorkbook' });
  // An OpenDocument file is a zip whose first entry, stored as it is, names its kind.
  if (startsWith(bytes, ZIP) && contains(bytes.subarray(0, 128), ODS_MIMETYPE)) throw new WorkbookRefused({ reason: 'ods' });
  if (!startsWith(bytes, ZIP)) throw new WorkbookRefused({ reason: 'notWorkbook' });
}

/**
 * The shared strings: rich text joined, phonetic runs left out, Excel's `_xHHHH_` escapes decoded.
 * A text past Excel's 32,767 characters is cut there, and gathered no further while it streams.
 */
function sharedStrings(pkg: Package, path: string | undefined): { strings: string[]; cut: Set<number> } {
  const strings: string[] = [];
  const cut = new Set<number>();
  if (!path || !pkg.has(path)) return { strings, cut };
  let chars = 0;
  let current: string[] | null = null;
  let length = 0;
  let cuts = 0;
  let inText = false;
  let inPhonetic = false;
  pkg.parse(path, {
    open: (name) => {
      if (name === 'si') {
        current = [];
        length = 0;
        cuts = pkg.cuts;
      } else if (name === 't') inText = !inPhonetic;
      else if (name === 'rPh') inPhonetic = true;
    },
    close: (name) => {
      if (name === 't') inText = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && current) {
        let text = decodeEscapes(current.join(''));
        if (text.length > CELL_CHARS || pkg.cuts !== cuts) {
          text = clip(text, CELL_CHARS);
          cut.add(strings.length);
        }
        chars += text.length;
        if (strings.length >= pkg.limits.strings || chars > pkg.limits.stringChars) throw new WorkbookRefused({ reason: 'tooComplex', detail: path });
        strings.push(text);
        current = null;
      }
    },
    text: (text) => {
      // Gathered up to what Excel's limit can take even written all in escapes; the rest only counts as cut.
      if (!inText || !current || length > 7 * CELL_CHARS + 7) return;
      current.push(text);
      length += text.length;
    },
  });
  return { strings, cut };
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
    // A date is short: a text run past a hundred characters says no date.
    text: (t) => void (inModified && text.length < 100 && (text += t)),
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

/** Every worksheet as a grid, when the workbook was last saved (where it says), and which parts were inflated. */
export function readWorkbookFile(
  data: ArrayBuffer | Uint8Array,
  limits: WorkbookLimits = LIMITS,
): { grids: SheetGrid[]; modified: number | null; inflated: { parts: string[]; bytes: number } } {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkKind(bytes, limits);
  const pkg = new Package(bytes, readDirectory(bytes, limits), limits);
  const grids = gridsOf(pkg);
  const modified = modifiedOr(pkg);
  return { grids, modified, inflated: pkg.inflated };
}

/**
 * Every worksheet of a workbook file as a grid, in the workbook's order. Throws WorkbookRefused,
 * with its reason, when the bytes are not a workbook that can be read safely.
 */
export function readGrids(data: ArrayBuffer | Uint8Array, limits: WorkbookLimits = LIMITS): SheetGrid[] {
  return readWorkbookFile(data, limits).grids;
}

interface SheetEntry {
  name: string;
  part: string;
}

/**
 * The workbook's worksheets in order, at most `limits.sheets` of them, each part once: a second
 * sheet naming a part already named is passed over (Excel repairs such a workbook), so 40,000
 * `<sheet>` elements naming one part cost one reading of it. Names are cut to Excel's 31 characters.
 */
function worksheets(pkg: Package, part: string, rels: Map<string, Relationship>): { sheets: SheetEntry[]; date1904: boolean } {
  const listed: { name: string; id: string }[] = [];
  let date1904 = false;
  pkg.parse(part, {
    open: (name, a) => {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet' && a.name && a.id) {
        if (listed.length >= pkg.limits.sheets) throw new WorkbookRefused({ reason: 'tooManySheets', limit: pkg.limits.sheets });
        listed.push({ name: a.name, id: a.id });
      }
    },
  });
  const seen = new Set<string>();
  const sheets: SheetEntry[] = [];
  for (const [i, sheet] of listed.entries()) {
    // Without workbook relationships (a package some tools write by hand), sheets stand at their usual names.
    const rel = rels.size ? rels.get(sheet.id) : { type: '/worksheet', target: `xl/worksheets/sheet${i + 1}.xml` };
    // Chart sheets and dialog sheets stand among the sheets too; only worksheets hold plans.
    if (!rel || !isType(rel, 'worksheet')) continue;
    if (!pkg.has(rel.target)) throw new WorkbookRefused({ reason: 'damaged', detail: rel.target });
    if (seen.has(rel.target.toLowerCase())) continue;
    seen.add(rel.target.toLowerCase());
    sheets.push({ name: clip(sheet.name, SHEET_NAME_CHARS), part: rel.target });
  }
  return { sheets, date1904 };
}

/** A sheet as first read: whole if it is a plan, else its first rows; and the data references a plan's cells may hold. */
interface FirstReading {
  grid: SheetGrid;
  kept: number;
  plan: boolean;
  refs: ReadonlySet<string>;
}

/** Reads a sheet whole if its first rows hold a plan's header, else stops there. */
function firstReading(pkg: Package, sheet: SheetEntry, ctx: Context): FirstReading {
  let plan = false;
  const selection: Selection = { keep: () => true, firstRows: HEADER_SEARCH_ROWS, goOn: (head) => (plan = isPlanSheet(head)) };
  const { grid, kept, refs } = readSheet(pkg, sheet.part, sheet.name, ctx, selection);
  return { grid, kept, plan, refs };
}

/**
 * The columns and rows of each other sheet that plans' data references may read, by lower-case
 * sheet name: every text in a plan sheet that reads as a reference to another sheet counts (more
 * than the data column holds, never less). Columns are marked through a difference array, so a
 * reference costs the same however wide.
 */
function referenced(plans: FirstReading[], others: Set<string>): Map<string, (row: number, col: number) => boolean> {
  const spans = new Map<string, { cover: Int32Array; top: number; bottom: number }>();
  for (const { grid, refs } of plans) {
    for (const text of refs) {
      const ref = parseDataRef(text, grid.name);
      const key = ref?.sheet.toLowerCase();
      if (!ref || !key || !others.has(key)) continue;
      let span = spans.get(key);
      if (!span) spans.set(key, (span = { cover: new Int32Array(COLUMNS + 1), top: ref.top, bottom: ref.bottom }));
      span.cover[Math.min(ref.left, COLUMNS)]++;
      span.cover[Math.min(ref.right + 1, COLUMNS)]--;
      span.top = Math.min(span.top, ref.top);
      span.bottom = Math.max(span.bottom, ref.bottom);
    }
  }
  const keeps = new Map<string, (row: number, col: number) => boolean>();
  for (const [key, { cover, top, bottom }] of spans) {
    const kept = new Uint8Array(COLUMNS);
    for (let c = 0, depth = 0; c < COLUMNS; c++) kept[c] = (depth += cover[c]) > 0 ? 1 : 0;
    keeps.set(key, (row, col) => row < HEADER_SEARCH_ROWS || (kept[col] === 1 && row >= top && row <= bottom));
  }
  return keeps;
}

/** Excel's columns, A to XFD. */
const COLUMNS = 16_384;

/**
 * Every worksheet as a grid. A plan sheet is read whole, once. Another sheet is read to its first
 * rows (enough to name the one that came closest to a plan), and once more, keeping only the
 * columns and rows plans' data references name, if any does: below its first rows by column,
 * numbers and dates in typed arrays (`SheetGrid.compact`), so a case sheet of Excel's full height
 * costs some 9 bytes a kept cell.
 */
function gridsOf(pkg: Package): SheetGrid[] {
  const part = workbookPart(pkg);
  const rels = relationships(pkg, part);
  const { sheets, date1904 } = worksheets(pkg, part, rels);
  const find = (kind: string) => [...rels.values()].find((r) => isType(r, kind))?.target;
  const shared = sharedStrings(pkg, find('sharedStrings'));
  const ctx: Context = { strings: shared.strings, cutStrings: shared.cut, formats: cellFormats(pkg, find('styles')), isDate: dateFormats(), date1904, cells: { count: 0 } };
  const first = sheets.map((sheet) => firstReading(pkg, sheet, ctx));
  const others = new Set(sheets.filter((_, i) => !first[i].plan).map((s) => s.name.toLowerCase()));
  const keeps = referenced(first.filter((f) => f.plan), others);
  return first.map((read, i) => {
    const keep = read.plan ? undefined : keeps.get(sheets[i].name.toLowerCase());
    if (!keep) return read.grid;
    // Its first rows are read again: they count once.
    ctx.cells.count -= read.kept;
    return readSheet(pkg, sheets[i].part, sheets[i].name, ctx, { keep, compactFrom: HEADER_SEARCH_ROWS }).grid;
  });
}
