#!/usr/bin/env node
'use strict';
// Runs the compiled CLI; `npm run build` compiles it into dist/.
let cli;
try {
  cli = require('../dist/cli/main.js');
} catch (e) {
  console.error('goalscore is not built yet: run `npm run build` first.');
  process.exit(2);
}
// Ctrl-C or a stop: remove half-written outputs, then end as a stopped program does. Every time,
// not once: a second Ctrl-C pressed during the first's cleanup would otherwise kill the process
// before the temporary files are gone.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    cli.removeTemporaries();
    process.exit(code);
  });
}
const argv = process.argv.slice(2);
// An error outside main's own steps (a stream's, a callback's) ends the run as main's would: one
// line in the user's language, never a stack trace, and no half-written output left behind.
process.on('uncaughtException', (error) => {
  cli.removeTemporaries();
  process.exit(cli.stopped(error, argv));
});
// exitCode, not exit(): stdout drains first, so --json through a pipe arrives whole.
cli.main(argv).then((code) => {
  process.exitCode = code;
});
