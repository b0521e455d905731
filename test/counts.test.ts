/** Counts by status cover what the assessed weight covers: a goal's own verdict counts once, for its sub-goals too. */
import { planGrid, score } from './helpers';

const columns = ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Vurdering'];

test('a goal with a verdict over sub-goals without results counts as one assessed goal', () => {
  const result = score(
    planGrid(columns, [
      { 'Nr.': '1', Mål: 'Digitalisering', Vægt: 8, Vurdering: 'Delvist opfyldt' },
      { 'Nr.': '1.1', Mål: 'Del 1', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '1.2', Mål: 'Del 2', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '1.3', Mål: 'Del 3', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '2', Mål: 'Sager', Vægt: 2, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
    ]),
  );
  expect(result.total.assessedWeight).toBe(10);
  expect(result.total.counts).toEqual({ met: 1, partly: 1, not_met: 0, not_assessed: 0 });
  const area = result.areas[0];
  expect(area.counts).toEqual(result.total.counts);
});

test('without a verdict on the goal its sub-goals are counted, each as it stands', () => {
  const result = score(
    planGrid(columns, [
      { 'Nr.': '1', Mål: 'Digitalisering', Vægt: 8 },
      { 'Nr.': '1.1', Mål: 'Del 1', Kravtype: 'mindst', Målværdi: 10, Resultat: 12 },
      { 'Nr.': '1.2', Mål: 'Del 2', Kravtype: 'mindst', Målværdi: 10 },
      { 'Nr.': '2', Mål: 'Sager', Vægt: 2, Kravtype: 'mindst', Målværdi: 5, Resultat: 6 },
    ]),
  );
  expect(result.total.counts).toEqual({ met: 2, partly: 0, not_met: 0, not_assessed: 1 });
});
