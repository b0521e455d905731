/** Ribbon command: "Score all plans" runs the whole pipeline without opening the pane. */
import { pack } from '../engine/i18n';
import { OfficeFailure, REQUIRED_API, scoreInExcel } from '../excel';
import { hostFeatures } from '../taskpane/host';
import { loadSettings, resolveLanguage } from '../taskpane/settings';

async function scoreAllPlans(event: Office.AddinCommands.Event): Promise<void> {
  try {
    if (!Office.context.requirements.isSetSupported(REQUIRED_API.set, REQUIRED_API.version)) throw new OfficeFailure('OldExcel');
    const settings = loadSettings();
    const lang = pack(resolveLanguage(settings, Office.context.displayLanguage));
    await Excel.run((ctx) => scoreInExcel(ctx, { lang, defaultPartialCredit: settings.partialCredit, features: hostFeatures() }));
  } catch (e) {
    // A command has no pane to speak in; the error goes to the console for the developer tools.
    console.error(e);
  } finally {
    event.completed();
  }
}

// Runs in the task pane's shared runtime; in a plain browser there is no Office and no ribbon.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  Office.onReady(() => Office.actions?.associate('scoreAllPlans', scoreAllPlans));
}
