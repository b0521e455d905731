import { readPlan, scorePlan, type CellValue, type PlanResult, type SheetGrid } from '../src/engine';

/** A plan sheet from a header and rows keyed by header, with metadata rows above. */
export function planGrid(
  columns: string[],
  rows: Record<string, CellValue>[],
  metadata: [string, CellValue][] = [['Myndighed', 'Testestyrelsen'], ['År', 2024], ['Periode', 'Q4']],
  name = 'Plan',
): SheetGrid {
  const values: CellValue[][] = metadata.map(([k, v]) => [k, v]);
  values.push([]);
  values.push(columns);
  for (const row of rows) values.push(columns.map((c) => row[c] ?? null));
  return { name, values };
}

export function score(grid: SheetGrid, data: Record<string, CellValue[][]> = {}, lang = 'da'): PlanResult {
  const { plan, problems } = readPlan(grid);
  if (!plan) throw new Error('not a plan sheet');
  return scorePlan(plan, problems, {
    lang,
    data: (ref) => {
      const sheet = data[ref.sheet];
      if (!sheet) return null;
      const out: CellValue[] = [];
      for (let r = ref.top; r <= ref.bottom; r++) for (let c = ref.left; c <= ref.right; c++) out.push(sheet[r]?.[c] ?? null);
      return out;
    },
  });
}

/** Scores one requirement row of weight 10 and returns its result. */
export function one(row: Record<string, CellValue>, extra: [string, CellValue][] = []) {
  const columns = ['Nr.', 'Mål', 'Vægt', ...Object.keys(row)];
  const grid = planGrid(columns, [{ 'Nr.': '1', Mål: 'Krav', Vægt: 10, ...row }], [['År', 2024], ...extra]);
  const result = score(grid);
  return { row: result.rows[0], result };
}
