import { parentPort, Worker, workerData } from 'node:worker_threads';
import { analyse } from '../core/analyse';
import type { FrameworkId } from '../core/model';
import { type InputProblem, readReport } from './files';
import { type OutputOptions, reportOutput, type ReportOutput } from './output';
import { toReportView } from './reportView';

/*
 * Analyses many report files, in this thread or spread over worker threads, and formats each where
 * it was analysed (./output.ts). Either way the outcomes are delivered in input order, each as soon
 * as it and those before it are ready, and are the same values, so every output format prints the
 * same bytes whether one thread or several did the work.
 *
 * With workers, this thread analyses files too (taking them one at a time from the same queue), so
 * the work starts at once while the workers start up; each worker is handed a few files at a time
 * and asks for more as it finishes them. A worker that fails leaves its files to this thread.
 */

/** What became of one input file: its report's part of the output, or why it could not be analysed. */
export type FileOutcome =
  | { readonly output: ReportOutput; readonly problem?: undefined }
  | { readonly problem: InputProblem; readonly output?: undefined };

/** Options of one batch. */
export interface BatchOptions {
  readonly framework?: FrameworkId;
  /** How each report is formatted. */
  readonly output: OutputOptions;
  /** How many threads analyse (this one included); 1 analyses everything in this thread. */
  readonly jobs: number;
  /** The script a worker runs: the CLI's own entry point, which calls {@link runWorker} in a worker. */
  readonly workerScript?: string;
  /**
   * Called once: when every worker thread has started (has loaded its script) or failed to, or
   * before the first file when this thread analyses them all.
   */
  readonly workersStarted?: () => void;
}

/** Reads, analyses and formats one file. Never throws. */
export function analyseFile(
  file: string,
  framework: FrameworkId | undefined,
  output: OutputOptions,
): FileOutcome {
  const loaded = readReport(file);
  if (!('text' in loaded)) return { problem: loaded };
  try {
    const analysis = analyse(loaded.text, framework === undefined ? {} : { framework });
    return { output: reportOutput(toReportView(loaded.path, analysis), output) };
  } catch (error) {
    // The core promises never to throw; if it does, say so and go on with the other files.
    return {
      problem: {
        path: file,
        reason: `analysis failed: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}

/** Most threads one batch uses, whatever `--jobs` says. */
const MAX_THREADS = 64;

/** How many worker threads a batch of `fileCount` files starts with `jobs` jobs (this thread is one). */
export function workerThreadCount(jobs: number, fileCount: number): number {
  return Math.max(0, Math.min(jobs, fileCount, MAX_THREADS) - 1);
}

/**
 * How many threads {@link analyseFiles} analyses `fileCount` files in, this one included: one
 * without a worker script, else this thread and its {@link workerThreadCount} workers.
 */
export function analysingThreadCount(
  jobs: number,
  fileCount: number,
  workerScript: string | undefined,
): number {
  return workerScript === undefined ? 1 : workerThreadCount(jobs, fileCount) + 1;
}

/** Marks the worker data of a batch worker, so the CLI entry point knows what to run. */
const WORKER_TAG = 'inspection-report/batch-worker';

interface WorkerInit {
  readonly tag: typeof WORKER_TAG;
  readonly framework?: FrameworkId;
  readonly output: OutputOptions;
}

/** Main thread to worker: analyse these files (indices into the batch), or stop. */
type ToWorker = { readonly files: readonly { readonly index: number; readonly path: string }[] } | 'stop';
/** Worker to main thread: one file's outcome, or that the worker has started. */
type FromWorker = { readonly index: number; readonly outcome: FileOutcome } | typeof STARTED;

/** What a worker posts first, once it has loaded its script and waits for files. */
const STARTED = 'started';

/**
 * Most files handed to a worker at a time (fewer near the end of the queue, so the threads finish
 * together), and how many such chunks it may hold, so it never waits for this thread.
 */
const CHUNK = 4;
const CHUNKS_IN_FLIGHT = 2;

/** True in a worker started by {@link analyseFiles}. */
export function isBatchWorker(): boolean {
  return parentPort !== null && (workerData as Partial<WorkerInit> | null)?.tag === WORKER_TAG;
}

/** The body of a batch worker: analyses the files it is sent and posts each outcome back. */
export function runWorker(): void {
  const port = parentPort;
  if (port === null) return;
  const { framework, output } = workerData as WorkerInit;
  const started: FromWorker = STARTED;
  port.postMessage(started);
  port.on('message', (message: ToWorker) => {
    if (message === 'stop') {
      port.close();
      return;
    }
    for (const { index, path } of message.files) {
      const reply: FromWorker = { index, outcome: analyseFile(path, framework, output) };
      port.postMessage(reply);
    }
  });
}

/**
 * Analyses every file and hands each outcome to `deliver` in input order, as soon as it and those
 * before it are ready; resolves when all are delivered. With more than one file, more than one job
 * and a worker script, `jobs - 1` workers help this thread.
 */
export async function analyseFiles(
  files: readonly string[],
  options: BatchOptions,
  deliver: (outcome: FileOutcome) => void,
): Promise<void> {
  const analyseHere = (index: number): FileOutcome =>
    analyseFile(files[index] ?? '', options.framework, options.output);
  const threads = analysingThreadCount(options.jobs, files.length, options.workerScript);
  if (threads < 2) {
    options.workersStarted?.();
    for (let index = 0; index < files.length; index++) deliver(analyseHere(index));
    return;
  }
  /** Outcomes ready and not yet delivered; 1 in `settled` for each file with an outcome. */
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(files.length);
  const settled = new Uint8Array(files.length);
  /** The first outcome not delivered yet. */
  let delivered = 0;
  let next = 0;
  /** What `deliver` threw, if it did: no file is started after it, and `analyseFiles` rejects with it. */
  let failure: { readonly error: unknown } | undefined;
  const settle = (index: number, outcome: FileOutcome): void => {
    if (settled[index] === 1 || failure) return;
    settled[index] = 1;
    outcomes[index] = outcome;
    try {
      for (let ready = outcomes[delivered]; ready !== undefined; ready = outcomes[delivered]) {
        outcomes[delivered++] = undefined;
        deliver(ready);
      }
    } catch (error) {
      failure = { error };
      next = files.length;
    }
  };
  const take = (): { index: number; path: string }[] => {
    const count = Math.max(1, Math.min(CHUNK, Math.floor((files.length - next) / (2 * threads))));
    const chunk: { index: number; path: string }[] = [];
    while (chunk.length < count && next < files.length) {
      const index = next++;
      chunk.push({ index, path: files[index] ?? '' });
    }
    return chunk;
  };

  const init: WorkerInit = {
    tag: WORKER_TAG,
    output: options.output,
    ...(options.framework === undefined ? {} : { framework: options.framework }),
  };
  let starting = threads - 1;
  const workerStarted = (): void => {
    if (--starting === 0) options.workersStarted?.();
  };
  const running = Array.from({ length: threads - 1 }, () =>
    runOneWorker(options.workerScript ?? '', init, take, settle, workerStarted),
  );

  // This thread takes files one at a time, yielding between them so workers are kept supplied.
  while (next < files.length) {
    const index = next++;
    settle(index, analyseHere(index));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await Promise.all(running);
  // The files a failed worker left unanswered.
  for (let index = 0; index < files.length && !failure; index++)
    if (settled[index] === 0) settle(index, analyseHere(index));
  if (failure) throw failure.error;
}

/**
 * Runs one worker until the queue is empty; resolves when it has stopped (or failed). `started` is
 * called once, when the worker has started or failed to.
 */
function runOneWorker(
  script: string,
  init: WorkerInit,
  take: () => { index: number; path: string }[],
  settle: (index: number, outcome: FileOutcome) => void,
  started: () => void,
): Promise<void> {
  return new Promise((resolve) => {
    let hasStarted = false;
    const markStarted = (): void => {
      if (hasStarted) return;
      hasStarted = true;
      started();
    };
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: init });
    } catch {
      markStarted();
      resolve(); // no worker: this thread does the work
      return;
    }
    /** Indices sent to the worker and not yet answered. */
    const pending = new Set<number>();
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      markStarted();
      resolve(); // what it left unanswered is analysed in this thread
    };
    const supply = (): void => {
      while (pending.size <= CHUNK * (CHUNKS_IN_FLIGHT - 1)) {
        const chunk = take();
        if (chunk.length === 0) break;
        for (const { index } of chunk) pending.add(index);
        const message: ToWorker = { files: chunk };
        worker.postMessage(message);
      }
      if (pending.size === 0) {
        const stop: ToWorker = 'stop';
        worker.postMessage(stop);
      }
    };
    worker.on('message', (message: FromWorker) => {
      if (message === STARTED) markStarted();
      else {
        pending.delete(message.index);
        settle(message.index, message.outcome);
      }
      if (!finished) supply();
    });
    worker.on('error', () => {
      finish();
      void worker.terminate();
    });
    worker.on('exit', finish);
  });
}
