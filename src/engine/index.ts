/** The scoring engine: plain values in, plain values out. */
export * from './types';
export { readPlan, isPlanSheet, parseDataRef, HEADER_SEARCH_ROWS, DEFAULT_PARTIAL_CREDIT, type ReadOptions } from './reader';
export { scorePlan, statusOf, assessmentCredit, trimmedMean, inferType, FORMULA_VARIABLES, type ScoreOptions } from './score';
export { CRITERIA, CRITERION_BY_KEY, type CriterionDefinition } from './criteria';
export { COLUMNS, TEMPLATE_COLUMNS } from './columns';
export { consolidate, type Overview, type OverviewRow, type Shortfall, type Submission } from './consolidate';
export { whatIf, whatIfInput, measureUnit, editableField, type WhatIfEdit, type WhatIfInput, type WhatIfKind, type WhatIfResult } from './whatif';
export { SCALES, applyScale } from './scales';
export { compileFormula, toFulfilment, FORMULA_FUNCTIONS } from './formula';
export * from './parse';
export { ENGINE_LANGUAGES, PACKS, enginePack, type EnginePack, type LanguageCode } from './i18n';
export { formatter } from './format';
export { address, columnLetter, rangeAddress, quoteSheet } from './address';
export { fold, cellText } from './text';
