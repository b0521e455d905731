/**
 * An in-memory fake of the part of the Excel JavaScript API the add-in uses. It behaves like the
 * real one where it matters for the adapter: properties must be loaded and synced before they
 * are read, queued writes count toward a request, and `sync()` sends the request. It records
 * every operation with the sheet it touches and estimates each request's size in bytes.
 */
import { address as a1, columnIndex } from '../src/engine/address';
import { toA1 } from '../src/layout/r1c1';

type Cell = string | number | boolean | null;

export interface Operation {
  sheet: string | null;
  op: string;
  bytes: number;
}

export interface SheetState {
  name: string;
  cells: Cell[][];
  formats: string[][];
  props: Map<string, string>;
  frozenRows: number;
  charts: { type: string; source: string; title: string }[];
  conditionalFormats: { type: string; range: string }[];
  notes: { cell: string; text: string }[];
  pageLayout: Record<string, unknown>;
  styles: { range: string; prop: string; value: unknown }[];
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
  /** A host whose request limit is below the add-in's own: larger requests fail. */
  payloadLimit = Infinity;
  private pending: Operation[] = [];
  private loads: (() => number)[] = [];
  readonly responses: number[] = [];

  addSheet(name: string, rows: Cell[][], formats: string[][] = []): SheetState {
    const state: SheetState = {
      name, cells: rows.map((r) => [...r]), formats: formats.map((r) => [...r]), props: new Map(), frozenRows: 0,
      charts: [], conditionalFormats: [], notes: [], pageLayout: {}, styles: [], deleted: false,
    };
    this.sheets.push(state);
    return state;
  }

  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => !s.deleted && s.name === name);
  }

  record(sheet: string | null, op: string, payload: unknown = null): void {
    this.pending.push({ sheet, op, bytes: 40 + op.length + (payload === null ? 0 : JSON.stringify(payload).length) });
  }

  queueLoad(finish: () => number): void {
    this.loads.push(finish);
  }

  readonly context = {
    workbook: { worksheets: new FakeWorksheets(this), protection: new FakeProtection(this) },
    application: {
      suspendApiCalculationUntilNextSync: () => this.record(null, 'suspendApiCalculation'),
      suspendScreenUpdatingUntilNextSync: () => this.record(null, 'suspendScreenUpdating'),
    },
    sync: async () => {
      this.syncs++;
      const operations = this.pending;
      const bytes = operations.reduce((s, o) => s + o.bytes, 0);
      this.pending = [];
      const code = this.failNext.shift() ?? (bytes > this.payloadLimit ? 'RequestPayloadSizeLimitExceeded' : null);
      if (code) {
        // Excel applies nothing of a failed request. The fake has applied queued writes already,
        // so it marks the sheets added in this request as gone, as they would be.
        for (const o of operations) if (o.op === 'addSheet' && o.sheet) this.sheet(o.sheet)!.deleted = true;
        this.loads = [];
        throw Object.assign(new Error(`${code}: the request failed`), { code });
      }
      this.requests.push({ bytes, operations });
      this.responses.push(this.loads.reduce((s, finish) => s + finish(), 0));
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
  add(name: string): FakeWorksheet {
    if (this.fake.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
    this.fake.record(name, 'addSheet', name);
    return new FakeWorksheet(this.fake, this.fake.addSheet(name, []));
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
    this.write('deleteSheet');
    this.state.deleted = true;
  }
  set tabColor(value: string) {
    this.write('tabColor', value);
  }
  readonly freezePanes = {
    freezeRows: (n: number) => {
      this.write('freezeRows', n);
      this.state.frozenRows = n;
    },
    freezeColumns: (n: number) => this.write('freezeColumns', n),
  };
  get pageLayout() {
    const sheet = this;
    const layout = this.state.pageLayout;
    return new Proxy({ setPrintTitleRows: (rows: string) => { sheet.write('printTitleRows', rows); layout.printTitleRows = rows; } }, {
      set(target, prop, value) {
        sheet.write(`pageLayout.${String(prop)}`, value);
        layout[String(prop)] = value;
        return true;
      },
    });
  }
  readonly autoFilter = { apply: (range: FakeRange) => this.write('autoFilter', range.address) };
  readonly notes = {
    add: (range: FakeRange, text: string) => {
      this.write('note', text);
      this.state.notes.push({ cell: range.address, text });
    },
  };
  readonly charts = {
    add: (type: string, source: FakeRange, _by: string) => {
      this.write('addChart', type);
      const chart = { type, source: source.address, title: '' };
      this.state.charts.push(chart);
      const sheet = this;
      return {
        title: { set text(t: string) { sheet.write('chartTitle', t); chart.title = t; } },
        setPosition: (from: string, to: string) => sheet.write('chartPosition', [from, to]),
        axes: { valueAxis: new Proxy({}, { set: (_t, p, v) => (sheet.write(`chart.valueAxis.${String(p)}`, v), true) }) },
      };
    },
  };
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
    this.fake.record(this.state.name, 'customProperty', [key, value]);
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
  private read(kind: 'values' | 'numberFormat'): unknown[][] {
    const source = kind === 'values' ? this.state.cells : this.state.formats;
    return Array.from({ length: this.rows }, (_, r) =>
      Array.from({ length: this.cols }, (_, c) => source[this.row + r]?.[this.col + c] ?? (kind === 'values' ? '' : 'General')),
    );
  }
  /** Records the request as sent (`sent`), and keeps what Excel would show (`grid`). */
  private assign(kind: 'values' | 'numberFormat', grid: unknown[][], sent: unknown = grid): void {
    if (grid.length !== this.rows || grid.some((r) => r.length !== this.cols)) throw new Error(`InvalidArgument: ${kind} is not ${this.rows}×${this.cols}`);
    this.write(kind, sent);
    const target = kind === 'values' ? this.state.cells : this.state.formats;
    grid.forEach((row, r) => row.forEach((v, c) => {
      if (v === null) return; // null leaves a cell unchanged, as in Excel
      (target[this.row + r] ??= [])[this.col + c] = v as never;
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
    const shown = grid.map((row, r) => row.map((v, c) => (typeof v === 'string' && v.startsWith('=') ? toA1(v, this.row + r, this.col + c) : v)));
    this.assign('values', shown, input);
  }
  getEntireColumn(): FakeRange {
    return new FakeRange(this.fake, this.state, 0, this.col, 1_048_576, this.cols);
  }
  set columnHidden(value: boolean) {
    this.write('columnHidden', value);
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
      add: (type: string) => {
        range.write('conditionalFormat', type);
        range.state.conditionalFormats.push({ type, range: range.address });
        const part = new Proxy({ positiveFormat: new Proxy({}, { set: () => true }) }, { set: (_t, p, v) => (range.write(`cf.${String(p)}`, v), true) });
        return { iconSet: part, dataBar: part };
      },
    };
  }
}
