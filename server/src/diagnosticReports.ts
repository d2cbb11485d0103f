import type {
  Diagnostic,
  DiagnosticRelatedInformation,
  DocumentDiagnosticReport,
  Range,
} from 'vscode-languageserver';
import type { AnalysedDocument } from './documents';
import { diagnostics } from './handlers/diagnostics';

/** A full report as sent: its id and its items. */
interface SentReport {
  readonly resultId: string;
  readonly items: readonly Diagnostic[];
}

/**
 * Pull-diagnostics reports that say `unchanged` whenever the client already holds the answer.
 *
 * A result id names the items of the last full report sent for a document. Typing in a line of
 * prose rarely changes any diagnostic (positions are lines and characters, so findings on other
 * lines keep theirs): when the client sends that id back and the new version's items equal the
 * ones sent, the answer is `unchanged` instead of the whole list again (hundreds of kilobytes on a
 * large report, serialised by the server and parsed by the client on every keystroke).
 */
export class DiagnosticReports {
  private readonly sent = new Map<string, SentReport>();

  /** The report for `document`, given the result id the client says it holds. */
  report(document: AnalysedDocument, previousResultId: string | undefined): DocumentDiagnosticReport {
    const last = this.sent.get(document.uri);
    const held = previousResultId !== undefined && last?.resultId === previousResultId ? last : undefined;
    // The same analysis (and settings) as the report sent: the same items, without making them again.
    if (held && held.resultId === document.resultId) return { kind: 'unchanged', resultId: held.resultId };
    const items = diagnostics(document.uri, document.analysis, document.settings);
    if (held && sameDiagnostics(held.items, items)) return { kind: 'unchanged', resultId: held.resultId };
    this.sent.set(document.uri, { resultId: document.resultId, items });
    return { kind: 'full', resultId: document.resultId, items };
  }

  /** Forgets what was sent for a document (closed). */
  forget(uri: string): void {
    this.sent.delete(uri);
  }
}

/** True when two lists of diagnostics (as {@link diagnostics} makes them) say the same things, in the same order. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (!sameDiagnostic(a[i] as Diagnostic, b[i] as Diagnostic)) return false;
  return true;
}

/**
 * {@link sameValue} for one diagnostic, except that ranges are compared by their four numbers and
 * related places by message, URI and range: what LSP gives them, and all that toRange and
 * {@link diagnostics} put there.
 */
function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (a.message !== b.message || !sameRange(a.range, b.range)) return false;
  const left = a as unknown as Record<string, unknown>;
  const right = b as unknown as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    keys++;
    if (key === 'range' || key === 'message') continue;
    if (!Object.hasOwn(right, key)) return false;
    if (key === 'relatedInformation') {
      if (!sameRelated(a.relatedInformation, b.relatedInformation)) return false;
    } else if (!sameValue(left[key], right[key])) return false;
  }
  return keys === keyCount(right);
}

function sameRange(a: Range | undefined, b: Range | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

function sameRelated(
  a: readonly DiagnosticRelatedInformation[] | undefined,
  b: readonly DiagnosticRelatedInformation[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as DiagnosticRelatedInformation;
    const y = b[i] as DiagnosticRelatedInformation;
    if (x.message !== y.message || x.location.uri !== y.location.uri) return false;
    if (!sameRange(x.location.range, y.location.range)) return false;
  }
  return true;
}

/** Deep equality of JSON-like values (what a diagnostic is made of). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let keys = 0;
  for (const key in left) {
    if (!Object.hasOwn(right, key) || !sameValue(left[key], right[key])) return false;
    keys++;
  }
  return keys === keyCount(right);
}

/** How many enumerable keys an object has (`Object.keys(o).length` without the array). */
function keyCount(o: object): number {
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _key in o) count++;
  return count;
}
