import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Analysis, Finding, Severity } from '../core/model';
import type { Settings } from '../protocol/settings';
import { toRange } from './ranges';

/** The `source` of every diagnostic this server publishes. */
export const DIAGNOSTIC_SOURCE = 'inspection-report';

/**
 * The README shipped with the extension, which documents every diagnostic code under a heading of the
 * same name. The server bundle lives in `dist/`, so the README is one folder up.
 */
const README = pathToFileURL(path.resolve(__dirname, '..', 'README.md')).href;

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Link to the documentation of one diagnostic code. */
export function codeHref(code: string): string {
  return `${README}#${code}`;
}

/**
 * The severity a finding is shown with once the `diagnostics.severity` overrides (and
 * `diagnostics.enable`) apply; `undefined` when it is not shown at all.
 */
export function effectiveSeverity(finding: Finding, settings: Settings): Severity | undefined {
  if (!settings.diagnosticsEnable) return undefined;
  const override = Object.hasOwn(settings.severity, finding.code)
    ? settings.severity[finding.code]
    : undefined;
  if (override === 'off') return undefined;
  return override ?? finding.severity;
}

/**
 * The analysis's findings as LSP diagnostics for the document `uri`: stable `code` with a
 * documentation link, related places in the same document, severities after the user's overrides.
 */
export function diagnostics(uri: string, analysis: Analysis, settings: Settings): Diagnostic[] {
  const { lines } = analysis.model;
  const out: Diagnostic[] = [];
  for (const finding of analysis.findings) {
    const severity = effectiveSeverity(finding, settings);
    if (severity === undefined) continue;
    const diagnostic: Diagnostic = {
      range: toRange(lines, finding.span),
      severity: LSP_SEVERITY[severity],
      source: DIAGNOSTIC_SOURCE,
      code: finding.code,
      codeDescription: { href: codeHref(finding.code) },
      message: finding.message,
    };
    if (finding.related.length > 0) {
      diagnostic.relatedInformation = finding.related.map((place) => ({
        location: { uri, range: toRange(lines, place.span) },
        message: place.message,
      }));
    }
    out.push(diagnostic);
  }
  return out;
}
