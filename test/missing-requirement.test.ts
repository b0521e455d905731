/** A goal that cannot be judged is named at its cell; Norwegian verdict words of the police and Prop. 1 S are read. */
import { formatMessage, pack } from '../src/i18n';
import { planGrid, score } from './helpers';

test('a weighted goal with no requirement, result or verdict is a warning at its row, not a silent "not assessed"', () => {
  const result = score(planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
    { 'Nr.': '1', Mål: 'Bedre samarbejde med kommunerne', Vægt: 10 },
    { 'Nr.': '2', Mål: 'Sager', Vægt: 90, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
  ]));
  expect(result.rows[0].status).toBe('not_assessed');
  const problems = result.problems.filter((p) => p.message.key === 'noRequirement');
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ sheet: 'Plan', severity: 'warning' });
  // The row's ID cell: the plan has no type cell on that row.
  expect(problems[0].cell).toBe('A6');
  expect(formatMessage(problems[0].message, pack('da'))).toBe('Mål 1 har en vægt, men hverken krav, resultat eller vurdering, og vurderes ikke. Skriv en kravtype og en målværdi, eller en vurdering.');
});

test('a goal without weight or requirement (a heading, a note) is no problem', () => {
  const result = score(planGrid(['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], [
    { 'Nr.': '1', Mål: 'Sager', Vægt: 100, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
    { 'Nr.': '2', Mål: 'Til orientering' },
  ]));
  expect(result.problems.filter((p) => p.message.key === 'noRequirement')).toEqual([]);
});

test.each([
  ['Innfridd', 'met'],
  ['delvis innfridd', 'partly'],
  ['Ikke innfridd', 'not_met'],
])('the Norwegian verdict "%s" is read as %s', (word, status) => {
  const result = score(planGrid(['Nr.', 'Mål', 'Vekt', 'Vurdering'], [{ 'Nr.': '1', Mål: 'Responstid', Vekt: 100, Vurdering: word }], [['Virksomhet', 'Politiet'], ['År', 2024]]));
  expect(result.rows[0].status).toBe(status);
  expect(result.problems).toEqual([]);
});
