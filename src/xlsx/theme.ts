/**
 * The workbook's theme part, as Excel's default Office theme has it: the colour scheme (text,
 * background and the six accents charts take their series colours from), the Calibri font pair the
 * styles' `scheme="minor"` fonts point at, and the format scheme. Excel falls back to this theme
 * when a workbook has none; other readers may not, so every written workbook carries it.
 */
import { NS, XML_HEAD } from './xml';

/** The Office theme's accents, in order: a chart's first series takes the first, and so on. */
export const ACCENTS = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'] as const;

const srgb = (hex: string) => `<a:srgbClr val="${hex}"/>`;

function colorScheme(): string {
  const accents = ACCENTS.map((hex, i) => `<a:accent${i + 1}>${srgb(hex)}</a:accent${i + 1}>`).join('');
  return (
    '<a:clrScheme name="Office">' +
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
    `<a:dk2>${srgb('44546A')}</a:dk2><a:lt2>${srgb('E7E6E6')}</a:lt2>${accents}` +
    `<a:hlink>${srgb('0563C1')}</a:hlink><a:folHlink>${srgb('954F72')}</a:folHlink></a:clrScheme>`
  );
}

function fontScheme(): string {
  const font = (latin: string) => `<a:latin typeface="${latin}" panose="020F0302020204030204"/><a:ea typeface=""/><a:cs typeface=""/>`;
  return `<a:fontScheme name="Office"><a:majorFont>${font('Calibri Light')}</a:majorFont><a:minorFont>${font('Calibri')}</a:minorFont></a:fontScheme>`;
}

/** A gradient of the placeholder colour, as the Office theme's subtle and intense fills are. */
function gradient(stops: [number, string][]): string {
  const gs = stops.map(([pos, mods]) => `<a:gs pos="${pos}"><a:schemeClr val="phClr">${mods}</a:schemeClr></a:gs>`).join('');
  return `<a:gradFill rotWithShape="1"><a:gsLst>${gs}</a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill>`;
}

function formatScheme(): string {
  const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
  const fills =
    solid +
    gradient([[0, '<a:lumMod val="110000"/><a:satMod val="105000"/><a:tint val="67000"/>'], [50000, '<a:lumMod val="105000"/><a:satMod val="103000"/><a:tint val="73000"/>'], [100000, '<a:lumMod val="105000"/><a:satMod val="109000"/><a:tint val="81000"/>']]) +
    gradient([[0, '<a:satMod val="103000"/><a:lumMod val="102000"/><a:tint val="94000"/>'], [50000, '<a:satMod val="110000"/><a:lumMod val="100000"/><a:shade val="100000"/>'], [100000, '<a:lumMod val="99000"/><a:satMod val="120000"/><a:shade val="78000"/>']]);
  const line = (w: number) => `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr">${solid}<a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>`;
  const effect = '<a:effectStyle><a:effectLst/></a:effectStyle>';
  const shadow =
    '<a:effectStyle><a:effectLst><a:outerShdw blurRad="57150" dist="19050" dir="5400000" algn="ctr" rotWithShape="0"><a:srgbClr val="000000"><a:alpha val="63000"/></a:srgbClr></a:outerShdw></a:effectLst></a:effectStyle>';
  const background = solid + '<a:solidFill><a:schemeClr val="phClr"><a:tint val="95000"/><a:satMod val="170000"/></a:schemeClr></a:solidFill>' +
    gradient([[0, '<a:tint val="93000"/><a:satMod val="150000"/><a:shade val="98000"/><a:lumMod val="102000"/>'], [50000, '<a:tint val="98000"/><a:satMod val="130000"/><a:shade val="90000"/><a:lumMod val="103000"/>'], [100000, '<a:shade val="63000"/><a:satMod val="120000"/>']]);
  return (
    `<a:fmtScheme name="Office"><a:fillStyleLst>${fills}</a:fillStyleLst>` +
    `<a:lnStyleLst>${line(6350)}${line(12700)}${line(19050)}</a:lnStyleLst>` +
    `<a:effectStyleLst>${effect}${effect}${shadow}</a:effectStyleLst>` +
    `<a:bgFillStyleLst>${background}</a:bgFillStyleLst></a:fmtScheme>`
  );
}

/** `xl/theme/theme1.xml`. */
export function themeXml(): string {
  return (
    `${XML_HEAD}<a:theme xmlns:a="${NS.a}" name="Office Theme"><a:themeElements>${colorScheme()}${fontScheme()}${formatScheme()}</a:themeElements>` +
    '<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>'
  );
}
