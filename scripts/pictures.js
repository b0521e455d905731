#!/usr/bin/env node
/**
 * The README's pictures of the score sheet, made from the product's own output as its readers get
 * it: the Kriminalforsorgen seed scored, printed to PDF by LibreOffice as the CLI's --pdf prints it,
 * its pages turned into pictures by pdftoppm. Run after `npm run build`; needs LibreOffice and
 * poppler-utils (`node scripts/provision.js` installs them).
 *
 * The footer's print date (`&D`) is set to a fixed day first, so a picture changes only when the
 * sheet does, and a file is written only when its picture changed.
 */
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { strFromU8, strToU8, unzipSync, zipSync } = require('fflate');

const root = path.join(__dirname, '..');
const SEED = '000-kriminalforsorgen-2024';
/** The day a Q4 report is printed, as Danish Excel writes it in a footer. */
const PRINT_DATE = '31.01.2025';
const PAGES = [
  [1, 'score-sheet.png'],
  [2, 'score-sheet-page-2.png'],
];

/** The workbook with each sheet footer's print-date code replaced by the fixed day. */
function withFixedPrintDate(file) {
  const parts = unzipSync(fs.readFileSync(file));
  for (const name of Object.keys(parts)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name)) continue;
    const xml = strFromU8(parts[name]).replace(/<oddFooter>[^<]*<\/oddFooter>/g, (footer) => footer.replace(/&amp;D/g, PRINT_DATE));
    parts[name] = strToU8(xml);
  }
  fs.writeFileSync(file, zipSync(parts));
}

async function main() {
  const { workbookPdf } = require(path.join(root, 'dist', 'cli', 'pdf.js'));
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pictures-'));
  try {
    execFileSync(process.execPath, [path.join(root, 'bin', 'goalscore.js'), 'score', path.join(root, 'seeds', `${SEED}.xlsx`), '--out', out], { stdio: 'ignore' });
    const xlsx = path.join(out, `${SEED}.score.xlsx`);
    withFixedPrintDate(xlsx);
    const pdf = await workbookPdf(xlsx, 'da-DK');
    if (!pdf.ok) throw new Error(`LibreOffice could not print ${xlsx} (${pdf.reason}): run node scripts/provision.js`);
    const pdfFile = path.join(out, `${SEED}.score.pdf`);
    fs.writeFileSync(pdfFile, pdf.bytes);
    for (const [page, name] of PAGES) {
      const base = path.join(out, `page-${page}`);
      execFileSync('pdftoppm', ['-png', '-r', '90', '-f', String(page), '-l', String(page), '-singlefile', pdfFile, base]);
      const target = path.join(root, 'docs', name);
      const picture = fs.readFileSync(`${base}.png`);
      const same = fs.existsSync(target) && fs.readFileSync(target).equals(picture);
      if (!same) fs.writeFileSync(target, picture);
      console.log(`docs/${name}${same ? ' (unchanged)' : ''}`);
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
