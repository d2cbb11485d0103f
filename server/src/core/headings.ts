import {
  columnSplit,
  continuesName,
  type Doc,
  firstCode,
  hasLine,
  isGap,
  joinedText,
  lastCode,
  lineContinuesName,
  lineEndsLikeGrade,
  lineLength,
  linesSpan,
  nextContent,
  prevContent,
  trimmedEndsLikeGrade,
  trimmedLength,
  trimmedLine,
  wrappedGradeAt,
} from './document';
import type { GradeMatch } from './grades';
import type { Span } from './model';
import { cleanLine, isDigitCode, isWhiteSpaceCode } from './text';

/** A grade stated on or under a heading. */
export interface HeadingGrade {
  readonly source: 'heading' | 'grade-line';
  readonly text: string;
  readonly span: Span;
  /** The whole statement: the heading, or the grade line. */
  readonly statementSpan: Span;
  readonly match: GradeMatch;
}

/** A heading in the body. */
export interface Heading {
  readonly first: number;
  readonly last: number;
  /** The heading's name, without any grade it carries. */
  readonly name: string;
  readonly span: Span;
  readonly kind: 'part' | 'section' | 'headline';
  readonly grade?: HeadingGrade;
  /** Last line belonging to the heading, its grade line included. */
  readonly end: number;
}

const SENTENCE_BREAK = /[a-z)]{2}\.\s+[A-Z]/;
const PART =
  /^(?:the inspection outcomes:|section \d+[:.]|safeguarding services$|services for looked after children$)/i;
const HEADLINE =
  /^(?:the overall judgement(?: is(?: that)?(?: children's services)?)?|children's services in .{2,60}?|this is an? .{0,30}school that|this school)$/i;
const VERB_LABEL = /^requir/i;
/** Letter furniture and `Field: value` lines, which look like headings but are not. */
const NOT_A_HEADING = /^(?:[A-Z][a-z]+(?: [a-z]+)?: |yours (?:sincerely|faithfully)|dear\b|kind regards)|\|/i;

/** `A-Z`, `0-9`, `"`, `'`, `‘`, `(`: the characters a heading may start with (1 by code, else 0). */
const HEADING_START: Uint8Array = (() => {
  const table = new Uint8Array(0x2019);
  for (let code = 65; code <= 90; code++) table[code] = 1;
  for (let code = 48; code <= 57; code++) table[code] = 1;
  for (const code of [34, 39, 0x2018, 40]) table[code] = 1;
  return table;
})();

/** `.!?:"')`: the characters a sentence may end with (1 by code, else 0). */
const SENTENCE_END: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (const code of [46, 33, 63, 58, 34, 39, 41]) table[code] = 1;
  return table;
})();

/** Every line where a heading block may begin. */
function mayStartBlock(doc: Doc, i: number): boolean {
  if (doc.consumed.has(i)) return false;
  const kind = doc.kinds[i];
  if (kind !== 'text' && kind !== 'numbered') return false;
  if (i === 0 || isGap(doc, i - 1) || doc.consumed.has(i - 1) || doc.lines.startsPage[i] === 1) return true;
  // After a paragraph's last sentence, a bullet list, or a short title-like line.
  const end = lastCode(doc, i - 1);
  if (SENTENCE_END[end] === 1 || doc.kinds[i - 1] === 'bullet') return true;
  const start = firstCode(doc, i - 1);
  return (
    trimmedLength(doc, i - 1) <= 80 &&
    start >= 65 &&
    start <= 90 &&
    end !== 44 &&
    end !== 59 &&
    !lineContinuesName(doc, i - 1, i)
  );
}

function isLowerCode(code: number): boolean {
  return code >= 97 && code <= 122;
}

function isUpperCode(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** `text.split(/\s+/).length`, without the array. */
function pieceCount(text: string): number {
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    if (isWhiteSpaceCode(text.charCodeAt(i))) {
      count++;
      while (i + 1 < text.length && isWhiteSpaceCode(text.charCodeAt(i + 1))) i++;
    }
  }
  return count;
}

/** `text.split(' ').length - 1`, without the array. */
function spaceCount(text: string): number {
  let count = 0;
  for (let i = text.indexOf(' '); i >= 0; i = text.indexOf(' ', i + 1)) count++;
  return count;
}

function headingShaped(name: string): boolean {
  if (name.length === 0 || name.length > 220) return false;
  if (!/^[A-Z0-9"'‘(]/.test(name)) return false;
  if (SENTENCE_BREAK.test(name)) return false;
  if (pieceCount(name) > 36) return false;
  return true;
}

/**
 * Decides whether `text` (a heading block's text) ends in a grade in one of the heading shapes:
 * `... Grade 4 (inadequate)`, `...: good`, `... requires improvement`, `... is good`, or a grade in a
 * right-hand column. Returns the name before the grade.
 */
function gradedHeading(
  doc: Doc,
  text: string,
  raw: string,
): { name: string; match: GradeMatch; gradeText: string } | undefined {
  const match = doc.vocab.atEnd(text);
  if (!match) return undefined;
  const before = text.slice(0, match.start);
  const gradeText = text.slice(match.start, match.end);
  const trimmed = before.replace(/[\s*]+$/, '');
  const endsWithStop = /[.]\s*$/.test(text.replace(/\*+\s*$/, ''));
  if (match.number !== undefined) {
    // `... Grade 4 (inadequate)` or `... Inadequate Grade 4`
    const name = trimmed.replace(/[.\s]+$/, '');
    if (!name) return undefined;
    return { name, match, gradeText };
  }
  if (/:$/.test(trimmed)) return { name: trimmed.slice(0, -1).trim(), match, gradeText };
  const copula = /^(.*?)\s+(?:is that it is|is that it|is|are)$/i.exec(trimmed);
  const graded = /graded judge?ment|judge?ment for/i.test(trimmed);
  if (endsWithStop && !graded) return undefined;
  if (copula) return { name: (copula[1] ?? '').trim(), match, gradeText };
  if (VERB_LABEL.test(gradeText)) {
    const name = trimmed.replace(/\s+(?:that|to)$/i, '').trim();
    return name ? { name, match, gradeText } : undefined;
  }
  // A grade in a right-hand column: `Effectiveness of leadership and management      Good`.
  const rawTrim = raw.trimEnd();
  if (/\S\s{3,}$/.test(rawTrim.slice(0, Math.max(0, rawTrim.length - gradeText.length)))) {
    return { name: trimmed, match, gradeText };
  }
  return undefined;
}

/** The grade-only line (possibly wrapped over two lines) at `i`, if there is one. */
function gradeLineAt(
  doc: Doc,
  i: number,
): { last: number; text: string; match: GradeMatch; span: Span } | undefined {
  if (i < 0 || doc.consumed.has(i)) return undefined;
  const kind = doc.kinds[i];
  if (kind !== 'text' && kind !== 'numbered') return undefined;
  if (
    !hasLine(doc, i) ||
    lineLength(doc, i) > 200 ||
    trimmedLength(doc, i) > 60 ||
    !lineEndsLikeGrade(doc, i)
  )
    return undefined;
  const clean = cleanLine(doc.lines, i) as string;
  const wrapped = wrappedGradeAt(doc, i);
  if (wrapped)
    return { last: i + 1, text: wrapped.text, match: wrapped.match, span: linesSpan(doc, i, i + 1) };
  const match = doc.vocab.whole(clean);
  // A bare grade word ending a sentence ("... are\ninadequate.") is prose, not a grade line.
  if (!match || (match.number === undefined && /\.\s*$/.test(clean))) return undefined;
  const at = doc.lines.starts[i] ?? 0;
  return {
    last: i,
    text: clean.slice(match.start, match.end),
    match,
    span: { start: at + match.start, end: at + match.end },
  };
}

/**
 * Is a numbered line a short title (`12. Leadership and management`)? What
 * `/^\s*\d{1,2}\.\s+[A-Z][^.]{0,60}$/` says of its clean text, without a regular expression;
 * `lead` is where the text's first character that is not white space stands.
 */
export function isShortNumberedTitle(clean: string, lead: number): boolean {
  let at = lead;
  while (at < clean.length && at - lead < 3 && isDigitCode(clean.charCodeAt(at))) at++;
  if (at === lead || at - lead > 2 || clean.charCodeAt(at) !== 46) return false;
  const spaces = at + 1;
  at = spaces;
  while (at < clean.length && isWhiteSpaceCode(clean.charCodeAt(at))) at++;
  if (at === spaces || !isUpperCode(clean.charCodeAt(at))) return false;
  return clean.length - (at + 1) <= 60 && clean.indexOf('.', at + 1) < 0;
}

function classifyKind(name: string): Heading['kind'] {
  if (PART.test(name)) return 'part';
  if (HEADLINE.test(name.replace(/[’‘]/g, "'"))) return 'headline';
  return 'section';
}

/** Finds the body's headings, graded or not, in document order. */
export function findHeadings(doc: Doc): Heading[] {
  return withGroupParts(scanHeadings(doc));
}

/**
 * The headings as the scan finds them, line by line, before {@link withGroupParts}: what a heading
 * is depends only on its lines and their neighbours.
 */
export function scanHeadings(doc: Doc): Heading[] {
  const out: Heading[] = [];
  for (let i = 0; i < doc.lines.lineCount; i++) {
    if (!mayStartBlock(doc, i)) continue;
    const found = headingAt(doc, i);
    if (!found) continue;
    out.push(found);
    i = found.end;
  }
  return out;
}

/** The heading starting at line `i`, if any. */
function headingAt(doc: Doc, i: number): Heading | undefined {
  // Cheap rejections first: this runs at every line that may start a block.
  if (!hasLine(doc, i) || lineLength(doc, i) > 400) return undefined;
  // The block: lines i, i + 1, ... (up to four) of plain text.
  let count = 0;
  for (let k = i; k < doc.lines.lineCount && count < 4; k++) {
    if (k > i && (isGap(doc, k) || doc.consumed.has(k) || doc.kinds[k] !== 'text')) break;
    count++;
  }
  // Shapes 0 and 1 need a line of the block that may end in a grade: most blocks have none.
  let mayEndInGrade = false;
  for (let k = i; k < i + count && !mayEndInGrade; k++) mayEndInGrade = lineEndsLikeGrade(doc, k);
  // 0. A heading with its grade in a right-hand column, the name wrapped round it.
  const columned = mayEndInGrade ? columnGradedHeading(doc, i, count) : undefined;
  if (columned) return columned;
  // 1. A grade at the end of the heading text.
  for (let n = 0; n < count && mayEndInGrade && doc.kinds[i] !== 'numbered'; n++) {
    const last = i + n;
    if (n > 0 && !lineContinuesName(doc, last - 1, last) && !isLowerCode(firstCode(doc, last))) break;
    if (!lineEndsLikeGrade(doc, last)) continue;
    const text = joinedText(doc, i, last);
    if (!headingShaped(text) && !/Grade\s*\d/i.test(text)) continue;
    const after = last + 1;
    const closes =
      after >= doc.lines.lineCount ||
      isGap(doc, after) ||
      doc.consumed.has(after) ||
      doc.kinds[after] !== 'text' ||
      isUpperCode(firstCode(doc, after));
    if (!closes) continue;
    const graded = gradedHeading(doc, text, cleanLine(doc.lines, last) ?? '');
    if (!graded || !headingShaped(graded.name)) continue;
    const span = linesSpan(doc, i, last);
    const gradeSpan = gradeSpanIn(doc, i, last, graded.gradeText);
    return {
      first: i,
      last,
      name: graded.name,
      span,
      kind: classifyKind(graded.name) === 'headline' ? 'headline' : 'section',
      grade: {
        source: 'heading',
        text: graded.gradeText,
        span: gradeSpan,
        statementSpan: span,
        match: graded.match,
      },
      end: last,
    };
  }
  // 2. A heading followed by a grade line, or 3. a plain heading.
  if (trimmedLength(doc, i) > 160) return undefined;
  if (
    doc.kinds[i] === 'numbered' &&
    !isShortNumberedTitle(cleanLine(doc.lines, i) as string, doc.lines.lead[i] ?? 0)
  )
    return undefined;
  let last = i;
  for (let n = 1; n < count && n < 3; n++) {
    const k = i + n;
    if (gradeLineAt(doc, k)) break;
    if (!lineContinuesName(doc, k - 1, k)) break;
    last = k;
  }
  // The name's first and last characters, and what follows it, rule out most lines before it is built.
  if (HEADING_START[firstCode(doc, i)] !== 1) return undefined;
  const nameEnd = lastCode(doc, last);
  if (nameEnd === 46 || nameEnd === 44 || nameEnd === 59) return undefined;
  const gradeLine = gradeLineAt(doc, nextContent(doc, last + 1, 3));
  const after = last + 1;
  const standsAlone =
    after >= doc.lines.lineCount ||
    isGap(doc, after) ||
    doc.consumed.has(after) ||
    doc.kinds[after] !== 'text';
  if (!gradeLine && !standsAlone) {
    if (last !== i || !isGap(doc, i - 1)) return undefined;
    if (trimmedLength(doc, after) < 60 || !isUpperCode(firstCode(doc, after))) return undefined;
  }
  const name = joinedText(doc, i, last);
  if (!headingShaped(name) || /[.,;]$/.test(name)) return undefined;
  if (/:$/.test(name) && !/record of main findings/i.test(name)) return undefined;
  if (gradeLine) {
    return {
      first: i,
      last,
      name: name.replace(/:$/, ''),
      span: linesSpan(doc, i, last),
      kind: classifyKind(name) === 'part' ? 'part' : 'section',
      grade: {
        source: 'grade-line',
        text: gradeLine.text,
        span: gradeLine.span,
        statementSpan: gradeLine.span,
        match: gradeLine.match,
      },
      end: gradeLine.last,
    };
  }
  // A plain heading must stand alone: followed by a gap or by structure, not by more prose.
  if (!standsAlone) {
    if (last !== i || !isGap(doc, i - 1)) return undefined;
    // A short title-like line followed directly by a paragraph (layout extraction).
    const next = trimmedLine(doc, after);
    if (name.length > 70 || spaceCount(name) >= 10 || next.length < 60 || !/^[A-Z]/.test(next))
      return undefined;
    if (prevContent(doc, i - 1) >= 0 && !/^[A-Z][^.!?]*$/.test(name)) return undefined;
  }
  if (spaceCount(name) >= 20 || NOT_A_HEADING.test(name)) return undefined;
  return {
    first: i,
    last,
    name: name.replace(/:$/, ''),
    span: linesSpan(doc, i, last),
    kind: classifyKind(name),
    end: last,
  };
}

/**
 * Could line `k` end in a grade cell? A cell is a grade (or part of one) ending the line, after a
 * gap of three spaces or alone from column 30; a line with neither, or whose trimmed text cannot end
 * in a grade, holds none.
 */
function mayEndInCell(doc: Doc, k: number): boolean {
  return (
    trimmedEndsLikeGrade(doc, k) &&
    ((doc.lines.lead[k] ?? 0) >= 30 || (cleanLine(doc.lines, k)?.includes('   ') ?? false))
  );
}

/**
 * A heading whose grade stands in a right-hand column of the block `first .. first + count - 1`,
 * one of whose lines may end in a grade (`headingAt` asks only then).
 */
function columnGradedHeading(doc: Doc, first: number, count: number): Heading | undefined {
  let mayHoldCell = false;
  for (let k = first; k < first + count && !mayHoldCell; k++) mayHoldCell = mayEndInCell(doc, k);
  if (!mayHoldCell) return undefined;
  const names: string[] = [];
  const grades: { text: string; start: number; end: number }[] = [];
  let last = -1;
  for (let k = first; k < first + count; k++) {
    const clean = cleanLine(doc.lines, k);
    if (clean === undefined || trimmedLength(doc, k) > 110) return undefined;
    const at = doc.lines.starts[k] ?? 0;
    // A line that cannot end in a cell is part of the name, wherever its gaps are.
    const mayCell = mayEndInCell(doc, k);
    const m = mayCell ? columnSplit(clean, 'first') : undefined;
    const rightStart = m ? m.col : (doc.lines.lead[k] ?? 0);
    const right = m ? m.right : mayCell ? clean.trim() : '';
    const cell =
      mayCell &&
      rightStart >= 30 &&
      (doc.vocab.whole(right) || /^(requires|require|improvement|to be good)$/i.test(right.trim()));
    if (cell) {
      grades.push({
        text: right.trim(),
        start: at + rightStart,
        end: at + rightStart + right.trim().length,
      });
      if (m?.left) names.push(m.left.trim());
    } else {
      if (grades.length > 0 && names.length > 0 && !continuesName(names[names.length - 1] ?? '', clean))
        break;
      names.push(clean.trim());
    }
    last = k;
  }
  if (grades.length === 0 || names.length === 0 || last < 0) return undefined;
  const after = last + 1;
  if (
    after < doc.lines.lineCount &&
    !isGap(doc, after) &&
    doc.kinds[after] === 'text' &&
    /^[a-z]/.test(trimmedLine(doc, after))
  )
    return undefined;
  const gradeText = grades.map((g) => g.text).join(' ');
  const match = doc.vocab.whole(gradeText);
  const name = names.join(' ').replace(/\s+/g, ' ').trim();
  if (!match || !headingShaped(name) || /[.;,]$/.test(name)) return undefined;
  const span = linesSpan(doc, first, last);
  const g0 = grades[0] as { start: number };
  const gl = grades[grades.length - 1] as { end: number };
  return {
    first,
    last,
    name,
    span,
    kind: classifyKind(name) === 'headline' ? 'headline' : 'section',
    grade: {
      source: 'heading',
      text: gradeText,
      span: { start: g0.start, end: gl.end },
      statementSpan: span,
      match,
    },
    end: last,
  };
}

/** The report's headline verdict near the top ("Children's services in Kent are good"), consumed before tables. */
export function findHeadline(doc: Doc): Heading | undefined {
  for (let i = 0; i < Math.min(doc.lines.lineCount, 40); i++) {
    // A line too long for the structural passes is prose, not a headline (nor part of one).
    if (isGap(doc, i) || doc.consumed.has(i) || doc.kinds[i] === 'long') continue;
    for (let last = i; last <= i + 1 && last < doc.lines.lineCount; last++) {
      if (
        last > i &&
        (isGap(doc, last) ||
          doc.kinds[last] === 'long' ||
          (!lineContinuesName(doc, last - 1, last) && !/^[a-z]/.test(trimmedLine(doc, last))))
      )
        break;
      if (!trimmedEndsLikeGrade(doc, last)) continue;
      const text = joinedText(doc, i, last).replace(/[’‘]/g, "'");
      const match = doc.vocab.atEnd(text);
      if (!match || match.number !== undefined) continue;
      const name = text
        .slice(0, match.start)
        .replace(/\s+(?:is|are)\s*$/i, '')
        .trim();
      if (!HEADLINE.test(name)) continue;
      for (let k = i; k <= last; k++) doc.consumed.add(k);
      const span = linesSpan(doc, i, last);
      return {
        first: i,
        last,
        name,
        span,
        kind: 'headline',
        grade: {
          source: 'heading',
          text: text.slice(match.start, match.end),
          span: gradeSpanIn(doc, i, last, text.slice(match.start, match.end)),
          statementSpan: span,
          match,
        },
        end: last,
      };
    }
  }
  return undefined;
}

function gradeSpanIn(doc: Doc, first: number, last: number, gradeText: string): Span {
  // The grade words end the heading; they may be wrapped over its last two lines.
  const lastClean = cleanLine(doc.lines, last);
  if (lastClean === undefined) return { start: 0, end: 0 };
  const lastStart = doc.lines.starts[last] ?? 0;
  const words = gradeText.split(/\s+/);
  const tail = lastClean.trimEnd().replace(/[\s*.]+$/, '');
  const end = lastStart + tail.length;
  const lastWord = words[words.length - 1] ?? '';
  const joinedOnLast = words.join(' ');
  const idx = tail.toLowerCase().lastIndexOf(joinedOnLast.toLowerCase());
  if (idx >= 0) return { start: lastStart + idx, end };
  if (last > first) {
    const prevClean = cleanLine(doc.lines, last - 1);
    if (prevClean !== undefined) {
      const firstWord = words[0] ?? '';
      const p = prevClean.toLowerCase().lastIndexOf(firstWord.toLowerCase());
      if (p >= 0) return { start: (doc.lines.starts[last - 1] ?? 0) + p, end };
    }
  }
  const w = tail.toLowerCase().lastIndexOf(lastWord.toLowerCase());
  return { start: lastStart + Math.max(0, w), end };
}

/** The headings, each one directly followed by an "Overall effectiveness" heading made a part (SLAC reports). */
export function withGroupParts(scanned: readonly Heading[]): Heading[] {
  const headings = [...scanned];
  for (let h = 0; h + 1 < headings.length; h++) {
    const here = headings[h] as Heading;
    const next = headings[h + 1] as Heading;
    if (here.kind !== 'section' || here.grade) continue;
    if (/^overall effectiveness$/i.test(next.name) && next.first - here.last <= 4) {
      headings[h] = { ...here, kind: 'part' };
    }
  }
  return headings;
}
