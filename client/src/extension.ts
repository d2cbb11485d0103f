import * as vscode from 'vscode';
import type { ReportSummary } from '../../server/src/protocol/requests';
import { registerAutoDetect } from './autoDetect';
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
}

/** Wires the client modules together; every disposable goes to the extension's subscriptions. */
export function activate(context: vscode.ExtensionContext): InspectionReportApi {
  const client = new ReportLanguageClient(context);
  languageClient = client;
  const store = new SummaryStore(client);
  context.subscriptions.push(
    client,
    store,
    registerSummaryView(store),
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
  };
}

/** Stops the language server, so that it shuts down before the extension host exits. */
export function deactivate(): Promise<void> | undefined {
  const client = languageClient;
  languageClient = undefined;
  return client?.shutdown();
}
