import * as vscode from 'vscode';
import type { ReportSummary } from '../../server/src/protocol/requests';
import type { SummarySource } from './languageClient';

/** How often a summary older than the document is asked for again before giving up. */
const MAX_ATTEMPTS = 3;
/** Summaries kept at most; the least recently used is evicted first. */
const MAX_ENTRIES = 16;

interface Entry {
  summary: ReportSummary;
  /** False once the server announced a newer analysis or restarted. */
  fresh: boolean;
}

interface Pending {
  version: number;
  promise: Promise<ReportSummary | undefined>;
  cancel: vscode.CancellationTokenSource;
}

/**
 * The one place the client gets report summaries from, shared by the summary view and the status
 * item so that a document is asked for once per analysis. Entries are keyed by URI, marked out of
 * date when the server announces a new analysis or restarts, and dropped when the document closes
 * (or, beyond {@link MAX_ENTRIES}, when least recently used).
 */
export class SummaryStore implements vscode.Disposable {
  private readonly summaries = new Map<string, Entry>();
  private readonly pending = new Map<string, Pending>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /**
   * Fires with a document's URI when its summary is out of date (ask {@link get} again), or with
   * `undefined` when every summary is.
   */
  readonly onDidChange = this.changed.event;

  constructor(private readonly source: SummarySource) {
    this.disposables.push(
      source.onDidAnalyse(({ uri }) => this.invalidate(uri)),
      source.onDidStart(() => this.invalidate()),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
    );
  }

  /** The last summary received for `uri`, fresh or not (to show while a new one is on its way). */
  peek(uri: vscode.Uri): ReportSummary | undefined {
    return this.summaries.get(uri.toString())?.summary;
  }

  /**
   * The summary of the document's current version: from the cache when fresh, otherwise asked of
   * the server (one request per document version, shared by all callers). A response for an older
   * version is dropped and asked again. `undefined` when there is no (current) summary to be had.
   */
  get(document: vscode.TextDocument): Promise<ReportSummary | undefined> {
    const key = document.uri.toString();
    const cached = this.summaries.get(key);
    if (cached !== undefined && cached.fresh && cached.summary.version >= document.version) {
      this.touch(key, cached.summary);
      return Promise.resolve(cached.summary);
    }
    const pending = this.pending.get(key);
    if (pending !== undefined && pending.version === document.version) return pending.promise;
    pending?.cancel.cancel();
    const cancel = new vscode.CancellationTokenSource();
    const entry: Pending = { version: document.version, cancel, promise: Promise.resolve(undefined) };
    entry.promise = this.fetch(document, cancel.token).finally(() => {
      if (this.pending.get(key) === entry) this.pending.delete(key);
      cancel.dispose();
    });
    this.pending.set(key, entry);
    return entry.promise;
  }

  /**
   * Marks the summary of `uri` (or of every document) out of date, cancels requests in flight for
   * it and tells listeners to ask again.
   */
  invalidate(uri?: vscode.Uri): void {
    const keys = uri === undefined ? [...this.summaries.keys(), ...this.pending.keys()] : [uri.toString()];
    for (const key of keys) {
      const entry = this.summaries.get(key);
      if (entry !== undefined) entry.fresh = false;
      this.pending.get(key)?.cancel.cancel();
      this.pending.delete(key);
    }
    this.changed.fire(uri);
  }

  dispose(): void {
    for (const pending of this.pending.values()) pending.cancel.cancel();
    this.pending.clear();
    this.summaries.clear();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private async fetch(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<ReportSummary | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const summary = await this.source.requestSummary(document.uri, token);
      if (token.isCancellationRequested || document.isClosed) return undefined;
      if (summary === null || summary === undefined) return undefined;
      if (summary.version >= document.version) {
        this.touch(document.uri.toString(), summary);
        return summary;
      }
      // Stale: the server answered for an older version than the editor holds. Ask again.
    }
    return undefined;
  }

  /** Stores `summary` as the most recently used entry, evicting the oldest beyond the limit. */
  private touch(key: string, summary: ReportSummary): void {
    this.summaries.delete(key);
    this.summaries.set(key, { summary, fresh: true });
    for (const oldest of this.summaries.keys()) {
      if (this.summaries.size <= MAX_ENTRIES) break;
      this.summaries.delete(oldest);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.summaries.delete(key);
    this.pending.get(key)?.cancel.cancel();
    this.pending.delete(key);
  }
}
