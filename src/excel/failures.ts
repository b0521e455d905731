/**
 * Office.js failures in plain words, and what to do about them: one entry per error code
 * (Excel.ErrorCodes), as the engine declares its criterion types. `smaller` retries with smaller
 * requests, `later` waits and retries (a cell being edited, a busy host).
 */
import { fill, type LanguagePack, type OfficeFailureKey } from '../i18n';

export interface FailureRule {
  key: OfficeFailureKey;
  retry: 'smaller' | 'later' | null;
}

export const OFFICE_FAILURES: Record<string, FailureRule> = {
  // Codes Excel defines (Excel.ErrorCodes and the Excel add-in error-handling documentation).
  InvalidOperationInCellEditMode: { key: 'editMode', retry: 'later' },
  RequestPayloadSizeLimitExceeded: { key: 'tooLarge', retry: 'smaller' },
  ResponsePayloadSizeLimitExceeded: { key: 'tooLarge', retry: 'smaller' },
  OperationCellsExceedLimit: { key: 'tooLarge', retry: 'smaller' },
  RangeExceedsLimit: { key: 'tooLarge', retry: 'smaller' },
  FormulaLengthExceedsLimit: { key: 'formulaTooLong', retry: null },
  AccessDenied: { key: 'protected', retry: null },
  InsertDeleteConflict: { key: 'conflict', retry: null },
  Conflict: { key: 'conflict', retry: 'later' },
  ActivityLimitReached: { key: 'busy', retry: 'later' },
  RequestAborted: { key: 'busy', retry: 'later' },
  // Raised by the add-in itself (OfficeFailure), before Excel would fail.
  OldExcel: { key: 'oldExcel', retry: null },
  ProtectedWorkbook: { key: 'protected', retry: null },
  ProtectedSheet: { key: 'protectedSheet', retry: null },
};

/** A failure the add-in raises itself, before Excel would: an old host, a protected workbook or sheet (`{sheet}`). */
export class OfficeFailure extends Error {
  constructor(
    readonly code: string,
    readonly args: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'OfficeFailure';
  }
}

export function failureRule(error: unknown): FailureRule | null {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && Object.hasOwn(OFFICE_FAILURES, code) ? OFFICE_FAILURES[code] : null;
}

/** What went wrong, for the user: the plain words of a known failure, else Excel's own message. */
export function describeFailure(error: unknown, lang: LanguagePack): string {
  const rule = failureRule(error);
  if (rule) return fill(lang.ui[rule.key], (error as { args?: Record<string, string> }).args ?? {});
  return fill(lang.ui.failed, { message: (error as Error)?.message ?? String(error) });
}

/** The requirement set the add-in is built on; the manifest asks for it too. */
export const REQUIRED_API = { set: 'ExcelApi', version: '1.12' } as const;
