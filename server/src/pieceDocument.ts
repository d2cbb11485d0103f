import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceText } from './core/pieceText';

const LINE_FEED = 10;
const CARRIAGE_RETURN = 13;

function isLineBreak(code: number): boolean {
  return code === CARRIAGE_RETURN || code === LINE_FEED;
}

/** The offsets of the lines that start after each line break of `text` (and 0 when `atLineStart`), moved by `textOffset`. */
function lineOffsets(text: string, atLineStart: boolean, textOffset = 0): number[] {
  const result = atLineStart ? [textOffset] : [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isLineBreak(code)) {
      if (code === CARRIAGE_RETURN && i + 1 < text.length && text.charCodeAt(i + 1) === LINE_FEED) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

/**
 * `text.substring(0, start) + inserted + text.substring(end)`, as `TextDocument` makes its new text:
 * offsets read as `substring` reads them (NaN as 0, clamped), so that even the offsets of line
 * offsets gone wrong give the same text.
 */
function replaced(text: PieceText, start: number, end: number, inserted: string): PieceText {
  const [, a] = substringEnds(text.length, 0, start);
  const [b] = substringEnds(text.length, end, text.length);
  if (a <= b) return text.replace(a, b, inserted);
  return PieceText.of(text.slice(0, a) + inserted + text.slice(b));
}

/**
 * Where `String.prototype.substring(start, end)` starts and ends in a text `length` long: NaN as 0,
 * an `end` left undefined as the length (line offsets gone wrong leave holes), clamped, in order.
 */
function substringEnds(length: number, start: number | undefined, end: number | undefined): [number, number] {
  const clamp = (offset: number) => Math.min(Math.max(Math.trunc(offset) || 0, 0), length);
  const a = clamp(start ?? 0);
  const b = end === undefined ? length : clamp(end);
  return a <= b ? [a, b] : [b, a];
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character)
    ? { start: end, end: start }
    : range;
}

/**
 * An open document as `vscode-languageserver-textdocument`'s `TextDocument` keeps it (the same
 * positions, offsets and line offsets after the same changes), with its text held as a
 * {@link PieceText}: an incremental change makes no copy of the text, so typing in a 5 MB report
 * does not copy 10 MB per key. {@link getText} gives the whole text as a string that is copied
 * together only when something reads it; the analysis of an edit reads {@link pieces} instead.
 */
export class PieceDocument implements TextDocument {
  private text: PieceText;
  private offsets: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.text = PieceText.of(content);
  }

  get version(): number {
    return this.currentVersion;
  }

  /** The text as pieces. */
  get pieces(): PieceText {
    return this.text;
  }

  get lineCount(): number {
    return this.lineOffsets().length;
  }

  getText(range?: Range): string {
    if (!range) return this.text.toString();
    const [a, b] = substringEnds(this.text.length, this.offsetAt(range.start), this.offsetAt(range.end));
    return this.text.slice(a, b);
  }

  /** Applies `changes` in order, as `TextDocument.update` does, and sets the version. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.text = PieceText.of(change.text);
        this.offsets = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const startOffset = this.offsetAt(range.start);
      const endOffset = this.offsetAt(range.end);
      this.text = replaced(this.text, startOffset, endOffset, change.text);
      const insertedEnd = startOffset + change.text.length;
      const text = this.text;
      const crlfAtStart =
        text.charCodeAt(startOffset - 1) === CARRIAGE_RETURN && text.charCodeAt(startOffset) === LINE_FEED;
      const crlfAtEnd =
        text.charCodeAt(insertedEnd - 1) === CARRIAGE_RETURN && text.charCodeAt(insertedEnd) === LINE_FEED;
      const offsets = this.offsets;
      if (crlfAtStart || crlfAtEnd || offsets === undefined) {
        this.offsets = undefined;
        continue;
      }
      const startLine = Math.max(range.start.line, 0);
      const endLine = Math.max(range.end.line, 0);
      const added = lineOffsets(change.text, false, startOffset);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) offsets[i + startLine + 1] = added[i] as number;
      } else {
        this.offsets = [...offsets.slice(0, startLine + 1), ...added, ...offsets.slice(endLine + 1)];
      }
      const diff = change.text.length - (endOffset - startOffset);
      if (diff !== 0) {
        const moved = this.offsets as number[];
        for (let i = startLine + 1 + added.length; i < moved.length; i++)
          moved[i] = (moved[i] as number) + diff;
      }
    }
    this.currentVersion = version;
  }

  private lineOffsets(): number[] {
    if (this.offsets === undefined) this.offsets = lineOffsets(this.text.toString(), true);
    return this.offsets;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.text.length), 0);
    const offsets = this.lineOffsets();
    let low = 0;
    let high = offsets.length;
    if (high === 0) return { line: 0, character: at };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if ((offsets[mid] as number) > at) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    const lineOffset = offsets[line] as number;
    return { line, character: this.beforeLineBreak(at, lineOffset) - lineOffset };
  }

  offsetAt(position: Position): number {
    const offsets = this.lineOffsets();
    if (position.line >= offsets.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineOffset = offsets[position.line] as number;
    if (position.character <= 0) return lineOffset;
    const next =
      position.line + 1 < offsets.length ? (offsets[position.line + 1] as number) : this.text.length;
    return this.beforeLineBreak(Math.min(lineOffset + position.character, next), lineOffset);
  }

  getLineRange(line: number): Range {
    const offsets = this.lineOffsets();
    if (line >= offsets.length) {
      const last = offsets.length - 1;
      return {
        start: { line: last, character: 0 },
        end: { line: last, character: this.text.length - (offsets[last] as number) },
      };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = offsets[line] as number;
    const next = line + 1 < offsets.length ? (offsets[line + 1] as number) : this.text.length;
    return {
      start: { line, character: 0 },
      end: { line, character: this.beforeLineBreak(next, start) - start },
    };
  }

  getEOLCharacters(line: number): string {
    const offsets = this.lineOffsets();
    if (line >= offsets.length || line < 0) return '';
    const next = line + 1 < offsets.length ? (offsets[line + 1] as number) : this.text.length;
    return this.text.slice(this.beforeLineBreak(next, offsets[line] as number), next);
  }

  /** `offset` moved back before the line break characters it follows, not before `lineOffset`. */
  private beforeLineBreak(offset: number, lineOffset: number): number {
    let at = offset;
    while (at > lineOffset && isLineBreak(this.text.charCodeAt(at - 1))) at--;
    return at;
  }
}
