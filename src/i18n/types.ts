/** The product's words: the score workbook, the task pane, header notes, and messages about files. */
import type { EnginePack, LanguageCode, ColumnKey, MessageKey as EngineMessageKey, Problem } from '../engine';

/** Messages about a file or an output as a whole, which only the product's adapters raise. */
export type ProductMessageKey =
  | 'noPlanSheet'
  | 'noPlanSheetNearest'
  | 'unreadableFile'
  | 'fileNotScored'
  | 'fileEmpty'
  | 'fileNotRegular'
  | 'folderEmpty'
  | 'fileXls'
  | 'fileEncrypted'
  | 'fileNotWorkbook'
  | 'fileOds'
  | 'fileDamaged'
  | 'fileTooLarge'
  | 'fileBomb'
  | 'fileTooManyCells'
  | 'fileTooManyParts'
  | 'fileTooManySheets'
  | 'fileTooComplex'
  | 'fileTooManyParts'
  | 'fileNotFound'
  | 'fileNoAccess'
  | 'outputExists'
  | 'outputIsInput'
  | 'outputNoSpace'
  | 'outputNoAccess'
  | 'outputNameTooLong'
  | 'outputReadOnly'
  | 'outputTooBig'
  | 'outputFolderIsFile'
  | 'outputNoFolder'
  | 'outputIsFolder'
  | 'outputBusy'
  | 'outputDiskError'
  | 'outputFailed'
  | 'pdfNoLibreOffice'
  | 'pdfFailed';

export type MessageKey = EngineMessageKey | ProductMessageKey;

/** A problem the product shows: a plan's, or one about a file or output as a whole. */
export interface ProductProblem extends Omit<Problem, 'message'> {
  message: { key: MessageKey; args?: Record<string, string | number> };
}

/** Labels of the score workbook. */
export interface SheetWords {
  scoreSheet: string;
  /** The unit of a plan without weights: its goals, each counting one. */
  goals: string;
  /** What the plan's pay band pays for its score. */
  payout: string;
  /** Heading of the trend arrow beside a goal's history by period. */
  trend: string;
  /** The period column of the score-by-period block, and its chart's title. */
  periodColumn: string;
  scoreByPeriod: string;
  /** How much of the plan a period's score covers, where periods cover it unalike (`1 af 13 mål`), and its column's heading. */
  periodCoverage: string;
  assessedGoals: string;
  /** Heading of the table of each goal's results in the last three years, as the annual report prints it. */
  threeYears: string;
  /**
   * How a date cell reads, as a number format: the language's order and separator, the separators
   * written as literals and the language's locale named (`[$-414]dd\.mm\.yyyy`), so no
   * account's regional settings turn it into their own short date (office-js#2824, #1553).
   */
  dateFormat: string;
  /** The printed page's footer: `{page}` of `{pages}`. */
  pageFooter: string;
  /** Where the year is heading: the column's heading and its words. */
  forecastColumn: string;
  forecast: Record<'on_track' | 'at_risk' | 'off_track', string>;
  /** Headings of last year's result and fulfilment beside this year's; `{year}` is last year. */
  lastYearResult: string;
  lastYearFulfilment: string;
  /** Said when last year's plan has no year. */
  lastYear: string;
  /** The note on a baseline taken from last year's result. */
  baselineFromLastYear: string;
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
  /** An explanation after an input was edited on the sheet: `{now}` the live fulfilment, `{then}` goalscore's. */
  explanationEdited: string;
  /** The note on the explanation column's header: `{date}` when goalscore computed the sheet. */
  explanationNote: string;
  /** Why a fulfilment is static: a criterion type without formulas, data on another sheet, a rule over periods, a type that cannot be read. */
  staticReasons: Record<'formula' | 'data' | 'periods' | 'unknown', string>;
  /** Heading of the per-area block and its chart. */
  byArea: string;
  /** The what-if scenario sheet. */
  scenario: Record<'sheet' | 'title' | 'actual' | 'scenario' | 'change' | 'input', string>;
  /** The consolidated overview workbook. */
  overview: Record<'sheet' | 'shortfallSheet' | 'title' | 'shortfallTitle' | 'agency' | 'file' | 'year' | 'period' | 'unit' | 'percent' | 'points' | 'count' | 'average' | 'lowest' | 'lost' | 'lostShare' | 'chart' | 'trendSheet' | 'trendTitle' | 'sinceEarlier' | 'trendChart' | 'notAssessedTitle' | 'wholeYear' | 'openSheet' | 'coverage', string>;
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
  | 'periodRule'
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
  | 'lookupValue'
  | 'computed'
  | 'computedExplanation'
  | 'planNote';

/** Words of the task pane; `{name}` stands for a value. */
export type UiWords = Record<'appTitle' | 'planSheets' | 'noPlans' | 'scoreSelected' | 'scoreAll' | 'refresh' | 'reading' | 'progress' | 'writing' | 'done' | 'results' | 'earnedOf' | 'earnedOfGoals' | 'trend' | 'assessed' | 'areas' | 'problems' | 'noProblems' | 'goTo' | 'settings' | 'partialCredit' | 'language' | 'automatic' | 'fileModeIntro' | 'chooseFiles' | 'download' | 'failed' | 'rows' | 'noPlanInFile' | 'consolidate' | 'consolidateIntro' | 'addFiles' | 'remove' | 'consolidated' | 'thisWorkbook' | 'downloadOverview' | 'whatIf' | 'whatIfIntro' | 'showAll' | 'scenarioScore' | 'saveScenario' | 'scenarioSaved' | 'requiredValue' | 'choosePlan' | 'gainValue' | 'help' | 'reshapeTitle' | 'reshapeText' | 'reshapeReplace' | 'reshapeKeep' | 'reshapeCancel' | 'keptAs' | 'cancelled' | 'whatIfCount' | 'whatIfDate' | 'whatIfCurrent' | 'whatIfBlank' | 'whatIfUnchanged' | 'whatIfCases' | 'resetRow' | 'resetAll' | 'areaChange' | 'notScored' | 'planErrors' | 'nothingToConsolidate' | 'removeFile' | 'lastYearHeading' | 'lastYearIntro' | 'chooseLastYear' | 'clearLastYear' | 'lastYearChosen' | 'noCustomFunctions' | OfficeFailureKey, string>;

/**
 * Words of the pane's summary, its views (tabs), its consolidation and its print view; `{name}`
 * stands for a value.
 */
export type PaneWordKey =
  | 'views'
  | 'summaryHeading'
  | 'announceTotal'
  | 'announceNotScored'
  | 'notScoredShort'
  | 'problemCount'
  | 'nextStep'
  | 'stepFixExcel'
  | 'stepFixFiles'
  | 'stepWarnings'
  | 'stepDownload'
  | 'stepSheet'
  | 'print'
  | 'printReady'
  | 'doneFiles'
  | 'scenarioReady'
  | 'resultsEmptyFiles'
  | 'resultsEmptyExcel'
  | 'whatIfEmpty'
  | 'changed'
  | 'pointsValue'
  | 'goalsValue'
  | 'amount'
  | 'consolidateIntroFiles'
  | 'consolidatedFiles'
  | 'readingFiles'
  | 'filesRead'
  | 'filesBad'
  | 'buildingOverview'
  | 'cancel'
  | 'cancelledReading'
  | 'cancelledOverview'
  | 'overviewFile'
  | 'ranking'
  | 'rank'
  | 'rankPlan'
  | 'theFile'
  | 'fileDamagedPlain';

/** Office failures the add-in explains in plain words (see src/excel/failures.ts). */
export type OfficeFailureKey = 'oldExcel' | 'editMode' | 'protected' | 'protectedSheet' | 'tooLarge' | 'formulaTooLong' | 'conflict' | 'busy';

/**
 * What the command line says about how it was called, and about a failure of its own; `{name}`
 * stands for a value. `seeHelp` follows every usage error.
 */
export type CliWords = Record<'missingCommand' | 'unknownCommand' | 'unknownOption' | 'missingValue' | 'unexpectedValue' | 'missingFiles' | 'unknownLanguage' | 'unknownHelpTopic' | 'seeHelp' | 'internalError', string>;

/** The add-in's texts in Office, by the manifest's element or resource id. */
export type ManifestTextKey =
  | 'DisplayName'
  | 'Description'
  | 'GetStarted.Title'
  | 'GetStarted.Description'
  | 'Group.Label'
  | 'TaskpaneButton.Label'
  | 'TaskpaneButton.Tooltip'
  | 'ScoreAllButton.Label'
  | 'ScoreAllButton.Tooltip';

/**
 * What the GOALSCORE worksheet functions say when they cannot give a value: `{name}` is the
 * function's or a formula name's, `{argument}` the argument's. Examples use the language's
 * argument separator (`;` where the decimal mark is a comma).
 */
export type FunctionWords = Record<'failed' | 'notANumber' | 'noNumbers' | 'emptyFormula' | 'pairs' | 'badName' | 'valueNotNumber' | 'noValue' | 'notLoaded', string>;

export interface ProductWords {
  messages: Record<ProductMessageKey, string>;
  cli: CliWords;
  functions: FunctionWords;
  sheet: SheetWords;
  ui: UiWords & Record<PaneWordKey, string>;
  /** What each plan column means, for header notes in the template. */
  columnHelp: Record<ColumnKey, string>;
  /**
   * How Office names the language: the locale manifest.xml gives its texts under (`nb-NO`; the
   * manifest's default locale for the language of its default texts), and the language subtags
   * of the display languages the add-in speaks it to (`nb`, `nn`, `no`).
   */
  office: { locale: string; languages: string[] };
  /** The add-in's name and texts in Office, as manifest.xml must hold them (a test checks). */
  manifest: Record<ManifestTextKey, string>;
  /** The help page's name as the add-in serves it (`help.nb.html`), built from src/help/help.<code>.html. */
  helpPage: string;
  /** The blank template in seeds/template/: its file, its sheet's name, and the period its `Periode` names. */
  template: { file: string; sheet: string; period: string };
}

/** Everything the product says in one language: the engine's words and its own. */
export interface LanguagePack extends Omit<EnginePack<LanguageCode>, 'messages'>, Omit<ProductWords, 'messages'> {
  messages: Record<MessageKey, string>;
}
