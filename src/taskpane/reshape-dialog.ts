/**
 * Asks before score sheets whose goals moved are updated: updating keeps the sheet (and what
 * points at it) but its cells now hold other goals; keeping moves the last run aside as a copy.
 */
import { fill, type LanguagePack } from '../i18n';
import type { ReshapeChoice } from '../excel';

/** Shows the question in a modal dialog; Escape, like Cancel, writes nothing. */
export function askReshape(sheets: string[], lang: LanguagePack): Promise<ReshapeChoice> {
  const dialog = document.getElementById('reshape-dialog') as HTMLDialogElement;
  document.getElementById('reshape-text')!.textContent = fill(lang.ui.reshapeText, { sheets: sheets.join(', ') });
  return new Promise((resolve) => {
    const choices: [string, ReshapeChoice][] = [['reshape-keep', 'keep'], ['reshape-replace', 'replace'], ['reshape-cancel', 'cancel']];
    const handlers = choices.map(([id, choice]) => {
      const button = document.getElementById(id)!;
      const onClick = () => finish(choice);
      button.addEventListener('click', onClick);
      return () => button.removeEventListener('click', onClick);
    });
    const onCancel = (e: Event) => {
      e.preventDefault();
      finish('cancel');
    };
    dialog.addEventListener('cancel', onCancel);
    function finish(choice: ReshapeChoice): void {
      handlers.forEach((off) => off());
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      resolve(choice);
    }
    dialog.showModal();
  });
}
