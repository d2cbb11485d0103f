import { isGap, trimmedLength, trimmedLine, type Doc } from './document';
import type { Span } from './model';
import { cleanLine } from './text';

/** A contents-list entry before its target heading is known. */
export interface RawContentsEntry {
  readonly name: string;
  readonly page?: number;
  readonly span: Span;
  /** 1 for unnumbered entries, 2 for `1.` entries, 3 for `a.` entries or deeper indentation. */
  readonly level: number;
  readonly line: number;
}

/** The contents list, if the report has one. */
export interface ContentsList {
  readonly heading: number;
  readonly entries: readonly RawContentsEntry[];
  readonly span: Span;
  readonly lastLine: number;
}

const ENTRY_TAB = /^\s*(.*?\S)\t+\s*(\d{1,3})\s*$/;
const ENTRY_PIPE = /^\s*\|\s*(.*?\S)\s*\|\s*(\d{1,3})\s*\|\s*$/;
const ENTRY_DOTS = /^\s*(.*?\S)\s*(?:\.{3,}|…+)\s*(\d{1,3})\s*$/;
const ENTRY_SPACES = /^(\s*)(.*?\S)\s{2,}(\d{1,3})\s*$/;
/** Longest line read as a contents entry (the longest in the corpus is 113 characters). */
const MAX_ENTRY_LINE = 240;

/**
 * Finds the contents list after a `Contents` heading and marks its lines consumed. `reach.line` is
 * set to the last line read (an edit after it cannot change what this finds).
 */
export function findContents(doc: Doc, reach = { line: 0 }): ContentsList | undefined {
  const limit = Math.min(doc.lines.lineCount, 400);
  reach.line = limit;
  for (let i = 0; i < limit; i++) {
    // Only `contents` (8) and `table of contents` (17) can be the heading: other lines are not read.
    const length = trimmedLength(doc, i);
    if (length !== 8 && length !== 17) continue;
    if (!/^(table of )?contents$/i.test(trimmedLine(doc, i))) continue;
    const entries: RawContentsEntry[] = [];
    let last = i;
    for (let j = i + 1; j < doc.lines.lineCount && j <= last + 4; j++) {
      reach.line = Math.max(reach.line, j);
      if (isGap(doc, j)) continue;
      const t = cleanLine(doc.lines, j);
      if (t === undefined) break;
      if (/^[\s|:-]+$/.test(t)) {
        last = j;
        continue;
      }
      if (t.length > MAX_ENTRY_LINE) break; // the entry patterns are cubic on long lines
      const m = ENTRY_TAB.exec(t) ?? ENTRY_PIPE.exec(t) ?? ENTRY_DOTS.exec(t);
      const spaced = m ? undefined : ENTRY_SPACES.exec(t);
      const rawName = m ? (m[1] ?? '') : (spaced?.[2] ?? '');
      const page = m ? m[2] : spaced?.[3];
      if (!page) {
        if (/^\s*\|\s*\|\s*\|\s*$/.test(t)) {
          last = j;
          continue;
        }
        break;
      }
      const indent = spaced ? (spaced[1] ?? '').length : 0;
      const numbered = /^(\d{1,2})\.\s+/.exec(rawName);
      const lettered = /^([a-z])\.\s+/.exec(rawName);
      const name = rawName.replace(/^(\d{1,2}|[a-z])\.\s+/, '').trim();
      const level = lettered ? 3 : numbered ? 2 : indent >= 2 ? 2 : 1;
      const start = (doc.lines.starts[j] ?? 0) + t.indexOf(rawName);
      entries.push({
        name,
        page: Number(page),
        span: { start, end: start + rawName.length },
        level,
        line: j,
      });
      last = j;
    }
    if (entries.length >= 3) {
      for (let j = i; j <= last; j++) doc.consumed.add(j);
      return {
        heading: i,
        entries,
        span: { start: doc.lines.starts[i] ?? 0, end: doc.lines.ends[last] ?? 0 },
        lastLine: last,
      };
    }
  }
  return undefined;
}
