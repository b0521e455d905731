/**
 * The plain-value model the engine reads and returns. Nothing here knows about Office, files or
 * the DOM: adapters turn worksheets into `SheetGrid`s and render the results they get back.
 */

/** An Excel error value such as `#DIV/0!` or `#N/A`, as adapters hand it over. */
export interface CellError {
  error: string;
}

/** What one cell holds after an adapter has read it. */
export type CellValue = string | number | boolean | Date | CellError | null | undefined;

/** A rectangle of cells read from one worksheet, with its top-left position in the sheet. */
export interface SheetGrid {
  name: string;
  values: CellValue[][];
  /** Number formats aligned with `values`, where the adapter knows them (`0%`, `General`, …). */
  formats?: (string | null | undefined)[][];
  /** Zero-based row and column of `values[0][0]` in the sheet; default A1. */
  origin?: { row: number; col: number };
  /** What the adapter met reading the cells (a text past Excel's limit, cut), reported with the plan read from the sheet. */
  problems?: Problem[];
  /**
   * A data sheet's rows below its head, column by column (never a plan sheet's): `values` then
   * holds only the rows above `compact.top`, and `formats` only theirs.
   */
  compact?: CompactCells;
}

/**
 * The cells of a data sheet from row `top` on (a row of the grid, as `values` counts), kept as
 * compactly as data references read them: per column, numbers in a typed array, dates as their
 * serial day (no Date objects), anything else (text, truth values, errors) by row in a map.
 */
export interface CompactCells {
  top: number;
  /** Rows held from `top`: the grid is `top + rows` rows high. */
  rows: number;
  /** By column of the grid; a column without any cell kept has none. */
  columns: ReadonlyMap<number, CompactColumn>;
}

/** One column of compact cells, by row from `top`; rows at or past its arrays' length hold no cell. */
export interface CompactColumn {
  /** What each row holds: `CELL_KIND` (none, a number, a date's serial day in `numbers`, or a value in `others`). */
  kinds: Uint8Array;
  numbers: Float64Array;
  others: ReadonlyMap<number, CellValue>;
}

/** What a compact cell holds. */
export const CELL_KIND = { none: 0, number: 1, date: 2, other: 3 } as const;

export type Severity = 'error' | 'warning';

/** A message key in the language packs, with the values its template names. */
export interface MessageRef {
  key: MessageKey;
  args?: Record<string, string | number>;
}

/** Every problem names where it is: the sheet, and the cell when there is one. */
export interface Problem {
  sheet: string;
  cell: string;
  severity: Severity;
  message: MessageRef;
}

export type MessageKey =
  | 'noHeader'
  | 'badNumber'
  | 'badPercent'
  | 'badDate'
  | 'badRange'
  | 'badSteps'
  | 'unknownType'
  | 'unknownScale'
  | 'unknownAssessment'
  | 'unknownPeriod'
  | 'duplicateId'
  | 'noWeight'
  | 'negativeWeight'
  | 'childWeights'
  | 'childWeightsMissing'
  | 'areaWeight'
  | 'planTotal'
  | 'planTotalFractions'
  | 'linearNeedsFloor'
  | 'partialNeedsFloor'
  | 'typeOnParent'
  | 'allWithoutChildren'
  | 'formulaMissing'
  | 'formulaSyntax'
  | 'formulaUnclosed'
  | 'formulaIncomplete'
  | 'formulaRefused'
  | 'formulaChained'
  | 'formulaUnknownName'
  | 'formulaTooLong'
  | 'formulaTooDeep'
  | 'formulaTooBig'
  | 'formulaNoValues'
  | 'formulaArity'
  | 'formulaResult'
  | 'formulaNotANumber'
  | 'formulaInfinite'
  | 'dataRef'
  | 'dataSheetMissing'
  | 'dataEmpty'
  | 'dataTooManyCells'
  | 'cellTooLong'
  | 'badTrim'
  | 'shareBase'
  | 'zeroBaseline'
  | 'typeNeedsTarget'
  | 'cellError'
  | 'badAssessmentScale'
  | 'badPayout'
  | 'badCalendar'
  | 'dataNeedsTwoDates'
  | 'headerResembles'
  | 'typeNotInferred'
  | 'noRequirement'
  | 'weightIsDate'
  | 'mixedYears'
  | 'mixedPeriods'
  | 'supersededSubmission'
  | 'totalNot100'
  | 'badPeriodRule'
  | 'periodRuleWithoutPeriods'
  | 'noLastYearPlan'
  | 'whatIfNotNumber'
  | 'whatIfNotPercent'
  | 'whatIfNotCount'
  | 'whatIfNotDate'
  | 'whatIfNotChoice'
  | 'whatIfNotInPercent'
  | 'whatIfShareRange'
  | 'whatIfNegative'
  | 'whatIfOverTotal'
  | 'verdictIsDate'
  | 'verdictOverWeight'
  | 'unitMismatch'
  | 'shareOver100'
  | 'negativeValue'
  | 'countInPercent'
  | 'metAboveTotal'
  | 'metAboveBase'
  | 'countsDisagree'
  | 'lowerFromWords'
  | 'higherFromWords'
  | 'betterWithoutDirection'
  | 'percentileMissing'
  | 'percentileNeedsType';

/** Plan weighting: percent of 100, or a points allotment. */
/** Plan weighting: percent of 100, a points allotment, or none (every top-level goal counts one). */
export type WeightUnit = 'percent' | 'points' | 'count';

export type Direction = 'up' | 'down';

/** How a value reads in the goal's own unit: a plain number, a percent, a count of cases or a date. */
export type ValueKind = 'number' | 'percent' | 'count' | 'date';

export type StatusKey = 'met' | 'partly' | 'not_met' | 'not_assessed';

export type AssessmentKey = 'met' | 'partly' | 'not_met';

/** An assessment as a row holds it (engine/assessment.ts reads it): a word, or a grade. */
export interface Assessment {
  key: AssessmentKey;
  /** The fulfilment a grade or a scale word gives; null for the plain words, which earn by key. */
  grade: number | null;
  /**
   * Points earned written as a fraction of the pay frame (`1/24`), as the reader found them; scoring
   * holds them against the goal's own share of the frame and replaces them with the grade that gives
   * (the key until then says nothing).
   */
  earned?: number;
}

/** A plan's own assessment words with their credit, by folded word; `labels` as the plan writes them. */
export type AssessmentScale = ReadonlyMap<string, number> & { readonly labels?: readonly string[] };

/** A partial-credit rule, parsed from the Skala cell. */
export type Scale =
  | { kind: 'binary' }
  | { kind: 'linear' }
  | { kind: 'partial' }
  | { kind: 'steps'; steps: { threshold: number; credit: number }[] };

/** The column keys of the plan-sheet contract (docs/plan-sheet.md), canonical order; each has an entry in the column table (columns.ts). */
export const COLUMN_KEYS = [
  'id',
  'area',
  'title',
  'weight',
  'points',
  'type',
  'target',
  'floor',
  'tolerance',
  'periodRule',
  'baseline',
  'actual',
  'met',
  'total',
  'excluded',
  'deadline',
  'completed',
  'assessment',
  'formula',
  'data',
  'limit',
  'trim',
  'scale',
  'note',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/**
 * The units a value may be written in after its number (`50 dage`, `12 min`, `12,5 mio. kr.`),
 * besides percent: one entry each in the unit table (units.ts), named by every language pack.
 */
export const UNIT_KEYS = [
  'percentPoints',
  'days',
  'workingDays',
  'hours',
  'minutes',
  'weeks',
  'months',
  'years',
  'kroner',
  'thousandKroner',
  'millionKroner',
  'billionKroner',
  'euro',
  'count',
  'fte',
  'points',
] as const;
export type UnitKey = (typeof UNIT_KEYS)[number];
/** The unit of a value: percent, or one of the unit table's. */
export type MeasureUnit = 'percent' | UnitKey;

export const METADATA_KEYS = ['agency', 'year', 'period', 'partialCredit', 'assessmentScale', 'performancePay', 'payout', 'calendar'] as const;
export type MetadataKey = (typeof METADATA_KEYS)[number];

/** The calendars whose public holidays working days leave out (src/engine/calendar.ts), by country code. */
export const CALENDARS = ['DK', 'NO', 'SE'] as const;
export type Calendar = (typeof CALENDARS)[number];

/** A period of a year: Q1–Q4, T1–T3, H1–H2 or the whole year. */
export interface Period {
  kind: 'quarter' | 'tertial' | 'half' | 'year';
  index: number;
}

/** A row's cells as written, by column key: only those that are not blank. */
export type RowCells = Partial<Record<ColumnKey, CellValue>>;

/** A cell's value as the engine reads it: absent, or parsed, or present but unreadable. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; missing: true } | { ok: false; missing: false };

/** Range targets are `lo-hi`; others one number. */
export interface Target {
  lo: number;
  hi: number;
  /** A sign in the target (`< 40`, `> 90 %`): the direction it sets, and whether the bound itself fails. */
  compare?: 'atLeast' | 'atMost';
  strict?: boolean;
  /**
   * `11 minutter eller bedre`: the direction "better" points to by the value's unit (shorter for a
   * duration, higher for a percentage); null where its unit tells none. A type's own direction wins.
   */
  better?: 'atLeast' | 'atMost' | null;
  /** `80 % inden for 11 minutter`, `80. percentil højst 11 minutter`: the percentile (0–1) the bound holds for. */
  percentile?: number;
}

export interface DataRef {
  text: string;
  sheet: string;
  /** Zero-based inclusive bounds. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** One goal or requirement row of a plan, with its inputs parsed. */
export interface PlanRow {
  /** Zero-based index among the plan's rows, in sheet order. */
  index: number;
  /** One-based sheet row number, for addresses. */
  sheetRow: number;
  id: string;
  area: string;
  title: string;
  /** Declared weight in the plan's unit, before sharing with siblings. */
  declaredWeight: number | null;
  typeKey: string | null;
  scale: Scale | null;
  target: Target | null;
  floor: number | null;
  /** Within this of the target a result counts as met: absolute, or relative to the target (`5 %`). */
  tolerance: { value: number; relative: boolean } | null;
  /** Met in every period (`alle`) or in `need` of `of` periods (`3 af 4`); null need is every period. */
  periodRule: PeriodRule | null;
  baseline: number | null;
  actual: number | null;
  met: number | null;
  total: number | null;
  excluded: number | null;
  /** Excel serial day numbers. */
  deadline: number | null;
  completed: { date: number | null; done: boolean } | null;
  /** The assessment in the row: a word, a word of the plan's scale, or a grade (a fulfilment). */
  assessment: Assessment | null;
  formula: string | null;
  data: DataRef | null;
  limit: number | null;
  /** The limit counts working days between two date columns of the data (`20 arbejdsdage`). */
  limitInWorkingDays: boolean;
  trim: number | null;
  note: string;
  /**
   * A plain comparison (`mindst`, `højst`, `interval`) with its target, floor or result written as
   * a percentage (`85 %`, a percent format): all three are then fractions, a bare 80 being 80 %,
   * and the row reads in percent.
   */
  inPercent: boolean;
  /**
   * The row's cells as written, for the score sheet's input columns and what-if; `rowCellAddress`
   * says where one stands. Values only: a plan of tens of thousands of rows holds a hundred
   * thousand cells, and an object a cell would be most of what reading keeps.
   */
  cells: RowCells;
  /** Number formats of the row's cells that have one besides General (a percent, a date). */
  formats: Partial<Record<ColumnKey, string>>;
  /** Keys whose cells held something that could not be read (already reported as problems). */
  unreadable: readonly ColumnKey[];
  /**
   * The direction the goal's own words give (`Reduceret ventetid`: lower; `Øget andel`: higher),
   * with the word, for a row that states no type or direction otherwise; null where they give none.
   */
  wordDirection: { compare: 'atLeast' | 'atMost'; word: string } | null;
}

/** How many of the year's periods a requirement must be met in: every one, or `need` of `of`. */
export interface PeriodRule {
  need: number | null;
  of: number | null;
}

/** An area row: an Area and a Weight but no ID. */
export interface AreaDeclaration {
  name: string;
  weight: number;
  address: string;
}

export interface PlanMetadata {
  agency: string;
  year: number | null;
  period: Period | null;
  periodText: string;
  /** Credit for "delvist opfyldt" and the `partial` scale, 0–1. */
  partialCredit: number;
  /** The plan's own assessment words and their credit (`Vurderingsskala`), if it has them. */
  assessmentScale: AssessmentScale | null;
  /** The performance pay frame (`Resultatløn`), an amount, and its pay band (`Udbetaling`): share of the frame by plan score. */
  performancePay: number | null;
  payoutSteps: PayoutStep[] | null;
  /** Whose public holidays working days leave out (`Kalender: NO`); by default the plan's language's, else Danish. */
  calendar: Calendar;
  /** Where each metadata value stands, so problems about it can name its cell. */
  cells: Partial<Record<MetadataKey, string>>;
}

export interface Plan {
  sheet: string;
  metadata: PlanMetadata;
  unit: WeightUnit;
  /** Columns present in the sheet, with their header cells. */
  columns: Partial<Record<ColumnKey, { col: number; address: string; header: string }>>;
  headerRow: number;
  rows: PlanRow[];
  areas: AreaDeclaration[];
  /** Periods the plan gives inputs for (`Resultat Q1` … `Resultat Q4`, `Resultat 2023`), in the order they end. */
  periods: PlanPeriod[];
  /** The period this plan was read with; null when it gives inputs for no period. */
  currentPeriod: string | null;
  /**
   * Each row's fulfilment on its own inputs in the year's periods before this one, for period rules
   * (`3 af 4`); set by engine/periods.ts, so what-if on the plan keeps them.
   */
  earlier?: ReadonlyMap<string, readonly (number | null)[]>;
}

export interface PlanPeriod {
  label: string;
  period: Period;
  year: number | null;
}

/** The score of one plan row. */
export interface RowResult {
  id: string;
  title: string;
  area: string;
  level: number;
  parentId: string | null;
  /** The parent's position in the result's rows; -1 for a top-level goal. */
  parentIndex: number;
  isParent: boolean;
  /** Effective weight after sharing the parent's weight. */
  weight: number;
  fulfilment: number | null;
  earned: number;
  /** Weight that has been assessed (equals weight for an assessed leaf). */
  assessedWeight: number;
  status: StatusKey;
  /** The measured value compared with the target, in the criterion's own unit. */
  measure: number | null;
  /** How the measure reads: a plain number, a percent or a date. */
  measureKind: 'number' | 'percent' | 'date' | null;
  /** The input that would have met the target ("what must we reach?"), for numeric criteria. */
  required: number | null;
  /** The unit of `required` and of the row's what-if input, as its criterion declares: the goal's own unit. */
  requiredKind: ValueKind | null;
  overridden: boolean;
  /** For a row with a period rule: its fulfilment on this period's inputs alone, before the rule. */
  inPeriod?: number | null;
  explanation: string;
  row: PlanRow;
}

/** From this plan score on (0–1), this share of the frame (0–1) is paid. */
export interface PayoutStep {
  score: number;
  share: number;
}

export interface Totals {
  weight: number;
  earned: number;
  /** earned / weight, 0–1; null when the weight is 0. */
  score: number | null;
  assessedWeight: number;
  maxReachable: number;
  counts: Record<StatusKey, number>;
}

export interface AreaResult extends Totals {
  name: string;
  declaredWeight: number | null;
}

export interface PlanResult {
  plan: Plan;
  rows: RowResult[];
  areas: AreaResult[];
  total: Totals & {
    /** What the pay band pays for the plan's score, where the plan has a frame; null when not scored. */
    payout?: number | null;
  };
  /** The plan's results period by period, where it gives inputs per period (engine/periods.ts). */
  periods?: PeriodResult[];
  /** Last year's plan beside this one (engine/lastYear.ts), when scored with `--compare`. */
  lastYear?: LastYear;
  /** Where the year is heading (engine/forecast.ts), for a plan reported per period. */
  forecast?: PlanForecast | null;
  problems: Problem[];
}

/** One period of a plan scored on that period's inputs alone. */
export interface PeriodResult {
  label: string;
  period: Period;
  year: number | null;
  score: number | null;
  earned: number;
  weight: number;
  /** The weight assessed in the period, and its goals by status: how much of the plan its score covers. */
  assessedWeight: number;
  counts: Record<StatusKey, number>;
  areas: { name: string; score: number | null; earned: number }[];
  rows: { id: string; fulfilment: number | null; earned: number; status: StatusKey; measure: number | null; inPeriod?: number | null }[];
}

/** Last year's result for one of this year's goals. */
export interface LastYearRow {
  /** Last year's ID, which may differ from this year's when matched by text. */
  id: string;
  result: number | null;
  resultKind: RowResult['measureKind'];
  fulfilment: number | null;
  status: StatusKey;
}

export interface LastYear {
  year: number | null;
  /** Where last year's plan came from, as the user named it. */
  file: string;
  score: number | null;
  /** Last year's row for each of this year's goals that has one, by this year's ID. */
  rows: Map<string, LastYearRow>;
  /** This year's goals whose baseline is last year's result. */
  baselines: string[];
}

export type Forecast = 'on_track' | 'at_risk' | 'off_track';

/** The forecast for the plan, and for each goal by ID; null where a goal or the plan has none. */
export interface PlanForecast {
  plan: Forecast | null;
  rows: Map<string, Forecast | null>;
}

/** Every criterion type's key, one entry each in criteria.ts. The language packs name each one, so a type without names fails to compile. */
export type CriterionKey = 'min' | 'max' | 'range' | 'below' | 'above' | 'reduction' | 'increase' | 'share' | 'percentile' | 'milestone' | 'assessment' | 'formula' | 'all';
