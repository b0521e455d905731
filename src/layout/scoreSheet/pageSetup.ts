/**
 * The printed page: column widths and row heights, page breaks that keep each area on one page,
 * the chart right under the table within the printed columns, the print area over the columns a
 * reader needs (landscape, one page wide, the header row repeated), the page header and footer,
 * and the outline that folds the input columns outside the print area.
 */
import { address, clip, PAGE_TEXT_CHARS, rangeAddress, type PlanResult } from '../../engine';
import type { LanguagePack } from '../../i18n';
import { keepTogether, type PageText, type RowSource, type SheetLayout } from '../model';
import type { Grid } from './grid';
import type { AreaBlock, GoalTable } from './tables';

/** What the page setup adds to the score sheet. */
export type ScorePage = Pick<SheetLayout, 'columnWidths' | 'rowBreaks' | 'charts' | 'print' | 'outlineColumns'>;

/** The page of the score sheet laid out in `g`, once every row stands; row heights as `rows` gives them. */
export function pageSetup(g: Grid, rows: RowSource, result: PlanResult, lang: LanguagePack, table: GoalTable, block: AreaBlock): ScorePage {
  // The chart right under the table, beside its data, within the printed columns.
  const lastPrinted = g.col('explanation');
  const firstHidden = g.columns.findIndex((c) => c.hidden);
  const chartBottom = block.titleRow + Math.max(14, result.areas.length * 2 + 4);
  const widths = g.columns.map((c) => c.width);
  return {
    columnWidths: widths,
    rowBreaks: keepTogether(table.areaBlocks, (r) => rows.height(r), widths.slice(0, lastPrinted + 1), 'landscape', table.headerRow),
    charts: [
      {
        kind: 'barClustered',
        title: lang.sheet.byArea,
        source: rangeAddress(block.headerRow, block.col, block.lastRow, block.col + 2),
        axis: { min: 0, format: 'General' },
        anchor: { from: address(block.titleRow, Math.min(block.col + 4, lastPrinted - 1)), to: address(chartBottom, lastPrinted + 1) },
      },
    ],
    print: {
      orientation: 'landscape',
      fitToWidth: true,
      repeatRows: { first: table.headerRow, last: table.headerRow },
      area: rangeAddress(0, 0, Math.max(chartBottom, block.lastRow), lastPrinted),
      ...pageHeaderFooter(result, lang),
    },
    outlineColumns: lastPrinted + 1 < firstHidden ? [lastPrinted + 1, firstHidden - 1] : undefined,
  };
}

/** Excel's page codes take `&` as their sign; text keeps its own by doubling it. */
const pageText = (text: string) => text.replace(/&/g, '&&');

/** Excel's most characters in a header or a footer, its codes included. */
const BOLD = '&"-,Bold"';

/**
 * A text as page codes within `max` characters: whole, or cut between characters with an
 * ellipsis. Cut before its `&` are doubled, so a cut never leaves a lone `&` to start a code.
 */
function pageTextWithin(text: string, max: number): string {
  if (pageText(text).length <= max) return pageText(text);
  let kept = clip(text, max - 1);
  while (kept && pageText(kept).length > max - 1) kept = clip(kept, kept.length - (pageText(kept).length - (max - 1)));
  return `${pageText(kept)}…`;
}

/** The agency in bold on the left and the year and period on the right; the page and the date below. */
function pageHeaderFooter(result: PlanResult, lang: LanguagePack): { header: PageText; footer: PageText } {
  const m = result.plan.metadata;
  const when = pageTextWithin([m.year, m.periodText].filter((x) => x !== null && x !== '').join(' '), 60);
  // The header's sections together, codes and all, stay within Excel's 255: the agency takes what the rest leaves.
  const room = PAGE_TEXT_CHARS - '&L'.length - BOLD.length - (when ? '&R'.length + when.length : 0);
  return {
    header: { left: `${BOLD}${pageTextWithin(m.agency || result.plan.sheet, room)}`, right: when },
    footer: { left: pageText(lang.sheet.pageFooter).replace('{page}', '&P').replace('{pages}', '&N'), right: '&D' },
  };
}
