import { analyse } from '../../server/src/core/analyse';
import type { Analysis, AnalyseOptions, Finding } from '../../server/src/core/model';

/** A small SLAC-style report with a declared scale, built from body lines and record rows. */
export function slacReport(body: string[], record: [string, string][] = []): string {
  return [
    'Inspection of safeguarding and looked after children services',
    '',
    'Testshire County Council',
    '',
    'Inspection dates: 1 to 12 March 2010',
    '',
    'The inspection judgements and what they mean',
    '',
    '3. All inspection judgements are made using the following four point scale.',
    '',
    'Outstanding (Grade 1)\tA service that significantly exceeds minimum requirements',
    'Good (Grade 2)\tA service that exceeds minimum requirements',
    'Adequate (Grade 3)\tA service that only meets minimum requirements',
    'Inadequate (Grade 4)\tA service that does not meet minimum requirements',
    '',
    ...body,
    '',
    ...(record.length > 0 ? ['Record of main findings', '', ...record.map(([n, g]) => `${n}\t${g}`)] : []),
    '',
  ].join('\n');
}

/** Analyses and returns findings as `code@line` (1-based) for compact assertions. */
export function findingsAt(text: string, options?: AnalyseOptions): string[] {
  const analysis = analyse(text, options);
  return analysis.findings.map((f) => `${f.code}@${line(analysis, f)}`);
}

/** 1-based line of a finding. */
export function line(analysis: Analysis, finding: Finding): number {
  return analysis.model.lines.positionAt(finding.span.start).line + 1;
}

/** 1-based line holding `needle` in `text`. */
export function lineOfText(text: string, needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, at).split('\n').length;
}
