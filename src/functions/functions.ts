/**
 * GOALSCORE custom functions: the engine's scoring as worksheet functions, for what-if cells of
 * one's own. Metadata comes from these JSDoc tags (custom-functions-metadata-plugin); the plugin
 * appends the `CustomFunctions.associate` calls.
 */
import { CRITERION_BY_KEY, compileFormula, loadMathParser, parsePercent, readPlan, scorePlan, statusOf, trimmedMean } from '../engine';
import { formatMessage, pack } from '../i18n';

type Runtime = { associate(id: string, fn: unknown): void; Error?: new (code: string, message?: string) => Error; ErrorCode?: Record<string, string>; lost?: string[] };
const host = globalThis as { CustomFunctions?: Runtime };
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

/** A #VALUE! or #N/A with a message where Excel can show one; a plain Error elsewhere. */
function fail(message: string, code: 'invalidValue' | 'notAvailable' = 'invalidValue'): never {
  const runtime = host.CustomFunctions!;
  if (runtime.Error && runtime.ErrorCode) throw new runtime.Error(runtime.ErrorCode[code], message);
  throw new Error(message);
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
  const probe = readPlan({ name: 'f', values: [['Nr.', 'Vægt', 'Kravtype'], ['1', 1, type]] }).plan?.rows[0];
  // The criterion table says which plan columns the arguments fill; the headers are the Danish ones.
  const args = (probe?.typeKey ? CRITERION_BY_KEY.get(probe.typeKey)?.args : undefined) ?? ({ actual: 'actual', target: 'target' } as const);
  const words = pack('da').vocabulary.columns;
  const header = ['Nr.', 'Vægt', 'Kravtype', words[args.actual][0], words[args.target][0], 'Nedre grænse', 'Udgangspunkt', 'Skala'];
  const row = ['1', 1, type, actual, target, floor ?? null, baseline ?? null, scale ?? null];
  const { plan, problems } = readPlan({ name: 'FULFILMENT', values: [header, row] });
  const result = scorePlan(plan!, problems, { lang: 'en' });
  const error = result.problems.find((p) => p.severity === 'error');
  if (error) fail(formatMessage(error.message, pack('en')));
  const f = result.rows[0].fulfilment;
  if (f === null) fail(result.rows[0].explanation || 'Missing input', 'notAvailable');
  return f;
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
  const base = total - (excluded ?? 0);
  if (!(base > 0)) fail(`Total minus excluded is ${base}; the share cannot be computed.`);
  return met / base;
}

/**
 * The mean after leaving out the highest values (outliers), as in "the 5 % longest cases left out".
 * @customfunction TRIMMEDMEAN TRIMMEDMEAN
 * @param values The values, e.g. processing times in days.
 * @param trimPercent The share of the highest values to leave out: 5, 5 % or 0,05.
 * @returns The mean of the values kept.
 */
export function TRIMMEDMEAN(values: any[][], trimPercent: any): number {
  const trim = parsePercent(trimPercent);
  if (!trim.ok || trim.value < 0 || trim.value >= 1) fail('The trim must be a percentage from 0 up to 100.');
  const numbers = values.flat().filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (!numbers.length) fail('The range holds no numbers.', 'notAvailable');
  return trimmedMean(numbers, trim.value).mean;
}

/**
 * The status word for a fulfilment: Opfyldt, Delvist opfyldt, Ikke opfyldt or Ikke vurderet.
 * @customfunction STATUS STATUS
 * @param fulfilment A fulfilment from 0 to 1; blank is not assessed.
 * @param [language] A language's code, such as da (the default), nb or en.
 * @returns The status.
 */
export function STATUS(fulfilment: any, language?: string): string {
  const lang = pack(language);
  return lang.statuses[statusOf(typeof fulfilment === 'number' ? fulfilment : null)];
}

/**
 * Evaluates a restricted formula (arithmetic, comparison, logic, min, max, abs, round, mean, sum …) over named values.
 * @customfunction FORMULA FORMULA
 * @param expression The formula, e.g. max(0, 30 * days - (allowance - income)).
 * @param namesAndValues A name, then its value, repeated: "days", A2, "income", B2.
 * @returns The formula's value.
 */
export async function FORMULA(expression: string, ...namesAndValues: any[]): Promise<any> {
  // In the pane the formula parser is a chunk of its own, fetched on the first formula.
  await loadMathParser();
  return formulaValue(expression, namesAndValues);
}

/** FORMULA's work, once the parser is there. */
function formulaValue(expression: string, namesAndValues: any[]): number | boolean {
  // Excel passes a repeating parameter as one array of its values.
  const pairs: any[] = namesAndValues.length === 1 && Array.isArray(namesAndValues[0]) ? namesAndValues[0] : namesAndValues;
  if (pairs.length % 2) fail('Give each name a value: "name", value, "name", value …');
  const scope: Record<string, number> = {};
  for (let i = 0; i < pairs.length; i += 2) {
    const name = String(pairs[i]);
    const value = pairs[i + 1];
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) fail(`"${name}" is not a name a formula can use.`);
    if (typeof value !== 'number' && typeof value !== 'boolean') fail(`The value of ${name} is not a number.`);
    scope[name] = Number(value);
  }
  const compiled = compileFormula(expression, Object.keys(scope));
  if (!compiled.ok) fail(formatMessage(compiled.error, pack('en')));
  const value = compiled.formula.evaluate(scope);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return fail(`The formula gave ${String(value)}, not a number.`);
}
