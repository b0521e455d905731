/**
 * Every workbook the product writes, checked part by part as Excel would: score workbooks of every
 * seed, the consolidated overview, a saved scenario, the seed plans, the three templates and the
 * payment rule. Then the checker itself is shown to catch what it claims to catch.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { buildPlanWorkbook, templateSpec } from '../src/xlsx/planWorkbook';
import { scoreWorkbookBytes, workbookBytes } from '../src/xlsx';
import { excelProblems, excelProblemsOf, OOXML_SCHEMAS, repairTriggers, schemaErrors, schemaErrorsOf, unzipParts, WORKBOOK_SCHEMA } from './ooxml';
import { xsdErrors } from './xsd';
import { SEED_PLANS, writtenLayouts } from './written';

const SEEDS = path.join(__dirname, '..', 'seeds');
const SEED_FILES = SEED_PLANS.map((seed) => `${seed}.xlsx`);

test('every workbook the product writes is valid for Excel, part by part', async () => {
  const workbooks: [string, Uint8Array][] = (await writtenLayouts()).map(([name, layout]) => [name, workbookBytes(layout)]);
  // The committed seed files too, as they are.
  for (const name of [...SEED_FILES, 'rules/betaling-for-ophold.xlsx', 'template/maalplan-skabelon.xlsx']) workbooks.push([`file ${name}`, await fs.readFile(path.join(SEEDS, name))]);
  expect(workbooks.length).toBeGreaterThan(15);
  const problems = await excelProblemsOf(workbooks.map(([, bytes]) => bytes));
  workbooks.forEach(([name], i) => expect({ name, problems: problems[i] }).toEqual({ name, problems: [] }));
}, 120_000);

test('score sheets carry what the checker must see: notes, data bars, charts, drop-downs', async () => {
  const scored = scoreWorkbookBytes(await fs.readFile(path.join(SEEDS, SEED_FILES[0])), 'da');
  const parts = unzipParts(scored.output!);
  expect([...parts.keys()]).toEqual(expect.arrayContaining(['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml', 'xl/charts/chart1.xml', 'xl/drawings/drawing1.xml']));
  const sheet = parts.get('xl/worksheets/sheet1.xml')!;
  expect(sheet).toContain('<dataBar>');
  expect(sheet).toContain('iconSet="3TrafficLights1"');
  // The note's VML comes after the drawing, as the schema orders them.
  expect(sheet.indexOf('<legacyDrawing')).toBeGreaterThan(sheet.indexOf('<drawing'));
  const template = unzipParts(workbookBytes(buildPlanWorkbook(templateSpec('da')))).get('xl/worksheets/sheet1.xml')!;
  expect(template.match(/<dataValidation /g)!.length).toBe(3);
});

describe('the checker', () => {
  const sheet = (body: string) =>
    `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${body}</worksheet>`;

  test('finds a schema error: <legacyDrawing> after <extLst>', async () => {
    const parts = new Map([['xl/worksheets/sheet1.xml', sheet('<sheetData/><extLst/><legacyDrawing r:id="rId1"/>')]]);
    expect(await schemaErrors(parts)).toEqual([
      expect.stringMatching(/^xl\/worksheets\/sheet1\.xml:1: .*Element '\{[^}]+\}legacyDrawing': This element is not expected/),
      'xl/worksheets/sheet1.xml fails to validate',
    ]);
    expect(await schemaErrors(new Map([['xl/worksheets/sheet1.xml', sheet('<sheetData/><legacyDrawing r:id="rId1"/><extLst/>')]]))).toEqual([]);
  });

  test('finds a part whose root is valid elsewhere but not for its kind: shared strings in a worksheet part', async () => {
    const strings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';
    expect(await schemaErrors(new Map([['xl/worksheets/sheet1.xml', strings]]))).toEqual([
      'xl/worksheets/sheet1.xml: the root element is {http://schemas.openxmlformats.org/spreadsheetml/2006/main}sst, not {http://schemas.openxmlformats.org/spreadsheetml/2006/main}worksheet',
    ]);
    expect(await schemaErrors(new Map([['xl/sharedStrings.xml', strings]]))).toEqual([]);
  });

  test('finds overlapping drop-downs, repeated priorities, styles out of range, bad sheet names, dangling relationships', () => {
    const parts = new Map([
      ['xl/styles.xml', '<styleSheet><cellXfs count="2"/></styleSheet>'],
      ['xl/workbook.xml', '<workbook><sheets><sheet name="Plan" r:id="rId1"/><sheet name="PLAN" r:id="rId2"/><sheet name="a[1]" r:id="rId3"/></sheets></workbook>'],
      [
        'xl/worksheets/sheet1.xml',
        sheet(
          '<sheetData><row r="1"><c r="A1" s="5"/></row></sheetData>' +
            '<conditionalFormatting sqref="A1"><cfRule type="dataBar" priority="1"/></conditionalFormatting><conditionalFormatting sqref="B1"><cfRule type="iconSet" priority="1"/></conditionalFormatting>' +
            '<dataValidations count="2"><dataValidation sqref="E7:E306"/><dataValidation sqref="E10:E306"/></dataValidations>',
        ),
      ],
      ['xl/_rels/workbook.xml.rels', '<Relationships><Relationship Id="rId9" Target="worksheets/sheet9.xml"/></Relationships>'],
    ]);
    const found = repairTriggers(parts).join('\n');
    for (const what of [/overlap: E7:E306 and E10:E306/, /priorities repeat/, /style 5 beyond 2/, /sheet name twice: PLAN/, /not allowed: a\[1\]/, /missing part xl\/worksheets\/sheet9\.xml/]) expect(found).toMatch(what);
  });

  test('applies Markup Compatibility before validating', async () => {
    const xml = sheet('<sheetData/>').replace('<worksheet ', '<worksheet xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac" x14ac:dyDescent="0.25" ');
    expect(await schemaErrors(new Map([['xl/worksheets/sheet1.xml', xml]]))).toEqual([]);
    // The same part as written, without that step, is refused for the attribute it drops.
    const raw = await xsdErrors(OOXML_SCHEMAS, WORKBOOK_SCHEMA, [{ name: 'sheet1.xml', xml }]);
    expect(raw.join('\n')).toMatch(/attribute '\{http:\/\/schemas\.microsoft\.com\/office\/spreadsheetml\/2009\/9\/ac\}dyDescent': The attribute .* is not allowed/);
  });

  test('allows xml:space on <t> as Excel writes it, and no other attribute there, nor xml:space elsewhere', async () => {
    const strings = (si: string) => new Map([['xl/sharedStrings.xml', `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">${si}</sst>`]]);
    const inline = (cell: string) => new Map([['xl/worksheets/sheet1.xml', sheet(`<sheetData><row r="1">${cell}</row></sheetData>`)]]);
    // One validator run for all, each sample's errors its own.
    const [plain, rich, inlineText, otherAttribute, onItem, onCell] = await schemaErrorsOf([
      strings('<si><t xml:space="preserve"> Mål </t></si>'),
      strings('<si><r><t xml:space="preserve">Mål </t></r><r><rPr><b/></rPr><t>nået</t></r></si>'),
      inline('<c r="A1" t="inlineStr"><is><t xml:space="preserve"> ja</t></is></c>'),
      strings('<si><t lang="da">Mål</t></si>'),
      strings('<si xml:space="preserve"><t> Mål </t></si>'),
      inline('<c r="A1" t="inlineStr" xml:space="preserve"><is><t> ja</t></is></c>'),
    ]);
    expect([plain, rich, inlineText]).toEqual([[], [], []]);
    expect(otherAttribute[0]).toMatch(/^xl\/sharedStrings\.xml:1: .*Element '\{[^}]+\}t', attribute 'lang': The attribute 'lang' is not allowed/);
    expect(onItem[0]).toMatch(/^xl\/sharedStrings\.xml:1: .*Element '\{[^}]+\}si', attribute '\{http:\/\/www\.w3\.org\/XML\/1998\/namespace\}space': The attribute .* is not allowed/);
    expect(onCell[0]).toMatch(/^xl\/worksheets\/sheet1\.xml:1: .*Element '\{[^}]+\}c', attribute '\{http:\/\/www\.w3\.org\/XML\/1998\/namespace\}space': The attribute .* is not allowed/);
  });

  test('a whole package with a broken part is caught', async () => {
    const bytes = zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheet('<sheetData><row r="1"><c r="A1" t="x"/></row></sheetData>')) });
    expect(await excelProblems(bytes)).toEqual([expect.stringMatching(/^xl\/worksheets\/sheet1\.xml:1: .*attribute 't'.*'x'/), 'xl/worksheets/sheet1.xml fails to validate']);
  });
});
