/**
 * The payment for a stay in prison (seeds/sources/004-betaling-for-ophold.txt: bekendtgørelse om betaling for ophold):
 * 30 kr a day excluding food, food at the set rate unless the inmate provides it, reduced or
 * waived so the inmate keeps at least the work allowance. Written twice per case: with
 * GOALSCORE.FORMULA over the rule text, and as a plain Excel formula.
 */
import { COLORS, type LayoutValue, type SheetLayout, type WorkbookLayout } from '../src/layout/model';
import { compileFormula } from '../src/engine/formula';

export const PAYMENT_RULE = 'min(30 * days + (own_food ? 0 : food * days), max(0, income - allowance))';

/** Illustrative cases; the expected payments are worked out by hand in test/payment-rule.integration.test.ts. */
export const PAYMENT_CASES = [
  { case: 'Fuld betaling', days: 30, food: 60, ownFood: 0, income: 6000, allowance: 1500 },
  { case: 'Nedsat: vederlaget skal blive tilbage', days: 30, food: 60, ownFood: 0, income: 4000, allowance: 1500 },
  { case: 'Selv kost', days: 30, food: 60, ownFood: 1, income: 4000, allowance: 1500 },
  { case: 'Bortfalder: indtægt under vederlaget', days: 31, food: 60, ownFood: 0, income: 1200, allowance: 1500 },
  { case: 'Kort ophold', days: 10, food: 65, ownFood: 0, income: 2000, allowance: 1500 },
];

export function buildPaymentWorkbook(): WorkbookLayout {
  const header = ['Tilfælde', 'Døgn', 'Kostbeløb pr. døgn', 'Selv kost (1/0)', 'Indtægt', 'Vederlag', 'Betaling (GOALSCORE.FORMULA)', 'Betaling (Excel-formel)'];
  const values: LayoutValue[][] = [
    ['Betaling for ophold i kriminalforsorgens institutioner'],
    [
      '§ 3: 30 kr. pr. døgn eksklusive kost; kost efter kostbeløbet, medmindre den indsatte selv sørger for kost; betalingen nedsættes eller bortfalder, så den indsatte mindst har vederlaget til rådighed. Tallene er illustrative.',
    ],
    ['Regel (GOALSCORE.FORMULA)', PAYMENT_RULE],
    [],
    header,
  ];
  const formulas: (string | null)[][] = values.map(() => []);
  // The engine's formula evaluator, as GOALSCORE.FORMULA runs it.
  const compiled = compileFormula(PAYMENT_RULE, ['days', 'food', 'own_food', 'income', 'allowance']);
  if (!compiled.ok) throw new Error(`the payment rule does not compile: ${JSON.stringify(compiled.error)}`);
  const rule = compiled.formula;
  for (const c of PAYMENT_CASES) {
    // The add-in's function over the rule cell; the stored result is what that function computes.
    const result = rule.evaluate({ days: c.days, food: c.food, own_food: c.ownFood, income: c.income, allowance: c.allowance }) as number;
    values.push([c.case, c.days, c.food, c.ownFood, c.income, c.allowance, result, result]);
    formulas.push([null, null, null, null, null, null,
      'GOALSCORE.FORMULA(R3C2,"days",RC2,"food",RC3,"own_food",RC4,"income",RC5,"allowance",RC6)',
      'MIN(30*RC2+IF(RC4=1,0,RC3*RC2),MAX(0,RC5-RC6))']);
  }
  const sheet: SheetLayout = {
    name: 'Betaling for ophold',
    role: 'score',
    values,
    numberFormats: values.map((row) => row.map(() => null)),
    formulas,
    styles: [
      { range: 'A1', style: { bold: true, fontSize: 14, fontColor: COLORS.title } },
      { range: 'A2', style: { italic: true } },
      { range: 'A3', style: { bold: true } },
      { range: 'A5:H5', style: { bold: true } },
    ],
    columnWidths: [34, 8, 18, 14, 10, 10, 28, 24],
    rowHeights: values.map(() => null),
    conditionalFormats: [],
    notes: [],
    charts: [],
    print: { orientation: 'landscape', fitToWidth: true },
  };
  return { sheets: [sheet] };
}
