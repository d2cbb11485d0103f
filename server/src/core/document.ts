import type { GradeMatch, GradeVocabulary } from './grades';
import type { Span } from './model';
import { LineSet } from './lineSet';
import {
  cleanLine,
  cleanSlice,
  contentEnd,
  contentStart,
  endBeforeBlanks,
  fold,
  lineBase,
  lineSource,
  MAX_STRUCTURAL_LINE,
  type TextLines,
} from './text';

/** What a line is, for the structural passes. */
export type LineKind = 'blank' | 'debris' | 'bullet' | 'numbered' | 'pipe' | 'tab' | 'text' | 'long';

/** The text with its lines classified; shared by every structural pass of one analysis. */
export interface Doc {
  readonly text: string;
  readonly lines: TextLines;
  readonly kinds: readonly LineKind[];
  /** Lines already explained by an earlier pass (contents, scale, tables, headline). */
  readonly consumed: LineSet;
  readonly vocab: GradeVocabulary;
  /** Per line, memo of `vocab.endsLikeGrade(clean)`: 0 not asked yet, 1 no, 2 yes. */
  readonly endsGrade: Uint8Array;
  /** Per line, memo of `vocab.mayStateGrade(clean)`: 0 not asked yet, 1 no, 2 yes. */
  readonly statesGrade: Uint8Array;
}

/** `*▪◦>o-`: the characters that begin a bullet when a space or tab follows (`•` begins one anyway). */
const BULLET_CODES = [42, 0x25aa, 0x25e6, 62, 111, 45];

/**
 * Classifies line `index`, whose clean text is `src[from, to)`, with character tests only (this
 * runs on every line). `hasTab` tells whether the line holds a tab; `firstCode` is the code of its
 * first character that is not white space, when known (0 otherwise).
 */
export function classify(
  src: string,
  from: number,
  to: number,
  index: number,
  debris: LineSet,
  hasTab = true,
  firstCode = 0,
): LineKind {
  if (to - from > MAX_STRUCTURAL_LINE) return 'long';
  // Most lines start with a letter: plain text, decided without reading the line (`o` may be a bullet).
  const letter = firstCode | 32;
  if (!hasTab && letter >= 97 && letter <= 122 && letter !== 111 && !debris.has(index)) return 'text';
  let i = from;
  while (i < to && (src.charCodeAt(i) === 32 || src.charCodeAt(i) === 9)) i++;
  if (i === to) return 'blank';
  if (debris.has(index)) return 'debris';
  if (hasTab) return 'tab';
  const c = src.charCodeAt(i);
  if (c === 124) return 'pipe';
  const next = i + 1 < to ? src.charCodeAt(i + 1) : -1;
  if (c === 0x2022) return 'bullet';
  if (BULLET_CODES.includes(c) && (next === 32 || next === 9)) return 'bullet';
  if (c >= 48 && c <= 57) {
    let j = i;
    while (j < to && j - i < 3 && src.charCodeAt(j) >= 48 && src.charCodeAt(j) <= 57) j++;
    const after = j < to ? src.charCodeAt(j) : -1;
    const then = j + 1 < to ? src.charCodeAt(j + 1) : -1;
    if (after === 41 && j - i <= 2 && then === 32) return 'bullet';
    if (after === 46 && (j + 1 === to || then === 32 || then === 9)) return 'numbered';
  }
  return 'text';
}

/** Builds the shared document view. */
export function makeDoc(lines: TextLines, debris: LineSet, vocab: GradeVocabulary): Doc {
  const count = lines.lineCount;
  const kinds: LineKind[] = new Array<LineKind>(count);
  const { text, starts, ends } = lines;
  // The next tab at or after the line's start: most reports have none, found by one search.
  let tab = text.indexOf('\t');
  for (let i = 0; i < count; i++) {
    const start = starts[i] as number;
    const end = ends[i] as number;
    if (tab >= 0 && tab < start) tab = text.indexOf('\t', start);
    const base = lineBase(lines, i);
    kinds[i] = classify(
      lineSource(lines, i),
      base,
      base + end - start,
      i,
      debris,
      tab >= 0 && tab < end,
      lines.firstCodes[i] as number,
    );
  }
  const endsGrade = new Uint8Array(count);
  return {
    text: lines.text,
    lines,
    kinds,
    consumed: new LineSet(count),
    vocab,
    endsGrade,
    statesGrade: new Uint8Array(count),
  };
}

/**
 * `test` of line `i`'s clean text, read in place ({@link lineSource}), asked once per line: `memo`
 * holds 0 (not asked yet), 1 (no) or 2 (yes).
 */
function askOnce(
  doc: Doc,
  memo: Uint8Array,
  i: number,
  test: (text: string, from: number, to: number) => boolean,
): boolean {
  const known = memo[i];
  if (known !== undefined && known !== 0) return known === 2;
  let answer = false;
  if (hasLine(doc, i)) {
    const base = lineBase(doc.lines, i);
    answer = test(lineSource(doc.lines, i), base, base + lineLength(doc, i));
  }
  if (known !== undefined) memo[i] = answer ? 2 : 1;
  return answer;
}

/** Could line `i` end with a grade expression? (`vocab.endsLikeGrade`, asked once per line.) */
export function lineEndsLikeGrade(doc: Doc, i: number): boolean {
  return askOnce(doc, doc.endsGrade, i, doc.vocab.endsLikeGrade);
}

/** Could line `i` hold a grade word followed by punctuation or its end? (`vocab.mayStateGrade`, asked once per line.) */
export function lineMayStateGrade(doc: Doc, i: number): boolean {
  return askOnce(doc, doc.statesGrade, i, doc.vocab.mayStateGrade);
}

/**
 * Could line `i`'s trimmed text end with a grade expression? {@link lineEndsLikeGrade}, and true
 * also when the line ends in white space that `endsLikeGrade` does not skip (`\u3000`, say).
 */
export function trimmedEndsLikeGrade(doc: Doc, i: number): boolean {
  if (lineEndsLikeGrade(doc, i)) return true;
  if (!hasLine(doc, i)) return false;
  // Where the line ends before spaces and tabs, read in place.
  const base = lineBase(doc.lines, i);
  const end = endBeforeBlanks(lineSource(doc.lines, i), base, base + lineLength(doc, i));
  return end - base > (doc.lines.tail[i] as number);
}

/** The end of a grade wrapped onto the next line: `Requires` / `improvement to be good`. */
const WRAPPED_GRADE_END = /^(to be good|improvement|improvement to be good)$/i;

/**
 * The grade stated by line `i` and carried on by line `i + 1` ("Requires improvement" / "to be
 * good"), when the two lines together are one grade expression and nothing else.
 */
export function wrappedGradeAt(doc: Doc, i: number): { text: string; match: GradeMatch } | undefined {
  const first = firstCode(doc, i + 1) | 32;
  if (first !== 116 && first !== 105) return undefined;
  const length = trimmedLength(doc, i + 1);
  if (length !== 10 && length !== 11 && length !== 22) return undefined; // the three endings' lengths
  const next = trimmedLine(doc, i + 1);
  if (!WRAPPED_GRADE_END.test(next)) return undefined;
  const text = `${trimmedLine(doc, i)} ${next}`;
  const match = doc.vocab.whole(text);
  return match ? { text, match } : undefined;
}

/** Line `i`'s text without leading and trailing white space (`clean.trim()`). */
export function trimmedLine(doc: Doc, i: number): string {
  if (!hasLine(doc, i)) return '';
  return cleanSlice(doc.lines, i, doc.lines.lead[i] as number, doc.lines.tail[i] as number);
}

/** Length of line `i`'s text without leading and trailing white space (`clean.trim()`). */
export function trimmedLength(doc: Doc, i: number): number {
  return (doc.lines.tail[i] ?? 0) - (doc.lines.lead[i] ?? 0);
}

/** Code of the first character of line `i` that is not white space (NaN for a blank line). */
export function firstCode(doc: Doc, i: number): number {
  return (doc.lines.lead[i] ?? 0) < (doc.lines.tail[i] ?? 0)
    ? (doc.lines.firstCodes[i] as number)
    : Number.NaN;
}

/** Code of the last character of line `i` that is not white space (NaN for a blank line). */
export function lastCode(doc: Doc, i: number): number {
  return (doc.lines.lead[i] ?? 0) < (doc.lines.tail[i] ?? 0)
    ? (doc.lines.lastCodes[i] as number)
    : Number.NaN;
}

/** True when the document has a line `i`. */
export function hasLine(doc: Doc, i: number): boolean {
  return i >= 0 && i < doc.lines.lineCount;
}

/** Length of line `i`, the same before and after cleaning (0 when there is no such line). */
export function lineLength(doc: Doc, i: number): number {
  return hasLine(doc, i) ? (doc.lines.ends[i] as number) - (doc.lines.starts[i] as number) : 0;
}

/** True when the line is blank or debris (both separate blocks). */
export function isGap(doc: Doc, index: number): boolean {
  const kind = doc.kinds[index];
  return kind === undefined || kind === 'blank' || kind === 'debris';
}

/** The next line at or after `from` that is not blank or debris, or -1. */
export function nextContent(doc: Doc, from: number, limit = 8): number {
  for (let i = from; i < doc.lines.lineCount && i < from + limit; i++) if (!isGap(doc, i)) return i;
  return -1;
}

/** The previous line at or before `from` that is not blank or debris, or -1. */
export function prevContent(doc: Doc, from: number, limit = 8): number {
  for (let i = from; i >= 0 && i > from - limit; i--) if (!isGap(doc, i)) return i;
  return -1;
}

/** Span covering lines `first..last` without their outer white space. */
export function linesSpan(doc: Doc, first: number, last: number): Span {
  const { starts, lead, tail } = doc.lines;
  if (!hasLine(doc, first) || !hasLine(doc, last)) return { start: 0, end: 0 };
  const start = (starts[first] ?? 0) + (lead[first] ?? 0);
  // A blank last line ends the span at its start (`trimEnd` leaves nothing of it).
  const lastEnd = (lead[last] ?? 0) < (tail[last] ?? 0) ? (tail[last] ?? 0) : 0;
  return { start, end: Math.max(start, (starts[last] ?? 0) + lastEnd) };
}

/** The text of lines `first..last` joined with single spaces. */
export function joinedText(doc: Doc, first: number, last: number): string {
  if (first === last) return isGap(doc, first) ? '' : fold(cleanLine(doc.lines, first) ?? '');
  let joined = '';
  for (let i = first; i <= last; i++) {
    const clean = cleanLine(doc.lines, i);
    if (clean !== undefined && !isGap(doc, i)) joined = joined ? `${joined} ${clean}` : clean;
  }
  return fold(joined);
}

/** Words a wrapped name line may end with when the name goes on over the next line. */
const CONNECTIVES = 'and or of for to the in on with who that a an by at need their its from including'.split(
  ' ',
);

/** A word of up to five letters `a-z` as a number, base 27 (no letter is 0). */
function letterCode(text: string, from: number, to: number): number {
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return -1;
    code = code * 27 + (c - 96);
  }
  return code;
}

const SHORT_CONNECTIVES = new Set(
  CONNECTIVES.filter((w) => w.length <= 5).map((w) => letterCode(w, 0, w.length)),
);
const LONG_CONNECTIVES = new Set(CONNECTIVES.filter((w) => w.length > 5));
const LONG_CONNECTIVE_LENGTHS = new Set(CONNECTIVES.filter((w) => w.length > 5).map((w) => w.length));

/** Is `text[from, to)` (ASCII word characters) a connective, in any case? No copy for short words. */
function isConnective(text: string, from: number, to: number): boolean {
  const length = to - from;
  if (length <= 5) return length > 0 && SHORT_CONNECTIVES.has(letterCode(text, from, to));
  return LONG_CONNECTIVE_LENGTHS.has(length) && LONG_CONNECTIVES.has(text.slice(from, to).toLowerCase());
}

function isWordCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95
  );
}

/**
 * Does line text `next` carry on the name that `previous` began (a wrapped cell or heading)? It
 * does when `previous` (trimmed) ends without a full stop or colon and either its last word is a
 * connective ("and", "of", ...) or `next` (trimmed) starts in lower case or with `(`.
 */
export function continuesName(previous: string, next: string): boolean {
  const end = contentEnd(previous, 0, previous.length);
  if (end === 0) return false;
  const start = contentStart(next, 0, next.length);
  if (start === next.length) return false;
  return carriesOn(previous, 0, end, next.charCodeAt(start));
}

/**
 * {@link continuesName} of lines `previous` and `next` (their clean texts), read in place from
 * the line facts and the text, without making either line's string.
 */
export function lineContinuesName(doc: Doc, previous: number, next: number): boolean {
  if (!hasLine(doc, previous) || !hasLine(doc, next)) return false;
  const { lead, tail } = doc.lines;
  if ((lead[previous] as number) >= (tail[previous] as number)) return false;
  if ((lead[next] as number) >= (tail[next] as number)) return false;
  const base = lineBase(doc.lines, previous);
  const end = base + (tail[previous] as number);
  return carriesOn(lineSource(doc.lines, previous), base, end, doc.lines.firstCodes[next] as number);
}

/**
 * The rule of {@link continuesName} for two lines that both hold text: the first's text starts at
 * `from` of `src` and its last character that is not white space ends at `end`; `first` is the
 * code of the second's first character that is not white space.
 */
function carriesOn(src: string, from: number, end: number, first: number): boolean {
  const last = src.charCodeAt(end - 1);
  if (last === 46 || last === 59 || last === 58 || last === 63 || last === 33) return false;
  let word = end;
  while (word > from && end - word < 10 && isWordCode(src.charCodeAt(word - 1))) word--;
  const whole = word === from || !isWordCode(src.charCodeAt(word - 1));
  if (whole && isConnective(src, word, end)) return true;
  return (first >= 97 && first <= 122) || first === 40;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** A line split at a gap of three or more spaces: text on the left, a right-hand column cell. */
export interface ColumnSplit {
  /** Left-hand text, trimmed; empty when the line holds only the right-hand cell. */
  readonly left: string;
  /** Right-hand cell, trimmed. */
  readonly right: string;
  /** Column where the right-hand cell starts. */
  readonly col: number;
}

/**
 * Splits a layout line at its first or last gap of three or more spaces (linear scan, no regular
 * expression). A line with no inner gap but three or more leading spaces is all right-hand cell.
 */
export function columnSplit(text: string, which: 'first' | 'last'): ColumnSplit | undefined {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  if (end === 0) return undefined;
  let lead = 0;
  while (lead < end && isSpace(text.charCodeAt(lead))) lead++;
  let gapStart = -1;
  let gapEnd = -1;
  let i = lead;
  while (i < end) {
    if (isSpace(text.charCodeAt(i))) {
      let j = i;
      while (j < end && isSpace(text.charCodeAt(j))) j++;
      if (j - i >= 3) {
        gapStart = i;
        gapEnd = j;
        if (which === 'first') break;
      }
      i = j;
    } else i++;
  }
  if (gapStart < 0) return lead >= 3 ? { left: '', right: text.slice(lead, end), col: lead } : undefined;
  return { left: text.slice(lead, gapStart), right: text.slice(gapEnd, end), col: gapEnd };
}
