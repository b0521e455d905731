/**
 * What the ribbon command says when it is done: it runs in the pane's shared runtime, so it hands
 * the pane a notice (an event on the window) and opens the pane, where the notice shows in the
 * status line, announced to screen readers, with the problems listed to go to. The command imports
 * nothing of the pane, and the pane nothing of the command.
 */
import type { PlanResult } from '../engine';
import type { FileProblem } from '../pipeline';

export const NOTICE_EVENT = 'goalscore:notice';

export interface Notice {
  text: string;
  problems: FileProblem[];
  /** Results to show, when the command scored plans. */
  results?: PlanResult[];
}

export function publishNotice(notice: Notice): void {
  window.dispatchEvent(new CustomEvent<Notice>(NOTICE_EVENT, { detail: notice }));
  // Open the pane so the notice is seen (SharedRuntime 1.1); where it cannot open, the event is kept by no one.
  void Office.addin?.showAsTaskpane?.().catch(() => undefined);
}

export function onNotice(listener: (notice: Notice) => void): void {
  window.addEventListener(NOTICE_EVENT, (e) => listener((e as CustomEvent<Notice>).detail));
}
