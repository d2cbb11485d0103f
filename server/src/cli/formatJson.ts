import type { InputProblem } from './files';
import type { ReportView } from './reportView';

/*
 * `check --format json` prints ONE JSON document, `{"reports": [...], "errors": [...]}`, indented by
 * two spaces, with 1-based lines: exactly `JSON.stringify({ reports, errors }, null, 2)` and a line
 * break. It is written a report at a time, each report stringified where it was analysed: a JSON
 * string holds no raw line break, so a value stringified alone and indented line by line reads as
 * it does inside the whole.
 */

/** Indents every line of `json` after the first by `prefix`. */
function indentAfterFirstLine(json: string, prefix: string): string {
  return json.replaceAll('\n', `\n${prefix}`);
}

/** What `JSON.stringify([[value]], null, 2)` puts before and after `value`, indented two levels deep. */
const NESTED_OPEN = '[\n  [\n    ';
const NESTED_CLOSE = '\n  ]\n]';

/**
 * One report as it stands in the `reports` array (without the indentation of its first line):
 * stringified two levels deep, so that `JSON.stringify` indents it, and cut out of its wrapping.
 */
export function reportJson(report: ReportView): string {
  const nested = JSON.stringify([[report]], null, 2);
  return nested.slice(NESTED_OPEN.length, nested.length - NESTED_CLOSE.length);
}

/** What comes before the report at `index` of the `reports` array. */
export function jsonBeforeReport(index: number): string {
  return index === 0 ? '{\n  "reports": [\n    ' : ',\n    ';
}

/** The end of the document, after `reportCount` reports: the `errors`, naming the inputs not read. */
export function jsonEnd(reportCount: number, problems: readonly InputProblem[]): string {
  const errors = problems.map((problem) => ({ file: problem.path, message: problem.reason }));
  const reportsEnd = reportCount === 0 ? '{\n  "reports": [],\n' : '\n  ],\n';
  return `${reportsEnd}  "errors": ${indentAfterFirstLine(JSON.stringify(errors, null, 2), '  ')}\n}\n`;
}
