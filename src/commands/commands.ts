/** Ribbon command: "Score all plans" runs the whole pipeline without opening the pane, then says what happened. */
import { fill, pack, problemSummary, type LanguagePack } from '../i18n';
import { formatter } from '../engine';
import { describeFailure, OfficeFailure, REQUIRED_API } from '../excel/failures';
import type { ExcelScoreOptions, ExcelScoreRun } from '../excel';
import { hostFeatures } from '../addin/host';
import { loadSettings, resolveLanguage } from '../addin/settings';
import { publishNotice, type Notice } from '../addin/notice';

type Run = (score: (ctx: Excel.RequestContext) => Promise<ExcelScoreRun>) => Promise<ExcelScoreRun>;

/** Scores every plan of the open workbook and words the outcome, success or failure, in the user's language. */
export async function scoreAllNotice(run: Run, lang: LanguagePack, options: Omit<ExcelScoreOptions, 'lang'> = {}): Promise<Notice> {
  try {
    // Nobody to ask from the ribbon: score sheets whose goals moved are kept as copies (scoreInExcel's default).
    // The scoring code loads when the command runs, not with the pane.
    const { scoreInExcel } = await import(/* webpackChunkName: "excel-mode" */ '../excel');
    const { results, problems, keptAs } = await run((ctx) => scoreInExcel(ctx, { ...options, lang }));
    if (!results.length) return { text: lang.ui.noPlans, problems };
    const f = formatter(lang);
    const scores = results.map((r) => `${r.plan.metadata.agency || r.plan.sheet} ${r.total.score === null ? '–' : f.percent(r.total.score)}`);
    const kept = keptAs?.size ? ` ${fill(lang.ui.keptAs, { names: [...keptAs.values()].join(', ') })}` : '';
    const counts = problemSummary(problems, lang);
    return { text: `${fill(lang.ui.done, { count: results.length })} ${scores.join(' · ')}.${kept}${counts ? ` ${counts}` : ''}`, problems, results };
  } catch (e) {
    return { text: describeFailure(e, lang), problems: [] };
  }
}

async function scoreAllPlans(event: Office.AddinCommands.Event): Promise<void> {
  const settings = loadSettings();
  const lang = pack(resolveLanguage(settings, Office.context.displayLanguage));
  try {
    const notice = Office.context.requirements.isSetSupported(REQUIRED_API.set, REQUIRED_API.version)
      ? await scoreAllNotice((score) => Excel.run(score), lang, { defaultPartialCredit: settings.partialCredit, features: hostFeatures() })
      : { text: describeFailure(new OfficeFailure('OldExcel'), lang), problems: [] };
    publishNotice(notice);
  } finally {
    event.completed();
  }
}

// Runs in the task pane's shared runtime; in a plain browser there is no Office and no ribbon.
if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  Office.onReady(() => Office.actions?.associate('scoreAllPlans', scoreAllPlans));
}
