/**
 * Everything the product says, in every language of the engine's registry: the engine's words
 * (src/engine/i18n) joined with the product's own (score workbook, task pane, header notes,
 * messages about files and outputs, and where the language shows in Office and on disk).
 */
import { PACKS, fill, formatWith, formatter, isLanguageCode, periodCoverage, type EnginePack, type LanguageCode, type PeriodResult } from '../engine';
import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import { sv } from './sv';
import type { LanguagePack, MessageKey, ProductWords } from './types';

export { fill, isLanguageCode, typeNames, type LanguageCode } from '../engine';
export type { CliWords, FunctionWords, LanguagePack, ManifestTextKey, MessageKey, OfficeFailureKey, ProductMessageKey, ProductProblem, ScoreColumnKey, SheetWords, UiWords } from './types';

/** The product's words of every language the engine registers: the compiler names a language without them. */
const PRODUCT: { readonly [K in LanguageCode]: ProductWords } = { da, nb, en, sv };

function join(engine: EnginePack<LanguageCode>): LanguagePack {
  const product = PRODUCT[engine.code];
  return { ...engine, ...product, messages: { ...engine.messages, ...product.messages } };
}

export const LANGUAGES = Object.fromEntries(PACKS.map((p) => [p.code, join(p)])) as Record<LanguageCode, LanguagePack>;

/** The languages' codes, in the registry's order: what `--lang` and the pane's language setting offer. */
export const LANGUAGE_CODES: readonly LanguageCode[] = PACKS.map((p) => p.code);


/** The language's words, or Danish's for anything that names no language. */
export function pack(code: string | undefined): LanguagePack {
  return isLanguageCode(code) ? LANGUAGES[code] : LANGUAGES.da;
}

/**
 * The language a locale names, by its first subtag and the languages each pack answers for in
 * Office: `da_DK.UTF-8`, `nb-NO`, `nn`, `no` (Norwegian is written in bokmål), `sv-SE`, `en-GB`;
 * null for any other, `C` and `POSIX` included.
 */
export function languageOfLocale(locale: string | undefined): LanguageCode | null {
  const primary = /^([a-z]{2,3})(?![a-z])/i.exec(locale ?? '')?.[1].toLowerCase();
  if (!primary) return null;
  return LANGUAGE_CODES.find((code) => LANGUAGES[code].office.languages.includes(primary)) ?? null;
}

/** A problem's message in the user's language. */
export function formatMessage(message: { key: MessageKey; args?: Record<string, string | number> }, lang: LanguagePack): string {
  return formatWith(lang.messages[message.key], message.key, message.args, lang);
}

/** How many problems, and of them errors and warnings, as the status line says it; empty without problems. */
export function problemSummary(problems: readonly { severity: 'error' | 'warning' }[], lang: LanguagePack): string {
  if (!problems.length) return '';
  const errors = problems.filter((p) => p.severity === 'error').length;
  return `${lang.ui.problems}: ${problems.length} (${lang.severities.error}: ${errors}, ${lang.severities.warning}: ${problems.length - errors}).`;
}

/**
 * A plan's score period by period, each saying how much of the plan it covers where the periods
 * cover it unalike: `Udvikling: 2016 7,7 % (1 af 13 mål) → … → 2019 100 % (13 af 13 mål)`.
 */
export function trendText(periods: readonly PeriodResult[], lang: LanguagePack): string {
  const f = formatter(lang);
  const coverage = periodCoverage(periods);
  const figures = periods.map((p, i) => {
    const c = coverage[i];
    const covers = c ? ` (${fill(lang.sheet.periodCoverage, { assessed: c.assessed, total: c.of })})` : '';
    return `${p.label} ${p.score === null ? '–' : f.percent(p.score)}${covers}`;
  });
  return `${lang.ui.trend}: ${figures.join(' → ')}`;
}
