/**
 * An in-memory fake of the part of the Excel JavaScript API the add-in uses, at least as strict as
 * Excel wherever Excel's rules are documented: properties must be loaded and synced before they
 * are read; text written to a cell is read as Excel reads typed text in en-US, as the API reads it
 * whatever the user's locale (numbers, dates, `=` `+` `-` `@` as formulas) unless the cell is
 * formatted as text or the text starts with an apostrophe; formulas must parse and call only
 * Excel's functions (./excel-formula, with an R1C1 reading of its own); sheet names follow
 * Excel's rules; a protected sheet refuses writes; conditional formats, charts and page layout
 * take only what Excel takes; requests and responses over 5 MB fail, each request costed per object
 * path and action as office.js sends it (src/excel/cost.ts); a request that fails keeps what ran
 * before the failing operation and nothing after it; freeze panes replace each other as in Excel;
 * number formats and array sizes are checked; a date format that reads as the account's short date
 * becomes the system short date, as Excel on the web makes it (office-js#2824); writes after
 * `suspendApiCalculationUntilNextSync` leave the workbook uncalculated until `calculate`.
 * It records every operation with the sheet it touches and what the request weighs.
 */
import { address as a1, columnIndex } from '../src/engine/address';
import { actionCost, pathCost, REQUEST_FRAME } from '../src/excel/cost';
import { formulaProblem, r1c1ToA1 } from './excel-formula';

type Cell = string | number | boolean | null;

/** An object path an operation reaches: the object's key, and its name and arguments as office.js sends them. */
export type PathStep = [key: string, name: string, args?: unknown[]];

/** What a protected sheet still allows: reading, moving to it, and what belongs to the workbook's structure. */
const ALLOWED_WHEN_PROTECTED = new Set(['load', 'activate', 'select', 'rename', 'deleteSheet', 'customProperty', 'tabColor', 'protect', 'unprotect']);

/** The short date of an account's regional settings, as Excel on the web matches a date format against it. */
const SHORT_DATES: Record<string, string> = { 'da-DK': 'dd-mm-yyyy', 'nb-NO': 'dd.mm.yyyy', 'en-US': 'm/d/yyyy', 'en-GB': 'dd/mm/yyyy', 'sv-SE': 'yyyy-mm-dd', 'de-DE': 'dd.mm.yyyy' };

/**
 * A number format as Excel on the web keeps it under an account's regional settings: a date format
 * without a locale of its own that reads as the account's short date becomes the system short date,
 * which every reader then sees in their own order (office-js#2824; read back as `m/d/yyyy`, #229).
 */
export function regionalFormat(code: string, locale: string): string {
  if (code.includes('[$-')) return code;
  const plain = code.replace(/\\(.)/g, '$1').replace(/"([^"]*)"/g, '$1').toLowerCase();
  return plain === SHORT_DATES[locale] ? 'm/d/yyyy' : code;
}

export interface Operation {
  sheet: string | null;
  op: string;
  bytes: number;
  /** Puts back what the operation changed, should the request fail at or before it. */
  undo?: () => void;
  /** The error code Excel fails the request with at this operation. */
  error?: string;
  /** What a values or formulas write sent. */
  payload?: unknown;
}

/** Excel on the web's limits on one request and one response (Office add-in resource limits). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

const LOCALE_WORDS: Record<string, { decimal: string; group: string[]; true: string; false: string; dayFirst: boolean }> = {
  'da-DK': { decimal: ',', group: ['.'], true: 'SAND', false: 'FALSK', dayFirst: true },
  'nb-NO': { decimal: ',', group: [' ', '\u00a0', '.'], true: 'SANN', false: 'USANN', dayFirst: true },
  'en-US': { decimal: '.', group: [','], true: 'TRUE', false: 'FALSE', dayFirst: false },
};

const serial = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);

/**
 * A value as Excel stores what was written into a cell: text is parsed as if typed, in the host's
 * locale, unless the cell's format is text (`@`) or the text starts with an apostrophe.
 */
export function typedValue(v: unknown, format: string | undefined, locale: string, year = 2024): Cell {
  if (typeof v !== 'string') return v as Cell;
  if (v.startsWith("'")) return v.slice(1);
  if (format === '@' || v === '') return v;
  if (/^[=+\-@]/.test(v) && v.length > 1 && !/^[+-]\s*[\d.,]+\s*%?$/.test(v)) return v[0] === '=' ? v : `=${v}`;
  const w = LOCALE_WORDS[locale];
  const t = v.trim();
  if (t.toUpperCase() === w.true) return true;
  if (t.toUpperCase() === w.false) return false;
  const esc = (x: string) => x.replace(/[.\\]/g, (c) => `\\${c}`);
  const groups = w.group.map(esc).join('|');
  const number = new RegExp(`^([+-]?)(\\d{1,3}(?:(?:${groups})\\d{3})+|\\d+)(?:${esc(w.decimal)}(\\d+))?\\s*(%?)$`).exec(t);
  if (number) {
    const n = Number(`${number[1]}${number[2].replace(new RegExp(groups, 'g'), '')}.${number[3] ?? '0'}`);
    return number[4] ? n / 100 : n;
  }
  const date = /^(\d{1,4})[./-](\d{1,2})(?:[./-](\d{1,4}))?$/.exec(t);
  if (date) {
    const [a, b] = [Number(date[1]), Number(date[2])];
    const [d, m] = w.dayFirst ? [a, b] : [b, a];
    // Two-digit years as Excel reads them: 0–29 are 20xx, 30–99 are 19xx.
    const given = date[3] === undefined ? year : Number(date[3]);
    const y = date[3] !== undefined && date[3].length <= 2 ? (given < 30 ? 2000 + given : 1900 + given) : given;
    if (d >= 1 && d <= 31 && m >= 1 && m <= 12 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d) return serial(y, m, d);
  }
  return v;
}

/** Excel's rules for a sheet name; the error code Excel gives, or null. */
export function sheetNameError(name: string, taken: string[]): string | null {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history') return 'InvalidArgument';
  return taken.some((t) => t.toLowerCase() === name.toLowerCase()) ? 'ItemAlreadyExists' : null;
}

/** Whether Excel takes a number format code: at most four sections, quotes and brackets closed. */
export function validNumberFormat(code: unknown): boolean {
  if (typeof code !== 'string' || code === '' || code.length > 255) return false;
  const bare = code.replace(/"[^"]*"/g, '').replace(/\\./g, '');
  if (bare.includes('"')) return false;
  if ((bare.match(/\[/g) ?? []).length !== (bare.match(/\]/g) ?? []).length) return false;
  return bare.split(';').length <= 4;
}

const CELL = /^\$?[A-Z]{1,3}\$?([1-9]\d*)$/;
/** Whether text is an A1 cell or range Excel takes. */
export function isRange(text: unknown): boolean {
  return typeof text === 'string' && text.split(':').length <= 2 && text.split(':').every((c) => CELL.test(c) && columnIndex(c.replace(/\$|\d+/g, '')) < 16_384 && Number(c.replace(/\D/g, '')) <= 1_048_576);
}

/** Excel.ChartType values the add-in might use; Excel refuses any other. */
const CHART_TYPES = new Set(['BarClustered', 'BarStacked', 'ColumnClustered', 'ColumnStacked', 'Line', 'LineMarkers', 'Pie', 'XYScatter', 'Area']);

function chartPositionError(from: string, to: string): string | undefined {
  if (!isRange(from) || !isRange(to)) return 'InvalidArgument';
  const [a, b] = [from, to].map((c) => ({ row: Number(c.replace(/\D/g, '')), col: columnIndex(c.replace(/\$|\d+/g, '')) }));
  return a.row <= b.row && a.col <= b.col ? undefined : 'InvalidArgument';
}

/** A value axis: numbers for its bounds, the minimum below the maximum, a number format Excel takes. */
function axisError(prop: string, value: unknown, axis: Record<string, unknown>): string | undefined {
  if (prop === 'numberFormat') return validNumberFormat(value) ? undefined : 'InvalidArgument';
  if (prop !== 'minimum' && prop !== 'maximum') return 'InvalidArgument';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'InvalidArgument';
  const [min, max] = [axis.minimum, axis.maximum];
  return typeof min === 'number' && typeof max === 'number' && min >= max ? 'InvalidArgument' : undefined;
}

const PAPER_SIZES = new Set(['Letter', 'LetterSmall', 'Tabloid', 'Ledger', 'Legal', 'Statement', 'Executive', 'A3', 'A4', 'A4Small', 'A5', 'B4', 'B5', 'Folio', 'Quatro']);

/** Page layout as Excel takes it: its enumerations, a zoom that scales (10–400 %) or fits pages, but not both. */
function pageLayoutError(prop: string, value: unknown): string | undefined {
  if (prop === 'orientation') return value === 'Portrait' || value === 'Landscape' ? undefined : 'InvalidArgument';
  if (prop === 'paperSize') return PAPER_SIZES.has(value as string) ? undefined : 'InvalidArgument';
  if (prop === 'zoom') {
    const z = value as { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
    const fits = [z?.horizontalFitToPages, z?.verticalFitToPages].filter((n) => n !== undefined);
    if (z?.scale !== undefined) return fits.length === 0 && z.scale >= 10 && z.scale <= 400 ? undefined : 'InvalidArgument';
    return fits.length > 0 && fits.every((n) => Number.isInteger(n) && n! >= 0) ? undefined : 'InvalidArgument';
  }
  return ['centerHorizontally', 'centerVertically', 'printGridlines', 'printHeadings', 'blackAndWhite', 'draftMode', 'firstPageNumber', 'printComments', 'printErrors', 'printOrder', 'leftMargin', 'rightMargin', 'topMargin', 'bottomMargin', 'headerMargin', 'footerMargin'].includes(prop) ? undefined : 'InvalidArgument';
}

const CF_TYPES = new Set(['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue']);
const ICON_SETS: Record<string, number> = { ThreeArrows: 3, ThreeArrowsGray: 3, ThreeFlags: 3, ThreeTrafficLights1: 3, ThreeTrafficLights2: 3, ThreeSigns: 3, ThreeSymbols: 3, ThreeSymbols2: 3, FourArrows: 4, FiveArrows: 5 };
const RULE_TYPES = new Set(['Invalid', 'Number', 'Percent', 'Formula', 'Percentile', 'LowestValue', 'HighestValue', 'Automatic']);
const isFormula = (f: unknown) => typeof f === 'string' && /^=./.test(f);

/**
 * A conditional format's setting as Excel takes it: a known icon set, one criterion per icon (the
 * first an empty object), each later one a known type and operator over a formula (`=0.5`); a bar
 * direction; bounds of a known type over a formula; a colour.
 */
export function conditionalError(prop: string, value: unknown, part: Record<string, unknown>): string | undefined {
  if (prop === 'style') return typeof value === 'string' && value in ICON_SETS ? undefined : 'InvalidArgument';
  if (prop === 'criteria') {
    const icons = ICON_SETS[part.style as string];
    if (!Array.isArray(value) || !icons || value.length !== icons) return 'InvalidArgument';
    const ok = value.slice(1).every((c: { type?: string; operator?: string; formula?: unknown }) => RULE_TYPES.has(c?.type ?? '') && ['GreaterThan', 'GreaterThanOrEqual'].includes(c?.operator ?? '') && isFormula(c?.formula));
    return ok ? undefined : 'InvalidArgument';
  }
  if (prop === 'barDirection') return ['Context', 'LeftToRight', 'RightToLeft'].includes(value as string) ? undefined : 'InvalidArgument';
  if (prop === 'lowerBoundRule' || prop === 'upperBoundRule') {
    const rule = value as { type?: string; formula?: unknown };
    const needsFormula = ['Number', 'Percent', 'Formula', 'Percentile'].includes(rule?.type ?? '');
    return RULE_TYPES.has(rule?.type ?? '') && (!needsFormula || isFormula(rule.formula)) ? undefined : 'InvalidArgument';
  }
  if (prop === 'fillColor') return typeof value === 'string' && /^#[0-9A-Fa-f]{6}$/.test(value) ? undefined : 'InvalidArgument';
  if (prop === 'gradientFill') return typeof value === 'boolean' ? undefined : 'InvalidArgument';
  return 'InvalidArgument';
}

export interface SheetState {
  /** The object's own number, for the request's object paths. */
  id: number;
  name: string;
  /** Sheet protection (Review > Protect Sheet): writes to its cells and objects are refused. */
  protected: boolean;
  cells: Cell[][];
  formats: string[][];
  props: Map<string, string>;
  frozenRows: number;
  frozenColumns: number;
  charts: { type: string; source: string; title: string }[];
  conditionalFormats: { type: string; range: string }[];
  notes: { cell: string; text: string }[];
  /** Hyperlinks as set: the cell and where it leads in the workbook or on the web. */
  links: { cell: string; documentReference?: string; address?: string }[];
  /** Outline groups as set. */
  groups: { by: string; range: string }[];
  /** Manual page breaks: the first cell of each page after one. */
  pageBreaks: string[];
  pageLayout: Record<string, unknown>;
  styles: { range: string; prop: string; value: unknown }[];
  /** The sheet's AutoFilter range, if one is applied. */
  autoFilter: string | null;
  deleted: boolean;
}

class NotLoaded extends Error {
  constructor(what: string) {
    super(`PropertyNotLoaded: ${what} was read before load() and sync()`);
  }
}

export class FakeExcel {
  readonly sheets: SheetState[] = [];
  readonly requests: { bytes: number; operations: Operation[] }[] = [];
  syncs = 0;
  /** Workbook structure protection, as Excel reports it. */
  workbookProtected = false;
  /** Error codes the next syncs fail with, one per sync, as Excel would reject a request. */
  readonly failNext: string[] = [];
  /** Request and response limits; a test may set a host's smaller ones. */
  payloadLimit = PAYLOAD_LIMIT;
  responseLimit = PAYLOAD_LIMIT;
  /** The account's regional settings: they decide the short date (see regionalFormat); the API reads typed text in en-US whatever they are. */
  locale = 'da-DK';
  /** Custom functions an add-in registered, by name (`GOALSCORE.FORMULA`): the only names beside Excel's a formula may call. */
  readonly customFunctions = new Set<string>();
  /** Requests refused as too large. */
  refused = 0;
  /** Object paths the pending request has instantiated already. */
  private instantiated = new Set<string>();
  private nextId = 1;
  /** Whether values were written while calculation was suspended and nothing has calculated since. */
  needsCalculation = false;
  private calculationSuspended = false;
  private pending: Operation[] = [];
  private loads: (() => number)[] = [];
  readonly responses: number[] = [];

  addSheet(name: string, rows: Cell[][], formats: string[][] = []): SheetState {
    const state: SheetState = {
      id: this.nextId++, name, protected: false, cells: rows.map((r) => [...r]), formats: formats.map((r) => [...r]), props: new Map(), frozenRows: 0, frozenColumns: 0,
      charts: [], conditionalFormats: [], notes: [], links: [], groups: [], pageBreaks: [], pageLayout: {}, styles: [], autoFilter: null, deleted: false,
    };
    this.sheets.push(state);
    return state;
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => !s.deleted && s.name === name);
  }

  /** A new object's number, for its object path. */
  id(): number {
    return this.nextId++;
  }

  /** The path to a sheet: the workbook's worksheets, and the sheet. */
  sheetPath(state: SheetState): PathStep[] {
    return [['worksheets', 'worksheets'], [`sheet:${state.id}`, 'getItem', [state.name]]];
  }

  /**
   * Queues an operation, costed as office.js sends it: the action with its arguments, and each
   * object path it reaches that the request has not yet instantiated. A write to a protected sheet
   * fails as Excel fails it.
   */
  record(sheet: string | null, op: string, payload: unknown = null, extra: { undo?: () => void; error?: string; paths?: PathStep[] } = {}): void {
    const state = sheet === null ? undefined : this.sheet(sheet);
    let bytes = actionCost(op.split('.').pop()!, payload === null ? [] : [payload]);
    for (const [key, name, args] of extra.paths ?? (state ? this.sheetPath(state) : [])) {
      if (this.instantiated.has(key)) continue;
      this.instantiated.add(key);
      bytes += pathCost(name, args);
    }
    const locked = state?.protected && !ALLOWED_WHEN_PROTECTED.has(op) ? 'AccessDenied' : undefined;
    this.pending.push({ sheet, op, bytes, undo: extra.undo, error: extra.error ?? locked, ...(op === 'values' ? { payload } : {}) });
    if (this.calculationSuspended && (op === 'values' || op === 'formulas')) this.needsCalculation = true;
  }

  /** Fails the request at operation `at`: what ran before it stays, it and what follows are undone. */
  private fail(operations: Operation[], at: number, code: string): never {
    for (let i = operations.length - 1; i >= at; i--) operations[i].undo?.();
    if (code === 'RequestPayloadSizeLimitExceeded') this.refused++;
    this.instantiated = new Set();
    this.loads = [];
    this.calculationSuspended = false;
    this.requests.push({ bytes: 0, operations: operations.slice(0, at) });
    throw Object.assign(new Error(`${code}: the request failed`), { code });
  }

  queueLoad(finish: () => number): void {
    this.loads.push(finish);
  }

  readonly context = {
    workbook: { worksheets: new FakeWorksheets(this), protection: new FakeProtection(this) },
    application: {
      suspendApiCalculationUntilNextSync: () => {
        this.record(null, 'suspendApiCalculation');
        this.calculationSuspended = true;
      },
      suspendScreenUpdatingUntilNextSync: () => this.record(null, 'suspendScreenUpdating'),
      // Within a request that suspended calculation, asking to calculate does nothing.
      calculate: (type: string) => {
        this.record(null, 'calculate', type);
        if (!this.calculationSuspended) this.needsCalculation = false;
      },
    },
    sync: async () => {
      this.syncs++;
      const operations = this.pending;
      const bytes = REQUEST_FRAME + operations.reduce((s, o) => s + o.bytes, 0);
      this.pending = [];
      this.instantiated = new Set();
      // A request too large is refused whole; an injected failure hits the last operation; an
      // invalid operation fails where it stands, keeping what ran before it.
      if (bytes > this.payloadLimit) this.fail(operations, 0, 'RequestPayloadSizeLimitExceeded');
      const injected = this.failNext.shift();
      if (injected) this.fail(operations, Math.max(0, operations.length - 1), injected);
      const invalid = operations.findIndex((o) => o.error);
      if (invalid >= 0) this.fail(operations, invalid, operations[invalid].error!);
      const response = this.loads.reduce((s, finish) => s + finish(), 0);
      if (response > this.responseLimit) this.fail(operations, 0, 'ResponsePayloadSizeLimitExceeded');
      this.calculationSuspended = false;
      this.requests.push({ bytes, operations });
      this.responses.push(response);
      this.loads = [];
    },
  };

  /** The largest request sent, in bytes. */
  get maxRequestBytes(): number {
    return Math.max(0, ...this.requests.map((r) => r.bytes));
  }

  /** Every write that touched a sheet, with the sheet's name. */
  writes(): Operation[] {
    return this.requests.flatMap((r) => r.operations).filter((o) => o.sheet !== null && !['activate', 'select', 'load'].includes(o.op));
  }

  asContext(): Excel.RequestContext {
    return this.context as unknown as Excel.RequestContext;
  }
}

/** A loadable proxy: properties listed in `load()` become readable after the next sync. */
class Loadable {
  protected loaded = new Set<string>();
  constructor(protected readonly fake: FakeExcel) {}
  protected need(prop: string): void {
    if (!this.loaded.has(prop)) throw new NotLoaded(`${this.constructor.name}.${prop}`);
  }
  protected later(props: string[], size: () => number): void {
    this.fake.queueLoad(() => {
      props.forEach((p) => this.loaded.add(p));
      return size();
    });
  }
}

class FakeProtection extends Loadable {
  load(props: string): this {
    this.fake.record(null, 'load');
    this.later(props.split(',').map((p) => p.trim()), () => 5);
    return this;
  }
  get protected(): boolean {
    this.need('protected');
    return this.fake.workbookProtected;
  }
}

class FakeWorksheets extends Loadable {
  load(_props: string): this {
    this.fake.record(null, 'load');
    this.later(['items'], () => JSON.stringify(this.live().map((s) => s.name)).length);
    return this;
  }
  private live() {
    return this.fake.sheets.filter((s) => !s.deleted);
  }
  get items(): FakeWorksheet[] {
    this.need('items');
    return this.live().map((s) => new FakeWorksheet(this.fake, s));
  }
  getItem(name: string): FakeWorksheet {
    const state = this.fake.sheet(name);
    if (!state) throw new Error(`ItemNotFound: ${name}`);
    return new FakeWorksheet(this.fake, state);
  }
  /** Excel checks the name when the request runs: a bad one fails the request there. */
  add(name: string): FakeWorksheet {
    const error = sheetNameError(name, this.live().map((s) => s.name)) ?? undefined;
    const state = this.fake.addSheet(name, []);
    if (error) state.deleted = true;
    this.fake.record(name, 'addSheet', name, { error, undo: () => (state.deleted = true) });
    return new FakeWorksheet(this.fake, state);
  }
}

class FakeWorksheet {
  readonly customProperties: FakeCustomProperties;
  constructor(private readonly fake: FakeExcel, readonly state: SheetState) {
    this.customProperties = new FakeCustomProperties(fake, state);
  }
  get name(): string {
    return this.state.name;
  }
  /** A rename is checked as a new name is (length, characters, taken), when the request runs. */
  set name(next: string) {
    const was = this.state.name;
    const others = this.fake.sheets.filter((s) => !s.deleted && s !== this.state).map((s) => s.name);
    const error = sheetNameError(next, others) ?? undefined;
    this.fake.record(was, 'rename', next, { error, undo: () => (this.state.name = was) });
    if (!error) this.state.name = next;
  }
  private write(op: string, payload: unknown = null, error?: string) {
    this.fake.record(this.state.name, op, payload, error ? { error } : {});
  }
  /** Sheet protection: loaded like any property; protect and unprotect as Excel has them. */
  get protection() {
    const state = this.state;
    const fake = this.fake;
    return new (class extends Loadable {
      load(_props: string): this {
        this.fake.record(null, 'load');
        this.later(['protected'], () => 5);
        return this;
      }
      get protected(): boolean {
        this.need('protected');
        return state.protected;
      }
      protect(): void {
        fake.record(state.name, 'protect');
        state.protected = true;
      }
      unprotect(): void {
        fake.record(state.name, 'unprotect');
        state.protected = false;
      }
    })(this.fake);
  }
  getRange(address: string): FakeRange {
    const [start, end = start] = address.replace(/\$/g, '').split(':');
    const p = (ref: string) => {
      const m = ref.match(/^([A-Z]+)(\d+)$/)!;
      return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
    };
    const s = p(start);
    const e = p(end);
    return new FakeRange(this.fake, this.state, s.row, s.col, e.row - s.row + 1, e.col - s.col + 1, false, ['getRange', [address]]);
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): FakeRange {
    return new FakeRange(this.fake, this.state, row, col, rows, cols);
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): FakeRange {
    const cells = this.state.cells;
    let top = -1, bottom = -1, left = Infinity, right = -1;
    cells.forEach((row, r) => row?.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      if (top < 0) top = r;
      bottom = r;
      left = Math.min(left, c);
      right = Math.max(right, c);
    }));
    if (top < 0) return new FakeRange(this.fake, this.state, 0, 0, 0, 0, true);
    return new FakeRange(this.fake, this.state, top, left, bottom - top + 1, right - left + 1);
  }
  activate(): void {
    this.write('activate');
  }
  delete(): void {
    const was = this.state.deleted;
    this.fake.record(this.state.name, 'deleteSheet', null, { undo: () => (this.state.deleted = was) });
    this.state.deleted = true;
  }
  set tabColor(value: string) {
    this.write('tabColor', value);
  }
  /** Each call sets the sheet's one frozen pane: freezing columns after rows unfreezes the rows, as in Excel. */
  readonly freezePanes = {
    unfreeze: () => this.freeze('unfreeze', 0, 0),
    freezeRows: (n: number) => this.freeze('freezeRows', n, 0),
    freezeColumns: (n: number) => this.freeze('freezeColumns', 0, n),
    freezeAt: (range: FakeRange) => {
      const { rows, cols } = range.extent;
      this.freeze('freezeAt', rows, cols);
    },
  };
  private freeze(op: string, rows: number, cols: number): void {
    const before = [this.state.frozenRows, this.state.frozenColumns];
    this.fake.record(this.state.name, op, [rows, cols], { undo: () => ([this.state.frozenRows, this.state.frozenColumns] = before) });
    this.state.frozenRows = rows;
    this.state.frozenColumns = cols;
  }
  get pageLayout() {
    const sheet = this;
    const layout = this.state.pageLayout;
    // Excel takes at most 255 characters in a header or footer section.
    const sections = new Proxy({} as Record<string, string>, {
      set(target, prop, value: string) {
        sheet.fake.record(sheet.state.name, `headersFooters.${String(prop)}`, value, typeof value === 'string' && value.length <= 255 ? {} : { error: 'InvalidArgument' });
        layout[String(prop)] = value;
        return true;
      },
    });
    return new Proxy({
      setPrintTitleRows: (rows: string) => { sheet.write('printTitleRows', rows, /^\$?\d+:\$?\d+$/.test(rows) ? undefined : 'InvalidArgument'); layout.printTitleRows = rows; },
      setPrintArea: (area: string) => { sheet.write('printArea', area, isRange(area) ? undefined : 'InvalidArgument'); layout.printArea = area; },
      headersFooters: { defaultForAllPages: sections },
    }, {
      set(target, prop, value) {
        sheet.write(`pageLayout.${String(prop)}`, value, pageLayoutError(String(prop), value));
        layout[String(prop)] = value;
        return true;
      },
    });
  }
  /** One AutoFilter per sheet: applying a second while one stands is refused, as Excel refuses it. */
  get autoFilter() {
    const sheet = this;
    const filter = new (class extends Loadable {
      apply(range: FakeRange): void {
        const busy = sheet.state.autoFilter !== null && sheet.state.autoFilter !== range.address;
        sheet.fake.record(sheet.state.name, 'autoFilter', range.address, busy ? { error: 'InvalidOperation' } : {});
        if (!busy) sheet.state.autoFilter = range.address;
      }
      remove(): void {
        sheet.write('autoFilter.remove');
        sheet.state.autoFilter = null;
      }
      load(_props: string): this {
        this.fake.record(null, 'load');
        this.later(['enabled'], () => 5);
        return this;
      }
      get enabled(): boolean {
        this.need('enabled');
        return sheet.state.autoFilter !== null;
      }
    })(this.fake);
    return filter;
  }
  /** Manual page breaks, each before its range's top row. */
  readonly horizontalPageBreaks = {
    add: (range: FakeRange) => {
      this.write('pageBreak', range.address);
      this.state.pageBreaks.push(range.address.split(':')[0]);
    },
    removePageBreaks: () => {
      this.write('pageBreak.removeAll');
      this.state.pageBreaks = [];
    },
  };
  get notes() {
    return new FakeItems(this.fake, this.state, 'notes', (range: FakeRange, text: string) => {
      this.write('note', text);
      this.state.notes.push({ cell: range.address, text });
    });
  }
  get charts() {
    return new FakeItems(this.fake, this.state, 'charts', (type: string, source: FakeRange, by: string) => {
      this.write('addChart', type, CHART_TYPES.has(type) && ['Auto', 'Columns', 'Rows'].includes(by) && source.size > 1 ? undefined : 'InvalidArgument');
      const chart = { type, source: source.address, title: '' };
      this.state.charts.push(chart);
      const sheet = this;
      const axis: Record<string, unknown> = {};
      return {
        title: { set text(t: string) { sheet.write('chartTitle', t, typeof t === 'string' && t.length <= 255 ? undefined : 'InvalidArgument'); chart.title = t; } },
        setPosition: (from: string, to: string) => sheet.write('chartPosition', [from, to], chartPositionError(from, to)),
        axes: {
          valueAxis: new Proxy(axis, {
            set: (_t, p, v) => {
              axis[String(p)] = v;
              sheet.write(`chart.valueAxis.${String(p)}`, v, axisError(String(p), v, axis));
              return true;
            },
          }),
        },
      };
    });
  }
}

/** A sheet's charts or notes: `add` as the sheet defines it, and items that load and can be deleted. */
class FakeItems<A extends unknown[], R> extends Loadable {
  constructor(
    fake: FakeExcel,
    private readonly state: SheetState,
    private readonly kind: 'charts' | 'notes',
    readonly add: (...args: A) => R,
  ) {
    super(fake);
  }
  load(_props?: string): this {
    this.fake.record(null, 'load');
    this.later(['items'], () => JSON.stringify(this.state[this.kind]).length);
    return this;
  }
  get items(): { delete(): void }[] {
    this.need('items');
    const list = this.state[this.kind] as object[];
    return [...list].map((item) => ({
      delete: () => {
        this.fake.record(this.state.name, `${this.kind}.delete`);
        const at = list.indexOf(item);
        if (at >= 0) list.splice(at, 1);
      },
    }));
  }
}

class FakeCustomProperties extends Loadable {
  constructor(fake: FakeExcel, private readonly state: SheetState) {
    super(fake);
  }
  load(_props: string): this {
    this.fake.record(null, 'load');
    this.later(['items'], () => JSON.stringify([...this.state.props]).length);
    return this;
  }
  get items() {
    this.need('items');
    return [...this.state.props].map(([key, value]) => ({ key, value }));
  }
  add(key: string, value: string): void {
    const before = this.state.props.get(key);
    this.fake.record(this.state.name, 'customProperty', [key, value], {
      undo: () => (before === undefined ? this.state.props.delete(key) : this.state.props.set(key, before)),
    });
    this.state.props.set(key, value);
  }
}

class FakeRange extends Loadable {
  constructor(
    fake: FakeExcel,
    private readonly state: SheetState,
    private readonly row: number,
    private readonly col: number,
    private readonly rows: number,
    private readonly cols: number,
    private readonly isNull = false,
    /** How the range was asked for, as office.js sends it: `getRange("A1:B2")` or by indexes. */
    private readonly how?: [string, unknown[]],
  ) {
    super(fake);
  }
  /** This range's object (one per getRange call, as office.js makes one), for the request's object paths. */
  private readonly rid = this.fake.id();
  /** The object paths to this range, and to objects under it (`format`, `font`). */
  paths(...under: [string, unknown[]?][]): PathStep[] {
    const [name, args] = this.how ?? ['getRangeByIndexes', [this.row, this.col, this.rows, this.cols]];
    const own: PathStep = [`range:${this.rid}`, name, args];
    let key = own[0];
    return [...this.fake.sheetPath(this.state), own, ...under.map(([name, args]): PathStep => [(key = `${key}/${name}${args ? JSON.stringify(args) : ''}`), name, args])];
  }
  get size(): number {
    return this.rows * this.cols;
  }
  get address(): string {
    return `${a1(this.row, this.col)}:${a1(this.row + this.rows - 1, this.col + this.cols - 1)}`;
  }
  /** Whether an A1 range's first cell lies in this range. */
  covers(address: string): boolean {
    const m = address.replace(/\$/g, '').match(/^([A-Z]+)(\d+)/)!;
    const [r, c] = [Number(m[2]) - 1, columnIndex(m[1])];
    return r >= this.row && r < this.row + this.rows && c >= this.col && c < this.col + this.cols;
  }
  /** Rows and columns from A1 to the range's far corner, as freezeAt reads its range. */
  get extent(): { rows: number; cols: number } {
    return { rows: this.row + this.rows, cols: this.col + this.cols };
  }
  private write(op: string, payload: unknown = null, extra: { error?: string; under?: [string, unknown[]?][] } = {}) {
    this.fake.record(this.state.name, op, payload, { error: extra.error, paths: this.paths(...(extra.under ?? [])) });
  }
  load(props: string[] | string): this {
    const list = Array.isArray(props) ? props : props.split(',');
    this.fake.record(null, 'load');
    this.later([...list, 'isNullObject'], () => (this.isNull ? 4 : JSON.stringify(list.map((p) => (p === 'values' || p === 'numberFormat' ? this.read(p) : 0))).length));
    return this;
  }
  get isNullObject(): boolean {
    this.need('isNullObject');
    return this.isNull;
  }
  get rowIndex(): number {
    this.need('rowIndex');
    return this.row;
  }
  get columnIndex(): number {
    this.need('columnIndex');
    return this.col;
  }
  get rowCount(): number {
    this.need('rowCount');
    return this.rows;
  }
  get columnCount(): number {
    this.need('columnCount');
    return this.cols;
  }
  private read(kind: 'values' | 'numberFormat'): unknown[][] {
    const source = kind === 'values' ? this.state.cells : this.state.formats;
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.cols }, (_, c) => source[this.row + r]?.[this.col + c] ?? (kind === 'values' ? '' : 'General')),
    );
  }
  /**
   * Records the request as sent (`sent`) and keeps what Excel would hold: written text is read as
   * text typed in en-US, as the API reads it whatever the user's locale; a number format as the
   * account's regional settings make it. A grid of the wrong size, a number format Excel does not
   * take, or a formula it would refuse (or that calls a function it does not have) fails the request.
   */
  private assign(kind: 'values' | 'numberFormat', grid: unknown[][], sent: unknown = grid, shown = (v: unknown, _r: number, _c: number) => v): void {
    const sized = grid.length === this.rows && grid.every((r) => Array.isArray(r) && r.length === this.cols);
    const target = kind === 'values' ? this.state.cells : this.state.formats;
    const kept: [number, number, unknown][] = [];
    let bad = !sized;
    if (sized) {
      grid.forEach((row, r) => row.forEach((v, c) => {
        if (v === null) return; // null leaves a cell unchanged, as in Excel
        const [rr, cc] = [this.row + r, this.col + c];
        if (kind === 'numberFormat') {
          if (!validNumberFormat(v)) bad = true;
          else kept.push([rr, cc, regionalFormat(v as string, this.fake.locale)]);
          return;
        }
        const value = typedValue(shown(v, rr, cc), this.state.formats[rr]?.[cc], 'en-US');
        if (typeof value === 'string' && value.startsWith('=') && formulaProblem(value, this.fake.customFunctions)) bad = true;
        kept.push([rr, cc, value]);
      }));
    }
    const before = kept.map(([r, c]): [number, number, unknown] => [r, c, target[r]?.[c]]);
    this.fake.record(this.state.name, kind, sent, {
      error: bad ? 'InvalidArgument' : undefined,
      undo: () => before.reverse().forEach(([r, c, v]) => ((target[r] ??= [])[c] = v as never)),
      paths: this.paths(),
    });
    if (bad) return;
    for (const [r, c, v] of kept) (target[r] ??= [])[c] = v as never;
  }
  get values(): unknown[][] {
    this.need('values');
    return this.read('values');
  }
  set values(grid: unknown[][]) {
    this.assign('values', grid);
  }
  get numberFormat(): unknown[][] {
    this.need('numberFormat');
    return this.read('numberFormat');
  }
  set numberFormat(grid: unknown[][]) {
    this.assign('numberFormat', grid);
  }
  /** Formulas are kept as their text (`=SUM(…)`): the fake does not compute. */
  set formulas(grid: unknown[][]) {
    this.assign('values', grid);
  }
  /** R1C1 formulas are kept as Excel shows them, in A1 notation. */
  set formulasR1C1(input: unknown[][] | string | number | boolean) {
    // A single value applies to every cell of the range, as Office.js documents.
    const grid = Array.isArray(input) ? input : Array.from({ length: this.rows }, () => new Array(this.cols).fill(input));
    this.assign('values', grid, input, (v, r, c) => (typeof v === 'string' && v.startsWith('=') ? r1c1ToA1(v, r, c) : v));
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.fake, this.state, 0, this.col, 1_048_576, this.cols);
  }
  set columnHidden(value: boolean) {
    this.write('columnHidden', value);
  }
  /** An outline group of whole rows or columns (ExcelApi 1.10). */
  group(by: 'ByRows' | 'ByColumns'): void {
    this.write('group', { by, range: this.address });
    this.state.groups.push({ by, range: this.address });
  }
  ungroup(by: 'ByRows' | 'ByColumns'): void {
    this.write('ungroup', { by, range: this.address });
    this.state.groups = this.state.groups.filter((g) => !(g.by === by && g.range === this.address));
  }
  /** Clears the range's cells: `All` takes values, formats, styles, links and conditional formats. */
  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.write('clear', [this.address, applyTo]);
    const inside = (cell: string) => this.covers(cell);
    for (let r = this.row; r < this.row + this.rows; r++) {
      for (let c = this.col; c < this.col + this.cols; c++) {
        if (applyTo !== 'Formats' && this.state.cells[r]) this.state.cells[r][c] = undefined as never;
        if (applyTo !== 'Contents' && this.state.formats[r]) this.state.formats[r][c] = undefined as never;
      }
    }
    if (applyTo === 'All') {
      this.state.links = this.state.links.filter((l) => !inside(l.cell));
      this.state.styles = this.state.styles.filter((s) => !inside(s.range));
      this.state.conditionalFormats = this.state.conditionalFormats.filter((f) => !inside(f.range));
    }
  }
  /** A link on the range's top-left cell; one with neither a document reference nor an address is refused. */
  set hyperlink(link: { documentReference?: string; address?: string; textToDisplay?: string }) {
    const ok = !!(link.documentReference || link.address);
    const kept = { cell: a1(this.row, this.col), documentReference: link.documentReference, address: link.address };
    this.fake.record(this.state.name, 'hyperlink', kept, ok ? { undo: () => void this.state.links.pop(), paths: this.paths() } : { error: 'InvalidArgument' });
    if (ok) this.state.links.push(kept);
  }
  select(): void {
    this.write('select', this.address);
  }
  /**
   * Copies another range's cells here (ExcelApi 1.9): with `All`, values and formulas, number
   * formats, styles, links and conditional formats, each moved by the distance between the ranges.
   * Ranges of different sizes are refused.
   */
  copyFrom(source: FakeRange, copyType: 'All' | 'Values' | 'Formats' | 'Formulas' = 'All'): void {
    const same = source.rows === this.rows && source.cols === this.cols;
    this.write('copyFrom', [source.address, copyType], same && copyType === 'All' ? {} : { error: 'InvalidArgument' });
    if (!same || copyType !== 'All') return;
    const [dr, dc] = [this.row - source.row, this.col - source.col];
    const move = (ref: string) => ref.split(':').map((cell) => {
      const m = cell.replace(/\$/g, '').match(/^([A-Z]+)(\d+)$/)!;
      return a1(Number(m[2]) - 1 + dr, columnIndex(m[1]) + dc);
    }).join(':');
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) {
        const value = source.state.cells[source.row + r]?.[source.col + c];
        const format = source.state.formats[source.row + r]?.[source.col + c];
        if (value !== undefined) (this.state.cells[this.row + r] ??= [])[this.col + c] = value;
        if (format !== undefined) (this.state.formats[this.row + r] ??= [])[this.col + c] = format;
      }
    }
    const inside = (ref: string) => source.covers(ref);
    this.state.styles.push(...source.state.styles.filter((x) => inside(x.range)).map((x) => ({ ...x, range: move(x.range) })));
    this.state.conditionalFormats.push(...source.state.conditionalFormats.filter((x) => inside(x.range)).map((x) => ({ ...x, range: move(x.range) })));
    this.state.links.push(...source.state.links.filter((x) => inside(x.cell)).map((x) => ({ ...x, cell: move(x.cell) })));
  }
  get format() {
    const range = this;
    const style = (prop: string, under: [string, unknown[]?][]) => (value: unknown) => {
      range.write(`format.${prop}`, value, { under: [['format'], ...under] });
      range.state.styles.push({ range: range.address, prop, value });
    };
    const setter = (prefix: string, under: [string, unknown[]?][]) =>
      new Proxy({}, { set: (_t, p, v) => (style(`${prefix}${String(p)}`, under)(v), true) });
    return new Proxy(
      {
        font: setter('font.', [['font']]),
        fill: setter('fill.', [['fill']]),
        borders: { getItem: (edge: string) => setter(`border.${edge}.`, [['borders'], ['getItem', [edge]]]) },
        autofitRows: () => range.write('autofitRows', null, { under: [['format']] }),
      },
      { set: (_t, p, v) => (style(String(p), [])(v), true) },
    );
  }
  get conditionalFormats() {
    const range = this;
    return {
      clearAll: () => {
        range.write('conditionalFormat.clearAll', null, { under: [['conditionalFormats']] });
        range.state.conditionalFormats = range.state.conditionalFormats.filter((f) => !range.covers(f.range));
      },
      add: (type: string) => {
        const under: [string, unknown[]?][] = [['conditionalFormats'], ['add', [type]]];
        range.write('conditionalFormat', type, { under, error: CF_TYPES.has(type) ? undefined : 'InvalidArgument' });
        range.state.conditionalFormats.push({ type, range: range.address });
        const settings: Record<string, unknown> = {};
        const set = (prop: string, value: unknown, inner: [string, unknown[]?][]) => {
          settings[prop] = value;
          range.write(`cf.${prop}`, value, { under: [...under, ...inner], error: conditionalError(prop, value, settings) });
          return true;
        };
        const positiveFormat = new Proxy({}, { set: (_t, p, v) => set(String(p), v, [['dataBar'], ['positiveFormat']]) });
        const part = (name: string) => new Proxy({ positiveFormat }, { set: (_t, p, v) => set(String(p), v, [[name]]) });
        return { iconSet: part('iconSet'), dataBar: part('dataBar') };
      },
    };
  }
}
