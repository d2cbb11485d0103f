import type { Analysis, OutlineNode, Span } from '../../server/src/core/model';

/**
 * Properties every analysis must have, whatever the input (issue 5): the core did not fall back to
 * its catch-all (an exception inside it), every span lies inside the document, and a fingerprint of
 * the model for determinism checks. Shared by the fuzz, ReDoS and fix tests.
 */

/** The message prefix `analyse` uses when its internal passes threw and it returned an empty model. */
const INTERNAL_FAILURE = 'The report could not be analysed';

/** Every span of an analysis, each with a short name saying where it came from. */
export function spansOf(analysis: Analysis): { where: string; span: Span }[] {
  const out: { where: string; span: Span }[] = [];
  const add = (where: string, span: Span | undefined) => {
    if (span !== undefined) out.push({ where, span });
  };
  const { model } = analysis;
  const visit = (node: OutlineNode, where: string): void => {
    add(`${where}.span`, node.span);
    add(`${where}.selectionSpan`, node.selectionSpan);
    node.children.forEach((child, i) => visit(child, `${where}/${i}`));
  };
  model.outline.forEach((node, i) => visit(node, `outline[${i}]`));
  model.judgements.forEach((j, i) => {
    add(`judgement[${i}].span`, j.span);
    j.evidence.forEach((e, k) => {
      add(`judgement[${i}].evidence[${k}].span`, e.span);
      add(`judgement[${i}].evidence[${k}].gradeSpan`, e.gradeSpan);
    });
  });
  model.contents.forEach((c, i) => {
    add(`contents[${i}].span`, c.span);
    add(`contents[${i}].target`, c.target);
  });
  model.parts.forEach((p, i) => add(`parts[${i}].span`, p.span));
  model.tables.forEach((t, i) => {
    add(`tables[${i}].span`, t.span);
    t.rows.forEach((r, k) => {
      add(`tables[${i}].rows[${k}].span`, r.span);
      add(`tables[${i}].rows[${k}].gradeSpan`, r.gradeSpan);
    });
  });
  add('scale.declaration', model.scale.declaration);
  analysis.findings.forEach((f, i) => {
    add(`findings[${i}].span`, f.span);
    f.related.forEach((r, k) => add(`findings[${i}].related[${k}]`, r.span));
    f.fixes.forEach((x, k) => add(`findings[${i}].fixes[${k}]`, x.span));
  });
  return out;
}

/**
 * What is wrong with an analysis of `text`: an internal exception caught by `analyse`, a span that
 * is not a well-formed range inside the text, or a line index that does not cover the text.
 * Empty when all is well. At most `limit` problems are listed.
 */
export function analysisProblems(text: string, analysis: Analysis, limit = 5): string[] {
  const problems: string[] = [];
  const internal = analysis.findings.find(
    (f) => f.code === 'analysis-limit' && f.message.startsWith(INTERNAL_FAILURE),
  );
  if (internal) problems.push(`the core threw inside analyse: ${internal.message}`);
  if (analysis.model.text !== text) problems.push('model.text is not the analysed text');
  for (const { where, span } of spansOf(analysis)) {
    if (problems.length >= limit) break;
    const ok =
      Number.isInteger(span.start) &&
      Number.isInteger(span.end) &&
      span.start >= 0 &&
      span.start <= span.end &&
      span.end <= text.length;
    if (!ok) problems.push(`${where} = [${span.start}, ${span.end}) is outside [0, ${text.length}]`);
  }
  const { lines } = analysis.model;
  const last = lines.lineCount - 1;
  if (lines.lineCount < 1 || lines.lineEnd(last) !== text.length)
    problems.push(`the line index (${lines.lineCount} lines) does not end at the text's end`);
  for (const fix of analysis.findings.flatMap((f) => f.fixes)) {
    if (problems.length >= limit) break;
    if (fix.newText === text.slice(fix.span.start, fix.span.end))
      problems.push(`fix "${fix.title}" changes nothing`);
  }
  return problems;
}

/**
 * A string that is equal for two analyses exactly when their models and findings are equal: the
 * whole result as JSON, with the text and the line index (both functions of the text) left out.
 */
export function fingerprint(analysis: Analysis): string {
  const model = { ...analysis.model, text: undefined, lines: analysis.model.lines.lineCount };
  return JSON.stringify({ model, findings: analysis.findings });
}
