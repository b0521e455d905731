/** GOALSCORE custom functions: each one against the engine, and the metadata Excel reads. */
import * as path from 'node:path';
import { FORMULA, FULFILMENT, SHARE, STATUS, TRIMMEDMEAN } from '../src/functions/functions';
import { serialOf } from '../src/engine';

describe('FULFILMENT', () => {
  test('the contract’s worked example: 82,4 % against 85 %, linear from 75 %', () => {
    expect(FULFILMENT('andel', 412 / 500, '85 %')).toBe(0);
    expect(FULFILMENT('andel', 412 / 500, 0.85, 0.75, null, 'lineær')).toBeCloseTo(0.74, 12);
  });
  test('reduction against a baseline, max, range and steps', () => {
    expect(FULFILMENT('reduktion', 11.3, '5 %', null, 12)).toBe(1);
    expect(FULFILMENT('max', 189, 180, 200, null, 'delvis')).toBe(0.5);
    expect(FULFILMENT('interval', 4, '3-5')).toBe(1);
    expect(FULFILMENT('share', 0.88, 0.9, null, null, '90:100%; 85:50%')).toBe(0.5);
  });
  test('milestones take dates, assessments take words', () => {
    expect(FULFILMENT('milepæl', serialOf(2024, 6, 28), serialOf(2024, 6, 30))).toBe(1);
    expect(FULFILMENT('milestone', serialOf(2024, 7, 1), serialOf(2024, 6, 30))).toBe(0);
    expect(FULFILMENT('vurdering', 'Delvist opfyldt', null)).toBe(0.5);
  });
  test('bad input is an error with a message; missing input is #N/A', () => {
    expect(() => FULFILMENT('ca.', 5, 5)).toThrow('Unknown criterion type "ca."');
    expect(() => FULFILMENT('mindst', 'fem', 5)).toThrow('"fem" is not a number.');
    expect(() => FULFILMENT('mindst', null, 5)).toThrow('missing: actual');
  });
});

test('SHARE removes the excluded cases from the denominator', () => {
  expect(SHARE(431, 540, 28)).toBeCloseTo(431 / 512, 12);
  expect(SHARE(1, 4)).toBe(0.25);
  expect(() => SHARE(1, 5, 5)).toThrow('cannot be computed');
});

test('TRIMMEDMEAN leaves out the highest values, rounded down to whole values', () => {
  const values = [[100], [100], [100], [900], ['text'], [null]];
  expect(TRIMMEDMEAN(values as never, 0.25)).toBe(100); // 4 numbers, 25 % → 1 left out
  expect(TRIMMEDMEAN(values as never, '10 %')).toBe(300); // 10 % of 4 rounds down to 0
  expect(TRIMMEDMEAN(values as never, 25)).toBe(100);
  expect(() => TRIMMEDMEAN(values as never, 100)).toThrow('Trim must be between 0 and 100 %');
});

test('STATUS gives the status word in the language asked for', () => {
  expect(STATUS(1)).toBe('Opfyldt');
  expect(STATUS(0.5)).toBe('Delvist opfyldt');
  expect(STATUS(0, 'nb')).toBe('Ikke oppnådd');
  expect(STATUS(null, 'en')).toBe('Not assessed');
});

test('STATUS reads a name on every object (constructor, __proto__, toString) as no language: Danish', () => {
  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) expect(STATUS(0.5, name)).toBe('Delvist opfyldt');
});

test('FORMULA evaluates a restricted expression over named values and refuses the rest', async () => {
  await expect(FORMULA('max(0, days * rate - food)', 'days', 30, 'rate', 30, 'food', 100)).resolves.toBe(800);
  await expect(FORMULA('a > b', ['a', 2, 'b', 1])).resolves.toBe(true);
  await expect(FORMULA('import({}, {})', 'a', 1)).rejects.toThrow('refused');
  await expect(FORMULA('a + c', 'a', 1)).rejects.toThrow('"c"');
  await expect(FORMULA('a', 'a')).rejects.toThrow('give each name a value');
});

describe('in Danish Excel, every error is a message in Danish, never JavaScript\'s', () => {
  const office = globalThis as { Office?: unknown };
  beforeAll(() => {
    office.Office = { context: { displayLanguage: 'da-DK' } };
  });
  afterAll(() => {
    delete office.Office;
  });
  /** The message of what a call throws, or rejects with. */
  const thrown = async (call: () => unknown): Promise<string> => {
    try {
      await call();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('no error');
  };
  const INTERNALS = /TypeError|RangeError|undefined|is not a function|Cannot read|NaN|Infinity|prototype|\{\w+\}/;

  test.each<[string, () => unknown, RegExp]>([
    ['FORMULA without a formula', () => FORMULA(null as never), /^GOALSCORE\.FORMULA mangler en formel\. Skriv den som første argument, f\.eks\. GOALSCORE\.FORMULA\("a \* b"; "a"; A2/],
    ['FORMULA over a name with no value', () => FORMULA('constructor * 2'), /formlen bruger "constructor", som ikke har fået en værdi/],
    ['FORMULA with __proto__ as a name', () => FORMULA('__proto__ + toString', '__proto__', 1), /"toString", som ikke har fået en værdi/],
    ['FORMULA with a name that is none', () => FORMULA('a', 'a b', 1), /"a b" kan ikke bruges som navn/],
    ['FORMULA with a text for a value', () => FORMULA('a', 'a', 'fem'), /værdien af a er ikke et tal/],
    ['FORMULA refusing an accessor', () => FORMULA('a.constructor', 'a', 1), /^Formlen »a\.constructor« afvises, fordi den bruger »a\.constructor«\. En formel må bruge tal, true og false, navnene a,/],
    ['FORMULA of 0 / 0', () => FORMULA('a / a', 'a', 0), /^Formlen »a \/ a« giver ikke et tal/],
    ['FORMULA dividing by 0', () => FORMULA('1 / a', 'a', 0), /^Formlen »1 \/ a« giver et uendeligt stort tal/],
    ['SHARE of a text', () => SHARE('mange' as never, 10), /^GOALSCORE\.SHARE: met skal være et tal/],
    ['SHARE with nothing left', () => SHARE(1, 5, 5), /^I alt minus undtaget er 0; andelen kan ikke beregnes/],
    ['TRIMMEDMEAN of one value', () => TRIMMEDMEAN('tekst' as never, 0.1), /^GOALSCORE\.TRIMMEDMEAN: området indeholder ingen tal/],
    ['TRIMMEDMEAN trimming all', () => TRIMMEDMEAN([[1]], 'alt'), /^Udelad højeste skal være mellem 0 og 100 %; fik alt/],
    ['FULFILMENT of an unknown type', () => FULFILMENT('constructor', 5, 5), /^Ukendt kravtype »constructor«/],
    ['FULFILMENT given a range', () => FULFILMENT('mindst', [[1, 2]] as never, 5), /^»1,2« er ikke et tal/],
  ])('%s', async (_, call, says) => {
    const message = await thrown(call);
    expect(message).toMatch(says);
    expect(message).not.toMatch(INTERNALS);
  });

  test('a number or true for a formula is a formula of its own: FORMULA(12) is 12', async () => {
    await expect(FORMULA(12 as never)).resolves.toBe(12);
    await expect(FORMULA(true as never)).resolves.toBe(true);
  });

  test('a formula reader that could not be fetched is said so, as #N/A, not as a fault of the formula', async () => {
    let message = '';
    await jest.isolateModulesAsync(async () => {
      jest.doMock('../src/engine/mathParser', () => ({
        loadMathParser: () => Promise.reject(new TypeError('Failed to fetch')),
        parseMath: () => {
          throw new Error('formula parser not loaded');
        },
      }));
      const isolated = await import('../src/functions/functions');
      message = await thrown(() => isolated.FORMULA('a + 1', 'a', 1));
    });
    expect(message).toBe('GOALSCORE.FORMULA kunne ikke hente sin formellæser. Tjek forbindelsen, og beregn igen (Ctrl+Alt+F9).');
  });

  test('STATUS with a name every object has, or a number, for a language gives the Danish word', () => {
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 12]) expect(STATUS(0.5, code as never)).toBe('Delvist opfyldt');
    expect(STATUS('halvt')).toBe('Ikke vurderet');
  });
});

test('the generated metadata lists every function with its parameters', async () => {
  const { generateCustomFunctionsMetadata } = await import('custom-functions-metadata');
  const generated = await generateCustomFunctionsMetadata([path.join(__dirname, '..', 'src', 'functions', 'functions.ts')], true);
  expect(generated.errors).toEqual([]);
  const metadata = JSON.parse(generated.metadataJson) as { functions: { id: string; parameters: { name: string; optional?: boolean; repeating?: boolean }[] }[] };
  const byId = Object.fromEntries(metadata.functions.map((f) => [f.id, f.parameters.map((p) => `${p.name}${p.optional ? '?' : ''}${p.repeating ? '…' : ''}`)]));
  expect(byId).toEqual({
    FULFILMENT: ['type', 'actual', 'target', 'floor?', 'baseline?', 'scale?'],
    SHARE: ['met', 'total', 'excluded?'],
    TRIMMEDMEAN: ['values', 'trimPercent'],
    STATUS: ['fulfilment', 'language?'],
    FORMULA: ['expression', 'namesAndValues?…'],
  });
});
