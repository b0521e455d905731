/**
 * Every number on every sheet the product writes, rendered through its number format as Danish,
 * Norwegian, English and Swedish Excel show it (numfmt, an Excel-compatible renderer): whole numbers
 * without a trailing separator, dates as dates, percents as percents.
 */
import { format, isDateFormat, isPercentFormat } from 'numfmt';
import type { LayoutValue, SheetLayout } from '../src/layout/model';
import { pack } from '../src/i18n';
import { writtenLayouts } from './written';

const LOCALES = ['da-DK', 'nb-NO', 'en-US', 'sv-SE'];

interface Shown {
  where: string;
  value: number;
  code: string;
  text: string;
}

function numbers(name: string, sheet: SheetLayout, locale: string): Shown[] {
  const out: Shown[] = [];
  sheet.values.forEach((row: LayoutValue[], r) =>
    row.forEach((value, c) => {
      if (typeof value !== 'number') return;
      const code = sheet.numberFormats[r]?.[c] ?? 'General';
      out.push({ where: `${name} › ${sheet.name}!R${r + 1}C${c + 1}`, value, code, text: format(code, value, { locale }) });
    }),
  );
  return out;
}

let layouts: Awaited<ReturnType<typeof writtenLayouts>>;
beforeAll(async () => {
  layouts = await writtenLayouts();
});

test.each(LOCALES)('in %s no number ends in a separator, dates read as dates and percents as percents', (locale) => {
  const shown = layouts.flatMap(([name, layout]) => layout.sheets.flatMap((sheet) => numbers(name, sheet, locale)));
  expect(shown.length).toBeGreaterThan(1000);
  const wrong = shown.filter(({ code, text }) => {
    if (/[.,]$|[.,]\s*%$/.test(text) || text.includes('#') || /E[+-]/.test(text)) return true;
    if (isDateFormat(code)) return !/^\d{2}([-.])\d{2}\1\d{4}$/.test(text);
    if (isPercentFormat(code)) return !/%$/.test(text);
    return false;
  });
  expect(wrong).toEqual([]);
  // Danish, Norwegian and Swedish show a decimal comma.
  const sample = shown.find((s) => isPercentFormat(s.code) && Math.round(s.value * 1000) % 10 !== 0)!;
  expect(sample.text).toMatch(locale === 'en-US' ? /\d\.\d%$/ : /\d,\d%$/);
});

test('what it takes to meet a milestone reads as a date, done or not', () => {
  const words = pack('da').sheet.columns;
  let checked = 0;
  for (const [name, layout] of layouts.filter(([n]) => n.startsWith('score workbook') && n.endsWith('(da)'))) {
    const sheet = layout.sheets[0];
    const header = sheet.values.findIndex((r) => r[0] === 'Nr.');
    const required = sheet.values[header].indexOf(words.required);
    const deadline = sheet.values[header].indexOf(words.deadline);
    if (required < 0 || deadline < 0) continue;
    const rows = sheet.values.map((row, r) => ({ row, r })).filter(({ row, r }) => r > header && typeof row[deadline] === 'number' && typeof row[required] === 'number');
    for (const { r } of rows) expect({ name, r, code: sheet.numberFormats[r][required] }).toEqual({ name, r, code: pack('da').sheet.dateFormat });
    checked += rows.length;
  }
  expect(checked).toBeGreaterThanOrEqual(4);
});

test('Norwegian score sheets write dates dd.mm.yyyy, Danish dd-mm-yyyy, in every locale Excel shows them in', () => {
  const dates = (name: string) =>
    layouts.filter(([n]) => n === name).flatMap(([n, layout]) => layout.sheets.flatMap((sheet) => numbers(n, sheet, 'en-US'))).filter((s) => isDateFormat(s.code));
  const norwegian = dates('overview');
  const danish = dates('score workbook 000-kriminalforsorgen-2024 (da)');
  expect(norwegian.length).toBeGreaterThan(3);
  expect(danish.length).toBeGreaterThan(3);
  for (const locale of LOCALES) {
    expect(norwegian.map((d) => format(d.code, d.value, { locale })).filter((t) => !/^\d{2}\.\d{2}\.\d{4}$/.test(t))).toEqual([]);
    expect(danish.map((d) => format(d.code, d.value, { locale })).filter((t) => !/^\d{2}-\d{2}-\d{4}$/.test(t))).toEqual([]);
  }
});
