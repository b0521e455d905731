/**
 * The scoring engine: plain values in, plain values out. The one door into src/engine for every
 * other layer (docs/decisions.md, "Layers"); what an adapter needs is exported here.
 */
export * from './types';
export { readPlan, isPlanSheet, parseDataRef, nearestHeader, HEADER_SEARCH_ROWS, DEFAULT_PARTIAL_CREDIT, type ReadOptions } from './reader';
export { DATA_CELL_LIMIT, refusedRange, type CellVisit, type DataCells, type DataSource } from './dataRefs';
export { CompactBuilder, cellOf, compactWidth, gridHeight, gridRange } from './compact';
export { scorePlan, statusOf, assessmentCredit, countedRows, trimmedMean, inferType, FORMULA_VARIABLES, type ScoreOptions } from './score';
export { plainResult } from './resultColumns';
export {
  CRITERIA,
  CRITERION,
  CRITERION_BY_KEY,
  criterionOf,
  STRICT_CAP,
  TOLERANCE,
  TOL,
  ALMOST_ONE,
  ALMOST_ZERO,
  assessmentFormula,
  type Compare,
  type ComparisonCriterion,
  type CriterionDefinition,
  type LeafFormulas,
  type LiveMeasure,
  type RowRefs,
  type Scaled,
} from './criteria';
export { COLUMNS, TEMPLATE_COLUMNS } from './columns';
export { scorePeriods, periodCoverage, type Coverage } from './periods';
export { lastYearOf, matchGoals, pickLastYear, withLastYearBaselines } from './lastYear';
export { forecast } from './forecast';
export { consolidate, type Overview, type OverviewRow, type Shortfall, type Submission } from './consolidate';
export { whatIf, whatIfInput, readWhatIf, measureUnit, editableField, type WhatIfEdit, type WhatIfInput, type WhatIfKind, type WhatIfReading, type WhatIfResult } from './whatif';
export { SCALES, applyScale } from './scales';
// The rules a value is held to, so a what-if box can refuse what the plan's own cell would.
export { inputProblems, type InputProblem } from './checks';
export { unitOf, UNITS } from './units';
export { compileFormula, toFulfilment, FORMULA_FUNCTIONS } from './formula';
// The task pane's build swaps in mathParser.browser, which fetches mathjs as a chunk of its own.
export { loadMathParser } from './mathParser';
export * from './parse';
export { ENGINE_LANGUAGES, PACKS, enginePack, isLanguageCode, fill, formatWith, typeNames, type EnginePack, type LanguageCode } from './i18n';
export { columnIndex } from './vocabulary';
export { formatter, type Formatter } from './format';
export { address, cellPosition, columnLetter, rangeAddress, quoteSheet } from './address';
export { fold, cellText, clip, CELL_CHARS, SHEET_NAME_CHARS, PAGE_TEXT_CHARS } from './text';
export { memo, PairCache } from './memo';
export { childrenFirst, fromTheTop, parentsFirst } from './tree';
