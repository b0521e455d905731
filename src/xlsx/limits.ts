/**
 * What a workbook file may hold before it is refused, and why a file is refused. The reader
 * enforces every limit while it streams, so a file that lies about its sizes is stopped too.
 */

export interface WorkbookLimits {
  /** Bytes of the file itself, checked before it is read whole. */
  fileBytes: number;
  /** Files inside the package. */
  entries: number;
  /** Sheets the workbook lists (Excel sets no number; its memory does). */
  sheets: number;
  /** Bytes of all entries read, inflated: parts never read (a picture) are never inflated or counted. */
  inflatedBytes: number;
  /** Inflated size against compressed size, for entries read over `ratioFloor` bytes. */
  ratio: number;
  ratioFloor: number;
  /**
   * Cells kept over all worksheets: every cell of a plan sheet, and of other sheets the first rows
   * and the columns data references name; cells of other columns are passed over, not kept.
   */
  cells: number;
  /** Shared strings, and their characters together. */
  strings: number;
  stringChars: number;
  /** XML elements over all parts read, and how deep they may nest. */
  elements: number;
  depth: number;
}

export const LIMITS: WorkbookLimits = {
  fileBytes: 100 * 2 ** 20,
  entries: 10_000,
  sheets: 10_000,
  inflatedBytes: 1024 * 2 ** 20,
  ratio: 200,
  ratioFloor: 20 * 2 ** 20,
  // Sixteen columns of Excel's full 1,048,576 rows.
  cells: 2 ** 24,
  strings: 2_000_000,
  stringChars: 200_000_000,
  // A case sheet of Excel's full height and 30 columns is about 64 million elements (a row, a cell and its value).
  elements: 2 ** 26,
  depth: 64,
};

/**
 * Why a file cannot be read: `detail` names the part, `limit` is the number the message shows (in
 * the user's language: megabytes for `tooLarge`, a count for the others).
 */
export type WorkbookRefusal =
  | { reason: 'empty' }
  | { reason: 'xls' }
  | { reason: 'encrypted' }
  | { reason: 'notWorkbook' }
  | { reason: 'ods' }
  | { reason: 'damaged'; detail: string }
  | { reason: 'tooLarge'; limit: number }
  | { reason: 'tooManyParts'; limit: number }
  | { reason: 'tooManySheets'; limit: number }
  | { reason: 'bomb'; detail: string }
  | { reason: 'tooManyCells'; limit: number }
  | { reason: 'tooComplex'; detail: string };

export class WorkbookRefused extends Error {
  constructor(readonly refusal: WorkbookRefusal) {
    super(`${refusal.reason}${'detail' in refusal ? `: ${refusal.detail}` : 'limit' in refusal ? `: ${refusal.limit}` : ''}`);
    this.name = 'WorkbookRefused';
  }
}
