import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { KnownChange } from './core/textDiff';
import type { PieceDocument } from './pieceDocument';

/** One `didChange`: the document went from version `before` to `after`, changing `change` (unknown for a whole-text change). */
interface Step {
  readonly before: number;
  readonly after: number;
  readonly change: KnownChange | undefined;
}

/** Steps kept per document before the oldest are dropped (a document edited long without any request). */
const MAX_STEPS = 4096;

/**
 * `second`, made after `first`, as one change from the text before `first`: outside the result the
 * oldest and newest texts agree.
 */
export function composeChanges(first: KnownChange, second: KnownChange): KnownChange {
  // `end` is in the text between the two: the first change ends before it, the second too.
  const end = Math.max(first.newTo, second.oldTo);
  return {
    from: Math.min(first.from, second.from),
    oldTo: first.oldTo + (end - first.newTo),
    newTo: end + (second.newTo - second.oldTo),
  };
}

/**
 * Applies a `didChange`'s changes to `document` in order (as `TextDocument.update` does) and says
 * where they changed its text, as one change; undefined when one replaced the whole text.
 */
export function applyChanges(
  document: PieceDocument,
  changes: readonly TextDocumentContentChangeEvent[],
  version: number,
): { document: PieceDocument; change: KnownChange | undefined } {
  let change: KnownChange | undefined;
  let known = true;
  for (const event of changes) {
    if (known && 'range' in event) {
      // Each change's range is in the text the changes before it made; offsetAt clamps, as update does.
      const a = document.offsetAt(event.range.start);
      const b = document.offsetAt(event.range.end);
      const from = Math.min(a, b);
      const step = { from, oldTo: Math.max(a, b), newTo: from + event.text.length };
      change = change ? composeChanges(change, step) : step;
      // A document whose line offsets went wrong (ranges past the end and CRLF pairs have done it).
      known = Number.isInteger(a) && Number.isInteger(b);
    } else known = false;
    document.update([event], version);
  }
  return { document, change: known ? change : undefined };
}

/**
 * Per open document, where each `didChange` changed its text, so that an analysis of a later
 * version made from an earlier one's ({@link analyseEdit}) need not compare the two texts to find
 * the edit. Steps are dropped once the version after them is analysed, or when the document closes.
 */
export class ChangeLog {
  private readonly steps = new Map<string, Step[]>();

  /** Applies the changes (for `TextDocuments`) and records where they changed the text. */
  update(
    document: PieceDocument,
    changes: readonly TextDocumentContentChangeEvent[],
    version: number,
  ): PieceDocument {
    // Read before the changes apply: the document is updated in place.
    const before = document.version;
    const applied = applyChanges(document, changes, version);
    this.record(document.uri, before, version, applied.change);
    return applied.document;
  }

  /** Records that `uri` went from version `before` to `after` with `change`. */
  record(uri: string, before: number, after: number, change: KnownChange | undefined): void {
    let steps = this.steps.get(uri);
    if (!steps) this.steps.set(uri, (steps = []));
    if (steps.length >= MAX_STEPS) steps.splice(0, steps.length - MAX_STEPS + 1);
    steps.push({ before, after, change });
  }

  /**
   * The change from version `from` to version `to` of `uri`, when every step between them was
   * recorded and known; undefined otherwise.
   */
  between(uri: string, from: number, to: number): KnownChange | undefined {
    const steps = this.steps.get(uri) ?? [];
    let at = steps.findIndex((step) => step.before === from);
    if (at < 0) return undefined;
    let version = from;
    let change: KnownChange | undefined;
    for (; at < steps.length && version !== to; at++) {
      const step = steps[at] as Step;
      if (step.before !== version || !step.change) return undefined;
      change = change ? composeChanges(change, step.change) : step.change;
      version = step.after;
    }
    return version === to ? change : undefined;
  }

  /** Drops the steps that end at or before version `version` of `uri` (it has been analysed). */
  analysed(uri: string, version: number): void {
    const steps = this.steps.get(uri);
    if (!steps) return;
    const keep = steps.findIndex((step) => step.after > version);
    if (keep < 0) this.steps.delete(uri);
    else if (keep > 0) steps.splice(0, keep);
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.steps.delete(uri);
  }
}
