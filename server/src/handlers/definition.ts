import type { LocationLink } from 'vscode-languageserver';
import type { ReportModel, Span } from '../core/model';
import { sameSpan, spanContains, spanWithin, toRange } from './ranges';

/** Where a definition request at `offset` leads: the place clicked and the place it names. */
export interface DefinitionTarget {
  readonly origin: Span;
  readonly target: Span;
}

/**
 * From a summary-table row to its judgement's primary place (unless that place is the row itself),
 * or from a contents entry to the heading it names.
 */
export function definitionTarget(model: ReportModel, offset: number): DefinitionTarget | undefined {
  for (const row of model.table?.rows ?? []) {
    if (!spanContains(row.span, offset) || row.judgementId === undefined) continue;
    const judgement = model.judgements.find((j) => j.id === row.judgementId);
    if (!judgement || sameSpan(judgement.span, row.span) || spanWithin(judgement.span, row.span)) continue;
    return { origin: row.span, target: judgement.span };
  }
  for (const entry of model.contents) {
    if (spanContains(entry.span, offset) && entry.target) return { origin: entry.span, target: entry.target };
  }
  return undefined;
}

/** The definition as a location link in the same document, or null when the offset leads nowhere. */
export function definition(uri: string, model: ReportModel, offset: number): LocationLink[] | null {
  const found = definitionTarget(model, offset);
  if (!found) return null;
  const target = toRange(model.lines, found.target);
  return [
    {
      originSelectionRange: toRange(model.lines, found.origin),
      targetUri: uri,
      targetRange: target,
      targetSelectionRange: target,
    },
  ];
}
