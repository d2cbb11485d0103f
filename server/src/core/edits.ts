import { assemble, bodyHeadings, headingLineSet, type PassResults } from './assemble';
import { mayDeclareGrade } from './declaredScale';
import { makeDoc, type LineKind } from './document';
import { detectFramework, FRAMEWORK_BODY_CHARS, FRAMEWORK_HEAD_LINES, type TitleBlock } from './framework';
import { gradeVocabulary, type GradeVocabulary } from './grades';
import { scanHeadings, type Heading } from './headings';
import { LineSet } from './lineSet';
import type { AnalyseOptions, Analysis, FrameworkId, ReportModel, Span } from './model';
import { moveFinding, movedLineIndex, moveModel } from './moveModel';
import { composeMoves, OffsetMap, type OffsetMove } from './offsetMap';
import type { PieceText, TextReader } from './pieceText';
import { headerSignature, isPageNumber, type PageNotes } from './pages';
import { findProseStatements, type ProseStatement } from './prose';
import { moveThrough, splicePasses } from './splice';
import { findTables } from './tables';
import { findEdit, type KnownChange } from './textDiff';
import {
  cleanContentEnd,
  cleanContentStart,
  cleanLine,
  cleanLines,
  MAX_STRUCTURAL_LINE,
  offsetsOf,
  splitLines,
} from './text';

/*
 * Re-analysis after a small edit. Typing inside a line of prose almost never changes what the
 * report's structure is; when it provably does not, the new analysis is the previous one with its
 * offsets moved, and costs a few milliseconds however long the report is. "Provably" is checked
 * pass by pass (ARCHITECTURE.md, "Edits"): every pass that could read the edited line is run again,
 * before and after the edit, over a window of lines around it, and must find the same things; the
 * passes that read the whole report (title block, framework, contents, scale declaration, running
 * headers) are shown not to reach the line; linking measures distances in lines, which such an
 * edit does not change. When the passes over the window find something else near the edited line
 * (a heading renamed, a sentence's grade changed), their results are spliced (splice.ts) and the
 * later stages run again (assemble.ts). Anything else is a full analysis.
 */

/** Lines and characters of prose a window keeps on each side of the edited line (see `windowAround`). */
const MARGIN_LINES = 12;
/** More than a paragraph's opening reads (prose.ts reads up to 840 characters). */
const MARGIN_CHARACTERS = 1000;
/** Lines around consumed structure (contents, tables, scale declaration, headline) left alone. */
const BLOCK_MARGIN = 12;
/** The most lines a window may span before the edit is left to a full analysis. */
const MAX_WINDOW_LINES = 800;

/** What a full analysis leaves for the edits after it: everything here is per line or a few numbers. */
export interface EditBasis {
  /** The options the analysis was made with, as JSON. */
  readonly optionsKey: string;
  readonly framework: FrameworkId;
  /** The framework was forced by the options, not detected. */
  readonly forced: boolean;
  readonly block: TitleBlock;
  /** The last line the passes over the top of the report read (title, framework, contents, headline). */
  readonly headUntil: number;
  /** Per line, 1 near consumed structure (contents, tables, scale declaration, headline). */
  readonly blocked: Uint8Array;
  /** Per line, 1 in a heading (its first line to its grade line). */
  readonly headingLines: Uint8Array;
  /** Per line, 1 for extraction debris. */
  readonly debris: Uint8Array;
  /** Per line, 1 when compared across pages for running headers. */
  readonly noted: Uint8Array;
  /**
   * Per running-header signature (pages.ts), the pages it was seen on, plus one for each line an
   * edit since the full analysis gave that signature (an upper bound: the line's page may have
   * had it already).
   */
  readonly signaturePages: ReadonlyMap<number, number>;
  /** The lines and signatures (`line:signature`) already counted in `signaturePages` by an edit. */
  readonly countedSignatures: ReadonlySet<string>;
  readonly minPages: number;
  /**
   * What the passes found, for the later stages to run again when an edit changes it near the
   * edited line, as of the last full analysis or splice; `moves` are the edits made since.
   * Undefined when an edit moved an offset of theirs it could not be sure of (no splice then).
   */
  readonly passes: PassResults | undefined;
  readonly moves: readonly OffsetMove[];
}

const BASES = new WeakMap<Analysis, EditBasis>();

/** The basis `analysis` was left with for edits, if any. */
export function editBasisOf(analysis: Analysis): EditBasis | undefined {
  return BASES.get(analysis);
}

/** The line each model made by {@link analyseEdit} was edited on (its only line whose text changed). */
const EDITED_LINES = new WeakMap<ReportModel, number>();

/**
 * The line `model` was edited on when {@link analyseEdit} made it by moving an earlier model; its
 * line breaks are the earlier model's, so every position on any other line is unchanged.
 */
export function editedLineOf(model: ReportModel): number | undefined {
  return EDITED_LINES.get(model);
}

/** The line each model made by {@link analyseEdit} from spliced pass results was edited on. */
const SPLICED_LINES = new WeakMap<ReportModel, number>();

/**
 * The line `model` was edited on when {@link analyseEdit} made it from spliced pass results: its
 * line breaks are the earlier model's, so a position on any other line is at the same offset from
 * its line's start, but anything in the model may have changed.
 */
export function splicedLineOf(model: ReportModel): number | undefined {
  return SPLICED_LINES.get(model);
}

/** Leaves `basis` with `analysis` for the edits after it; returns `analysis`. */
export function withEditBasis(analysis: Analysis, basis: EditBasis | undefined): Analysis {
  if (basis) BASES.set(analysis, basis);
  return analysis;
}

/** The options as a key; undefined when the analysis reads text-wide settings (`whenTextContains`). */
export function optionsKeyOf(options: AnalyseOptions): string | undefined {
  if (options.userScales?.some((scale) => scale.whenTextContains)) return undefined;
  return JSON.stringify(options);
}

/** What {@link makeEditBasis} is made from: the passes' own results. */
export interface BasisInput {
  readonly options: AnalyseOptions;
  /** The framework was forced by the options, not detected. */
  readonly forced: boolean;
  readonly headUntil: number;
  readonly consumed: LineSet;
  /** The lines of the headings the report's sections are made of ({@link bodyHeadings}). */
  readonly headingLines: LineSet;
  readonly debris: LineSet;
  readonly notes: PageNotes;
  readonly lineCount: number;
  readonly passes: PassResults;
}

/** The basis a full analysis leaves; undefined when its options read the whole text. */
export function makeEditBasis(input: BasisInput): EditBasis | undefined {
  const optionsKey = optionsKeyOf(input.options);
  if (optionsKey === undefined) return undefined;
  const count = input.lineCount;
  const blocked = new Uint8Array(count);
  const blockAround = (first: number, last: number) =>
    blocked.fill(1, Math.max(0, first - BLOCK_MARGIN), Math.max(0, Math.min(count, last + BLOCK_MARGIN + 1)));
  for (let i = 0; i < count; i++) if (input.consumed.has(i)) blockAround(i, i);
  for (const table of input.passes.tables) blockAround(table.firstLine, table.lastLine);
  return {
    optionsKey,
    framework: input.passes.framework,
    forced: input.forced,
    block: input.passes.block,
    headUntil: input.headUntil,
    blocked,
    headingLines: input.headingLines.bytes,
    debris: input.debris.bytes,
    noted: input.notes.noted.bytes,
    signaturePages: input.notes.signaturePages,
    countedSignatures: new Set(),
    minPages: input.notes.minPages,
    passes: input.passes,
    moves: [],
  };
}

/** True when the text holds a line break, a form feed or a tab (they change lines, pages or kinds). */
function breaksLines(text: string): boolean {
  return /[\n\r\f\t]/.test(text);
}

/** How far {@link analyseEdit} may go. */
export interface EditLimits {
  /**
   * Longest text (in UTF-16 units) whose edit may be spliced: splicing runs linking, rules and
   * outline over the whole report again, a few milliseconds per megabyte. Default: no limit.
   */
  readonly spliceUpTo?: number;
}

/**
 * The analysis of `text` made from `previous` (the analysis of an earlier version of the same
 * document, made with the same options) when the edit between them is inside one line and changes
 * the report's structure at most near that line; undefined when it might change more, when
 * `previous` left no basis, or when `limits` forbid it. `known`, when given, must hold of the two
 * texts: it spares comparing them where they agree (a few milliseconds on a long report).
 * `pieces`, when given, must be `text` as pieces: the texts are then read through it and the
 * previous version's pieces, so that `text` (which may be a string not yet copied together, see
 * {@link PieceText}) is not read at all; the result keeps it for the next edit
 * ({@link textReaderOf}). Pure; never throws.
 */
export function analyseEdit(
  previous: Analysis,
  text: string,
  options: AnalyseOptions,
  limits: EditLimits = {},
  known?: KnownChange,
  pieces?: PieceText,
): Analysis | undefined {
  try {
    return reuse(previous, text, options, limits, known, pieces);
  } catch {
    return undefined;
  }
}

/** The pieces of each model's text made by {@link analyseEdit} from pieces. */
const PIECES = new WeakMap<ReportModel, PieceText>();

/**
 * What reads `model`'s text without copying it together: the pieces it was made from by
 * {@link analyseEdit}, or its text.
 */
export function textReaderOf(model: ReportModel): TextReader {
  return PIECES.get(model) ?? model.text;
}

function reuse(
  previous: Analysis,
  text: string,
  options: AnalyseOptions,
  limits: EditLimits,
  known: KnownChange | undefined,
  pieces: PieceText | undefined,
): Analysis | undefined {
  const basis = BASES.get(previous);
  if (!basis || typeof text !== 'string' || optionsKeyOf(options) !== basis.optionsKey) return undefined;
  const offsets = offsetsOf(previous.model.lines);
  if (!offsets) return undefined;
  const source = pieces && pieces.length === text.length ? pieces : undefined;
  const before = textReaderOf(previous.model);
  const after: TextReader = source ?? text;
  // Comparing two strings may copy both together; pieces are compared where they may differ.
  if (!source && previous.model.text === text)
    return withEditBasis({ model: previous.model, findings: previous.findings }, basis);
  const edit = findEdit(before, after, known);
  if (edit.from === edit.oldTo && edit.oldTo === edit.newTo)
    return withEditBasis({ model: previous.model, findings: previous.findings }, basis);
  const removed = before.slice(edit.from, edit.oldTo);
  const inserted = after.slice(edit.from, edit.newTo);
  if (breaksLines(removed) || breaksLines(inserted)) return undefined;
  // A CR and an LF either side of the edit would join into one line break, or stop being one.
  if (before.charCodeAt(edit.from - 1) === 13 && before.charCodeAt(edit.oldTo) === 10) return undefined;
  if (after.charCodeAt(edit.from - 1) === 13 && after.charCodeAt(edit.newTo) === 10) return undefined;

  const { starts, ends } = offsets;
  const line = previous.model.lines.positionAt(edit.from).line;
  const count = starts.length;
  const oldLine = before.slice(starts[line], ends[line]);
  const newLine = after.slice(starts[line], (ends[line] as number) + edit.delta);
  if (oldLine.length > MAX_STRUCTURAL_LINE || newLine.length > MAX_STRUCTURAL_LINE) return undefined;
  const isBlank = (line: string) => trimmedLengthRaw(line, 0, line.length) === 0;
  if (isBlank(oldLine) !== isBlank(newLine)) return undefined;
  if (basis.debris[line] === 1 || basis.blocked[line] === 1) return undefined;

  const window = windowAround(before, starts, ends, basis, line);
  if (!window) return undefined;
  for (let i = window.first; i < window.end; i++) if (basis.blocked[i] === 1) return undefined;
  const vocab = gradeVocabulary(previous.model.scale);
  const from = starts[window.first] as number;
  const old = scanWindow(before.slice(from, ends[window.end - 1]), window.first, basis, vocab);
  const now = scanWindow(
    after.slice(from, (ends[window.end - 1] as number) + edit.delta),
    window.first,
    basis,
    vocab,
  );
  const at = line - window.first;
  if (old.kinds[at] !== now.kinds[at] || isPageNumber(now.cleanAt(at))) return undefined;
  if (!runningHeadersStay(basis, line, old.cleanAt(at), now.cleanAt(at))) return undefined;
  for (let k = Math.max(0, at - 7); k <= at; k++) if (mayDeclareGrade(old.cleanAt(k))) return undefined;
  if (mayDeclareGrade(now.cleanAt(at))) return undefined;
  if (!basis.forced && edit.from < FRAMEWORK_BODY_CHARS) {
    const headText = splitLines(after.slice(0, ends[Math.min(count, FRAMEWORK_HEAD_LINES) - 1]));
    const head = cleanLines(headText);
    if (detectFramework(head, basis.block, after.slice(0, FRAMEWORK_BODY_CHARS)) !== basis.framework)
      return undefined;
  }

  const low = cleanContentEnd(before, 0, edit.from);
  const high = cleanContentStart(before, edit.oldTo, before.length);
  const map = new OffsetMap(low, high, edit.delta);
  // Bases share the counts until an edit changes them (a line compared for running headers). A line
  // adds its page to a signature once: typing and deleting on it again must not count it again, or
  // the counts would grow until every edit of the line is refused.
  let { signaturePages, countedSignatures } = basis;
  if (basis.noted[line] === 1 && newLine.length <= 200) {
    const signature = headerSignature(now.cleanAt(at));
    const counted = `${line}:${signature}`;
    if (!countedSignatures.has(counted)) {
      signaturePages = new Map(signaturePages).set(signature, (signaturePages.get(signature) ?? 0) + 1);
      countedSignatures = new Set(countedSignatures).add(counted);
    }
  }

  const local = new OffsetMap(edit.from - from, edit.oldTo - from - 1, edit.delta);
  if (sameScan(old, now, local)) {
    // The structure is the same: move every offset of the previous analysis.
    const model = moveModel(previous.model, map, text, line, offsets);
    EDITED_LINES.set(model, line);
    if (source) PIECES.set(model, source);
    const findings = previous.findings.map((f) => moveFinding(f, map));
    return withEditBasis(
      { model, findings },
      { ...basis, signaturePages, countedSignatures, ...afterMove(basis, map) },
    );
  }

  // What the passes find changed near the edited line: splice it in and run the later stages again.
  // Tables are found across many lines and consumed: none may be in the window, before or after.
  if (old.tables !== 0 || now.tables !== 0) return undefined;
  if (!basis.passes || text.length > (limits.spliceUpTo ?? Number.POSITIVE_INFINITY)) return undefined;
  const passes = moveThrough(basis.passes, basis.moves);
  const place = { first: window.first, lines: window.end - window.first, from };
  const spliced = splicePasses(passes, old, now, place, line, map);
  if (!spliced) return undefined;
  const lines = movedLineIndex(offsets, line, text.length, edit.delta);
  const headings = bodyHeadings(spliced);
  const analysis = assemble(text, lines, spliced, options, headings, after);
  if (source) PIECES.set(analysis.model, source);
  SPLICED_LINES.set(analysis.model, line);
  return withEditBasis(analysis, {
    ...basis,
    signaturePages,
    countedSignatures,
    headingLines: headingLineSet(headings, count).bytes,
    passes: spliced,
    moves: [],
  });
}

/** Most moves the basis keeps before it applies them to its pass results. */
const MAX_MOVES = 32;

/**
 * The basis's pass results after an edit that moved the analysis: the edit added to the moves to
 * apply later (composed with the last one when they make one move, as typing in one place does),
 * or, once there are {@link MAX_MOVES}, all of them applied (so that edits in many places do not
 * pile them up). Applying a move makes every pass result after it anew: on the 5 MB benchmark
 * report, 32 separate moves applied at once held one keystroke in 32 for about 55 ms.
 */
function afterMove(basis: EditBasis, map: OffsetMap): Pick<EditBasis, 'passes' | 'moves'> {
  const move = { low: map.low, high: map.high, delta: map.delta };
  // Typing in one place makes one move, not one per keystroke: the list grows only with places.
  const last = basis.moves[basis.moves.length - 1];
  const composed = last ? composeMoves(last, move) : undefined;
  const moves = composed ? [...basis.moves.slice(0, -1), composed] : [...basis.moves, move];
  if (!basis.passes || moves.length < MAX_MOVES) return { passes: basis.passes, moves };
  try {
    return { passes: moveThrough(basis.passes, moves), moves: [] };
  } catch {
    return { passes: undefined, moves: [] };
  }
}

/** Length of a line's text without white space at either end, once cleaned. */
function trimmedLengthRaw(text: TextReader, start: number, end: number): number {
  const a = cleanContentStart(text, start, end);
  return cleanContentEnd(text, a, end) - a;
}

/**
 * Could the line stop or start being a running header (pages.ts)? Not if the search did not compare
 * it, nor if its old and new signatures are each seen on too few pages, even counting this one.
 */
function runningHeadersStay(basis: EditBasis, line: number, oldClean: string, newClean: string): boolean {
  if (basis.noted[line] !== 1) return true;
  const pages = (text: string) =>
    text.length > 200 ? 0 : (basis.signaturePages.get(headerSignature(text)) ?? 0);
  return pages(oldClean) < basis.minPages && pages(newClean) + 1 < basis.minPages;
}

/**
 * The lines `[first, end)` around `line` that every pass reading `line` starts and ends within:
 * at least {@link MARGIN_LINES} lines and {@link MARGIN_CHARACTERS} characters of text on each side,
 * starting just after a gap (blank line or debris) that no heading spans, and after the top of the
 * report. Undefined when no such window is near.
 */
function windowAround(
  text: TextReader,
  starts: Int32Array,
  ends: Int32Array,
  basis: EditBasis,
  line: number,
): { first: number; end: number } | undefined {
  const count = starts.length;
  const length = (i: number) => trimmedLengthRaw(text, starts[i] as number, ends[i] as number);
  const isGapLine = (i: number) => basis.debris[i] === 1 || length(i) === 0;
  let first = line;
  let characters = 0;
  while (first > basis.headUntil + 1 && (line - first < MARGIN_LINES || characters < MARGIN_CHARACTERS)) {
    first--;
    characters += Math.min(length(first), 840);
  }
  // The line before the window is a gap, and the heading scan arrives at the window afresh.
  while (
    first > basis.headUntil + 1 &&
    (!isGapLine(first - 1) || basis.headingLines[first - 1] === 1 || basis.headingLines[first] === 1)
  ) {
    first--;
    if (line - first > MAX_WINDOW_LINES) return undefined;
  }
  if (first <= basis.headUntil + 1 || line - first < MARGIN_LINES || characters < MARGIN_CHARACTERS)
    return undefined;
  let end = line + 1;
  characters = 0;
  while (end < count && (end - line <= MARGIN_LINES || characters < MARGIN_CHARACTERS)) {
    characters += Math.min(length(end), 840);
    end++;
    if (end - line > MAX_WINDOW_LINES) return undefined;
  }
  // The window includes the gap before it: mini-documents see it as the full one does.
  return { first: first - 1, end };
}

/** What the passes that read single lines and their neighbours find in a window. */
interface WindowScan {
  readonly kinds: readonly LineKind[];
  readonly headings: readonly Heading[];
  readonly statements: readonly ProseStatement[];
  readonly paragraphStarts: readonly number[];
  readonly tables: number;
  cleanAt(line: number): string;
}

/** Runs the line-local passes (tables, headings, sentences) over a window's text alone. */
function scanWindow(text: string, first: number, basis: EditBasis, vocab: GradeVocabulary): WindowScan {
  const lines = splitLines(text);
  const debris = new LineSet(lines.lineCount, basis.debris.slice(first, first + lines.lineCount));
  const doc = makeDoc(lines, debris, vocab);
  const tables = findTables(doc).length;
  const headings = scanHeadings(doc);
  const prose = findProseStatements(doc, headingLineSet(headings, lines.lineCount));
  return {
    kinds: doc.kinds,
    headings,
    statements: prose.statements,
    paragraphStarts: prose.paragraphStarts,
    tables,
    cleanAt: (i) => cleanLine(lines, i) ?? '',
  };
}

/** Did the passes find the same things before and after the edit (offsets moved by `map`)? */
function sameScan(old: WindowScan, now: WindowScan, map: OffsetMap): boolean {
  if (old.tables !== 0 || now.tables !== 0) return false;
  if (old.headings.length !== now.headings.length || old.statements.length !== now.statements.length)
    return false;
  if (old.paragraphStarts.join() !== now.paragraphStarts.join()) return false;
  const sameSpan = (a: Span, b: Span) => {
    const moved = map.span(a);
    return moved.start === b.start && moved.end === b.end;
  };
  for (let k = 0; k < old.headings.length; k++) {
    const a = old.headings[k] as Heading;
    const b = now.headings[k] as Heading;
    if (a.first !== b.first || a.last !== b.last || a.end !== b.end || a.name !== b.name || a.kind !== b.kind)
      return false;
    if (!sameSpan(a.span, b.span) || !a.grade !== !b.grade) return false;
    if (a.grade && b.grade) {
      if (a.grade.source !== b.grade.source || a.grade.text !== b.grade.text) return false;
      if (!sameSpan(a.grade.span, b.grade.span) || !sameSpan(a.grade.statementSpan, b.grade.statementSpan))
        return false;
      if (JSON.stringify(a.grade.match) !== JSON.stringify(b.grade.match)) return false;
    }
  }
  for (let k = 0; k < old.statements.length; k++) {
    const a = old.statements[k] as ProseStatement;
    const b = now.statements[k] as ProseStatement;
    if (a.subject !== b.subject || a.gradeText !== b.gradeText || a.sentence !== b.sentence) return false;
    if (a.paragraphLine !== b.paragraphLine || a.line !== b.line) return false;
    if (!sameSpan(a.span, b.span) || !sameSpan(a.gradeSpan, b.gradeSpan)) return false;
  }
  return true;
}
