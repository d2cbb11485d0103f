import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SteadyWatch } from '../../bench/src/steady';

/**
 * Feeds a watch rounds whose durations come from `timeOf(round, function)` until it says steady;
 * returns the round count then, or undefined when it never does within `limit` rounds.
 */
function roundsUntilSteady(
  functions: number,
  timeOf: (round: number, index: number) => number,
  limit = 100_000,
): number | undefined {
  const watch = new SteadyWatch(functions);
  for (let round = 0; round < limit; round++) {
    const times = Array.from({ length: functions }, (_, index) => timeOf(round, index));
    if (watch.add(times)) return watch.rounds;
  }
  return undefined;
}

describe('the benchmark warm-up until steady', () => {
  it('goes on while each window is faster, and stops after three windows that are not', () => {
    // Faster by 10% a window for 10 windows, then flat; every window is 20 rounds (at least 278 ms).
    const timeOf = (round: number) => 40 * 0.9 ** Math.min(Math.floor(round / 20), 10);
    assert.equal(roundsUntilSteady(1, timeOf), 20 * 14);
  });

  it('counts a window as steady when it improves by 3% or less, so that noise ends the warm-up', () => {
    // Flat times with a jitter of 2% either way; the first window sets the best.
    const timeOf = (round: number) => 13 * (1 + 0.02 * Math.sin(round * 1.7));
    assert.equal(roundsUntilSteady(1, timeOf), 20 * 4);
    // A slow improvement of 2% a window, for ever, is steady too.
    assert.equal(
      roundsUntilSteady(1, (round) => 14 * 0.98 ** Math.floor(round / 20)),
      20 * 4,
    );
  });

  it('makes windows of 250 ms at least: short runs need many rounds per window', () => {
    const rounds = roundsUntilSteady(1, () => 0.1);
    // 2,500 rounds of 0.1 ms make a window (250 ms, give or take the sums' rounding).
    assert.ok(rounds !== undefined && rounds >= 4 * 2499 && rounds <= 4 * 2501, String(rounds));
  });

  it('waits for every function: one still getting faster keeps the warm-up going', () => {
    // Function 0 is flat; function 1 is faster by 10% a window for 8 windows.
    const timeOf = (round: number, index: number) =>
      index === 0 ? 13 : 13 * 0.9 ** Math.min(Math.floor(round / 20), 8);
    assert.equal(roundsUntilSteady(2, timeOf), 20 * 12);
  });

  it('keeps the first round, cold, for the notes', () => {
    const watch = new SteadyWatch(2);
    watch.add([20, 3]);
    watch.add([1, 2]);
    assert.deepEqual(watch.first, [20, 3]);
    assert.equal(watch.rounds, 2);
  });
});
