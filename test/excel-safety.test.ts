/**
 * Writing into Excel without half-written workbooks: a write that fails at any request leaves the
 * workbook as it was; a protected score sheet is named before anything is written; requests are
 * costed as office.js sends them and stay under Excel on the web's limit at 10,000 rows; ID cells
 * formatted as text take their text as it is; dates keep their format whatever the account's
 * regional settings. And the fake refuses what Excel refuses.
 */
import { pack } from '../src/i18n';
import { describeFailure, OfficeFailure, scoreInExcel } from '../src/excel';
import { toA1 } from '../src/layout/r1c1';
import { lostCustomFunctions } from '../src/addin/host';
import { formulaProblem, r1c1ToA1 } from './excel-formula';
import { fakeFromSeed } from './fake-seed';
import { FakeExcel, PAYLOAD_LIMIT, regionalFormat, type SheetState } from './fake-excel';
import { writtenLayouts } from './written';

const da = pack('da');
const SHEET = 'Kriminalforsorgen Q4';

/** Everything a user could see of the workbook. */
const snapshot = (fake: FakeExcel) =>
  JSON.stringify(
    fake.sheets
      .filter((s) => !s.deleted)
      .map((s) => [s.name, s.cells, s.formats, [...s.props], s.charts, s.conditionalFormats, s.notes, s.styles.length, s.frozenRows, s.autoFilter, s.groups, s.pageBreaks]),
  );

/** A plan of n rows: goals of four sub-goals each, ten goals an area, as large plans are. */
function largePlan(fake: FakeExcel, n: number): void {
  const rows: (string | number | null)[][] = [['Myndighed', 'Prøvestyrelsen'], ['År', 2024], [], ['Nr.', 'Område', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat', 'Note']];
  for (let g = 1; g <= n / 5; g++) {
    rows.push([`${g}`, `Område ${Math.ceil(g / 10)}`, `Mål ${g}`, 100 / (n / 5), null, null, null, null]);
    for (let k = 1; k <= 4; k++) rows.push([`${g}.${k}`, null, `Krav ${g}.${k}`, null, 'mindst', 10, k % 3 === 0 ? 9 : 11, 'note']);
  }
  fake.addSheet('Plan', rows);
}

describe('a write that fails midway leaves the workbook as it was, or completes', () => {
  /**
   * Scores with the n-th request after reading refused: the outcome, and whether the refusal was
   * met at all (past the last request there is none).
   */
  async function failAt(fake: FakeExcel, n: number): Promise<{ failed: boolean; met: boolean }> {
    fake.failNext.push(...new Array(3 + n).fill(''), 'GeneralException');
    const failed = await scoreInExcel(fake.asContext(), { lang: da }).then(() => false, () => true);
    const met = fake.failNext.length === 0;
    fake.failNext.length = 0;
    return { failed, met };
  }

  /** Runs the refusal at every request in turn: each leaves the workbook as it was, or the run complete. */
  async function atEveryRequest(start: () => Promise<{ fake: FakeExcel; earlier?: SheetState }>): Promise<{ unchanged: number; completed: number }> {
    const seen = { unchanged: 0, completed: 0 };
    for (let n = 0; ; n++) {
      const { fake, earlier } = await start();
      const before = snapshot(fake);
      const { failed, met } = await failAt(fake, n);
      if (!met) break;
      if (failed) {
        seen.unchanged++;
        expect({ n, after: snapshot(fake) }).toEqual({ n, after: before });
      } else {
        // Refused in the last request: what it did stands, and the rest was done after it.
        seen.completed++;
        const score = fake.sheet(SHEET)!;
        // A sheet updated in place is the very sheet the user's formulas point at.
        if (earlier) expect(score).toBe(earlier);
        expect(score.props.get('goalscore.role')).toBe('score');
        expect(score.charts).toHaveLength(2);
        expect(fake.sheets.filter((s) => !s.deleted && s.name.startsWith('goalscore ~'))).toEqual([]);
        expect(fake.needsCalculation).toBe(false);
      }
    }
    return seen;
  }

  test('new score sheets: at every request', async () => {
    const seen = await atEveryRequest(async () => ({ fake: await fakeFromSeed('000-kriminalforsorgen-2024.xlsx') }));
    expect(seen.unchanged).toBeGreaterThanOrEqual(2);
    expect(seen.completed).toBe(1);
  });

  test('a score sheet updated in place: at every request, it keeps the last run whole or takes the new one, the same sheet', async () => {
    const seen = await atEveryRequest(async () => {
      const fake = await fakeFromSeed('000-kriminalforsorgen-2024.xlsx');
      await scoreInExcel(fake.asContext(), { lang: da });
      return { fake, earlier: fake.sheet(SHEET)! };
    });
    expect(seen.unchanged).toBeGreaterThanOrEqual(2);
    expect(seen.completed).toBe(1);
  });

  test('a protected score sheet is named with what to do, before anything is written', async () => {
    const fake = await fakeFromSeed('000-kriminalforsorgen-2024.xlsx');
    await scoreInExcel(fake.asContext(), { lang: da });
    fake.sheet(SHEET)!.protected = true;
    const before = snapshot(fake);
    const writes = fake.writes().length;
    const error = await scoreInExcel(fake.asContext(), { lang: pack('en') }).catch((e) => e);
    expect(error).toBeInstanceOf(OfficeFailure);
    expect(describeFailure(error, pack('en'))).toBe(`The sheet ${SHEET} is protected, so goalscore cannot update it. Unprotect it (Review > Unprotect Sheet) and score again. Nothing was changed.`);
    expect(describeFailure(error, da)).toContain(`Arket ${SHEET} er beskyttet`);
    expect(fake.writes().length).toBe(writes);
    expect(snapshot(fake)).toBe(before);
  });
});

describe('requests costed as office.js sends them', () => {
  test('a 10,000-row plan of 4,000 styles goes through the 5 MB limit: every request under it, none refused', async () => {
    const fake = new FakeExcel();
    largePlan(fake, 10_000);
    await scoreInExcel(fake.asContext(), { lang: da });
    expect(fake.refused).toBe(0);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    const styles = fake.requests.flatMap((r) => r.operations).filter((o) => o.op.startsWith('format.'));
    expect(styles.length).toBeGreaterThan(4000);
    // A style is a range, its format and the objects under it, and an action per property: far more than its JSON.
    expect(styles.reduce((s, o) => s + o.bytes, 0)).toBeGreaterThan(2_000_000);
    expect(fake.sheet('Prøvestyrelsen')!.cells.filter((r) => typeof r?.[0] === 'string' && /^\d+\.\d+$/.test(r[0])).length).toBe(8000);
  });

  test('the writer counts no request lighter than the fake weighs it: at a 400 KB limit on both, none is refused', async () => {
    const fake = new FakeExcel();
    largePlan(fake, 3000);
    fake.payloadLimit = 400_000;
    await scoreInExcel(fake.asContext(), { lang: da, requestLimit: 400_000 });
    expect(fake.refused).toBe(0);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(400_000);
    expect(fake.syncs).toBeGreaterThan(7);
  });
});

test('ID cells formatted as text take their text as it is, without an apostrophe; other text that reads as a number keeps one', async () => {
  const fake = new FakeExcel();
  fake.addSheet('Plan', [['Myndighed', 'Prøvestyrelsen'], [], ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Resultat'], ['1.10', '2.3 mio. kr.', 50, 'mindst', 5, 6], ['2.3.1', 'Mål', 50, 'mindst', 5, 6]]);
  await scoreInExcel(fake.asContext(), { lang: da });
  const rows = fake.requests.flatMap((r) => r.operations).filter((o) => o.op === 'values' && o.sheet?.startsWith('goalscore ~')).flatMap((o) => o.payload as unknown[][]);
  const header = rows.findIndex((r) => r[0] === 'Nr.');
  expect(rows.slice(header + 1, header + 3).map((r) => r[0])).toEqual(['1.10', '2.3.1']);
  // A title is General: it keeps the apostrophe Excel needs to take it as text.
  expect(rows[header + 1][1]).toBe("'2.3 mio. kr.");
  // Excel holds them as text, as the plan has them.
  const score = fake.sheet('Prøvestyrelsen')!;
  expect(score.cells.slice(header + 1, header + 3).map((r) => r?.[0])).toEqual(['1.10', '2.3.1']);
  expect(score.cells[header + 1][1]).toBe('2.3 mio. kr.');
});

test('date formats hold under any account\'s regional settings: a Norwegian sheet in a Norwegian account keeps dd.mm.yyyy', async () => {
  // What Excel on the web does to a date format that reads as the account's short date.
  expect(regionalFormat('dd.mm.yyyy', 'nb-NO')).toBe('m/d/yyyy');
  expect(regionalFormat('dd-mm-yyyy', 'da-DK')).toBe('m/d/yyyy');
  for (const [code, locale] of [['nb', 'nb-NO'], ['da', 'da-DK']] as const) {
    const fake = await fakeFromSeed('000-kriminalforsorgen-2024.xlsx', locale);
    await scoreInExcel(fake.asContext(), { lang: pack(code) });
    const score = fake.sheets.find((s) => !s.deleted && s.props.get('goalscore.role') === 'score')!;
    const dates = score.formats.flat().filter((f) => typeof f === 'string' && /yyyy/.test(f));
    expect(dates.length).toBeGreaterThan(3);
    expect(new Set(dates)).toEqual(new Set([pack(code).sheet.dateFormat]));
  }
});

describe('the fake refuses what Excel refuses', () => {
  test('formulas: unbalanced, incomplete, or calling a function Excel does not have', async () => {
    for (const bad of ['=SUM(A1', '=1+', '=IF(A1,1', '="open', '=A1)', '=SUMX(A1:A3)', '=TEXTJOIN(",",TRUE,NOPE(1))']) expect({ bad, problem: formulaProblem(bad) }).toEqual({ bad, problem: expect.any(String) });
    for (const good of ['=SUM(A1:A3)', '=IF(A1,,"x")', "='Ark 2'!$B$3*2", '=SUMPRODUCT(ISNUMBER(A1:A3)*(A1:A3<1-10^-9))', '=-A1%', '={1,2;3,4}', '=_xlfn.XLOOKUP(1,A:A,B:B)']) expect({ good, problem: formulaProblem(good) }).toEqual({ good, problem: null });
    const fake = new FakeExcel();
    const sheet = fake.context.workbook.worksheets.add('Ark');
    sheet.getRangeByIndexes(0, 0, 1, 1).formulas = [['=GOALSCORE.FORMULA("x")']];
    await expect(fake.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    fake.customFunctions.add('GOALSCORE.FORMULA');
    fake.context.workbook.worksheets.add('Ark 2').getRangeByIndexes(0, 0, 1, 1).formulas = [['=GOALSCORE.FORMULA("x")']];
    await fake.context.sync();
    expect(fake.sheet('Ark 2')!.cells[0][0]).toBe('=GOALSCORE.FORMULA("x")');
  });

  test('R1C1 is read by a scanner of the fake\'s own, which agrees with the product\'s on every formula it writes', async () => {
    expect(r1c1ToA1('=R[-1]C+RC[2]*R3C4-SUM(R1C1:R[2]C[1])&"RC1"', 4, 2)).toBe('=C4+E5*$D$3-SUM($A$1:D7)&"RC1"');
    expect(r1c1ToA1('=COUNTIFS(RC2,"x")+LOG10(RC1)', 0, 0)).toBe('=COUNTIFS($B1,"x")+LOG10($A1)');
    let formulas = 0;
    for (const [, layout] of await writtenLayouts())
      for (const s of layout.sheets)
        s.formulas?.forEach((row, r) =>
          row.forEach((f, c) => {
            if (!f) return;
            formulas++;
            expect(r1c1ToA1(f, r, c)).toBe(toA1(f, r, c));
          }),
        );
    expect(formulas).toBeGreaterThan(1000);
  });

  test('a protected sheet refuses writes to its cells, rules and objects', async () => {
    const fake = new FakeExcel();
    fake.addSheet('Låst', [['x']]).protected = true;
    const sheet = fake.asContext().workbook.worksheets.getItem('Låst');
    for (const write of [
      () => (sheet.getRangeByIndexes(0, 0, 1, 1).values = [['y']]),
      () => sheet.getRange('A1:A2').conditionalFormats.add('DataBar'),
      () => sheet.freezePanes.freezeRows(1),
      () => (sheet.getRange('A1').format.font.bold = true),
    ]) {
      write();
      await expect(fake.context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    }
    expect(fake.sheet('Låst')!.cells).toEqual([['x']]);
  });

  test('conditional formats, charts and page layout take only what Excel takes', async () => {
    const fake = new FakeExcel();
    const sheet = fake.asContext().workbook.worksheets.add('Ark');
    await fake.context.sync();
    const refused = async (write: () => void) => {
      write();
      await expect(fake.context.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    };
    const icons = () => sheet.getRange('A1:A3').conditionalFormats.add('IconSet').iconSet;
    await refused(() => {
      const set = icons();
      set.style = 'ThreeTrafficLights1';
      set.criteria = [{}, { type: 'Number', operator: 'GreaterThanOrEqual', formula: '=0.5' }] as never;
    });
    await refused(() => {
      const set = icons();
      set.style = 'ThreeTrafficLights1';
      set.criteria = [{}, { type: 'Number', operator: 'GreaterThanOrEqual', formula: '0.5' }, { type: 'Number', operator: 'GreaterThanOrEqual', formula: '=0.9' }] as never;
    });
    await refused(() => (sheet.getRange('A1:A3').conditionalFormats.add('DataBar').dataBar.positiveFormat.fillColor = 'blue'));
    await refused(() => sheet.charts.add('Bars' as never, sheet.getRange('A1:B3'), 'Columns'));
    await refused(() => sheet.charts.add('BarClustered', sheet.getRange('A1:B3'), 'Columns').setPosition('F20', 'B2'));
    await refused(() => {
      const axis = sheet.charts.add('LineMarkers', sheet.getRange('A1:B3'), 'Columns').axes.valueAxis;
      axis.maximum = 1;
      axis.minimum = 1;
    });
    await refused(() => (sheet.pageLayout.orientation = 'Sideways' as never));
    await refused(() => (sheet.pageLayout.zoom = { scale: 80, horizontalFitToPages: 1 }));
    await refused(() => sheet.pageLayout.setPrintArea('A1:I'));
    await refused(() => sheet.pageLayout.setPrintTitleRows('Nr.'));
    // And what the writer sends passes.
    const ok = await fakeFromSeed('001-politiet-2024.xlsx');
    await scoreInExcel(ok.asContext(), { lang: da });
    expect(ok.sheets.some((s) => !s.deleted && s.charts.length > 0)).toBe(true);
  });
});

test('without a CustomFunctions runtime the functions\' registrations are kept as lost, for the pane to tell', async () => {
  await import('../src/functions/functions');
  const runtime = (globalThis as { CustomFunctions?: { associate(id: string, fn: unknown): void } }).CustomFunctions!;
  runtime.associate('FULFILMENT', () => 0);
  expect(lostCustomFunctions()).toContain('FULFILMENT');
});
