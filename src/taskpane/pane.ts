/** What the pane's modes and views share: the pane's language, settings and last-year choice. */
import type { LanguagePack } from '../i18n';
import type { LastYearPlan } from '../pipeline';
import type { Settings } from '../addin/settings';

export interface Pane {
  lang(): LanguagePack;
  settings(): Settings;
  /** Last year's plans to set beside this year's, when the user has chosen a file. */
  lastYear(): LastYearPlan[] | undefined;
}

/** A mode of the pane (inside Excel, or files in a browser): redraws itself in the pane's language. */
export interface Mode {
  rerender(): void;
}
