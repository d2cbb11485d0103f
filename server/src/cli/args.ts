import type { FrameworkId } from '../core/model';

/** Output formats of `check`. */
export type OutputFormat = 'text' | 'json';

/** A command the user asked for, after parsing its arguments. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'check' | 'show';
      readonly format: OutputFormat;
      readonly framework?: FrameworkId;
      /** Threads to analyse with (`--jobs`); the default is one per core. */
      readonly jobs?: number;
      /** Files and folders, as given. */
      readonly inputs: readonly string[];
    };

/** What {@link parseArgs} returns: a command, or why the arguments are unusable. */
export type ParseResult = Command | { readonly kind: 'usage-error'; readonly message: string };

/** Every framework id, kept exhaustive by the `Record` type. */
const FRAMEWORKS: Record<FrameworkId, true> = {
  slac: true,
  sif: true,
  ilacs: true,
  'school-2005': true,
  'school-2012': true,
  'report-card': true,
  'area-send': true,
  'social-care': true,
  cqc: true,
  estyn: true,
  ciw: true,
  'care-inspectorate-scotland': true,
  letter: true,
  unknown: true,
};

/** The framework ids `--framework` accepts. */
export const FRAMEWORK_IDS: readonly FrameworkId[] = Object.keys(FRAMEWORKS) as FrameworkId[];

const FORMATS: readonly OutputFormat[] = ['text', 'json'];

function isFramework(value: string): value is FrameworkId {
  return Object.prototype.hasOwnProperty.call(FRAMEWORKS, value);
}

function isFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/** The usage text printed by `--help` and after a usage error. */
export function usage(): string {
  return `Usage: inspection-report <command> [options] <file|folder>...

Reads UK inspection reports (Ofsted and others) saved as plain text.

Commands:
  check    check each report's grades for consistency; compiler-style output
  show     print each report's outline, judgements and findings for reading

Options:
  --format text|json   output format of check (default: text)
  --framework ID       use this framework's scale instead of detecting it; one of
                       ${FRAMEWORK_IDS.join(', ')}
  --jobs N             analyse with N threads (default: one per core; 1: no worker threads)
  -h, --help           show this help
  --version            show the version

Folders are searched recursively for *.txt files (node_modules and dot-folders are skipped).
Exit status: 0 no error found, 1 an error was found (check), 2 bad usage or unreadable input.
`;
}

/**
 * Parses the command line (without `node` and the script path). Never throws: a problem comes back
 * as a `usage-error` naming the offending argument.
 */
export function parseArgs(argv: readonly string[]): ParseResult {
  const dashDash = argv.indexOf('--');
  const optionPart = dashDash < 0 ? argv : argv.slice(0, dashDash);
  if (optionPart.includes('--help') || optionPart.includes('-h')) return { kind: 'help' };
  if (optionPart.includes('--version')) return { kind: 'version' };

  const [command, ...rest] = argv;
  if (command === undefined) return usageError('no command given');
  if (command === 'help') return { kind: 'help' };
  if (command !== 'check' && command !== 'show') {
    return usageError(
      command.startsWith('-') ? `unknown option '${command}'` : `unknown command '${command}'`,
    );
  }

  let format: OutputFormat = 'text';
  let framework: FrameworkId | undefined;
  let jobs: number | undefined;
  const inputs: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--') {
      inputs.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      inputs.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name !== '--format' && name !== '--framework' && name !== '--jobs') {
      return usageError(`unknown option '${name}'`);
    }
    let value: string | undefined;
    if (eq >= 0) {
      value = arg.slice(eq + 1);
    } else {
      value = rest[i + 1];
      i++;
    }
    if (value === undefined || value === '') return usageError(`option '${name}' needs a value`);
    if (name === '--format') {
      if (command !== 'check') return usageError(`option '--format' applies to check only`);
      if (!isFormat(value)) return usageError(`unknown format '${value}' (expected ${FORMATS.join(' or ')})`);
      format = value;
    } else if (name === '--jobs') {
      if (!/^[1-9]\d{0,3}$/.test(value))
        return usageError(`option '--jobs' needs a whole number from 1 (got '${value}')`);
      jobs = Number(value);
    } else {
      if (!isFramework(value)) {
        return usageError(`unknown framework '${value}' (expected one of ${FRAMEWORK_IDS.join(', ')})`);
      }
      framework = value;
    }
  }
  if (inputs.length === 0) return usageError(`${command}: no file or folder given`);
  return {
    kind: command,
    format,
    ...(framework === undefined ? {} : { framework }),
    ...(jobs === undefined ? {} : { jobs }),
    inputs,
  };
}

function usageError(message: string): ParseResult {
  return { kind: 'usage-error', message };
}
