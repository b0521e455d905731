/**
 * Everything the product says, in Danish, Norwegian bokmål and English: the engine's words
 * (src/engine/i18n) joined with the product's own (score workbook, task pane, header notes and
 * messages about files and outputs).
 */
import { ENGINE_LANGUAGES, formatWith, type LanguageCode } from '../engine';
import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import type { LanguagePack, MessageKey, ProductWords } from './types';

export { fill, typeNames, type LanguageCode } from '../engine';
export type { CliWords, LanguagePack, MessageKey, OfficeFailureKey, ProductMessageKey, ProductProblem, ScoreColumnKey, SheetWords, UiWords } from './types';

const PRODUCT: Record<LanguageCode, ProductWords> = { da, nb, en };

function join(code: LanguageCode): LanguagePack {
  const engine = ENGINE_LANGUAGES[code];
  const product = PRODUCT[code];
  return { ...engine, ...product, messages: { ...engine.messages, ...product.messages } };
}

export const LANGUAGES: Record<LanguageCode, LanguagePack> = { da: join('da'), nb: join('nb'), en: join('en') };

/** Whether a user's word names a language: an own key, so `constructor` or `__proto__` never does. */
export function isLanguage(code: unknown): code is LanguageCode {
  return typeof code === 'string' && Object.hasOwn(LANGUAGES, code);
}

/** The language's words, or Danish's for anything that names no language. */
export function pack(code: string | undefined): LanguagePack {
  return isLanguage(code) ? LANGUAGES[code] : LANGUAGES.da;
}

/**
 * The language a locale names, by its first subtag: `da_DK.UTF-8`, `nb-NO`, `nn`, `no` (Norwegian
 * is written in bokmål), `en-GB`; null for any other, `C` and `POSIX` included.
 */
export function languageOfLocale(locale: string | undefined): LanguageCode | null {
  const primary = /^([a-z]{2,3})(?![a-z])/i.exec(locale ?? '')?.[1].toLowerCase();
  if (primary === 'nn' || primary === 'no') return 'nb';
  return isLanguage(primary) ? primary : null;
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
