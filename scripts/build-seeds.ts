/**
 * Regenerates the seed plan workbooks from their reviewable JSON sources in seeds/, and the blank
 * templates in seeds/template/. Usage: npm run seeds [-- OUTDIR]
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES } from '../src/i18n';
import { buildPlanWorkbook, templateSpec, type PlanSpec } from '../src/xlsx/planWorkbook';
import { workbookBytes } from '../src/xlsx/write';
import { buildPaymentWorkbook } from './payment-rule';

export async function buildSeeds(seedDir: string, outDir: string): Promise<string[]> {
  const written: string[] = [];
  await fs.mkdir(path.join(outDir, 'template'), { recursive: true });
  for (const name of (await fs.readdir(seedDir)).filter((n) => n.endsWith('.json')).sort()) {
    const spec = JSON.parse(await fs.readFile(path.join(seedDir, name), 'utf8')) as PlanSpec;
    const target = path.join(outDir, name.replace(/\.json$/, '.xlsx'));
    await fs.writeFile(target, workbookBytes(buildPlanWorkbook(spec)));
    written.push(target);
  }
  const payment = path.join(outDir, 'rules', 'betaling-for-ophold.xlsx');
  await fs.mkdir(path.dirname(payment), { recursive: true });
  await fs.writeFile(payment, workbookBytes(buildPaymentWorkbook()));
  written.push(payment);
  // A template in every language, named as its pack names it.
  for (const lang of Object.values(LANGUAGES)) {
    const target = path.join(outDir, 'template', lang.template.file);
    await fs.writeFile(target, workbookBytes(buildPlanWorkbook(templateSpec(lang.code))));
    written.push(target);
  }
  return written;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..');
  const out = process.argv[2] ?? path.join(root, 'seeds');
  buildSeeds(path.join(root, 'seeds'), out).then((files) => console.log(files.map((f) => path.relative(process.cwd(), f)).join('\n')));
}
