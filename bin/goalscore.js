#!/usr/bin/env node
'use strict';
// Runs the CLI, bundled into one file by `npm run build` (dist/cli/goalscore.js, see webpack.config.js).
// Node keeps the compiled code of what the bundle requires later (the PDF chunk, mathjs's parser)
// between runs (Node 22.1+); the bundle's own compiled code is kept by `load` below.
const Module = require('node:module');
Module.enableCompileCache?.();
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');

const BUNDLE = path.join(__dirname, '..', 'dist', 'cli', 'goalscore.js');

/**
 * Where the bundle's compiled code is kept: in Node's compile cache (its folder is Node's version's,
 * its flags' and the user's), in a folder no one else can write, as compiled code is run as it is
 * read. Null when Node's cache is off (NODE_DISABLE_COMPILE_CACHE) or the folder is not safe.
 */
function cacheFolder() {
  const base = Module.getCompileCacheDir?.();
  if (!base) return null;
  const uid = process.getuid?.();
  const folder = path.join(base, 'goalscore');
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(folder);
    const own = uid === undefined || (stat.uid === uid && (stat.mode & 0o022) === 0);
    return stat.isDirectory() && own ? folder : null;
  } catch {
    return null;
  }
}

/**
 * The bundle, compiled with the code V8 made on an earlier run. Node's compile cache holds a module
 * as compiled when it loads, but V8 compiles most functions only when first called, so each run
 * compiled the scorer, reader and writer again (about a fifth of a run). This cache is made after a
 * run that scored, with those functions in it, and kept under the bundle's checksum: a rebuilt
 * bundle never takes another's code, and V8 refuses code from another Node or other flags.
 */
function load() {
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const folder = cacheFolder();
  const file = folder && path.join(folder, `${crc32(source).toString(16)}-${source.length}.bin`);
  let cachedData;
  try {
    if (file) cachedData = fs.readFileSync(file);
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  const save = () => {
    if (!file || (cachedData && !script.cachedDataRejected)) return;
    const temp = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(temp, file);
    } catch {
      fs.rmSync(temp, { force: true });
    }
  };
  return { cli: module.exports, save };
}

let bundle;
try {
  bundle = load();
} catch (e) {
  console.error('goalscore is not built yet: run `npm run build` first.');
  process.exit(2);
}
const { cli } = bundle;
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
  // The code is kept from a run that read plans (not help or the version), so it holds the scorer's functions.
  if (argv.includes('score') || argv.includes('consolidate')) bundle.save();
});
