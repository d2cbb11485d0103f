import type { InputProblem } from './files';
import type { ReportView } from './reportView';

/*
 * `check --format json` prints ONE JSON document, `{"reports": [...], "errors": [...]}`, indented by
 * two spaces, with 1-based lines: exactly `JSON.stringify({ reports, errors }, null, 2)` and a line
 * break. It is written a report at a time, each report stringified where it was analysed, already
 * indented to the depth at which it stands in the whole ({@link stringifiedAt}).
 */

/**
 * `value` as `JSON.stringify(document, null, 2)` writes it `depth` levels deep in a document,
 * without the indentation of its first line: stringified inside `depth` arrays, so that
 * `JSON.stringify` indents it, and cut out of them (`[\n` and the indentation before it at each
 * level, `\n`, the indentation and `]` after it).
 */
function stringifiedAt(value: unknown, depth: number): string {
  let wrapped = value;
  for (let level = 0; level < depth; level++) wrapped = [wrapped];
  const json = JSON.stringify(wrapped, null, 2);
  return json.slice(depth * depth + 3 * depth, json.length - (depth * depth + depth));
}

/** One report as it stands in the `reports` array (without the indentation of its first line). */
export function reportJson(report: ReportView): string {
  return stringifiedAt(report, 2);
}

/** What comes before the report at `index` of the `reports` array. */
export function jsonBeforeReport(index: number): string {
  return index === 0 ? '{\n  "reports": [\n    ' : ',\n    ';
}

/** The end of the document, after `reportCount` reports: the `errors`, naming the inputs not read. */
export function jsonEnd(reportCount: number, problems: readonly InputProblem[]): string {
  const errors = problems.map((problem) => ({ file: problem.path, message: problem.reason }));
  const reportsEnd = reportCount === 0 ? '{\n  "reports": [],\n' : '\n  ],\n';
  return `${reportsEnd}  "errors": ${stringifiedAt(errors, 1)}\n}\n`;
}
