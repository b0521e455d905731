/**
 * The seed plans' earned scores, worked out by hand from their sources (seeds/*.json), never
 * copied from the program. Hjemrejsestyrelsen's depends on its data sheets, so it takes them.
 */
import { cellOf, gridHeight, type SheetGrid } from '../src/engine';

export const KRIM_EARNED =
  5 + 5 * ((412 / 500 - 0.75) / (0.85 - 0.75)) + 5 + 0 + // 1.1 met, 1.2 linear from 75 % to 85 %, 2.1 done, 3.1 93,8 % < 95 %
  10 + 10 * 0.5 + // 4.1 assessed met, 4.2 late but by the floor: partial credit 50 %
  10 + 0 + // 5.1 both headcounts up (all), 6.1 one of two sickness targets missed (all)
  10 + // 7.1 (12,0 − 11,3) / 12 = 5,83 % ≥ 5 %
  10 * 0.5 + 5 * 0.5 + 5 + // 8.1 78,5 % between 75 % and 80 %: partial, 8.2 partly, 9.1 overridden to met
  5; // 10.1 both milestones in time; 11.1 not assessed (5)
export const KRIM_UNASSESSED = 5;

export const POLITI_EARNED =
  15 * 0.5 + 10 + // 1.1 189 days: over 180 but within the floor 200, partial; 1.2 158 ≤ 165
  10 * (5 / 6) + 0 + 10 + 5 + // 2.1 formula min(5/6, 1), 2.2 not done, 2.3 both halves, 2.4 assessed met
  10 + // 3.1 done 1 Nov; 3.2 not assessed (10)
  10 + 10 * 0.5 + // 4.1 in time, 4.2 352/400 = 88 %: step 85 % gives 50 %
  5; // 5.1 in time
export const POLITI_UNASSESSED = 10;

export interface HjemrejseData {
  flygtning: number;
  udlaending: number;
  straksShare: number;
}

/** The data sheets of seed 003, reduced by hand: trimmed means and the share within 10 days. */
export function hjemrejseData(grids: SheetGrid[]): HjemrejseData {
  // A data sheet may be kept by column below its head: every row is read through cellOf.
  const column = (sheet: string, col: number) => {
    const grid = grids.find((g) => g.name === sheet)!;
    return Array.from({ length: gridHeight(grid) - 1 }, (_, i) => cellOf(grid, i + 1, col) as number);
  };
  const trimmedMean = (values: number[]) => {
    const kept = [...values].sort((a, b) => a - b).slice(0, values.length - Math.floor(values.length * 0.05));
    return kept.reduce((s, v) => s + v, 0) / kept.length;
  };
  const straks = column('Straksudsendelser', 1);
  return {
    flygtning: trimmedMean(column('Sagsbehandlingstider', 1)),
    udlaending: trimmedMean(column('Sagsbehandlingstider', 2)),
    straksShare: straks.filter((d) => d <= 10).length / straks.length,
  };
}

/** The points of a binary requirement: all when met, none otherwise. */
const points = (met: boolean, weight: number) => (met ? weight : 0);

export function hjemrejseEarned(d: HjemrejseData): number {
  return (
    20 * (2 / 3) + // 1.a: delmål 1 and 3 met, delmål 2 (1.200 → 1.104 = 8 % < 10 %) not
    10 + // 1.b 4 projects within 3–5
    points(442 / (540 - 28) >= 0.85, 5) + // 1.c excluded cases out of the denominator
    5 + // 1.d 91,5 %
    5 * ((1148 / 1221 - 0.9) / (0.95 - 0.9)) + // 1.e linear from 90 % to 95 %
    points(2311 / 2398 >= 0.95, 5) + // 1.f
    (d.straksShare >= 0.8 ? 5 : 0) + // 1.g share of the data within 10 days
    points(687 / (781 - 34) >= 0.9, 5) + // 1.h
    (d.flygtning <= 110 ? 10 : 0) + (d.udlaending <= 180 ? 10 : 0) + // 1.2 and 1.3 on trimmed means
    5 + // 1.4 in time
    2.5 * 0.5 + 2.5 + 0 + // 2.1 partly, 2.2 in time, 2.3 four days late
    (2 + 2) // 2.4: 2 + 2 + 1 with the last not delivered
  );
}
