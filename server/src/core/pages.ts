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
  const byKey = new Map<string, { pages: Set<number>; lines: number[] }>();
  const note = (index: number, page: number) => {
    const line = lines[index];
    if (!line || line.clean.length > 200) return;
    const key = headerKey(line.clean);
    if (key.length < 3 || key === '#') return;
    let entry = byKey.get(key);
    if (!entry) byKey.set(key, (entry = { pages: new Set(), lines: [] }));
    entry.pages.add(page);
    entry.lines.push(index);
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
  for (const entry of byKey.values()) {
    if (entry.pages.size >= minPages) for (const index of entry.lines) debris.add(index);
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
