/**
 * Property-based tests of the plan reader and the engine: whatever lands in a plan sheet's cells,
 * reading and scoring never throw, every problem names a cell, fulfilment stays in 0–1, earned
 * never passes weight, and the areas add up to the total.
 */
import fc from 'fast-check';
import { readPlan, scorePlan, whatIf, type CellValue, type SheetGrid } from '../src/engine';
import { scoreWorkbookLayout } from '../src/pipeline';
import { LANGUAGE_CODES } from '../src/i18n';

const HEADER = ['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Nedre grænse', 'Skala', 'Udgangspunkt', 'Resultat', 'Opfyldte', 'I alt', 'Undtaget', 'Frist', 'Gennemført', 'Vurdering', 'Formel', 'Data', 'Beskæring'];

/** Words a plan really holds, so that fuzzing reaches past the first check of each column. */
const DOMAIN_TEXT = [
  'mindst', 'højst', 'interval', 'reduktion', 'stigning', 'andel', 'milepæl', 'vurdering', 'formel', 'alle', 'sum',
  '85 %', '3-5', '3–5', '10%', '-5 %', '1. halvår 2024', 'Q3 2024', '2. tertial', '31.12.2024', 'nej', 'ja', 'Opfyldt',
  'Delvist opfyldt', 'ikke opfyldt', 'lineær', 'delvis', '85:100%; 80:50%', '100:1; 50', 'min(actual / target, 1)',
  'actual >= target', 'actual / 0', 'import("x")', "'Data'!A1:A10", 'Data!B2:B5', 'Plan!A1', '=SUM(A1:A3)', '#N/A',
];

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(...DOMAIN_TEXT),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.double(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0, -0, 1, 0.5, 100, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, NaN, Infinity, -Infinity),
  fc.boolean(),
  fc.constantFrom<CellValue>({ error: '#N/A' }, { error: '#DIV/0!' }, { error: '#REF!' }, { error: '#VALUE!' }),
  fc.date(),
  fc.constantFrom(null, undefined, '', '   '),
);

const id = fc.constantFrom('1', '1.1', '1.2', '1.1.1', '1.a', '2', '2.1', '2.2', '3', '10', '1.', ' 2.1 ', '', 'x', 1, 1.1, null);
const area = fc.constantFrom('Område A', 'Område B', '', null);

const row = fc.tuple(id, area, fc.array(cellValue, { minLength: HEADER.length - 2, maxLength: HEADER.length - 2 })).map(([i, a, rest]) => [i, a, ...rest]);

const metadata = fc.tuple(cellValue, cellValue, cellValue, cellValue).map(([agency, year, period, credit]) => [
  ['Myndighed', agency],
  ['År', year],
  ['Periode', period],
  ['Delvis opfyldelse', credit],
]);

const plan: fc.Arbitrary<SheetGrid> = fc.tuple(metadata, fc.array(row, { minLength: 1, maxLength: 14 }), fc.array(cellValue, { maxLength: 6 })).map(([meta, rows, data]) => ({
  name: 'Plan',
  values: [...meta, [], HEADER, ...rows] as CellValue[][],
  // A sheet the data references can point at.
  ...{ data },
}));

const CELL = /^[A-Z]{1,3}[1-9][0-9]*$/;
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

test('any cell values: reading, scoring, laying out and what-if never throw, and the results hold together', () => {
  fc.assert(
    fc.property(plan, fc.constantFrom(...LANGUAGE_CODES), fc.string({ maxLength: 12 }), (grid, lang, typed) => {
      const data = (grid as SheetGrid & { data: CellValue[] }).data;
      const { plan: read, problems } = readPlan(grid);
      expect(read).not.toBeNull();
      const result = scorePlan(read!, problems, { lang, data: () => data });

      for (const p of result.problems) {
        expect(p.sheet).toBe('Plan');
        expect(p.cell).toMatch(CELL);
      }
      for (const r of result.rows) {
        if (r.fulfilment !== null) {
          expect(Number.isFinite(r.fulfilment)).toBe(true);
          expect(r.fulfilment).toBeGreaterThanOrEqual(0);
          expect(r.fulfilment).toBeLessThanOrEqual(1);
        }
        expect(Number.isFinite(r.weight)).toBe(true);
        expect(r.earned).toBeGreaterThanOrEqual(0);
        expect(r.earned).toBeLessThanOrEqual(r.weight + 1e-9 * Math.max(1, r.weight));
      }
      const t = result.total;
      expect(close(result.areas.reduce((s, a) => s + a.earned, 0), t.earned)).toBe(true);
      expect(close(result.areas.reduce((s, a) => s + a.weight, 0), t.weight)).toBe(true);
      expect(t.earned).toBeLessThanOrEqual(t.weight + 1e-9 * Math.max(1, t.weight));
      if (t.score !== null) expect(t.score).toBeGreaterThanOrEqual(0);

      const layout = scoreWorkbookLayout([result], result.problems.map((p) => ({ ...p, file: 'plan.xlsx' })), lang);
      expect(layout.sheets[0].values.length).toBeGreaterThan(result.rows.length);
      const target = result.rows[0];
      if (target) whatIf(read!, [{ id: target.id, text: typed }], { lang, data: () => data });
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
  );
});

test('any grid shape: ragged rows, holes and no header at all are not plans, not crashes', () => {
  fc.assert(
    fc.property(fc.array(fc.array(cellValue, { maxLength: 25 }), { maxLength: 40 }), (values) => {
      const { plan: read, problems } = readPlan({ name: 'Ark', values });
      if (!read) expect(problems).toEqual([]);
      else scorePlan(read, problems, {});
    }),
    { numRuns: 300 },
  );
});
