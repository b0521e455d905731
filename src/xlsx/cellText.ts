/**
 * Text as Excel keeps it in a workbook file, and Excel's own limits on it: 32,767 characters in a
 * cell, 31 in a sheet name, 255 in a page header or footer.
 */

import { clip, PAGE_TEXT_CHARS } from '../engine';

/**
 * Text with Excel's escapes decoded: `_xHHHH_` is the character with that code (how a file holds
 * control characters), and `_x005F_` an underscore, which is how a literal `_x0041_` is written
 * (`_x005F_x0041_`). Decoded left to right once, as Excel does.
 */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A page header or footer's left, centre and right text, in Excel's codes. */
export interface PageSections {
  left?: string;
  center?: string;
  right?: string;
}

/**
 * A header or footer within Excel's 255 characters, its codes (`&L`, `&C`, `&R` included): the
 * longest section is cut until it fits, never inside a code (`&P`, `&&`, `&"-,Bold"`).
 */
export function fitPage(t: PageSections): PageSections {
  const out = { ...t };
  const length = () => (['left', 'center', 'right'] as const).reduce((n, k) => n + (out[k] ? out[k]!.length + 2 : 0), 0);
  for (let over = length() - PAGE_TEXT_CHARS; over > 0; over = length() - PAGE_TEXT_CHARS) {
    const key = (['left', 'center', 'right'] as const).reduce((a, b) => ((out[b]?.length ?? 0) > (out[a]?.length ?? 0) ? b : a));
    out[key] = wholeCodes(clip(out[key]!, Math.max(0, out[key]!.length - over)));
  }
  return out;
}

/** A cut section without a code left half: an unclosed `&"font"`, or a lone `&` at the end. */
function wholeCodes(text: string): string {
  const font = text.lastIndexOf('&"');
  let whole = font >= 0 && text.indexOf('"', font + 2) < 0 ? text.slice(0, font) : text;
  const ampersands = whole.length - whole.replace(/&+$/, '').length;
  if (ampersands % 2 === 1) whole = whole.slice(0, -1);
  return whole;
}
