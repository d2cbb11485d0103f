import type { GradeMatch, GradeVocabulary } from './grades';
import type { Span } from './model';
import { LineSet } from './lineSet';
import { isOverlong } from './pages';
import { contentEnd, contentStart, endBeforeBlanks, fold, type TextLines } from './text';

/** What a line is, for the structural passes. */
export type LineKind = 'blank' | 'debris' | 'bullet' | 'numbered' | 'pipe' | 'tab' | 'text' | 'long';

/** The text with its lines classified; shared by every structural pass of one analysis. */
export interface Doc {
  readonly text: string;
  readonly lines: TextLines;
  /** Per line: its clean text ({@link TextLines.clean}). */
  readonly clean: readonly string[];
  readonly kinds: readonly LineKind[];
  /** Lines already explained by an earlier pass (contents, scale, tables, headline). */
  readonly consumed: LineSet;
  readonly vocab: GradeVocabulary;
  /** Per line, memo of `vocab.endsLikeGrade(clean)`: 0 not asked yet, 1 no, 2 yes. */
  readonly endsGrade: Uint8Array;
  /** Per line, memo of `vocab.mayStateGrade(clean)`: 0 not asked yet, 1 no, 2 yes. */
  readonly statesGrade: Uint8Array;
}

const BULLET_CHARS = '•*▪◦>o-';

/**
 * Classifies line `index`, whose clean text is `t`, with character tests only (this runs on every
 * line). `firstCode` is the code of its first character that is not white space, when known (0
 * otherwise).
 */
export function classify(
  t: string,
  index: number,
  debris: LineSet,
  mayHaveTab = true,
  firstCode = 0,
): LineKind {
  if (isOverlong(t)) return 'long';
  // Most lines start with a letter: plain text, decided without reading the line (`o` may be a bullet).
  const letter = firstCode | 32;
  if (!mayHaveTab && letter >= 97 && letter <= 122 && letter !== 111 && !debris.has(index)) return 'text';
  let i = 0;
  while (i < t.length && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
  if (i === t.length) return 'blank';
  if (debris.has(index)) return 'debris';
  if (mayHaveTab && t.indexOf('\t') >= 0) return 'tab';
  const c = t.charAt(i);
  if (c === '|') return 'pipe';
  const next = t.charAt(i + 1);
  if (c === '•') return 'bullet';
  if (BULLET_CHARS.includes(c) && (next === ' ' || next === '\t') && !(c === '-' && t.charAt(i + 1) === '-'))
    return 'bullet';
  const code = t.charCodeAt(i);
  if (code >= 48 && code <= 57) {
    let j = i;
    while (j < t.length && j - i < 3 && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j++;
    const after = t.charAt(j);
    if (after === ')' && j - i <= 2 && t.charAt(j + 1) === ' ') return 'bullet';
    if (after === '.' && (j + 1 === t.length || t.charAt(j + 1) === ' ' || t.charAt(j + 1) === '\t'))
      return 'numbered';
  }
  return 'text';
}

/** Builds the shared document view. */
export function makeDoc(lines: TextLines, debris: LineSet, vocab: GradeVocabulary): Doc {
  const count = lines.clean.length;
  const kinds: LineKind[] = new Array<LineKind>(count);
  // Most reports have no tab at all: one search of the text spares one per line.
  const tabs = lines.text.includes('\t');
  for (let i = 0; i < count; i++)
    kinds[i] = classify(lines.clean[i] as string, i, debris, tabs, lines.firstCodes[i] as number);
  const endsGrade = new Uint8Array(count);
  return {
    text: lines.text,
    lines,
    clean: lines.clean,
    kinds,
    consumed: new LineSet(count),
    vocab,
    endsGrade,
    statesGrade: new Uint8Array(count),
  };
}

/** `test` of line `i`'s clean text, asked once per line: `memo` holds 0 (not asked yet), 1 (no) or 2 (yes). */
function askOnce(doc: Doc, memo: Uint8Array, i: number, test: (clean: string) => boolean): boolean {
  const known = memo[i];
  if (known !== undefined && known !== 0) return known === 2;
  const clean = doc.clean[i];
  const answer = clean !== undefined && test(clean);
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
  return endBeforeBlanks(doc.clean[i] ?? '') > (doc.lines.tail[i] ?? 0);
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
  const clean = doc.clean[i];
  return clean !== undefined ? clean.slice(doc.lines.lead[i], doc.lines.tail[i]) : '';
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

/** True when the line is blank or debris (both separate blocks). */
export function isGap(doc: Doc, index: number): boolean {
  const kind = doc.kinds[index];
  return kind === undefined || kind === 'blank' || kind === 'debris';
}

/** The next line at or after `from` that is not blank or debris, or -1. */
export function nextContent(doc: Doc, from: number, limit = 8): number {
  for (let i = from; i < doc.clean.length && i < from + limit; i++) if (!isGap(doc, i)) return i;
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
  if (doc.clean[first] === undefined || doc.clean[last] === undefined) return { start: 0, end: 0 };
  const start = (starts[first] ?? 0) + (lead[first] ?? 0);
  // A blank last line ends the span at its start (`trimEnd` leaves nothing of it).
  const lastEnd = (lead[last] ?? 0) < (tail[last] ?? 0) ? (tail[last] ?? 0) : 0;
  return { start, end: Math.max(start, (starts[last] ?? 0) + lastEnd) };
}

/** The text of lines `first..last` joined with single spaces. */
export function joinedText(doc: Doc, first: number, last: number): string {
  if (first === last) return isGap(doc, first) ? '' : fold(doc.clean[first] ?? '');
  let joined = '';
  for (let i = first; i <= last; i++) {
    const clean = doc.clean[i];
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
  const last = previous.charCodeAt(end - 1);
  if (last === 46 || last === 59 || last === 58 || last === 63 || last === 33) return false;
  let word = end;
  while (word > 0 && end - word < 10 && isWordCode(previous.charCodeAt(word - 1))) word--;
  const whole = word === 0 || !isWordCode(previous.charCodeAt(word - 1));
  if (whole && isConnective(previous, word, end)) return true;
  const first = next.charCodeAt(start);
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
