/**
 * What a test drives besides the code: programs (LibreOffice, poppler, Chromium) and the build. A
 * missing one fails the test that needs it with its name and how to get it, never with a wrong
 * cause such as `spawnSync soffice ENOENT` or a file not found deep inside a run.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** The program's path on the PATH; throws "<name> not found" with the command that installs it. */
export function program(name: 'soffice' | 'pdftotext' | 'pdftoppm' | 'xmllint'): string {
  const found = (process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, name)).find(executable);
  if (!found) throw new Error(`${name} not found on the PATH: run node scripts/provision.js (npm test does) to install it`);
  return found;
}

/** Chromium where the tests look for it (GOALSCORE_CHROMIUM, else Debian's /usr/bin/chromium). */
export function chromiumPath(): string {
  const file = process.env.GOALSCORE_CHROMIUM || '/usr/bin/chromium';
  if (!executable(file)) throw new Error(`Chromium not found at ${file}: run node scripts/provision.js (npm test does), or set GOALSCORE_CHROMIUM`);
  return file;
}

/** A file of the build (relative to the project); throws when the build has not made it. */
export function built(file: string): string {
  const full = path.join(ROOT, file);
  if (!existsSync(full)) throw new Error(`${file} not found: run npm run build (npm test does) first`);
  return full;
}
