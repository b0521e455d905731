/**
 * The styles part of a written workbook: fonts, fills, borders and number formats are collected
 * as cells ask for them, each distinct one once, and every distinct combination is one cell
 * format (`<xf>`) that cells point at by index.
 */
import type { CellStyle } from '../layout/model';
import { esc } from './xml';

const BORDER_COLOR = 'FF8A8886';

/** Indexes of distinct values, in the order they were first asked for. */
export class Registry {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(initial: string[] = []) {
    for (const item of initial) this.id(item);
  }

  id(item: string): number {
    let i = this.index.get(item);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(item);
      this.index.set(item, i);
    }
    return i;
  }

  /** A new index for an item, without looking for an alike one; `id` does not find it later. */
  add(item: string): number {
    return this.items.push(item) - 1;
  }
}

const argb = (hex: string) => `FF${hex.toUpperCase()}`;

function fontXml(style: CellStyle): string {
  return (
    `<font>${style.bold ? '<b/>' : ''}${style.italic ? '<i/>' : ''}<sz val="${style.fontSize ?? 11}"/>` +
    `${style.fontColor ? `<color rgb="${argb(style.fontColor)}"/>` : '<color theme="1"/>'}<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`
  );
}

const fillXml = (hex: string) => `<fill><patternFill patternType="solid"><fgColor rgb="${argb(hex)}"/><bgColor indexed="64"/></patternFill></fill>`;

function borderXml(top: boolean, bottom: boolean): string {
  const edge = (tag: string, on: boolean) => (on ? `<${tag} style="thin"><color rgb="${BORDER_COLOR}"/></${tag}>` : `<${tag}/>`);
  return `<border>${edge('left', false)}${edge('right', false)}${edge('top', top)}${edge('bottom', bottom)}<diagonal/></border>`;
}

function alignmentXml(style: CellStyle): string {
  const vertical = style.vAlign === 'middle' ? 'center' : style.vAlign;
  const attrs = [
    style.hAlign ? `horizontal="${style.hAlign}"` : '',
    vertical ? `vertical="${vertical}"` : '',
    style.wrap ? 'wrapText="1"' : '',
    style.indent ? `indent="${style.indent}"` : '',
  ].filter(Boolean);
  return attrs.length ? `<alignment ${attrs.join(' ')}/>` : '';
}

/** Excel's own number format ids for the codes it knows, so they are not declared again. */
const BUILTIN_IDS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '@': 49 };

export class StyleSheet {
  private readonly fonts = new Registry([fontXml({})]);
  private readonly fills = new Registry(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  private readonly borders = new Registry([borderXml(false, false)]);
  private readonly numFmts = new Registry();
  private readonly xfs = new Registry(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  /** Cell format index by style object and number format, so a style object is looked at once. */
  private readonly memo = new Map<CellStyle | undefined, Map<string | null, number>>();
  /** Cell format index by what a style says, for alike style objects. */
  private readonly byContent = new Map<string, number>();

  /** The cell format index for a style and a number format code. */
  xf(style: CellStyle | undefined, numberFormat: string | null): number {
    let byFormat = this.memo.get(style);
    if (!byFormat) this.memo.set(style, (byFormat = new Map()));
    let index = byFormat.get(numberFormat);
    if (index === undefined) {
      const s = style ?? {};
      const key = `${s.bold ? 1 : 0}${s.italic ? 1 : 0}${s.wrap ? 1 : 0}${s.borderTop ? 1 : 0}${s.borderBottom ? 1 : 0}|${s.fontSize ?? ''}|${s.fontColor ?? ''}|${s.fill ?? ''}|${s.hAlign ?? ''}|${s.vAlign ?? ''}|${s.indent ?? ''}|${numberFormat ?? ''}`;
      index = this.byContent.get(key);
      if (index === undefined) this.byContent.set(key, (index = this.build(s, numberFormat)));
      byFormat.set(numberFormat, index);
    }
    return index;
  }

  private build(style: CellStyle, numberFormat: string | null): number {
    // An own key only: a format code `constructor` is a custom format, not Object's.
    const numFmtId = numberFormat === null ? 0 : Object.hasOwn(BUILTIN_IDS, numberFormat) ? BUILTIN_IDS[numberFormat] : 164 + this.numFmts.id(numberFormat);
    const fontId = style.bold || style.italic || style.fontSize || style.fontColor ? this.fonts.id(fontXml(style)) : 0;
    const fillId = style.fill ? this.fills.id(fillXml(style.fill)) : 0;
    const borderId = style.borderTop || style.borderBottom ? this.borders.id(borderXml(!!style.borderTop, !!style.borderBottom)) : 0;
    const alignment = alignmentXml(style);
    const applied = [
      numFmtId ? ' applyNumberFormat="1"' : '',
      fontId ? ' applyFont="1"' : '',
      fillId ? ' applyFill="1"' : '',
      borderId ? ' applyBorder="1"' : '',
      alignment ? ' applyAlignment="1"' : '',
    ].join('');
    const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applied}`;
    return this.xfs.id(alignment ? `${open}>${alignment}</xf>` : `${open}/>`);
  }

  /** How many cell formats there are: every `s` index written is below it. */
  get count(): number {
    return this.xfs.items.length;
  }

  xml(): string {
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;
    const numFmts = this.numFmts.items.map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${esc(code)}"/>`);
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (numFmts.length ? list('numFmts', numFmts) : '') +
      list('fonts', this.fonts.items) +
      list('fills', this.fills.items) +
      list('borders', this.borders.items) +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      list('cellXfs', this.xfs.items) +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>` +
      `</styleSheet>`
    );
  }
}
