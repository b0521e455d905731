/**
 * A language is one pack: everything else follows from the registry (src/engine/i18n/index.ts)
 * or is checked against it here: manifest.xml's texts, the help pages, the templates, Office's
 * locales and the command line's --lang.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ENGINE_LANGUAGES, PACKS } from '../src/engine/i18n';
import { languageFor } from '../src/addin/settings';
import { HELP } from '../src/cli/help';
import { LANGUAGE_CODES, LANGUAGES, type LanguagePack, type ManifestTextKey } from '../src/i18n';
import { CRITERIA } from '../src/engine/criteria';
import { readPlan } from '../src/engine/reader';
import { fold } from '../src/engine/text';
import { assessmentIndex, columnIndex, metadataIndex, monthIndex, periodWords, scaleIndex, typeIndex, yesNoIndex } from '../src/engine/vocabulary';
import { readGrids } from '../src/xlsx';

const { helpPages } = require('../scripts/help-pages');

const ROOT = path.join(__dirname, '..');
const MANIFEST = fs.readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const packs = Object.values(LANGUAGES);

test('every registered language has its engine and product words, under its own code', () => {
  expect(Object.keys(LANGUAGES)).toEqual(Object.keys(ENGINE_LANGUAGES));
  for (const [code, p] of Object.entries(LANGUAGES)) {
    expect(p.code).toBe(code);
    expect(p.vocabulary).toBe(ENGINE_LANGUAGES[p.code].vocabulary);
    expect([p.ui.appTitle, p.messages.noHeader, p.messages.noPlanSheet]).toEqual([expect.any(String), expect.any(String), expect.any(String)]);
  }
});

test('every word of every language reads, in all languages at once, as its own language reads it, but Swedish Mål', () => {
  const indexes = { columns: columnIndex(), metadata: metadataIndex(), assessments: assessmentIndex(), scales: scaleIndex(), periods: periodWords() } as const;
  const types = typeIndex(CRITERIA.map((c) => c.key));
  const misread: string[] = [];
  for (const p of PACKS) {
    const v = p.vocabulary;
    const lists: [string, Map<string, unknown>, Record<string, readonly string[]>][] = [
      ...Object.entries(indexes).map(([name, index]) => [name, index, v[name as keyof typeof indexes]] as [string, Map<string, unknown>, Record<string, readonly string[]>]),
      ['types', types, v.types],
      ['yes/no', yesNoIndex(), { yes: v.yes, no: v.no }],
      ['months', monthIndex(), Object.fromEntries(v.months.map((names, i) => [i + 1, names]))],
    ];
    for (const [name, index, words] of lists) {
      for (const [key, list] of Object.entries(words)) {
        for (const word of list) if (String(index.get(fold(word))) !== key) misread.push(`${name} ${p.code} ${word}: ${key}, read as ${index.get(fold(word))}`);
      }
    }
  }
  // Swedish `Mål` is the target only where the header row is Swedish (see test/swedish.test.ts).
  expect(misread).toEqual(['columns sv Mål: target, read as title']);
});

/** The manifest's places that have texts per locale: the element or resource id, its default, and its overrides by locale. */
function localisedPlaces(xml: string): Map<string, { defaultValue: string; overrides: Map<string, string> }> {
  const places = new Map<string, { defaultValue: string; overrides: Map<string, string> }>();
  const element = /<(DisplayName|Description|SupportUrl|bt:String|bt:Url)\b([^>]*?)DefaultValue="([^"]*)"\s*>([\s\S]*?)<\/\1>/g;
  for (const m of xml.matchAll(element)) {
    const id = m[2].match(/id="([^"]+)"/)?.[1] ?? m[1];
    const overrides = new Map([...m[4].matchAll(/<(?:bt:)?Override Locale="([^"]+)" Value="([^"]*)"\s*\/>/g)].map((o) => [o[1], unescapeXml(o[2])]));
    places.set(id, { defaultValue: unescapeXml(m[3]), overrides });
  }
  return places;
}

const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const DEFAULT_LOCALE = MANIFEST.match(/<DefaultLocale>([^<]+)<\/DefaultLocale>/)![1];
const HELP_URLS = new Set(['SupportUrl', 'GetStarted.LearnMoreUrl']);

/** What a language's pack says a place of the manifest holds. */
function expected(p: LanguagePack, place: string): string {
  return HELP_URLS.has(place) ? `https://localhost:3000/${p.helpPage}` : p.manifest[place as ManifestTextKey];
}

/** Where manifest.xml and the packs disagree: a text that is not the pack's, or a locale no pack has. */
function manifestMismatches(xml: string): string[] {
  const wrong: string[] = [];
  for (const [place, { defaultValue, overrides }] of localisedPlaces(xml)) {
    for (const p of packs) {
      const want = expected(p, place);
      const got = p.office.locale === DEFAULT_LOCALE ? defaultValue : overrides.get(p.office.locale);
      if (got !== want) wrong.push(`${place} ${p.office.locale}: manifest ${JSON.stringify(got)}, pack ${JSON.stringify(want)}`);
    }
    for (const locale of overrides.keys()) if (!packs.some((p) => p.office.locale === locale)) wrong.push(`${place}: ${locale} is no pack’s locale`);
  }
  return wrong;
}

test('manifest.xml holds every language’s texts at every place that has texts per locale, as its pack says them', () => {
  expect([...localisedPlaces(MANIFEST).keys()].sort()).toEqual([...HELP_URLS, ...Object.keys(LANGUAGES.en.manifest)].sort());
  expect(packs.filter((p) => p.office.locale === DEFAULT_LOCALE)).toHaveLength(1);
  expect(manifestMismatches(MANIFEST)).toEqual([]);
});

test('a manifest that lacks a language’s text, holds another text or a locale of no pack is caught', () => {
  const lacking = MANIFEST.replace(/\s*<bt:Override Locale="nb-NO" Value="Beregn alle planer"\/>/, '');
  expect(manifestMismatches(lacking)).toEqual(['ScoreAllButton.Label nb-NO: manifest undefined, pack "Beregn alle planer"']);
  const stale = MANIFEST.replace('<Override Locale="nb-NO" Value="https://localhost:3000/help.nb.html"/>', '<Override Locale="nb-NO" Value="https://localhost:3000/help.no.html"/>');
  expect(manifestMismatches(stale)).toEqual(['SupportUrl nb-NO: manifest "https://localhost:3000/help.no.html", pack "https://localhost:3000/help.nb.html"']);
  const foreign = MANIFEST.replace('<Override Locale="nb-NO" Value="Måloppnåelse"/>', '<Override Locale="nb-NO" Value="Måloppnåelse"/><Override Locale="fi-FI" Value="Tavoitteet"/>');
  expect(manifestMismatches(foreign)).toEqual(['DisplayName: fi-FI is no pack’s locale']);
});

test('each language has its help page, which links to every other language’s page when built', () => {
  const pages: { code: string; template: string; filename: string; nav: string; alternates: string }[] = helpPages();
  expect(pages.map((p) => p.code)).toEqual(LANGUAGE_CODES);
  for (const page of pages) {
    const source = fs.readFileSync(path.join(ROOT, page.template), 'utf8');
    expect(source).toContain(`<html lang="${page.code}">`);
    // The links are written in by the build, so a new language edits no other page.
    expect(source).toContain('<%= htmlWebpackPlugin.options.page.nav %>');
    expect(source).toContain('<%= htmlWebpackPlugin.options.page.alternates %>');
    expect(source).not.toMatch(/href="help[.\w]*\.html"/);
    for (const other of packs.filter((p) => p.code !== page.code)) {
      expect(page.nav).toContain(`<a href="${other.helpPage}" lang="${other.code}" hreflang="${other.code}">${other.name}</a>`);
      expect(page.alternates).toContain(`<link rel="alternate" hreflang="${other.code}" href="${other.helpPage}" />`);
    }
    expect(page.nav).toContain(`<strong>${LANGUAGES[page.code as keyof typeof LANGUAGES].name}</strong>`);
  }
  expect(new Set(pages.map((p) => p.filename)).size).toBe(pages.length);
  // No page without a language.
  expect(fs.readdirSync(path.join(ROOT, 'src', 'help')).sort()).toEqual(pages.map((p) => path.basename(p.template)).sort());
});

test('each language has its blank template in seeds/template/, a plan in that language', () => {
  const dir = path.join(ROOT, 'seeds', 'template');
  expect(fs.readdirSync(dir).sort()).toEqual(packs.map((p) => p.template.file).sort());
  for (const p of packs) {
    const grids = readGrids(fs.readFileSync(path.join(dir, p.template.file)));
    expect(grids[0].name).toBe(p.template.sheet);
    const { plan } = readPlan(grids[0]);
    expect(plan).not.toBeNull();
    // Each column under the name its language writes first (Swedish `Mål` the goal, beside `Målvärde`).
    for (const key of ['id', 'title', 'weight', 'target', 'actual', 'assessment'] as const) expect(plan!.columns[key]?.header).toBe(p.vocabulary.columns[key][0]);
    expect(plan!.metadata.calendar).toBe(p.calendar ?? 'DK');
  }
});

test('Office’s display language names the pack whose Office languages hold it, else English', () => {
  for (const p of packs) expect(languageFor(p.office.locale)).toBe(p.code);
  expect(['da', 'da-DK', 'DA', 'nb-NO', 'nn-NO', 'no', 'sv-SE', 'sv-FI', 'SV', 'en-GB', 'fr-FR', 'de', '', undefined].map(languageFor)).toEqual([
    'da', 'da', 'da', 'nb', 'nb', 'nb', 'sv', 'sv', 'sv', 'en', 'en', 'en', 'en', 'en',
  ]);
});

test('the command line offers every language', () => {
  expect(HELP).toContain(`--lang ${LANGUAGE_CODES.join('|')}`);
  for (const p of packs) expect(HELP).toMatch(new RegExp(`messages: .*\\b${p.code}\\b`));
});
