import { type CancellationToken, type Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyse } from './core/analyse';
import type { AnalyseOptions, Analysis } from './core/model';
import { AnalysedNotification } from './protocol/requests';
import type { Settings } from './protocol/settings';
import type { SettingsStore } from './settings';

/** One analysed version of an open document, shared by every feature. */
export interface AnalysedDocument {
  readonly uri: string;
  readonly version: number;
  readonly analysis: Analysis;
  /** The settings the analysis was made with (features apply the same ones). */
  readonly settings: Settings;
  /** Settings generation the analysis was made under. */
  readonly generation: number;
  /** Unique per analysis in this server process: the pull-diagnostics result id. */
  readonly resultId: string;
}

/** Distinguishes this server process's result ids from an earlier one's. */
const SESSION = Date.now().toString(36);

/** Maps validated settings to the core's options. */
export function analyseOptions(settings: Settings): AnalyseOptions {
  return {
    userScales: settings.scales,
    maxOutlineNodes: settings.maxOutlineNodes,
    ...(settings.framework !== 'auto'
      ? { framework: settings.framework as AnalyseOptions['framework'] }
      : {}),
  };
}

/**
 * The open documents and one analysis per document version: parsed lazily, once per version, on the
 * first request that needs it, and evicted when the document closes or the configuration changes.
 * After analysing a new version it sends {@link AnalysedNotification} so views can refresh.
 */
export class DocumentStore {
  /** The open documents, kept in sync by incremental `didChange` notifications. */
  readonly documents = new TextDocuments(TextDocument);
  private readonly cache = new Map<string, AnalysedDocument>();
  private serial = 0;

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsStore,
  ) {
    this.documents.onDidClose((event) => {
      this.cache.delete(event.document.uri);
      this.settings.forget(event.document.uri);
    });
    this.documents.listen(connection);
  }

  /** URIs of every open document. */
  openUris(): string[] {
    return this.documents.keys();
  }

  /** Forgets every analysis (settings changed); the next request re-analyses. */
  clear(): void {
    this.cache.clear();
  }

  /**
   * The analysis of the current version of an open document, computed at most once per version.
   * Resolves to `undefined` when the document is not open, was closed while settings were being
   * read, or the request was cancelled. Never rejects.
   */
  async get(uri: string, token?: CancellationToken): Promise<AnalysedDocument | undefined> {
    if (token?.isCancellationRequested || !this.documents.get(uri)) return undefined;
    const generation = this.settings.generation;
    const settings = await this.settings.get(uri);
    const document = this.documents.get(uri);
    if (token?.isCancellationRequested || !document) return undefined;
    const cached = this.cache.get(uri);
    if (cached && cached.version === document.version && cached.generation === this.settings.generation) {
      return cached;
    }
    // Let queued edits and cancellations arrive before the expensive part: a request overtaken by a
    // newer edit is cancelled here instead of analysing a version nobody will see.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const current = this.documents.get(uri);
    if (token?.isCancellationRequested || !current) return undefined;
    const again = this.cache.get(uri);
    if (again && again.version === current.version && again.generation === this.settings.generation)
      return again;
    const entry: AnalysedDocument = {
      uri,
      version: current.version,
      analysis: analyse(current.getText(), analyseOptions(settings)),
      settings,
      generation,
      resultId: `${SESSION}:${++this.serial}`,
    };
    // Settings changed while they were being read: answer this request but keep nothing stale.
    if (generation !== this.settings.generation) return entry;
    this.cache.set(uri, entry);
    void this.connection.sendNotification(AnalysedNotification.type, { uri, version: current.version });
    return entry;
  }
}
