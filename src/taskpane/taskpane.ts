/**
 * The task pane: Fluent 2 web components, the language from Office (or the user's choice), and
 * one of two modes: inside Excel, or in a plain browser with files picked from disk.
 */
import { describeFailure, OfficeFailure, REQUIRED_API } from '../excel/failures';
import '@fluentui/web-components/badge/define.js';
import '@fluentui/web-components/button/define.js';
import '@fluentui/web-components/checkbox/define.js';
import '@fluentui/web-components/field/define.js';
import '@fluentui/web-components/progress-bar/define.js';
import '@fluentui/web-components/radio/define.js';
import '@fluentui/web-components/radio-group/define.js';
import '@fluentui/web-components/text-input/define.js';
import { LANGUAGES, pack, type LanguageCode } from '../i18n';
import type { Mode, Pane } from './pane';
import { startFileMode } from './file-mode';
import { startLastYear, type LastYearPicker } from './last-year-view';
import { loadSettings, resolveLanguage, saveSettings, type Settings } from '../addin/settings';
import { applyWords, setStatus } from './view';
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
  const credit = document.getElementById('partial-credit') as HTMLElement & { value: string };
  credit.setAttribute('value', String(Math.round(settings.partialCredit * 100)));
  const options = document.getElementById('language-options')!;
  const group = document.createElement('fluent-radio-group');
  group.setAttribute('name', 'language');
  group.setAttribute('aria-label', lang.ui.language);
  group.setAttribute('orientation', 'vertical');
  // The roles live in ElementInternals; stated on the elements too, checkers such as axe-core see them.
  group.setAttribute('role', 'radiogroup');
  const choices: ['auto' | LanguageCode, string][] = [['auto', lang.ui.automatic], ...Object.values(LANGUAGES).map((p) => [p.code, p.name] as [LanguageCode, string])];
  for (const [value, label] of choices) {
    const field = document.createElement('fluent-field');
    field.setAttribute('label-position', 'after');
    const text = document.createElement('label');
    text.slot = 'label';
    text.textContent = label;
    const radio = document.createElement('fluent-radio');
    radio.slot = 'input';
    radio.id = `language-${value}`;
    radio.setAttribute('value', value);
    radio.setAttribute('role', 'radio');
    radio.setAttribute('aria-checked', String(settings.language === value));
    if (settings.language === value) radio.setAttribute('checked', '');
    field.append(text, radio);
    group.append(field);
  }
  group.addEventListener('change', () => {
    const value = (group as HTMLElement & { value: string }).value as Settings['language'];
    if (value && value !== settings.language) update({ ...settings, language: value });
  });
  options.replaceChildren(group);
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
  const credit = document.getElementById('partial-credit') as HTMLElement & { value: string };
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
  // Excel mode (the Office adapter, the layout) is a chunk of its own, loaded only inside Excel,
  // where Office.js takes longer to start than the chunk to arrive; file mode is small and here.
  if (!inExcel) mode = startFileMode(pane);
  else void import(/* webpackChunkName: "excel-mode" */ './excel-mode').then((m) => (mode = m.startExcelMode(pane)));
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
