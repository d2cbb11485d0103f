import * as vscode from 'vscode';
import { LANGUAGE_ID, type ReportSummary } from '../../server/src/protocol/requests';
import { exportToFile } from './exportFile';
import { fileNameFrom } from './exportFormat';
import { summaryExport } from './exportContent';
import type { SummaryStore } from './summaryStore';
import { summaryMarkdown, viewMessage } from './summaryText';
import { SummaryTreeProvider } from './summaryTree';

/** The summary view's id, as declared in package.json. */
export const SUMMARY_VIEW_ID = 'inspectionReport.summary';

/** What the view shows; the `inspectionReport.summary.state` context key picks its welcome text. */
type ViewState = 'none' | 'loading' | 'unavailable' | 'empty' | 'ready';
const STATE_KEY = 'inspectionReport.summary.state';

/**
 * The summary view: follows the active report editor, asks the {@link SummaryStore} for its
 * summary and renders it, refreshing after each analysis while visible (and once it becomes
 * visible again). Commands: refresh, copy and export; collapse-all is the view's built-in one.
 */
class SummaryView implements vscode.Disposable {
  private readonly tree = new SummaryTreeProvider();
  private readonly view: vscode.TreeView<unknown>;
  private readonly disposables: vscode.Disposable[] = [];
  /** The report shown (or being fetched). */
  private document: vscode.TextDocument | undefined;
  private summary: ReportSummary | undefined;
  /** Set when the shown report changed while the view was hidden. */
  private dirty = true;
  /** Number of the latest refresh; earlier ones drop their results. */
  private generation = 0;

  constructor(private readonly store: SummaryStore) {
    this.view = vscode.window.createTreeView(SUMMARY_VIEW_ID, {
      treeDataProvider: this.tree,
      showCollapseAll: true,
    });
    this.disposables.push(
      this.tree,
      this.view,
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      // A language change closes and reopens the document (the editor stays the same).
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (document === vscode.window.activeTextEditor?.document)
          this.follow(vscode.window.activeTextEditor);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document === this.document) this.setDocument(undefined);
      }),
      this.view.onDidChangeVisibility(({ visible }) => {
        if (visible && this.dirty) void this.refresh();
      }),
      store.onDidChange((uri) => {
        if (this.document === undefined) return;
        if (uri === undefined || uri.toString() === this.document.uri.toString()) this.markDirty();
      }),
      vscode.commands.registerCommand('inspectionReport.summary.refresh', () => this.forceRefresh()),
      vscode.commands.registerCommand('inspectionReport.copySummary', () => this.copy()),
      vscode.commands.registerCommand('inspectionReport.exportSummary', (target?: unknown) =>
        this.export(target instanceof vscode.Uri ? target : undefined),
      ),
    );
    this.follow(vscode.window.activeTextEditor);
    this.render();
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  /** Shows the editor's document if it is a report; keeps the shown report while it is still visible. */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (editor?.document.languageId === LANGUAGE_ID) {
      this.setDocument(editor.document);
    } else if (
      editor !== undefined &&
      !vscode.window.visibleTextEditors.some((e) => e.document === this.document)
    ) {
      this.setDocument(undefined);
    }
  }

  private setDocument(document: vscode.TextDocument | undefined): void {
    if (document === this.document) return;
    this.document = document;
    this.generation++; // a refresh still running for the previous document drops its result
    this.summary = document === undefined ? undefined : this.store.peek(document.uri);
    this.markDirty();
  }

  private markDirty(): void {
    this.dirty = true;
    if (this.view.visible) void this.refresh();
  }

  private forceRefresh(): void {
    if (this.document !== undefined) this.store.invalidate(this.document.uri);
    void this.refresh();
  }

  private async refresh(): Promise<void> {
    this.dirty = false;
    const generation = ++this.generation;
    const document = this.document;
    if (document === undefined) {
      this.summary = undefined;
      this.render();
      return;
    }
    this.render(this.summary === undefined ? 'loading' : undefined);
    const summary = await this.store.get(document);
    if (generation !== this.generation) return;
    // A failed or cancelled request keeps what was shown, unless nothing was.
    this.summary = summary ?? this.summary ?? this.store.peek(document.uri);
    this.render();
  }

  private render(state?: ViewState): void {
    const summary = this.summary;
    const current =
      state ??
      (this.document === undefined
        ? 'none'
        : summary === undefined
          ? this.dirty
            ? 'loading'
            : 'unavailable'
          : summary.parts.every((part) => part.judgements.length === 0)
            ? 'empty'
            : 'ready');
    void vscode.commands.executeCommand('setContext', STATE_KEY, current);
    this.tree.show(this.document?.uri, current === 'ready' ? summary : undefined);
    this.view.description = summary?.subject || undefined;
    this.view.message =
      current === 'loading'
        ? 'Analysing…'
        : summary !== undefined && current === 'ready'
          ? viewMessage(summary)
          : undefined;
  }

  private async copy(): Promise<void> {
    if (this.summary === undefined) {
      void vscode.window.showInformationMessage('Open an inspection report to copy its summary.');
      return;
    }
    await vscode.env.clipboard.writeText(summaryMarkdown(this.summary));
    void vscode.window.setStatusBarMessage('Inspection report summary copied to the clipboard.', 3000);
  }

  /** Exports the summary shown as CSV or JSON to a file the user picks (or `target`). */
  private async export(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    const summary = this.summary;
    if (summary === undefined) {
      void vscode.window.showInformationMessage('Open an inspection report to export its summary.');
      return undefined;
    }
    return exportToFile({
      title: 'Export Report Summary',
      defaultName: `${fileNameFrom(summary.subject || summary.title, 'inspection-report')} summary`,
      content: (format) => summaryExport(summary, format),
      ...(target !== undefined ? { target } : {}),
    });
  }
}

/** Creates the summary view and its commands; dispose the result to remove them. */
export function registerSummaryView(store: SummaryStore): vscode.Disposable {
  return new SummaryView(store);
}
