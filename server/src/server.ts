import {
  CodeActionKind,
  type CancellationToken,
  type Connection,
  DidChangeConfigurationNotification,
  type DocumentDiagnosticReport,
  ErrorCodes,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { Analyser } from './analysis/offThread';
import { DiagnosticReports } from './diagnosticReports';
import { type AnalysedDocument, DocumentStore } from './documents';
import { codeActions } from './handlers/codeActions';
import { definition } from './handlers/definition';
import { foldingRanges } from './handlers/folding';
import { hover } from './handlers/hover';
import { summariseText, summariseTextProblem } from './handlers/summariseText';
import { reportSummary } from './handlers/summary';
import { documentSymbols, workspaceSymbols } from './handlers/symbols';
import { SummariseTextRequest, SummaryRequest } from './protocol/requests';
import { SettingsStore } from './settings';

/** How the server runs. */
export interface ServerOptions {
  /**
   * The server's own script, run as a worker thread to analyse large documents off the main thread
   * (see {@link Analyser}); without it every analysis is made on the main thread.
   */
  readonly analysisWorker?: string;
}

/** What the client told us it supports, read at `initialize`. */
interface ClientSupport {
  configuration: boolean;
  configurationRegistration: boolean;
  diagnosticRefresh: boolean;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Declares the server's capabilities and registers one handler per feature on the connection.
 * Every handler reads the shared analysis of the document's current version from the
 * {@link DocumentStore}; a request for a document that is not open answers null or an empty list,
 * and a cancelled request answers the LSP `RequestCancelled` error.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const client: ClientSupport = {
    configuration: false,
    configurationRegistration: false,
    diagnosticRefresh: false,
  };
  const settings = new SettingsStore(connection, () => client.configuration);
  const analyser = new Analyser(options.analysisWorker);
  const store = new DocumentStore(connection, settings, analyser);
  const reports = new DiagnosticReports();
  store.documents.onDidClose((event) => reports.forget(event.document.uri));
  connection.onExit(() => analyser.dispose());

  /** Runs `map` on the document's analysis, checking the token before and after getting it. */
  async function withDocument<R>(
    uri: string,
    token: CancellationToken,
    empty: R,
    map: (document: AnalysedDocument) => R,
  ): Promise<R> {
    if (token.isCancellationRequested) throw cancelled();
    const document = await store.get(uri, token);
    if (token.isCancellationRequested) throw cancelled();
    return document ? map(document) : empty;
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    client.configuration = capabilities.workspace?.configuration === true;
    client.configurationRegistration =
      capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    client.diagnosticRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        hoverProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      },
      serverInfo: { name: 'inspection-report' },
    };
  });

  connection.onInitialized(() => {
    if (client.configurationRegistration) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    }
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    store.clear();
    if (client.diagnosticRefresh) {
      Promise.resolve(connection.languages.diagnostics.refresh() as unknown).catch((error: unknown) =>
        connection.console.error(`Diagnostics refresh failed: ${String(error)}`),
      );
    }
    // Re-analysing sends AnalysedNotification for each open document, so views refresh.
    for (const uri of store.openUris()) void store.get(uri);
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const uri = params.textDocument.uri;
    return withDocument<DocumentDiagnosticReport>(uri, token, { kind: 'full', items: [] }, (document) =>
      reports.report(document, params.previousResultId),
    );
  });

  connection.onDocumentSymbol((params, token) =>
    withDocument(params.textDocument.uri, token, [], (document) => documentSymbols(document.analysis.model)),
  );

  connection.onWorkspaceSymbol(async (params, token) => {
    if (token.isCancellationRequested) throw cancelled();
    const documents = await Promise.all(store.openUris().map((uri) => store.get(uri, token)));
    if (token.isCancellationRequested) throw cancelled();
    const sources = documents.flatMap((document) =>
      document ? [{ uri: document.uri, model: document.analysis.model }] : [],
    );
    return workspaceSymbols(sources, params.query);
  });

  connection.onFoldingRanges((params, token) =>
    withDocument(params.textDocument.uri, token, [], (document) => foldingRanges(document.analysis.model)),
  );

  connection.onHover((params, token) =>
    withDocument(params.textDocument.uri, token, null, ({ analysis: { model } }) =>
      hover(model, model.lines.offsetAt(params.position)),
    ),
  );

  connection.onDefinition((params, token) =>
    withDocument(params.textDocument.uri, token, null, ({ uri, analysis: { model } }) =>
      definition(uri, model, model.lines.offsetAt(params.position)),
    ),
  );

  connection.onCodeAction((params, token) =>
    withDocument(params.textDocument.uri, token, [], (document) =>
      codeActions(
        document.uri,
        document.analysis,
        document.settings,
        params.context.diagnostics,
        params.context.only,
      ),
    ),
  );

  connection.onRequest(SummaryRequest.type, (params, token) =>
    withDocument(params.textDocument.uri, token, null, (document) =>
      reportSummary(document.uri, document.version, document.analysis, document.settings),
    ),
  );

  // Texts that are not open documents: analysed, summarised and dropped (nothing is cached).
  connection.onRequest(SummariseTextRequest.type, async (params, token) => {
    const problem = summariseTextProblem(params);
    if (problem !== undefined) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    if (token.isCancellationRequested) throw cancelled();
    const textSettings = await settings.getUncached(params.uri);
    // Let a cancellation sent behind the request arrive before the expensive part.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) throw cancelled();
    return summariseText(params.uri, params.text, textSettings);
  });

  connection.listen();
}
