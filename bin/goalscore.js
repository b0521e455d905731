#!/usr/bin/env node
'use strict';
// Runs the CLI bundled into one file; `npm run build` makes it (dist/cli/goalscore.js, webpack.config.js).
// Node keeps the compiled code of the bundle between runs (Node 22.1+), so a run starts sooner.
require('node:module').enableCompileCache?.();
let cli;
try {
  cli = require('../dist/cli/goalscore.js');
} catch (e) {
  console.error('goalscore is not built yet: run `npm run build` first.');
  process.exit(2);
}
// Ctrl-C and a stop end the run at once; while an output is being written the CLI catches them
// itself to remove the half-written file first (see `holdTemporary` in src/cli/main.ts).
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
