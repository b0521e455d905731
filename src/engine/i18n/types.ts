import type { CriterionKey } from '../criteria';
import type { AssessmentKey, ColumnKey, MessageKey, MetadataKey, Period, Severity, StatusKey } from '../types';

export type LanguageCode = 'da' | 'nb' | 'en';

/** Words the plan reader understands in one language. Matching folds case and accents. */
export interface Vocabulary {
  columns: Record<ColumnKey, string[]>;
  metadata: Record<MetadataKey, string[]>;
  /** Criterion type names by the key of their definition in `criteria.ts`. */
  types: Record<CriterionKey, string[]>;
  scales: Record<'binary' | 'linear' | 'partial', string[]>;
  assessments: Record<AssessmentKey, string[]>;
  yes: string[];
  no: string[];
  /** Period words: `kvartal` in `1. kvartal`, `helår` alone. */
  periods: Record<Period['kind'], string[]>;
  /** Words after a number that mark it as percent: `pct.`, `procent`. */
  percent: string[];
  /** Words after a limit that make it count working days: `arbejdsdage`. */
  workingDays: string[];
}

/** Labels of the score workbook. */
export interface SheetWords {
  scoreSheet: string;
  /** The unit of a plan without weights: its goals, each counting one. */
  goals: string;
  /** What the plan's pay band pays for its score. */
  payout: string;
  problemsSheet: string;
  title: string;
  score: string;
  earnedOfTotal: string;
  of: string;
  assessedWeight: string;
  maxReachable: string;
  subtotal: string;
  total: string;
  source: string;
  problemHeaders: { file: string; sheet: string; cell: string; severity: string; message: string };
  /** Output column headers of the goal table. */
  columns: Record<ScoreColumnKey, string>;
  overridden: string;
  /** Note on a fulfilment the sheet cannot compute with a formula; `{reason}` says why. */
  staticNote: string;
  staticReasons: Record<'formula' | 'data' | 'unknown', string>;
  /** Heading of the per-area block and its chart. */
  byArea: string;
  /** The what-if scenario sheet. */
  scenario: Record<'sheet' | 'title' | 'actual' | 'scenario' | 'change' | 'input', string>;
  /** The consolidated overview workbook. */
  overview: Record<'sheet' | 'shortfallSheet' | 'title' | 'shortfallTitle' | 'agency' | 'file' | 'year' | 'period' | 'unit' | 'percent' | 'points' | 'count' | 'average' | 'lowest' | 'lost' | 'lostShare' | 'chart', string>;
}

export type ScoreColumnKey =
  | 'id'
  | 'area'
  | 'title'
  | 'weight'
  | 'points'
  | 'type'
  | 'scale'
  | 'target'
  | 'floor'
  | 'tolerance'
  | 'baseline'
  | 'actual'
  | 'met'
  | 'total'
  | 'excluded'
  | 'deadline'
  | 'completed'
  | 'assessment'
  | 'result'
  | 'fulfilment'
  | 'earned'
  | 'status'
  | 'explanation'
  | 'note'
  | 'targetHigh'
  | 'required'
  | 'gain'
  | 'parent'
  | 'level'
  | 'leaf'
  | 'assessed'
  | 'lookupWord'
  | 'lookupValue';

/** Words used inside one-line explanations. */
export interface ExplanationWords {
  missing: string;
  met: string;
  notMet: string;
  completed: string;
  deadline: string;
  notCompleted: string;
  assessment: string;
  overriddenBy: string;
  allChildren: string;
  sumChildren: string;
  notAllAssessed: string;
  scale: Record<'binary' | 'linear' | 'partial' | 'steps', string>;
  formula: string;
  trimmedMean: string;
  withinLimit: string;
  /** Column names used to say which inputs are missing. */
  inputs: Partial<Record<ColumnKey, string>>;
}

/** Words of the task pane; `{name}` stands for a value. */
export type UiWords = Record<'appTitle' | 'planSheets' | 'noPlans' | 'scoreSelected' | 'scoreAll' | 'refresh' | 'reading' | 'progress' | 'writing' | 'done' | 'results' | 'earnedOf' | 'earnedOfGoals' | 'assessed' | 'areas' | 'problems' | 'noProblems' | 'goTo' | 'settings' | 'partialCredit' | 'language' | 'automatic' | 'fileModeIntro' | 'chooseFiles' | 'download' | 'failed' | 'rows' | 'noPlanInFile' | 'consolidate' | 'consolidateIntro' | 'addFiles' | 'addedFiles' | 'consolidated' | 'thisWorkbook' | 'downloadOverview' | 'whatIf' | 'whatIfIntro' | 'showAll' | 'scenarioScore' | 'saveScenario' | 'scenarioSaved' | 'requiredValue' | 'choosePlan' | 'gainValue' | OfficeFailureKey, string>;

/** Office failures the add-in explains in plain words (see src/excel/failures.ts). */
export type OfficeFailureKey = 'oldExcel' | 'editMode' | 'protected' | 'tooLarge' | 'formulaTooLong' | 'conflict' | 'busy';

export interface LanguagePack {
  code: LanguageCode;
  name: string;
  /** Locale for number and date formatting (`da-DK`). */
  locale: string;
  vocabulary: Vocabulary;
  statuses: Record<StatusKey, string>;
  severities: Record<Severity, string>;
  /** Problem messages; `{name}` stands for an argument. */
  messages: Record<MessageKey, string>;
  sheet: SheetWords;
  explain: ExplanationWords;
  ui: UiWords;
  /** What each plan column means, for header notes in the template. */
  columnHelp: Record<ColumnKey, string>;
  /** Criterion type names as the score sheet prints them. */
  typeLabels: Record<CriterionKey | 'sum', string>;
}
