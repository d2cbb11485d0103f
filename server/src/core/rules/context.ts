import type { Finding, FrameworkId, Judgement, Scale, Span } from '../model';
import type { TextReader } from '../pieceText';

/** What every rule sees: the linked judgements and the scale, plus a way to quote the text. */
export interface RuleContext {
  readonly text: TextReader;
  readonly scale: Scale;
  readonly framework: FrameworkId;
  readonly judgements: readonly Judgement[];
  /** 1-based line number of an offset, for messages. */
  lineOf(offset: number): number;
}

/** A consistency rule: its stable code and its check. */
export interface Rule {
  readonly code: Finding['code'];
  check(context: RuleContext): Finding[];
}

/** The scale's labels in order, for messages: `Outstanding, Good, Adequate, Inadequate`. */
export function scaleLabels(scale: Scale): string {
  return scale.entries.map((e) => (e.number !== undefined ? `${e.label} (${e.number})` : e.label)).join(', ');
}

/** Writes `label` in the letter case of `model` (all lower, Capitalised, or as is). */
export function matchCase(label: string, model: string): string {
  if (model === model.toLowerCase()) return label.toLowerCase();
  if (model === model.toUpperCase() && model.length > 1) return label.toUpperCase();
  return label.charAt(0).toUpperCase() + label.slice(1).toLowerCase();
}

/** The text a span covers. */
export function textAt(text: TextReader, span: Span): string {
  return text.slice(span.start, span.end);
}
