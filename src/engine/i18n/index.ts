import { da } from './da';
import { en } from './en';
import { nb } from './nb';
import { sv } from './sv';
import type { EnginePack } from './types';
import { decimalText } from '../numerals';
import type { ColumnKey, CriterionKey, MeasureUnit } from '../types';

export type { EnginePack, ExplanationWords, Vocabulary } from './types';

/**
 * Every language the product speaks, registered here once: the language codes, the product's
 * packs (src/i18n), the CLI's `--lang`, Office's locales, the help pages and the templates all
 * follow from this list. The order is the reader's order of preference where two languages read
 * a word differently (Danish first).
 */
const REGISTRY = { da, nb, en, sv };

export type LanguageCode = keyof typeof REGISTRY;

/** Every language the engine speaks, each pack under its own code; the reader understands all of them at once. */
export const ENGINE_LANGUAGES: { readonly [K in LanguageCode]: EnginePack<K> } = REGISTRY;
export const PACKS: readonly EnginePack<LanguageCode>[] = Object.values(ENGINE_LANGUAGES);

/**
 * A template with its `{name}` arguments filled in. `{name:one|other}` is the word for one and for
 * any other number of `name`, so `{count} {count:række|rækker}` reads "1 række" and "3 rækker".
 */
export function fill(template: string, args: Record<string, string | number>): string {
  return template
    .replace(/\{(\w+):([^|{}]*)\|([^{}]*)\}/g, (_, name: string, one: string, other: string) => (Number(args[name]) === 1 ? one : other))
    .replace(/\{(\w+)\}/g, (_, name: string) => String(args[name] ?? `{${name}}`));
}

/** Whether a text is a language's code: an own key of the registry, not `toString` or `__proto__`. */
export function isLanguageCode(code: unknown): code is LanguageCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ENGINE_LANGUAGES, code);
}

/** The language's words, or Danish's for anything that names no language (an own key only, never `constructor`). */
export function enginePack(code: string | undefined): EnginePack<LanguageCode> {
  return isLanguageCode(code) ? ENGINE_LANGUAGES[code] : da;
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
 * `{name:number}` is a count as the language writes it (`10.000` in Danish, `10,000` in English,
 * `10 000` in Norwegian and Swedish); a plain `{name}` is written as it is, as row numbers and years are.
 */
function numbersIn(template: string, args: Record<string, string | number>, lang: EnginePack): string {
  if (!template.includes(':number}')) return template;
  return template.replace(/\{(\w+):number\}/g, (whole, name: string) => (typeof args[name] === 'number' ? decimalText(args[name] as number, 2, lang.numerals, lang.locale) : whole));
}

/**
 * Fills a message template's `{name}` places with its arguments; a `column`, `criterion`, `unit`
 * or `expected` argument (a key) is named as the language names it, and `{types}` lists the
 * criterion types.
 */
export function formatWith(template: string | undefined, key: string, args: Record<string, string | number> = {}, lang: EnginePack): string {
  const named = { ...args };
  const column = typeof args.column === 'string' ? lang.vocabulary.columns[args.column as ColumnKey]?.[0] : undefined;
  if (column) named.column = column;
  // A criterion type and units are named as the language names them.
  const criterion = typeof args.criterion === 'string' ? lang.vocabulary.types[args.criterion as CriterionKey]?.[0] : undefined;
  if (criterion) named.criterion = criterion;
  for (const name of ['unit', 'expected'] as const) {
    const unit = typeof args[name] === 'string' ? lang.explain.units[args[name] as MeasureUnit] : undefined;
    if (unit) named[name] = unit;
  }
  if (template?.includes('{types}')) named.types = typeNames(lang);
  return fill(numbersIn(template ?? key, named, lang), named);
}
