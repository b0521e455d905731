import type { Numerals } from '../numerals';
import type { AssessmentKey, Calendar, ColumnKey, CriterionKey, MeasureUnit, MessageKey, MetadataKey, Period, Severity, StatusKey, UnitKey } from '../types';

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
  /** A period rule: the words for every period (`alle`) and the word in `3 af 4`. */
  periodRule: { every: string[]; of: string[] };
  /** Words after a number that mark it as percent: `pct.`, `procent`. */
  percent: string[];
  /** Words after a limit that make it count working days: `arbejdsdage`. */
  workingDays: string[];
  /**
   * Units a value may be given in after its number (`50 dage`, `12 min`), by the unit they name:
   * a result in another unit than its requirement is a problem. Shown beside what-if inputs.
   */
  units: Record<UnitKey, string[]>;
  /** Words after a bound that give its direction: `eller mere`, `eller mindre`, and `eller bedre`, which the unit turns. */
  orDirection: Record<'min' | 'max' | 'better', string[]>;
  /** Words between a percentile and its bound: `80 % inden for 11 minutter`. */
  within: string[];
  /** Words in a goal's text that say which way is better where nothing else does: `Reduceret`, `Færre`; `Øget`, `Høj`. */
  directions: Record<'lower' | 'higher', string[]>;
  /** Labels of a row that sums the plan or an area (`I alt`, `Total`): such a row is no area. */
  totals: string[];
  /** The months' names and short forms, January first, for dates written out (`31. december 2024`). */
  months: Twelve<string[]>;
  /** Words before a date or period that only say "by" it (`senest`, `udgangen af`). */
  byDate: string[];
}

/** Twelve of a kind, one a month: the compiler tells when a language lacks a month. */
export type Twelve<T> = [T, T, T, T, T, T, T, T, T, T, T, T];

/** Words used inside one-line explanations. */
export interface ExplanationWords {
  /** "412 of 500" */
  of: string;
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
  /** "3 af 4 perioder: opfyldt i {met} af {reported}" */
  periodRule: string;
  everyPeriod: string;
  /** Column names used to say which inputs are missing. */
  inputs: Partial<Record<ColumnKey, string>>;
  /** Each unit's name in messages: `dage`, `procent`. */
  units: Record<MeasureUnit, string>;
  /** A percentile as explanations name it: `{p}. percentil`. */
  percentile: string;
}

/**
 * The engine's words in one language: what the reader understands, the statuses, the explanations
 * and the problems of plans. The product's words (score workbook, pane, files) are in src/i18n.
 */
export interface EnginePack<Code extends string = string> {
  /** The language's code (`da`), its key in the registry (src/engine/i18n/index.ts). */
  code: Code;
  /** The language's name in itself (`Dansk`). */
  name: string;
  /** Locale for number and date formatting (`da-DK`). */
  locale: string;
  /** How the language writes numbers and dates: as Intl does for `locale` (src/engine/numerals.ts). */
  numerals: Numerals;
  /**
   * Whose public holidays a plan written in this language counts working days by when it names
   * no `Kalender`; none for a language written in many countries (English).
   */
  calendar?: Calendar;
  vocabulary: Vocabulary;
  statuses: Record<StatusKey, string>;
  severities: Record<Severity, string>;
  /** Problem messages; `{name}` stands for an argument. */
  messages: Record<MessageKey, string>;
  explain: ExplanationWords;
  /** Criterion type names as the score sheet prints them. */
  typeLabels: Record<CriterionKey | 'sum', string>;
}
