import { readPlan, scorePlan, whatIf } from '../src/engine';
import { syntheticPlan } from './synthetic';
const { plan, problems } = readPlan(syntheticPlan(10000));
const base = scorePlan(plan!, problems, { lang: 'da' });
const edited = base.rows.find((r) => r.row.typeKey === 'mindst' || r.row.typeKey === 'min')!;
let n = 0;
for (let i = 0; i < 200; i++) whatIf(plan!, [{ id: edited.id, text: String(100 + (n++ % 3)) }], { lang: 'da' });
