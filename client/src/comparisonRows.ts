import type {
  ComparisonColumn,
  ComparisonRow,
  ComparisonSort,
  ComparisonState,
} from '../../server/src/protocol/compare';
import type { ReportSummary } from '../../server/src/protocol/requests';
import { gradeBand } from './summaryText';

/**
 * The rows of the Compare Reports view, made from the server's report summaries: one per file,
 * sorted as the user asked, and the notes about the comparison as a whole. Pure functions, no
 * vscode import (unit-tested).
 */

/** A workspace file being compared: its URI and its path relative to the workspace. */
export interface ComparedFile {
  uri: string;
  path: string;
}

/** The order a comparison starts in: by file path. */
export const DEFAULT_SORT: ComparisonSort = { column: 'file', descending: false };

/** A comparison with nothing in it yet. */
export function emptyComparison(sort: ComparisonSort = DEFAULT_SORT): ComparisonState {
  return { status: 'idle', rows: [], notes: [], sort };
}

/** The row of a report, from its summary; `unsaved` when the text compared has unsaved changes. */
export function reportRow(file: ComparedFile, summary: ReportSummary, unsaved = false): ComparisonRow {
  const scaleSize = summary.scale.entries.length;
  const distribution = summary.distribution.map((entry) => ({
    label: entry.label,
    rank: entry.rank,
    band: gradeBand(entry.rank, scaleSize),
    count: entry.count,
  }));
  const judgements = distribution.reduce((sum, entry) => sum + entry.count, 0);
  const overall = summary.overall.flatMap((entry) => {
    if (entry.grade === undefined) return [];
    const rank = summary.scale.entries.find((scale) => scale.label === entry.grade)?.rank ?? 0;
    return [{ label: entry.grade, rank, band: gradeBand(rank || undefined, scaleSize) }];
  });
  const notes = [unsaved ? 'unsaved changes compared' : undefined, summary.limitNote].filter(
    (note): note is string => note !== undefined && note !== '',
  );
  return {
    uri: file.uri,
    path: file.path,
    status: judgements > 0 ? 'graded' : 'ungraded',
    title: summary.title,
    subject: summary.subject,
    framework: summary.framework,
    frameworkName: summary.frameworkName,
    overall,
    judgements,
    distribution,
    errors: summary.problems.errors,
    warnings: summary.problems.warnings,
    ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
  };
}

/** The row of a file that could not be compared, with the reason. */
export function skippedRow(file: ComparedFile, reason: string): ComparisonRow {
  return {
    uri: file.uri,
    path: file.path,
    status: 'skipped',
    title: '',
    subject: '',
    framework: '',
    frameworkName: '',
    overall: [],
    judgements: 0,
    distribution: [],
    errors: 0,
    warnings: 0,
    note: reason,
  };
}

/** The worst overall grade's rank (higher is worse); `undefined` without an overall grade. */
function worstOverall(row: ComparisonRow): number | undefined {
  const ranks = row.overall.map((grade) => grade.rank).filter((rank) => rank > 0);
  return ranks.length === 0 ? undefined : Math.max(...ranks);
}

const compareText = (a: string, b: string): number =>
  a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });

/** The value each column sorts by; `undefined` sorts last whichever the direction. */
const SORT_KEYS: Record<ComparisonColumn, (row: ComparisonRow) => string | number | undefined> = {
  title: (row) => (row.status === 'skipped' ? undefined : row.title || row.subject || undefined),
  framework: (row) => row.frameworkName || undefined,
  overall: worstOverall,
  judgements: (row) => (row.status === 'skipped' ? undefined : row.judgements),
  problems: (row) => (row.status === 'skipped' ? undefined : row.errors * 1_000_000 + row.warnings),
  file: (row) => row.path,
};

/**
 * The rows in the order `sort` asks for; rows without a value in that column (skipped files,
 * reports without an overall grade) come last, and ties go by path. A new array.
 */
export function sortRows(rows: readonly ComparisonRow[], sort: ComparisonSort): ComparisonRow[] {
  const key = SORT_KEYS[sort.column];
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
      if (order !== 0) return order * direction;
    }
    return compareText(a.path, b.path);
  });
}

/** What happened in a scan of the workspace, for {@link comparisonNotes}. */
export interface ScanFacts {
  /** Whether a folder is open. */
  workspace: boolean;
  /** Candidate files found (at most `maxFiles`). */
  found: number;
  /** Whether more than `maxFiles` candidates were found (only `maxFiles` were looked at). */
  limitReached: boolean;
  maxFiles: number;
  /** Files looked at before the scan ended. */
  examined: number;
  /** Files that turned out not to be reports (not listed). */
  notReports: number;
  cancelled: boolean;
  /** Why the workspace could not be searched, if it could not. */
  searchError?: string;
}

const count = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** The sentences about a scan as a whole that the view shows above its rows. */
export function comparisonNotes(facts: ScanFacts): string[] {
  if (!facts.workspace) return ['Open a folder to compare the inspection reports in it.'];
  if (facts.searchError !== undefined) return [`The workspace could not be searched: ${facts.searchError}`];
  const notes: string[] = [];
  if (facts.cancelled) {
    notes.push(
      `Cancelled: ${facts.examined.toLocaleString('en-GB')} of ${count(facts.found, 'file', 'files')} looked at.`,
    );
  }
  if (facts.limitReached) {
    notes.push(
      `The workspace has more than ${count(facts.maxFiles, '.txt file', '.txt files')}: only ${facts.maxFiles.toLocaleString('en-GB')} of them were looked at.`,
    );
  }
  if (facts.notReports > 0) {
    notes.push(
      `${count(facts.notReports, '.txt file does', '.txt files do')} not look like an inspection report and ${facts.notReports === 1 ? 'is' : 'are'} not listed.`,
    );
  }
  return notes;
}
