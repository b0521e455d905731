#!/usr/bin/env node
/**
 * `npm run validate`: checks the manifest with Microsoft's validation service (office-addin-manifest);
 * when the service gives no verdict (offline, or an error of its own), checks it against the add-in
 * manifest schemas with xmllint instead. Exit code 1 only when the manifest is invalid; 2 when neither
 * check could run (what is missing is printed); 0 when it is valid.
 *
 *   node scripts/validate-manifest.js [manifest.xml]
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const SCHEMA = path.join(__dirname, '..', 'test', 'schemas', 'office-addin-manifest', 'OfficeAppManifestV1_1.xsd');
const ONLINE_TIMEOUT_MS = 30000;
/** xmllint's exit codes for a document that does not parse (1) or does not validate (3, 4). */
const XMLLINT_INVALID = [1, 3, 4];

function realSystem() {
  return {
    validateManifest: async (file) => require('office-addin-manifest').validateManifest(file),
    run: (program, args) => spawnSync(program, args, { encoding: 'utf8' }),
    schema: SCHEMA,
    timeoutMs: ONLINE_TIMEOUT_MS,
    log: (line) => console.log(line),
  };
}

/** A failed request's reason in one line: node-fetch's "…, reason: getaddrinfo ENOTFOUND …" part when there is one. */
function oneLine(text) {
  const last = String(text).trim().split('\n').pop().trim();
  return (last.match(/reason: (.*)$/) || [])[1] || last;
}

function issueLines(kind, issues) {
  return (issues || []).map((issue) => `${kind}: ${issue.title ? `${issue.title}: ` : ''}${issue.content || ''}${issue.line ? ` (line ${issue.line})` : ''}`);
}

/** Microsoft's verdict: valid or invalid with its report, or unavailable with the reason in one line. */
async function online(file, sys) {
  let validation;
  try {
    let timer;
    const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${sys.timeoutMs / 1000} s`)), sys.timeoutMs)));
    validation = await Promise.race([sys.validateManifest(file), timeout]).finally(() => clearTimeout(timer));
  } catch (err) {
    const unreached = /Unable to contact|no answer within/.test(err.message);
    return { verdict: 'unavailable', reason: `${unreached ? 'could not be reached' : 'gave no verdict'} (${oneLine(err.message)})` };
  }
  const report = validation.report || {};
  if (validation.isValid) return { verdict: 'valid', lines: issueLines('Warning', report.warnings) };
  if ((report.errors || []).length > 0) return { verdict: 'invalid', lines: [...issueLines('Error', report.errors), ...issueLines('Warning', report.warnings)] };
  // No errors named: the service failed, not the manifest.
  const answer = validation.status ? `${validation.status} ${validation.statusText || ''}`.trim() : report.status || 'nothing it could read';
  return { verdict: 'unavailable', reason: `gave no verdict (it answered ${answer})` };
}

/** The schema check with xmllint: valid, invalid with xmllint's messages, or unchecked with what is missing. */
function offline(file, sys) {
  if (!fs.existsSync(sys.schema)) return { verdict: 'unchecked', lines: [`The add-in manifest schemas are missing: ${sys.schema}`] };
  const result = sys.run('xmllint', ['--noout', '--schema', sys.schema, file]);
  if (result.error && result.error.code === 'ENOENT') {
    return { verdict: 'unchecked', lines: ['xmllint is not installed. Install it with: apt-get install libxml2-utils (Debian, Ubuntu) or dnf install libxml2 (Fedora); macOS has it.'] };
  }
  const said = `${result.stderr || ''}`.trim().split('\n').filter(Boolean);
  if (result.status === 0) return { verdict: 'valid', lines: [] };
  if (XMLLINT_INVALID.includes(result.status)) return { verdict: 'invalid', lines: said };
  return { verdict: 'unchecked', lines: [`xmllint could not check it (exit code ${result.status}):`, ...said] };
}

const EXIT = { valid: 0, invalid: 1, unchecked: 2 };

async function validate(file, sys = realSystem()) {
  if (!fs.existsSync(file)) {
    sys.log(`No manifest at ${path.resolve(file)}.`);
    return EXIT.unchecked;
  }
  const verdict = await online(file, sys);
  if (verdict.verdict !== 'unavailable') {
    verdict.lines.forEach((line) => sys.log(line));
    sys.log(verdict.verdict === 'valid' ? `${file} is valid (Microsoft's validation service).` : `${file} is not valid (Microsoft's validation service).`);
    return EXIT[verdict.verdict];
  }
  sys.log(`Microsoft's validation service ${verdict.reason}; checking ${file} against the add-in manifest schema offline instead.`);
  const schema = offline(file, sys);
  schema.lines.forEach((line) => sys.log(line));
  const says = { valid: `${file} is valid against the add-in manifest schema.`, invalid: `${file} is not valid against the add-in manifest schema.`, unchecked: `${file} could not be checked.` };
  sys.log(says[schema.verdict]);
  return EXIT[schema.verdict];
}

if (require.main === module) {
  // Exit when done: a request to the service that timed out may still hold the process open.
  validate(process.argv[2] || 'manifest.xml').then(
    (code) => process.exit(code),
    (err) => {
      console.log(`npm run validate failed: ${err.message}`);
      process.exit(2);
    },
  );
}

module.exports = { validate, SCHEMA };
