#!/usr/bin/env node
/**
 * The README's pictures of the score sheet, made from the product's own output as its readers get
 * it: the Kriminalforsorgen seed scored with --pdf (printed by LibreOffice), its pages turned into
 * pictures by pdftoppm. Run after `npm run build`; needs LibreOffice and poppler-utils
 * (`node scripts/provision.js` installs them).
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pictures-'));
try {
  execFileSync(process.execPath, [path.join(root, 'bin', 'goalscore.js'), 'score', path.join(root, 'seeds', '000-kriminalforsorgen-2024.xlsx'), '--pdf', '--out', out], { stdio: 'inherit' });
  const pdf = path.join(out, '000-kriminalforsorgen-2024.score.pdf');
  for (const [page, name] of [[1, 'score-sheet.png'], [2, 'score-sheet-page-2.png']]) {
    const base = path.join(out, `page-${page}`);
    execFileSync('pdftoppm', ['-png', '-r', '90', '-f', String(page), '-l', String(page), '-singlefile', pdf, base]);
    fs.copyFileSync(`${base}.png`, path.join(root, 'docs', name));
    console.log(`docs/${name}`);
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
