import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol/requests';

/** Context key set when the extension ships (or, in development, sits next to) sample reports. */
const SAMPLES_KEY = 'inspectionReport.samplesAvailable';
const SAMPLES_FOLDER = 'seeds';

/** Opens `uri` as an inspection report: the user asked for a report, so no detection is needed. */
async function openAsReport(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const report =
    document.languageId === LANGUAGE_ID
      ? document
      : await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  await vscode.window.showTextDocument(report);
}

/** Asks for a text file and opens it as a report. */
async function openReport(defaultUri?: vscode.Uri): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    defaultUri,
    filters: { 'Inspection reports': ['txt'], 'All files': ['*'] },
    openLabel: 'Open Report',
  });
  if (picked?.[0] !== undefined) await openAsReport(picked[0]);
}

/** Lists the sample reports and opens the one picked. */
async function openSample(folder: vscode.Uri): Promise<void> {
  let entries: [string, vscode.FileType][];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder);
  } catch {
    void vscode.window.showWarningMessage('No sample reports are available.');
    return;
  }
  const names = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.txt'))
    .map(([name]) => name)
    .sort();
  const name = await vscode.window.showQuickPick(names, { placeHolder: 'Open a sample inspection report' });
  if (name !== undefined) await openAsReport(vscode.Uri.joinPath(folder, name));
}

/**
 * Registers "Open Report…" and "Open Sample Report…" (the summary view's empty-state links) and
 * sets the context key that shows the latter when a `seeds` folder sits in the extension.
 */
export function registerOpenReportCommands(context: vscode.ExtensionContext): vscode.Disposable {
  const samples = vscode.Uri.joinPath(context.extensionUri, SAMPLES_FOLDER);
  vscode.workspace.fs.stat(samples).then(
    (stat) =>
      vscode.commands.executeCommand('setContext', SAMPLES_KEY, stat.type === vscode.FileType.Directory),
    () => vscode.commands.executeCommand('setContext', SAMPLES_KEY, false),
  );
  return vscode.Disposable.from(
    vscode.commands.registerCommand('inspectionReport.openReport', () => openReport()),
    vscode.commands.registerCommand('inspectionReport.openSample', () => openSample(samples)),
  );
}
