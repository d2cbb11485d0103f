import type { TextReader } from './pieceText';

/*
 * Where two versions of a text differ: the one smallest edit that turns one into the other, found by
 * comparing them from both ends, a chunk at a time (natively), then character by character.
 */

/** The one edit between two texts: `[from, oldTo)` of the old text became `[from, newTo)` of the new. */
export interface Edit {
  readonly from: number;
  readonly oldTo: number;
  readonly newTo: number;
  readonly delta: number;
}

/** Characters compared at a time while looking for the edit. */
const CHUNK = 4096;

/**
 * What the caller knows of the change between two texts (from an editor's change events, say):
 * outside `[from, oldTo)` of the old text and `[from, newTo)` of the new one, they are the same.
 * It spares {@link analyseEdit} comparing the texts where they agree; the edit found is the same.
 */
export interface KnownChange {
  readonly from: number;
  readonly oldTo: number;
  readonly newTo: number;
}

/** Where `a` and `b` first differ at or after `at` (equal before it), comparing chunks natively. */
function commonPrefix(a: TextReader, b: TextReader, at = 0): number {
  const limit = Math.min(a.length, b.length);
  while (at + CHUNK <= limit && a.slice(at, at + CHUNK) === b.slice(at, at + CHUNK)) at += CHUNK;
  while (at < limit && a.charCodeAt(at) === b.charCodeAt(at)) at++;
  return at;
}

/**
 * How many characters `a` and `b` share at their ends, not reaching back past `floor` in either;
 * their last `known` characters are known to be the same.
 */
function commonSuffix(a: TextReader, b: TextReader, floor: number, known = 0): number {
  const limit = Math.min(a.length, b.length) - floor;
  let n = Math.max(0, Math.min(known, limit));
  while (
    n + CHUNK <= limit &&
    a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)
  )
    n += CHUNK;
  while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

/** True when `known` can describe a change from a text `oldLength` long to one `newLength` long. */
function fits(known: KnownChange, oldLength: number, newLength: number): boolean {
  const { from, oldTo, newTo } = known;
  return (
    Number.isInteger(from) &&
    Number.isInteger(oldTo) &&
    Number.isInteger(newTo) &&
    from >= 0 &&
    from <= oldTo &&
    from <= newTo &&
    oldTo <= oldLength &&
    newTo <= newLength &&
    oldLength - oldTo === newLength - newTo
  );
}

/** The one edit that turns `before` into `after`, the smallest there is; `known` only spares comparisons. */
export function findEdit(before: TextReader, after: TextReader, known?: KnownChange): Edit {
  const hint = known && fits(known, before.length, after.length) ? known : undefined;
  const from = commonPrefix(before, after, hint?.from);
  const suffix = commonSuffix(before, after, from, hint ? before.length - hint.oldTo : 0);
  return {
    from,
    oldTo: before.length - suffix,
    newTo: after.length - suffix,
    delta: after.length - before.length,
  };
}
