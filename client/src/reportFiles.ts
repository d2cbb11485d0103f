import { MAX_SUMMARISE_TEXT_LENGTH } from '../../server/src/protocol/constants';
import { looksLikeInspectionReport } from './reportSignals';

/**
 * Which workspace files the Compare Reports view looks at and which it lists: the same rules as the
 * rest of the extension (files named `*.report.txt` are reports; other `.txt` files are when they
 * look like one, the auto-detect test of reportSignals.ts) and the same folders skipped as the CLI
 * (`node_modules`, dot-folders). Pure functions, no vscode import (unit-tested).
 */

/** The files searched for: every `.txt` file (`*.report.txt` among them). */
export const SEARCH_GLOB = '**/*.txt';

/** The file names that are always reports, as package.json's `contributes.languages` declares. */
export const REPORT_FILE_PATTERN = '*.report.txt';

/** The most files one comparison looks at. */
export const MAX_COMPARED_FILES = 2000;

/** The largest file compared, in bytes: what the server analyses at most (20 MB). */
export const MAX_COMPARED_BYTES = MAX_SUMMARISE_TEXT_LENGTH;

/** Folders never searched, whatever `files.exclude` says. */
const ALWAYS_EXCLUDED = ['**/node_modules/**', '**/.*/**'];

/** How many leading bytes are searched for NUL to tell a binary file (as the CLI does). */
const SNIFF_BYTES = 8 * 1024;

/**
 * The exclude glob for `workspace.findFiles`: `node_modules`, dot-folders and the patterns the user
 * excluded with `files.exclude` (an explicit exclude replaces that setting, so it is folded in).
 * Entries that are not plainly `true` (a `when` clause) and patterns holding braces or commas
 * (which cannot be nested in one glob group) are left out.
 */
export function excludeGlob(filesExclude: unknown): string {
  const user =
    typeof filesExclude === 'object' && filesExclude !== null
      ? Object.entries(filesExclude)
          .filter(([pattern, on]) => on === true && pattern !== '' && !/[{},]/.test(pattern))
          .map(([pattern]) => pattern)
      : [];
  return `{${[...ALWAYS_EXCLUDED, ...user].join(',')}}`;
}

/** Whether a file named `path` is a report by its name alone (`*.report.txt`). */
export function isReportFileName(path: string): boolean {
  return path.toLowerCase().endsWith(REPORT_FILE_PATTERN.slice(1));
}

/**
 * Whether a file is compared: by its name, or (when auto-detection is on for it) because its text
 * looks like an inspection report.
 */
export function isReportFile(path: string, text: string, autoDetect: boolean): boolean {
  return isReportFileName(path) || (autoDetect && looksLikeInspectionReport(text));
}

/** Whether the bytes look binary: a NUL among the first 8 KB. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

/** The reason given for a file over {@link MAX_COMPARED_BYTES}. */
export function tooLargeReason(size: number): string {
  const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
  return `too large to compare (${mb(size)} MB; the limit is ${mb(MAX_COMPARED_BYTES)} MB)`;
}
