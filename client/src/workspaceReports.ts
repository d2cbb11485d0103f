import * as vscode from 'vscode';
import type { ComparisonRow } from '../../server/src/protocol/compare';
import { LANGUAGE_ID } from '../../server/src/protocol/constants';
import type { ReportSummary } from '../../server/src/protocol/requests';
import { type ComparedFile, comparisonNotes, reportRow, type ScanFacts, skippedRow } from './comparisonRows';
import type { TextSummariser } from './languageClient';
import {
  excludeGlob,
  isBinary,
  isReportFile,
  isReportFileName,
  MAX_COMPARED_BYTES,
  MAX_COMPARED_FILES,
  SEARCH_GLOB,
  tooLargeReason,
} from './reportFiles';
import { AUTO_DETECT_SETTING, SECTION } from './section';
import type { SummaryStore } from './summaryStore';

/** Files read and analysed at once: enough to overlap reading with the server's analysis. */
const CONCURRENCY = 4;

/** What a scan of the workspace found: the rows (unsorted), the notes, and whether it was cut short. */
export interface ScanResult {
  rows: ComparisonRow[];
  notes: string[];
  cancelled: boolean;
}

/** Where summaries come from: the open reports' store, and the server for any other text. */
export interface ScanSources {
  summaries: SummaryStore;
  server: TextSummariser;
}

/** What became of one file: a row, or not a report (not listed). */
type FileOutcome = ComparisonRow | 'not-a-report';

/**
 * Finds the `.txt` files of the workspace (at most {@link MAX_COMPARED_FILES}; `node_modules`,
 * dot-folders and `files.exclude` skipped), reads each through `vscode.workspace.fs` (so virtual
 * workspaces work) and asks the server for the summary of each that is a report. Open documents
 * are compared as the editor holds them, unsaved changes included; open reports use the summary
 * the views already have. Stops early when `token` is cancelled, keeping what was done.
 */
export async function scanWorkspace(
  sources: ScanSources,
  token: vscode.CancellationToken,
  onProgress: (done: number, total: number) => void,
): Promise<ScanResult> {
  const facts: ScanFacts = {
    workspace: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
    found: 0,
    limitReached: false,
    maxFiles: MAX_COMPARED_FILES,
    examined: 0,
    notReports: 0,
    cancelled: false,
  };
  const rows: ComparisonRow[] = [];
  const found = facts.workspace ? await findCandidates(token) : [];
  if (typeof found === 'string') {
    facts.searchError = found;
  } else if (facts.workspace) {
    const uris = found
      .map((uri) => ({ uri, path: vscode.workspace.asRelativePath(uri) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    facts.limitReached = uris.length > MAX_COMPARED_FILES;
    const files = uris.slice(0, MAX_COMPARED_FILES);
    facts.found = files.length;
    const open = new Map(
      vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]),
    );
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length && !token.isCancellationRequested) {
        const file = files[next++];
        if (file === undefined) break;
        const outcome = await compareFile(sources, file.uri, file.path, open.get(file.uri.toString()), token);
        if (token.isCancellationRequested) break;
        if (outcome === 'not-a-report') facts.notReports++;
        else rows.push(outcome);
        onProgress(++facts.examined, files.length);
      }
    };
    onProgress(0, files.length);
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    facts.cancelled = token.isCancellationRequested;
  }
  return { rows, notes: comparisonNotes(facts), cancelled: facts.cancelled };
}

/**
 * The workspace's `.txt` files (one more than the limit, to tell when it is reached), or why they
 * could not be listed. A cancelled search gives what it found.
 */
async function findCandidates(token: vscode.CancellationToken): Promise<vscode.Uri[] | string> {
  try {
    const exclude = excludeGlob(vscode.workspace.getConfiguration('files').get('exclude'));
    return await vscode.workspace.findFiles(SEARCH_GLOB, exclude, MAX_COMPARED_FILES + 1, token);
  } catch (error) {
    return token.isCancellationRequested ? [] : error instanceof Error ? error.message : String(error);
  }
}

/** The row of one file, or `not-a-report`. Never rejects. */
async function compareFile(
  sources: ScanSources,
  uri: vscode.Uri,
  path: string,
  document: vscode.TextDocument | undefined,
  token: vscode.CancellationToken,
): Promise<FileOutcome> {
  const file: ComparedFile = { uri: uri.toString(), path };
  try {
    if (document !== undefined && !document.isClosed) {
      const text = document.getText();
      if (document.languageId !== LANGUAGE_ID && !isReportFile(path, text, autoDetect(uri)))
        return 'not-a-report';
      const summary =
        (document.languageId === LANGUAGE_ID ? await sources.summaries.get(document) : undefined) ??
        (await sources.server.summariseText(uri, text, token));
      return rowOf(file, summary, document.isDirty);
    }
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > MAX_COMPARED_BYTES) return skippedRow(file, tooLargeReason(size));
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (isBinary(bytes)) return isReportFileName(path) ? skippedRow(file, 'not a text file') : 'not-a-report';
    // TextDecoder drops a byte order mark and replaces invalid UTF-8 with U+FFFD.
    const text = new TextDecoder('utf-8').decode(bytes);
    if (!isReportFile(path, text, autoDetect(uri))) return 'not-a-report';
    return rowOf(file, await sources.server.summariseText(uri, text, token), false);
  } catch (error) {
    return skippedRow(file, `could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function rowOf(file: ComparedFile, summary: ReportSummary | undefined, unsaved: boolean): ComparisonRow {
  return summary === undefined
    ? skippedRow(file, 'could not be analysed (see the Inspection Report Language Server output)')
    : reportRow(file, summary, unsaved);
}

function autoDetect(uri: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration(SECTION, uri).get<boolean>(AUTO_DETECT_SETTING, true);
}
