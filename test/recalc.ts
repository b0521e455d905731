/**
 * LibreOffice as an independent calculator: it opens a workbook, recomputes every formula (its
 * profile set to always recalculate) and saves the results, which are read here from the XML.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import JSZip from 'jszip';
import { address } from '../src/engine/address';
import type { WorkbookLayout } from '../src/layout/model';
import { workbookBytes } from '../src/xlsx';
import { libreOfficeSettings } from '../src/cli/pdf';
import { program } from './resources';

export type Computed = Map<string, number | string>;

/** A LibreOffice profile that always recalculates, with its locale set as a user's would be (`da-DK`, `nb-NO`, `en-US`, `sv-SE`). */
const profile = (locale: string) => libreOfficeSettings(locale, 'always');

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** Recomputes the workbooks with LibreOffice; returns each one's cells by sheet name and address. */
export async function recalculate(files: { name: string; bytes: Uint8Array }[], locale = 'en-US'): Promise<Map<string, Map<string, Computed>>> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'recalc-'));
  await fs.mkdir(path.join(dir, 'profile', 'user'), { recursive: true });
  await fs.writeFile(path.join(dir, 'profile', 'user', 'registrymodifications.xcu'), profile(locale));
  await fs.mkdir(path.join(dir, 'in'));
  for (const f of files) await fs.writeFile(path.join(dir, 'in', f.name), f.bytes);
  execFileSync(program('soffice'), ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'xlsx', '--outdir', path.join(dir, 'out'), ...files.map((f) => path.join(dir, 'in', f.name))], {
    stdio: 'ignore',
    timeout: 240_000,
  });
  const out = new Map<string, Map<string, Computed>>();
  for (const f of files) {
    const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'out', f.name)));
    const shared = [...((await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
    );
    const workbook = await zip.file('xl/workbook.xml')!.async('string');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const targets = new Map([...rels.matchAll(/Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1], m[2]]));
    const sheets = new Map<string, Computed>();
    for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
      const xml = await zip.file(`xl/${targets.get(m[2])!.replace(/^\/?xl\//, '')}`)!.async('string');
      const cells: Computed = new Map();
      for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
        const type = c[2].match(/t="(\w+)"/)?.[1] ?? 'n';
        const v = c[3]?.match(/<v>([\s\S]*?)<\/v>/)?.[1];
        const is = c[3]?.match(/<is>[\s\S]*?<t[^>]*>([\s\S]*?)<\/t>/)?.[1];
        if (v === undefined && is === undefined) continue;
        cells.set(c[1], type === 's' ? shared[Number(v)] : type === 'str' || type === 'inlineStr' ? unescape(v ?? is ?? '') : type === 'b' ? Number(v) : Number(v));
      }
      sheets.set(unescape(m[1]), cells);
    }
    out.set(f.name, sheets);
  }
  await fs.rm(dir, { recursive: true, force: true });
  return out;
}

/**
 * The score sheet's formula cells that LibreOffice, recomputing from the formulas alone in the
 * given locale, computes differently from the engine (to 1e-9); empty when every one agrees.
 */
export async function liveDisagreements(layout: WorkbookLayout, locale = 'da-DK'): Promise<string[]> {
  const sheet = layout.sheets[0];
  const computed = await recalculate([{ name: 'live.xlsx', bytes: workbookBytes(layout, { cachedResults: false }) }], locale);
  const cells = computed.get('live.xlsx')!.get(sheet.name)!;
  const wrong: string[] = [];
  sheet.formulas!.forEach((row, r) =>
    row.forEach((formula, c) => {
      if (!formula) return;
      const want = sheet.values[r][c] ?? '';
      const got = cells.get(address(r, c)) ?? '';
      const same = typeof want === 'number' ? typeof got === 'number' && Math.abs(got - want) <= 1e-9 : got === want;
      if (!same) wrong.push(`${address(r, c)}: engine ${JSON.stringify(want)}, LibreOffice ${JSON.stringify(got)}`);
    }),
  );
  return wrong;
}
