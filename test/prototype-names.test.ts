/**
 * Names every JavaScript object has (constructor, __proto__, toString, hasOwnProperty) typed into
 * a plan, a formula or a number format are words like any other: read as the words they are, or
 * named as a problem at their cell in the user's language. None reaches a prototype.
 */
import { compileFormula, type CellValue } from '../src/engine';
import { failureRule } from '../src/excel/failures';
import { formatMessage, pack } from '../src/i18n';
import { StyleSheet } from '../src/xlsx/styles';
import { planGrid, score } from './helpers';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

test.each(NAMES)('a plan with %s as its ID, area, type, scale and assessment is read and scored, the problems in Danish', (name) => {
  const rows: Record<string, CellValue>[] = [
    { 'Nr.': name, Område: name, Mål: name, Vægt: 50, Kravtype: name, Målværdi: 10, Resultat: 12 },
    { 'Nr.': `${name}.1`, Område: name, Mål: name, Kravtype: 'mindst', Målværdi: 10, Resultat: 12, Skala: name },
    { 'Nr.': '2', Område: name, Mål: name, Vægt: 50, Kravtype: 'vurdering', Vurdering: name },
  ];
  const result = score(planGrid(['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Skala', 'Vurdering', name], rows, [['Myndighed', name], ['År', 2024], [name, name]]));
  expect(result.rows.map((r) => r.id)).toEqual([name, `${name}.1`, '2']);
  expect(result.rows[1].parentId).toBe(name);
  expect(result.areas.map((a) => a.name)).toEqual([name]);
  const messages = result.problems.map((p) => `${p.cell}: ${formatMessage(p.message, pack('da'))}`);
  expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^H7: Ukendt skala »${name}«`)), expect.stringMatching(new RegExp(`^I8: Ukendt vurdering »${name}«`))]));
  for (const m of messages) expect(m).not.toMatch(/function|native code|\[object|undefined|TypeError/);
});

test.each(NAMES)('%s in a formula is a name with no value, said in Danish', (name) => {
  const c = compileFormula(`${name} + 1`, ['actual']);
  expect(c.ok).toBe(false);
  if (!c.ok) expect(formatMessage(c.error, pack('da'))).toBe(`Formlen bruger »${name}«, som ikke findes. Brug actual.`);
});

test('a number format code that is a prototype name is declared as a custom format, not read off Object', () => {
  const styles = new StyleSheet();
  for (const name of NAMES) styles.xf(undefined, name);
  const xml = styles.xml();
  for (const name of NAMES) expect(xml).toContain(`formatCode="${name}"`);
  expect(xml).not.toMatch(/numFmtId="[^"0-9]/);
});

test('an Office error code that is a prototype name is no known failure', () => {
  for (const name of NAMES) expect(failureRule({ code: name })).toBeNull();
});
