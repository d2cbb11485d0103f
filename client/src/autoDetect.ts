import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../server/src/protocol/requests';
import { AUTO_DETECT_SETTING, SECTION } from './section';
import { DETECTION_WINDOW, looksLikeInspectionReport } from './reportSignals';

const PLAINTEXT = 'plaintext';
const SCHEMES = new Set(['file', 'untitled']);
/** Pause after typing or pasting into an untitled document before looking at it again. */
const UNTITLED_DELAY_MS = 400;

/**
 * Switches plain-text documents that look like inspection reports (see reportSignals.ts) to the
 * report language, when `inspectionReport.autoDetect` is on: documents opened from now on, those
 * already open, and untitled documents once text is typed or pasted into them. A document the
 * user switched away from the report language is never switched back in this session.
 */
class AutoDetect implements vscode.Disposable {
  /** Documents whose language the user changed away from the report language. */
  private readonly userChoseOther = new Set<string>();
  /** Report documents closing right now: a language change closes and reopens synchronously. */
  private readonly closingReports = new Set<string>();
  private readonly untitledTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[];

  constructor() {
    this.disposables = [
      vscode.workspace.onDidCloseTextDocument((document) => this.onClose(document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.onOpen(document)),
      vscode.workspace.onDidChangeTextDocument(({ document }) => this.onChange(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.${AUTO_DETECT_SETTING}`)) this.checkOpenDocuments();
      }),
    ];
    this.checkOpenDocuments();
  }

  dispose(): void {
    for (const timer of this.untitledTimers.values()) clearTimeout(timer);
    this.untitledTimers.clear();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancelTimer(key);
    if (document.languageId !== LANGUAGE_ID) return;
    this.closingReports.add(key);
    // If no reopen follows synchronously, the document really closed.
    queueMicrotask(() => this.closingReports.delete(key));
  }

  private onOpen(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.closingReports.delete(key) && document.languageId !== LANGUAGE_ID) {
      this.userChoseOther.add(key);
      return;
    }
    void this.check(document);
  }

  private onChange(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'untitled' || !this.isCandidate(document)) return;
    const key = document.uri.toString();
    this.cancelTimer(key);
    this.untitledTimers.set(
      key,
      setTimeout(() => {
        this.untitledTimers.delete(key);
        void this.check(document);
      }, UNTITLED_DELAY_MS),
    );
  }

  private checkOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) void this.check(document);
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    return (
      !document.isClosed &&
      document.languageId === PLAINTEXT &&
      SCHEMES.has(document.uri.scheme) &&
      !this.userChoseOther.has(document.uri.toString()) &&
      vscode.workspace.getConfiguration(SECTION, document.uri).get<boolean>(AUTO_DETECT_SETTING, true)
    );
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    if (!this.isCandidate(document)) return;
    const head = document.getText(
      new vscode.Range(new vscode.Position(0, 0), document.positionAt(DETECTION_WINDOW)),
    );
    if (!looksLikeInspectionReport(head)) return;
    try {
      await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
    } catch {
      // The document closed meanwhile, or the language is unknown (extension being disabled).
    }
  }

  private cancelTimer(key: string): void {
    const timer = this.untitledTimers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.untitledTimers.delete(key);
  }
}

/** Starts auto-detection of inspection reports among plain-text documents. */
export function registerAutoDetect(): vscode.Disposable {
  return new AutoDetect();
}
