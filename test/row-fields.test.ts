import { readPlan } from '../src/engine';
import { ROW_COLUMNS, ROW_READING } from '../src/engine/columns';
import { planGrid } from './helpers';

// The reader reads only the columns a plan has; a field without its column keeps the row's blank value,
// which must be what reading a blank cell gives.
test('a row field the plan has no column for holds what a blank cell of it would read as', () => {
  const bare = readPlan(planGrid(['Nr.', 'Vægt'], [{ 'Nr.': '1', Vægt: 100 }])).plan!.rows[0];
  const blankCells = readPlan(planGrid(['Nr.', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Note', 'Mål'], [{ 'Nr.': '1', Vægt: 100 }])).plan!.rows[0];
  for (const key of ROW_COLUMNS) {
    const blank = ROW_READING[key].empty ?? null;
    expect([key, bare[key]]).toEqual([key, blank]);
    expect([key, blankCells[key]]).toEqual([key, blank]);
  }
});
