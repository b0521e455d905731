/**
 * Lays out a score sheet from a plan result: a title, a summary block, the goal table with the
 * inputs the plan uses, area subtotals, a total row and a per-area block for the chart. Every
 * fulfilment, earned, subtotal and total cell is an Excel formula over the sheet's own input
 * cells, stored with the value the engine computed, so the sheet is live without the add-in.
 * Columns are declared in one table.
 */
import { address, columnLetter, rangeAddress } from '../engine/address';
import { type CriterionKey, CRITERION_BY_KEY } from '../engine/criteria';
import type { LanguagePack, ScoreColumnKey } from '../i18n';
import { KeyedCache } from '../engine/memo';
import { inferType } from '../engine/score';
import { cellText } from '../engine/text';
import type { ColumnKey, PayoutStep, PlanResult, RowResult, StatusKey, Totals } from '../engine/types';
import { TOL, ALMOST_ONE, ALMOST_ZERO, ASSESSMENT_LOOKUP, COMPLETION_LOOKUP, leafFormulas, literal, withOverride, type LeafFormulas, type RowRefs } from './formulas';
import { COLORS, FORMATS, keepTogether, wrappedRowHeights, type LayoutValue, type PageText, type SheetLayout } from './model';
import { absolute, rc } from './r1c1';

type Cell = [LayoutValue, string | null];

interface ScoreColumn {
  key: ScoreColumnKey;
  width: number;
  wrap?: boolean;
  /** Helper columns the formulas read; hidden from the user. */
  hidden?: boolean;
  /** Input columns appear only when the plan sheet has them. */
  input?: ColumnKey;
  /** Other columns that appear only for some plans. */
  when?: (result: PlanResult) => boolean;
  /** The cell's value in a goal or requirement row. */
  value(r: RowResult, lang: LanguagePack): LayoutValue;
  /** Its number format, one for the column or chosen per row; an empty cell keeps General. */
  format?: string | ((r: RowResult) => string | null);
  /** Formatted even when empty: its formula may show a value once an input is edited. */
  formatEmpty?: boolean;
}

const blank: Cell = [null, null];
const EPS = 1e-9;

const SUMMARY_KEYS = ['score', 'earned', 'weight', 'assessed', 'max', 'partialCredit', 'met', 'partly', 'not_met', 'not_assessed'] as const;
type SummaryKey = (typeof SUMMARY_KEYS)[number] | 'payout';

/** The pay band on the live sheet: the frame times the share of the best step the score reaches (as payoutOf). */
function payoutFormula(score: string, frame: number, steps: PayoutStep[] | null): string {
  if (!steps) return `IF(ISNUMBER(${score}),${literal(frame)}*${score},"")`;
  const share = steps.reduceRight((rest, s) => `IF(${score}>=${literal(s.score)}-${TOL},${literal(s.share)},${rest})`, '0');
  return `IF(ISNUMBER(${score}),${literal(frame)}*${share},"")`;
}

/** A target written with a sign (`< 40`) keeps it in its number format, so the sheet reads as the plan. */
function signed(r: RowResult, format: string): string {
  const t = r.row.target;
  if (!t?.compare) return format;
  const sign = t.compare === 'atMost' ? (t.strict ? '<' : '≤') : t.strict ? '>' : '≥';
  return `"${sign} "${format}`;
}

/** How a row's target and floor read: percent for share/reduction/increase, dates for milestones. */
function boundFormat(r: RowResult): string {
  const def = r.row.typeKey ? CRITERION_BY_KEY.get(r.row.typeKey) : undefined;
  if (def?.kind === 'comparison' && def.unit === 'date') return FORMATS.date;
  return def?.percent ? FORMATS.percent : FORMATS.number;
}

const isRange = (r: RowResult) => !!r.row.target && r.row.target.lo !== r.row.target.hi;

/** Whether the criterion reads its actual as a percentage, as a share does. */
function percentActual(r: RowResult): boolean {
  const def = r.row.typeKey ? CRITERION_BY_KEY.get(r.row.typeKey) : undefined;
  return def?.kind === 'comparison' && def.actualUnit === 'percent';
}

function actualValue(r: RowResult): number | null {
  const a = r.row.actual;
  return a !== null && percentActual(r) && Math.abs(a) > 1 ? a / 100 : a;
}

function typeLabel(r: RowResult, lang: LanguagePack): string {
  if (r.isParent) return lang.typeLabels[r.row.typeKey === 'all' ? 'all' : 'sum'];
  return r.row.typeKey ? (lang.typeLabels[r.row.typeKey as CriterionKey] ?? r.row.typeKey) : '';
}

const measureFormat = (r: RowResult) => (r.measureKind === 'percent' ? FORMATS.percent : r.measureKind === 'date' ? FORMATS.date : FORMATS.number);
const notMet = (r: RowResult) => r.fulfilment === null || r.fulfilment < 1 - EPS;

/** What it takes reads as the measure does; a share counted as a percentage reads as a percent. */
function requiredFormat(r: RowResult): string {
  const def = r.row.typeKey ? CRITERION_BY_KEY.get(r.row.typeKey) : undefined;
  // A milestone not done (`nej`) has no measure yet, but what it takes is still a date.
  if (r.measureKind === 'date' || (def?.kind === 'comparison' && def.unit === 'date')) return FORMATS.date;
  return def?.kind === 'comparison' && def.key === 'share' && r.row.met === null ? FORMATS.percent : FORMATS.number;
}

export const SCORE_COLUMNS: readonly ScoreColumn[] = [
  // What a reader needs, together, so the print area is these columns alone.
  { key: 'id', width: 8, value: (r) => r.id, format: '@' },
  { key: 'title', width: 48, wrap: true, value: (r) => r.title || null },
  // Also the summary's value column, wide enough for its score in large type.
  { key: 'weight', width: 10, value: (r) => r.weight, format: FORMATS.weight },
  { key: 'target', width: 11, input: 'target', value: (r) => r.row.target?.lo ?? null, format: (r) => signed(r, boundFormat(r)) },
  { key: 'targetHigh', width: 11, when: (p) => p.rows.some(isRange), value: (r) => (isRange(r) ? r.row.target!.hi : null), format: boundFormat },
  { key: 'result', width: 11, value: (r) => r.measure, format: measureFormat },
  { key: 'fulfilment', width: 12, value: (r) => r.fulfilment, format: FORMATS.percent },
  { key: 'earned', width: 10, value: (r) => r.earned, format: FORMATS.earned },
  { key: 'status', width: 16, value: (r, lang) => lang.statuses[r.status] },
  { key: 'explanation', width: 50, wrap: true, value: (r) => r.explanation || null },
  // The inputs and what it takes: on the sheet, grouped, outside the print area.
  { key: 'area', width: 22, value: (r) => r.area || null },
  { key: 'type', width: 13, value: (r, lang) => typeLabel(r, lang) || null },
  { key: 'scale', width: 12, input: 'scale', value: (r) => (r.row.cells.scale ? cellText(r.row.cells.scale.value) : null) },
  { key: 'floor', width: 11, input: 'floor', value: (r) => r.row.floor, format: boundFormat },
  {
    key: 'tolerance',
    width: 10,
    input: 'tolerance',
    value: (r) => r.row.tolerance?.value ?? null,
    format: (r) => (r.row.tolerance?.relative ? FORMATS.percent : boundFormat(r)),
  },
  { key: 'periodRule', width: 10, input: 'periodRule', value: (r) => (r.row.cells.periodRule ? cellText(r.row.cells.periodRule.value) : null) },
  { key: 'baseline', width: 12, input: 'baseline', value: (r) => r.row.baseline, format: FORMATS.number },
  { key: 'actual', width: 10, input: 'actual', value: actualValue, format: (r) => (percentActual(r) ? FORMATS.percent : FORMATS.number) },
  { key: 'met', width: 10, input: 'met', value: (r) => r.row.met, format: FORMATS.number },
  { key: 'total', width: 9, input: 'total', value: (r) => r.row.total, format: FORMATS.number },
  { key: 'excluded', width: 10, input: 'excluded', value: (r) => r.row.excluded, format: FORMATS.number },
  { key: 'deadline', width: 11, input: 'deadline', value: (r) => r.row.deadline, format: FORMATS.date },
  {
    key: 'completed',
    width: 12,
    input: 'completed',
    value: (r) => {
      const c = r.row.completed;
      return !c ? null : c.date !== null ? c.date : cellText(r.row.cells.completed?.value);
    },
    format: (r) => (r.row.completed?.date != null ? FORMATS.date : null),
  },
  // A grade stands as the fraction it is, which the sheet's formulas read as the fulfilment.
  {
    key: 'assessment',
    width: 15,
    input: 'assessment',
    value: (r, lang) => (r.row.assessment ? (r.row.assessment.grade !== null ? r.row.assessment.grade : lang.statuses[r.row.assessment.key]) : null),
    format: (r) => (r.row.assessment?.grade != null ? FORMATS.percent : null),
  },
  {
    key: 'required',
    width: 13,
    value: (r) => (notMet(r) && r.fulfilment !== null ? r.required : null),
    format: requiredFormat,
    formatEmpty: true,
  },
  { key: 'gain', width: 10, value: (r) => (notMet(r) ? r.weight - r.earned : null), format: FORMATS.earned, formatEmpty: true },
  { key: 'note', width: 30, wrap: true, input: 'note', value: (r) => r.row.note || null },
  { key: 'level', width: 6, hidden: true, value: (r) => r.level, format: FORMATS.count },
  { key: 'leaf', width: 6, hidden: true, value: (r) => (r.isParent ? 0 : 1), format: FORMATS.count },
  { key: 'assessed', width: 8, hidden: true, value: (r) => r.assessedWeight, format: FORMATS.weight },
  // What goalscore computed, for the explanation to tell whether an edit on the sheet changed it.
  { key: 'computed', width: 8, hidden: true, value: (r) => r.fulfilment, format: FORMATS.percent },
  { key: 'computedExplanation', width: 20, hidden: true, value: (r) => r.explanation || null },
  // The word lookup table the formulas read (assessment words, then completion words); filled below.
  { key: 'lookupWord', width: 14, hidden: true, value: () => null },
  { key: 'lookupValue', width: 6, hidden: true, value: () => null },
];

/** Ascending row numbers as runs of adjacent rows, `[first, last]`. */
function runsOf(rows: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const row of rows) {
    const last = runs[runs.length - 1];
    if (last && last[1] === row - 1) last[1] = row;
    else runs.push([row, row]);
  }
  return runs;
}

/** Why a row keeps the engine's value instead of a formula. */
function staticReason(r: RowResult): 'formula' | 'data' | 'unknown' {
  if (r.row.data) return 'data';
  return (r.row.typeKey ?? inferType(r.row)) === 'formula' ? 'formula' : 'unknown';
}

export function buildScoreSheet(result: PlanResult, lang: LanguagePack, name: string): SheetLayout {
  const { plan } = result;
  const columns = SCORE_COLUMNS.filter((c) => (!c.input || plan.columns[c.input]) && (!c.when || c.when(result)));
  const index = Object.fromEntries(columns.map((c, i) => [c.key, i])) as Partial<Record<ScoreColumnKey, number>>;
  const col = (key: ScoreColumnKey) => index[key] ?? -1;
  const width = columns.length;
  const values: LayoutValue[][] = [];
  const formats: (string | null)[][] = [];
  const formulas: (string | null)[][] = [];
  const styles: SheetLayout['styles'] = [];
  const put = (cells: Cell[] | LayoutValue[], cellFormulas: (string | null)[] = []) => {
    // Plain loops: this runs once per row of plans with tens of thousands of rows.
    const row: LayoutValue[] = new Array(width).fill(null);
    const fmt: (string | null)[] = new Array(width).fill(null);
    const f: (string | null)[] = new Array(width).fill(null);
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (Array.isArray(c)) {
        row[i] = c[0];
        fmt[i] = c[1];
      } else row[i] = c;
    }
    for (let i = 0; i < cellFormulas.length; i++) if (cellFormulas[i]) f[i] = cellFormulas[i];
    values.push(row);
    formats.push(fmt);
    formulas.push(f);
    return values.length - 1;
  };
  // A goal or requirement row, straight from the column table: the hot path of large plans.
  const putRow = (r: RowResult, rowFormulas: (string | null)[]) => {
    const row: LayoutValue[] = new Array(width);
    const fmt: (string | null)[] = new Array(width);
    for (let i = 0; i < width; i++) {
      const c = columns[i];
      const v = c.value(r, lang);
      row[i] = v;
      fmt[i] = (v === null && !c.formatEmpty) || c.format === undefined ? null : typeof c.format === 'string' ? c.format : c.format(r);
    }
    values.push(row);
    formats.push(fmt);
    formulas.push(rowFormulas);
    return values.length - 1;
  };
  const words = lang.sheet;
  const m = plan.metadata;

  // Title and summary block: labels in the Area column, values in the Goal column.
  const title = [m.agency, [m.year, m.periodText].filter((x) => x !== null && x !== '').join(', ')].filter(Boolean).join(' ');
  put([`${words.title}${title ? ` – ${title}` : ''}`]);
  styles.push({ range: 'A1', style: { bold: true, fontSize: 16, fontColor: COLORS.title } });
  put([`${words.source}: ${plan.sheet}`]);
  styles.push({ range: 'A2', style: { italic: true, fontColor: COLORS.muted } });
  const t = result.total;
  const unitWord = plan.unit === 'points' ? words.columns.points : plan.unit === 'count' ? words.goals : words.columns.weight;
  // Labels in the wide Goal column, values in the Weight column beside it.
  const labelCol = col('title');
  const valueCol = col('weight');
  const SUMMARY_TOP = 2;
  // What the pay band pays stands last, where the plan has a performance pay frame.
  const summaryKeys: SummaryKey[] = [...SUMMARY_KEYS, ...(m.performancePay !== null ? (['payout'] as const) : [])];
  const summaryRow = (k: SummaryKey) => SUMMARY_TOP + summaryKeys.indexOf(k);
  const valueAt = (k: SummaryKey) => absolute(summaryRow(k), valueCol);
  const summaryLabels: Record<SummaryKey, [string, LayoutValue, string | null]> = {
    score: [words.score, t.score, FORMATS.percent],
    earned: [`${words.earnedOfTotal} (${unitWord.toLowerCase()})`, t.earned, FORMATS.earned],
    weight: [`${words.total} (${unitWord.toLowerCase()})`, t.weight, FORMATS.weight],
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
  const summaryAt: number[] = [];
  for (const k of summaryKeys) {
    const [label, value, format] = summaryLabels[k];
    const cells: Cell[] = new Array(width).fill(blank);
    cells[labelCol] = [label, null];
    cells[valueCol] = [value, format];
    summaryAt.push(put(cells));
  }
  const summaryEnd = SUMMARY_TOP + summaryKeys.length - 1;
  const credit = { met: 1, not_met: 0 } as const;
  styles.push({ range: rangeAddress(SUMMARY_TOP, labelCol, summaryEnd, labelCol), style: { bold: true } });
  styles.push({ range: rangeAddress(SUMMARY_TOP, valueCol, summaryEnd, valueCol), style: { hAlign: 'left' } });
  styles.push({ range: address(SUMMARY_TOP, valueCol), style: { bold: true, fontSize: 14 } });
  put([]);

  // The goal table, grouped by area in the order areas were met.
  const headerRow = put(columns.map((c) => (c.key === 'weight' ? unitWord : words.columns[c.key])));
  styles.push({
    range: rangeAddress(headerRow, 0, headerRow, width - 1),
    style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont, wrap: true, borderBottom: true, vAlign: 'middle' },
  });
  const firstDataRow = headerRow + 1;
  const notes: SheetLayout['notes'] = [{ cell: address(headerRow, col('explanation')), text: words.explanationNote.replace('{date}', new Date().toLocaleDateString(lang.locale)) }];
  const byId = new Map(result.rows.map((r) => [r.id, r]));
  const childrenOf = new Map<string, RowResult[]>();
  for (const r of result.rows) if (r.parentId !== null) (childrenOf.get(r.parentId) ?? childrenOf.set(r.parentId, []).get(r.parentId)!).push(r);
  const topArea = (r: RowResult): string => {
    let top = r;
    while (top.parentId !== null) top = byId.get(top.parentId)!;
    return top.area;
  };
  const grouped = new Map<string, RowResult[]>(result.areas.map((a) => [a.name, []]));
  for (const r of result.rows) grouped.get(topArea(r))?.push(r);
  const withSubtotals = result.areas.length > 1 || (result.areas.length === 1 && result.areas[0].name !== '');

  // Sheet rows are known before any formula is written, so formulas can point at other rows.
  const order: (RowResult | { area: string })[] = [];
  for (const area of result.areas) {
    order.push(...(grouped.get(area.name) ?? []));
    if (withSubtotals) order.push({ area: area.name });
  }
  const rowOf = new Map<RowResult, number>();
  order.forEach((item, i) => {
    if ('id' in item) rowOf.set(item, firstDataRow + i);
  });
  const lastDataRow = firstDataRow + order.length; // the total row
  const span = (key: ScoreColumnKey, from = firstDataRow, to = lastDataRow - 1) => absolute(from, col(key), to, col(key));
  // A cell in another row, seen from `from`; `here` is the same row, the same for every row.
  const at = (key: ScoreColumnKey, row: number, from: number) => (col(key) < 0 ? null : rc(row, col(key), from));
  const here = (key: ScoreColumnKey) => at(key, 0, 0);
  const pc = valueAt('partialCredit');
  // The lookup table starts beside the first data row, in the two hidden columns, outside the
  // table's filter (sorting the goals never moves it); it is filled last, so it never pushes the chart down.
  const lookupRange = (from: number, count: number) => absolute(from, col('lookupWord'), from + count - 1, col('lookupValue'));
  const assessmentTable = lookupRange(firstDataRow, ASSESSMENT_LOOKUP.length);
  const completionTable = lookupRange(firstDataRow + ASSESSMENT_LOOKUP.length, COMPLETION_LOOKUP.length);
  const labelAt = (k: SummaryKey) => absolute(summaryRow(k), labelCol);
  const statusWord = Object.fromEntries((['met', 'partly', 'not_met', 'not_assessed'] as const).map((k) => [k, labelAt(k)])) as Record<StatusKey, string>;

  // Same-row references read the same in every row (R1C1, absolute columns), so the formulas of
  // requirement rows of one kind are one shared string, built once.
  const refs: RowRefs = {
    actual: here('actual'), target: here('target'), targetHigh: here('targetHigh'), floor: here('floor'), tolerance: here('tolerance'),
    baseline: here('baseline'), met: here('met'), total: here('total'), excluded: here('excluded'),
    deadline: here('deadline'), completed: here('completed'), assessment: here('assessment'), partialCredit: pc,
    assessmentTable, completionTable,
  };
  const W = here('weight')!;
  const F = here('fulfilment')!;
  const E = here('earned')!;
  // N() is 0 for a fulfilment not assessed (""), so earned is too.
  const earnedOfOwn = `${W}*N(${F})`;
  const assessedOfOwn = `${W}*ISNUMBER(${F})`;
  const status = statusFormula(F, statusWord);
  const gain = `IF(N(${F})>=${ALMOST_ONE},"",${W}-${E})`;
  const explanation = explanationFormula(F, here('computed')!, here('computedExplanation')!, words.explanationEdited);
  // Rows of one kind share their formulas: the kind is everything leafFormulas reads of the row
  // besides the references that are the same for all.
  const leafKinds = new KeyedCache<LeafFormulas | null>();
  const leafOf = (r: RowResult): LeafFormulas | null => {
    const row = r.row;
    const type = row.typeKey ?? inferType(row);
    const range = !!row.target && row.target.lo !== row.target.hi;
    const scale = !row.scale ? '' : row.scale.kind === 'steps' ? row.scale.steps.map((x) => `${x.threshold}:${x.credit}`).join(';') : row.scale.kind;
    // A sign in the target changes the comparison, so it is part of the kind.
    const sign = `${row.target?.compare ?? ''}${row.target?.strict ? '!' : ''}${row.tolerance ? (row.tolerance.relative ? '±%' : '±') : ''}`;
    return leafKinds.get([row.typeKey, type, !!row.data, row.met !== null || row.total !== null, range, scale, sign], () => {
      const built = leafFormulas(row, type, refs);
      return built && {
        fulfilment: row.typeKey === 'assessment' ? built.fulfilment : withOverride(built.fulfilment, refs),
        measure: built.measure,
        required: built.required && `IF(AND(ISNUMBER(${F}),${F}<${ALMOST_ONE}),${built.required},"")`,
      };
    });
  };
  // A parent reads exactly its children's cells, as ranges of adjacent rows: a range over the
  // whole column would hold the parent's own cell, or its parent's, and be circular. Parents
  // differ only in where their children are, so alike parents share their formulas.
  const parentKinds = new KeyedCache<{ fulfilment: string; earned: string; assessed: string }>();
  const parentOf = (r: RowResult, row: number) => {
    const all = r.row.typeKey === 'all';
    const kids = (childrenOf.get(r.id) ?? []).map((k) => rowOf.get(k)! - row).sort((a, b) => a - b);
    const runs = runsOf(kids);
    return parentKinds.get([all, runs.map(([a, b]) => `${a}:${b}`).join()], () => {
      const refsOf = (key: ScoreColumnKey) => runs.map(([a, b]) => (a === b ? at(key, a, 0)! : `${at(key, a, 0)}:${at(key, b, 0)}`));
      const children = (key: ScoreColumnKey) => `SUM(${refsOf(key).join(',')})`;
      const count = String(kids.length);
      const assessedKids = `COUNT(${refsOf('fulfilment').join(',')})`;
      if (all) {
        // No number inside a text criterion (COUNTIF(r,"<0.99")): Excel and LibreOffice read it in the user's locale.
        const failed = `(${refsOf('fulfilment').map((ref) => `SUMPRODUCT(ISNUMBER(${ref})*(${ref}<${ALMOST_ONE}))`).join('+')})`;
        return { fulfilment: withOverride(`IF(${failed}>0,0,IF(${assessedKids}=${count},1,""))`, refs), earned: earnedOfOwn, assessed: assessedOfOwn };
      }
      const sum = `IF(${assessedKids}=${count},IF(${W}>0,MAX(0,MIN(1,${children('earned')}/${W})),1),"")`;
      const overridden = refs.assessment ? (x: string, y: string) => `IF(ISBLANK(${refs.assessment}),${x},${y})` : (x: string) => x;
      return { fulfilment: withOverride(sum, refs), earned: overridden(children('earned'), earnedOfOwn), assessed: overridden(children('assessed'), assessedOfOwn) };
    });
  };
  // A sub-goal's weight formula depends only on where its parent is and its share of it.
  const weightShares = new KeyedCache<string>();

  const set = (f: (string | null)[], key: ScoreColumnKey, formula: string | null) => {
    const c = col(key);
    if (c >= 0 && formula) f[c] = formula;
  };
  // Alike rows share one formulas array: it depends only on the row's own formulas and its
  // weight's, which the caches above made once per kind.
  const formulaRows = new KeyedCache<(string | null)[]>();
  const rowFormulas = (r: RowResult, row: number): (string | null)[] => {
    // A sub-goal's weight is its share of its parent's, so editing the parent's weight flows down.
    let weight: string | null = null;
    if (r.parentId !== null) {
      const parent = byId.get(r.parentId)!;
      if (parent.weight > 0) {
        const from = rowOf.get(parent)! - row;
        const ratio = r.weight / parent.weight;
        weight = weightShares.get([from, ratio], () => `${at('weight', from, 0)}*${literal(ratio)}`);
      }
    }
    const own = r.isParent ? parentOf(r, row) : leafOf(r);
    if (!own) notes.push({ cell: address(row, col('fulfilment')), text: words.staticNote.replace('{reason}', words.staticReasons[staticReason(r)]) });
    return formulaRows.get([own, weight], () => {
      const f: (string | null)[] = new Array(width).fill(null);
      set(f, 'weight', weight);
      if (own && 'earned' in own) {
        set(f, 'fulfilment', own.fulfilment);
        set(f, 'earned', own.earned);
        set(f, 'assessed', own.assessed);
      } else {
        if (own) {
          set(f, 'fulfilment', own.fulfilment);
          set(f, 'result', own.measure);
          set(f, 'required', own.required);
        }
        set(f, 'earned', earnedOfOwn);
        set(f, 'assessed', assessedOfOwn);
      }
      set(f, 'status', status);
      set(f, 'gain', gain);
      if (own) set(f, 'explanation', explanation);
      return f;
    });
  };
  const totalsRow = (label: string, totals: Totals, from: number, to: number): [Cell[], (string | null)[]] => {
    const cells: Cell[] = new Array(width).fill(blank);
    cells[col('title')] = [label, null];
    cells[col('weight')] = [totals.weight, FORMATS.weight];
    cells[col('earned')] = [totals.earned, FORMATS.earned];
    cells[col('fulfilment')] = [totals.score, FORMATS.percent];
    cells[col('assessed')] = [totals.assessedWeight, FORMATS.weight];
    const f: (string | null)[] = new Array(width).fill(null);
    const top = (key: ScoreColumnKey) => `SUMIFS(${span(key, from, to)},${span('level', from, to)},0)`;
    f[col('weight')] = top('weight');
    f[col('earned')] = top('earned');
    f[col('assessed')] = top('assessed');
    f[col('fulfilment')] = `IF(${W}>0,${E}/${W},"")`;
    return [cells, f];
  };

  const subtotalRows: number[] = [];
  const parentRows: number[] = [];
  let areaStart = firstDataRow;
  const areaRows = new Map<string, number>();
  const areaBlocks: [number, number][] = [];
  const indented = new Map<number, number[]>();
  for (const item of order) {
    if ('id' in item) {
      const r = item;
      const row = putRow(r, rowFormulas(r, rowOf.get(r)!));
      if (r.level > 0) (indented.get(Math.min(r.level, 4)) ?? indented.set(Math.min(r.level, 4), []).get(Math.min(r.level, 4))!).push(row);
      if (r.isParent) parentRows.push(row);
      if (r.overridden) notes.push({ cell: address(row, col('status')), text: words.overridden });
    } else {
      const area = result.areas.find((a) => a.name === item.area)!;
      const [cells, f] = totalsRow(`${words.subtotal} – ${area.name || '—'}`, area, areaStart, values.length - 1);
      const row = put(cells, f);
      subtotalRows.push(row);
      areaRows.set(area.name, row);
      areaBlocks.push([areaStart, row]);
      areaStart = row + 1;
    }
  }
  const [totalCells, totalFormulas] = totalsRow(words.total, result.total, firstDataRow, lastDataRow - 1);
  const totalRow = put(totalCells, totalFormulas);
  const lastRow = totalRow;

  // The summary reads the total row; the status counts read the requirement rows.
  const tot = (key: ScoreColumnKey) => absolute(totalRow, col(key));
  const summaryFormulas: Record<SummaryKey, string | null> = {
    score: `IF(${tot('weight')}>0,${tot('earned')}/${tot('weight')},"")`,
    earned: `${tot('earned')}`,
    weight: `${tot('weight')}`,
    assessed: `${tot('assessed')}`,
    max: `${tot('earned')}+${tot('weight')}-${tot('assessed')}`,
    partialCredit: null,
    ...Object.fromEntries(
      (['met', 'partly', 'not_met', 'not_assessed'] as const).map((k) => [k, `COUNTIFS(${span('status')},${labelAt(k)},${span('leaf')},1)`]),
    ),
    payout: m.performancePay === null ? null : payoutFormula(valueAt('score'), m.performancePay, m.payoutSteps),
  } as Record<SummaryKey, string | null>;
  summaryKeys.forEach((k, i) => (formulas[summaryAt[i]][valueCol] = summaryFormulas[k]));

  // Earned against weight per area, in the wide Goal column and the two beside it: the chart's data.
  put([]);
  const blockCol = col('title');
  const block = (cells: Cell[], f: (string | null)[] = []): number =>
    put([...new Array(blockCol).fill(blank), ...cells], [...new Array(blockCol).fill(null), ...f]);
  const areaTitleRow = block([[words.byArea, null]]);
  const areaHeaderRow = block([[words.columns.area, null], [unitWord, null], [words.columns.earned, null]]);
  for (const area of result.areas) {
    const source = withSubtotals ? areaRows.get(area.name) : totalRow;
    const row = values.length;
    const ref = (key: ScoreColumnKey) => (source === undefined ? null : at(key, source, row));
    block([[area.name || '—', null], [area.weight, FORMATS.weight], [area.earned, FORMATS.earned]], [null, ref('weight'), ref('earned')]);
  }
  const areaLastRow = values.length - 1;
  styles.push({ range: address(areaTitleRow, blockCol), style: { bold: true, fontSize: 12, fontColor: COLORS.title } });
  styles.push({ range: rangeAddress(areaHeaderRow, blockCol, areaHeaderRow, blockCol + 2), style: { bold: true, fill: COLORS.headerFill, fontColor: COLORS.headerFont } });

  // The lookup table, one word a row; an assessment of "partly" earns the plan's partial credit.
  const lookup: [string, LayoutValue, string | null][] = [
    ...ASSESSMENT_LOOKUP.map(([w, k]) => [w, k === 'partly' ? m.partialCredit : credit[k], k === 'partly' ? pc : null] as [string, LayoutValue, string | null]),
    ...COMPLETION_LOOKUP.map(([w, v]) => [w, v, null] as [string, LayoutValue, string | null]),
  ];
  lookup.forEach(([word, value, formula], i) => {
    const row = firstDataRow + i;
    while (values.length <= row) put([]);
    values[row][col('lookupWord')] = word;
    values[row][col('lookupValue')] = value;
    if (formula) {
      // The row's formulas may be shared with alike rows: this one gets its own.
      formulas[row] = [...formulas[row]];
      formulas[row][col('lookupValue')] = formula;
    }
  });

  // One style a run of adjacent rows, not a row: fewer ranges for Excel to format.
  for (const [level, rows] of indented) {
    for (const [from, to] of runsOf(rows)) styles.push({ range: rangeAddress(from, col('title'), to, col('title')), style: { indent: level } });
  }
  for (const [from, to] of runsOf(parentRows)) styles.push({ range: rangeAddress(from, 0, to, width - 1), style: { bold: true } });
  for (const row of subtotalRows) {
    styles.push({ range: rangeAddress(row, 0, row, width - 1), style: { bold: true, fill: COLORS.subtotalFill, borderTop: true } });
  }
  styles.push({ range: rangeAddress(totalRow, 0, totalRow, width - 1), style: { bold: true, fill: COLORS.totalFill, borderTop: true, borderBottom: true } });
  // Rows read from the top. LibreOffice draws a traffic light at the foot of its cell whatever the
  // alignment, Excel where the cell aligns: the fulfilment stands at the foot, light and number together.
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, width - 1), style: { vAlign: 'top' } });
  styles.push({ range: rangeAddress(firstDataRow, col('fulfilment'), lastRow, col('fulfilment')), style: { vAlign: 'bottom' } });
  for (const c of columns) {
    if (c.wrap) styles.push({ range: rangeAddress(firstDataRow, col(c.key), lastRow, col(c.key)), style: { wrap: true } });
  }
  styles.push({ range: rangeAddress(firstDataRow, 0, lastRow, 0), style: { hAlign: 'left' } });

  // The chart right under the table, beside its data, within the printed columns.
  const lastPrinted = col('explanation');
  const firstHidden = columns.findIndex((c) => c.hidden);
  const chartFrom = Math.min(blockCol + 4, lastPrinted - 1);
  const chartBottom = areaTitleRow + Math.max(14, result.areas.length * 2 + 4);
  const rowHeights = wrappedRowHeights(values, columns.map((c) => c.width), columns.map((c) => !!c.wrap)).map((h, i) => (i === 0 ? 24 : i === headerRow ? 30 : h));
  const fulfilmentCol = columnLetter(col('fulfilment'));
  const earnedCol = columnLetter(col('earned'));
  return {
    name,
    role: 'score',
    values,
    numberFormats: formats,
    formulas,
    styles,
    columnWidths: columns.map((c) => c.width),
    hiddenColumns: columns.flatMap((c, i) => (c.hidden ? [i] : [])),
    rowHeights,
    rowBreaks: keepTogether(areaBlocks, rowHeights, columns.slice(0, lastPrinted + 1).map((c) => c.width), 'landscape', headerRow),
    freeze: { rows: headerRow + 1, cols: 0 },
    conditionalFormats: [
      { kind: 'iconSet', range: `${fulfilmentCol}${firstDataRow + 1}:${fulfilmentCol}${lastRow + 1}`, icons: '3TrafficLights1', thresholds: [0, 1], firstExclusive: true },
      // Bars on points earned (not on fulfilment: LibreOffice shows only one rule per range). The grand
      // total is left out so its bar does not dwarf the rows.
      { kind: 'dataBar', range: `${earnedCol}${firstDataRow + 1}:${earnedCol}${lastRow}`, color: COLORS.dataBar, min: 0 },
    ],
    notes,
    charts: [
      {
        kind: 'barClustered',
        title: words.byArea,
        source: rangeAddress(areaHeaderRow, blockCol, areaLastRow, blockCol + 2),
        axis: { min: 0, format: 'General' },
        anchor: { from: address(areaTitleRow, chartFrom), to: address(chartBottom, lastPrinted + 1) },
      },
    ],
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      repeatRows: { first: headerRow, last: headerRow },
      area: rangeAddress(0, 0, Math.max(chartBottom, areaLastRow), lastPrinted),
      ...pageHeaderFooter(result, lang),
    },
    outlineColumns: lastPrinted + 1 < firstHidden ? [lastPrinted + 1, firstHidden - 1] : undefined,
    // The filter leaves out the hidden helper columns, so sorting the goals never moves the lookup table.
    autoFilter: rangeAddress(headerRow, 0, lastRow - 1, firstHidden - 1),
  };
}

/** Excel's page codes take `&` as their sign; text keeps its own by doubling it. */
const pageText = (text: string) => text.replace(/&/g, '&&');

/** The agency in bold on the left and the year and period on the right; the page and the date below. */
function pageHeaderFooter(result: PlanResult, lang: LanguagePack): { header: PageText; footer: PageText } {
  const m = result.plan.metadata;
  const when = [m.year, m.periodText].filter((x) => x !== null && x !== '').join(' ');
  return {
    header: { left: `&"-,Bold"${pageText(m.agency || result.plan.sheet)}`, right: pageText(when) },
    footer: { left: pageText(lang.sheet.pageFooter).replace('{page}', '&P').replace('{pages}', '&N'), right: '&D' },
  };
}

/** Text as a formula's string literal. */
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The explanation as a formula: goalscore's own while the live fulfilment is the one it computed,
 * else a sentence saying the row was edited, with the fulfilment now and then, so an explanation
 * never describes numbers that are no longer there.
 */
function explanationFormula(f: string, computed: string, text: string, edited: string): string {
  const same = `IF(ISNUMBER(${f}),AND(ISNUMBER(${computed}),ABS(${f}-N(${computed}))<${TOL}),NOT(ISNUMBER(${computed})))`;
  const percent = (v: string) => `IF(ISNUMBER(${v}),ROUND(${v}*100,1)&" %","–")`;
  const [before, rest] = edited.split('{now}');
  const [middle, after] = rest.split('{then}');
  return `IF(${same},${text}&"",${quoted(before)}&${percent(f)}&${quoted(middle)}&${percent(computed)}&${quoted(after)})`;
}

/**
 * Status words from the fulfilment, as the engine's `statusOf`; the words are the summary's labels
 * (met, partly, not met in adjacent rows), picked by how far below 1 the fulfilment is.
 */
function statusFormula(f: string, word: Record<StatusKey, string>): string {
  const range = `${word.met}:${word.not_met}`;
  return `IF(ISNUMBER(${f}),INDEX(${range},1+(${f}<${ALMOST_ONE})+(${f}<=${ALMOST_ZERO})),${word.not_assessed})`;
}
