/**
 * Synthetic plans for benchmarks: n requirement rows in ten areas, cycling through every
 * criterion type and scale, with sum and `all` goals above them. Deterministic, so runs compare.
 */
import type { CellValue, SheetGrid } from '../src/engine/types';

const HEADER = ['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Nedre grænse', 'Skala', 'Udgangspunkt', 'Resultat', 'Opfyldte', 'I alt', 'Undtaget', 'Frist', 'Gennemført', 'Vurdering', 'Formel'];

/** One requirement per criterion type and scale, with inputs that land on every side of the target. */
const KINDS: ((i: number) => Partial<Record<string, CellValue>>)[] = [
  (i) => ({ Kravtype: 'mindst', Målværdi: 100, Resultat: 90 + (i % 20) }),
  (i) => ({ Kravtype: 'højst', Målværdi: 50, 'Nedre grænse': 60, Skala: 'lineær', Resultat: 45 + (i % 15) }),
  (i) => ({ Kravtype: 'interval', Målværdi: '3-5', Resultat: i % 7 }),
  (i) => ({ Kravtype: 'reduktion', Målværdi: '5 %', Udgangspunkt: 12, Resultat: 11 + (i % 10) / 10 }),
  (i) => ({ Kravtype: 'stigning', Målværdi: '2 %', Udgangspunkt: 500, Resultat: 500 + (i % 20), Skala: 'delvis', 'Nedre grænse': '1 %' }),
  (i) => ({ Kravtype: 'andel', Målværdi: '85 %', Opfyldte: 400 + (i % 60), 'I alt': 500, Undtaget: i % 5, Skala: '85:100%; 80:50%' }),
  (i) => ({ Kravtype: 'milepæl', Frist: '1. halvår 2024', Gennemført: i % 3 === 0 ? 'nej' : `${10 + (i % 20)}.0${5 + (i % 3)}.2024` }),
  (i) => ({ Kravtype: 'vurdering', Vurdering: ['Opfyldt', 'Delvist opfyldt', 'Ikke opfyldt'][i % 3] }),
  (i) => ({ Kravtype: 'formel', Målværdi: 6, Resultat: i % 8, Formel: 'min(actual / target, 1)' }),
  (i) => ({ Kravtype: 'under', Målværdi: 40, 'Nedre grænse': 60, Skala: 'lineær', Resultat: 38 + (i % 5) }),
  (i) => ({ Kravtype: 'andel', Målværdi: '> 90 %', Opfyldte: 88 + (i % 5), 'I alt': 100 }),
];

/** A plan sheet of about n rows: goals of four requirements each, every third goal an `all` goal. */
export function syntheticPlan(n: number, name = 'Plan', agency = 'Prøvestyrelsen'): SheetGrid {
  const values: CellValue[][] = [['Myndighed', agency], ['År', 2024], ['Periode', 'Q4'], [], HEADER];
  const goals = Math.max(1, Math.round(n / 5));
  for (let g = 0; g < goals; g++) {
    const area = `Område ${(g % 10) + 1}`;
    values.push(HEADER.map((h) => ({ 'Nr.': `${g + 1}`, Område: area, Mål: `Mål ${g + 1}`, Vægt: 100 / goals, Kravtype: g % 3 === 0 ? 'alle' : null })[h] ?? null));
    for (let k = 0; k < 4; k++) {
      const i = g * 4 + k;
      const row: Record<string, CellValue> = { 'Nr.': `${g + 1}.${k + 1}`, Område: area, Mål: `Krav ${i + 1}`, ...KINDS[i % KINDS.length](i) };
      values.push(HEADER.map((h) => row[h] ?? null));
    }
  }
  return { name, values };
}
