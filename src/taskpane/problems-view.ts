/**
 * Problems as Fluent 2's message bars: a severity icon and word, the cell as a link that takes the
 * user there (in Excel), and the message saying what to type. A problem of a whole file speaks of
 * "the file": its name stands once, in the heading of its group.
 */
import { fill, formatMessage, type LanguagePack } from '../i18n';
import type { FileProblem } from '../pipeline';
import { icon } from './icons';
import { $, el } from './view';

/** A file's problem in plain words, the file named by the group's heading rather than again here. */
export function fileMessage(p: FileProblem, lang: LanguagePack): string {
  if (p.message.key === 'fileDamaged') return lang.ui.fileDamagedPlain;
  const text = formatMessage({ ...p.message, args: { ...p.message.args, file: lang.ui.theFile } }, lang);
  return text.charAt(0).toLocaleUpperCase(lang.locale) + text.slice(1);
}

/** What a problem says: a plan's message as it is, a file's in plain words. */
export function problemText(p: FileProblem, lang: LanguagePack): string {
  return p.sheet ? formatMessage(p.message, lang) : fileMessage(p, lang);
}

/** The cell a problem is at, as Excel writes it. */
export const placeOf = (p: FileProblem) => (p.sheet ? `${p.sheet}!${p.cell}` : '');

/** A link-looking button to the problem's cell; its name is the cell, after words only a reader hears. */
export function cellLink(p: FileProblem, lang: LanguagePack, onSelect: (p: FileProblem) => void): HTMLElement {
  const place = placeOf(p);
  const lead = fill(lang.ui.goTo, { place: '' }).trim();
  const link = el('button', { type: 'button', class: 'link' });
  link.append(el('span', { class: 'visually-hidden' }, `${lead} `), place);
  link.addEventListener('click', () => onSelect(p));
  return link;
}

/** One problem as a message bar. */
export function messageBar(p: FileProblem, lang: LanguagePack, onSelect?: (p: FileProblem) => void): HTMLElement {
  const bar = el('li', { class: `message-bar ${p.severity}` });
  const body = el('p', { class: 'message-body' });
  body.append(el('strong', { class: 'severity' }, `${lang.severities[p.severity]}:`), ' ');
  if (p.sheet) body.append(onSelect ? cellLink(p, lang, onSelect) : el('span', { class: 'place' }, placeOf(p)), ' ');
  body.append(el('span', { class: 'message' }, problemText(p, lang)));
  bar.append(icon(p.severity), body);
  return bar;
}

const errorsFirst = (a: FileProblem, b: FileProblem) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1);
const hasError = (list: FileProblem[]) => (list.some((p) => p.severity === 'error') ? 0 : 1);

/**
 * Problems grouped by plan (its file and sheet), the groups with errors first and errors first
 * within each; with `onSelect` each one whose cell `selectable` allows takes the user there.
 */
export function problemGroups(problems: FileProblem[], lang: LanguagePack, onSelect?: (p: FileProblem) => void, selectable: (p: FileProblem) => boolean = (p) => !!p.sheet): HTMLElement[] {
  const groups = new Map<string, FileProblem[]>();
  for (const p of problems) {
    const name = [p.file, p.sheet].filter(Boolean).join(' – ');
    (groups.get(name) ?? groups.set(name, []).get(name)!).push(p);
  }
  const ordered = [...groups].sort(([, a], [, b]) => hasError(a) - hasError(b));
  return ordered.map(([name, list]) => {
    const group = el('li', { class: 'problem-group' });
    if (name) group.append(el('h3', {}, name));
    const items = el('ul', { class: 'problem-items' });
    items.append(...[...list].sort(errorsFirst).map((p) => messageBar(p, lang, onSelect && selectable(p) ? onSelect : undefined)));
    group.append(items);
    return group;
  });
}

/** The results view's problems, above the plans' cards; shown once something has been scored. */
export function renderProblems(problems: FileProblem[], lang: LanguagePack, onSelect?: (p: FileProblem) => void, shown = true, selectable?: (p: FileProblem) => boolean): void {
  $('problems').hidden = !shown;
  $('no-problems').hidden = problems.length > 0;
  $('problem-list').replaceChildren(...problemGroups(problems, lang, onSelect, selectable));
}
