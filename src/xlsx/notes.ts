/**
 * A sheet's notes as Excel stores them: a comments part with the texts, and a VML drawing with a
 * hidden shape per note, which Excel needs to show one. Shape ids come in blocks of 1,024 that
 * belong to one drawing (`o:idmap data="N"`: ids from N × 1024 + 1); every drawing of a workbook
 * has blocks of its own, so no two shapes share an id.
 */
import { cellPosition } from '../engine';
import { cellTextWithin, type SheetLayout } from '../layout/model';
import { NS, textElement, XML_HEAD } from './xml';

/** Shapes per block: the block's first id (N × 1024) is the drawing's own, as in Excel's files. */
const SHAPES_PER_BLOCK = 1023;

/** Hands out shape-id blocks across a workbook's drawings, the first being 1 as Excel starts. */
export class ShapeIds {
  private next = 1;

  /** The blocks for a drawing of `count` shapes. */
  blocks(count: number): number[] {
    const n = Math.max(1, Math.ceil(count / SHAPES_PER_BLOCK));
    const out = Array.from({ length: n }, (_, i) => this.next + i);
    this.next += n;
    return out;
  }
}

/** The id of the i-th shape of a drawing with these blocks, as VML writes it (`_x0000_s1025`). */
export function shapeId(blocks: number[], i: number): string {
  const block = blocks[Math.floor(i / SHAPES_PER_BLOCK)];
  return `_x0000_s${block * 1024 + (i % SHAPES_PER_BLOCK) + 1}`;
}

function shapeXml(cell: string, id: string, z: number): string {
  const { row, col } = cellPosition(cell);
  return (
    `<v:shape id="${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:180pt;height:60pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 4}, 15, ${row + 4}, 4</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

/** The comments part and its VML drawing, the drawing's shape ids from `ids`. */
export function notesParts(notes: SheetLayout['notes'], ids: ShapeIds): { comments: string; vml: string } {
  const comments =
    `${XML_HEAD}<comments xmlns="${NS.main}"><authors><author>goalscore</author></authors><commentList>` +
    notes.map((n) => `<comment ref="${n.cell}" authorId="0"><text>${textElement(cellTextWithin(n.text))}</text></comment>`).join('') +
    `</commentList></comments>`;
  const blocks = ids.blocks(notes.length);
  const vml =
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(',')}"/></o:shapelayout>` +
    `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>` +
    `${notes.map((n, i) => shapeXml(n.cell, shapeId(blocks, i), i + 1)).join('')}</xml>`;
  return { comments, vml };
}
