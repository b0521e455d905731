/** Workbook files outside Excel: read them, score them, write score workbooks. */
export { readGrids, isDateFormat } from './read';
export { WorkbookRefused, LIMITS, type WorkbookLimits } from './limits';
export { workbookBytes, workbookBytesAsync } from './write';
export { lastYearSource, scoreSources, scoreWorkbookBytes, unreadableProblem, ScoringFailed, type ScoredFile, type ScoredSource, type WorkbookSource } from './files';
export { consolidationLayout, scenarioLayout, dataFromGrids } from '../pipeline';
