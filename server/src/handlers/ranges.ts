import type { Range } from 'vscode-languageserver';
import type { LineIndex, Span } from '../core/model';

/** Converts a span of offsets to an LSP range. */
export function toRange(lines: LineIndex, span: Span): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

/** True when `offset` lies in the span; the end counts, so a cursor just after a word still hits it. */
export function spanContains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** True when `inner` lies entirely inside `outer`. */
export function spanWithin(inner: Span, outer: Span): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/** True when the two spans are the same. */
export function sameSpan(a: Span, b: Span): boolean {
  return a.start === b.start && a.end === b.end;
}
