import type { Line } from './text';
import { fold, isWhiteSpaceCode, MAX_STRUCTURAL_LINE } from './text';

/**
 * Extraction debris (DOMAIN.md section 3): running headers and footers repeated at page breaks,
 * and lines holding only a page number. Returns the indexes of such lines.
 */
export function findDebris(lines: readonly Line[]): Set<number> {
  const debris = new Set<number>();
  const pageNumber = /^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$/i;
  for (const line of lines) {
    if (line.clean.length < 200 && mayBePageNumber(line.clean) && pageNumber.test(line.clean))
      debris.add(line.index);
  }

  const breaks = lines.filter((l) => l.pageStart).map((l) => l.index);
  if (breaks.length < 2) return debris;

  // Lines near page breaks, keyed with digits masked; a key seen on several pages is a running header.
  // A cheap signature groups them first, so that full keys are built only for lines that repeat.
  const bySignature = new Map<number, { pages: Set<number>; lines: number[]; linePages: number[] }>();
  const note = (index: number, page: number) => {
    const line = lines[index];
    if (!line || line.clean.length > 200) return;
    const signature = headerSignature(line.clean);
    let entry = bySignature.get(signature);
    if (!entry) bySignature.set(signature, (entry = { pages: new Set(), lines: [], linePages: [] }));
    entry.pages.add(page);
    entry.lines.push(index);
    entry.linePages.push(page);
  };
  breaks.forEach((at, page) => {
    let seen = 0;
    // Within 40 lines of the break: a run of blank pages must not make this quadratic.
    for (let i = at; i < lines.length && i < at + 40 && seen < 3; i++) {
      if (hasContent(lines[i]?.clean ?? '')) {
        note(i, page);
        seen++;
      }
    }
    seen = 0;
    for (let i = at - 1; i >= 0 && i > at - 40 && seen < 4; i--) {
      if (hasContent(lines[i]?.clean ?? '')) {
        note(i, page);
        seen++;
      }
    }
  });
  const minPages = Math.max(3, Math.floor(breaks.length / 4));
  for (const group of bySignature.values()) {
    if (group.pages.size < minPages) continue;
    const keys = group.lines.map((index) => headerKey(lines[index]?.clean ?? ''));
    const byKey = new Map<string, Set<number>>();
    keys.forEach((key, k) => {
      if (key.length < 3 || key === '#') return;
      let pages = byKey.get(key);
      if (!pages) byKey.set(key, (pages = new Set()));
      pages.add(group.linePages[k] ?? -1);
    });
    keys.forEach((key, k) => {
      if ((byKey.get(key)?.size ?? 0) >= minPages) debris.add(group.lines[k] ?? -1);
    });
  }
  return debris;
}

function mayBePageNumber(text: string): boolean {
  let i = 0;
  while (i < text.length && isWhiteSpaceCode(text.charCodeAt(i))) i++;
  const first = text.charCodeAt(i);
  return (first >= 48 && first <= 57) || first === 80 || first === 112;
}

function hasContent(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isWhiteSpaceCode(text.charCodeAt(i))) return true;
  return false;
}

/**
 * A number equal for every two lines whose {@link headerKey}s are equal: the count of digit runs
 * and of ASCII characters that are not white space or digits, and the first and last such
 * character in lower case.
 */
function headerSignature(text: string): number {
  let count = 0;
  let first = 0;
  let last = 0;
  let inDigits = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      if (!inDigits) count++;
      inDigits = true;
      continue;
    }
    inDigits = false;
    if (code > 127 || code <= 32) continue;
    const lower = code >= 65 && code <= 90 ? code | 32 : code;
    count++;
    if (first === 0) first = lower;
    last = lower;
  }
  return count + 256 * (first + 128 * last);
}

/** A line's text with digit runs as `#`, white space folded, lower case: the same on every page. */
function headerKey(text: string): string {
  let masked = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) continue;
    let j = i + 1;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    masked += `${text.slice(from, i)}#`;
    from = j;
    i = j - 1;
  }
  return fold(from === 0 ? text : masked + text.slice(from)).toLowerCase();
}

/** True when a line is too long for the structural passes (one 10 MB line, say). */
export function isOverlong(line: Line): boolean {
  return line.end - line.start > MAX_STRUCTURAL_LINE;
}
