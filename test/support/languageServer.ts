import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import {
  type ConfigurationParams,
  type InitializeResult,
  InitializeRequest,
  InitializedNotification,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { LANGUAGE_ID } from '../../server/src/protocol/requests';
import { repoRoot } from './fixtures';

/** The project root. */
export const ROOT = repoRoot();

/** The bundled server the protocol tests drive. */
export const SERVER_BUNDLE = path.join(ROOT, 'dist', 'server.js');

/** A seed report's path, text and file URI. */
export function seed(name: string): { path: string; uri: string; text: string } {
  const file = path.join(ROOT, 'seeds', name);
  return { path: file, uri: pathToFileURL(file).href, text: readFileSync(file, 'utf8') };
}

/** 0-based number of the `occurrence`-th line (0-based) whose text equals `line` exactly. */
export function lineOf(text: string, line: string, occurrence = 0): number {
  const lines = text.split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === line && seen++ === occurrence) return i;
  }
  throw new Error(`Line ${JSON.stringify(line)} (occurrence ${occurrence}) not found`);
}

/** The range of `needle` on line `line` (0-based) of `text`. */
export function rangeOn(text: string, line: number, needle: string): Range {
  const character = (text.split('\n')[line] ?? '').indexOf(needle);
  if (character < 0) throw new Error(`${JSON.stringify(needle)} not on line ${line}`);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

interface Waiter {
  method: string;
  predicate: (params: unknown) => boolean;
  resolve: (params: unknown) => void;
}

/** Options for {@link startLanguageServer}. */
export interface StartOptions {
  /** The `inspectionReport` section returned for `workspace/configuration` (default: `{}`, all defaults). */
  settings?: unknown;
}

/**
 * A running `node dist/server.js --stdio` and a JSON-RPC connection to it, acting as a client: it
 * answers `workspace/configuration` (with {@link TestServer.settings}), capability registration and
 * diagnostics refresh requests, and records every notification the server sends.
 */
export class TestServer {
  /** The configuration section answered to `workspace/configuration`; tests may change it. */
  settings: unknown;
  /** Every `workspace/configuration` request the server made. */
  readonly configurationRequests: ConfigurationParams[] = [];
  /** How many `workspace/diagnostic/refresh` requests the server made. */
  diagnosticRefreshes = 0;
  /** Every notification received, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Resolves when the server process exits. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the server wrote to stderr. */
  stderr = '';
  private readonly waiters: Waiter[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'inspectionReport' ? this.settings : null));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.diagnosticRefreshes++;
      return null;
    });
    connection.onNotification((method: string, params: unknown) => this.record(method, params));
    connection.listen();
  }

  /** Spawns the bundled server and connects to it (not yet initialized). */
  static spawn(options: StartOptions = {}): TestServer {
    if (!existsSync(SERVER_BUNDLE))
      throw new Error(`${SERVER_BUNDLE} is missing: run node esbuild.mjs first`);
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    if (!child.stdout || !child.stdin) throw new Error('Server process has no stdio pipes');
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    return new TestServer(child, connection, options);
  }

  /** Sends initialize (as a client supporting pull diagnostics and configuration) and initialized. */
  async initialize(): Promise<InitializeResult> {
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).href,
      workspaceFolders: [{ uri: pathToFileURL(ROOT).href, name: 'root' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
          symbol: { dynamicRegistration: false },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          definition: { linkSupport: true },
          foldingRange: { lineFoldingOnly: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  /** Opens a document as an `inspection-report`. */
  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: LANGUAGE_ID, version, text },
    });
  }

  /** Sends an incremental change. */
  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Closes a document. */
  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /**
   * Resolves with the params of the first notification of `method` matching `predicate` that
   * arrives after this call; register it before the action that causes the notification.
   */
  next<P>(method: string, predicate: (params: P) => boolean = () => true): Promise<P> {
    return new Promise((resolve) => {
      this.waiters.push({
        method,
        predicate: (params) => predicate(params as P),
        resolve: (params) => resolve(params as P),
      });
    });
  }

  /** Sends shutdown and exit, and resolves with how the process ended. */
  async shutdown(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const exit = await this.exited;
    this.connection.dispose();
    return exit;
  }

  /** Ends the connection and the process if a test left them running. */
  dispose(): void {
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private record(method: string, params: unknown): void {
    this.notifications.push({ method, params });
    for (let i = 0; i < this.waiters.length;) {
      const waiter = this.waiters[i];
      if (waiter && waiter.method === method && waiter.predicate(params)) {
        this.waiters.splice(i, 1);
        waiter.resolve(params);
      } else i++;
    }
  }
}

/**
 * Starts a server before the tests of the enclosing `describe` (handing it to `use` at once, so that
 * it is disposed of even when it fails to initialise) and disposes of it after them.
 */
export function startServerForSuite(options: { timeout: number }, use: (server: TestServer) => void): void {
  let server: TestServer | undefined;
  before(async () => {
    server = TestServer.spawn();
    use(server);
    await server.initialize();
  }, options);
  after(() => server?.dispose());
}
