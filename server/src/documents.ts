import { type CancellationToken, type Connection, TextDocuments } from 'vscode-languageserver';
import type { Analyser } from './analysis/offThread';
import { ChangeLog } from './changeLog';
import { analyseEdit } from './core/edits';
import type { PieceText } from './core/pieceText';
import type { AnalyseOptions, Analysis } from './core/model';
import { carryDocumentSymbols } from './handlers/symbols';
import { PieceDocument } from './pieceDocument';
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

/**
 * Longest document whose edits are spliced on the main thread (core/edits.ts): at a few
 * milliseconds per megabyte, about 50 ms. A longer document's splice would hold every other
 * request for longer, so such edits are analysed in full, in the worker.
 */
const MAIN_THREAD_SPLICE_LIMIT = 10_000_000;

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
  /** Where each `didChange` changed an open document, for the next analysis made from an earlier one. */
  private readonly changes = new ChangeLog();
  /** The open documents, kept in sync by incremental `didChange` notifications. */
  readonly documents = new TextDocuments<PieceDocument>({
    create: (uri, languageId, version, content) => new PieceDocument(uri, languageId, version, content),
    update: (document, changes, version) => this.changes.update(document, changes, version),
  });
  private readonly cache = new Map<string, AnalysedDocument>();
  /** Analyses under way, one per document: requests for the same version share it. */
  private readonly running = new Map<string, Promise<AnalysedDocument>>();
  private serial = 0;

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsStore,
    private readonly analyser: Analyser,
  ) {
    this.documents.onDidClose((event) => {
      this.cache.delete(event.document.uri);
      this.running.delete(event.document.uri);
      this.changes.forget(event.document.uri);
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
    const running = this.running.get(uri);
    const wanted = (entry: AnalysedDocument) =>
      entry.version === current.version && entry.generation === generation;
    const analysing =
      running ?? this.analyseVersion(uri, current.version, current.pieces, settings, generation);
    const entry = await untilCancelled(analysing, token);
    if (entry === undefined) return undefined;
    if (!wanted(entry)) return running ? this.get(uri, token) : entry;
    return token?.isCancellationRequested ? undefined : entry;
  }

  /** Analyses one version (in the worker when it is large) and caches it if it is still current. */
  private analyseVersion(
    uri: string,
    version: number,
    pieces: PieceText,
    settings: Settings,
    generation: number,
  ): Promise<AnalysedDocument> {
    // The whole text, not copied together until a full analysis reads it (see PieceText).
    const text = pieces.toString();
    const options = analyseOptions(settings);
    // After a small edit the previous version's analysis, moved, is often the answer (core/edits.ts).
    const previous = this.cache.get(uri);
    const edited =
      previous && previous.generation === generation
        ? analyseEdit(
            previous.analysis,
            text,
            options,
            { spliceUpTo: MAIN_THREAD_SPLICE_LIMIT },
            this.changes.between(uri, previous.version, version),
            pieces,
          )
        : undefined;
    if (edited && previous) carryDocumentSymbols(previous.analysis.model, edited.model);
    const analysed = edited ? Promise.resolve(edited) : this.analyser.analyse(text, options);
    const analysing = analysed.then((analysis) => {
      if (this.running.get(uri) === analysing) this.running.delete(uri);
      const entry: AnalysedDocument = {
        uri,
        version,
        analysis,
        settings,
        generation,
        resultId: `${SESSION}:${++this.serial}`,
      };
      // Settings changed, or the document changed or closed, meanwhile: answer but keep nothing stale.
      if (generation !== this.settings.generation || this.documents.get(uri)?.version !== version)
        return entry;
      this.cache.set(uri, entry);
      this.changes.analysed(uri, version);
      void this.connection.sendNotification(AnalysedNotification.type, { uri, version });
      return entry;
    });
    this.running.set(uri, analysing);
    return analysing;
  }
}

/** `promise`'s value, or `undefined` as soon as `token` is cancelled (the work itself goes on). */
function untilCancelled<T>(
  promise: Promise<T>,
  token: CancellationToken | undefined,
): Promise<T | undefined> {
  if (!token) return promise;
  if (token.isCancellationRequested) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const listener = token.onCancellationRequested(() => {
      listener.dispose();
      resolve(undefined);
    });
    promise.then(
      (value) => {
        listener.dispose();
        resolve(value);
      },
      () => {
        listener.dispose();
        resolve(undefined);
      },
    );
  });
}
