/**
 * What a workbook file may hold before it is refused, and why a file is refused. The reader
 * enforces every limit while it streams, so a file that lies about its sizes is stopped too.
 */

export interface WorkbookLimits {
  /** Bytes of the file itself, checked before it is read whole. */
  fileBytes: number;
  /** Files inside the package. */
  entries: number;
  /** Bytes of all entries together, inflated. */
  inflatedBytes: number;
  /** Inflated size against compressed size, for entries over `ratioFloor` bytes. */
  ratio: number;
  ratioFloor: number;
  /** Cells over all worksheets. */
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
  inflatedBytes: 1024 * 2 ** 20,
  ratio: 200,
  ratioFloor: 20 * 2 ** 20,
  cells: 5_000_000,
  strings: 2_000_000,
  stringChars: 200_000_000,
  elements: 30_000_000,
  depth: 64,
};

/** Why a file cannot be read; `detail` carries the number or name the message shows. */
export type WorkbookRefusal =
  | { reason: 'empty' }
  | { reason: 'xls' }
  | { reason: 'encrypted' }
  | { reason: 'notWorkbook' }
  | { reason: 'ods' }
  | { reason: 'damaged'; detail: string }
  | { reason: 'tooLarge'; detail: string }
  | { reason: 'bomb'; detail: string }
  | { reason: 'tooManyCells'; detail: string }
  | { reason: 'tooComplex'; detail: string };

export class WorkbookRefused extends Error {
  constructor(readonly refusal: WorkbookRefusal) {
    super(`${refusal.reason}${'detail' in refusal ? `: ${refusal.detail}` : ''}`);
    this.name = 'WorkbookRefused';
  }
}
