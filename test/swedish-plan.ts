/** A Swedish plan for the tests of reading, scoring and recomputing one (test/swedish.test.ts, test/livesheet.integration.test.ts). */
import type { CellValue, SheetGrid } from '../src/engine/types';

/** A municipality's follow-up as Swedish plans write one: areas in the goal column with their weight, `Mål` holding target values. */
export function swedishPlan(): SheetGrid {
  const values: CellValue[][] = [
    ['Verksamhetsplan 2024 – uppföljning tertial 2'],
    ['Myndighet', 'Växjö kommun'],
    ['År', 2024],
    ['Period', 'Tertial 2'],
    [],
    ['Nr', 'Indikator', 'Vikt', 'Kravtyp', 'Mål', 'Nedre gräns', 'Utfall', 'Tidsgräns', 'Genomfört', 'Bedömning', 'Kommentar'],
    [null, 'Trygg och säker kommun (vikt: 40 %)'],
    ['1.1', 'Andel elever med godkända betyg', '20 %', 'minst', '85 %', '75 %', '80 %'],
    ['1.2', 'Handläggningstid bygglov', '20 %', 'högst', '42 dagar', null, '1 234,5 dagar'],
    [null, 'Hållbar utveckling (vikt: 60 %)'],
    ['2.1', 'Minskade utsläpp', '30 %', null, null, null, null, null, null, 'Delvis uppfyllt', 'Enligt klimatrapporten'],
    ['2.2', 'Ny avfallsplan antagen', '30 %', 'milstolpe', null, null, null, 'senast den 30 juni 2024', '2024-06-28'],
    [null, 'Summa', '100 %'],
  ];
  return { name: 'Uppföljning', values };
}
