import { setFlagsFromString } from 'node:v8';

/*
 * How eagerly V8 optimises the CLI's code. By default V8 hands a function to its optimising
 * compiler after a little work (an interrupt budget of 66 KB of bytecode run). Over a folder of
 * reports that means hundreds of compilations on helper threads, many of them redone when the next
 * report takes another path through the same code: measured on 1,000 reports, about as much CPU
 * as the analysis itself, and paid again by every worker thread. A larger budget lets each function
 * run longer first, so it is compiled fewer times, with better type feedback. For one large report
 * the default is kept: there, early optimisation pays.
 */

/** The interrupt budget for a batch of reports (V8's default is 67,584). */
export const BATCH_INTERRUPT_BUDGET = 1_000_000;

/**
 * The V8 flags for analysing `fileCount` reports, or undefined to keep V8's defaults: with one
 * report, or when the user gave Node a budget of their own (`node --interrupt-budget=N cli.js`;
 * `NODE_OPTIONS` may not carry it).
 */
export function batchV8Flags(fileCount: number, execArgv: readonly string[]): string | undefined {
  if (fileCount < 2) return undefined;
  const setByUser = execArgv.some((arg) => /^--interrupt[-_]budget\b/.test(arg));
  return setByUser ? undefined : `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`;
}

/**
 * Applies {@link batchV8Flags} to this process before any report is analysed. V8's flags are
 * process-wide, so the batch's worker threads, started afterwards, share them.
 */
export function tuneForBatch(fileCount: number): void {
  const flags = batchV8Flags(fileCount, process.execArgv);
  if (flags !== undefined) setFlagsFromString(flags);
}
