/* A benchmark warm-up that lasts until the times stop improving. */

import { median } from './stats';

/** Rounds of a warm-up window: at least this many... */
const WINDOW_MIN_ROUNDS = 20;
/** ...and at least this much time in all. */
const WINDOW_MIN_MS = 250;
/** Windows in a row whose medians improve on none of the earlier best by more than... */
const STEADY_WINDOWS = 3;
/** ...this fraction, for the times to count as steady. */
const STEADY_GAIN = 0.03;

/**
 * Watches warm-up rounds in windows (at least {@link WINDOW_MIN_ROUNDS} rounds and
 * {@link WINDOW_MIN_MS} ms) and says when the times are steady: for {@link STEADY_WINDOWS} windows
 * in a row, no function's window median was more than {@link STEADY_GAIN} below its best so far.
 * While V8 is still optimising, each window is faster than the last by 5-20%.
 */
export class SteadyWatch {
  private readonly window: number[][];
  private readonly best: number[];
  private windowMs = 0;
  private unimproved = 0;
  rounds = 0;
  /** The first round's durations. */
  first: readonly number[] = [];

  constructor(functions: number) {
    this.window = Array.from({ length: functions }, (): number[] => []);
    this.best = new Array<number>(functions).fill(Number.POSITIVE_INFINITY);
  }

  /** Records one round (one duration per function); true once the times are steady. */
  add(round: readonly number[]): boolean {
    if (this.rounds++ === 0) this.first = round;
    round.forEach((elapsed, i) => {
      this.window[i]?.push(elapsed);
      this.windowMs += elapsed;
    });
    if ((this.window[0]?.length ?? 0) < WINDOW_MIN_ROUNDS || this.windowMs < WINDOW_MIN_MS) return false;
    let improved = false;
    this.window.forEach((times, i) => {
      const middle = median(times);
      const best = this.best[i] ?? Number.POSITIVE_INFINITY;
      if (middle < best * (1 - STEADY_GAIN)) improved = true;
      if (middle < best) this.best[i] = middle;
      times.length = 0;
    });
    this.windowMs = 0;
    this.unimproved = improved ? 0 : this.unimproved + 1;
    return this.unimproved >= STEADY_WINDOWS;
  }
}
