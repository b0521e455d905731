import { CRITERIA, CRITERION_BY_KEY, PACKS, parseRange } from '../src/engine';
import { LANGUAGES, formatMessage, pack } from '../src/i18n';
import { one, planGrid, score } from './helpers';

describe('every criterion type', () => {
  test('min: met at the target, not below', () => {
    expect(one({ Kravtype: 'mindst', Målværdi: 150, Resultat: 150 }).row.fulfilment).toBe(1);
    const r = one({ Kravtype: 'mindst', Målværdi: 150, Resultat: 149 }).row;
    expect(r.fulfilment).toBe(0);
    expect(r.status).toBe('not_met');
    expect(r.required).toBe(150);
    expect(r.explanation).toBe('149 < 150');
  });

  test('max: met at or below the target', () => {
    expect(one({ Kravtype: 'højst', Målværdi: 50, Resultat: 50 }).row.status).toBe('met');
    expect(one({ Kravtype: 'max', Målværdi: 50, Resultat: 50.1 }).row.status).toBe('not_met');
  });

  test('range: inside the bounds only', () => {
    expect(one({ Kravtype: 'interval', Målværdi: '3-5', Resultat: 3 }).row.fulfilment).toBe(1);
    expect(one({ Kravtype: 'interval', Målværdi: '3-5', Resultat: 5 }).row.fulfilment).toBe(1);
    const low = one({ Kravtype: 'interval', Målværdi: '3-5', Resultat: 2 }).row;
    expect(low.fulfilment).toBe(0);
    expect(low.required).toBe(3);
    const high = one({ Kravtype: 'range', Målværdi: '3-5', Resultat: 6 }).row;
    expect(high.fulfilment).toBe(0);
    expect(high.required).toBe(5);
  });

  test('reduction: (baseline − actual) / baseline ≥ target', () => {
    const r = one({ Kravtype: 'reduktion', Målværdi: '10 %', Udgangspunkt: 1200, Resultat: 1104 }).row;
    expect(r.measure).toBeCloseTo(0.08, 12);
    expect(r.fulfilment).toBe(0);
    expect(r.required).toBeCloseTo(1080, 9);
    expect(one({ Kravtype: 'reduktion', Målværdi: 10, Udgangspunkt: 1200, Resultat: 1080 }).row.fulfilment).toBe(1);
  });

  test('increase: (actual − baseline) / baseline ≥ target', () => {
    const r = one({ Kravtype: 'stigning', Målværdi: '2 %', Udgangspunkt: 500, Resultat: 511 }).row;
    expect(r.measure).toBeCloseTo(0.022, 12);
    expect(r.status).toBe('met');
    expect(one({ Kravtype: 'increase', Målværdi: '2 %', Udgangspunkt: 500, Resultat: 505 }).row.status).toBe('not_met');
  });

  test('share with exclusions removed from the denominator', () => {
    const r = one({ Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 431, 'I alt': 540, Undtaget: 28 }).row;
    expect(r.measure).toBeCloseTo(431 / 512, 12);
    expect(r.fulfilment).toBe(0);
    expect(r.required).toBe(Math.ceil(0.85 * 512));
    expect(one({ Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 436, 'I alt': 540, Undtaget: 28 }).row.fulfilment).toBe(1);
  });

  test('share given as a percentage in the actual', () => {
    expect(one({ Kravtype: 'andel', Målværdi: 90, Resultat: '91,5 %' }).row.measure).toBeCloseTo(0.915, 12);
    expect(one({ Kravtype: 'andel', Målværdi: 90, Resultat: 89 }).row.status).toBe('not_met');
  });

  test('share over data within a limit', () => {
    const grid = planGrid(['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Data', 'Grænse'], [
      { 'Nr.': '1', Vægt: 100, Kravtype: 'andel', Målværdi: '80 %', Data: 'Sager!A1:A10', Grænse: 30 },
    ]);
    const days = [[5], [10], [30], [31], [12], [60], [1], [2], [3], [29]];
    const r = score(grid, { Sager: days }).rows[0];
    expect(r.measure).toBeCloseTo(8 / 10, 12);
    expect(r.status).toBe('met');
  });

  test('milestone: on or before the deadline', () => {
    expect(one({ Kravtype: 'milepæl', Frist: '1. halvår 2024', Gennemført: '30.06.2024' }).row.fulfilment).toBe(1);
    const late = one({ Kravtype: 'milepæl', Frist: '1. halvår 2024', Gennemført: '01.07.2024' }).row;
    expect(late.fulfilment).toBe(0);
    expect(late.explanation).toContain('frist 30.06.2024');
    expect(one({ Kravtype: 'milepæl', Gennemført: 'ja' }).row.fulfilment).toBe(1);
    expect(one({ Kravtype: 'milepæl', Frist: 'Q3 2024', Gennemført: 'nej' }).row.fulfilment).toBe(0);
    expect(one({ Kravtype: 'milepæl', Frist: 'Q3 2024' }).row.status).toBe('not_assessed');
  });

  test('assessment: 1, the plan partial credit, 0', () => {
    expect(one({ Kravtype: 'vurdering', Vurdering: 'Opfyldt' }).row.fulfilment).toBe(1);
    expect(one({ Kravtype: 'vurdering', Vurdering: 'Delvist opfyldt' }).row.fulfilment).toBe(0.5);
    expect(one({ Kravtype: 'vurdering', Vurdering: 'Delvis oppnådd' }, [['Delvis opfyldelse', '40 %']]).row.fulfilment).toBeCloseTo(0.4, 12);
    expect(one({ Kravtype: 'assessment', Vurdering: 'Not met' }).row.fulfilment).toBe(0);
    expect(one({ Kravtype: 'vurdering' }).row.status).toBe('not_assessed');
  });

  test('formula: a fulfilment or a truth value over the row inputs', () => {
    const r = one({ Kravtype: 'formel', Målværdi: 6, Resultat: 5, Formel: 'min(actual / target, 1)' }).row;
    expect(r.fulfilment).toBeCloseTo(5 / 6, 12);
    expect(one({ Kravtype: 'formel', Resultat: 5, Udgangspunkt: 4, Formel: 'actual > baseline' }).row.fulfilment).toBe(1);
    const missing = one({ Kravtype: 'formel', Formel: 'actual >= 3' }).row;
    expect(missing.status).toBe('not_assessed');
    expect(missing.explanation).toContain('mangler');
  });

  test('an assessment on a row of another type overrides the result and is marked', () => {
    const r = one({ Kravtype: 'mindst', Målværdi: 6, Resultat: 5, Vurdering: 'Opfyldt' }).row;
    expect(r.fulfilment).toBe(1);
    expect(r.overridden).toBe(true);
    expect(r.explanation).toContain('5 < 6');
    expect(r.explanation).toContain('tilsidesat af vurdering');
  });

  test('missing inputs make a row not assessed, never an error', () => {
    const { row, result } = one({ Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 10 });
    expect(row.status).toBe('not_assessed');
    expect(row.fulfilment).toBeNull();
    expect(row.explanation).toBe('mangler: i alt');
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  test('every declared type has a name in every language pack', () => {
    for (const lang of PACKS) for (const c of CRITERIA) expect(lang.vocabulary.types[c.key]?.length).toBeGreaterThan(0);
  });

  test('every type a language names has one definition, in the table\'s order, with live-sheet formulas or a reason it has none', () => {
    const lacking: string[] = [];
    for (const lang of PACKS) {
      expect(Object.keys(lang.vocabulary.types)).toEqual(CRITERIA.map((c) => c.key));
      for (const key of Object.keys(lang.vocabulary.types)) {
        const live = CRITERION_BY_KEY.get(key)?.live as Record<string, unknown> | undefined;
        const builders = Object.values(live ?? {}).filter((v) => typeof v === 'function');
        const reason = typeof live?.static === 'string' ? live.static : null;
        if (builders.length + (reason ? 1 : 0) !== 1) lacking.push(`${lang.code} ${key}: ${live ? Object.keys(live).join('+') || 'empty' : 'no definition'}`);
        // A static value's note names its reason in every language.
        for (const product of Object.values(LANGUAGES)) if (reason && !(product.sheet.staticReasons as Record<string, string>)[reason]) lacking.push(`${product.code} ${key}: no words for ${reason}`);
      }
    }
    expect(lacking).toEqual([]);
  });

  test('an unknown type is answered with every type\'s name in the user\'s language', () => {
    for (const lang of Object.values(LANGUAGES)) {
      const message = formatMessage({ key: 'unknownType', args: { value: 'størst' } }, lang);
      // Each language quotes as it writes: "størst", »størst«, «størst», ”størst”.
      expect(message).toMatch(/["»«”]størst["«»”]/);
      for (const c of CRITERIA) expect(message).toContain(lang.vocabulary.types[c.key][0]);
      expect(message).not.toContain('{');
    }
    expect(formatMessage({ key: 'unknownType', args: { value: 'x' } }, pack('da'))).toMatch(/Brug fx mindst, højst, .*, formel eller alle\.$/);
  });

  test('the names of a one-sided plain comparison lead a target in its direction (`mindst 85`, `under 65`)', () => {
    const oneSided = CRITERIA.filter((c) => c.kind === 'comparison' && c.percentWhenWritten && c.compare !== 'between');
    expect(oneSided.length).toBeGreaterThan(0);
    for (const c of oneSided) {
      if (c.kind !== 'comparison') continue;
      for (const lang of PACKS) {
        const parsed = parseRange(`${lang.vocabulary.types[c.key][0]} 65`, null, false);
        expect({ key: c.key, lang: lang.code, target: parsed.ok ? parsed.value : null }).toEqual({ key: c.key, lang: lang.code, target: { lo: 65, hi: 65, compare: c.compare, strict: c.strict } });
      }
    }
  });
});

describe('partial-credit scales', () => {
  test('linear: 0 at the floor, 1 at the target, clamped', () => {
    const at = (actual: number) => one({ Kravtype: 'mindst', Målværdi: 100, 'Nedre grænse': 50, Skala: 'lineær', Resultat: actual }).row.fulfilment;
    expect(at(75)).toBeCloseTo(0.5, 12);
    expect(at(40)).toBe(0);
    expect(at(120)).toBe(1);
  });

  test('linear in the downward direction for max', () => {
    const r = one({ Kravtype: 'højst', Målværdi: 180, 'Nedre grænse': 200, Skala: 'linear', Resultat: 190 }).row;
    expect(r.fulfilment).toBeCloseTo(0.5, 12);
  });

  test('partial: the plan partial credit between floor and target', () => {
    const at = (actual: number) => one({ Kravtype: 'højst', Målværdi: 180, 'Nedre grænse': 200, Skala: 'delvis', Resultat: actual }).row.fulfilment;
    expect(at(179)).toBe(1);
    expect(at(189)).toBe(0.5);
    expect(at(201)).toBe(0);
  });

  test('steps: the best step reached', () => {
    const at = (met: number) => one({ Kravtype: 'andel', Målværdi: '90 %', Skala: '90:100%; 85:50%', Opfyldte: met, 'I alt': 400 }).row.fulfilment;
    expect(at(360)).toBe(1);
    expect(at(352)).toBe(0.5);
    expect(at(336)).toBe(0);
  });

  test('a linear scale without a floor falls back to binary with a warning', () => {
    const { row, result } = one({ Kravtype: 'mindst', Målværdi: 10, Skala: 'lineær', Resultat: 8 });
    expect(row.fulfilment).toBe(0);
    expect(result.problems.map((p) => p.message.key)).toContain('linearNeedsFloor');
  });

  test('a milestone with a later floor date earns partial credit when late', () => {
    const row = one({ Kravtype: 'milepæl', Frist: '1. halvår 2024', 'Nedre grænse': 'Q3 2024', Skala: 'delvis', Gennemført: '15.08.2024' }).row;
    expect(row.fulfilment).toBe(0.5);
  });
});

describe('bad cells are problems with a cell address', () => {
  test('an unknown type, a bad number and a bad assessment', () => {
    const grid = planGrid(['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Vurdering'], [
      { 'Nr.': '1', Vægt: 40, Kravtype: 'ca.', Målværdi: 5, Resultat: 5 },
      { 'Nr.': '2', Vægt: 30, Kravtype: 'mindst', Målværdi: 5, Resultat: 'fem' },
      { 'Nr.': '3', Vægt: 30, Kravtype: 'vurdering', Vurdering: 'godt' },
    ]);
    const result = score(grid);
    const where = result.problems.map((p) => `${p.sheet}!${p.cell}:${p.message.key}`);
    expect(where).toEqual(['Plan!C6:unknownType', 'Plan!E7:badNumber', 'Plan!F8:unknownAssessment']);
    expect(result.rows.map((r) => r.status)).toEqual(['not_assessed', 'not_assessed', 'not_assessed']);
    expect(formatMessage(result.problems[1].message, pack('en'))).toBe('"fem" is not a number.');
  });

  test('good rows still score beside bad ones', () => {
    const grid = planGrid(['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
      { 'Nr.': '1', Vægt: 50, Kravtype: 'mindst', Målværdi: 5, Resultat: { error: '#DIV/0!' } },
      { 'Nr.': '2', Vægt: 50, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
    ]);
    const result = score(grid);
    expect(result.total.earned).toBe(50);
    expect(result.problems[0]).toMatchObject({ cell: 'E6', severity: 'error', message: { key: 'cellError' } });
  });
});
