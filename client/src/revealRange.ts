import * as vscode from 'vscode';

/** The command that shows a place of a report in an editor; used by the summary view's items. */
export const REVEAL_RANGE_COMMAND = 'inspectionReport.revealRange';

/** A range as the protocol sends it (zero-based lines and characters). */
export interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The arguments of {@link REVEAL_RANGE_COMMAND}: a document URI (string or Uri) and a range. */
export function revealRangeArguments(uri: vscode.Uri, range: RangeLike): [string, RangeLike] {
  return [uri.toString(), range];
}

/**
 * Opens the document (in the editor column already showing it, if any), selects the range and
 * scrolls it to the centre unless it is already in view.
 */
export async function revealRange(uri: vscode.Uri | string, range: RangeLike): Promise<void> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri, true) : uri;
  const selection = new vscode.Range(
    range.start.line,
    range.start.character,
    range.end.line,
    range.end.character,
  );
  const visible = vscode.window.visibleTextEditors.find(
    (editor) => editor.document.uri.toString() === target.toString(),
  );
  const editor = await vscode.window.showTextDocument(target, {
    viewColumn: visible?.viewColumn,
    selection,
    preserveFocus: false,
  });
  editor.selection = new vscode.Selection(selection.start, selection.end);
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Registers {@link REVEAL_RANGE_COMMAND}. */
export function registerRevealRange(): vscode.Disposable {
  return vscode.commands.registerCommand(REVEAL_RANGE_COMMAND, (uri: unknown, range: unknown) => {
    if ((typeof uri !== 'string' && !(uri instanceof vscode.Uri)) || !isRange(range)) return;
    return revealRange(uri, range);
  });
}

function isRange(value: unknown): value is RangeLike {
  const range = value as Partial<RangeLike> | null | undefined;
  return (
    typeof range?.start?.line === 'number' &&
    typeof range.start.character === 'number' &&
    typeof range.end?.line === 'number' &&
    typeof range.end.character === 'number'
  );
}
