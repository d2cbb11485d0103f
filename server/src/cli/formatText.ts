import type { ReportView } from './reportView';
import { createStyle, styleSeverity, type Style } from './style';
import { summaryLine, tally } from './summary';

/**
 * Formats findings the way compilers do, one per line, for editors' problem matchers:
 * `path:line:col: severity code: message`, each related place indented below as
 * `  path:line:col: note: message`, and a closing summary line.
 */
export function formatText(reports: readonly ReportView[], style: Style = createStyle(false)): string {
  const out: string[] = [];
  for (const report of reports) {
    for (const finding of report.findings) {
      const where = style.bold(`${report.file}:${finding.line}:${finding.column}:`);
      out.push(
        `${where} ${styleSeverity(style, finding.severity)} ${finding.code}: ${oneLine(finding.message)}`,
      );
      for (const related of finding.related) {
        out.push(
          `  ${report.file}:${related.line}:${related.column}: ${style.dim('note')}: ${oneLine(related.message)}`,
        );
      }
    }
  }
  out.push(summaryLine(tally(reports)));
  return out.join('\n') + '\n';
}

/** Folds a message onto one line so each finding stays one line of output. */
export function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}
