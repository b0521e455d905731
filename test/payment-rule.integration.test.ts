/** The payment rule of seed 004 as GOALSCORE.FORMULA and as a plain Excel formula, on worked cases. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { address } from '../src/engine';
import { FORMULA } from '../src/functions/functions';
import { PAYMENT_CASES, PAYMENT_RULE } from '../scripts/payment-rule';
import { recalculate } from './recalc';
import { unzipParts } from './ooxml';
import { workbookBytes } from '../src/xlsx';
import { buildPlanWorkbook, templateSpec } from '../src/xlsx/planWorkbook';

// 30 kr a day plus food unless self-catering, but never more than what leaves the allowance.
const EXPECTED = [
  30 * 30 + 60 * 30, //          2 700: income 6 000 leaves well over the 1 500 allowance
  4000 - 1500, //                2 500: reduced from 2 700 so 1 500 remains
  30 * 30, //                      900: own food, no food charge
  0, //                              0: income 1 200 is below the allowance, the payment is waived
  2000 - 1500, //                  500: reduced from 300 + 650 = 950
];

test('GOALSCORE.FORMULA computes the payment of every worked case', async () => {
  for (const [i, c] of PAYMENT_CASES.entries()) {
    await expect(FORMULA(PAYMENT_RULE, 'days', c.days, 'food', c.food, 'own_food', c.ownFood, 'income', c.income, 'allowance', c.allowance)).resolves.toBe(EXPECTED[i]);
  }
});

test('the plain Excel formula in the workbook gives the same payments in LibreOffice', async () => {
  const file = path.join(__dirname, '..', 'seeds', 'rules', 'betaling-for-ophold.xlsx');
  const computed = await recalculate([{ name: 'rule.xlsx', bytes: await fs.readFile(file) }]);
  const cells = computed.get('rule.xlsx')!.get('Betaling for ophold')!;
  expect(PAYMENT_CASES.map((_, i) => cells.get(address(5 + i, 7)))).toEqual(EXPECTED);
  // The GOALSCORE.FORMULA cells carry the rule and the same stored results for Excel with the add-in.
  expect(cells.get('B3')).toBe(PAYMENT_RULE);
});

test('GOALSCORE.FORMULA is stored as Excel stores a JavaScript custom function, with its result, and the workbook is not recalculated on open', async () => {
  const parts = unzipParts(await fs.readFile(path.join(__dirname, '..', 'seeds', 'rules', 'betaling-for-ophold.xlsx')));
  const sheet = parts.get('xl/worksheets/sheet1.xml')!;
  const stored = [...sheet.matchAll(/<c r="G(\d+)"[^>]*>(?:<f[^>]*>([^<]*)<\/f>|<f[^>]*\/>)<v>([^<]*)<\/v><\/c>/g)];
  expect(stored.map((m) => Number(m[3]))).toEqual(EXPECTED);
  expect(stored[0][2]).toMatch(/^_xldudf_GOALSCORE_FORMULA\(\$B\$3,&quot;days&quot;,\$B6,/);
  expect(sheet).not.toContain('GOALSCORE.FORMULA(');
  // Without the add-in Excel would show #NAME? after a full recalculation; the stored payments stand instead.
  expect(parts.get('xl/workbook.xml')).not.toContain('fullCalcOnLoad');
  // Score workbooks, with no custom function, are recalculated when opened.
  expect(unzipParts(workbookBytes(buildPlanWorkbook(templateSpec('da')))).get('xl/workbook.xml')).toContain('fullCalcOnLoad="1"');
});
