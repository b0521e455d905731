/**
 * `goalscore --help` and `goalscore help [command]`: the whole help, or one command's part of it.
 * In English only (docs/decisions.md, "The command line's manners").
 */

import { LANGUAGE_CODES } from '../i18n';

export type CommandName = 'score' | 'consolidate';

/** A label in the left column and its text, wrapped, in the right: `  --out        score: …`; a label too long for the column stands on a line of its own. */
function entry(label: string, lines: readonly string[]): string {
  const rows = label.length < 13 ? lines : ['', ...lines];
  return rows.map((line, i) => `  ${(i === 0 ? label : '').padEnd(13)}${line}`.trimEnd()).join('\n');
}

/** The languages `--lang` takes, from the registry of languages. */
const CHOICES = LANGUAGE_CODES.join('|');

const USAGE: Record<CommandName, string> = {
  score: `goalscore score FILE|DIR... [--compare LAST_YEAR] [--out DIR] [--pdf] [--force] [--json] [--lang ${CHOICES}]`,
  consolidate: `goalscore consolidate FILE|DIR... [--out FILE] [--pdf] [--force] [--json] [--lang ${CHOICES}]`,
};

const ABOUT: Record<CommandName, readonly string[]> = {
  score: [
    'Reads every plan sheet of each workbook (.xlsx, .xlsm; a directory means the',
    'spreadsheets in it, and an .xls or .ods among them is named as a problem) and writes',
    '<name>.score.xlsx with a score sheet per plan and a problems sheet when there are',
    'problems. Input files are never changed.',
  ],
  consolidate: [
    "Scores every agency's submission and writes one overview workbook: Oversigt (one",
    'row per agency, by score, with the average and the lowest and a chart), Mangler',
    '(goals not met across agencies, by the share of the plan lost), Problemer, and each',
    "agency's score sheet. A broken submission is named among the problems; the others",
    'are consolidated. Submissions of several periods and years give a trend sheet',
    '(agency × period, the change since the previous period and since the same period',
    "last year). An agency's second submission for a period replaces the first: the",
    "newer by the workbook's saved date, else the file's. Checks across submissions:",
    'mixed years or periods, a plan that does not add up to 100.',
  ],
};

const OUT: Record<CommandName, string> = {
  score: 'the directory for score workbooks (default: out/).',
  consolidate: 'the overview workbook (default: out/overview.xlsx).',
};

const JSON_LINES = [
  'Print one JSON document on stdout instead of the readable summary:',
  '{ "plans": [ { file, sheet, agency, year, period, unit, total, areas, rows } ],',
  '  "problems": [ { file, sheet, cell, severity, message } ] }',
];

const JSON_CONSOLIDATE = [
  'consolidate adds "overview": [ { file, agency, year, period, score, earned,',
  'weight, counts } ] (each agency\'s latest period, best score first), "periods":',
  '[ { year, period, average, lowest, agencies: [ { agency, file, score } ] } ],',
  '"superseded": [ { agency, file, by } ] and "notAssessed": [ { file, agency, id,',
  'title, weight } ].',
];

/** The options each command takes besides --out and --json, in the order the help lists them. */
const OPTIONS: Record<string, { label: string; lines: readonly string[]; commands: readonly CommandName[] }> = {
  compare: {
    label: '--compare F',
    commands: ['score'],
    lines: [
      "Set last year's plan (workbook F) beside this year's: goals matched by ID, else by",
      "their text; last year's result and fulfilment beside each, and last year's result",
      'as the baseline of a change whose baseline cell is blank (with a note on the cell).',
    ],
  },
  pdf: {
    label: '--pdf',
    commands: ['score', 'consolidate'],
    lines: [
      'Also write each workbook as a PDF beside it (<name>.score.pdf), printed as its',
      'page setup says; needs LibreOffice (package libreoffice-calc).',
    ],
  },
  force: { label: '--force', commands: ['score', 'consolidate'], lines: ['Replace output workbooks that exist already (never an input file).'] },
};

const LANG = entry('--lang L', [`Language of the score sheets, explanations and messages: ${LANGUAGE_CODES[0]} (default), ${LANGUAGE_CODES.slice(1, -1).join(', ')} or ${LANGUAGE_CODES.at(-1)}.`]);

const EXIT_CODES = `Exit codes:
  0  every plan was scored and no problem is an error
  1  plans were scored, but some problems are errors (see the Problems sheet)
  2  nothing could be scored or written: bad usage, an unreadable file, no plan sheet,
     or an output that exists (without --force)
`;

const optionsOf = (command: CommandName) =>
  Object.values(OPTIONS).filter((o) => o.commands.includes(command)).map((o) => entry(o.label, o.lines));

/** The whole help: every command and option. */
export const HELP = `goalscore – scores goal plans (mål- og resultatplaner) in Excel workbooks

Usage:
  ${USAGE.score}
  ${USAGE.consolidate}
  goalscore help [score|consolidate]
  goalscore --help | --version

${entry('score', ABOUT.score)}
${entry('consolidate', ABOUT.consolidate)}

Options:
${[
  entry('--out', [`score: ${OUT.score}`, `consolidate: ${OUT.consolidate}`]),
  ...Object.values(OPTIONS).map((o) => entry(o.label, o.lines)),
  entry('--json', [...JSON_LINES, ...JSON_CONSOLIDATE]),
  LANG,
  entry('-h, --help', ['Show this text; goalscore help score shows the part for score.']),
  entry('-v, --version', ["Print goalscore's version."]),
].join('\n')}

${EXIT_CODES}`;

/** One command's part of the help: its usage, what it does, its options and the exit codes. */
export function commandHelp(command: CommandName): string {
  const out = entry(command === 'score' ? '--out DIR' : '--out FILE', [OUT[command].replace(/^./, (c) => c.toUpperCase())]);
  const json = entry('--json', command === 'consolidate' ? [...JSON_LINES, ...JSON_CONSOLIDATE] : JSON_LINES);
  return `Usage:
  ${USAGE[command]}

${entry(command, ABOUT[command])}

Options:
${[out, ...optionsOf(command), json, LANG, entry('-h, --help', ['Show this text.'])].join('\n')}

${EXIT_CODES}`;
}
