/**
 * The task pane: native controls in Fluent 2's look (its design tokens), the language from Office
 * (or the user's choice), and one of two modes: inside Excel, or in a plain browser with files
 * picked from disk.
 */
import { describeFailure, OfficeFailure, REQUIRED_API } from '../excel/failures';
import { LANGUAGES, pack, type LanguageCode } from '../i18n';
import type { Mode, Pane } from './pane';
import { startFileMode } from './file-mode';
import { startLastYear, type LastYearPicker } from './last-year-view';
import { loadSettings, resolveLanguage, saveSettings, type Settings } from '../addin/settings';
import { startTabs } from './tabs';
import { applyWords, setHelpLink, setStatus } from './view';
import { followTheme } from './theme';
import '../commands/commands';

followTheme();

let settings: Settings = loadSettings();
let hostLanguage: string | undefined = navigator.language;
let lastYear: LastYearPicker | null = null;
const pane: Pane = { lang: () => pack(resolveLanguage(settings, hostLanguage)), settings: () => settings, lastYear: () => lastYear?.plans() };
let mode: Mode | null = null;

function renderSettings(): void {
  const lang = pane.lang();
  // The attribute, not the value: a number the user is still typing stays as typed.
  document.getElementById('partial-credit')!.setAttribute('value', String(Math.round(settings.partialCredit * 100)));
  const options = document.getElementById('language-options')!;
  // Native radios in the fieldset, its legend naming the group. Made once, so the radio the user
  // moved to with the arrow keys keeps the focus when the pane changes language.
  if (!options.childElementCount) {
    const choices: ['auto' | LanguageCode, string][] = [['auto', lang.ui.automatic], ...Object.values(LANGUAGES).map((p) => [p.code, p.name] as [LanguageCode, string])];
    for (const [value, name] of choices) {
      const radio = Object.assign(document.createElement('input'), { type: 'radio', name: 'language', id: `language-${value}`, value });
      const text = Object.assign(document.createElement('span'), { textContent: name });
      if (value === 'auto') text.dataset.ui = 'automatic';
      const choice = Object.assign(document.createElement('label'), { className: 'choice' });
      choice.append(radio, text);
      options.append(choice);
    }
  }
  for (const radio of options.querySelectorAll('input')) radio.checked = radio.value === settings.language;
}

function update(next: Settings): void {
  settings = next;
  saveSettings(settings);
  applyWords(pane.lang());
  renderSettings();
  lastYear?.rerender();
  mode?.rerender();
}

function start(inExcel: boolean): void {
  applyWords(pane.lang());
  renderSettings();
  document.getElementById('language-options')!.addEventListener('change', (e) => {
    const value = (e.target as HTMLInputElement).value as Settings['language'];
    if (value && value !== settings.language) update({ ...settings, language: value });
  });
  const credit = document.getElementById('partial-credit') as HTMLInputElement;
  credit.addEventListener('change', () => {
    const percent = Number(String(credit.value).replace(',', '.'));
    if (Number.isFinite(percent) && percent >= 0 && percent <= 100) update({ ...settings, partialCredit: percent / 100 });
  });
  if (inExcel && !Office.context.requirements.isSetSupported(REQUIRED_API.set, REQUIRED_API.version)) {
    // An Excel too old for the add-in: say so, and offer nothing that would fail half-way.
    setStatus(describeFailure(new OfficeFailure('OldExcel'), pane.lang()));
    return;
  }
  lastYear = startLastYear(pane);
  const tabs = startTabs(() => setHelpLink(pane.lang()));
  // Excel mode (the Office adapter, the layout) is a chunk of its own, loaded only inside Excel,
  // where Office.js takes longer to start than the chunk to arrive; file mode is small and here.
  if (!inExcel) mode = startFileMode(pane, tabs);
  else void import(/* webpackChunkName: "excel-mode" */ './excel-mode').then((m) => (mode = m.startExcelMode(pane, tabs)));
}

// Office.js may be missing (no network, plain browser): then the pane runs in file mode.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  Office.onReady((info) => {
    const inExcel = info.host === Office.HostType.Excel;
    if (inExcel) hostLanguage = Office.context.displayLanguage;
    // Office's theme is known once Office is ready.
    if (inExcel) followTheme();
    start(inExcel);
  });
} else {
  start(false);
}
