import type { ReportView } from './reportView';
import { createStyle, styleSeverity, type Style } from './style';
import { terminalText } from './terminal';

/**
 * Formats one report's findings the way compilers do, one per line, for editors' problem matchers:
 * `path:line:col: severity code: message`, each related place indented below as
 * `  path:line:col: note: message`; every line ends with a line break (none without findings).
 * The file name and messages are made terminal-safe. The whole output is every report's lines in
 * order, then the summary line ({@link OutputWriter}).
 */
export function reportFindingsText(report: ReportView, style: Style = createStyle(false)): string {
  let out = '';
  const file = terminalText(report.file);
  for (const finding of report.findings) {
    const where = style.bold(`${file}:${finding.line}:${finding.column}:`);
    out += `${where} ${styleSeverity(style, finding.severity)} ${finding.code}: ${oneLine(terminalText(finding.message))}\n`;
    for (const related of finding.related) {
      out += `  ${file}:${related.line}:${related.column}: ${style.dim('note')}: ${oneLine(terminalText(related.message))}\n`;
    }
  }
  return out;
}

/** Folds a message onto one line so each finding stays one line of output. */
export function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}
