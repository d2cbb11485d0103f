import { type CodeAction, CodeActionKind, type Diagnostic, type Range } from 'vscode-languageserver';
import type { Analysis } from '../core/model';
import type { Settings } from '../protocol/settings';
import { DIAGNOSTIC_SOURCE, effectiveSeverity } from './diagnostics';
import { toRange } from './ranges';

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** True when a requested code-action kind includes quick fixes (`''`, `quickfix`). */
function includesQuickFix(kind: string): boolean {
  return kind === CodeActionKind.Empty || kind === CodeActionKind.QuickFix;
}

/**
 * Quick fixes for the diagnostics in a code-action request. Each of our diagnostics is matched to
 * the finding of the current analysis with the same code and range (a diagnostic from an older
 * version matches nothing and gets no fix), and each of that finding's fixes becomes a quickfix
 * replacing exactly the fix's span; the fix is preferred when it is the only one.
 */
export function codeActions(
  uri: string,
  analysis: Analysis,
  settings: Settings,
  contextDiagnostics: readonly Diagnostic[],
  only?: readonly string[],
): CodeAction[] {
  if (only && !only.some(includesQuickFix)) return [];
  const { lines } = analysis.model;
  const actions: CodeAction[] = [];
  for (const diagnostic of contextDiagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== 'string') continue;
    const finding = analysis.findings.find(
      (f) =>
        f.code === diagnostic.code &&
        f.fixes.length > 0 &&
        effectiveSeverity(f, settings) !== undefined &&
        sameRange(toRange(lines, f.span), diagnostic.range),
    );
    if (!finding) continue;
    for (const fix of finding.fixes) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: finding.fixes.length === 1,
        edit: { changes: { [uri]: [{ range: toRange(lines, fix.span), newText: fix.newText }] } },
      });
    }
  }
  return actions;
}
