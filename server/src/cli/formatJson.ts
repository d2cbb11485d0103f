import type { InputProblem } from './files';
import type { ReportView } from './reportView';

/**
 * Formats every report as ONE JSON document: `{"reports":[...]}` with 1-based lines, plus
 * `errors` listing the inputs that could not be read.
 */
export function formatJson(reports: readonly ReportView[], problems: readonly InputProblem[]): string {
  const errors = problems.map((problem) => ({ file: problem.path, message: problem.reason }));
  return JSON.stringify({ reports, errors }, null, 2) + '\n';
}
