import { engineRun } from './run';
const run = engineRun(10000);
run();
const t = process.hrtime.bigint();
for (let i = 0; i < 3; i++) run();
console.log('ms', Number(process.hrtime.bigint() - t) / 1e6 / 3);
