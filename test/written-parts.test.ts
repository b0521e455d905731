/**
 * What every written workbook carries beside its cells, part by part: a theme, a fill of its own for
 * every chart series, charts that never cover one another, a shape-id block of its own for every
 * notes drawing, text with its edge spaces, and the add-in's functions stored as Excel stores them.
 */
import { buildPaymentWorkbook } from '../scripts/payment-rule';
import { chartBox, placeChart, type ChartLayout, type SheetLayout, type WorkbookLayout } from '../src/layout/model';
import { workbookBytes } from '../src/xlsx';
import { unzipParts } from './ooxml';
import { writtenLayouts } from './written';

let written: [string, WorkbookLayout, Map<string, string>][];
beforeAll(async () => {
  written = (await writtenLayouts()).map(([name, layout]) => [name, layout, unzipParts(workbookBytes(layout))]);
});

const partsOf = (parts: Map<string, string>, pattern: RegExp) => [...parts].filter(([name]) => pattern.test(name));

test('every workbook has the Office theme, with its relationship and content type', () => {
  expect(written.length).toBeGreaterThan(15);
  for (const [name, , parts] of written) {
    const theme = parts.get('xl/theme/theme1.xml');
    expect({ name, theme: !!theme }).toEqual({ name, theme: true });
    expect(theme).toContain('<a:accent1><a:srgbClr val="4472C4"/></a:accent1>');
    expect(theme).toMatch(/<a:minorFont><a:latin typeface="Calibri"/);
    expect(parts.get('xl/_rels/workbook.xml.rels')).toMatch(/Type="[^"]+\/relationships\/theme" Target="theme\/theme1\.xml"/);
    expect(parts.get('[Content_Types].xml')).toContain('<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>');
  }
});

test('every chart series has a colour of its own, written out, not left to the theme', () => {
  let series = 0;
  for (const [name, , parts] of written) {
    for (const [part, xml] of partsOf(parts, /^xl\/charts\/chart\d+\.xml$/)) {
      const all = [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => m[1]);
      expect(all.length).toBeGreaterThan(0);
      const colours = all.map((ser) => /^<c:idx val="\d+"\/><c:order val="\d+"\/><c:tx>[\s\S]*?<\/c:tx><c:spPr>(?:<a:ln [^>]*>)?<a:solidFill><a:srgbClr val="([0-9A-F]{6})"\/>/.exec(ser)?.[1]);
      expect({ name, part, colours: colours.every(Boolean) }).toEqual({ name, part, colours: true });
      expect(new Set(colours).size).toBe(colours.length);
      series += all.length;
    }
  }
  expect(series).toBeGreaterThan(20);
});

const overlapping = (sheet: SheetLayout) => {
  const boxes = sheet.charts.map((c) => ({ c, box: chartBox(c) }));
  const out: string[] = [];
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      if (a.box.top <= b.box.bottom && b.box.top <= a.box.bottom && a.box.left <= b.box.right && b.box.left <= a.box.right)
        out.push(`${sheet.name}: ${a.c.title} ${a.c.anchor.from}:${a.c.anchor.to} and ${b.c.title} ${b.c.anchor.from}:${b.c.anchor.to}`);
    }),
  );
  return out;
};

test('no two charts of a sheet overlap, in any workbook of any seed', () => {
  const charts = written.flatMap(([, layout]) => layout.sheets.flatMap((s) => s.charts));
  expect(charts.length).toBeGreaterThan(15);
  expect(written.filter(([, layout]) => layout.sheets.some((s) => s.charts.length > 1)).length).toBeGreaterThan(0);
  expect(written.flatMap(([name, layout]) => layout.sheets.flatMap(overlapping).map((o) => `${name} › ${o}`))).toEqual([]);
});

test('the layout rule moves a chart below the charts it would cover, keeping its size and columns', () => {
  const chart = (title: string, from: string, to: string): ChartLayout => ({ kind: 'line', title, source: 'A1:B2', anchor: { from, to }, axis: { min: 0, format: 'General' } });
  // Seed 000's score by period once stood over its chart by area.
  const byArea = chart('by area', 'F55', 'J73');
  const placed = placeChart([byArea], chart('by period', 'E65', 'L81'));
  expect(placed.anchor).toEqual({ from: 'E75', to: 'L91' });
  // Below two, the lower one decides; a chart that meets none stays where it was.
  const lower = chart('lower', 'A80', 'F85');
  expect(placeChart([byArea, lower], chart('third', 'E65', 'L81')).anchor).toEqual({ from: 'E87', to: 'L103' });
  expect(placeChart([byArea], chart('beside', 'K55', 'P60')).anchor).toEqual({ from: 'K55', to: 'P60' });
});

test('each notes drawing has its own shape-id block, and its shapes ids from it', () => {
  const overview = written.find(([name]) => name === 'overview')!;
  const vml = partsOf(overview[2], /^xl\/drawings\/vmlDrawing\d+\.vml$/);
  expect(vml.length).toBeGreaterThanOrEqual(3);
  const blocks = vml.map(([, xml]) => Number(/<o:idmap v:ext="edit" data="(\d+)"\/>/.exec(xml)![1]));
  expect(new Set(blocks).size).toBe(blocks.length);
  vml.forEach(([, xml], i) => {
    const ids = [...xml.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id > blocks[i] * 1024 && id < (blocks[i] + 1) * 1024)).toBe(true);
  });
});

test('a drawing with more notes than one block holds takes several blocks, every shape id once', () => {
  const notes = Array.from({ length: 2500 }, (_, i) => ({ cell: `A${i + 1}`, text: `note ${i}` }));
  const sheet = (name: string, n: SheetLayout['notes']): SheetLayout => ({
    name, role: 'score', values: [['x']], numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [], notes: n, charts: [], print: { orientation: 'portrait', fitToWidth: false },
  });
  const parts = unzipParts(workbookBytes({ sheets: [sheet('A', notes), sheet('B', notes.slice(0, 2))] }));
  const first = parts.get('xl/drawings/vmlDrawing1.vml')!;
  expect(/data="([\d,]+)"/.exec(first)![1]).toBe('1,2,3');
  expect(/data="([\d,]+)"/.exec(parts.get('xl/drawings/vmlDrawing2.vml')!)![1]).toBe('4');
  const ids = [...first.matchAll(/<v:shape id="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
  expect(new Set(ids).size).toBe(2500);
  expect(ids.every((id) => [1, 2, 3].includes(Math.floor(id / 1024)) && id % 1024 !== 0)).toBe(true);
});

test('text with spaces at either end keeps them, as Excel writes it; other text has no attribute', () => {
  const sheet: SheetLayout = {
    name: 'Ark', role: 'score', values: [[' Mål ', 'Mål', 'slut\n']], numberFormats: [], styles: [], columnWidths: [], rowHeights: [], conditionalFormats: [],
    notes: [{ cell: 'A1', text: ' en note' }, { cell: 'B1', text: 'note' }], charts: [], print: { orientation: 'portrait', fitToWidth: false },
  };
  const parts = unzipParts(workbookBytes({ sheets: [sheet] }));
  expect(parts.get('xl/sharedStrings.xml')).toContain('<si><t xml:space="preserve"> Mål </t></si><si><t>Mål</t></si><si><t xml:space="preserve">slut\n</t></si>');
  expect(parts.get('xl/comments1.xml')).toContain('<text><t xml:space="preserve"> en note</t></text></comment><comment ref="B1" authorId="0"><text><t>note</t></text>');
});

test('GOALSCORE functions are stored as Excel stores a custom function: a dynamic array over its cell, bound to the metadata part', () => {
  const parts = unzipParts(workbookBytes(buildPaymentWorkbook()));
  const sheet = parts.get('xl/worksheets/sheet1.xml')!;
  const cells = [...sheet.matchAll(/<c r="(G\d+)"([^>]*)><f([^>]*)>([^<]*)<\/f><v>([^<]*)<\/v><\/c>/g)];
  expect(cells.length).toBe(5);
  for (const [, ref, attrs, f, formula] of cells) {
    expect(attrs).toContain('cm="1"');
    expect(f).toBe(` t="array" ref="${ref}"`);
    expect(formula).toMatch(/^_xldudf_GOALSCORE_FORMULA\(\$B\$3,/);
  }
  // The plain Excel formulas beside them stay shared, without cell metadata.
  expect(sheet).toMatch(/<c r="H6"><f t="shared" ref="H6:H10" si="0">MIN\(/);
  const metadata = parts.get('xl/metadata.xml')!;
  expect(metadata).toContain('<metadataType name="XLDAPR"');
  expect(metadata).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
  expect(metadata).toContain('<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>');
  expect(parts.get('xl/_rels/workbook.xml.rels')).toMatch(/relationships\/sheetMetadata" Target="metadata\.xml"/);
  expect(parts.get('[Content_Types].xml')).toContain('<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>');
  // Without the add-in, Excel shows the stored results until it recalculates; nothing asks it to on open.
  expect(parts.get('xl/workbook.xml')).not.toContain('fullCalcOnLoad');
  // A workbook without the functions has no metadata part.
  const score = written.find(([name]) => name.startsWith('score workbook'))![2];
  expect(score.has('xl/metadata.xml')).toBe(false);
  expect(score.get('xl/worksheets/sheet1.xml')).not.toContain(' cm="');
});
