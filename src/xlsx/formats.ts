/** Number formats: the built-in ones Excel knows by id, those a styles part declares, and which show dates. */
import { WorkbookRefused } from './limits';
import type { Package } from './package';

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

/** Excel's own limits: 64,000 cell formats in a workbook, 255 characters in a number format's code. */
export const STYLES = 64_000;
export const FORMAT_CHARS = 255;

/** The number format of each cell style (`s` attribute), as code. Past Excel's limits the part is refused. */
export function cellFormats(pkg: Package, path: string | undefined): string[] {
  if (!path || !pkg.has(path)) return [];
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  const tooMany = () => new WorkbookRefused({ reason: 'tooComplex', detail: path });
  pkg.parse(path, {
    open: (name, a) => {
      if (name === 'numFmt') {
        if (custom.size >= STYLES || (a.formatCode?.length ?? 0) > FORMAT_CHARS) throw tooMany();
        custom.set(Number(a.numFmtId), a.formatCode ?? 'General');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        if (formats.length >= STYLES) throw tooMany();
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

/** Whether each format shows a date, decided once per format for a workbook's millions of cells. */
export function dateFormats(): (format: string) => boolean {
  const known = new Map<string, boolean>();
  return (format) => {
    let date = known.get(format);
    if (date === undefined) known.set(format, (date = isDateFormat(format)));
    return date;
  };
}
