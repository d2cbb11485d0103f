import type { ComparisonRow, ComparisonState } from '../../server/src/protocol/compare';
import type { ReportSummary } from '../../server/src/protocol/requests';
import { type CsvCell, type ExportFormat, toCsv, toJson } from './exportFormat';
import { evidenceLabel, gradeLabel } from './summaryText';

/**
 * What the export commands write: the Compare Reports view's rows, or one report's summary, as
 * CSV or JSON. Pure functions of what the views show; no vscode import (unit-tested).
 */

/** The `format` field of exported JSON documents, so that readers can tell them apart. */
export const COMPARISON_JSON_FORMAT = 'inspection-report-comparison';
export const SUMMARY_JSON_FORMAT = 'inspection-report-summary';

/**
 * The grade labels of every row, each once, for the CSV's distribution columns: in rank order
 * (best first), labels of equal rank in the order first met.
 */
function gradeColumns(rows: readonly ComparisonRow[]): string[] {
  const ranks = new Map<string, number>();
  for (const row of rows) {
    for (const grade of row.distribution) if (!ranks.has(grade.label)) ranks.set(grade.label, grade.rank);
  }
  return [...ranks.entries()].sort((a, b) => a[1] - b[1]).map(([label]) => label);
}

/**
 * The comparison as CSV: one line per row in the order shown, with the overall grades, the
 * number of graded judgements, one column per grade label met (a row's count, or empty when the
 * label is not on its scale), errors, warnings, status and note.
 */
export function comparisonCsv(state: Pick<ComparisonState, 'rows'>): string {
  const grades = gradeColumns(state.rows);
  const header = [
    'File',
    'Title',
    'Subject',
    'Framework',
    'Overall',
    'Graded judgements',
    ...grades,
    'Errors',
    'Warnings',
    'Status',
    'Note',
  ];
  const rows = state.rows.map((row): CsvCell[] => {
    const skipped = row.status === 'skipped';
    return [
      row.path,
      row.title,
      row.subject,
      row.frameworkName,
      row.overall.map((grade) => grade.label).join('; '),
      skipped ? undefined : row.judgements,
      ...grades.map((label) => row.distribution.find((grade) => grade.label === label)?.count),
      skipped ? undefined : row.errors,
      skipped ? undefined : row.warnings,
      row.status,
      row.note,
    ];
  });
  return toCsv(header, rows);
}

/** The comparison as JSON: the rows exactly as the view was sent them, and the notes. */
export function comparisonJson(state: Pick<ComparisonState, 'rows' | 'notes'>): string {
  return toJson({ format: COMPARISON_JSON_FORMAT, version: 1, notes: state.notes, reports: state.rows });
}

/** The comparison in `format`. */
export function comparisonExport(
  state: Pick<ComparisonState, 'rows' | 'notes'>,
  format: ExportFormat,
): string {
  return format === 'json' ? comparisonJson(state) : comparisonCsv(state);
}

/**
 * One report's summary as CSV, as the summary view lists it: one line per judgement with its part,
 * grade, rank, whether its statements agree, and every place its grade is stated.
 */
export function summaryCsv(summary: ReportSummary): string {
  const header = ['Part', 'Judgement', 'Grade', 'Rank', 'Statements agree', 'Evidence'];
  const rows = summary.parts.flatMap((part) =>
    part.judgements.map((judgement): CsvCell[] => [
      part.name,
      judgement.name,
      gradeLabel(judgement),
      judgement.rank,
      judgement.agrees ? 'yes' : 'no',
      judgement.evidence.map(evidenceLabel).join('; '),
    ]),
  );
  return toCsv(header, rows);
}

/** One report's summary as JSON: the server's summary as it is (ranges are 0-based). */
export function summaryJson(summary: ReportSummary): string {
  return toJson({ format: SUMMARY_JSON_FORMAT, version: 1, summary });
}

/** One report's summary in `format`. */
export function summaryExport(summary: ReportSummary, format: ExportFormat): string {
  return format === 'json' ? summaryJson(summary) : summaryCsv(summary);
}
