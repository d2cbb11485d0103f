import type { Finding, TextFix } from '../model';
import { entryForNumber, entryForPhrase } from '../scales';
import { matchCase, scaleLabels, textAt, type Rule } from './context';

/** `grade-label-mismatch`: a grade's number and label disagree on the scale ("Grade 2 (inadequate)"). */
export const gradeLabelMismatch: Rule = {
  code: 'grade-label-mismatch',
  check(context) {
    const findings: Finding[] = [];
    for (const judgement of context.judgements) {
      for (const e of judgement.evidence) {
        if (e.statedNumber === undefined || e.statedLabel === undefined) continue;
        const byNumber = entryForNumber(context.scale, e.statedNumber);
        const byLabel = entryForPhrase(context.scale, e.statedLabel);
        if (!byNumber || !byLabel || byNumber === byLabel) continue;
        const written = textAt(context.text, e.gradeSpan);
        const others = judgement.evidence.filter((o) => o !== e && o.grade);
        const agreesWithNumber = others.some((o) => o.grade === byNumber);
        const agreesWithLabel = others.some((o) => o.grade === byLabel);
        const fixes: TextFix[] = [];
        const numberAt = written.search(/\d/);
        const labelAt = written.toLowerCase().indexOf(e.statedLabel.toLowerCase());
        const labelFix: TextFix | undefined =
          labelAt >= 0
            ? {
                title: `Change the label to "${byNumber.label}" (grade ${e.statedNumber})`,
                span: {
                  start: e.gradeSpan.start + labelAt,
                  end: e.gradeSpan.start + labelAt + e.statedLabel.length,
                },
                newText: matchCase(byNumber.label, written.slice(labelAt, labelAt + e.statedLabel.length)),
              }
            : undefined;
        const numberFix: TextFix | undefined =
          numberAt >= 0 && byLabel.number !== undefined
            ? {
                title: `Change the number to ${byLabel.number} (${byLabel.label})`,
                span: {
                  start: e.gradeSpan.start + numberAt,
                  end: e.gradeSpan.start + numberAt + String(e.statedNumber).length,
                },
                newText: String(byLabel.number),
              }
            : undefined;
        // The statement the judgement's other places support goes first (the preferred fix).
        if (agreesWithNumber && !agreesWithLabel) {
          if (labelFix) fixes.push(labelFix);
          if (numberFix) fixes.push(numberFix);
        } else {
          if (numberFix) fixes.push(numberFix);
          if (labelFix) fixes.push(labelFix);
        }
        findings.push({
          code: 'grade-label-mismatch',
          severity: 'error',
          span: e.gradeSpan,
          message: `"${written}": on this report's scale grade ${e.statedNumber} is ${byNumber.label} and ${byLabel.label} is grade ${byLabel.number ?? '?'} (${scaleLabels(context.scale)}).`,
          related: [
            ...(context.scale.declaration
              ? [{ span: context.scale.declaration, message: 'The scale this report declares' }]
              : []),
            ...others.map((o) => ({
              span: o.gradeSpan,
              message: `${judgement.name} is also stated here (${o.source}): ${o.grade?.label ?? o.text}`,
            })),
          ],
          // A scale that lists a label twice can make a fix that changes nothing: offer none such.
          fixes: fixes.filter((fix) => textAt(context.text, fix.span) !== fix.newText),
        });
      }
    }
    return findings;
  },
};
