import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol/requests';
import type { SummaryStore } from './summaryStore';
import { overallText, problemsText } from './summaryText';
import { SUMMARY_VIEW_ID } from './summaryView';

/**
 * A language status item for reports: the overall grade(s) and the problem count of the active
 * report, from the same {@link SummaryStore} as the summary view. Clicking it opens the view.
 */
class ReportStatusItem implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('inspectionReport.status', {
    language: LANGUAGE_ID,
  });
  private readonly disposables: vscode.Disposable[] = [this.item];
  /** Number of the latest update; earlier ones drop their results. */
  private generation = 0;

  constructor(private readonly store: SummaryStore) {
    this.item.name = 'Inspection Report';
    this.item.command = { title: 'Show Summary', command: `${SUMMARY_VIEW_ID}.focus` };
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      vscode.workspace.onDidOpenTextDocument(() => void this.update()),
      store.onDidChange((uri) => {
        const active = activeReport();
        if (active !== undefined && (uri === undefined || uri.toString() === active.uri.toString())) {
          void this.update();
        }
      }),
    );
    void this.update();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    const document = activeReport();
    if (document === undefined) return; // the item is hidden for other languages anyway
    const previous = this.store.peek(document.uri);
    this.item.busy = true;
    const summary = (await this.store.get(document)) ?? previous;
    if (generation !== this.generation) return;
    this.item.busy = false;
    if (summary === undefined) {
      this.item.text = 'No summary';
      this.item.detail = 'the language server has not analysed this report';
      this.item.severity = vscode.LanguageStatusSeverity.Warning;
      return;
    }
    this.item.text = overallText(summary);
    this.item.detail = problemsText(summary);
    this.item.severity =
      summary.problems.errors > 0
        ? vscode.LanguageStatusSeverity.Warning
        : vscode.LanguageStatusSeverity.Information;
  }
}

function activeReport(): vscode.TextDocument | undefined {
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === LANGUAGE_ID ? document : undefined;
}

/** Creates the report status item; dispose the result to remove it. */
export function registerStatusItem(store: SummaryStore): vscode.Disposable {
  return new ReportStatusItem(store);
}
