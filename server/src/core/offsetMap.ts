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
