import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/*
 * How V8 compiles and allocates for a batch of reports. Each batch thread is an isolate of its own
 * that compiles the analyser afresh on V8's helper threads, which share this machine's cores with
 * the analysing threads; and each report's model dies once its output is made. So, for a batch:
 *
 * - A larger interrupt budget. By default V8 hands a function to its optimising compiler after a
 *   little work (an interrupt budget of 66 KB of bytecode run). Over a folder of reports that means
 *   hundreds of compilations, many of them redone when the next report takes another path through
 *   the same code: measured on 1,000 reports, about as much CPU as the analysis itself, paid again
 *   by every worker thread. A larger budget lets each function run longer first, so it is compiled
 *   fewer times, with better type feedback.
 * - No loop peeling: the optimising compiler copies the first run of each loop out of it, which
 *   makes every compilation larger; the analyser's loops gain less from it than the compiling costs.
 * - No allocation-site pretenuring: V8 moves objects made where many survived a collection straight
 *   to the old generation, and throws away the code that made them. Over a batch those objects die
 *   with their report, so that is old-generation work and recompiled code for nothing.
 * - When the analysing threads take every core: no concurrent recompilation. V8 then optimises a
 *   function on the thread that runs it instead of on a helper thread, which would only wait for a
 *   core the analysis holds and make the threads take turns. With a core to spare (`--jobs 1` on
 *   two cores), compiling beside the analysis pays, and is kept.
 * - Then too, less inlining: at most 200 bytes of bytecode inlined into one compilation (V8's
 *   default is 920). Compiling on the analysing threads costs them what it takes, and the largest
 *   compilations (the outline's builder, the heading reader, the table finders: 10-26 ms each) are
 *   mostly their inlined callees. Smaller ones cost less than the slower code they make. With a
 *   core to spare the default is kept, since there the compiling costs the analysis nothing.
 * - Then too, young-generation collections on the collecting thread alone. V8 splits each one
 *   between the thread whose heap it is and helper threads, which can only run on a core another
 *   analysing thread holds. V8 reads this setting afresh at each collection. No other collector
 *   setting is changed: some are read once, as a heap is set up, and `--single-threaded-gc` set
 *   here stopped V8 on a failed check in its first run.
 *
 * Measured on 1,000 reports (bench/README.md, section 5). For one large report the defaults are
 * kept: there, early optimisation pays.
 *
 * Most of these flags change the hash of V8's flags, against which Node checks the compiled code of
 * its own modules that each new thread loads as it starts. A worker started after them compiles
 * those modules anew: 48 ms to start on this machine instead of 24. So they are set once the
 * batch's workers have started, the main thread analysing its first reports with V8's defaults
 * meanwhile; only the two that leave the hash as it is (concurrent recompilation, parallel
 * scavenging) are set before.
 */

/** The interrupt budget for a batch of reports (V8's default is 67,584). */
export const BATCH_INTERRUPT_BUDGET = 500_000;

/** The bytecode V8 may inline into one compilation when it compiles on the analysing threads (default 920). */
export const BATCH_INLINING_BUDGET = 200;

/** A batch as far as tuning goes: how many files, and how many threads analyse them on how many cores. */
export interface BatchShape {
  readonly files: number;
  /** Threads that analyse, this one included. */
  readonly threads: number;
  /** Cores the process may use (`os.availableParallelism()`). */
  readonly cores: number;
}

/** A V8 flag for a batch, under the name by which a setting of the user's own is known. */
interface BatchFlag {
  readonly name: string;
  readonly flag: string;
  /** Whether the batch wants it; every batch when absent. */
  readonly when?: (batch: BatchShape) => boolean;
  /** True when V8 leaves the flag out of the hash of its flags, so it may be set before workers start. */
  readonly keepsHash?: boolean;
}

/** Whether the analysing threads take every core, so that nothing else compiles beside them. */
const takesEveryCore = ({ threads, cores }: BatchShape): boolean => threads >= cores;

const BATCH_FLAGS: readonly BatchFlag[] = [
  { name: 'interrupt-budget', flag: `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}` },
  { name: 'turbo-loop-peeling', flag: '--no-turbo-loop-peeling' },
  { name: 'allocation-site-pretenuring', flag: '--no-allocation-site-pretenuring' },
  {
    name: 'concurrent-recompilation',
    flag: '--no-concurrent-recompilation',
    when: takesEveryCore,
    keepsHash: true,
  },
  {
    name: 'max-inlined-bytecode-size-cumulative',
    flag: `--max-inlined-bytecode-size-cumulative=${BATCH_INLINING_BUDGET}`,
    when: takesEveryCore,
  },
  { name: 'parallel-scavenge', flag: '--no-parallel-scavenge', when: takesEveryCore, keepsHash: true },
];

/** The flag a Node argument sets, as `interrupt-budget` for `--interrupt_budget=5` or `--no-...`. */
function flagName(arg: string): string | undefined {
  const match = /^--(?:no[-_])?([a-z0-9_-]+)/i.exec(arg);
  return match ? (match[1] ?? '').toLowerCase().replace(/_/g, '-') : undefined;
}

/** The V8 flags of a batch: those to set before its workers start, and those to set once they have. */
export interface BatchV8Flags {
  readonly beforeWorkers?: string;
  readonly afterWorkers?: string;
}

/**
 * The V8 flags for analysing a batch, or undefined to keep V8's defaults: with one report. A flag
 * the user gave Node themselves (`node --interrupt-budget=N cli.js`, in either spelling, or its
 * `--no-` form; `NODE_OPTIONS` may not carry V8 flags) is left as they set it.
 */
export function batchV8Flags(batch: BatchShape, execArgv: readonly string[]): BatchV8Flags | undefined {
  if (batch.files < 2) return undefined;
  const setByUser = new Set(execArgv.map(flagName));
  const wanted = BATCH_FLAGS.filter(({ name, when }) => !setByUser.has(name) && (when?.(batch) ?? true));
  if (wanted.length === 0) return undefined;
  const joined = (flags: readonly BatchFlag[]): string | undefined =>
    flags.length > 0 ? flags.map(({ flag }) => flag).join(' ') : undefined;
  const before = joined(wanted.filter(({ keepsHash }) => keepsHash === true));
  const after = joined(wanted.filter(({ keepsHash }) => keepsHash !== true));
  return {
    ...(before === undefined ? {} : { beforeWorkers: before }),
    ...(after === undefined ? {} : { afterWorkers: after }),
  };
}

/**
 * Applies {@link batchV8Flags} to this process for `files` files and `threads` analysing threads:
 * the flags that leave V8's hash as it is at once, before any report is analysed; returns what sets
 * the rest (once: later calls do nothing), to be called once the batch's worker threads have
 * started. V8's flags are process-wide, so the workers share them. Only flags that V8 reads as it
 * goes are set: most of its collector's flags are read once, as a heap is set up, and may not
 * change under a running one.
 */
export function tuneForBatch(batch: Omit<BatchShape, 'cores'>): () => void {
  const flags = batchV8Flags({ ...batch, cores: availableParallelism() }, process.execArgv);
  if (flags?.beforeWorkers !== undefined) setFlagsFromString(flags.beforeWorkers);
  let after = flags?.afterWorkers;
  return () => {
    if (after !== undefined) setFlagsFromString(after);
    after = undefined;
  };
}
