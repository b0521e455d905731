/**
 * GOALSCORE custom functions: the engine's scoring as worksheet functions, for what-if cells of
 * one's own. Metadata comes from these JSDoc tags (custom-functions-metadata-plugin); the plugin
 * appends the `CustomFunctions.associate` calls.
 */
import { CRITERION_BY_KEY, cellText, clip, compileFormula, loadMathParser, parsePercent, readPlan, scorePlan, statusOf, trimmedMean, type MessageRef } from '../engine';
import { fill, formatMessage, languageOfLocale, pack, type FunctionWords, type LanguagePack } from '../i18n';

type ErrorCode = 'invalidValue' | 'notAvailable' | 'invalidNumber';
type Runtime = { associate(id: string, fn: unknown): void; Error?: new (code: string, message?: string) => Error; ErrorCode?: Record<string, string>; lost?: string[] };
const host = globalThis as { CustomFunctions?: Runtime; Office?: { context?: { displayLanguage?: string } } };
/**
 * Where there is no CustomFunctions runtime (Excel 2021 bought with a volume licence, LTSC, meets
 * the requirement sets but has none; a plain browser; tests), the registrations the build appends
 * to this file have nowhere to go. They are kept in `lost`, never dropped silently: the pane reads
 * them (src/addin/host.ts) and says the functions are missing here.
 */
if (typeof host.CustomFunctions === 'undefined') {
  const lost: string[] = [];
  host.CustomFunctions = { associate: (id: string) => void lost.push(id), lost };
}

/** Why a function gives an error value, in the user's words; made into Excel's error on the way out. */
class Refusal {
  constructor(
    readonly message: string,
    readonly code: ErrorCode,
  ) {}
}

function fail(message: string, code: ErrorCode = 'invalidValue'): never {
  throw new Refusal(message, code);
}

/** The language Excel is shown in, which its error values' messages are in; English where Office does not say. */
function language(): LanguagePack {
  let tag: string | undefined;
  try {
    tag = host.Office?.context?.displayLanguage;
  } catch {
    tag = undefined;
  }
  return pack(languageOfLocale(tag) ?? 'en');
}

/** A #VALUE!, #N/A or #NUM! with a message where Excel can show one; a plain Error elsewhere. */
function excelError(refusal: Refusal): Error {
  const runtime = host.CustomFunctions!;
  if (runtime.Error && runtime.ErrorCode) return new runtime.Error(runtime.ErrorCode[refusal.code], refusal.message);
  return new Error(refusal.message);
}

/**
 * A function's work in the user's language. What it refuses is an error value with its message;
 * anything else that goes wrong is #VALUE! saying so in words: never JavaScript's own text.
 */
function guarded<T>(name: string, work: (lang: LanguagePack) => T): T {
  const lang = language();
  try {
    return work(lang);
  } catch (e) {
    throw excelError(e instanceof Refusal ? e : new Refusal(say(lang, 'failed', { name }), 'invalidValue'));
  }
}

const say = (lang: LanguagePack, key: keyof FunctionWords, args: Record<string, string> = {}) => fill(lang.functions[key], args);

/** An engine message in the user's words, its numbers as the language writes them. */
const told = (lang: LanguagePack, message: MessageRef) => formatMessage(message, lang);

/** A number argument, or the error that names it. */
function numberArgument(lang: LanguagePack, fn: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(say(lang, 'notANumber', { name: fn, argument }));
}

/**
 * The fulfilment of one requirement, 0 to 1, as goalscore scores it.
 * @customfunction FULFILMENT FULFILMENT
 * @param type Criterion type: mindst, højst, interval, reduktion, stigning, andel, milepæl, vurdering (or min, max, range, reduction, increase, share, milestone, assessment).
 * @param actual The measured result (a share for andel, a date for milepæl, the assessment text for vurdering).
 * @param target The target: a number, 85 %, a range such as 3-5, or a deadline.
 * @param [floor] The value that earns nothing on a linear or partial scale.
 * @param [baseline] The comparison value for reduction and increase.
 * @param [scale] binær, lineær, delvis, or steps such as 85:100%; 75:50%.
 * @returns Fulfilment from 0 to 1.
 */
export function FULFILMENT(type: string, actual: any, target: any, floor?: any, baseline?: any, scale?: string): number {
  return guarded('FULFILMENT', (lang) => {
    const probe = readPlan({ name: 'f', values: [['Nr.', 'Vægt', 'Kravtype'], ['1', 1, type]] }).plan?.rows[0];
    // The criterion table says which plan columns the arguments fill; the headers are the Danish ones.
    const args = (probe?.typeKey ? CRITERION_BY_KEY.get(probe.typeKey)?.args : undefined) ?? ({ actual: 'actual', target: 'target' } as const);
    const words = pack('da').vocabulary.columns;
    const header = ['Nr.', 'Vægt', 'Kravtype', words[args.actual][0], words[args.target][0], 'Nedre grænse', 'Udgangspunkt', 'Skala'];
    const row = ['1', 1, type, actual, target, floor ?? null, baseline ?? null, scale ?? null];
    const { plan, problems } = readPlan({ name: 'FULFILMENT', values: [header, row] });
    const result = scorePlan(plan!, problems, { lang: lang.code });
    const error = result.problems.find((p) => p.severity === 'error');
    if (error) fail(told(lang, error.message));
    const f = result.rows[0].fulfilment;
    if (f === null) fail(result.rows[0].explanation || say(lang, 'failed', { name: 'FULFILMENT' }), 'notAvailable');
    return f;
  });
}

/**
 * The share of cases that met a requirement: met / (total − excluded).
 * @customfunction SHARE SHARE
 * @param met Cases that met the requirement.
 * @param total All cases.
 * @param [excluded] Cases left out of the denominator.
 * @returns The share, 0 to 1.
 */
export function SHARE(met: number, total: number, excluded?: number): number {
  return guarded('SHARE', (lang) => {
    const [m, t, x] = [numberArgument(lang, 'SHARE', 'met', met), numberArgument(lang, 'SHARE', 'total', total), excluded === undefined || excluded === null ? 0 : numberArgument(lang, 'SHARE', 'excluded', excluded)];
    const base = t - x;
    if (!(base > 0)) fail(told(lang, { key: 'shareBase', args: { value: base } }));
    return m / base;
  });
}

/**
 * The mean after leaving out the highest values (outliers), as in "the 5 % longest cases left out".
 * @customfunction TRIMMEDMEAN TRIMMEDMEAN
 * @param values The values, e.g. processing times in days.
 * @param trimPercent The share of the highest values to leave out: 5, 5 % or 0,05.
 * @returns The mean of the values kept.
 */
export function TRIMMEDMEAN(values: any[][], trimPercent: any): number {
  return guarded('TRIMMEDMEAN', (lang) => {
    const trim = parsePercent(trimPercent);
    if (!trim.ok || trim.value < 0 || trim.value >= 1) fail(told(lang, { key: 'badTrim', args: { value: clip(cellText(trimPercent), 40) } }));
    // A range comes as rows of values; one value as itself.
    const all: unknown[] = Array.isArray(values) ? values.flat() : [values];
    const numbers = all.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (!numbers.length) fail(say(lang, 'noNumbers'), 'notAvailable');
    return trimmedMean(numbers, trim.value).mean;
  });
}

/**
 * The status word for a fulfilment: Opfyldt, Delvist opfyldt, Ikke opfyldt or Ikke vurderet.
 * @customfunction STATUS STATUS
 * @param fulfilment A fulfilment from 0 to 1; blank is not assessed.
 * @param [language] A language's code, such as da (the default), nb or en.
 * @returns The status.
 */
export function STATUS(fulfilment: any, language?: string): string {
  return guarded('STATUS', () => {
    // A code that names no language (constructor, __proto__, a number) is Danish, as no code is.
    const lang = pack(typeof language === 'string' ? language : undefined);
    return lang.statuses[statusOf(typeof fulfilment === 'number' && Number.isFinite(fulfilment) ? fulfilment : null)];
  });
}

/**
 * Evaluates a restricted formula (arithmetic, comparison, logic, min, max, abs, round, mean, sum …) over named values.
 * @customfunction FORMULA FORMULA
 * @param expression The formula, e.g. max(0, 30 * days - (allowance - income)).
 * @param namesAndValues A name, then its value, repeated: "days", A2, "income", B2.
 * @returns The formula's value.
 */
export async function FORMULA(expression: string, ...namesAndValues: any[]): Promise<any> {
  let loaded = true;
  try {
    // In the pane the formula parser is a chunk of its own, fetched on the first formula.
    await loadMathParser();
  } catch {
    loaded = false;
  }
  return guarded('FORMULA', (lang) => (loaded ? formulaValue(lang, expression, namesAndValues) : fail(say(lang, 'notLoaded'), 'notAvailable')));
}

/** The formula's text: a number or true/false is a formula of its own (FORMULA(12) is 12). */
function formulaText(lang: LanguagePack, expression: unknown): string {
  const text = typeof expression === 'number' || typeof expression === 'boolean' ? String(expression) : typeof expression === 'string' ? expression.trim() : '';
  return text || fail(say(lang, 'emptyFormula'));
}

/** The names and values after the formula, as a map: no name is looked up on an object's prototype. */
function formulaScope(lang: LanguagePack, namesAndValues: any[]): Map<string, number> {
  // Excel passes a repeating parameter as one array of its values.
  const pairs: unknown[] = namesAndValues.length === 1 && Array.isArray(namesAndValues[0]) ? namesAndValues[0] : namesAndValues;
  if (pairs.length % 2) fail(say(lang, 'pairs'));
  const scope = new Map<string, number>();
  for (let i = 0; i < pairs.length; i += 2) {
    const name = clip(cellText(pairs[i]), 40);
    const value = pairs[i + 1];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(say(lang, 'badName', { name }));
    if (typeof value !== 'number' && typeof value !== 'boolean') fail(say(lang, 'valueNotNumber', { name }));
    scope.set(name, Number(value));
  }
  return scope;
}

/** FORMULA's work, once the parser is there. */
function formulaValue(lang: LanguagePack, expression: unknown, namesAndValues: any[]): number | boolean {
  const text = formulaText(lang, expression);
  const scope = formulaScope(lang, namesAndValues);
  const compiled = compileFormula(text, [...scope.keys()]);
  if (!compiled.ok) {
    const { error } = compiled;
    if (error.key === 'formulaUnknownName') fail(say(lang, 'noValue', { name: String(error.args?.name ?? '') }));
    fail(told(lang, error));
  }
  const value = compiled.formula.evaluate(Object.fromEntries(scope));
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  const infinite = value === Infinity || value === -Infinity;
  return fail(told(lang, { key: infinite ? 'formulaInfinite' : 'formulaNotANumber', args: { formula: text } }), 'invalidNumber');
}
