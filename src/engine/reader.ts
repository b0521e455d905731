/**
 * Reads a plan from a 2D array of cell values: finds the header row, the metadata above it and the
 * columns by their names in any of the languages, and parses every row's inputs. Problems name the
 * sheet and cell; an unreadable cell never stops the other rows.
 */
import { address, rowCellAddress } from './address';
import { AS_MEASURED, CRITERION_BY_KEY, CRITERIA, criterionOf, inferType } from './criteria';
import { inputProblems, requirementUnit } from './checks';
import { percentileIn, percentileType, wordDirection } from './requirement';
import { numberText } from './units';
import { fold, cellText, escapeRegExp } from './text';
import { filledCells } from './cells';
import { memo, once } from './memo';
import {
  isBlank,
  isCellError,
  parsePercent,
  parsePeriod,
  parseFraction,
  periodEnd,
  parsePlain,
  parseWeight,
  wordAfterNumber,
  writtenAsPercent,
} from './parse';
import type {
  PayoutStep,
  AreaDeclaration,
  AssessmentScale,
  CellValue,
  ColumnKey,
  DataRef,
  MessageRef,
  Parsed,
  Target,
  Plan,
  PlanMetadata,
  Period,
  PeriodRule,
  PlanRow,
  Problem,
  Scale,
  SheetGrid,
  RowCells,
} from './types';
import { CALENDARS, type Calendar } from './types';
import { columnIndex, languageColumns, metadataIndex, pointWords, totalLabels, typeIndex, weightWords, type ColumnWords } from './vocabulary';
import { ENGINE_LANGUAGES, type LanguageCode } from './i18n';
import { parseAssessmentScale } from './assessment';
import { fractionOfDate, inWorkingDays, parseSteps, ROW_COLUMNS, ROW_READING, type BoundKind, type CellParser, type CheckContext, type ColumnReading } from './columns';

export { parseDataRef } from './columns';

/** The header row is the first row with an ID column and a Weight or Points column, in these rows. */
export const HEADER_SEARCH_ROWS = 30;
export const DEFAULT_PARTIAL_CREDIT = 0.5;

const types = once(() => typeIndex(CRITERIA.map((c) => c.key)));

export interface ReadResult {
  plan: Plan | null;
  problems: Problem[];
}

interface Header {
  row: number;
  columns: HeaderColumns;
}

/** Every known header with its spaces taken out, for headers spaced or spelt a little wrong. */
const knownHeaders = once(() => [...columnIndex().entries()].map(([word, key]) => ({ bare: word.replace(/ /g, ''), key })));
const knownBare = once(() => new Set(knownHeaders().map((h) => h.bare)));

/** A header's words, folded, without a note in parentheses (`Vægt (%)`). */
const headerWords = (text: string) => fold(text.replace(/\([^)]*\)/g, ' ')).split(' ').filter(Boolean);

/**
 * What a header's words name in an index: all of them, else their longest leading words that
 * name something, so a unit or a note after the name (`Vægt (%)`, `Vægtning i pct.`,
 * `Point (maks.)`, `Målværdi (dage)`) still names its column.
 */
function named<T>(words: string[], index: ReadonlyMap<string, T>): T | undefined {
  const exact = index.get(words.join(' '));
  if (exact) return exact;
  // `Krav type` is a known header spaced wrongly, not the header `Krav` with a note.
  if (words.length > 1 && knownBare().has(words.join(''))) return undefined;
  for (let n = words.length - 1; n > 0; n--) {
    const found = index.get(words.slice(0, n).join(' '));
    if (found) return found;
  }
  return undefined;
}

/** The column a header names in any language. */
export function headerColumn(text: string): ColumnKey | undefined {
  return named(headerWords(text), columnIndex());
}

/** The columns a header may name: in the plan's language first, where one word may name two, else in any language. */
function headerKeys(text: string, own: ColumnWords | undefined): readonly ColumnKey[] | undefined {
  const words = headerWords(text);
  const ownKeys = own && named(words, own);
  if (ownKeys) return ownKeys;
  const key = named(words, columnIndex());
  return key && [key];
}

/**
 * The language a header row is written in: the one whose column words name the most of its cells.
 * A tie names none, and the row is read in all languages at once as before, where a word two
 * languages give different columns names the one first in `COLUMN_KEYS`.
 */
export function headerLanguage(cells: readonly CellValue[]): LanguageCode | undefined {
  const headers = filledCells(cells)
    .map(([, c]) => c)
    .filter((c): c is string => typeof c === 'string' && c.trim() !== '')
    .map(headerWords);
  let best: LanguageCode | undefined;
  let most = 0;
  let tie = false;
  for (const [code, own] of languageColumns()) {
    const count = headers.filter((words) => named(words, own) !== undefined).length;
    if (count > most) [best, most, tie] = [code, count, false];
    else if (count === most) tie = true;
  }
  return tie ? undefined : best;
}

/** Edits between two short words (insert, delete, replace, swap of neighbours), up to `limit` + 1. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}



/**
 * The known column a header that names none resembles: the same letters but for spacing
 * (`Krav type`), or one or two letters off (`Vagt`, `Resulat`). Short words must be closer.
 */
export function resembledColumn(text: string): ColumnKey | undefined {
  const bare = fold(text.replace(/\([^)]*\)/g, ' ')).replace(/ /g, '');
  if (bare.length < 3) return undefined;
  const limit = bare.length >= 7 ? 2 : 1;
  let best: { key: ColumnKey; d: number } | undefined;
  for (const known of knownHeaders()) {
    const d = known.bare === bare ? 0 : distance(bare, known.bare, limit);
    if (d <= limit && (!best || d < best.d)) best = { key: known.key, d };
  }
  return best?.key;
}

/** Inputs a plan may give per period: a result, counts, a completion, an assessment, an interim target. */
const PERIOD_INPUTS: ReadonlySet<ColumnKey> = new Set(['actual', 'met', 'total', 'excluded', 'completed', 'assessment', 'target', 'deadline']);

/**
 * `Resultat Q1`, `Opfyldte T1`, `Resultat 2023`: an input column's name followed by a period. A
 * name is read in the plan's language first, so Swedish `Mål T1` is the period's target.
 */
export function periodHeader(text: string, own?: ColumnWords): { key: ColumnKey; period: Period; year: number | null } | null {
  const words = headerWords(text);
  for (let n = words.length - 1; n > 0; n--) {
    const name = words.slice(0, n).join(' ');
    const any = columnIndex().get(name);
    const key = (own?.get(name) ?? (any ? [any] : [])).find((k) => PERIOD_INPUTS.has(k));
    if (!key) continue;
    const p = parsePeriod(words.slice(n).join(' '));
    return p ? { key, ...p } : null;
  }
  return null;
}

type HeaderColumns = Plan['columns'] & { periods?: PeriodColumns[] };

/** One period's input columns, by the period as written (`Q1`, `2. kvartal`, `2023`). */
interface PeriodColumns {
  period: Period;
  year: number | null;
  label: string;
  columns: Plan['columns'];
  /** This year's inputs in the plain columns (`Resultat` beside `Resultat 2023`). */
  plain?: boolean;
}

/**
 * The columns a row names if it is the header row. A word that names two columns in the row's
 * language (Swedish `Mål`) names the first of them no other header in the row names.
 */
function headerColumns(grid: SheetGrid, r: number): HeaderColumns {
  const top = grid.origin?.row ?? 0;
  const left = grid.origin?.col ?? 0;
  const columns: HeaderColumns = {};
  const periods: PeriodColumns[] = [];
  const cells = grid.values[r] ?? [];
  const language = headerLanguage(cells);
  const own = language && languageColumns().get(language);
  const ambiguous: { keys: readonly ColumnKey[]; at: { col: number; address: string; header: string } }[] = [];
  for (const [c, value] of filledCells(cells)) {
    if (typeof value !== 'string') continue;
    const text = value;
    const at = { col: c, address: address(top + r, left + c), header: text.trim() };
    const byPeriod = periodHeader(text, own);
    if (byPeriod) {
      let entry = periods.find((p) => samePeriod(p, byPeriod));
      if (!entry) periods.push((entry = { period: byPeriod.period, year: byPeriod.year, label: periodLabel(byPeriod), columns: {} }));
      entry.columns[byPeriod.key] ??= at;
      continue;
    }
    const keys = headerKeys(text, own);
    if (keys && keys.length > 1) ambiguous.push({ keys, at });
    else if (keys && !columns[keys[0]]) columns[keys[0]] = at;
  }
  for (const { keys, at } of ambiguous) {
    const free = keys.find((k) => !columns[k]);
    if (free) columns[free] = at;
  }
  if (periods.length) columns.periods = periods;
  return columns;
}

const samePeriod = (a: { period: Period; year: number | null }, b: { period: Period; year: number | null }) =>
  a.period.kind === b.period.kind && a.period.index === b.period.index && a.year === b.year;

/** A period's short name: `Q1`, `T2`, `H1`, or the year; with the year where one is given. */
function periodLabel(p: { period: Period; year: number | null }): string {
  const short = { quarter: 'Q', tertial: 'T', half: 'H', year: '' }[p.period.kind];
  if (p.period.kind === 'year') return String(p.year ?? '');
  return p.year === null ? `${short}${p.period.index}` : `${short}${p.period.index} ${p.year}`;
}

/**
 * The header row: the first with an ID column and a weight or points column; else, for plans that
 * weigh nothing (Norwegian styringsparametere, many contracts), the first with an ID column and a
 * type or target column.
 */
function findHeader(grid: SheetGrid): Header | null {
  const rows = Math.min(grid.values.length, HEADER_SEARCH_ROWS);
  let unweighted: Header | null = null;
  for (let r = 0; r < rows; r++) {
    const columns = headerColumns(grid, r);
    if (columns.id && (columns.weight || columns.points)) return { row: r, columns };
    if (!unweighted && columns.id && (columns.type || columns.target)) unweighted = { row: r, columns };
  }
  return unweighted;
}

/** Where a sheet came closest to a plan's header row, and what it lacked, for the message when no sheet is a plan. */
export interface NearestHeader {
  sheet: string;
  /** One-based row in the sheet. */
  row: number;
  lacks: ColumnKey[];
}

export function nearestHeader(grids: SheetGrid[]): NearestHeader | null {
  let best: (NearestHeader & { found: number }) | null = null;
  for (const grid of grids) {
    const rows = Math.min(grid.values.length, HEADER_SEARCH_ROWS);
    for (let r = 0; r < rows; r++) {
      const columns = headerColumns(grid, r);
      const found = Object.keys(columns).length;
      if (found < 2 || (best && found <= best.found)) continue;
      const lacks: ColumnKey[] = [...(columns.id ? [] : ['id' as const]), ...(columns.weight || columns.points || columns.type || columns.target ? [] : ['weight' as const])];
      best = { sheet: grid.name, row: (grid.origin?.row ?? 0) + r + 1, lacks, found };
    }
  }
  return best && { sheet: best.sheet, row: best.row, lacks: best.lacks };
}

/** Headers in the header row that name no column but resemble one: a warning each, naming the cell. */
function nearMisses(grid: SheetGrid, header: Header): Problem[] {
  const top = grid.origin?.row ?? 0;
  const left = grid.origin?.col ?? 0;
  const problems: Problem[] = [];
  for (const [c, cell] of filledCells(grid.values[header.row])) {
    if (typeof cell !== 'string' || !cell.trim() || headerColumn(cell)) continue;
    const key = resembledColumn(cell);
    if (!key) continue;
    const cellAddress = address(top + header.row, left + c);
    problems.push({ sheet: grid.name, cell: cellAddress, severity: 'warning', message: { key: 'headerResembles', args: { value: cell.trim(), column: key } } });
  }
  return problems;
}


/** `90:100%; 80:75%; 70:50%`: from a plan score (percent) on, a share of the frame. */
function parsePayout(text: string): PayoutStep[] | null {
  const steps = parseSteps(text, true);
  return steps && steps.kind === 'steps' ? steps.steps.map((s) => ({ score: s.threshold, share: s.credit })).sort((a, b) => b.score - a.score) : null;
}


export interface ReadOptions {
  /** Credit for "delvist opfyldt" when the plan names none (a user setting); default 50 %. */
  defaultPartialCredit?: number;
  /** Read this period's inputs (a label of `plan.periods`) instead of the current period's. */
  period?: string;
}

/**
 * The period whose inputs a plan is read with: the one asked for, else the one the `Periode`
 * metadata names, else this year's plain columns beside earlier years', else the latest whose
 * columns hold anything.
 */
function choosePeriod(grid: SheetGrid, header: Header, periods: PeriodColumns[], metadata: PlanMetadata, asked: string | undefined): PeriodColumns | null {
  if (!periods.length) return null;
  if (asked !== undefined) return periods.find((p) => p.label === asked) ?? null;
  const named = metadata.period && periods.find((p) => p.period.kind === metadata.period!.kind && p.period.index === metadata.period!.index && (p.year === null || p.year === metadata.year));
  if (named) return named;
  const plain = periods.find((p) => p.plain);
  if (plain) return plain;
  const filled = periods.filter((p) => Object.values(p.columns).some((c) => c && hasValues(grid, header.row, c.col)));
  return sortPeriods(filled, metadata.year).at(-1) ?? null;
}

/**
 * `Resultat 2022`, `Resultat 2023` beside a plain `Resultat` in a plan for 2024: the plain columns
 * are this year's, a period of their own after the earlier years.
 */
function withPlainYear(columns: HeaderColumns, year: number | null): PeriodColumns[] {
  const periods = columns.periods ?? [];
  const earlierYears = periods.length > 0 && year !== null && periods.every((p) => p.period.kind === 'year' && p.year !== null && p.year < year);
  const plainInputs = [...PERIOD_INPUTS].some((k) => k !== 'target' && k !== 'deadline' && columns[k]);
  if (!earlierYears || !plainInputs) return periods;
  return [...periods, { period: { kind: 'year', index: 1 }, year, label: String(year), columns: {}, plain: true }];
}

function hasValues(grid: SheetGrid, headerRow: number, col: number): boolean {
  for (let r = headerRow + 1; r < grid.values.length; r++) if (!isBlank(grid.values[r]?.[col])) return true;
  return false;
}

/** Periods in the order they end; a period without a year takes the plan's. */
function sortPeriods<T extends { period: Period; year: number | null }>(periods: T[], year: number | null): T[] {
  const end = (p: T) => periodEnd(p.period, p.year ?? year ?? 2000);
  return [...periods].sort((a, b) => end(a) - end(b));
}

/** The calendar of a plan that names none: its language's, else Danish. */
function defaultCalendar(header: readonly CellValue[]): Calendar {
  const language = headerLanguage(header);
  return (language && ENGINE_LANGUAGES[language].calendar) ?? 'DK';
}

const isCalendar = (code: string): code is Calendar => (CALENDARS as readonly string[]).includes(code);

function readMetadata(grid: SheetGrid, headerRow: number, problems: Problem[], options: ReadOptions): PlanMetadata {
  const meta: PlanMetadata = {
    agency: '',
    year: null,
    period: null,
    periodText: '',
    partialCredit: options.defaultPartialCredit ?? DEFAULT_PARTIAL_CREDIT,
    assessmentScale: null,
    performancePay: null,
    payoutSteps: null,
    calendar: defaultCalendar(grid.values[headerRow] ?? []),
    cells: {},
  };
  const top = grid.origin?.row ?? 0;
  const left = grid.origin?.col ?? 0;
  for (let r = 0; r < headerRow; r++) {
    // The row's first filled cell names the value, the next one holds it.
    const [label, next] = filledCells(grid.values[r]).filter(([, v]) => !isBlank(v));
    if (!label || typeof label[1] !== 'string') continue;
    const key = metadataIndex().get(fold(label[1]));
    if (!key || !next) continue;
    const [c, value] = next;
    const where = { sheet: grid.name, cell: address(top + r, left + c) };
    meta.cells[key] = where.cell;
    if (key === 'agency') meta.agency = cellText(value);
    else if (key === 'year') {
      const y = parsePlain(value);
      if (y.ok && Number.isInteger(y.value)) meta.year = y.value;
      else if (value instanceof Date && !Number.isNaN(value.getTime())) meta.year = value.getUTCFullYear();
      else problems.push({ ...where, severity: 'warning', message: { key: 'badNumber', args: { value: cellText(value) } } });
    } else if (key === 'period') {
      meta.periodText = cellText(value);
      const p = parsePeriod(meta.periodText);
      if (p) {
        meta.period = p.period;
        if (meta.year === null && p.year !== null) meta.year = p.year;
      } else problems.push({ ...where, severity: 'warning', message: { key: 'unknownPeriod', args: { value: meta.periodText } } });
    } else if (key === 'partialCredit') {
      const p = parsePercent(value, grid.formats?.[r]?.[c]);
      if (p.ok && p.value >= 0 && p.value <= 1) meta.partialCredit = p.value;
      else problems.push({ ...where, severity: 'warning', message: { key: 'badPercent', args: { value: cellText(value) } } });
    } else if (key === 'performancePay') {
      // An amount as written: `100.000`, `100.000 kr.`, `NOK 250 000`.
      const amount = typeof value === 'number' ? { ok: true as const, value } : parsePlain(cellText(value).replace(/\b(?:kr|dkk|nok|eur)\b\.?/gi, '').trim());
      if (amount.ok && amount.value >= 0) meta.performancePay = amount.value;
      else problems.push({ ...where, severity: 'warning', message: { key: 'badNumber', args: { value: cellText(value) } } });
    } else if (key === 'payout') {
      meta.payoutSteps = parsePayout(cellText(value));
      if (!meta.payoutSteps) problems.push({ ...where, severity: 'warning', message: { key: 'badPayout', args: { value: cellText(value) } } });
    } else if (key === 'calendar') {
      const code = cellText(value).toUpperCase();
      if (isCalendar(code)) meta.calendar = code;
      else problems.push({ ...where, severity: 'warning', message: { key: 'badCalendar', args: { value: cellText(value), calendars: CALENDARS.join(', '), calendar: meta.calendar } } });
    } else if (key === 'assessmentScale') {
      meta.assessmentScale = parseAssessmentScale(cellText(value));
      if (!meta.assessmentScale) problems.push({ ...where, severity: 'warning', message: { key: 'badAssessmentScale', args: { value: cellText(value) } } });
    }
  }
  meta.year ??= titleYear(grid, headerRow);
  return meta;
}

/**
 * The plan's year from its title when no `År` says it (`Mål- og resultatplan for Kriminalforsorgen
 * 2024`): the one year the text above the header names. Two years (`2023–2024`) say nothing.
 */
function titleYear(grid: SheetGrid, headerRow: number): number | null {
  const years = new Set<number>();
  for (let r = 0; r < headerRow; r++) {
    for (const [, value] of filledCells(grid.values[r])) {
      if (typeof value !== 'string') continue;
      for (const m of value.matchAll(/(?<![\d.,/-])(19[89]\d|20\d\d)(?![\d.,/-]?\d)/g)) years.add(Number(m[1]));
    }
  }
  return years.size === 1 ? [...years][0] : null;
}

const NO_AREA = { name: '', weight: null } as const;

/** A weight written into an area's label, in parentheses at its end: `(vægt: 10 pct.)`, `(20 point)`. */
const weightInLabel = once(() => {
  const words = weightWords().map(escapeRegExp).join('|');
  return new RegExp(`^(.*?)\\s*\\(\\s*(?:(${words})\\s*:?\\s*)?([^()]*\\d[^()]*?)\\s*\\)\\s*$`, 'i');
});

/**
 * An area as written, and the weight its label gives, as plans copied from a letter write it
 * (`Fokus på sagsbehandlingstiden (vægt: 10 pct.)`). A parenthesis without a weight's word, a
 * percent or points stays in the name: `Grønland og Færøerne (2024)` is not weighted 2024.
 */
function areaLabel(text: string, parse: (value: CellValue) => Parsed<number>): { name: string; weight: number | null } {
  const m = text.match(weightInLabel());
  if (!m || !m[1]) return { name: text, weight: null };
  const [, name, word, amount] = m;
  const weighted = word !== undefined || writtenAsPercent(amount) || wordAfterNumber(amount.toLowerCase(), pointWords()) !== null;
  const p = weighted ? parse(amount) : null;
  return p?.ok ? { name, weight: p.value } : { name: text, weight: null };
}

/** Whether a row without an ID is labelled as a total, in its area or its goal cell. */
function isTotalRow(areaText: string, title: CellValue | undefined): boolean {
  const labels = totalLabels();
  return (areaText !== '' && labels.has(fold(areaText))) || (typeof title === 'string' && labels.has(fold(title)));
}

/** Normalises an ID as written: `1.`, ` 1.a `, a number cell 1.1. */
function readId(value: CellValue): string {
  const text = cellText(value);
  // Most IDs are written clean; only those with spaces or a closing dot make new strings.
  return /\s|\.$/.test(text) ? text.replace(/\s+/g, '').replace(/\.+$/, '') : text;
}

const ALL_READ: readonly ColumnKey[] = Object.freeze([]);
/** Cells by which a row without a type is of some other type than a plain comparison. */
const NOT_PLAIN = ['formula', 'deadline', 'completed', 'met', 'total', 'assessment', 'data', 'baseline'] as const;
/** Most rows have no cell with a number format of its own, and share this. */
const NO_FORMATS: Partial<Record<ColumnKey, string>> = Object.freeze({});


/**
 * Reads the cells of a sheet's rows one row at a time, reporting what it cannot read. Made once
 * per sheet, so a row of a large plan allocates no helpers of its own.
 */
class RowReader implements BoundKind, CheckContext {
  cells: RowCells = {};
  formats: Partial<Record<ColumnKey, string>> = NO_FORMATS;
  /** Most rows have no unreadable cell and share one empty list; a row with one gets its own. */
  unreadable: readonly ColumnKey[] = ALL_READ;
  sheetRow = 0;
  dates = false;
  percent = false;
  inPercent = false;

  constructor(
    readonly sheet: string,
    private readonly left: number,
    /** The columns read, for addresses. */
    private readonly columns: Plan['columns'],
    readonly year: number | null,
    readonly assessmentScale: AssessmentScale | null,
    readonly hasPeriods: boolean,
    private readonly problems: Problem[],
  ) {}

  start(cells: RowCells, formats: Partial<Record<ColumnKey, string>>, sheetRow: number): void {
    this.cells = cells;
    this.formats = formats;
    this.sheetRow = sheetRow;
    this.unreadable = ALL_READ;
    this.dates = false;
    this.percent = false;
    this.inPercent = false;
  }

  /** The address of the row's cell in a column, where it is not blank. */
  address(key: ColumnKey): string | undefined {
    return rowCellAddress({ columns: this.columns }, { cells: this.cells, sheetRow: this.sheetRow + 1 }, key);
  }

  report(key: ColumnKey, message: MessageRef, severity: 'error' | 'warning' = 'error'): void {
    this.problems.push({ sheet: this.sheet, cell: this.address(key) ?? address(this.sheetRow, this.left), severity, message });
  }

  /** A problem at the row's cell in the first of these columns the plan has, blank or not: where the user should write. */
  reportIn(keys: ColumnKey[], message: MessageRef, severity: 'error' | 'warning'): void {
    const key = keys.find((k) => this.columns[k]);
    const cell = key ? this.columns[key]!.address.replace(/\d+$/, '') + (this.sheetRow + 1) : address(this.sheetRow, this.left);
    this.problems.push({ sheet: this.sheet, cell, severity, message });
  }

  text(key: ColumnKey): string {
    return cellText(this.cells[key]);
  }

  /** Reports a cell it cannot read, and keeps its key so scoring tells "unreadable" from "empty". */
  unread(key: ColumnKey, message: MessageRef): void {
    this.report(key, message);
    this.unreadable = [...this.unreadable, key];
  }

  read<T>(key: ColumnKey, parse: CellParser<T>, bad: MessageRef['key']): T | null {
    return this.readColumn(key, { parse, bad });
  }

  /** A column's cell as its reading says: parsed, checked, or reported with what to write. */
  readColumn<T>(key: ColumnKey, reading: ColumnReading<T>): T | null {
    const value = this.cells[key];
    if (value === undefined) return reading.empty ?? null;
    if (isCellError(value) && !reading.errorsAsText) {
      this.unread(key, { key: 'cellError', args: { value: cellText(value) } });
      return reading.empty ?? null;
    }
    const p = reading.parse(value, this.formats[key], this);
    if (p.ok) return reading.check ? reading.check(p.value, this) : p.value;
    if (!p.missing) {
      const bad = typeof reading.bad === 'function' ? reading.bad(this, value, this.formats[key]) : reading.bad;
      this.unread(key, typeof bad === 'string' ? { key: bad, args: { value: cellText(value) } } : bad);
    }
    return reading.empty ?? null;
  }
}

/** A plan row as reading makes it: a class, not an object literal (see docs/decisions.md). */
class ReadRow implements PlanRow {
  area = '';
  title = '';
  declaredWeight: number | null = null;
  typeKey: string | null = null;
  scale: Scale | null = null;
  target: Target | null = null;
  floor: number | null = null;
  tolerance: PlanRow['tolerance'] = null;
  periodRule: PeriodRule | null = null;
  baseline: number | null = null;
  actual: number | null = null;
  met: number | null = null;
  total: number | null = null;
  excluded: number | null = null;
  deadline: number | null = null;
  completed: PlanRow['completed'] = null;
  assessment: PlanRow['assessment'] = null;
  formula: string | null = null;
  data: DataRef | null = null;
  limit: number | null = null;
  limitInWorkingDays = false;
  trim: number | null = null;
  note = '';
  inPercent = false;
  unreadable: readonly ColumnKey[] = ALL_READ;
  wordDirection: PlanRow['wordDirection'] = null;

  constructor(
    public index: number,
    public sheetRow: number,
    public id: string,
    public cells: RowCells,
    public formats: Partial<Record<ColumnKey, string>>,
  ) {}
}

/** Reads one plan sheet. Returns `plan: null` (and no problem) when the sheet is not a plan. */
export function readPlan(grid: SheetGrid, options: ReadOptions = {}): ReadResult {
  const header = findHeader(grid);
  if (!header) return { plan: null, problems: [] };
  const problems: Problem[] = [...(grid.problems ?? []), ...nearMisses(grid, header)];
  const metadata = readMetadata(grid, header.row, problems, options);
  // Per-period columns stand in for the plain ones of the period read.
  const periodColumns = withPlainYear(header.columns, metadata.year);
  const current = choosePeriod(grid, header, periodColumns, metadata, options.period);
  const { periods: _, ...plain } = header.columns;
  const columns: Plan['columns'] = { ...plain, ...(current?.columns ?? {}) };
  const unit = columns.points && hasNumbers(grid, header.row, columns.points.col) ? 'points' : columns.weight ? 'percent' : columns.points ? 'points' : 'count';
  const reader = new RowReader(grid.name, grid.origin?.col ?? 0, columns, metadata.year, metadata.assessmentScale, periodColumns.length > 0, problems);
  const { rows, areas } = new PlanRows(reader, unit, columns).read(grid, header.row);
  return {
    plan: {
      sheet: grid.name, metadata, unit, columns, headerRow: (grid.origin?.row ?? 0) + header.row + 1, rows, areas,
      periods: sortPeriods(periodColumns, metadata.year).map((p) => ({ label: p.label, period: p.period, year: p.year ?? metadata.year })),
      currentPeriod: current?.label ?? null,
    },
    problems,
  };
}

/** The rows of one plan sheet below its header: goals and requirements, and the areas declared between them. */
class PlanRows {
  readonly rows: PlanRow[] = [];
  readonly areas: AreaDeclaration[] = [];
  private readonly seen = new Map<string, number>();
  private currentArea = '';
  private readonly columnsRead: { key: ColumnKey; col: number }[];
  /** The row fields read from a column, in their order, where the plan has the column. */
  private readonly rowColumns: readonly (typeof ROW_COLUMNS)[number][];
  private readonly weightKey: ColumnKey;
  private readonly weightOf: CellParser<number>;
  /** Area labels by their text: most rows repeat their area's. */
  private readonly labelOf: (text: string) => { name: string; weight: number | null };

  constructor(
    private readonly reader: RowReader,
    unit: Plan['unit'],
    private readonly columns: Plan['columns'],
  ) {
    this.columnsRead = (Object.entries(columns) as [ColumnKey, { col: number }][]).map(([key, { col }]) => ({ key, col }));
    this.rowColumns = ROW_COLUMNS.filter((key) => columns[key]);
    this.weightKey = unit === 'points' ? 'points' : 'weight';
    const weightOf = unit === 'percent' ? parseWeight : asPoints;
    this.weightOf = weightOf;
    this.labelOf = memo((text: string) => areaLabel(text, weightOf));
  }

  read(grid: SheetGrid, headerRow: number): this {
    const top = grid.origin?.row ?? 0;
    for (let r = headerRow + 1; r < grid.values.length; r++) {
      const values = grid.values[r];
      if (!values?.length) continue;
      // Only the columns read are looked at: a row whose one cell stands in column XFD costs what a short row does.
      const { cells, formats } = this.cellsOf(values, grid.formats?.[r]);
      if (!this.anyRead(cells)) continue;
      this.row(cells, formats, top + r);
    }
    return this;
  }

  /** Whether a row has a cell in any column read; a row with none says nothing (a blank row, or notes beside the plan). */
  private anyRead(cells: RowCells): boolean {
    for (const _ in cells) return true;
    return false;
  }

  /** The row's cells in the columns read, and the number formats they have besides General. */
  private cellsOf(values: CellValue[], formatsOf: (string | null | undefined)[] | undefined): { cells: RowCells; formats: Partial<Record<ColumnKey, string>> } {
    const cells: RowCells = {};
    let formats = NO_FORMATS;
    // Indexed: readPlan runs once per plan, and its loops run long before they are optimised.
    for (let i = 0; i < this.columnsRead.length; i++) {
      const { key, col } = this.columnsRead[i];
      const value = values[col];
      if (isBlank(value)) continue;
      cells[key] = value;
      const format = formatsOf?.[col];
      if (format && format !== 'General') (formats === NO_FORMATS ? (formats = {}) : formats)[key] = format;
    }
    return { cells, formats };
  }

  private row(cells: RowCells, formats: Partial<Record<ColumnKey, string>>, sheetRow: number): void {
    const { reader, weightKey } = this;
    const id = cells.id !== undefined ? readId(cells.id) : '';
    // Without an area column, a heading without an ID in the goal column may name the area.
    const areaKey: ColumnKey = this.columns.area || id ? 'area' : 'title';
    const area = cells[areaKey] !== undefined ? this.labelOf(cellText(cells[areaKey])) : NO_AREA;
    reader.start(cells, formats, sheetRow);
    const weight = dateAsWeight(reader, weightKey) ? null : reader.read(weightKey, this.weightOf, 'badNumber');
    if (weight !== null && weight < 0) reader.report(weightKey, { key: 'negativeWeight', args: { value: weight } });
    if (!id) return this.areaRow(area, weight, areaKey, cells);
    const previous = this.seen.get(id);
    if (previous !== undefined) return reader.report('id', { key: 'duplicateId', args: { id, row: previous } });
    this.seen.set(id, sheetRow + 1);
    if (area.name) this.currentArea = area.name;
    const row = new ReadRow(this.rows.length, sheetRow + 1, id, cells, formats);
    row.area = this.currentArea;
    row.declaredWeight = weight;
    this.readInputs(row);
    this.rows.push(row);
  }

  /** A row without an ID: a total, an area's declaration (with its weight), or a heading. */
  private areaRow(area: { name: string; weight: number | null }, weight: number | null, areaKey: ColumnKey, cells: RowCells): void {
    // A row that sums the plan or an area (`I alt 100 %`) repeats what the goals say: no area.
    if (isTotalRow(area.name, cells.title)) return;
    const declared = weight ?? area.weight;
    if (area.name && declared !== null) {
      this.areas.push({ name: area.name, weight: declared, address: this.reader.address(weight !== null ? this.weightKey : areaKey)! });
      this.currentArea = area.name;
    } else if (area.name && areaKey === 'area') this.currentArea = area.name;
    // A heading in the goal column with no weight may be any note; it names no area.
  }

  /** The row's type, how its bounds read, then every input column as the column table says, and the rules over its values. */
  private readInputs(row: ReadRow): void {
    const { reader } = this;
    const { cells } = row;
    let typeKey: string | null = null;
    // A type cell may name the percentile too: `80. persentil`, `P80`.
    let typePercentile: number | null = null;
    if (cells.type !== undefined) {
      const text = cellText(cells.type);
      typeKey = types().get(fold(text)) ?? null;
      if (!typeKey && (typePercentile = percentileType(text)) !== null) typeKey = 'percentile';
      if (!typeKey) reader.unread('type', { key: 'unknownType', args: { value: text } });
    }
    const definition = typeKey ? CRITERION_BY_KEY.get(typeKey) : undefined;
    // A row without a type and without another type's cells may be inferred a plain comparison, and reads as one.
    const mayBePlain = definition ? definition.kind === 'comparison' && !!definition.percentWhenWritten : cells.type === undefined && !NOT_PLAIN.some((k) => cells[k] !== undefined);
    // Such a row reads in percent where its requirement is written in percent, or has no unit and its result is.
    reader.inPercent = mayBePlain && requirementUnit(row, AS_MEASURED) === 'percent';
    reader.percent = (definition?.percent ?? false) || reader.inPercent;
    reader.dates = definition?.kind === 'comparison' && definition.unit === 'date';
    row.typeKey = typeKey;
    // Only the plan's own columns: a field the plan has no column for keeps its blank value.
    for (const key of this.rowColumns) readInto(row, key, reader);
    row.limitInWorkingDays = cells.limit !== undefined && inWorkingDays(cells.limit);
    row.inPercent = reader.inPercent;
    // The goal's own words give a direction only to a row that states none.
    if (cells.type === undefined && !row.target?.compare) row.wordDirection = wordDirection(row.title);
    this.completeRequirement(row, typePercentile);
    row.unreadable = reader.unreadable;
    this.checkValues(row);
    row.unreadable = reader.unreadable;
  }

  /**
   * A requirement at a percentile takes its percentile from its target, its type cell or its text
   * (`80 % av hasteoppdragene innen 11 minutter`); `eller bedre` needs a unit, a type or the goal's
   * words to say which way is better. What cannot be told is a problem at the target.
   */
  private completeRequirement(row: ReadRow, typePercentile: number | null): void {
    const target = row.target;
    if (!target) return;
    const key = criterionOf(row)?.key;
    // Without a type, a goal's text that names a percentile (`Responstid, 80-persentil`) makes a bound not in percent one at it.
    if (!row.typeKey && row.cells.type === undefined && target.percentile === undefined && (!key || key === 'min' || key === 'max')) {
      const p = requirementUnit(row, AS_MEASURED) === 'percent' ? null : percentileIn(row.title);
      if (p !== null) {
        row.target = { ...target, percentile: p };
        return;
      }
    }
    if (key === 'percentile' && target.percentile === undefined) {
      const p = typePercentile ?? percentileIn(row.title);
      if (p !== null) row.target = { ...target, percentile: p };
      else this.dropTarget(row, { key: 'percentileMissing' });
    } else if (target.percentile !== undefined && row.typeKey && key !== 'percentile') {
      this.dropTarget(row, { key: 'percentileNeedsType', args: { value: cellText(row.cells.target), criterion: row.typeKey } });
    } else if (!key && target.better === null && !target.compare) {
      this.dropTarget(row, { key: 'betterWithoutDirection', args: { value: cellText(row.cells.target), number: numberText(row.cells.target, row.formats.target) } });
    }
  }

  private dropTarget(row: ReadRow, message: MessageRef): void {
    this.reader.unread('target', message);
    row.target = null;
  }

  /**
   * The rules over the row's values (checks.ts): a value its requirement's unit or its own cannot
   * have is left out, so the goal is never scored on it. A direction told from the goal's words
   * is a warning where the user writes the type.
   */
  private checkValues(row: ReadRow): void {
    for (const problem of inputProblems(row)) {
      this.reader.unread(problem.column, problem.message);
      (row as unknown as Record<string, unknown>)[problem.column] = null;
    }
    const told = row.wordDirection;
    if (!told || row.typeKey) return;
    const key = inferType(row);
    if (!key || key === inferType({ ...row, wordDirection: null })) return;
    const message = told.compare === 'atMost' ? 'lowerFromWords' : 'higherFromWords';
    this.reader.reportIn(['type', 'title'], { key: message, args: { word: told.word, criterion: key } }, 'warning');
  }
}

/** Points, or a fraction of a pay frame (`1/12`). */
const asPoints = (v: CellValue, f?: string | null): Parsed<number> => {
  const fraction = parseFraction(v);
  return fraction === null ? parsePlain(v, f) : { ok: true, value: fraction };
};

/**
 * A weight cell that holds a date: Excel turns a typed fraction (`1/12`) into a date (1 December),
 * and reading its serial as a weight would give the goal tens of thousands of points. Reported
 * with the fraction it was.
 */
function dateAsWeight(reader: RowReader, key: ColumnKey): boolean {
  const fraction = fractionOfDate(reader.cells[key], reader.formats[key]);
  if (fraction === null) return false;
  reader.unread(key, { key: 'weightIsDate', args: { fraction } });
  return true;
}

/** One column's field of the row, read as the column table says. */
function readInto<K extends (typeof ROW_COLUMNS)[number]>(row: ReadRow, key: K, reader: RowReader): void {
  (row[key] as PlanRow[K] | null) = reader.readColumn(key, ROW_READING[key] as ColumnReading<NonNullable<PlanRow[K]>>);
}

function hasNumbers(grid: SheetGrid, headerRow: number, col: number): boolean {
  for (let r = headerRow + 1; r < grid.values.length; r++) {
    const v = grid.values[r]?.[col];
    if (!isBlank(v) && parsePlain(v).ok) return true;
  }
  return false;
}

/** Whether a grid looks like a plan sheet, without reading it whole. */
export function isPlanSheet(grid: SheetGrid): boolean {
  return findHeader(grid) !== null;
}
