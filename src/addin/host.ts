/** What the Excel host supports beyond the manifest's ExcelApi 1.12. */
import type { WriteOptions } from '../excel';

export function hostFeatures(): NonNullable<WriteOptions['features']> {
  const supported = (version: string) => Office.context.requirements.isSetSupported('ExcelApi', version);
  return { notes: supported('1.18'), screenUpdating: supported('1.9') };
}
