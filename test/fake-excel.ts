/**
 * An in-memory fake of the part of the Excel JavaScript API the add-in uses, at least as strict as
 * Excel wherever Excel's rules are documented: properties must be loaded and synced before they
 * are read; text written to a cell is read as Excel reads typed text (numbers and dates in the
 * host's locale, `=` `+` `-` `@` as formulas) unless the cell is formatted as text or the text
 * starts with an apostrophe; sheet names follow Excel's rules; requests and responses over 5 MB
 * fail; a request that fails keeps what ran before the failing operation and nothing after it;
 * freeze panes replace each other as in Excel; number formats and array sizes are checked; writes
 * after `suspendApiCalculationUntilNextSync` leave the workbook uncalculated until `calculate`.
 * It records every operation with the sheet it touches and estimates each request's size.
 */
import { address as a1, columnIndex } from '../src/engine/address';
import { toA1 } from '../src/layout/r1c1';

type Cell = string | number | boolean | null;

export interface Operation {
  sheet: string | null;
  op: string;
  bytes: number;
  /** Puts back what the operation changed, should the request fail at or before it. */
  undo?: () => void;
  /** The error code Excel fails the request with at this operation. */
  error?: string;
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

export interface SheetState {
  name: string;
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
  /** The host's locale, in which typed text is read. */
  locale = 'da-DK';
  /** Whether values were written while calculation was suspended and nothing has calculated since. */
  needsCalculation = false;
  private calculationSuspended = false;
  private pending: Operation[] = [];
  private loads: (() => number)[] = [];
  readonly responses: number[] = [];

  addSheet(name: string, rows: Cell[][], formats: string[][] = []): SheetState {
    const state: SheetState = {
      name, cells: rows.map((r) => [...r]), formats: formats.map((r) => [...r]), props: new Map(), frozenRows: 0, frozenColumns: 0,
      charts: [], conditionalFormats: [], notes: [], links: [], groups: [], pageBreaks: [], pageLayout: {}, styles: [], autoFilter: null, deleted: false,
    };
    this.sheets.push(state);
    return state;
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => !s.deleted && s.name === name);
  }

  record(sheet: string | null, op: string, payload: unknown = null, extra: { undo?: () => void; error?: string } = {}): void {
    this.pending.push({ sheet, op, bytes: 40 + op.length + (payload === null ? 0 : JSON.stringify(payload).length), ...extra });
    if (this.calculationSuspended && (op === 'values' || op === 'formulas')) this.needsCalculation = true;
  }

  /** Fails the request at operation `at`: what ran before it stays, it and what follows are undone. */
  private fail(operations: Operation[], at: number, code: string): never {
    for (let i = operations.length - 1; i >= at; i--) operations[i].undo?.();
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
      const bytes = operations.reduce((s, o) => s + o.bytes, 0);
      this.pending = [];
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
  private write(op: string, payload: unknown = null) {
    this.fake.record(this.state.name, op, payload);
  }
  getRange(address: string): FakeRange {
    const [start, end = start] = address.replace(/\$/g, '').split(':');
    const p = (ref: string) => {
      const m = ref.match(/^([A-Z]+)(\d+)$/)!;
      return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
    };
    const s = p(start);
    const e = p(end);
    return new FakeRange(this.fake, this.state, s.row, s.col, e.row - s.row + 1, e.col - s.col + 1);
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
      setPrintTitleRows: (rows: string) => { sheet.write('printTitleRows', rows); layout.printTitleRows = rows; },
      setPrintArea: (area: string) => { sheet.write('printArea', area); layout.printArea = area; },
      headersFooters: { defaultForAllPages: sections },
    }, {
      set(target, prop, value) {
        sheet.write(`pageLayout.${String(prop)}`, value);
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
    return new FakeItems(this.fake, this.state, 'charts', (type: string, source: FakeRange, _by: string) => {
      this.write('addChart', type);
      const chart = { type, source: source.address, title: '' };
      this.state.charts.push(chart);
      const sheet = this;
      return {
        title: { set text(t: string) { sheet.write('chartTitle', t); chart.title = t; } },
        setPosition: (from: string, to: string) => sheet.write('chartPosition', [from, to]),
        axes: { valueAxis: new Proxy({}, { set: (_t, p, v) => (sheet.write(`chart.valueAxis.${String(p)}`, v), true) }) },
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
  ) {
    super(fake);
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
  private write(op: string, payload: unknown = null) {
    this.fake.record(this.state.name, op, payload);
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
   * typed text. A grid of the wrong size, or a number format Excel does not take, fails the request.
   */
  private assign(kind: 'values' | 'numberFormat', grid: unknown[][], sent: unknown = grid, shown = (v: unknown, _r: number, _c: number) => v): void {
    const sized = grid.length === this.rows && grid.every((r) => Array.isArray(r) && r.length === this.cols);
    const badFormat = kind === 'numberFormat' && sized && grid.some((r) => r.some((v) => v !== null && !validNumberFormat(v)));
    const target = kind === 'values' ? this.state.cells : this.state.formats;
    const before: [number, number, unknown][] = [];
    this.fake.record(this.state.name, kind, sent, {
      error: !sized || badFormat ? 'InvalidArgument' : undefined,
      undo: () => before.reverse().forEach(([r, c, v]) => ((target[r] ??= [])[c] = v as never)),
    });
    if (!sized || badFormat) return;
    grid.forEach((row, r) => row.forEach((v, c) => {
      if (v === null) return; // null leaves a cell unchanged, as in Excel
      const [rr, cc] = [this.row + r, this.col + c];
      before.push([rr, cc, target[rr]?.[cc]]);
      const value = kind === 'values' ? typedValue(shown(v, rr, cc), this.state.formats[rr]?.[cc], this.fake.locale) : v;
      (target[rr] ??= [])[cc] = value as never;
    }));
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
    this.assign('values', grid, input, (v, r, c) => (typeof v === 'string' && v.startsWith('=') ? toA1(v, r, c) : v));
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.fake, this.state, 0, this.col, 1_048_576, this.cols);
  }
  set columnHidden(value: boolean) {
    this.write('columnHidden', value);
  }
  /** An outline group of whole rows or columns (ExcelApi 1.10). */
  group(by: 'ByRows' | 'ByColumns'): void {
    this.fake.record(this.state.name, 'group', { by, range: this.address });
    this.state.groups.push({ by, range: this.address });
  }
  ungroup(by: 'ByRows' | 'ByColumns'): void {
    this.fake.record(this.state.name, 'ungroup', { by, range: this.address });
    this.state.groups = this.state.groups.filter((g) => !(g.by === by && g.range === this.address));
  }
  /** Clears the range's cells: `All` takes values, formats, styles, links and conditional formats. */
  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.fake.record(this.state.name, 'clear', [this.address, applyTo]);
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
    this.fake.record(this.state.name, 'hyperlink', kept, ok ? { undo: () => void this.state.links.pop() } : { error: 'InvalidArgument' });
    if (ok) this.state.links.push(kept);
  }
  select(): void {
    this.fake.record(this.state.name, 'select', this.address);
  }
  get format() {
    const range = this;
    const style = (prop: string) => (value: unknown) => {
      range.write(`format.${prop}`, value);
      range.state.styles.push({ range: range.address, prop, value });
    };
    const setter = (prefix: string) =>
      new Proxy({}, { set: (_t, p, v) => (style(`${prefix}${String(p)}`)(v), true) });
    return new Proxy(
      {
        font: setter('font.'),
        fill: setter('fill.'),
        borders: { getItem: (edge: string) => setter(`border.${edge}.`) },
        autofitRows: () => range.write('autofitRows'),
      },
      { set: (_t, p, v) => (style(String(p))(v), true) },
    );
  }
  get conditionalFormats() {
    const range = this;
    return {
      clearAll: () => {
        range.write('conditionalFormat.clearAll');
        range.state.conditionalFormats = range.state.conditionalFormats.filter((f) => !range.covers(f.range));
      },
      add: (type: string) => {
        range.write('conditionalFormat', type);
        range.state.conditionalFormats.push({ type, range: range.address });
        const part = new Proxy({ positiveFormat: new Proxy({}, { set: () => true }) }, { set: (_t, p, v) => (range.write(`cf.${String(p)}`, v), true) });
        return { iconSet: part, dataBar: part };
      },
    };
  }
}
