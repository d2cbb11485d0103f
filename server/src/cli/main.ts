import { availableParallelism } from 'node:os';
import { parseArgs, usage, type Command } from './args';
import { analyseFiles } from './batch';
import { collectFiles, type InputProblem } from './files';
import { formatJson } from './formatJson';
import { formatShow } from './formatShow';
import { formatText } from './formatText';
import type { ReportView } from './reportView';
import { colourWanted, createStyle } from './style';
import { terminalSafe, terminalText } from './terminal';
import { packageVersion } from './version';

/*
 * The `inspection-report` command: parses arguments, reads the inputs, runs the pure core on each
 * and prints the chosen format. All I/O of the CLI happens here and in ./files.ts.
 */

/** Exit statuses of the `inspection-report` command. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Where the CLI writes, and what it knows of its surroundings; `process` in production. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  /** The folder of the running script, to find package.json. */
  readonly scriptDir: string;
  /**
   * The CLI's entry script, run by worker threads to analyse files in parallel; without it every
   * file is analysed in this thread.
   */
  readonly workerScript?: string;
  /** Told how many files are about to be analysed, before the first is (see ./tiering.ts). */
  readonly beforeAnalysis?: (fileCount: number) => void;
}

const NAME = 'inspection-report';

/**
 * Runs the command line and resolves to the exit status: 0 when no error was found, 1 when `check`
 * found one, 2 for bad usage or an input that could not be read (the others are still analysed).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  switch (parsed.kind) {
    case 'usage-error':
      io.stderr.write(`${NAME}: ${parsed.message}\n\n${usage()}`);
      return EXIT_USAGE;
    case 'help':
      io.stdout.write(usage());
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${packageVersion(io.scriptDir)}\n`);
      return EXIT_OK;
    default:
      return analyseInputs(parsed, io);
  }
}

async function analyseInputs(command: Command & { kind: 'check' | 'show' }, io: CliIo): Promise<number> {
  const collected = collectFiles(command.inputs);
  const problems: InputProblem[] = [...collected.problems];
  const reports: ReportView[] = [];
  io.beforeAnalysis?.(collected.files.length);
  // Files are analysed in parallel (one thread per core unless --jobs says otherwise); the
  // outcomes come back in input order, so the output is the same as with --jobs 1.
  const outcomes = await analyseFiles(collected.files, {
    jobs: command.jobs ?? availableParallelism(),
    ...(command.framework === undefined ? {} : { framework: command.framework }),
    ...(io.workerScript === undefined ? {} : { workerScript: io.workerScript }),
  });
  for (const outcome of outcomes) {
    if (outcome.report) reports.push(outcome.report);
    else problems.push(outcome.problem);
  }
  for (const problem of problems)
    io.stderr.write(terminalText(`${NAME}: ${problem.path}: ${problem.reason}`) + '\n');

  const style = createStyle(colourWanted(io.stdout, io.env));
  if (command.kind === 'show') {
    io.stdout.write(formatShow(terminalSafe(reports), { style, width: outputWidth(io) }));
  } else if (command.format === 'json') {
    io.stdout.write(formatJson(reports, problems));
  } else {
    io.stdout.write(formatText(terminalSafe(reports), style));
  }

  if (problems.length > 0) return EXIT_USAGE;
  if (command.kind === 'check' && reports.some((r) => r.findings.some((f) => f.severity === 'error'))) {
    return EXIT_FINDINGS;
  }
  return EXIT_OK;
}

/** The terminal's width, else `COLUMNS`, else undefined (the formatter's default). */
function outputWidth(io: CliIo): number | undefined {
  if (io.stdout.isTTY === true && io.stdout.columns !== undefined && io.stdout.columns > 0)
    return io.stdout.columns;
  const columns = Number.parseInt(io.env['COLUMNS'] ?? '', 10);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}
