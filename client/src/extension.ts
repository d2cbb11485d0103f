import * as vscode from 'vscode';
import type { ComparisonRow } from '../../server/src/protocol/compare';
import type { ReportSummary } from '../../server/src/protocol/requests';
import { registerAutoDetect } from './autoDetect';
import { registerCompareCommands } from './compareCommands';
import { ReportLanguageClient } from './languageClient';
import { registerOpenReportCommands } from './openReport';
import { registerRevealRange } from './revealRange';
import { registerStatusItem } from './statusItem';
import { SummaryStore } from './summaryStore';
import { registerSummaryView } from './summaryView';

let languageClient: ReportLanguageClient | undefined;

/** What `activate` returns (`vscode.extensions.getExtension(...).exports`), used by the e2e tests. */
export interface InspectionReportApi {
  /** The summary of an open report's current version: what the summary panel shows. */
  summary(document: vscode.TextDocument): Promise<ReportSummary | undefined>;
  /**
   * Opens the Compare Reports panel (or reveals it), compares every report of the workspace afresh
   * and resolves with the rows the panel's webview was sent, in the order shown.
   */
  compareReports(): Promise<ComparisonRow[]>;
  /**
   * Test hooks, for the e2e tests only (test/e2e/suite): when a language server starts running,
   * and what the extension told the user about it. Its process is not exposed: the tests find it
   * as the extension host's child running this extension's `dist/server.js`.
   */
  readonly server: {
    /** Fires each time a language server is running: first start, restart after a crash, user restart. */
    readonly onDidStart: vscode.Event<void>;
    /** Fires with each message about the server or its settings shown to the user. */
    readonly onDidTell: vscode.Event<string>;
  };
}

/** Wires the client modules together; every disposable goes to the extension's subscriptions. */
export function activate(context: vscode.ExtensionContext): InspectionReportApi {
  const client = new ReportLanguageClient(context);
  languageClient = client;
  const store = new SummaryStore(client);
  const comparison = registerCompareCommands(context.extensionUri, { summaries: store, server: client });
  context.subscriptions.push(
    client,
    store,
    registerSummaryView(store),
    comparison,
    registerStatusItem(store),
    registerAutoDetect(),
    registerRevealRange(),
    registerOpenReportCommands(context),
    vscode.commands.registerCommand('inspectionReport.restartServer', () => client.restart()),
  );
  return {
    summary: async (document) => {
      // A request that a newer analysis cancelled is asked again, as the views do on onDidChange.
      for (let attempt = 0; attempt < 3; attempt++) {
        const summary = await store.get(document);
        if (summary !== undefined) return summary;
      }
      return undefined;
    },
    compareReports: async () => (await comparison.compare()).rows,
    server: { onDidStart: client.onDidStart, onDidTell: client.onDidTell },
  };
}

/** Stops the language server, so that it shuts down before the extension host exits. */
export function deactivate(): Promise<void> | undefined {
  const client = languageClient;
  languageClient = undefined;
  return client?.shutdown();
}
