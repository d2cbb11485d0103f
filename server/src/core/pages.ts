import { LineSet } from './lineSet';
import { cleanLine, fold, lineBase, lineSource, type TextLines } from './text';

const PAGE_NUMBER = /^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$/i;

/** True when a line (clean text) holds only a page number: `12`, `Page 3`, `4 of 20`. */
export function isPageNumber(clean: string): boolean {
  return clean.length < 200 && PAGE_NUMBER.test(clean);
}

/**
 * What the running-header search saw: which lines it compared across pages, and on how many
 * pages each {@link headerSignature} was seen. A line it did not compare, or whose old and new
 * signatures stay under `minPages`, can change without changing what is debris.
 */
export interface PageNotes {
  /** Lines compared across pages (near a page break, not blank). */
  readonly noted: LineSet;
  /** Pages on which each signature was seen (at most: an edit only ever adds to these). */
  readonly signaturePages: Map<number, number>;
  /** Pages a running header must be seen on. */
  readonly minPages: number;
}

/** Debris lines, and what the running-header search saw to find them. */
export interface DebrisScan {
  readonly debris: LineSet;
  readonly notes: PageNotes;
}

/**
 * Extraction debris (DOMAIN.md section 3): running headers and footers repeated at page breaks,
 * and lines holding only a page number; with the notes an edit needs to tell whether it could
 * change the debris.
 */
export function scanDebris(text: TextLines): DebrisScan {
  const count = text.lineCount;
  const debris = new LineSet(count);
  for (let i = 0; i < count; i++) {
    // A page number starts with a digit or "Page" and ends with a digit (blank lines have 0):
    // other lines are not read.
    const first = text.firstCodes[i] as number;
    if (!((first >= 48 && first <= 57) || (first | 32) === 112)) continue;
    const last = text.lastCodes[i] as number;
    if (last < 48 || last > 57) continue;
    if (isPageNumber(cleanLine(text, i) as string)) debris.add(i);
  }

  const noted = new LineSet(count);
  const signaturePages = new Map<number, number>();
  const breaks = text.pageStarts;
  const minPages = Math.max(3, Math.floor(breaks.length / 4));
  const scan = { debris, notes: { noted, signaturePages, minPages } };
  if (breaks.length < 2) return scan;

  // Lines near page breaks, keyed with digits masked; a key seen on several pages is a running header.
  // A cheap signature counts pages first, so that full keys are built only for lines that repeat.
  // At most seven lines a page (three after the break, four before): typed arrays, made once.
  const most = breaks.length * 7;
  const notedLines = new Int32Array(most);
  const notedPages = new Int32Array(most);
  const notedSignatures = new Int32Array(most);
  let noteCount = 0;
  /** The signatures noted for the page being read: each counts once a page. */
  const onPage: number[] = [];
  const note = (index: number, page: number) => {
    if (index < 0 || index >= count) return;
    noted.add(index);
    const length = (text.ends[index] as number) - (text.starts[index] as number);
    if (length > 200) return;
    // Read in place, in the text or in the line's clean text: no string made for the line. Its
    // white space at either end (often most of a running header) signs nothing and is not read.
    const base = lineBase(text, index);
    const signature = headerSignatureIn(
      lineSource(text, index),
      base + (text.lead[index] as number),
      base + (text.tail[index] as number),
    );
    if (!onPage.includes(signature)) {
      onPage.push(signature);
      signaturePages.set(signature, (signaturePages.get(signature) ?? 0) + 1);
    }
    notedLines[noteCount] = index;
    notedPages[noteCount] = page;
    notedSignatures[noteCount] = signature;
    noteCount++;
  };
  breaks.forEach((at, page) => {
    onPage.length = 0;
    let seen = 0;
    // Within 40 lines of the break: a run of blank pages must not make this quadratic.
    for (let i = at; i < count && i < at + 40 && seen < 3; i++) {
      if ((text.tail[i] ?? 0) > (text.lead[i] ?? 0)) {
        note(i, page);
        seen++;
      }
    }
    seen = 0;
    for (let i = at - 1; i >= 0 && i > at - 40 && seen < 4; i--) {
      if ((text.tail[i] ?? 0) > (text.lead[i] ?? 0)) {
        note(i, page);
        seen++;
      }
    }
  });
  // Equal keys have equal signatures: only lines whose signature is on enough pages can repeat.
  const keys: (string | undefined)[] = new Array<string | undefined>(noteCount);
  // Per key, how many pages it was seen on, and the last (notes come in page order).
  const pagesByKey = new Map<string, { last: number; count: number }>();
  for (let k = 0; k < noteCount; k++) {
    if ((signaturePages.get(notedSignatures[k] as number) ?? 0) < minPages) continue;
    const key = headerKey(cleanLine(text, notedLines[k] as number) as string);
    keys[k] = key;
    if (key.length < 3 || key === '#') continue;
    const page = notedPages[k] as number;
    const pages = pagesByKey.get(key);
    if (!pages) pagesByKey.set(key, { last: page, count: 1 });
    else if (pages.last !== page) {
      pages.last = page;
      pages.count++;
    }
  }
  for (let k = 0; k < noteCount; k++) {
    const key = keys[k];
    if (key !== undefined && (pagesByKey.get(key)?.count ?? 0) >= minPages)
      debris.add(notedLines[k] as number);
  }
  return scan;
}

/** How many significant characters at each end of a line make its {@link headerSignature}. */
const SIGNATURE_ENDS = 6;

/**
 * A number equal for every two lines whose {@link headerKey}s are equal: a hash of the first and
 * the last few ASCII characters that are not white space, in lower case, each digit run counted as
 * one `#`. Reads only the ends of the line.
 */
export function headerSignature(text: string): number {
  return headerSignatureIn(text, 0, text.length);
}

/** {@link headerSignature} of `text.slice(from, to)`, read in place. */
function headerSignatureIn(text: string, from: number, to: number): number {
  let hash = 0;
  let taken = 0;
  let i = from;
  for (; i < to && taken < SIGNATURE_ENDS; i++) {
    const token = significant(text, i, i + 1, from, to);
    if (token === 0) continue;
    hash = (Math.imul(hash, 31) + token) | 0;
    taken++;
  }
  taken = 0;
  for (let j = to - 1; j >= i && taken < SIGNATURE_ENDS; j--) {
    const token = significant(text, j, j - 1, from, to);
    if (token === 0) continue;
    hash = (Math.imul(hash, 37) + token) | 0;
    taken++;
  }
  return hash;
}

/**
 * The character at `i` as a signature token: 0 for white space, characters outside ASCII and every
 * digit of a run but one (the one next to `neighbour` being a digit too), `#` for a digit, else the
 * character in lower case. Only `[from, to)` is read.
 */
function significant(text: string, i: number, neighbour: number, from: number, to: number): number {
  const code = text.charCodeAt(i);
  if (code >= 48 && code <= 57) {
    // Bounds checked by hand: reading past either end would deoptimise this hot loop.
    const next = neighbour >= from && neighbour < to ? text.charCodeAt(neighbour) : -1;
    return next >= 48 && next <= 57 ? 0 : 35;
  }
  if (code > 127 || code <= 32) return 0;
  return code >= 65 && code <= 90 ? code | 32 : code;
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
