import type { LineIndex } from './model';
import type { TextReader } from './pieceText';

/** The text split into lines, with offset conversion. Per-line facts are kept in parallel arrays. */
export interface TextLines extends LineIndex {
  readonly text: string;
  /**
   * Per line: 0 when its clean text ({@link cleanLine}) is the text's own slice; else cleaning
   * changes the line, and its clean text, a string of its own, is `cleaned[cleanSlot[i] - 1]`.
   */
  readonly cleanSlot: Int32Array;
  /** The clean texts of the lines cleaning changes, in line order ({@link cleanSlot}). */
  readonly cleaned: readonly string[];
  /** Per line: offset of its first character. */
  readonly starts: Int32Array<ArrayBuffer>;
  /** Per line: offset just past its last character (before its line break). */
  readonly ends: Int32Array<ArrayBuffer>;
  /** Per line: index in its clean text of the first character that is not white space (as `trim`). */
  readonly lead: Int32Array;
  /** Per line: index in its clean text just past the last character that is not white space. */
  readonly tail: Int32Array;
  /** Per line: code of its first character that is not white space (0 for a blank line). */
  readonly firstCodes: Uint16Array;
  /** Per line: code of its last character that is not white space (0 for a blank line). */
  readonly lastCodes: Uint16Array;
  /** The lines that start a page (a form feed stands at or before them), in order. */
  readonly pageStarts: readonly number[];
  /** Per line: 1 when it starts a page, else 0. */
  readonly startsPage: Uint8Array;
  /** The offset index alone (typed arrays, no line texts): what a model keeps after analysis. */
  readonly index: LineIndex;
}

/** Longest line the structural passes look at; longer lines are treated as plain prose. */
export const MAX_STRUCTURAL_LINE = 2000;

const CHAR_MAP: Record<string, string> = {
  '\f': ' ',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\u200b': ' ',
  '\ufeff': ' ',
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '-',
  '\u2013': '-',
  '\u2014': '-',
  '\u2015': '-',
  '\u2212': '-',
  '\u25aa': '•',
  '\u25cf': '•',
  '\u25a0': '•',
  '\u25e6': '•',
  '\u2023': '•',
  '\u2043': '•',
  '\u00b7': '•',
  '\u0000': ' ',
};

/** Replacement for each UTF-16 code unit below U+2600 that needs cleaning (0 = keep). */
const MAP_TABLE: Uint16Array = (() => {
  const table = new Uint16Array(0x2600);
  for (const [from, to] of Object.entries(CHAR_MAP)) table[from.charCodeAt(0)] = to.charCodeAt(0);
  table[0x0b] = 32;
  for (let c = 0x80; c <= 0x9f; c++) table[c] = 0x2022;
  return table;
})();

function replacementFor(code: number): number {
  if (code < 0x2600) return MAP_TABLE[code] ?? 0;
  if (code >= 0xe000 && code <= 0xf8ff) return 0x2022; // private-use bullet glyphs
  if (code === 0xfeff) return 32;
  return 0;
}

/** True for the code units that are white space once the line is cleaned (see {@link cleanLine}). */
export function isCleanWhiteSpaceCode(code: number): boolean {
  if (code === 32) return true;
  if (code > 32 && code < 127) return false;
  const to = replacementFor(code);
  return to === 0 ? isWhiteSpaceCode(code) : to === 32;
}

/** The code unit `code` becomes once cleaned. */
function cleanCode(code: number): number {
  if (code >= 32 && code < 127) return code;
  const to = replacementFor(code);
  return to === 0 ? code : to;
}

/**
 * NUL and every character beyond ASCII: with the other ASCII targets ({@link ASCII_TARGETS}), all
 * that cleaning may change. A class that leaves out one range (U+0001 to U+007F), which V8 scans
 * for twice as fast as for the characters outside printable ASCII, tab and line breaks (0.5
 * against 0.95 ns a character).
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters sought
const NUL_OR_BEYOND_ASCII = /[^\x01-\x7f]/g;

/** A character beyond Latin-1 (U+0100 and up); V8 answers at once for a text stored one byte per character. */
const BEYOND_LATIN_1 = /[^\0-\xff]/;

/** The characters below U+0100 that cleaning changes, each as a one-character string. */
const LATIN_1_TARGETS: readonly string[] = Array.from({ length: 0x100 }, (_, code) => code)
  .filter((code) => (MAP_TABLE[code] ?? 0) !== 0)
  .map((code) => String.fromCharCode(code));

/**
 * The ASCII characters other than NUL that cleaning changes (form feed, vertical tab), found by
 * `indexOf`. Not NUL: V8 searches a text of two bytes a character for the highest byte of the one
 * sought, and for NUL that is the zero byte every ASCII character has (0.3 against 0.04 ns a
 * character).
 */
const ASCII_TARGETS: readonly string[] = LATIN_1_TARGETS.filter((target) => {
  const code = target.charCodeAt(0);
  return code > 0 && code < 0x80;
});

/** Most places a text's Latin-1 targets are collected for; past that, the scan finds them. */
const MAX_COLLECTED = 65_536;

/**
 * Where a text without characters beyond Latin-1 holds a character to clean, in order; `undefined`
 * when it has characters beyond Latin-1, or too many to clean. One `indexOf` per target character
 * (a native search of a few gigabytes a second) instead of testing every character.
 */
function latin1Targets(raw: string): Int32Array | undefined {
  if (BEYOND_LATIN_1.test(raw)) return undefined;
  const found: number[] = [];
  for (const target of LATIN_1_TARGETS) {
    for (let at = raw.indexOf(target); at >= 0; at = raw.indexOf(target, at + 1)) {
      if (found.length === MAX_COLLECTED) return undefined;
      found.push(at);
    }
  }
  return Int32Array.from(found).sort();
}

/**
 * Normalises slices of a text for matching without changing their length (see
 * {@link cleanLine}): odd spaces, form feeds and NUL become spaces, curly quotes straight ones,
 * dashes `-`, bullet glyphs (private-use and C1 controls from PDF extraction) `•`. The characters
 * to change are found in order, by native searches ({@link latin1Targets}; or one scan for NUL
 * and any character beyond ASCII, merged with an `indexOf` search for each other target); a slice
 * with none of them is left as it is, so only lines that change are copied.
 */
class Cleaner {
  private next = -1;
  private replacement = 0;
  /** The places to clean, when {@link latin1Targets} found them, and how many are used. */
  private readonly targets: Int32Array | undefined;
  private taken = 0;
  /** Otherwise: where the next NUL or character beyond ASCII to clean is, -1 past the last. */
  private nextBeyondAscii = -1;
  /** Otherwise: where the next of each {@link ASCII_TARGETS} is, -1 past the last. */
  private readonly nextAscii: number[];
  /** The pieces of the line being joined ({@link Cleaner.changed}), reused from line to line. */
  private readonly parts: string[] = [];

  constructor(private readonly raw: string) {
    this.targets = latin1Targets(raw);
    if (this.targets) this.nextAscii = [];
    else {
      NUL_OR_BEYOND_ASCII.lastIndex = 0;
      this.nextBeyondAscii = this.scanBeyondAscii();
      this.nextAscii = ASCII_TARGETS.map((target) => raw.indexOf(target));
    }
    this.advance();
  }

  /** The next NUL or character beyond ASCII that cleaning changes, from where the scan stands; -1 if none. */
  private scanBeyondAscii(): number {
    // `test` rather than `exec`: no match array per character; the match is the one before lastIndex.
    while (NUL_OR_BEYOND_ASCII.test(this.raw)) {
      const at = NUL_OR_BEYOND_ASCII.lastIndex - 1;
      if (replacementFor(this.raw.charCodeAt(at)) !== 0) return at;
    }
    return -1;
  }

  private advance(): void {
    if (this.targets) {
      const at = this.taken < this.targets.length ? (this.targets[this.taken++] as number) : -1;
      this.next = at;
      this.replacement = at < 0 ? 0 : replacementFor(this.raw.charCodeAt(at));
      return;
    }
    // The first of the next target the scan finds and the next of each ASCII target; then on past it.
    let at = this.nextBeyondAscii;
    let ascii = -1;
    for (let k = 0; k < this.nextAscii.length; k++) {
      const found = this.nextAscii[k] as number;
      if (found >= 0 && (at < 0 || found < at)) {
        at = found;
        ascii = k;
      }
    }
    this.next = at;
    if (at < 0) return;
    this.replacement = replacementFor(this.raw.charCodeAt(at));
    if (ascii < 0) this.nextBeyondAscii = this.scanBeyondAscii();
    else this.nextAscii[ascii] = this.raw.indexOf(ASCII_TARGETS[ascii] as string, at + 1);
  }

  /**
   * `raw.slice(start, end)` cleaned, or `undefined` when cleaning leaves that slice as it is;
   * slices must be asked for in order and must not overlap.
   */
  changed(start: number, end: number): string | undefined {
    while (this.next >= 0 && this.next < start) this.advance();
    if (this.next < 0 || this.next >= end) return undefined;
    // One array for every line joined: a new one per line was 6% of what an analysis allocated.
    const parts = this.parts;
    let count = 0;
    let from = start;
    while (this.next >= 0 && this.next < end) {
      parts[count++] = this.raw.slice(from, this.next);
      parts[count++] = String.fromCharCode(this.replacement);
      from = this.next + 1;
      this.advance();
    }
    parts[count++] = this.raw.slice(from, end);
    parts.length = count;
    return parts.join('');
  }
}

/**
 * The index just past the last character of `text` (or of its part `[from, to)`) that is not a
 * space or a tab; `from` when none is.
 */
export function endBeforeBlanks(text: string, from = 0, to = text.length): number {
  let end = to;
  while (end > from && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}

/** Where each line of a text starts, and where its text ends (before the line break). */
export interface LineOffsets {
  readonly starts: Int32Array<ArrayBuffer>;
  readonly ends: Int32Array<ArrayBuffer>;
}

/** Where each line starts and ends (before its LF, CRLF or CR); a final line break opens an empty line. */
export function lineOffsets(text: string): LineOffsets {
  // Typed arrays grown by doubling (a guess of one line per 40 characters to start), cut to size.
  let starts = new Int32Array(Math.max(16, Math.ceil(text.length / 40)));
  let ends = new Int32Array(starts.length);
  let count = 0;
  const add = (start: number, end: number) => {
    if (count === starts.length) {
      const grownStarts = new Int32Array(count * 2);
      grownStarts.set(starts);
      starts = grownStarts;
      const grownEnds = new Int32Array(count * 2);
      grownEnds.set(ends);
      ends = grownEnds;
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  };
  const length = text.length;
  let start = 0;
  let nl = text.indexOf('\n');
  let cr = text.indexOf('\r');
  for (;;) {
    if (nl >= 0 && nl < start) nl = text.indexOf('\n', start);
    if (cr >= 0 && cr < start) cr = text.indexOf('\r', start);
    const end = nl < 0 ? (cr < 0 ? length : cr) : cr < 0 ? nl : Math.min(nl, cr);
    add(start, end);
    if (end >= length) break;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (start >= length) {
      add(length, length);
      break;
    }
  }
  return { starts: starts.slice(0, count), ends: ends.slice(0, count) };
}

/** Splits text into lines (LF, CRLF or CR) and builds the offset index. Never throws. */
export function splitLines(text: string): TextLines {
  const { starts, ends } = lineOffsets(text);
  const cleaner = new Cleaner(text);
  const count = starts.length;
  // One buffer for the facts of every line: a typed array of its own each is an allocation outside
  // V8's heap (about 1 µs each for a report of 900 lines; six views of one buffer take 2 µs in all).
  const facts = new ArrayBuffer(count * 17);
  const cleanSlot = new Int32Array(facts, 0, count);
  const lead = new Int32Array(facts, 4 * count, count);
  const tail = new Int32Array(facts, 8 * count, count);
  const firstCodes = new Uint16Array(facts, 12 * count, count);
  const lastCodes = new Uint16Array(facts, 14 * count, count);
  const startsPage = new Uint8Array(facts, 16 * count, count);
  // Only the changed lines' texts, pushed: V8 makes an array of more than about 16,000 entries
  // (`new Array(n)`) by a slow path, 0.12 ms for 17,000 against 0.01 ms for 16,000.
  const cleaned: string[] = [];
  const pageStarts: number[] = [];
  let pendingPage = false;
  let feed = text.indexOf('\f');
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i] ?? 0;
    const end = ends[i] ?? 0;
    if (feed >= 0 && feed < start) feed = text.indexOf('\f', start);
    const hasFeed = feed >= 0 && feed < end;
    const changed = cleaner.changed(start, end);
    if (changed !== undefined) cleanSlot[i] = cleaned.push(changed);
    if (hasFeed || pendingPage) {
      pageStarts.push(i);
      startsPage[i] = 1;
    }
    // Read from the text itself, as cleaning would have it: no line needs a string of its own here.
    const a = cleanContentStart(text, start, end);
    const b = cleanContentEnd(text, a, end);
    // A page's first line is blank after a form feed when it holds only spaces and tabs once cleaned.
    pendingPage = hasFeed && onlyBlanks(text, start, end);
    lead[i] = a - start;
    tail[i] = b - start;
    if (a < b) {
      firstCodes[i] = cleanCode(text.charCodeAt(a));
      lastCodes[i] = cleanCode(text.charCodeAt(b - 1));
    }
  }
  const index = lineIndex(text.length, starts, ends);
  // Spelt out rather than spread from `index`: every text's lines then share one shape, which the
  // passes' many reads of these arrays depend on to stay fast.
  return {
    lineCount: index.lineCount,
    positionAt: index.positionAt,
    offsetAt: index.offsetAt,
    lineStart: index.lineStart,
    lineEnd: index.lineEnd,
    text,
    cleanSlot,
    cleaned,
    starts,
    ends,
    lead,
    tail,
    firstCodes,
    lastCodes,
    pageStarts,
    startsPage,
    index,
  };
}

/** True when `text` holds only spaces and tabs in `[from, to)` once cleaned (form feeds and odd spaces are spaces). */
function onlyBlanks(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = cleanCode(text.charCodeAt(i));
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/**
 * Line `i`'s text normalised for matching, with exactly the same length as the original so that
 * columns are offsets: form feeds, tabs excepted, and odd spaces become spaces, curly quotes
 * become straight ones, dashes become `-`, private-use glyphs become `•`. `undefined` when there is
 * no line `i`. Made when asked (a slice of the text, for the lines cleaning leaves as they are), so
 * that no line holds a string for the whole analysis unless cleaning changed it.
 */
export function cleanLine(lines: TextLines, i: number): string | undefined {
  if (!(i >= 0 && i < lines.lineCount)) return undefined;
  const slot = lines.cleanSlot[i] as number;
  if (slot !== 0) return lines.cleaned[slot - 1];
  return lines.text.slice(lines.starts[i], lines.ends[i]);
}

/**
 * Where line `i`'s clean text can be read without making it: the text itself from the line's
 * start, or, for a line cleaning changes, its clean text from 0. Read `[lineBase, lineBase + length)`
 * of {@link lineSource}; line `i` must exist.
 */
export function lineSource(lines: TextLines, i: number): string {
  const slot = lines.cleanSlot[i] as number;
  return slot !== 0 ? (lines.cleaned[slot - 1] as string) : lines.text;
}

/** Where line `i` starts in {@link lineSource}: 0 for a line cleaning changes, else its offset. */
export function lineBase(lines: TextLines, i: number): number {
  return lines.cleanSlot[i] !== 0 ? 0 : (lines.starts[i] as number);
}

/** `cleanLine(lines, i).slice(from, to)` in one slice; line `i` must exist and `0 <= from <= to <= its length`. */
export function cleanSlice(lines: TextLines, i: number, from: number, to: number): string {
  const base = lineBase(lines, i);
  return lineSource(lines, i).slice(base + from, base + to);
}

/** The clean texts ({@link cleanLine}) of the first `count` lines, or of all of them. */
export function cleanLines(lines: TextLines, count = lines.lineCount): string[] {
  const head: string[] = [];
  for (let i = 0; i < count && i < lines.lineCount; i++) head.push(cleanLine(lines, i) as string);
  return head;
}

/** True when some line is longer than `length` characters. */
export function hasLineLongerThan(lines: TextLines, length: number): boolean {
  for (let i = 0; i < lines.lineCount; i++)
    if ((lines.ends[i] as number) - (lines.starts[i] as number) > length) return true;
  return false;
}

/** The line starts and ends each index made by {@link lineIndex} was built over. */
const OFFSETS = new WeakMap<LineIndex, LineOffsets>();

/** The line starts and ends `index` was built over (by {@link lineIndex}), not copied. */
export function offsetsOf(index: LineIndex): LineOffsets | undefined {
  return OFFSETS.get(index);
}

/** Offset conversion over line starts and ends (of a text `length` long); keeps nothing but the two arrays. */
export function lineIndex(
  length: number,
  starts: Int32Array<ArrayBuffer>,
  ends: Int32Array<ArrayBuffer>,
): LineIndex {
  const count = starts.length;
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const clampLine = (line: number) => Math.max(0, Math.min(line, count - 1));
  const index: LineIndex = {
    lineCount: count,
    positionAt(offset: number) {
      const clamped = Math.max(0, Math.min(offset, length));
      const line = lineOf(clamped);
      const character = count > 0 ? Math.min(clamped, ends[line] ?? 0) - (starts[line] ?? 0) : 0;
      return { line, character: Math.max(0, character) };
    },
    offsetAt(position: { line: number; character: number }) {
      if (position.line < 0 || count === 0) return 0;
      if (position.line >= count) return length;
      const line = clampLine(position.line);
      return Math.min((starts[line] ?? 0) + Math.max(0, position.character), ends[line] ?? 0);
    },
    lineStart(line: number) {
      return count > 0 ? (starts[clampLine(line)] ?? 0) : 0;
    },
    lineEnd(line: number) {
      return count > 0 ? (ends[clampLine(line)] ?? 0) : 0;
    },
  };
  OFFSETS.set(index, { starts, ends });
  return index;
}

/** True for the code units of the digits `0`-`9`. */
export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** True for the code units `\s` (and `trim`) treat as white space. */
export function isWhiteSpaceCode(code: number): boolean {
  return code === 32 || isOtherSpace(code);
}

/** True for the code units `\s` matches other than ASCII space. */
function isOtherSpace(code: number): boolean {
  if (code < 0xa0) return code <= 13 && code >= 9;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * `text` in storage of its own. A slice of a long string (13 characters or more) points into that
 * string and keeps all of it alive; a concatenation, flattened by the slice taken of it, is a new
 * string.
 */
export function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}

/** The first index in `[from, to)` of `text` that is not white space (as `trim` sees it); `to` when none is. */
export function contentStart(text: TextReader, from: number, to: number): number {
  let i = from;
  while (i < to && isWhiteSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** The index just past the last one in `[from, to)` of `text` that is not white space; `from` when none is. */
export function contentEnd(text: TextReader, from: number, to: number): number {
  let end = to;
  while (end > from && isWhiteSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/** {@link contentStart} for a raw text read as cleaning would have it ({@link isCleanWhiteSpaceCode}). */
export function cleanContentStart(text: TextReader, from: number, to: number): number {
  let i = from;
  while (i < to && isCleanWhiteSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/** {@link contentEnd} for a raw text read as cleaning would have it ({@link isCleanWhiteSpaceCode}). */
export function cleanContentEnd(text: TextReader, from: number, to: number): number {
  let end = to;
  while (end > from && isCleanWhiteSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * What {@link fold} changes inside a text: a run of two or more white-space characters, or one that
 * is not a space. A single space, the most common by far, is no match and is not copied.
 */
const FOLDABLE_WHITE_SPACE = /\s{2,}|[^\S ]/g;

/**
 * Folds runs of white space to one space and trims (as `replace(/\s+/g, ' ').trim()`, the text
 * itself when nothing changes), in one native pass that stops only where something changes.
 */
export function fold(text: string): string {
  return text.replace(FOLDABLE_WHITE_SPACE, ' ').trim();
}
