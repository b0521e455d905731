/**
 * The title, the source and the summary block above the goal table: the score, points earned, the
 * status counts and the pay band, as formulas over the total row once it stands, so the summary
 * follows edits on the sheet. Its status words are the ones the rows' status formulas pick from.
 */
import { address, rangeAddress, type PayoutStep, type PlanResult } from '../../engine';
import type { LanguagePack, ScoreColumnKey } from '../../i18n';
import { TOL, literal } from '../formulas';
import { COLORS, FONTS, FORMATS, STYLES, type LayoutValue } from '../model';
import { absolute } from '../r1c1';
import { unitWordOf } from './columns';
import { blank, type Cell, type Grid } from './grid';

const SUMMARY_KEYS = ['score', 'earned', 'weight', 'assessed', 'max', 'partialCredit', 'met', 'partly', 'not_met', 'not_assessed'] as const;
export type SummaryKey = (typeof SUMMARY_KEYS)[number] | 'payout';

/** The pay band on the live sheet: the frame times the share of the best step the score reaches (as payoutOf). */
function payoutFormula(score: string, frame: number, steps: PayoutStep[] | null): string {
  if (!steps) return `IF(ISNUMBER(${score}),${literal(frame)}*${score},"")`;
  const share = steps.reduceRight((rest, s) => `IF(${score}>=${literal(s.score)}-${TOL},${literal(s.share)},${rest})`, '0');
  return `IF(ISNUMBER(${score}),${literal(frame)}*${share},"")`;
}

/** The summary's rows: where each figure stands, for formulas to read. */
export interface Summary {
  keys: SummaryKey[];
  rows: number[];
  labelCol: number;
  valueCol: number;
  valueAt(k: SummaryKey): string;
  labelAt(k: SummaryKey): string;
}

const SUMMARY_TOP = 2;

/** The title, the source, and the summary: labels in the wide Goal column, values in the Weight column. */
export function titleAndSummary(g: Grid, result: PlanResult, lang: LanguagePack): Summary {
  const words = lang.sheet;
  const m = result.plan.metadata;
  const title = [m.agency, [m.year, m.periodText].filter((x) => x !== null && x !== '').join(', ')].filter(Boolean).join(' ');
  g.put([`${words.title}${title ? ` – ${title}` : ''}`]);
  g.styles.push({ range: 'A1', style: STYLES.title });
  g.put([`${words.source}: ${result.plan.sheet}`]);
  g.styles.push({ range: 'A2', style: { italic: true, fontColor: COLORS.muted } });
  const t = result.total;
  const unit = unitWordOf(result, lang).toLowerCase();
  const labelCol = g.col('title');
  const valueCol = g.col('weight');
  // What the pay band pays stands last, where the plan has a performance pay frame.
  const keys: SummaryKey[] = [...SUMMARY_KEYS, ...(m.performancePay !== null ? (['payout'] as const) : [])];
  const labels: Record<SummaryKey, [string, LayoutValue, string | null]> = {
    score: [words.score, t.score, FORMATS.percent],
    earned: [`${words.earnedOfTotal} (${unit})`, t.earned, FORMATS.earned],
    weight: [`${words.total} (${unit})`, t.weight, FORMATS.weight],
    assessed: [words.assessedWeight, t.assessedWeight, FORMATS.weight],
    max: [words.maxReachable, t.maxReachable, FORMATS.earned],
    partialCredit: [lang.vocabulary.metadata.partialCredit[0], m.partialCredit, FORMATS.percent],
    // The status words stand here once; the Status column's formulas read them.
    met: [lang.statuses.met, t.counts.met, FORMATS.count],
    partly: [lang.statuses.partly, t.counts.partly, FORMATS.count],
    not_met: [lang.statuses.not_met, t.counts.not_met, FORMATS.count],
    not_assessed: [lang.statuses.not_assessed, t.counts.not_assessed, FORMATS.count],
    payout: [words.payout, t.payout ?? null, FORMATS.amount],
  };
  const rows = keys.map((k) => {
    const [label, value, format] = labels[k];
    const cells: Cell[] = new Array(g.width).fill(blank);
    cells[labelCol] = [label, null];
    cells[valueCol] = [value, format];
    return g.put(cells);
  });
  const end = SUMMARY_TOP + keys.length - 1;
  g.styles.push({ range: rangeAddress(SUMMARY_TOP, labelCol, end, labelCol), style: { bold: true } });
  g.styles.push({ range: rangeAddress(SUMMARY_TOP, valueCol, end, valueCol), style: { hAlign: 'left' } });
  g.styles.push({ range: address(SUMMARY_TOP, valueCol), style: { bold: true, fontSize: FONTS.figure } });
  g.put([]);
  const rowOf = (k: SummaryKey) => SUMMARY_TOP + keys.indexOf(k);
  return { keys, rows, labelCol, valueCol, valueAt: (k) => absolute(rowOf(k), valueCol), labelAt: (k) => absolute(rowOf(k), labelCol) };
}

/** The summary's figures as formulas over the total row; the status counts over the requirement rows. */
export function summaryFormulas(g: Grid, summary: Summary, result: PlanResult, table: { firstDataRow: number; totalRow: number }): void {
  const m = result.plan.metadata;
  const tot = (key: ScoreColumnKey) => absolute(table.totalRow, g.col(key));
  const span = (key: ScoreColumnKey) => g.span(key, table.firstDataRow, table.totalRow - 1);
  const formulas: Record<SummaryKey, string | null> = {
    score: `IF(${tot('weight')}>0,${tot('earned')}/${tot('weight')},"")`,
    earned: `${tot('earned')}`,
    weight: `${tot('weight')}`,
    assessed: `${tot('assessed')}`,
    max: `${tot('earned')}+${tot('weight')}-${tot('assessed')}`,
    partialCredit: null,
    met: null,
    partly: null,
    not_met: null,
    not_assessed: null,
    payout: m.performancePay === null ? null : payoutFormula(summary.valueAt('score'), m.performancePay, m.payoutSteps),
  };
  for (const k of ['met', 'partly', 'not_met', 'not_assessed'] as const) formulas[k] = `COUNTIFS(${span('status')},${summary.labelAt(k)},${span('leaf')},1)`;
  summary.keys.forEach((k, i) => g.setFormula(summary.rows[i], summary.valueCol, formulas[k]));
}
