/**
 * Everything the product says, in Danish, Norwegian bokmål and English: the engine's words
 * (src/engine/i18n) joined with the product's own (score workbook, task pane, header notes and
 * messages about files and outputs).
 */
import { ENGINE_LANGUAGES, formatWith, type LanguageCode } from '../engine/i18n';
import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import type { LanguagePack, MessageKey, ProductWords } from './types';

export { fill, typeNames, type LanguageCode } from '../engine/i18n';
export type { LanguagePack, MessageKey, OfficeFailureKey, ProductMessageKey, ProductProblem, ScoreColumnKey, SheetWords, UiWords } from './types';

const PRODUCT: Record<LanguageCode, ProductWords> = { da, nb, en };

function join(code: LanguageCode): LanguagePack {
  const engine = ENGINE_LANGUAGES[code];
  const product = PRODUCT[code];
  return { ...engine, ...product, messages: { ...engine.messages, ...product.messages } };
}

export const LANGUAGES: Record<LanguageCode, LanguagePack> = { da: join('da'), nb: join('nb'), en: join('en') };

export function pack(code: string | undefined): LanguagePack {
  return LANGUAGES[(code ?? 'da') as LanguageCode] ?? LANGUAGES.da;
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
