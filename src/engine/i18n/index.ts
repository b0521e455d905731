import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import type { LanguageCode, LanguagePack } from './types';
import type { MessageRef } from '../types';

export type { LanguageCode, LanguagePack, ScoreColumnKey, Vocabulary } from './types';

/** Every language the product speaks; the reader understands all of them at once. */
export const LANGUAGES: Record<LanguageCode, LanguagePack> = { da, nb, en };
export const PACKS: readonly LanguagePack[] = Object.values(LANGUAGES);

export function pack(code: string | undefined): LanguagePack {
  return LANGUAGES[(code ?? 'da') as LanguageCode] ?? da;
}

/** Fills a message template's `{name}` places with its arguments. */
export function formatMessage(message: MessageRef, lang: LanguagePack): string {
  const template = lang.messages[message.key] ?? message.key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(message.args?.[name] ?? `{${name}}`));
}
