import type { GradeVocabulary } from './grades';
import type { Span } from './model';
import { isOverlong } from './pages';
import type { Line, TextLines } from './text';

/** What a line is, for the structural passes. */
export type LineKind = 'blank' | 'debris' | 'bullet' | 'numbered' | 'pipe' | 'tab' | 'text' | 'long';

/** The text with its lines classified; shared by every structural pass of one analysis. */
export interface Doc {
  readonly text: string;
  readonly lines: TextLines;
  readonly all: readonly Line[];
  readonly kinds: readonly LineKind[];
  /** Lines already explained by an earlier pass (contents, scale, tables, headline). */
  readonly consumed: Set<number>;
  readonly vocab: GradeVocabulary;
}

const BULLET = /^\s*(?:[•*▪◦o>]|-(?!-)|\d{1,2}\))\s/;
const BULLET_GLYPH_ONLY = /^\s*•\S/;
const NUMBERED = /^\s*\d{1,3}\.(?:\s|$)/;

/** Classifies one line. */
export function classify(line: Line, debris: ReadonlySet<number>): LineKind {
  if (isOverlong(line)) return 'long';
  const t = line.clean;
  if (t.trim() === '') return 'blank';
  if (debris.has(line.index)) return 'debris';
  if (t.includes('\t')) return 'tab';
  if (/^\s*\|/.test(t)) return 'pipe';
  if (BULLET.test(t) || BULLET_GLYPH_ONLY.test(t)) return 'bullet';
  if (NUMBERED.test(t)) return 'numbered';
  return 'text';
}

/** Builds the shared document view. */
export function makeDoc(lines: TextLines, debris: ReadonlySet<number>, vocab: GradeVocabulary): Doc {
  return {
    text: lines.text,
    lines,
    all: lines.all,
    kinds: lines.all.map((l) => classify(l, debris)),
    consumed: new Set(),
    vocab,
  };
}

/** True when the line is blank or debris (both separate blocks). */
export function isGap(doc: Doc, index: number): boolean {
  const kind = doc.kinds[index];
  return kind === undefined || kind === 'blank' || kind === 'debris';
}

/** The next line at or after `from` that is not blank or debris, or -1. */
export function nextContent(doc: Doc, from: number, limit = 8): number {
  for (let i = from; i < doc.all.length && i < from + limit; i++) if (!isGap(doc, i)) return i;
  return -1;
}

/** The previous line at or before `from` that is not blank or debris, or -1. */
export function prevContent(doc: Doc, from: number, limit = 8): number {
  for (let i = from; i >= 0 && i > from - limit; i--) if (!isGap(doc, i)) return i;
  return -1;
}

/** Span covering lines `first..last` without their outer white space. */
export function linesSpan(doc: Doc, first: number, last: number): Span {
  const a = doc.all[first];
  const b = doc.all[last];
  if (!a || !b) return { start: 0, end: 0 };
  const lead = a.clean.length - a.clean.trimStart().length;
  const trail = b.clean.length - b.clean.trimEnd().length;
  const start = a.start + lead;
  return { start, end: Math.max(start, b.end - trail) };
}

/** The text of lines `first..last` joined with single spaces. */
export function joinedText(doc: Doc, first: number, last: number): string {
  const parts: string[] = [];
  for (let i = first; i <= last; i++) {
    const line = doc.all[i];
    if (line && !isGap(doc, i)) parts.push(line.clean.trim());
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Words a wrapped name line may end with when the name goes on over the next line. */
const CONNECTIVE =
  /\b(?:and|or|of|for|to|the|in|on|with|who|that|a|an|by|at|need|their|its|from|including)$/i;

/** Does line text `next` carry on the name that `previous` began (a wrapped cell or heading)? */
export function continuesName(previous: string, next: string): boolean {
  const p = previous.trim();
  const n = next.trim();
  if (!p || !n) return false;
  if (/[.;:?!]$/.test(p)) return false;
  return CONNECTIVE.test(p) || /^[a-z(]/.test(n);
}
