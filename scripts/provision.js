#!/usr/bin/env node
/**
 * Before `npm test`: finds the real programs the tests drive (LibreOffice recalculates what we
 * write and prints it as PDF, poppler reads the PDFs, Chromium runs the task pane, fonts let
 * LibreOffice lay out and print, xmllint is what `npm run validate` checks the manifest with offline) and installs the missing ones from Debian's or Ubuntu's packages
 * when it may (as root, or with password-less sudo). Otherwise it stops with the exact command to
 * run. Nothing is downloaded outside the system's package manager. (Schemas are validated by
 * libxml2 compiled to WebAssembly, an npm dev dependency: no program to install.)
 *
 *   node scripts/provision.js           find, and install what is missing
 *   node scripts/provision.js --check   only report; exit 1 when something is missing
 */
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const onPath = (program) =>
  (process.env.PATH || '').split(path.delimiter).some((dir) => dir && isExecutable(path.join(dir, program)));
const isExecutable = (file) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};
const hasFonts = () =>
  ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/truetype/liberation', '/usr/share/fonts/truetype/liberation2'].some((d) =>
    fs.existsSync(d),
  );

/** Where the tests look for Chromium; GOALSCORE_CHROMIUM overrides. */
const CHROMIUM = process.env.GOALSCORE_CHROMIUM || '/usr/bin/chromium';

/** What the tests need from the system: one entry a need, with its package per distribution. */
const NEEDS = [
  { what: 'LibreOffice (soffice)', found: () => onPath('soffice'), debian: ['libreoffice-calc'], ubuntu: ['libreoffice-calc'] },
  { what: 'fonts for LibreOffice', found: hasFonts, debian: ['fonts-dejavu-core', 'fonts-liberation2'], ubuntu: ['fonts-dejavu-core', 'fonts-liberation2'] },
  // `npm run validate` checks the manifest offline with xmllint; the schema tests need no program.
  { what: 'xmllint', found: () => onPath('xmllint'), debian: ['libxml2-utils'], ubuntu: ['libxml2-utils'] },
  { what: 'pdftotext and pdftoppm (reading printed PDFs)', found: () => onPath('pdftotext') && onPath('pdftoppm'), debian: ['poppler-utils'], ubuntu: ['poppler-utils'] },
  { what: `Chromium (${CHROMIUM})`, found: () => isExecutable(CHROMIUM), debian: ['chromium'], ubuntu: ['chromium-browser'] },
];

function distribution() {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const field = (name) => (release.match(new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm')) || [])[1] || '';
    const ids = `${field('ID')} ${field('ID_LIKE')}`;
    if (/\bubuntu\b/.test(ids)) return 'ubuntu';
    if (/\bdebian\b/.test(ids)) return 'debian';
  } catch {
    /* not Linux, or no os-release */
  }
  return undefined;
}

const canSudo = () => onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function install(packages) {
  const prefix = isRoot() ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, ...args];
    execFileSync(cmd, rest, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

function main() {
  const checkOnly = process.argv.includes('--check');
  const missing = NEEDS.filter((need) => !need.found());
  if (missing.length === 0) return 0;
  const names = missing.map((need) => need.what).join(', ');
  const distro = distribution();
  if (!distro) {
    console.error(`The tests need ${names}. Install them with your system's package manager, then run npm test again.`);
    return 1;
  }
  const packages = [...new Set(missing.flatMap((need) => need[distro]))];
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages.join(' ')}`;
  if (checkOnly || !(isRoot() || canSudo())) {
    console.error(`The tests need ${names}. Install them with:\n\n  ${command}\n\nthen run npm test again.`);
    return 1;
  }
  console.error(`Installing what the tests need: ${packages.join(' ')}`);
  install(packages);
  const still = NEEDS.filter((need) => !need.found());
  if (still.length) {
    console.error(`Still missing after the install: ${still.map((need) => need.what).join(', ')}.`);
    return 1;
  }
  return 0;
}

process.exitCode = main();
