import type { LineIndex, Span } from './model';

/** One physical line of the report. */
export interface Line {
  /** 0-based line number. */
  readonly index: number;
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset just past the line's last character (before its line break). */
  readonly end: number;
  /**
   * The line's text normalised for matching, with exactly the same length as the original so that
   * columns are offsets: form feeds, tabs excepted, and odd spaces become spaces, curly quotes become
   * straight ones, dashes become `-`, private-use glyphs become `•`.
   */
  readonly clean: string;
  /** A form feed (page break) stands at or before this line. */
  readonly pageStart: boolean;
}

/** The text split into lines, with offset conversion. */
export interface TextLines extends LineIndex {
  readonly text: string;
  readonly all: readonly Line[];
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
  '\u2022': '•',
  '\u25aa': '•',
  '\u25cf': '•',
  '\u25a0': '•',
  '\u25e6': '•',
  '\u2023': '•',
  '\u2043': '•',
  '\u00b7': '•',
  '\u0000': ' ',
};

const NEEDS_CLEANING =
  // eslint-disable-next-line no-control-regex -- NUL and vertical tab are exactly what is being cleaned
  /[\f\u00a0\u2007\u202f\u2009\u200b\ufeff\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u2010-\u2015\u2212\u2022\u25aa\u25cf\u25a0\u25e6\u2023\u2043\u00b7\u0000\ue000-\uf8ff\u000b\u0080-\u009f]/g;

/** Normalises a string for matching without changing its length (see {@link Line.clean}). */
export function cleanText(raw: string): string {
  return raw.replace(NEEDS_CLEANING, (ch) => {
    const mapped = CHAR_MAP[ch];
    if (mapped !== undefined) return mapped;
    if (ch === '\u000b') return ' ';
    // Private-use glyphs and C1 controls stand for bullets in PDF extractions.
    return '•';
  });
}

/** Splits text into lines (LF, CRLF or CR) and builds the offset index. Never throws. */
export function splitLines(text: string): TextLines {
  const all: Line[] = [];
  const starts: number[] = [];
  let start = 0;
  let pendingPage = false;
  const length = text.length;
  while (start <= length) {
    let end = start;
    while (end < length) {
      const code = text.charCodeAt(end);
      if (code === 10 || code === 13) break;
      end++;
    }
    const raw = text.slice(start, end);
    const hasFeed = raw.includes('\f');
    const onlyFeed = hasFeed && raw.replace(/\f/g, '').trim() === '';
    all.push({ index: all.length, start, end, clean: cleanText(raw), pageStart: hasFeed || pendingPage });
    pendingPage = onlyFeed;
    starts.push(start);
    if (end >= length) break;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    if (start > length) break;
    if (start === length) {
      all.push({ index: all.length, start, end: start, clean: '', pageStart: pendingPage });
      starts.push(start);
      break;
    }
  }

  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  return {
    text,
    all,
    lineCount: all.length,
    positionAt(offset: number) {
      const clamped = Math.max(0, Math.min(offset, length));
      const line = lineOf(clamped);
      const entry = all[line];
      const character = entry ? Math.min(clamped, entry.end) - entry.start : 0;
      return { line, character: Math.max(0, character) };
    },
    offsetAt(position: { line: number; character: number }) {
      if (position.line < 0) return 0;
      const entry = all[Math.min(position.line, all.length - 1)];
      if (!entry) return 0;
      if (position.line >= all.length) return length;
      return Math.min(entry.start + Math.max(0, position.character), entry.end);
    },
    lineStart(line: number) {
      return all[Math.max(0, Math.min(line, all.length - 1))]?.start ?? 0;
    },
    lineEnd(line: number) {
      return all[Math.max(0, Math.min(line, all.length - 1))]?.end ?? 0;
    },
  };
}

/** The span of a line's text without leading and trailing white space. */
export function trimmedSpan(line: Line): Span {
  const lead = line.clean.length - line.clean.trimStart().length;
  const trail = line.clean.length - line.clean.trimEnd().length;
  const start = line.start + lead;
  return { start, end: Math.max(start, line.end - trail) };
}

/** True when the line holds nothing but white space. */
export function isBlank(line: Line): boolean {
  return line.clean.trim().length === 0;
}

/** Folds runs of white space to one space and trims. */
export function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
