import * as vscode from 'vscode';
import { registerAutoDetect } from './autoDetect';
import { ReportLanguageClient } from './languageClient';
import { registerOpenReportCommands } from './openReport';
import { registerRevealRange } from './revealRange';
import { registerStatusItem } from './statusItem';
import { SummaryStore } from './summaryStore';
import { registerSummaryView } from './summaryView';

let languageClient: ReportLanguageClient | undefined;

/** Wires the client modules together; every disposable goes to the extension's subscriptions. */
export function activate(context: vscode.ExtensionContext): void {
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
}

/** Stops the language server, so that it shuts down before the extension host exits. */
export function deactivate(): Promise<void> | undefined {
  const client = languageClient;
  languageClient = undefined;
  return client?.shutdown();
}
