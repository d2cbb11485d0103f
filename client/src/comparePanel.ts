import * as vscode from 'vscode';
import {
  type ComparisonSort,
  type ComparisonState,
  type ExtensionMessage,
  parseWebviewMessage,
  type WebviewMessage,
} from '../../server/src/protocol/compare';
import { COMPARE_TITLE, compareHtml, compareWebviewOptions, createNonce } from './compareHtml';
import { emptyComparison, sortRows } from './comparisonRows';
import { comparisonExport } from './exportContent';
import { exportToFile } from './exportFile';
import { type ScanSources, scanWorkspace } from './workspaceReports';

/** The webview panel's type. */
export const COMPARE_VIEW_TYPE = 'inspectionReport.compare';
/** Context key: a finished comparison is showing (enables Export Comparison in the palette). */
const READY_KEY = 'inspectionReport.comparison.ready';
/** The least time between two progress messages to the webview. */
const PROGRESS_INTERVAL_MS = 100;

/** A comparison in progress. */
interface Scan {
  readonly source: vscode.CancellationTokenSource;
  readonly done: Promise<ComparisonState>;
}

/**
 * The Compare Reports panel: one webview listing every report of the workspace, fed by the
 * server's summaries (see workspaceReports.ts), with refresh, sorting, export and click-to-open.
 * The webview keeps no state of its own that matters: whenever it (re)loads it says `ready` and
 * is sent the current {@link ComparisonState}; every message it sends is validated first. This
 * module is the entry of its own bundle (dist/compare.js), loaded by compareCommands.ts when first
 * used, so that neither it nor zod weighs on the extension's start-up.
 */
export class ComparePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private state: ComparisonState = emptyComparison();
  private scan: Scan | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sources: ScanSources,
  ) {}

  /** Closes the panel, which cancels a comparison in progress. */
  dispose(): void {
    this.panel?.dispose();
  }

  /**
   * Shows the panel (revealing it if open) and compares the reports unless it already shows (or
   * is making) a comparison. Resolves with what the panel shows then.
   */
  async open(): Promise<ComparisonState> {
    this.ensurePanel();
    if (this.scan !== undefined) return this.scan.done;
    return this.state.status === 'idle' ? this.refresh() : this.state;
  }

  /** Shows the panel and compares the reports afresh; resolves with the rows the webview is sent. */
  async compare(): Promise<ComparisonState> {
    this.ensurePanel();
    return this.refresh();
  }

  /** Compares the reports again, cancelling a comparison in progress. */
  refresh(): Promise<ComparisonState> {
    this.scan?.source.cancel();
    const source = new vscode.CancellationTokenSource();
    const scan: Scan = {
      source,
      done: this.run(source).finally(() => {
        if (this.scan === scan) this.scan = undefined;
        source.dispose();
      }),
    };
    this.scan = scan;
    return scan.done;
  }

  private ensurePanel(): void {
    if (this.panel !== undefined) {
      this.panel.reveal();
      return;
    }
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      COMPARE_VIEW_TYPE,
      COMPARE_TITLE,
      vscode.ViewColumn.Active,
      compareWebviewOptions(media),
    );
    panel.iconPath = vscode.Uri.joinPath(media, 'report.svg');
    this.panel = panel;
    this.panelDisposables = [
      panel.onDidDispose(() => this.closed(panel)),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
    ];
    const webview = panel.webview;
    webview.html = compareHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'compare.css')).toString(),
      nonce: createNonce(),
    });
  }

  private closed(panel: vscode.WebviewPanel): void {
    if (panel !== this.panel) return;
    this.panel = undefined;
    for (const disposable of this.panelDisposables.splice(0)) disposable.dispose();
    this.scan?.source.cancel();
    this.setState(emptyComparison(this.state.sort));
  }

  private async run(source: vscode.CancellationTokenSource): Promise<ComparisonState> {
    const token = source.token;
    this.setState({ ...this.state, status: 'scanning' });
    let lastPost = 0;
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Comparing inspection reports',
        cancellable: true,
      },
      async (progress, cancelled) => {
        const stop = cancelled.onCancellationRequested(() => source.cancel());
        let reported = 0;
        try {
          return await scanWorkspace(this.sources, token, (done, total) => {
            const percent = total === 0 ? 100 : (done / total) * 100;
            progress.report({ increment: percent - reported, message: `${done} of ${total} files` });
            reported = percent;
            const now = Date.now();
            if (done === total || now - lastPost >= PROGRESS_INTERVAL_MS) {
              lastPost = now;
              this.post({ type: 'progress', done, total });
            }
          });
        } catch (error) {
          // scanWorkspace handles what it expects; anything else still ends the comparison.
          const message = error instanceof Error ? error.message : String(error);
          return { rows: [], notes: [`The comparison failed: ${message}`], cancelled: false };
        } finally {
          stop.dispose();
        }
      },
    );
    // A newer comparison, or closing the panel, replaced this one: its result is not shown.
    if (this.scan?.source !== source) return this.scan?.done ?? this.state;
    if (this.panel === undefined) return this.state;
    this.setState({
      status: result.cancelled ? 'cancelled' : 'done',
      rows: sortRows(result.rows, this.state.sort),
      notes: result.notes,
      sort: this.state.sort,
    });
    return this.state;
  }

  private receive(raw: unknown): void {
    const message: WebviewMessage | undefined = parseWebviewMessage(raw);
    if (message === undefined) return; // not one of ours: ignored
    switch (message.type) {
      case 'ready':
        this.post({ type: 'state', state: this.state });
        return;
      case 'refresh':
        void this.refresh();
        return;
      case 'export':
        void this.export();
        return;
      case 'sort':
        this.sort({ column: message.column, descending: message.descending });
        return;
      case 'open':
        void this.openRow(message.uri);
        return;
    }
  }

  private sort(sort: ComparisonSort): void {
    this.setState({ ...this.state, sort, rows: sortRows(this.state.rows, sort) });
  }

  /** Opens the file of a row shown, beside the panel; any other URI is ignored. */
  private async openRow(uri: string): Promise<void> {
    if (!this.state.rows.some((row) => row.uri === uri)) return;
    try {
      await vscode.window.showTextDocument(vscode.Uri.parse(uri, true), {
        viewColumn: vscode.ViewColumn.Beside,
      });
    } catch (error) {
      void vscode.window.showErrorMessage(
        `Could not open the report: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  /**
   * Exports the rows shown, as CSV or JSON, to a file the user picks (or `target`, skipping the
   * dialog); resolves to the file written. Says so when there is nothing to export yet.
   */
  async export(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (this.panel === undefined || this.state.status === 'idle' || this.scan !== undefined) {
      const running = this.scan !== undefined;
      const choice = await vscode.window.showInformationMessage(
        running
          ? 'The reports are still being compared: export when the comparison has finished.'
          : 'Nothing to export yet: compare the reports in the workspace first.',
        ...(running ? [] : ['Compare Reports']),
      );
      if (choice === 'Compare Reports') void this.open();
      return undefined;
    }
    const shown = this.state;
    return exportToFile({
      title: 'Export Report Comparison',
      defaultName: 'inspection-report-comparison',
      content: (format) => comparisonExport(shown, format),
      ...(target !== undefined ? { target } : {}),
    });
  }

  private setState(state: ComparisonState): void {
    this.state = state;
    const ready = this.panel !== undefined && (state.status === 'done' || state.status === 'cancelled');
    void vscode.commands.executeCommand('setContext', READY_KEY, ready);
    this.post({ type: 'state', state });
  }

  private post(message: ExtensionMessage): void {
    // A hidden webview drops messages; it asks for the state again (`ready`) when shown.
    void this.panel?.webview.postMessage(message);
  }
}

/** Creates the Compare Reports panel's controller; the webview opens on {@link ComparePanel.open}. */
export function createComparePanel(extensionUri: vscode.Uri, sources: ScanSources): ComparePanel {
  return new ComparePanel(extensionUri, sources);
}
