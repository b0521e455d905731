/**
 * Loads a TypeScript module of src/ into the build, which runs no TypeScript of its own, as the
 * source has it now: a watch rebuild sees an edit.
 */
let registered = false;

function loadSource(file) {
  if (!registered) require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
  registered = true;
  const resolved = require.resolve(file);
  delete require.cache[resolved];
  return require(resolved);
}

module.exports = { loadSource };
