/**
 * Every kind of workbook the product writes, as layouts: score workbooks of every seed (Danish and
 * English) and of a Swedish plan, the consolidated overview (Norwegian, and over two years in
 * Danish), a saved scenario, the seed plans and every language's template, and the payment rule.
 * Tests render them as files, as Excel shows them, or both.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { whatIf } from '../src/engine/whatif';
import type { WorkbookLayout } from '../src/layout/model';
import { consolidationLayout, dataFromGrids, scenarioLayout, scoreGrids, scoreWorkbookLayout } from '../src/pipeline';
import { readGrids } from '../src/xlsx';
import { buildPlanWorkbook, templateSpec, type PlanSpec } from '../src/xlsx/planWorkbook';
import { buildPaymentWorkbook } from '../scripts/payment-rule';
import { LANGUAGE_CODES } from '../src/i18n';
import { swedishPlan } from './swedish-plan';

const SEEDS = path.join(__dirname, '..', 'seeds');
export const SEED_PLANS = ['000-kriminalforsorgen-2024', '001-politiet-2024', '003-hjemrejsestyrelsen-2024'];

export async function writtenLayouts(): Promise<[string, WorkbookLayout][]> {
  const out: [string, WorkbookLayout][] = [];
  const submissions = [];
  let scenarioSource: { grids: ReturnType<typeof readGrids> } | null = null;
  for (const seed of SEED_PLANS) {
    const spec = JSON.parse(await fs.readFile(path.join(SEEDS, `${seed}.json`), 'utf8')) as PlanSpec;
    out.push([`plan ${seed}`, buildPlanWorkbook(spec)]);
    const grids = readGrids(await fs.readFile(path.join(SEEDS, `${seed}.xlsx`)));
    for (const lang of ['da', 'en'] as const) {
      const { results, problems } = scoreGrids(grids, { lang });
      out.push([`score workbook ${seed} (${lang})`, scoreWorkbookLayout(results, problems, lang)]);
      if (lang === 'da') submissions.push(...results.map((result) => ({ file: seed, result })));
    }
    scenarioSource = { grids };
  }
  out.push(['overview', consolidationLayout(submissions, [], 'nb').layout]);
  // The same plans a year earlier as well: the overview over years, with its trend sheet.
  const earlier = submissions.map(({ file, result }) => ({ file: `${file} 2023`, result: { ...result, plan: { ...result.plan, metadata: { ...result.plan.metadata, year: 2023 } } } }));
  out.push(['overview over years', consolidationLayout([...earlier, ...submissions], [], 'da').layout]);
  const grids = scenarioSource!.grids;
  const actual = scoreGrids(grids, { lang: 'da' }).results[0];
  const edits = [{ id: '2.3', text: 'ja' }];
  const scenario = whatIf(actual.plan, edits, { lang: 'da', data: dataFromGrids(grids) }).result;
  out.push(['scenario', scenarioLayout(actual, scenario, edits, 'da')]);
  const swedish = scoreGrids([swedishPlan()], { lang: 'sv' });
  out.push(['score workbook Swedish plan (sv)', scoreWorkbookLayout(swedish.results, swedish.problems, 'sv')]);
  for (const lang of LANGUAGE_CODES) out.push([`template (${lang})`, buildPlanWorkbook(templateSpec(lang))]);
  out.push(['payment rule', buildPaymentWorkbook()]);
  return out;
}
