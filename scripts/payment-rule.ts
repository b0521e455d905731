/**
 * The payment for a stay in prison (shared/seeds/004: bekendtgørelse om betaling for ophold):
 * 30 kr a day excluding food, food at the set rate unless the inmate provides it, reduced or
 * waived so the inmate keeps at least the work allowance. Written twice per case: with
 * GOALSCORE.FORMULA over the rule text, and as a plain Excel formula.
 */
import ExcelJS from 'exceljs';
import { FORMULA } from '../src/functions/functions';

export const PAYMENT_RULE = 'min(30 * days + (own_food ? 0 : food * days), max(0, income - allowance))';

/** Illustrative cases; the expected payments are worked out by hand in test/payment-rule.test.ts. */
export const PAYMENT_CASES = [
  { case: 'Fuld betaling', days: 30, food: 60, ownFood: 0, income: 6000, allowance: 1500 },
  { case: 'Nedsat: vederlaget skal blive tilbage', days: 30, food: 60, ownFood: 0, income: 4000, allowance: 1500 },
  { case: 'Selv kost', days: 30, food: 60, ownFood: 1, income: 4000, allowance: 1500 },
  { case: 'Bortfalder: indtægt under vederlaget', days: 31, food: 60, ownFood: 0, income: 1200, allowance: 1500 },
  { case: 'Kort ophold', days: 10, food: 65, ownFood: 0, income: 2000, allowance: 1500 },
];

export function buildPaymentWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'goalscore';
  const ws = wb.addWorksheet('Betaling for ophold');
  ws.getCell('A1').value = 'Betaling for ophold i kriminalforsorgens institutioner';
  ws.getCell('A1').font = { bold: true, size: 14, color: { argb: 'FF0F6CBD' } };
  ws.getCell('A2').value =
    '§ 3: 30 kr. pr. døgn eksklusive kost; kost efter kostbeløbet, medmindre den indsatte selv sørger for kost; betalingen nedsættes eller bortfalder, så den indsatte mindst har vederlaget til rådighed. Tallene er illustrative.';
  ws.getCell('A2').font = { italic: true };
  ws.getCell('A3').value = 'Regel (GOALSCORE.FORMULA)';
  ws.getCell('A3').font = { bold: true };
  ws.getCell('B3').value = PAYMENT_RULE;
  const header = ['Tilfælde', 'Døgn', 'Kostbeløb pr. døgn', 'Selv kost (1/0)', 'Indtægt', 'Vederlag', 'Betaling (GOALSCORE.FORMULA)', 'Betaling (Excel-formel)'];
  ws.getRow(5).values = header;
  ws.getRow(5).font = { bold: true };
  PAYMENT_CASES.forEach((c, i) => {
    const r = 6 + i;
    ws.getRow(r).values = [c.case, c.days, c.food, c.ownFood, c.income, c.allowance];
    // The add-in's function over the rule cell; the stored result is what that function computes.
    const result = FORMULA(PAYMENT_RULE, 'days', c.days, 'food', c.food, 'own_food', c.ownFood, 'income', c.income, 'allowance', c.allowance) as number;
    ws.getCell(r, 7).value = {
      formula: `GOALSCORE.FORMULA($B$3,"days",B${r},"food",C${r},"own_food",D${r},"income",E${r},"allowance",F${r})`,
      result,
    };
    ws.getCell(r, 8).value = { formula: `MIN(30*B${r}+IF(D${r}=1,0,C${r}*B${r}),MAX(0,E${r}-F${r}))`, result };
  });
  [34, 8, 18, 14, 10, 10, 28, 24].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  return wb;
}
