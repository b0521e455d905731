/**
 * How goalscore was called: a command to run, help, the version, or a usage error to print, and
 * the language to speak to the user in. Every word the user typed is checked as an own name
 * (never `constructor` or `__proto__` from an object's prototype).
 */
import { parseArgs } from 'node:util';
import { isLanguageCode, languageOfLocale, type CliWords, type LanguageCode } from '../i18n';
import type { CommandName } from './help';

const OPTIONS = {
  out: { type: 'string' },
  compare: { type: 'string' },
  lang: { type: 'string' },
  json: { type: 'boolean' },
  force: { type: 'boolean' },
  pdf: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type OptionName = keyof typeof OPTIONS;

const COMMANDS: readonly CommandName[] = ['score', 'consolidate'];

export const isCommand = (word: string | undefined): word is CommandName => COMMANDS.some((c) => c === word);

/** What to type after an option that needs a value, for the message when it has none. */
const EXAMPLES: Record<'out' | 'compare' | 'lang', (command: string | undefined) => string> = {
  out: (command) => (command === 'consolidate' ? 'out/overview.xlsx' : 'out/'),
  compare: () => 'plan-2023.xlsx',
  lang: () => 'en',
};

export interface RunOptions {
  out: string | undefined;
  compare: string | undefined;
  json: boolean;
  force: boolean;
  pdf: boolean;
  /** The language of the score sheets and the summary: --lang, else Danish, on any machine. */
  lang: LanguageCode;
}

export interface Usage {
  problem: Exclude<keyof CliWords, 'seeHelp' | 'internalError'>;
  args: Record<string, string>;
}

export type Call = { messages: LanguageCode } & (
  | { kind: 'run'; command: CommandName; inputs: string[]; options: RunOptions }
  | { kind: 'help'; command: CommandName | null }
  | { kind: 'version' }
  | { kind: 'usage'; usage: Usage }
);

type Parsed = ReturnType<typeof parse>;

/** Options and words as typed, unchecked: a wrong option is found among the tokens, in order. */
const parse = (argv: string[]) => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: false, tokens: true });

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The language of the system's locale: LC_ALL, LC_MESSAGES, LANG (the first one set, as POSIX
 * reads them), else the runtime's (Windows has none of them); Danish for any other language.
 */
export function systemLanguage(env: NodeJS.ProcessEnv): LanguageCode {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v) ?? Intl.DateTimeFormat().resolvedOptions().locale;
  return languageOfLocale(locale) ?? 'da';
}

/** The language to speak to the user in: --lang when it names one, else the system's. */
function messageLanguage(parsed: Parsed, env: NodeJS.ProcessEnv): LanguageCode {
  const lang = text(parsed.values.lang);
  return isLanguageCode(lang) ? lang : systemLanguage(env);
}

/** The language to speak in, from the command line as typed, however wrong it is otherwise. */
export const userLanguage = (argv: string[], env: NodeJS.ProcessEnv): LanguageCode => messageLanguage(parse(argv), env);

/** The first option that is unknown, lacks its value or has one it does not take. */
function optionProblem(parsed: Parsed): Usage | null {
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    const option = token.rawName;
    if (!Object.hasOwn(OPTIONS, token.name)) return { problem: 'unknownOption', args: { option } };
    const name = token.name as OptionName;
    if (OPTIONS[name].type === 'boolean') {
      if (token.value !== undefined) return { problem: 'unexpectedValue', args: { option } };
    } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith('-'))) {
      return { problem: 'missingValue', args: { option, example: EXAMPLES[name as keyof typeof EXAMPLES](parsed.positionals[0]) } };
    }
  }
  return null;
}

/** `goalscore help [command]`, or --help after a command or none. */
function helpCall(parsed: Parsed): { command: CommandName | null } | Usage | null {
  const [first, ...rest] = parsed.positionals;
  if (first === 'help') {
    if (!rest.length) return { command: null };
    return rest.length === 1 && isCommand(rest[0]) ? { command: rest[0] } : { problem: 'unknownHelpTopic', args: { topic: rest.join(' ') } };
  }
  if (!parsed.values.help) return null;
  if (first === undefined) return { command: null };
  return isCommand(first) ? { command: first } : { problem: 'unknownCommand', args: { command: first } };
}

/** The command to run with its files and options, or what is wrong with the call. */
function runCall(parsed: Parsed): Omit<Extract<Call, { kind: 'run' }>, 'messages'> | Usage {
  const [command, ...inputs] = parsed.positionals;
  if (command === undefined) return { problem: 'missingCommand', args: {} };
  if (!isCommand(command)) return { problem: 'unknownCommand', args: { command } };
  if (!inputs.length) return { problem: 'missingFiles', args: { command } };
  const { values } = parsed;
  const lang = text(values.lang);
  if (lang !== undefined && !isLanguageCode(lang)) return { problem: 'unknownLanguage', args: { lang } };
  const options = { out: text(values.out), compare: text(values.compare), json: !!values.json, force: !!values.force, pdf: !!values.pdf, lang: isLanguageCode(lang) ? lang : 'da' };
  return { kind: 'run', command, inputs, options };
}

/** What the user asked for, checked in the order a reader would: options, help and version, the command, its files, --lang. */
export function readCall(argv: string[], env: NodeJS.ProcessEnv): Call {
  const parsed = parse(argv);
  const messages = messageLanguage(parsed, env);
  const usage = (u: Usage): Call => ({ messages, kind: 'usage', usage: u });
  const wrongOption = optionProblem(parsed);
  if (wrongOption) return usage(wrongOption);
  if (parsed.values.version) return { messages, kind: 'version' };
  const help = helpCall(parsed);
  if (help) return 'problem' in help ? usage(help) : { messages, kind: 'help', command: help.command };
  const run = runCall(parsed);
  return 'problem' in run ? usage(run) : { messages, ...run };
}
