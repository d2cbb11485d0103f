import * as vscode from 'vscode';
import type { ComparisonState } from '../../server/src/protocol/compare';
import type * as PanelModule from './comparePanel';
import type { ScanSources } from './workspaceReports';

/** The bundle holding comparePanel.ts and what only it uses (zod among them). */
const PANEL_BUNDLE = ['dist', 'compare.js'];

/** What the rest of the extension (and its API) can ask of the comparison. */
export interface Comparison extends vscode.Disposable {
  /** Opens the panel and compares the workspace's reports afresh; resolves with what it shows. */
  compare(): Promise<ComparisonState>;
}

/**
 * The commands of the Compare Reports panel: `inspectionReport.compareReports` opens it and
 * `inspectionReport.exportComparison` exports what it shows (to the `vscode.Uri` passed as
 * argument, if any, instead of asking). The panel's code is a bundle of its own, loaded on first
 * use.
 */
class CompareCommands implements Comparison {
  private panel: PanelModule.ComparePanel | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sources: ScanSources,
  ) {
    this.disposables = [
      vscode.commands.registerCommand('inspectionReport.compareReports', () => this.load().open()),
      vscode.commands.registerCommand('inspectionReport.exportComparison', (target?: unknown) =>
        this.load().export(target instanceof vscode.Uri ? target : undefined),
      ),
    ];
  }

  compare(): Promise<ComparisonState> {
    return this.load().compare();
  }

  dispose(): void {
    this.panel?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private load(): PanelModule.ComparePanel {
    if (this.panel === undefined) {
      const file = vscode.Uri.joinPath(this.extensionUri, ...PANEL_BUNDLE).fsPath;
      // A bundle built next to this one (esbuild.mjs); required at run time, not bundled in.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const module = require(file) as typeof PanelModule;
      this.panel = module.createComparePanel(this.extensionUri, this.sources);
    }
    return this.panel;
  }
}

/** Registers the Compare Reports commands; the panel is created when first asked for. */
export function registerCompareCommands(extensionUri: vscode.Uri, sources: ScanSources): Comparison {
  return new CompareCommands(extensionUri, sources);
}
