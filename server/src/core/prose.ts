import { type Doc, firstCode, isGap, lastCode, lineLength, lineMayStateGrade } from './document';
import type { GradeVocabulary } from './grades';
import type { LineSet } from './lineSet';
import type { Span } from './model';
import { cleanLine, cleanSlice, contentStart, isDigitCode, lineBase, lineSource } from './text';

/** A sentence that states a grade: "Service responsiveness is inadequate." */
export interface ProseStatement {
  /** Who or what the sentence grades, as written. */
  readonly subject: string;
  readonly gradeText: string;
  readonly gradeSpan: Span;
  readonly span: Span;
  /** 0 for a paragraph's opening sentence, 1 for the next. */
  readonly sentence: number;
  /** First line of the paragraph. */
  readonly paragraphLine: number;
  readonly line: number;
}

/** Maps offsets in a joined paragraph back to the text. */
interface Piece {
  readonly at: number;
  readonly offset: number;
  readonly length: number;
}

const MAX_SENTENCE = 420;
const LEAD_IN =
  /^(?:(?:however|overall|therefore|as a result|consequently|currently|in summary|in addition|also|in [A-Z][\w' ]{1,30}),\s+)/i;
const BAD_SUBJECT_END =
  /(?:^|\s)(?:not|no longer|not yet|at least|that|which|who|where|when|if|as|been|be|being)$/i;

/** `.!?` */
const SENTENCE_END = [46, 33, 63];

/** Does a line starting with this character carry on the sentence before it? (`a-z0-9("'`) */
function continuesSentence(first: number): boolean {
  return (
    (first >= 97 && first <= 122) ||
    (first >= 48 && first <= 57) ||
    first === 40 ||
    first === 34 ||
    first === 39
  );
}

/** Paragraph starts: numbered lines, and lines that begin a block of prose. */
function paragraphStarts(doc: Doc, skip: LineSet): number[] {
  const starts: number[] = [];
  for (let i = 0; i < doc.lines.lineCount; i++) {
    if (skip.has(i) || doc.consumed.has(i)) continue;
    const kind = doc.kinds[i];
    if (
      kind === 'numbered' ||
      (kind === 'long' && /^\s*\d{1,3}\.\s/.test(cleanLine(doc.lines, i)?.slice(0, 10) ?? ''))
    ) {
      starts.push(i);
      continue;
    }
    if (kind !== 'text' && kind !== 'long') continue;
    const first = firstCode(doc, i);
    if (!(first === 34 || first === 39 || (first >= 65 && first <= 90))) continue;
    const prevIndex = i - 1;
    if (prevIndex < 0 || isGap(doc, prevIndex) || skip.has(prevIndex) || doc.consumed.has(prevIndex)) {
      starts.push(i);
      continue;
    }
    const prevEnd = doc.lines.tail[prevIndex] ?? 0;
    const prevLast = lastCode(doc, prevIndex);
    // One paragraph per line (copied web text): a long previous line that ended a sentence.
    if (
      prevEnd > 150 &&
      (SENTENCE_END.includes(prevLast) || prevLast === 58 || prevLast === 34 || prevLast === 39)
    )
      starts.push(i);
    else if (doc.kinds[prevIndex] === 'bullet' && SENTENCE_END.includes(prevLast)) starts.push(i);
  }
  return starts;
}

/**
 * The pieces of a paragraph's opening: each a line's text from `lead` to `end`, joined with spaces.
 * One is filled anew for each paragraph.
 */
interface ParagraphLines {
  /** How many pieces the paragraph has (the arrays are reused and may hold more). */
  count: number;
  readonly lines: number[];
  readonly leads: number[];
  readonly ends: number[];
}

/**
 * Which lines (and which part of each) make up the opening of the paragraph at `start`: up to
 * about two sentences' worth of text, stopping at structure, at a gap after a full stop, or at a
 * line that starts a new sentence. Nothing is copied: {@link paragraphText} joins the pieces.
 */
function paragraphLines(doc: Doc, start: number, skip: LineSet, into: ParagraphLines): void {
  const { lines, leads, ends } = into;
  let count = 0;
  let length = 0;
  let lastChar = Number.NaN;
  for (let i = start; i < doc.lines.lineCount && length < MAX_SENTENCE * 2; i++) {
    if (i > start) {
      const kind = doc.kinds[i];
      if (
        skip.has(i) ||
        doc.consumed.has(i) ||
        kind === 'numbered' ||
        kind === 'bullet' ||
        kind === 'tab' ||
        kind === 'pipe'
      )
        break;
      if (isGap(doc, i)) {
        if (SENTENCE_END.includes(lastChar)) break;
        continue;
      }
    }
    // The line's clean text read in place: `src[base + k]` is its character k.
    const src = lineSource(doc.lines, i);
    const base = lineBase(doc.lines, i);
    let lead = doc.lines.lead[i] ?? 0;
    if (i === start && isDigitCode(firstCode(doc, i)))
      lead = afterParagraphNumber(src, base + lead, base + lineLength(doc, i)) - base;
    const end = doc.lines.tail[i] ?? 0;
    if (end <= lead) continue;
    if (
      i > start &&
      !continuesSentence(firstCode(doc, i)) &&
      SENTENCE_END.includes(lastChar) &&
      doc.kinds[i] !== 'long'
    )
      break;
    const added = Math.min(end - lead, MAX_SENTENCE * 2);
    if (length > 0) length++;
    lines[count] = i;
    leads[count] = lead;
    ends[count] = end;
    count++;
    length += added;
    lastChar = src.charCodeAt(base + lead + added - 1);
  }
  into.count = count;
}

/** The paragraph's opening as one string, and where each piece of it is in the text. */
function paragraphText(doc: Doc, paragraph: ParagraphLines): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let text = '';
  for (let k = 0; k < paragraph.count; k++) {
    const line = paragraph.lines[k] as number;
    const lead = paragraph.leads[k] as number;
    const clean = cleanSlice(doc.lines, line, lead, paragraph.ends[k] as number);
    if (text) text += ' ';
    pieces.push({ at: text.length, offset: (doc.lines.starts[line] ?? 0) + lead, length: clean.length });
    text += clean.length > MAX_SENTENCE * 2 ? clean.slice(0, MAX_SENTENCE * 2) : clean;
  }
  return { text, pieces };
}

/**
 * Where the text of `src[lead, end)` starts after a paragraph number (`12. `) at `lead`: what
 * `/^\s*\d{1,3}\.\s+/` matches, without a match array; `lead` itself when there is none.
 */
function afterParagraphNumber(src: string, lead: number, end: number): number {
  let i = lead;
  while (i < end && isDigitCode(src.charCodeAt(i))) i++;
  if (i === lead || i - lead > 3 || i >= end || src.charCodeAt(i) !== 46) return lead;
  const after = contentStart(src, i + 1, end);
  return after === i + 1 ? lead : after;
}

function toOffset(pieces: readonly Piece[], at: number): number {
  for (let k = pieces.length - 1; k >= 0; k--) {
    const p = pieces[k] as Piece;
    if (at >= p.at) return p.offset + Math.min(at - p.at, p.length);
  }
  return pieces[0]?.offset ?? 0;
}

/** Splits off the first two sentences, ignoring full stops in common abbreviations. */
function firstSentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  const re = /[.!?](?=\s+["'(]?[A-Z0-9]|\s*$)/g;
  // `test`, not `exec`: the stop is the one character before lastIndex, and no match array is made.
  while (out.length < 2 && re.test(text)) {
    const stop = re.lastIndex - 1;
    const before = text.slice(Math.max(start, stop - 5), stop);
    if (/\b(?:e\.g|i\.e|Mr|Mrs|Ms|Dr|No|St|etc|para|paras)$/i.test(before)) continue;
    out.push({ start, end: stop + 1 });
    start = stop + 1;
    while (start < text.length && text.charAt(start) === ' ') start++;
  }
  if (out.length < 2 && start < text.length && text.length - start <= MAX_SENTENCE)
    out.push({ start, end: text.length });
  return out;
}

/** The statement pattern of each vocabulary (vocabularies are built once and kept: see gradeVocabulary). */
const STATEMENT_PATTERNS = new WeakMap<GradeVocabulary, RegExp>();

/** "Subject is|are|remains grade." for the grade words of `vocab`; made once per vocabulary. */
function statementPattern(vocab: GradeVocabulary): RegExp {
  let pattern = STATEMENT_PATTERNS.get(vocab);
  if (!pattern) {
    pattern = new RegExp(
      `^(.{3,300}?)\\s+(?:(is|are|remains|remain)\\s+)?(${vocab.wordSource})(?![A-Za-z])\\s*(?:[.;,:!]|$)`,
      'i',
    );
    STATEMENT_PATTERNS.set(vocab, pattern);
  }
  return pattern;
}

/** Sentences that grade something, and the first line of every paragraph. */
export interface ProseScan {
  readonly statements: ProseStatement[];
  readonly paragraphStarts: number[];
}

/** Finds sentences that grade something, at the opening of paragraphs. */
export function findProseStatements(doc: Doc, skip: LineSet): ProseScan {
  const statement = statementPattern(doc.vocab);
  const out: ProseStatement[] = [];
  const starts = paragraphStarts(doc, skip);
  const paragraph: ParagraphLines = { count: 0, lines: [], leads: [], ends: [] };
  for (const start of starts) {
    paragraphLines(doc, start, skip, paragraph);
    // A grade statement in the joined text lies on one line, or ends one ("... is" / "good."): a
    // paragraph with no line that may state a grade is passed over before its text is built.
    // A piece cut short may end in part of a word ("good|ness"): such a paragraph is always read.
    let mayStateGrade = false;
    for (let k = 0; k < paragraph.count && !mayStateGrade; k++) {
      mayStateGrade =
        (paragraph.ends[k] as number) - (paragraph.leads[k] as number) > MAX_SENTENCE * 2 ||
        lineMayStateGrade(doc, paragraph.lines[k] as number);
    }
    if (!mayStateGrade) continue;
    const { text, pieces } = paragraphText(doc, paragraph);
    if (!text) continue;
    const sentences = firstSentences(text);
    for (let index = 0; index < sentences.length; index++) {
      const range = sentences[index] as (typeof sentences)[number];
      const sentence = text.slice(range.start, range.end);
      if (sentence.length > MAX_SENTENCE) continue;
      const lead = LEAD_IN.exec(sentence)?.[0].length ?? 0;
      const body = sentence.slice(lead);
      // The statement pattern needs a grade word before a stop or the end: the pre-filter's test.
      if (!doc.vocab.mayStateGrade(body)) continue;
      const m = statement.exec(body);
      if (!m) continue;
      const subject = (m[1] ?? '').trim();
      const copula = m[2];
      const gradeText = m[3] ?? '';
      if (!copula && !/^requir/i.test(gradeText)) continue;
      if (BAD_SUBJECT_END.test(subject) || /^(it|this|that|these|there|they|he|she|we)$/i.test(subject))
        continue;
      if (/\b(?:was|were|had been|has been|previously|last inspection|judged|rated|graded)\b/i.test(subject))
        continue;
      const gradeAt =
        range.start + lead + (m.index ?? 0) + m[0].toLowerCase().lastIndexOf(gradeText.toLowerCase());
      const gradeStart = toOffset(pieces, gradeAt);
      const gradeEnd = toOffset(pieces, gradeAt + gradeText.length);
      const spanStart = toOffset(pieces, range.start);
      const spanEnd = toOffset(pieces, range.end);
      out.push({
        subject,
        gradeText: gradeText.replace(/\s+/g, ' '),
        gradeSpan: { start: gradeStart, end: Math.max(gradeStart, gradeEnd) },
        span: { start: spanStart, end: Math.max(spanStart, spanEnd) },
        sentence: index,
        paragraphLine: start,
        line: doc.lines.positionAt(gradeStart).line,
      });
    }
  }
  return { statements: out, paragraphStarts: starts };
}
