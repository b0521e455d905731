import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import type { LanguageCode, LanguagePack } from './types';
import type { ColumnKey, MessageRef } from '../types';

export type { LanguageCode, LanguagePack, ScoreColumnKey, UiWords, Vocabulary, OfficeFailureKey } from './types';

/** Fills `{name}` places in a UI template. */
export function fill(template: string, args: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(args[name] ?? `{${name}}`));
}

/** Every language the product speaks; the reader understands all of them at once. */
export const LANGUAGES: Record<LanguageCode, LanguagePack> = { da, nb, en };
export const PACKS: readonly LanguagePack[] = Object.values(LANGUAGES);

export function pack(code: string | undefined): LanguagePack {
  return LANGUAGES[(code ?? 'da') as LanguageCode] ?? da;
}

/** Fills a message template's `{name}` places with its arguments. */
export function formatMessage(message: MessageRef, lang: LanguagePack): string {
  const args = message.args ?? {};
  // A `column` argument is a column's key; the message names the column as the language does.
  const column = typeof args.column === 'string' ? lang.vocabulary.columns[args.column as ColumnKey]?.[0] : undefined;
  return fill(lang.messages[message.key] ?? message.key, column ? { ...args, column } : args);
}
