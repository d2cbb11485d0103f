import { ownCopy } from './text';

/**
 * What the core reads of a text when it need not read all of it: a string is one, and so is a
 * {@link PieceText}.
 */
export interface TextReader {
  readonly length: number;
  charCodeAt(index: number): number;
  slice(start?: number, end?: number): string;
}

/** Most pieces before an edit joins them into one string again. */
const MAX_PIECES = 256;
/** Pieces of up to this many characters next to an insertion are joined with it (typing makes no piece per key). */
const SMALL_PIECE = 64;

/**
 * A text made of pieces, each a string that is flat, a slice of a flat string, or an insertion
 * joined with the short pieces beside it (copied by its first read: no longer than the insertion
 * and two short pieces), so that an edit of a long text makes no copy of it. In V8 the string `a.slice(0, i) + x + a.slice(j)` is cheap to
 * make, but the first read of it copies all of it into a new string ("flattening": for a 5 MB
 * report, 10 MB of fresh memory, 4 to 7 ms almost all spent by the kernel handing out the pages),
 * and slicing it to make the next version reads it. Reading a piece text reads only the pieces
 * asked for; {@link toString} gives the whole text as a string that is not copied until something
 * reads it.
 */
export class PieceText implements TextReader {
  private whole: string | undefined;
  /** The piece that held the last index read (reads are mostly near each other). */
  private last = 0;

  private constructor(
    private readonly pieces: readonly string[],
    /** Where each piece starts; one more entry, the length. */
    private readonly starts: readonly number[],
  ) {}

  /** The text `text`, one piece. */
  static of(text: string): PieceText {
    const piece = new PieceText([text], [0, text.length]);
    piece.whole = text;
    return piece;
  }

  get length(): number {
    return this.starts[this.starts.length - 1] as number;
  }

  /** How many pieces the text is made of. */
  get pieceCount(): number {
    return this.pieces.length;
  }

  /** The index of the piece holding `index` (0 <= index < length). */
  private pieceAt(index: number): number {
    const { starts } = this;
    const last = this.last;
    if ((starts[last] as number) <= index && index < (starts[last + 1] as number)) return last;
    let low = 0;
    let high = this.pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= index) low = mid;
      else high = mid - 1;
    }
    this.last = low;
    return low;
  }

  /** As `String.prototype.charCodeAt`: NaN out of range, a fraction (or NaN) read as an integer (0). */
  charCodeAt(index: number): number {
    const at = Math.trunc(index) || 0;
    if (at < 0 || at >= this.length) return Number.NaN;
    const k = this.pieceAt(at);
    return (this.pieces[k] as string).charCodeAt(at - (this.starts[k] as number));
  }

  slice(start = 0, end = this.length): string {
    const length = this.length;
    const from = sliceIndex(start, length);
    const to = sliceIndex(end, length);
    if (to <= from) return '';
    const first = this.pieceAt(from);
    const firstStart = this.starts[first] as number;
    if (to <= (this.starts[first + 1] as number))
      return (this.pieces[first] as string).slice(from - firstStart, to - firstStart);
    const parts: string[] = [(this.pieces[first] as string).slice(from - firstStart)];
    for (let k = first + 1; k < this.pieces.length; k++) {
      const pieceStart = this.starts[k] as number;
      if (pieceStart >= to) break;
      parts.push((this.pieces[k] as string).slice(0, to - pieceStart));
    }
    return parts.join('');
  }

  /**
   * The whole text as one string. The same string every time; made of the pieces without copying
   * them, so it costs nothing until it is read (then V8 copies it once).
   */
  toString(): string {
    if (this.whole === undefined) {
      let text = '';
      for (const piece of this.pieces) text += piece;
      this.whole = text;
    }
    return this.whole;
  }

  /**
   * This text with `[from, to)` replaced by `inserted` (offsets clamped to the text). Pieces of up
   * to {@link SMALL_PIECE} characters beside the insertion are joined with it; past
   * {@link MAX_PIECES} pieces, the text is joined into one string (a copy, once in a while).
   */
  replace(from: number, to: number, inserted: string): PieceText {
    const length = this.length;
    const a = clampIndex(from, length);
    const b = Math.max(a, clampIndex(to, length));
    const pieces: string[] = [];
    const { starts } = this;
    const count = this.pieces.length;
    // Pieces wholly before the edit, then the part of the one it starts in.
    let k = 0;
    for (; k < count && (starts[k + 1] as number) <= a; k++) keep(pieces, this.pieces[k] as string);
    let middle = inserted;
    if (k < count && (starts[k] as number) < a) {
      const before = (this.pieces[k] as string).slice(0, a - (starts[k] as number));
      if (before.length <= SMALL_PIECE) middle = before + middle;
      else pieces.push(before);
    } else if (pieces.length > 0 && (pieces[pieces.length - 1] as string).length <= SMALL_PIECE) {
      middle = (pieces.pop() as string) + middle;
    }
    // Skip the pieces the edit removes; keep the part of the one it ends in.
    while (k < count && (starts[k + 1] as number) <= b) k++;
    let after: string | undefined;
    if (k < count) {
      after = (this.pieces[k] as string).slice(b - (starts[k] as number));
      k++;
      if (after.length <= SMALL_PIECE) {
        middle += after;
        after = undefined;
      }
    }
    if (middle.length > 0) pieces.push(middle.length <= SMALL_PIECE ? ownCopy(middle) : middle);
    if (after !== undefined && after.length > 0) pieces.push(after);
    for (; k < count; k++) keep(pieces, this.pieces[k] as string);
    if (pieces.length > MAX_PIECES || pieces.length === 0) return PieceText.of(pieces.join(''));
    const next = new PieceText(pieces, piecesStarts(pieces));
    if (pieces.length === 1) next.whole = pieces[0];
    return next;
  }
}

/** An index as `String.prototype.slice` reads it: negative from the end, clamped to the text. */
function sliceIndex(index: number, length: number): number {
  const at = Math.trunc(index) || 0;
  return at < 0 ? Math.max(0, length + at) : Math.min(at, length);
}

/** Adds `piece` unless it is empty (an empty text is one empty piece; no other piece is empty). */
function keep(pieces: string[], piece: string): void {
  if (piece.length > 0) pieces.push(piece);
}

function clampIndex(index: number, length: number): number {
  if (!(index > 0)) return 0;
  return index >= length ? length : Math.floor(index);
}

function piecesStarts(pieces: readonly string[]): number[] {
  const starts = new Array<number>(pieces.length + 1);
  let at = 0;
  for (let k = 0; k < pieces.length; k++) {
    starts[k] = at;
    at += (pieces[k] as string).length;
  }
  starts[pieces.length] = at;
  return starts;
}
