import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  type ErrorHandler,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  AnalysedNotification,
  LANGUAGE_ID,
  type ReportSummary,
  SettingsProblemNotification,
  SummariseTextRequest,
  SummaryRequest,
} from '../../server/src/protocol/requests';
import { CrashPolicy } from './crashPolicy';
import { SECTION } from './section';

/** A new analysis of one document, as announced by the server. */
export interface AnalysedEvent {
  uri: vscode.Uri;
  version: number;
}

/** What the views need from the language server: summaries and news of fresh analyses. */
export interface SummarySource {
  /** Fires after the server analysed a new version of a document (or re-analysed it). */
  readonly onDidAnalyse: vscode.Event<AnalysedEvent>;
  /** Fires when a (re)started server is running; earlier answers may be out of date. */
  readonly onDidStart: vscode.Event<void>;
  /**
   * The server's summary of an open report; `null` when the server does not know the document,
   * `undefined` when no server is running or the request failed or was cancelled.
   */
  requestSummary(uri: vscode.Uri, token: vscode.CancellationToken): Promise<ReportSummary | null | undefined>;
}

/** What the comparison needs from the language server: summaries of texts that are not open. */
export interface TextSummariser {
  /**
   * The server's summary of `text` (the content of the file at `uri`), analysed and dropped;
   * `undefined` when no server is running or the request failed (logged) or was cancelled.
   */
  summariseText(
    uri: vscode.Uri,
    text: string,
    token: vscode.CancellationToken,
  ): Promise<ReportSummary | undefined>;
}

/** One running client and everything that lives exactly as long as it. */
interface ClientScope {
  readonly client: LanguageClient;
  readonly disposables: vscode.Disposable[];
}

const CLIENT_ID = SECTION; // so that `inspectionReport.trace.server` sets the trace level
const CLIENT_NAME = 'Inspection Report Language Server';

/**
 * Owns the language client. The server is started lazily, when the first report document is
 * open or a view asks for data, and can be restarted. Two disposal lifetimes: this object lives
 * in the extension's subscriptions; each started client has its own scope, disposed on restart.
 */
export class ReportLanguageClient implements SummarySource, TextSummariser, vscode.Disposable {
  private readonly analysed = new vscode.EventEmitter<AnalysedEvent>();
  private readonly started = new vscode.EventEmitter<void>();
  private readonly told = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [this.analysed, this.started, this.told];
  /** Settings problems already shown, so each message is shown once per session. */
  private readonly shownProblems = new Set<string>();
  private scope: ClientScope | undefined;
  /** Serialises start, restart and stop. */
  private queue: Promise<void> = Promise.resolve();

  readonly onDidAnalyse = this.analysed.event;
  readonly onDidStart = this.started.event;
  /**
   * Fires with each message about the server or its settings shown to the user (as it is shown):
   * the crash policy's one message and each settings problem. Observed by the e2e tests.
   */
  readonly onDidTell = this.told.event;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document.languageId === LANGUAGE_ID) void this.ensureStarted();
      }),
    );
    if (vscode.workspace.textDocuments.some((document) => document.languageId === LANGUAGE_ID)) {
      void this.ensureStarted();
    }
  }

  /** Starts the server unless it is already running or starting. */
  ensureStarted(): Promise<void> {
    if (this.scope !== undefined) return this.queue;
    return this.enqueue(() => (this.scope === undefined ? this.start() : Promise.resolve()));
  }

  /** Stops the running server (if any), drops everything tied to it and starts a new one. */
  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.stop();
      await this.start();
    });
  }

  /** Stops the server; resolves when it has shut down. Used by `deactivate`. */
  shutdown(): Promise<void> {
    return this.enqueue(() => this.stop());
  }

  async requestSummary(
    uri: vscode.Uri,
    token: vscode.CancellationToken,
  ): Promise<ReportSummary | null | undefined> {
    await this.ensureStarted();
    const client = this.scope?.client;
    if (client === undefined || !client.isRunning() || token.isCancellationRequested) return undefined;
    try {
      const textDocument = { uri: client.code2ProtocolConverter.asUri(uri) };
      return await client.sendRequest(SummaryRequest.type, { textDocument }, token);
    } catch (error) {
      if (!token.isCancellationRequested) client.error(`${SummaryRequest.method} failed`, error, false);
      return undefined;
    }
  }

  async summariseText(
    uri: vscode.Uri,
    text: string,
    token: vscode.CancellationToken,
  ): Promise<ReportSummary | undefined> {
    await this.ensureStarted();
    const client = this.scope?.client;
    if (client === undefined || !client.isRunning() || token.isCancellationRequested) return undefined;
    try {
      const params = { uri: client.code2ProtocolConverter.asUri(uri), text };
      return await client.sendRequest(SummariseTextRequest.type, params, token);
    } catch (error) {
      if (!token.isCancellationRequested) client.error(`${SummariseTextRequest.method} failed`, error, false);
      return undefined;
    }
  }

  dispose(): void {
    void this.shutdown();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async start(): Promise<void> {
    // Each start (the first, or the user's restart) gets a fresh crash count and may tell once.
    const errorHandler = crashHandler(new CrashPolicy(), (message) => this.tellCrash(client, message));
    const client = new LanguageClient(
      CLIENT_ID,
      CLIENT_NAME,
      this.serverOptions(),
      clientOptions(errorHandler),
    );
    const disposables: vscode.Disposable[] = [];
    this.scope = { client, disposables };
    disposables.push(
      client.onNotification(AnalysedNotification.type, ({ uri, version }) =>
        this.analysed.fire({ uri: client.protocol2CodeConverter.asUri(uri), version }),
      ),
      client.onNotification(SettingsProblemNotification.type, ({ messages }) => this.showProblems(messages)),
      forwardConfigurationChanges(client),
      // Also after the client restarted a crashed server by itself.
      client.onDidChangeState(({ newState }) => {
        if (newState === State.Running) this.started.fire();
      }),
    );
    try {
      await client.start();
    } catch {
      // The client has already shown and logged why the server could not start.
    }
  }

  private async stop(): Promise<void> {
    const scope = this.scope;
    this.scope = undefined;
    if (scope === undefined) return;
    for (const disposable of scope.disposables.splice(0)) disposable.dispose();
    try {
      await scope.client.dispose(2000);
    } catch {
      // A client that never started, or a server that died, cannot be stopped: nothing to do.
    }
  }

  private serverOptions(): ServerOptions {
    const module = this.context.asAbsolutePath('dist/server.js');
    return {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
    };
  }

  /** The one message about a server that crashed too often, with the way out. */
  private tellCrash(client: LanguageClient, message: string): void {
    this.told.fire(message);
    void vscode.window.showErrorMessage(message, 'Restart', 'Show Output').then((choice) => {
      if (choice === 'Restart') void vscode.commands.executeCommand('inspectionReport.restartServer');
      else if (choice === 'Show Output') client.outputChannel.show(true);
    });
  }

  private showProblems(messages: readonly string[]): void {
    for (const message of messages) {
      if (this.shownProblems.has(message)) continue;
      this.shownProblems.add(message);
      this.told.fire(message);
      void vscode.window.showWarningMessage(message, 'Open Settings').then((choice) => {
        if (choice === 'Open Settings') {
          void vscode.commands.executeCommand(
            'workbench.action.openSettings',
            `@ext:${this.context.extension.id}`,
          );
        }
      });
    }
  }
}

/**
 * Options of every client. Configuration is pulled by the server (`workspace/configuration`); the
 * client only announces changes (see {@link forwardConfigurationChanges}). Diagnostics are pulled
 * on change and on save, for report documents only.
 */
function clientOptions(errorHandler: ErrorHandler): LanguageClientOptions {
  return {
    errorHandler,
    // Every scheme: the server reads nothing from disk, so virtual workspaces are analysed too.
    documentSelector: [{ language: LANGUAGE_ID }],
    diagnosticPullOptions: {
      onChange: true,
      onSave: true,
      onTabs: false,
      filter: (document) => document.languageId !== LANGUAGE_ID,
    },
    middleware: {
      workspace: {
        // Should the server register for `workspace/didChangeConfiguration` dynamically, the
        // client would forward changes too; forwardConfigurationChanges already does, once.
        didChangeConfiguration: () => Promise.resolve(),
      },
    },
  };
}

/**
 * The language client's error handler, deciding with a {@link CrashPolicy}: a crashed server is
 * restarted up to three times in three minutes, then left stopped with one plain message (shown by
 * `tell`); every decision is logged to the output channel. `handled` stops the client from
 * showing its own, more technical, notifications as well.
 */
function crashHandler(policy: CrashPolicy, tell: (message: string) => void): ErrorHandler {
  return {
    error(_error, _message, count) {
      const decision = policy.connectionError(count);
      if (decision.tell !== undefined) tell(decision.tell);
      return {
        action: decision.carryOn ? ErrorAction.Continue : ErrorAction.Shutdown,
        message: decision.log,
        handled: true,
      };
    },
    closed() {
      const decision = policy.closed();
      if (decision.tell !== undefined) tell(decision.tell);
      return {
        action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart,
        message: decision.log,
        handled: true,
      };
    },
  };
}

/**
 * Sends `workspace/didChangeConfiguration` (with `settings: null`, so the server pulls the new
 * values per resource) whenever a setting below `inspectionReport` changes. Without a deprecated
 * `synchronize.configurationSection` the language client sends it only if the server registers
 * for it dynamically, which this extension does not rely on.
 */
function forwardConfigurationChanges(client: LanguageClient): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration(SECTION) || !client.isRunning()) return;
    client
      .sendNotification(DidChangeConfigurationNotification.type, { settings: null })
      .catch((error: unknown) => {
        client.error(`Sending ${DidChangeConfigurationNotification.method} failed`, error, false);
      });
  });
}
