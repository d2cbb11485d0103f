import * as vscode from 'vscode';
import type { ExportFormat } from './exportFormat';
import { type ExportHost, runExport } from './exportFlow';

/** What to export and how to name it. */
export interface ExportRequest {
  /** The save dialog's title. */
  title: string;
  /** The suggested file name, without extension. */
  defaultName: string;
  /** The text to write, in the format the chosen file's extension asks for. */
  content: (format: ExportFormat) => string;
  /** Where to write, skipping the save dialog (a caller or a test passing a file). */
  target?: vscode.Uri;
}

/** Folder the save dialog opens in: the first workspace folder, if any. */
function defaultFolder(): vscode.Uri | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri;
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The editor side of an export: save dialog, file system and the replace question. */
function host(request: ExportRequest): ExportHost<vscode.Uri> {
  return {
    pickTarget: () => {
      const folder = defaultFolder();
      const name = `${request.defaultName}.csv`;
      return Promise.resolve(
        vscode.window.showSaveDialog({
          title: request.title,
          saveLabel: 'Export',
          filters: { 'CSV (comma-separated values)': ['csv'], JSON: ['json'] },
          ...(folder !== undefined ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
        }),
      );
    },
    nameOf: (target) => basename(target),
    exists: async (target) => {
      try {
        await vscode.workspace.fs.stat(target);
        return true;
      } catch (error) {
        // Anything but "not found" (no permission, say) counts as existing: the user is asked.
        return !(error instanceof vscode.FileSystemError && error.code === 'FileNotFound');
      }
    },
    confirmReplace: async (target) => {
      // Save dialogs of some hosts (the browser, remote) do not ask: ask here, always.
      const choice = await vscode.window.showWarningMessage(
        `"${basename(target)}" already exists. Replace it?`,
        { modal: true, detail: 'Its contents will be overwritten with the export.' },
        'Replace',
      );
      return choice === 'Replace';
    },
    write: (target, bytes) => Promise.resolve(vscode.workspace.fs.writeFile(target, bytes)),
  };
}

/**
 * Exports as CSV or JSON (by the chosen file's extension) to a file the user picks, asking before
 * replacing an existing one, and says how it went. Resolves to the file written, if any.
 */
export async function exportToFile(request: ExportRequest): Promise<vscode.Uri | undefined> {
  try {
    const result = await runExport(host(request), request.content, request.target);
    if (result.outcome !== 'written') return undefined;
    vscode.window.setStatusBarMessage(`Exported to ${basename(result.target)}.`, 5000);
    return result.target;
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Could not export: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}
