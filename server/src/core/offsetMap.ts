import type { Span } from './model';

/** An offset the edit may have moved or not: whatever holds it cannot be reused. */
export class Unsure extends Error {}

/** What an {@link OffsetMap} is made of (plain data, so that it can cross threads). */
export interface OffsetMove {
  readonly low: number;
  readonly high: number;
  readonly delta: number;
}

/** Maps offsets of the text before an edit to the text after it, refusing those the edit may or may not have moved. */
export class OffsetMap implements OffsetMove {
  /**
   * @param low,high the edit widened by the white space around it: an offset here may be a
   *   trimmed end that the edit moves (a section ends at its last character that is not a space).
   * @param delta how much longer the text became.
   */
  constructor(
    readonly low: number,
    readonly high: number,
    readonly delta: number,
  ) {}

  /** The offset moved; throws {@link Unsure} for an offset in `[low, high]`. */
  at(offset: number): number {
    if (offset < this.low) return offset;
    if (offset > this.high) return offset + this.delta;
    throw new Unsure();
  }

  /** The span moved; the same object when the edit is after it (so unchanged parts are shared). */
  span<T extends Span>(span: T): T | Span {
    if (span.start < this.low && span.end < this.low) return span;
    return { start: this.at(span.start), end: this.at(span.end) };
  }
}

/**
 * One move equal to `first` then `second` (each offset moved, or refused, exactly as by the two in
 * turn), or undefined when there is none: when an offset between the two edits would be moved by
 * one and not the other. Edits in one place, as typing makes them, always compose.
 */
export function composeMoves(first: OffsetMove, second: OffsetMove): OffsetMove | undefined {
  const low = Math.min(first.low, second.low);
  const high = Math.max(first.high, second.high - first.delta);
  // The offsets the two refuse, in the coordinates before `first`: its own, and those `second`
  // refuses where `first` left them (before it) or moved them (after it).
  const refused: [number, number][] = [[first.low, first.high]];
  const beforeHigh = Math.min(second.high, first.low - 1);
  if (second.low <= beforeHigh) refused.push([second.low, beforeHigh]);
  const afterLow = Math.max(second.low - first.delta, first.high + 1);
  const afterHigh = second.high - first.delta;
  if (afterLow <= afterHigh) refused.push([afterLow, afterHigh]);
  refused.sort((a, b) => a[0] - b[0]);
  // The single move refuses all of [low, high]: the two must refuse every offset there too.
  let reach = low - 1;
  for (const [from, to] of refused) {
    if (from > reach + 1) return undefined;
    reach = Math.max(reach, to);
  }
  return reach >= high ? { low, high, delta: first.delta + second.delta } : undefined;
}

/** The item with its `span` moved; the same object when the span did not move. */
export function withSpanMoved<T extends { readonly span: Span }>(item: T, map: OffsetMap): T {
  const span = map.span(item.span);
  return span === item.span ? item : { ...item, span };
}

/** Each item moved; the same list when no item changed. */
export function moveAll<T>(list: readonly T[], move: (item: T) => T): readonly T[] {
  let out: T[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as T;
    const moved = move(item);
    if (moved !== item) out ??= list.slice(0, i);
    out?.push(moved);
  }
  return out ?? list;
}
