/**
 * An assessment as plans write it: a word (`Opfyldt`, `Delvist opfyldt`, `Ikke opfyldt`, in any
 * language), a word of the plan's own scale (`Vurderingsskala: A:100%; B:75%; …`), or a grade given
 * as a percentage or fraction (`85 %`, `85 pct.`, `0,85`), which is the fulfilment itself, or
 * points earned out of the goal's weight written as a fraction of the pay frame (`1/24` of a 1/12
 * goal), which scoring turns into a grade.
 */
import { parseFraction, parsePercent } from './parse';
import { fold } from './text';
import type { Assessment, AssessmentKey, AssessmentScale, CellValue } from './types';
import { assessmentIndex } from './vocabulary';

/** `A:100%; B:75%; C:50%`; null when any part is not a word and a percentage. */
export function parseAssessmentScale(text: string): AssessmentScale | null {
  const scale = new Map<string, number>();
  const labels: string[] = [];
  for (const part of text.split(/;|\n/).map((p) => p.trim()).filter(Boolean)) {
    const m = part.match(/^(.+?)\s*(?::|=|->|→)\s*(.+)$/);
    const credit = m ? parsePercent(m[2]) : null;
    if (!m || !credit?.ok || credit.value < 0 || credit.value > 1) return null;
    scale.set(fold(m[1]), credit.value);
    labels.push(m[1]);
  }
  return scale.size ? Object.assign(scale, { labels }) : null;
}

const keyOf = (grade: number): AssessmentKey => (grade >= 1 - 1e-9 ? 'met' : grade <= 1e-9 ? 'not_met' : 'partly');

/** A grade as an assessment: met at 1, not met at 0, partly between. */
export const graded = (grade: number): Assessment => ({ key: keyOf(grade), grade });

/** The assessment a cell holds, or null when it is none. */
export function readAssessment(value: CellValue, format: string | null | undefined, scale: AssessmentScale | null): Assessment | null {
  if (typeof value === 'string') {
    const folded = fold(value);
    const own = scale?.get(folded);
    if (own !== undefined) return { key: keyOf(own), grade: own };
    const key = assessmentIndex().get(folded);
    if (key) return { key, grade: null };
    // Points earned as a share of the pay frame (`1/24`): a grade once held against the goal's weight.
    const earned = parseFraction(value);
    if (earned !== null) return { key: 'partly', grade: null, earned };
  }
  if (typeof value === 'boolean' || value instanceof Date) return null;
  const grade = parsePercent(value, format);
  return grade.ok && grade.value >= 0 && grade.value <= 1 ? { key: keyOf(grade.value), grade: grade.value } : null;
}

/** What an assessment earns: its grade, else by its word, `partly` earning the plan's partial credit. */
export function assessmentCredit(a: Assessment, partialCredit: number): number {
  if (a.grade !== null) return a.grade;
  return a.key === 'met' ? 1 : a.key === 'partly' ? partialCredit : 0;
}
