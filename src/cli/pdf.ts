/**
 * A written workbook as a PDF, printed by LibreOffice as the workbook's page setup says (print
 * area, repeated header rows, header and footer). LibreOffice runs headless with a profile of its
 * own, so it neither disturbs nor waits for a LibreOffice the user has open.
 */
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where LibreOffice is: on the PATH, or where its installers put it on macOS and Windows. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  const known = [
    '/Applications/LibreOffice.app/Contents/MacOS/soffice',
    'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
    'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
  ];
  return known.find((p) => existsSync(p)) ?? null;
}

/**
 * A LibreOffice profile's settings: numbers and dates as a user in `locale` writes them, and
 * workbooks recalculated on load (`always`) or shown with the values they hold (`never`: for a PDF,
 * as LibreOffice cannot run the add-in's functions).
 */
export const libreOfficeSettings = (locale: string, recalculate: 'always' | 'never') => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${recalculate === 'always' ? 0 : 1}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>${locale}</value></prop></item>
</oor:items>`;

export type PdfOutcome = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'noLibreOffice' | 'failed'; detail?: string };

/**
 * A workbook printed as a PDF by LibreOffice, as bytes: the caller writes them where and as safely
 * as it writes the workbook (never through a link, never over an input), so nothing here writes
 * outside a folder of its own.
 */
export async function workbookPdf(xlsx: string, locale: string, soffice = findSoffice()): Promise<PdfOutcome> {
  if (!soffice) return { ok: false, reason: 'noLibreOffice' };
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'goalscore-pdf-'));
  try {
    await fs.mkdir(path.join(work, 'profile', 'user'), { recursive: true });
    await fs.writeFile(path.join(work, 'profile', 'user', 'registrymodifications.xcu'), libreOfficeSettings(locale, 'never'));
    const profile = pathToFileURL(path.join(work, 'profile')).href;
    await new Promise<void>((resolve, reject) =>
      execFile(soffice, ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, xlsx], { timeout: 120_000 }, (e) => (e ? reject(e) : resolve())),
    );
    const made = path.join(work, `${path.basename(xlsx).replace(/\.xlsx$/i, '')}.pdf`);
    if (!existsSync(made)) return { ok: false, reason: 'failed', detail: 'LibreOffice' };
    return { ok: true, bytes: await fs.readFile(made) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'noLibreOffice' : 'failed', detail: 'LibreOffice' };
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
