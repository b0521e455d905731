/** What the Excel host supports beyond the manifest's ExcelApi 1.12. */
import type { WriteOptions } from '../excel';

export function hostFeatures(): NonNullable<WriteOptions['features']> {
  const supported = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);
  return { notes: supported('1.18'), screenUpdating: supported('1.9') };
}

/**
 * The GOALSCORE functions this Excel could not register, because it has no custom functions
 * (see src/functions/functions.ts, which keeps them); empty where Excel runs them.
 */
export function lostCustomFunctions(): string[] {
  const runtime = (globalThis as { CustomFunctions?: { lost?: string[] } }).CustomFunctions;
  return [...(runtime?.lost ?? [])];
}
