/**
 * Hostile workbooks, built when a test or benchmark runs (none is committed): each is small on
 * disk and asks for much work in one way — many sheets on one part, date pairs eight thousand
 * years apart, thousands of data references, a cell of millions of characters, rows reaching
 * column XFD, millions of cells, a picture that would unpack to far more than it is. Sizes are
 * parameters: the tests build them small enough to run in a moment, `bench/hostile.ts` at the
 * sizes the attacks used.
 */
import { strToU8, zipSync } from 'fflate';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const TYPE = (kind: string) => `${R}/${kind}`;

/** Text for XML content and attributes. */
export const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Column letters of a zero-based index: 0 is A, 16383 is XFD. */
export function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export type Value = string | number | null;

/** One cell: a number as it is, a text inline (`t="inlineStr"`). */
export function cellXml(row: number, col: number, v: Value): string {
  const ref = `${letters(col)}${row + 1}`;
  if (v === null) return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`;
}

/** Rows of values from a zero-based row on, as `<row>` elements. */
export function rowsXml(rows: Value[][], first = 0): string {
  return rows.map((cells, i) => `<row r="${first + i + 1}">${cells.map((v, c) => cellXml(first + i, c, v)).join('')}</row>`).join('');
}

export const sheetXml = (rows: string) => `<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`;

export interface SheetSpec {
  name: string;
  /** The `<sheetData>` rows as XML. */
  rows: string;
}

/**
 * A package with its workbook, relationships and sheets; `sheetElements` replaces the workbook's
 * `<sheet>` list, `parts` adds or replaces parts (a shared strings part, a picture).
 */
export function workbookBytes(sheets: SheetSpec[], options: { sheetElements?: string; parts?: Record<string, string | Uint8Array>; rels?: string; level?: 0 | 1 | 6 | 9 } = {}): Uint8Array {
  const sheetList = options.sheetElements ?? sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${TYPE('worksheet')}" Target="worksheets/sheet${i + 1}.xml"/>`).join('') + (options.rels ?? '');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    '_rels/.rels': strToU8(`<Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${TYPE('officeDocument')}" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets>${sheetList}</sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships xmlns="${REL}">${rels}</Relationships>`),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s.rows))));
  for (const [name, content] of Object.entries(options.parts ?? {})) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files, { level: options.level ?? 6 });
}

/** A shared strings part holding these items (`<si>` inner XML each) and its relationship. */
export function sharedStrings(items: string[]): { parts: Record<string, string>; rels: string } {
  return {
    parts: { 'xl/sharedStrings.xml': `<sst xmlns="${MAIN}" count="${items.length}" uniqueCount="${items.length}">${items.map((i) => `<si>${i}</si>`).join('')}</sst>` },
    rels: `<Relationship Id="rIdS" Type="${TYPE('sharedStrings')}" Target="sharedStrings.xml"/>`,
  };
}

export const PLAN_HEADER = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Data', 'Grænse'];

/** A plan sheet's rows: agency, year, a blank row, the header, then the requirement rows. */
export function planRows(requirements: Value[][], agency: Value = 'Styrelsen'): Value[][] {
  return [['Myndighed', agency], ['År', 2024], [], PLAN_HEADER, ...requirements];
}

/** The plan of a title, as a plan sheet of one requirement. */
const onePlan = (title: Value = 'Sager'): SheetSpec => ({ name: 'Plan', rows: rowsXml(planRows([['1', title, 100, 'mindst', 10, null, null]])) });

// ---- the attacks -------------------------------------------------------------------------------

/** `count` `<sheet>` elements, every one naming the same plan part. */
export function sheetsOnOnePart(count: number): Uint8Array {
  const elements: string[] = [];
  for (let i = 0; i < count; i++) elements.push(`<sheet name="S${i}" sheetId="${i + 1}" r:id="rId1"/>`);
  return workbookBytes([onePlan()], { sheetElements: elements.join(''), level: 9 });
}

/**
 * A plan whose one requirement counts working days over `pairs` pairs of dates on a case sheet:
 * every other pair 1900 to 9999, the others done in two working days (Wednesday 27 March to
 * Wednesday 3 April 2024, over Easter). Half are within the limit of 2.
 */
export function workingDayPairs(pairs: number): Uint8Array {
  const cases: Value[][] = [['Start', 'Slut']];
  for (let i = 0; i < pairs; i++) cases.push(i % 2 ? ['2024-03-27', '2024-04-03'] : ['1900-01-02', '9999-12-31']);
  const plan = planRows([['1', 'Sager inden for 2 arbejdsdage', 100, 'andel', '50 %', `Sager!A2:B${pairs + 1}`, '2 arbejdsdage']]);
  return workbookBytes([{ name: 'Plan', rows: rowsXml(plan) }, { name: 'Sager', rows: rowsXml(cases) }], { level: 9 });
}

/**
 * A plan of `refs` requirements, each a mean over a data reference to a case sheet of `rows`
 * numbers: all the same range (`same`), or each its own (one row shorter than the one before).
 */
export function dataReferences(refs: number, rows: number, same: boolean): Uint8Array {
  const requirements: Value[][] = [];
  for (let i = 0; i < refs; i++) requirements.push([`${i + 1}`, `Gennemsnit ${i + 1}`, 1, 'mindst', 1, `Sager!A${same ? 1 : i + 1}:A${rows}`, null]);
  const cases: Value[][] = [];
  for (let r = 0; r < rows; r++) cases.push([r % 7]);
  return workbookBytes([{ name: 'Plan', rows: rowsXml(planRows(requirements)) }, { name: 'Sager', rows: rowsXml(cases) }], { level: 9 });
}

/** A plan whose title cell holds `chars` characters, written as a shared string, an inline string or a formula's text. */
export function longTitle(chars: number, as: 'shared' | 'inline' | 'formula'): Uint8Array {
  const text = repeatedNoise(chars);
  const rows = planRows([['1', '§TITLE§', 100, 'mindst', 10, null, null]]);
  const titleCell = { shared: `<c r="B5" t="s"><v>0</v></c>`, inline: `<c r="B5" t="inlineStr"><is><t>${text}</t></is></c>`, formula: `<c r="B5" t="str"><f>"x"</f><v>${text}</v></c>` }[as];
  const xml = rowsXml(rows).replace(/<c r="B5" t="inlineStr"><is><t>§TITLE§<\/t><\/is><\/c>/, titleCell);
  const shared = sharedStrings([`<t>${text}</t>`]);
  return workbookBytes([{ name: 'Plan', rows: xml }], as === 'shared' ? { parts: shared.parts, rels: shared.rels, level: 9 } : { level: 9 });
}

/**
 * Text of `chars` letters that unpacks at about 100 : 1, under the zip bomb ratio: 8 KB of
 * pseudo-random letters, repeated (deflate finds the repeats within its 32 KB window).
 */
function repeatedNoise(chars: number): string {
  let seed = 1;
  const block = Array.from({ length: 8192 }, () => String.fromCharCode(97 + ((seed = (seed * 48_271) % 2_147_483_647) % 26))).join('');
  return block.repeat(Math.ceil(chars / block.length)).slice(0, chars);
}

/** A plan of one requirement, then `rows` rows each with one number in column XFD. */
export function rowsAtXfd(rows: number): Uint8Array {
  const plan = rowsXml(planRows([['1', 'Sager', 100, 'mindst', 10, null, null]]));
  const far: string[] = [];
  for (let r = 5; r < 5 + rows; r++) far.push(`<row r="${r + 1}"><c r="XFD${r + 1}"><v>${r}</v></c></row>`);
  return workbookBytes([{ name: 'Plan', rows: plan + far.join('') }], { level: 9 });
}

/** A plan with `rows` requirement rows of `cols` cells each below its header. */
export function cellsBelowHeader(rows: number, cols: number): Uint8Array {
  const out: string[] = [rowsXml(planRows([]))];
  for (let r = 4; r < 4 + rows; r++) {
    const cells = [`<c r="A${r + 1}" t="inlineStr"><is><t>${r}</t></is></c>`];
    for (let c = 1; c < cols; c++) cells.push(`<c r="${letters(c)}${r + 1}"><v>${c}</v></c>`);
    out.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  }
  return workbookBytes([{ name: 'Plan', rows: out.join('') }], { level: 9 });
}

/** A plan beside a picture of `megabytes` zeros that no plan reads: it would unpack at over 1,000 : 1. */
export function unreadPicture(megabytes: number): Uint8Array {
  return workbookBytes([onePlan()], { parts: { 'xl/media/image1.png': new Uint8Array(megabytes * 2 ** 20) }, level: 6 });
}

/** A package of `count` parts besides a plan's. */
export function manyParts(count: number): Uint8Array {
  const parts: Record<string, string> = {};
  for (let i = 0; i < count; i++) parts[`xl/media/p${i}.bin`] = '';
  return workbookBytes([onePlan()], { parts, level: 0 });
}

/**
 * A plan whose rows are read through shared strings with phonetic runs (`<rPh>`) and Excel's
 * `_xHHHH_` escapes, and through inline strings with a phonetic run: row 5's type is `mindst`
 * (its reading `XX` no part of it) and its title `Sager behandlet`; row 6's title `Frist` (not
 * `FristYY`); row 7's title `Kode _x0041_` (an escaped underscore keeps the rest as written).
 */
export function phoneticAndEscapes(): Uint8Array {
  const shared = sharedStrings([
    '<r><t>mindst</t></r><rPh sb="0" eb="1"><t>XX</t></rPh><phoneticPr fontId="1"/>',
    '<t>Sager_x0020_behandlet</t>',
    '<t>Kode _x005F_x0041_</t>',
  ]);
  const row = (r: number, id: string, title: string, weight: number) =>
    `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${id}</t></is></c>${title}<c r="C${r}"><v>${weight}</v></c><c r="D${r}" t="s"><v>0</v></c><c r="E${r}"><v>10</v></c></row>`;
  const rows =
    rowsXml(planRows([])) +
    row(5, '1', '<c r="B5" t="s"><v>1</v></c>', 50) +
    row(6, '2', '<c r="B6" t="inlineStr"><is><r><t>Frist</t></r><rPh sb="0" eb="1"><t>YY</t></rPh></is></c>', 25) +
    row(7, '3', '<c r="B7" t="s"><v>2</v></c>', 25);
  return workbookBytes([{ name: 'Plan', rows }], { parts: shared.parts, rels: shared.rels });
}

/** A plan beside a case sheet of `cols` columns of which a data reference names one, column C. */
export function wideCaseSheet(rows: number, cols: number): Uint8Array {
  const cases: Value[][] = [];
  for (let r = 0; r < rows; r++) cases.push(Array.from({ length: cols }, (_, c) => r * 100 + c));
  const plan = planRows([['1', 'Gennemsnit', 100, 'mindst', 1, `Sager!C1:C${rows}`, null]]);
  return workbookBytes([{ name: 'Plan', rows: rowsXml(plan) }, { name: 'Sager', rows: rowsXml(cases) }], { level: 9 });
}

/** A sheet whose name is far longer than Excel's 31 characters. */
export function longSheetName(chars: number): Uint8Array {
  return workbookBytes([{ name: 'Plan', rows: rowsXml(planRows([['1', 'Sager', 100, 'mindst', 10, null, null]])) }], {
    sheetElements: `<sheet name="${'P'.repeat(chars)}" sheetId="1" r:id="rId1"/>`,
  });
}

/** A plan whose agency (which the score sheet's page header names) is `chars` characters long. */
export function longAgency(chars: number): Uint8Array {
  return workbookBytes([{ name: 'Plan', rows: rowsXml(planRows([['1', 'Sager', 100, 'mindst', 10, null, null]], `&${'A'.repeat(chars)}`)) }]);
}

/** An element whose attribute holds `chars` characters. */
export function longAttribute(chars: number): Uint8Array {
  return workbookBytes([{ name: 'Plan', rows: rowsXml(planRows([['1', 'Sager', 100, 'mindst', 10, null, null]])) }], {
    sheetElements: `<sheet name="Plan" sheetId="1" r:id="rId1" x="${'x'.repeat(chars)}"/>`,
  });
}

/** Text split by comments: `<t>Sag<!-- … -->er</t>`, the comment `chars` long. */
export function commentInText(chars: number): Uint8Array {
  const xml = rowsXml(planRows([['1', '§', 100, 'mindst', 10, null, null]])).replace('<t>§</t>', `<t>Sag<!--${'-x'.repeat(chars / 2)} -->er</t>`);
  return workbookBytes([{ name: 'Plan', rows: xml }]);
}

/**
 * Not hostile but large: a case sheet of `rows` rows (Excel's full height is 1,048,575 below its
 * header) and ten columns, feeding four requirements — a share within 10 working days over two
 * date columns, a mean, a share under a limit and a count — as a normal input must be read.
 */
export function caseSheet(rows: number): Uint8Array {
  const out: string[] = [rowsXml([['Id', 'Start', 'Slut', 'Tid', 'Kategori', 'A', 'B', 'C', 'D', 'E']])];
  for (let r = 1; r <= rows; r++) {
    const n = r + 1;
    out.push(
      `<row r="${n}"><c r="A${n}"><v>${r}</v></c><c r="B${n}"><v>${45_000 + (r % 300)}</v></c><c r="C${n}"><v>${45_010 + (r % 300)}</v></c><c r="D${n}"><v>${r % 50}</v></c>` +
        `<c r="E${n}" t="inlineStr"><is><t>K${r % 9}</t></is></c><c r="F${n}"><v>1</v></c><c r="G${n}"><v>2</v></c><c r="H${n}"><v>3</v></c><c r="I${n}"><v>4</v></c><c r="J${n}"><v>5</v></c></row>`,
    );
  }
  const end = rows + 1;
  const plan = planRows([
    ['1', 'Inden for 10 arbejdsdage', 25, 'andel', '80 %', `Sager!B2:C${end}`, '10 arbejdsdage'],
    ['2', 'Gennemsnitlig tid', 25, 'højst', 30, `Sager!D2:D${end}`, null],
    ['3', 'Andel under 20', 25, 'andel', '50 %', `Sager!D2:D${end}`, 20],
    ['4', 'Sager i alt', 25, 'mindst', 1, `Sager!A2:A${end}`, null],
  ]);
  return workbookBytes([{ name: 'Plan', rows: rowsXml(plan) }, { name: 'Sager', rows: out.join('') }]);
}

/** `sheets` sheets that are no plan, each of 30 rows with one number in column XFD: the header search's own rows. */
export function headRowsAtXfd(sheets: number): Uint8Array {
  const rows: string[] = [];
  for (let r = 1; r <= 30; r++) rows.push(`<row r="${r}"><c r="XFD${r}"><v>${r}</v></c></row>`);
  const specs = Array.from({ length: sheets }, (_, i) => ({ name: `Data ${i + 1}`, rows: rows.join('') }));
  return workbookBytes([{ name: 'Plan', rows: rowsXml(planRows([['1', 'Sager', 100, 'mindst', 10, null, null]])) + rows.slice(10).join('').replace(/XFD/g, 'XFC') }, ...specs], { level: 9 });
}

/** A styles part of `xfs` cell formats, or one number format whose code is `codeChars` long. */
export function manyStyles(xfs: number, codeChars = 10): Uint8Array {
  const styles = `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="${'0'.repeat(codeChars)}"/></numFmts><cellXfs count="${xfs}">${'<xf numFmtId="0"/>'.repeat(xfs)}</cellXfs></styleSheet>`;
  return workbookBytes([onePlan()], { parts: { 'xl/styles.xml': styles }, rels: `<Relationship Id="rIdY" Type="${TYPE('styles')}" Target="styles.xml"/>` });
}
