import { availableParallelism } from 'node:os';
import { parseArgs, usage, type Command } from './args';
import { analyseFiles, analysingThreadCount } from './batch';
import { collectFiles, type InputProblem } from './files';
import { type OutputOptions, OutputWriter } from './output';
import { colourWanted } from './style';
import { terminalText } from './terminal';
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
  /**
   * Told how many files are about to be analysed and by how many threads, before the first is
   * (see ./tiering.ts). What it returns, if anything, is called once the batch's worker threads
   * have started, or at once when there are none.
   */
  readonly beforeAnalysis?: (batch: {
    readonly files: number;
    readonly threads: number;
  }) => (() => void) | undefined;
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
  const reportProblem = (problem: InputProblem): void => {
    io.stderr.write(terminalText(`${NAME}: ${problem.path}: ${problem.reason}`) + '\n');
  };
  for (const problem of problems) reportProblem(problem);
  const colour = colourWanted(io.stdout, io.env);
  const width = outputWidth(io);
  const output: OutputOptions =
    command.kind === 'show'
      ? { format: 'show', colour, ...(width === undefined ? {} : { width }) }
      : { format: command.format, colour };
  const writer = new OutputWriter((text) => io.stdout.write(text), output);
  const jobs = command.jobs ?? availableParallelism();
  const workersStarted = io.beforeAnalysis?.({
    files: collected.files.length,
    threads: analysingThreadCount(jobs, collected.files.length, io.workerScript),
  });
  // Files are analysed in parallel (one thread per core unless --jobs says otherwise) and each is
  // written as soon as those before it are: the output is the same as with --jobs 1.
  await analyseFiles(
    collected.files,
    {
      jobs,
      output,
      ...(command.framework === undefined ? {} : { framework: command.framework }),
      ...(io.workerScript === undefined ? {} : { workerScript: io.workerScript }),
      ...(workersStarted === undefined ? {} : { workersStarted }),
    },
    (outcome) => {
      if (outcome.output) writer.report(outcome.output);
      else {
        problems.push(outcome.problem);
        reportProblem(outcome.problem);
      }
    },
  );
  writer.end(problems);

  if (problems.length > 0) return EXIT_USAGE;
  if (command.kind === 'check' && writer.totals().errors > 0) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** The terminal's width, else `COLUMNS`, else undefined (the formatter's default). */
function outputWidth(io: CliIo): number | undefined {
  if (io.stdout.isTTY === true && io.stdout.columns !== undefined && io.stdout.columns > 0)
    return io.stdout.columns;
  const columns = Number.parseInt(io.env['COLUMNS'] ?? '', 10);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}
