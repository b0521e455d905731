import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import type { EnginePack, LanguageCode } from './types';
import type { ColumnKey } from '../types';

export type { EnginePack, ExplanationWords, LanguageCode, Vocabulary } from './types';

/** Fills `{name}` places in a template. */
/**
 * A template with its `{name}` arguments filled in. `{name:one|other}` is the word for one and for
 * any other number of `name`, so `{count} {count:række|rækker}` reads "1 række" and "3 rækker".
 */
export function fill(template: string, args: Record<string, string | number>): string {
  return template
    .replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (_, name: string, one: string, other: string) => (Number(args[name]) === 1 ? one : other))
    .replace(/\{(\w+)\}/g, (_, name: string) => String(args[name] ?? `{${name}}`));
}

/** Every language the engine speaks; the reader understands all of them at once. */
export const ENGINE_LANGUAGES: Record<LanguageCode, EnginePack> = { da, nb, en };
export const PACKS: readonly EnginePack[] = Object.values(ENGINE_LANGUAGES);

/** The language's words, or Danish's for anything that names no language (an own key only, never `constructor`). */
export function enginePack(code: string | undefined): EnginePack {
  return code !== undefined && Object.hasOwn(ENGINE_LANGUAGES, code) ? ENGINE_LANGUAGES[code as LanguageCode] : da;
}

/**
 * Every criterion type's first name in the language, as a list ending in "or" (`mindst, højst, …
 * formel eller alle`): what a Kravtype cell takes. The packs name the types in the order of the
 * criteria table (a test holds them to it).
 */
export function typeNames(lang: EnginePack): string {
  return new Intl.ListFormat(lang.locale, { type: 'disjunction' }).format(Object.values(lang.vocabulary.types).map((words) => words[0]));
}

/**
 * Fills a message template's `{name}` places with its arguments; a `column` argument is named as
 * the language names the column, and `{types}` lists the criterion types.
 */
export function formatWith(template: string | undefined, key: string, args: Record<string, string | number> = {}, lang: EnginePack): string {
  const named = { ...args };
  const column = typeof args.column === 'string' ? lang.vocabulary.columns[args.column as ColumnKey]?.[0] : undefined;
  if (column) named.column = column;
  if (template?.includes('{types}')) named.types = typeNames(lang);
  return fill(template ?? key, named);
}
