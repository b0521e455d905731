/** The user's settings, kept in the browser's local storage of the add-in's origin. */
import { isLanguageCode, languageOfLocale, type LanguageCode } from '../i18n';
import { DEFAULT_PARTIAL_CREDIT } from '../engine';

export interface Settings {
  language: 'auto' | LanguageCode;
  /** Credit for "delvist opfyldt" when a plan names none, 0–1. */
  partialCredit: number;
}

const KEY = 'goalscore.settings';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage can be blocked, e.g. in some embedded browsers
  }
}

export function loadSettings(): Settings {
  const defaults: Settings = { language: 'auto', partialCredit: DEFAULT_PARTIAL_CREDIT };
  try {
    const saved = JSON.parse(storage()?.getItem(KEY) ?? '{}') as Partial<Settings>;
    const language = saved.language === 'auto' || isLanguageCode(saved.language) ? saved.language : 'auto';
    const credit = typeof saved.partialCredit === 'number' && saved.partialCredit >= 0 && saved.partialCredit <= 1 ? saved.partialCredit : defaults.partialCredit;
    return { language, partialCredit: credit };
  } catch {
    return defaults;
  }
}

export function saveSettings(settings: Settings): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // Settings then last for this session only.
  }
}

/** The language whose Office languages hold a BCP 47 tag's language subtag (`nn-NO` is read as bokmål), else English. */
export function languageFor(tag: string | undefined): LanguageCode {
  return languageOfLocale(tag) ?? 'en';
}

export function resolveLanguage(settings: Settings, hostTag: string | undefined): LanguageCode {
  return settings.language === 'auto' ? languageFor(hostTag) : settings.language;
}
