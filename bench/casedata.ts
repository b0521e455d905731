/**
 * A plan whose four requirements are computed from a data sheet of case rows, one row a case
 * (days taken, received, closed), read through data references over the whole sheet's columns:
 * at full size Excel's 1,048,575 rows below the header. Written at bench time, never committed.
 */
import { workbookBytes } from '../src/xlsx';
import { buildPlanWorkbook, type PlanSpec, type SpecValue } from '../src/xlsx/planWorkbook';

/** Excel's rows below a header row. */
export const EXCEL_CASE_ROWS = 1_048_575;

/** 2024-01-01 as an Excel date serial. */
const JAN_1_2024 = 45292;

/** Case `i`: days taken (0–60, spread), received on one of the year's first 330 days, closed `days` later. */
function caseRow(i: number): SpecValue[] {
  const days = (i * 7919) % 61;
  const received = JAN_1_2024 + (i % 330);
  return [`S-${i + 1}`, days, { value: received, format: 'dd-mm-yyyy' }, { value: received + days, format: 'dd-mm-yyyy' }];
}

/** The plan: a share within 30 days, the 80th percentile, the mean leaving out the highest 5 %, and a share within 20 working days. */
export function caseDataSpec(rows: number): PlanSpec {
  const last = rows + 1;
  const days = `Sagsdata!B2:B${last}`;
  return {
    sheet: 'Plan',
    metadata: [['Myndighed', 'Sagsstyrelsen'], ['År', 2024]],
    columns: ['Nr.', 'Mål', 'Vægt', 'Kravtype', 'Målværdi', 'Data', 'Grænse', 'Udelad højeste'],
    rows: [
      { 'Nr.': '1', Mål: 'Sagsbehandling', Vægt: 100 },
      { 'Nr.': '1.1', Mål: 'Andel afgjort inden for 30 dage', Vægt: 25, Kravtype: 'andel', Målværdi: '45 %', Data: days, Grænse: 30 },
      { 'Nr.': '1.2', Mål: 'Sagsbehandlingstid, 80. percentil', Vægt: 25, Kravtype: 'percentil', Målværdi: '80 % inden for 50 dage', Data: days },
      { 'Nr.': '1.3', Mål: 'Gennemsnitlig sagsbehandlingstid', Vægt: 25, Kravtype: 'højst', Målværdi: 30, Data: days, 'Udelad højeste': 5 },
      { 'Nr.': '1.4', Mål: 'Andel afgjort inden for 20 arbejdsdage', Vægt: 25, Kravtype: 'andel', Målværdi: '50 %', Data: `Sagsdata!C2:D${last}`, Grænse: '20 arbejdsdage' },
    ],
    dataSheets: [{ name: 'Sagsdata', columns: ['Sag', 'Dage', 'Modtaget', 'Afgjort'], rows: Array.from({ length: rows }, (_, i) => caseRow(i)) }],
  };
}

/** The case-data plan of `rows` case rows as workbook bytes, as the product writes a workbook. */
export function caseDataWorkbook(rows: number): Uint8Array {
  return workbookBytes(buildPlanWorkbook(caseDataSpec(rows)));
}
