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
cli.main(process.argv.slice(2)).then((code) => process.exit(code));
