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
  expect(() => TRIMMEDMEAN(values as never, 100)).toThrow('percentage');
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
  await expect(FORMULA('a', 'a')).rejects.toThrow('Give each name a value');
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
