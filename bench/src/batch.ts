import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerThreadCount } from '../../server/src/cli/batch';
import { bytes, corpus, type Flags, median, meets, MB, ms, num, ROOT, type Row, size } from './common';

/*
 * Item 5: the CLI over a folder of 1,000 reports (the corpus reports copied round-robin), as users
 * run it: `node dist/cli.js check --format json <folder>`, timed from process start to exit, output
 * read and discarded. With the default jobs (one thread per core) and with `--jobs 1`, whose outputs
 * must be identical; and with the default jobs over the same reports twice, for the rate once the
 * threads are up to speed. Median of several runs after one warm-up run, the three taking turns.
 */

const REPORTS_TARGET = 1000;
const FILES = 1000;

/** Writes the batch folder (out/bench/batch) unless it already holds the same reports. */
function batchFolder(): { dir: string; totalBytes: number } {
  const dir = path.join(ROOT, 'out', 'bench', 'batch');
  const reports = corpus();
  const names = Array.from(
    { length: FILES },
    (_, i) => `${String(i).padStart(4, '0')}-${reports[i % reports.length]?.name ?? ''}`,
  );
  const totalBytes = names.reduce((sum, _, i) => sum + bytes(reports[i % reports.length]?.text ?? ''), 0);
  fillFolder(dir, names, (name, i) =>
    writeFileSync(path.join(dir, name), reports[i % reports.length]?.text ?? ''),
  );
  return { dir, totalBytes };
}

/**
 * Makes `dir` hold the files `names` (sorted), each made by `make`, unless it holds exactly those
 * names already: then it is left as it is.
 */
function fillFolder(
  dir: string,
  names: readonly string[],
  make: (name: string, index: number) => void,
): void {
  const present = existsSync(dir) ? readdirSync(dir).sort() : [];
  if (present.length === names.length && present.every((name, i) => name === names[i])) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  names.forEach(make);
}

/**
 * A folder of the batch folder's reports twice over (out/bench/batch2x: `a-` and `b-` before each
 * name, hard links where the file system allows), rewritten unless it already matches.
 */
function doubledFolder(batch: string): string {
  const dir = path.join(ROOT, 'out', 'bench', 'batch2x');
  const sources = readdirSync(batch).sort();
  const names = ['a-', 'b-'].flatMap((prefix) => sources.map((name) => `${prefix}${name}`));
  fillFolder(dir, names, (name) => {
    const from = path.join(batch, name.slice(2));
    const to = path.join(dir, name);
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  });
  return dir;
}

interface CliRun {
  readonly ms: number;
  readonly status: number | null;
  readonly digest: string;
  readonly outputBytes: number;
}

/** Node's arguments to run the built CLI with `args`. */
function cliArgv(args: readonly string[]): string[] {
  return [path.join(ROOT, 'dist', 'cli.js'), ...args];
}

/** How the CLI is run: from the project root, without colour. */
const CLI_OPTIONS = { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } };

/** Two CLIs with the same arguments at once; resolves to the wall time until both have exited. */
function runCliPair(args: readonly string[]): Promise<number> {
  const start = performance.now();
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, cliArgv(args), { ...CLI_OPTIONS, stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', () => resolve());
    });
  return Promise.all([one(), one()]).then(() => performance.now() - start);
}

function runCli(args: readonly string[]): CliRun {
  const start = performance.now();
  const result = spawnSync(process.execPath, cliArgv(args), {
    ...CLI_OPTIONS,
    maxBuffer: 1024 * MB,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const elapsed = performance.now() - start;
  return {
    ms: elapsed,
    status: result.status,
    digest: createHash('sha256').update(result.stdout).update(result.stderr).digest('hex'),
    outputBytes: result.stdout.length,
  };
}

/** Several runs of one CLI command: their median time, and the last run. */
interface RunsSummary {
  readonly median: number;
  readonly last: CliRun;
}

/** Where one CLI run's CPU time went, in seconds (bench/cpuAccount.mjs). */
interface CpuAccount {
  /** Every thread of the process: main, workers and V8's helper threads. */
  readonly process: number;
  /** The main thread alone; null where the system does not say (not Linux). */
  readonly main: number | null;
}

/** Runs the CLI once with bench/cpuAccount.mjs loaded; undefined if it wrote nothing. */
function cpuOfCli(args: readonly string[]): CpuAccount | undefined {
  const file = path.join(ROOT, 'out', 'bench', 'cpu-account.json');
  rmSync(file, { force: true });
  spawnSync(process.execPath, ['--import', path.join(ROOT, 'bench', 'cpuAccount.mjs'), ...cliArgv(args)], {
    ...CLI_OPTIONS,
    env: { ...CLI_OPTIONS.env, BENCH_CPU_FILE: file },
    stdio: 'ignore',
  });
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CpuAccount;
  } catch {
    return undefined;
  }
}

/** The median account of `runs` runs, each figure its own median. */
function medianCpu(args: readonly string[], runs: number): CpuAccount | undefined {
  const accounts = Array.from({ length: runs }, () => cpuOfCli(args)).filter((a) => a !== undefined);
  if (accounts.length === 0) return undefined;
  const mains = accounts.map((a) => a.main).filter((m) => m !== null);
  return {
    process: median(accounts.map((a) => a.process)),
    main: mains.length === accounts.length ? median(mains) : null,
  };
}

/** The CPU row: what the second thread costs, and what V8's helper threads take with one. */
function cpuRow(
  parallel: CpuAccount | undefined,
  serial: CpuAccount | undefined,
  runs: number,
  workers: number,
): Row {
  const what = 'CPU time of one run, default jobs / --jobs 1 (all threads)';
  if (!parallel || !serial)
    return { item: '5', what, value: 'not measured', note: 'the accounting run wrote nothing' };
  const seconds = (s: number): string => `${num(s, 2)} s`;
  const helpers =
    serial.main === null
      ? ''
      : `; of the ${seconds(serial.process)} with --jobs 1, ${seconds(serial.process - serial.main)} ran on V8's helper threads (optimising compiler, collector), ${seconds(serial.main)} on the main thread`;
  const extra = seconds(parallel.process - serial.process);
  const added =
    workers === 0
      ? `one core, so no worker thread (difference ${extra})`
      : `${workers === 1 ? 'the worker thread adds' : `${workers} worker threads add`} ${extra} of CPU, mostly start-up and warm-up (V8 compiles the same code again in each)`;
  return {
    item: '5',
    what,
    value: `${seconds(parallel.process)} / ${seconds(serial.process)}`,
    note: `${added}${helpers}; median of ${runs}`,
  };
}

/**
 * The row for what a run costs before its analysis is up to speed: the default jobs over the 1,000
 * reports and over the same reports twice (2,000), taking turns. The second thousand's time is
 * the marginal cost of 1,000 warm reports; what the first thousand takes beyond it is the fixed
 * cost of a run (Node's start, each thread's start and warm-up, the exit).
 */
function marginalRow(once: RunsSummary, twice: RunsSummary, runs: number): Row {
  const onceMs = once.median;
  const twiceMs = twice.median;
  const marginal = twiceMs - onceMs;
  const what = `the default jobs over the same ${FILES} reports twice (${2 * FILES}): the second ${FILES}'s rate`;
  // Twice the reports give the same exit and, report for report, twice the output (less the summary).
  if (
    twice.last.status !== once.last.status ||
    twice.last.outputBytes < 1.9 * once.last.outputBytes ||
    marginal <= 0
  )
    return {
      item: '5',
      what,
      value: 'not measured',
      note: `the run over ${2 * FILES} reports ended with exit ${twice.last.status} and ${size(twice.last.outputBytes)} of output, against exit ${once.last.status} and ${size(once.last.outputBytes)} for ${FILES}, in ${ms(twiceMs)} against ${ms(onceMs)}`,
    };
  return {
    item: '5',
    what,
    value: `${num((FILES * 1000) / marginal, 0)} reports/s`,
    note: `${ms(twiceMs)} for ${2 * FILES} reports (${num((2 * FILES * 1000) / twiceMs, 0)} reports/s) against ${ms(onceMs)} for ${FILES}: the second ${FILES} take ${ms(marginal)}, so a run's fixed cost (Node's start, each thread's start and warm-up, the exit) is about ${ms(onceMs - marginal)}; median of ${runs}, taking turns`,
  };
}

/** Median wall time of `runs` empty Node processes (`node -e 0`) started with `env`. */
function nodeStartMs(env: NodeJS.ProcessEnv, runs: number): number {
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
    return performance.now() - start;
  });
  return median(times);
}

/**
 * The row for what starting Node itself costs each CLI run, before any of its code runs: an empty
 * process in the CLI's environment and, where `NODE_EXTRA_CA_CERTS` is set (it is on this
 * workplace's machines, and Node then reads that certificate bundle as it starts), one without it.
 */
function nodeStartRow(runs: number): Row {
  const env: NodeJS.ProcessEnv = CLI_OPTIONS.env;
  const withEnv = nodeStartMs(env, runs);
  const { NODE_EXTRA_CA_CERTS: extraCerts, ...withoutCerts } = env;
  const without =
    extraCerts === undefined
      ? 'NODE_EXTRA_CA_CERTS is not set'
      : `${ms(nodeStartMs(withoutCerts, runs))} without NODE_EXTRA_CA_CERTS, which is set here: with it Node builds its store of root certificates and parses that bundle as it starts, before any script`;
  return {
    item: '5',
    what: "Node's own start, in each run above: an empty process (node -e 0) in the CLI's environment",
    value: ms(withEnv),
    note: `${without}; median of ${runs}`,
  };
}

/** A fixed amount of work that keeps the CPU busy and touches almost no memory. */
const CPU_WORK = 'let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; const result = x;';

/** `work` run in a worker thread; resolves to its wall time in ms. */
function timeInWorker(work: string): Promise<number> {
  const code =
    "const { parentPort } = require('node:worker_threads'); const s = performance.now();" +
    `${work} parentPort.postMessage(performance.now() - s + (result & 0));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', (elapsed: number) => {
      resolve(elapsed);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/**
 * How many cores this process can use in parallel right now for `work` (other processes share the
 * machine): the same work on one thread, then on two at once; 2.0 means two cores' worth.
 */
async function availableCores(work: string): Promise<number> {
  await timeInWorker(work);
  const alone = median([await timeInWorker(work), await timeInWorker(work), await timeInWorker(work)]);
  const pairs: number[] = [];
  for (let i = 0; i < 3; i++)
    pairs.push(Math.max(...(await Promise.all([timeInWorker(work), timeInWorker(work)]))));
  return (2 * alone) / median(pairs);
}

export async function batchSection(flags: Flags): Promise<Row[]> {
  const { dir, totalBytes } = batchFolder();
  const runs = flags.quick ? 2 : 5;
  // Side by side: after a warm-up of each, parallel and serial runs take turns.
  const parallelArgs = ['check', '--format', 'json', dir];
  const serialArgs = ['check', '--format', 'json', '--jobs', '1', dir];
  const coresBefore = await availableCores(CPU_WORK);
  runCli(parallelArgs);
  runCli(serialArgs);
  const doubledArgs = ['check', '--format', 'json', doubledFolder(dir)];
  runCli(doubledArgs);
  const parallelRuns: CliRun[] = [];
  const serialRuns: CliRun[] = [];
  const doubledRuns: CliRun[] = [];
  for (let i = 0; i < runs; i++) {
    parallelRuns.push(runCli(parallelArgs));
    serialRuns.push(runCli(serialArgs));
    doubledRuns.push(runCli(doubledArgs));
  }
  const coresAfter = await availableCores(CPU_WORK);
  // The ceiling of any parallel speed-up of the analysis itself: two single-threaded CLIs at once.
  const pairRuns: number[] = [];
  for (let i = 0; i < Math.min(runs, 3); i++) pairRuns.push(await runCliPair(serialArgs));
  const pairCores = (2 * median(serialRuns.map((r) => r.ms))) / median(pairRuns);
  const cpuRuns = flags.quick ? 1 : 3;
  // As the CLI counts them by default: one thread per core, its main thread included.
  const workers = workerThreadCount(os.availableParallelism(), FILES);
  const cpu = cpuRow(medianCpu(parallelArgs, cpuRuns), medianCpu(serialArgs, cpuRuns), cpuRuns, workers);
  const nodeStart = nodeStartRow(flags.quick ? 5 : 11);
  // The last run of each, or one more of the same command where there was none.
  const summary = (list: CliRun[], args: readonly string[]): RunsSummary => ({
    median: median(list.map((r) => r.ms)),
    last: list[list.length - 1] ?? runCli(args),
  });
  const parallel = summary(parallelRuns, parallelArgs);
  const serial = summary(serialRuns, serialArgs);
  process.stderr.write(
    `  batch: default jobs ${ms(parallel.median)}, --jobs 1 ${ms(serial.median)} (${runs} runs each)\n`,
  );
  const free = `${num(coresBefore, 1)} / ${num(coresAfter, 1)} cores free before / after (other processes share them)`;
  const perSecond = (FILES * 1000) / parallel.median;
  const cores = os.availableParallelism();
  return [
    {
      item: '5',
      what: `CLI check --format json, ${FILES} reports (${size(totalBytes)}), ${cores} threads`,
      value: `${num(perSecond, 0)} reports/s`,
      target: `>= ${REPORTS_TARGET} reports/s`,
      pass: meets(perSecond, { min: REPORTS_TARGET }),
      note: `${ms(parallel.median)} wall, ${num(totalBytes / MB / (parallel.median / 1000))} MB/s; median of ${runs}; exit ${parallel.last.status}; ${free}`,
    },
    {
      item: '5',
      what: 'the same with --jobs 1 (no worker threads)',
      value: `${num((FILES * 1000) / serial.median, 0)} reports/s`,
      note: `${ms(serial.median)} wall; parallel speed-up ${num(serial.median / parallel.median, 2)}x`,
    },
    marginalRow(parallel, summary(doubledRuns, doubledArgs), runs),
    {
      item: '5',
      what: 'two --jobs 1 CLIs at once, each over all 1,000 reports: cores worth (the ceiling of any speed-up)',
      value: num(pairCores, 2),
      note: `both done in ${ms(median(pairRuns))}, median of ${pairRuns.length}, against ${ms(serial.median)} for one alone; 2.00 would be two whole cores`,
    },
    cpu,
    nodeStart,
    {
      item: '5',
      what: 'parallel output identical to --jobs 1 (stdout and stderr)',
      value: parallel.last.digest === serial.last.digest ? 'identical' : 'DIFFERENT',
      target: 'identical',
      pass: parallel.last.digest === serial.last.digest,
      note: `${size(parallel.last.outputBytes)} of JSON`,
    },
  ];
}
