import type { Finding } from '../model';
import { entryForNumber, entryForPhrase } from '../scales';
import { matchCase, scaleLabels, textAt, type Rule } from './context';

/** `grade-unknown`: a label or number that is not on the report's scale ("Grade 3 (Satisfactory)", "Grade 5"). */
export const gradeUnknown: Rule = {
  code: 'grade-unknown',
  check(context) {
    const findings: Finding[] = [];
    for (const judgement of context.judgements) {
      for (const e of judgement.evidence) {
        if (e.grade) continue;
        const labelBad =
          e.statedLabel !== undefined
            ? !entryForPhrase(context.scale, e.statedLabel)
            : e.statedNumber === undefined;
        const numberBad = e.statedNumber !== undefined && !entryForNumber(context.scale, e.statedNumber);
        if (!labelBad && !numberBad) continue; // number and label both known but disagree: grade-label-mismatch
        const written = textAt(context.text, e.gradeSpan);
        const what = labelBad ? `"${e.statedLabel ?? e.text}"` : `Grade ${e.statedNumber}`;
        const others = judgement.evidence.filter((o) => o !== e && o.grade);
        const supported = others[0]?.grade;
        const unanimous = supported && others.every((o) => o.grade === supported);
        findings.push({
          code: 'grade-unknown',
          severity: 'error',
          span: e.gradeSpan,
          message: `${what} is not a grade on this report's scale (${scaleLabels(context.scale)}; ${context.scale.source === 'declared' ? 'declared in the report' : context.scale.name}).`,
          related: [
            ...(context.scale.declaration
              ? [{ span: context.scale.declaration, message: 'The scale this report declares' }]
              : []),
            ...others.map((o) => ({
              span: o.gradeSpan,
              message: `${judgement.name} is stated here as ${o.grade?.label ?? o.text}`,
            })),
          ],
          fixes:
            unanimous && supported && e.statedNumber === undefined && !/[\r\n]/.test(written)
              ? [
                  {
                    title: `Change to "${supported.label}"`,
                    span: e.gradeSpan,
                    newText: matchCase(supported.label, written),
                  },
                ]
              : [],
        });
      }
    }
    return findings;
  },
};
