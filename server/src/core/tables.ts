import {
  columnSplit,
  type Doc,
  hasLine,
  isGap,
  joinedText,
  lastCode,
  lineContinuesName,
  lineEndsLikeGrade,
  lineLength,
  linesSpan,
  trimmedEndsLikeGrade,
  trimmedLength,
  trimmedLine,
  wrappedGradeAt,
} from './document';
import type { GradeMatch } from './grades';
import type { Span, SummaryTable } from './model';
import { cleanLine, contentEnd, contentStart } from './text';

/**
 * Summary tables in their four layouts (DOMAIN.md section 2): tab-separated, markdown pipes,
 * space-aligned columns with wrapped cells (pdftotext -layout), and one cell per line (reading
 * order). Rows with no grade are group rows.
 */

/** A table row before it is linked to a judgement. */
export interface ParsedRow {
  /** Name with any leading numbering (`2.1`, `1.`) removed. */
  readonly name: string;
  /** Leading numbering as written (`2.1`), if any. */
  readonly numbering?: string;
  readonly nameSpan: Span;
  readonly span: Span;
  readonly grade?: { readonly text: string; readonly span: Span; readonly match: GradeMatch };
  readonly line: number;
}

/** A parsed table and the lines it owns. */
export interface ParsedTable {
  readonly title: string;
  readonly span: Span;
  readonly layout: SummaryTable['layout'];
  readonly rows: readonly ParsedRow[];
  readonly firstLine: number;
  readonly lastLine: number;
}

const NUMBERING = /^((?:\d{1,2}(?:\.\d{1,2})*)\.?|[a-z]\.)\s+/;
const TITLE_LINE =
  /^(record of main findings|judgements?(\s+grade)?|key judgement|grades?|summary of judgements|judgement\s+grade)\b/i;
const WORD_GRADE_PARTIAL = /^(requires|require)$/i;

/** A row, always with the same properties (absent ones undefined), so every row has one shape. */
function parsedRow(
  split: SplitName,
  nameSpan: Span,
  span: Span,
  line: number,
  grade?: ParsedRow['grade'],
): ParsedRow {
  return { name: split.name, numbering: split.numbering, nameSpan, span, line, grade };
}

/** A row's name and its leading numbering; both properties always present, so every split has one shape. */
interface SplitName {
  readonly name: string;
  readonly numbering: string | undefined;
}

function splitNumbering(name: string): SplitName {
  const m = NUMBERING.exec(name);
  if (!m) return { name, numbering: undefined };
  return { name: name.slice(m[0].length).trim(), numbering: (m[1] ?? '').replace(/\.$/, '') };
}

function titleAbove(doc: Doc, line: number): string {
  for (let i = line - 1; i >= 0 && i >= line - 4; i--) {
    const text = trimmedLine(doc, i);
    if (!text) continue;
    if (TITLE_LINE.test(text)) return text.replace(/\s{2,}/g, ' / ').replace(/[:\s]+$/, '');
    break;
  }
  return '';
}

/** Finds every summary table, marking its lines consumed. */
export function findTables(doc: Doc): ParsedTable[] {
  const tables = [...delimitedTables(doc), ...columnTables(doc)];
  tables.push(...cellTables(doc));
  return tables.sort((a, b) => a.firstLine - b.firstLine);
}

function consume(doc: Doc, first: number, last: number) {
  for (let i = first; i <= last; i++) doc.consumed.add(i);
}

// ---------- tab and pipe tables ----------

function cellsOf(text: string, kind: 'tab' | 'pipe'): { cells: string[]; offsets: number[] } {
  const cells: string[] = [];
  const offsets: number[] = [];
  const sep = kind === 'tab' ? 9 : 124;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === sep) {
      // The cell trimmed (as `trim`), and where it starts: no copy but the cell itself.
      const from = contentStart(text, start, i);
      cells.push(text.slice(from, contentEnd(text, from, i)));
      offsets.push(from);
      start = i + 1;
    }
  }
  if (kind === 'pipe') {
    // Drop the empty cells outside the outer pipes.
    if (cells[0] === '') {
      cells.shift();
      offsets.shift();
    }
    if (cells[cells.length - 1] === '') {
      cells.pop();
      offsets.pop();
    }
  }
  return { cells, offsets };
}

function delimitedTables(doc: Doc): ParsedTable[] {
  const out: ParsedTable[] = [];
  let i = 0;
  while (i < doc.lines.lineCount) {
    const kind = doc.kinds[i];
    if (kind !== 'tab' && kind !== 'pipe') {
      i++;
      continue;
    }
    const first = i;
    let last = i;
    let j = i + 1;
    while (j < doc.lines.lineCount) {
      const k = doc.kinds[j];
      if (k === kind) {
        last = j;
        j++;
      } else if (isGap(doc, j) && j - last <= 2) j++;
      else break;
    }
    const table = parseDelimited(doc, first, last, kind);
    if (table) {
      out.push(table);
      consume(doc, first, last);
    }
    i = last + 1;
  }
  return out;
}

function parseDelimited(
  doc: Doc,
  first: number,
  last: number,
  kind: 'tab' | 'pipe',
): ParsedTable | undefined {
  const rows: ParsedRow[] = [];
  let graded = 0;
  let numeric = 0;
  for (let i = first; i <= last; i++) {
    const clean = cleanLine(doc.lines, i);
    if (clean === undefined || doc.kinds[i] !== kind) continue;
    if (/^[\s|:-]+$/.test(clean)) continue;
    const at = doc.lines.starts[i] ?? 0;
    const { cells, offsets } = cellsOf(clean, kind);
    // The filled cells: how many, and the first and last.
    let filled = 0;
    let headCell = -1;
    let tailCell = -1;
    for (let k = 0; k < cells.length; k++) {
      if (cells[k] === '') continue;
      filled++;
      if (headCell < 0) headCell = k;
      tailCell = k;
    }
    if (filled === 0) continue;
    const head = { c: cells[headCell] as string, o: offsets[headCell] as number };
    const tail = { c: cells[tailCell] as string, o: offsets[tailCell] as number };
    const split = splitNumbering(head.c.replace(/\*\*/g, '').trim());
    const nameSpan = { start: at + head.o, end: at + head.o + head.c.length };
    const rowSpan = { start: at + head.o, end: at + tail.o + tail.c.length };
    if (filled === 1) {
      rows.push(parsedRow(split, nameSpan, rowSpan, i));
      continue;
    }
    if (/^\d{1,3}$/.test(tail.c)) numeric++;
    const match = doc.vocab.whole(tail.c);
    if (match && filled === 2 && !/\(grade\s*\d/i.test(head.c)) {
      graded++;
      const gs = at + tail.o;
      rows.push(
        parsedRow(split, nameSpan, rowSpan, i, {
          text: tail.c.slice(match.start, match.end),
          span: { start: gs + match.start, end: gs + match.end },
          match,
        }),
      );
    } else if (filled >= 2) {
      // Not a grade row: a contents or scale line. Keep the table only if it is mostly graded rows.
      rows.push(parsedRow(split, nameSpan, rowSpan, i));
    }
  }
  const title = titleAbove(doc, first);
  if (graded < (title ? 1 : 2) || graded < numeric) return undefined;
  return {
    title: title || 'Summary table',
    span: linesSpan(doc, first, last),
    layout: kind,
    rows,
    firstLine: first,
    lastLine: last,
  };
}

// ---------- space-aligned columns (pdftotext -layout) ----------

interface Anchor {
  readonly line: number;
  /** Column where the grade text starts. */
  readonly col: number;
}

function rightPart(text: string, minCol: number): { left: string; right: string; col: number } | undefined {
  const split = columnSplit(text, 'last');
  if (!split || split.col < minCol) return undefined;
  return split;
}

function isGradeCell(doc: Doc, text: string): boolean {
  return doc.vocab.whole(text) !== undefined || WORD_GRADE_PARTIAL.test(text.trim());
}

function columnAnchors(doc: Doc): Anchor[] {
  const anchors: Anchor[] = [];
  for (let i = 0; i < doc.lines.lineCount; i++) {
    if (doc.consumed.has(i)) continue;
    const kind = doc.kinds[i];
    if (kind !== 'text' && kind !== 'numbered') continue;
    // A grade cell ends its line, so a line that cannot end in a grade holds none.
    if (lineLength(doc, i) > 300 || !lineEndsLikeGrade(doc, i)) continue;
    const clean = cleanLine(doc.lines, i) as string;
    const part = rightPart(clean, 24);
    if (!part || !isGradeCell(doc, part.right)) continue;
    // A sentence that happens to end in a grade word after wide spacing is not a cell.
    if (/[.;]$/.test(part.left)) continue;
    anchors.push({ line: i, col: part.col });
  }
  return anchors;
}

function columnTables(doc: Doc): ParsedTable[] {
  const anchors = columnAnchors(doc);
  const out: ParsedTable[] = [];
  let k = 0;
  while (k < anchors.length) {
    const group: Anchor[] = [anchors[k] as Anchor];
    while (k + 1 < anchors.length) {
      const prev = group[group.length - 1] as Anchor;
      const next = anchors[k + 1] as Anchor;
      if (
        next.line - prev.line > 7 ||
        Math.abs(next.col - prev.col) > 12 ||
        hasProseBetween(doc, prev.line, next.line)
      )
        break;
      group.push(next);
      k++;
    }
    k++;
    const firstAnchor = group[0] as Anchor;
    const header = headerAbove(doc, firstAnchor.line);
    if (group.length < 2 && header < 0) continue;
    const table = parseColumns(doc, group, header);
    if (table) out.push(table);
  }
  return out;
}

function hasProseBetween(doc: Doc, a: number, b: number): boolean {
  for (let i = a + 1; i < b; i++) {
    const text = trimmedLine(doc, i);
    if (text.length > 90 || /[a-z]\.\s+[A-Z]/.test(text) || /\.$/.test(text)) return true;
  }
  return false;
}

/** A `Judgement   Grade` header line just above `line`, or -1. */
function headerAbove(doc: Doc, line: number): number {
  for (let i = line - 1; i >= 0 && i >= line - 4; i--) {
    const text = trimmedLine(doc, i);
    if (/^(key\s+)?judgements?\s{2,}(judgement\s+)?grade$/i.test(text)) return i;
    if (text && !lineContinuesName(doc, i, i + 1) && i < line - 2) break;
  }
  return -1;
}

function parseColumns(doc: Doc, group: readonly Anchor[], header: number): ParsedTable | undefined {
  const gradeCol = Math.min(...group.map((a) => a.col));
  const firstAnchor = (group[0] as Anchor).line;
  const lastAnchor = (group[group.length - 1] as Anchor).line;
  // Extend to the wrapped name lines of the first and last rows (their blank-line blocks).
  const cellLike = (k: number) => {
    const t = trimmedLine(doc, k);
    return (
      !isGap(doc, k) &&
      !doc.consumed.has(k) &&
      t.length <= 100 &&
      !/[.;]$/.test(t) &&
      !/[a-z]\.\s+[A-Z]/.test(t)
    );
  };
  let first = firstAnchor;
  while (first - 1 > header && first > firstAnchor - 3 && cellLike(first - 1)) first--;
  let last = lastAnchor;
  while (last + 1 < doc.lines.lineCount && last < lastAnchor + 3 && cellLike(last + 1)) {
    const below = cleanLine(doc.lines, last + 1) ?? '';
    const part = rightPart(below, gradeCol - 3);
    const gradeTail =
      part && !part.left && /^(to be good|improvement|improvement to be good)$/i.test(part.right);
    const nameTail = !part && lineContinuesName(doc, last, last + 1);
    const here = rightPart(cleanLine(doc.lines, last) ?? '', gradeCol - 3);
    const rowTail = here !== undefined && (!here.left || /^requires?$/i.test(here.right));
    if (!gradeTail && !nameTail && !rowTail) break;
    last++;
  }

  // Blocks of lines separated by blank lines; each block is one row unless it holds several graded lines.
  const rows: ParsedRow[] = [];
  let blockStart = -1;
  for (let i = first; i <= last + 1; i++) {
    const gap = i > last || isGap(doc, i);
    if (!gap && blockStart < 0) blockStart = i;
    if (gap && blockStart >= 0) {
      rows.push(...blockRows(doc, blockStart, i - 1, gradeCol));
      blockStart = -1;
    }
  }
  const graded = rows.filter((r) => r.grade);
  if (graded.length === 0) return undefined;
  consume(doc, header >= 0 ? header : first, last);
  return {
    title: header >= 0 ? 'Judgements' : titleAbove(doc, first) || 'Summary table',
    span: linesSpan(doc, header >= 0 ? header : first, last),
    layout: 'columns',
    rows,
    firstLine: header >= 0 ? header : first,
    lastLine: last,
  };
}

interface Piece {
  readonly line: number;
  readonly left: string;
  readonly leftStart: number;
  readonly right: string;
  readonly rightStart: number;
}

function piecesOf(doc: Doc, first: number, last: number, gradeCol: number): Piece[] {
  const pieces: Piece[] = [];
  for (let i = first; i <= last; i++) {
    const text = cleanLine(doc.lines, i);
    if (text === undefined) continue;
    const at = doc.lines.starts[i] ?? 0;
    const part = rightPart(text, gradeCol - 3);
    const lead = doc.lines.lead[i] ?? 0;
    if (part) {
      const rightStart = text.indexOf(part.right, part.left ? lead + part.left.length : 0);
      pieces.push({
        line: i,
        left: part.left,
        leftStart: at + lead,
        right: part.right,
        rightStart: at + rightStart,
      });
    } else {
      pieces.push({
        line: i,
        left: text.trim(),
        leftStart: at + lead,
        right: '',
        rightStart: doc.lines.ends[i] ?? 0,
      });
    }
  }
  return pieces;
}

function blockRows(doc: Doc, first: number, last: number, gradeCol: number): ParsedRow[] {
  const pieces = piecesOf(doc, first, last, gradeCol);
  const fullRows = pieces.filter((p) => p.left && doc.vocab.whole(p.right));
  const groups: Piece[][] = [];
  if (fullRows.length >= 2) {
    // Several complete rows without blank lines between them: one row per graded line.
    for (const p of pieces) {
      if (p.left && doc.vocab.whole(p.right)) groups.push([p]);
      else if (groups.length > 0) (groups[groups.length - 1] as Piece[]).push(p);
      else groups.push([p]);
    }
  } else groups.push(pieces);
  return groups.map((g) => rowFromPieces(doc, g)).filter((r): r is ParsedRow => r !== undefined);
}

function rowFromPieces(doc: Doc, pieces: readonly Piece[]): ParsedRow | undefined {
  const names = pieces.filter((p) => p.left);
  const grades = pieces.filter((p) => p.right);
  if (names.length === 0) return undefined;
  const rawName = names.map((p) => p.left).join(' ');
  if (TITLE_LINE.test(rawName.trim())) return undefined;
  const split = splitNumbering(rawName.replace(/\s+/g, ' ').trim());
  const firstName = names[0] as Piece;
  const nameSpan = { start: firstName.leftStart, end: firstName.leftStart + firstName.left.length };
  const firstPiece = pieces[0] as Piece;
  const lastPiece = pieces[pieces.length - 1] as Piece;
  const span = linesSpan(doc, firstPiece.line, lastPiece.line);
  if (grades.length === 0) return parsedRow(split, nameSpan, span, firstName.line);
  const gradeText = grades.map((p) => p.right).join(' ');
  const match = doc.vocab.whole(gradeText);
  if (!match) return parsedRow(split, nameSpan, span, firstName.line);
  const g0 = grades[0] as Piece;
  const gl = grades[grades.length - 1] as Piece;
  return parsedRow(split, nameSpan, span, firstName.line, {
    text: gradeText.replace(/\s+/g, ' '),
    span: { start: g0.rightStart, end: gl.rightStart + gl.right.length },
    match,
  });
}

// ---------- one cell per line (reading-order extraction) ----------

function gradeOnlyAt(doc: Doc, i: number): { last: number; text: string; match: GradeMatch } | undefined {
  if (!hasLine(doc, i) || doc.consumed.has(i) || (doc.kinds[i] !== 'text' && doc.kinds[i] !== 'numbered'))
    return undefined;
  if (trimmedLength(doc, i) > 60 || lastCode(doc, i) === 46) return undefined;
  const wrapped = wrappedGradeAt(doc, i);
  if (wrapped) return { last: i + 1, text: wrapped.text, match: wrapped.match };
  if (!trimmedEndsLikeGrade(doc, i)) return undefined;
  const text = trimmedLine(doc, i);
  const match = doc.vocab.whole(text);
  return match ? { last: i, text, match } : undefined;
}

function cellTables(doc: Doc): ParsedTable[] {
  const out: ParsedTable[] = [];
  let rows: ParsedRow[] = [];
  let first = -1;
  let lastLine = -1;
  const flush = () => {
    if (rows.filter((r) => r.grade).length >= 2) {
      consume(doc, first, lastLine);
      out.push({
        title: titleAbove(doc, first) || 'Summary table',
        span: linesSpan(doc, first, lastLine),
        layout: 'cells',
        rows,
        firstLine: first,
        lastLine,
      });
    }
    rows = [];
    first = -1;
    lastLine = -1;
  };
  for (let i = 0; i < doc.lines.lineCount; i++) {
    const grade = gradeOnlyAt(doc, i);
    if (!grade) continue;
    // The name block: up to four short lines just above, after at most one blank line.
    let end = i - 1;
    while (end >= 0 && isGap(doc, end) && end >= i - 2) end--;
    if (end < 0 || isGap(doc, end) || doc.consumed.has(end)) continue;
    let start = end;
    while (start - 1 >= 0 && !isGap(doc, start - 1) && !doc.consumed.has(start - 1) && start > end - 3)
      start--;
    // A name block stands on its own; lines in the middle of a paragraph are not cells.
    if (start - 1 >= 0 && !isGap(doc, start - 1) && !doc.consumed.has(start - 1)) continue;
    const nameLines: number[] = [];
    for (let j = start; j <= end; j++) nameLines.push(j);
    if (
      nameLines.some(
        (j) => (hasLine(doc, j) ? trimmedLength(doc, j) : 99) > 80 || /[.;]$/.test(trimmedLine(doc, j)),
      )
    )
      continue;
    if (first >= 0 && start - lastLine > 3) flush();
    if (first < 0) first = start;
    // Split the block where a new name begins: earlier names are group rows or the title.
    const segments: number[][] = [];
    for (const j of nameLines) {
      const prev = segments[segments.length - 1];
      if (prev && lineContinuesName(doc, prev[prev.length - 1] as number, j)) prev.push(j);
      else segments.push([j]);
    }
    // A loop, not a callback: a closure over `i` would cost a context on every line.
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s] as number[];
      const a = seg[0] as number;
      const b = seg[seg.length - 1] as number;
      const name = joinedText(doc, a, b);
      if (TITLE_LINE.test(name)) continue;
      const split = splitNumbering(name);
      const nameSpan = linesSpan(doc, a, a);
      if (!hasLine(doc, a)) continue;
      if (s < segments.length - 1) {
        rows.push(parsedRow(split, nameSpan, linesSpan(doc, a, b), a));
        continue;
      }
      // The grade's lines (one, or two when wrapped) without their outer white space.
      const gradeSpan = linesSpan(doc, i, grade.last);
      rows.push(
        parsedRow(split, nameSpan, { start: nameSpan.start, end: gradeSpan.end }, a, {
          text: grade.text,
          span: gradeSpan,
          match: grade.match,
        }),
      );
    }
    lastLine = grade.last;
    i = grade.last;
  }
  flush();
  return out;
}
