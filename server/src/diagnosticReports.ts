import type { Diagnostic, DocumentDiagnosticReport } from 'vscode-languageserver';
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
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
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
