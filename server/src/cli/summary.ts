import type { ReportView } from './reportView';

/** Findings counted by severity over a set of reports. */
export interface Tally {
  readonly reports: number;
  readonly errors: number;
  readonly warnings: number;
  readonly information: number;
  readonly hints: number;
}

/** Counts the findings of every report by severity. */
export function tally(reports: readonly ReportView[]): Tally {
  let errors = 0;
  let warnings = 0;
  let information = 0;
  let hints = 0;
  for (const report of reports) {
    for (const finding of report.findings) {
      if (finding.severity === 'error') errors++;
      else if (finding.severity === 'warning') warnings++;
      else if (finding.severity === 'information') information++;
      else hints++;
    }
  }
  return { reports: reports.length, errors, warnings, information, hints };
}

/** Two tallies added together. */
export function addTallies(a: Tally, b: Tally): Tally {
  return {
    reports: a.reports + b.reports,
    errors: a.errors + b.errors,
    warnings: a.warnings + b.warnings,
    information: a.information + b.information,
    hints: a.hints + b.hints,
  };
}

/** The closing line: `5 reports, 0 errors, 1 warning, 2 information`. */
export function summaryLine(counts: Tally): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [
    plural(counts.reports, 'report'),
    plural(counts.errors, 'error'),
    plural(counts.warnings, 'warning'),
    `${counts.information} information`,
  ].join(', ');
}
