import type { Evidence, Finding, Judgement } from '../model';
import { matchCase, textAt, type RuleContext } from './context';

const PLACE: Record<Evidence['source'], string> = {
  'grade-line': "the section's grade line",
  heading: 'the heading',
  table: 'the summary table',
  prose: 'the text',
};

/**
 * `record-mismatch` and `prose-mismatch`: a statement of a judgement that disagrees with the grade
 * most of its statements give. A table row that disagrees is a record mismatch; a sentence is a
 * prose mismatch; a heading or grade line outvoted by the table and text is reported where it
 * stands, as a record mismatch when a table row is involved.
 */
export function statementMismatches(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const judgement of context.judgements) {
    const grade = judgement.grade;
    if (!grade) continue;
    for (const e of judgement.evidence) {
      if (!e.grade || e.grade === grade) continue;
      const supporters = judgement.evidence.filter((o) => o.grade === grade);
      const code = codeFor(e, supporters);
      const written = textAt(context.text, e.gradeSpan);
      const where = supporters
        .map((o) => `${PLACE[o.source]} (line ${context.lineOf(o.gradeSpan.start)})`)
        .join(' and ');
      findings.push({
        code,
        severity: 'error',
        span: e.gradeSpan,
        message: `${describe(judgement)}: ${PLACE[e.source]} says ${e.grade.label}, but ${where} ${supporters.length > 1 ? 'say' : 'says'} ${grade.label}.`,
        related: judgement.evidence
          .filter((o) => o !== e)
          .map((o) => ({
            span: o.gradeSpan,
            message: `${judgement.name}: ${o.grade?.label ?? o.text} (${PLACE[o.source]})`,
          })),
        fixes:
          (/\d/.test(written) && grade.number === undefined) || /[\r\n]/.test(written) // a wrapped cell's words enclose other text
            ? []
            : [
                {
                  title: `Change to "${grade.label}"`,
                  span: e.gradeSpan,
                  newText: rewrite(written, e, grade.label, grade.number),
                },
              ],
      });
    }
  }
  return findings;
}

function codeFor(e: Evidence, supporters: readonly Evidence[]): Finding['code'] {
  if (e.source === 'table') return 'record-mismatch';
  if (e.source === 'prose') return 'prose-mismatch';
  return supporters.some((o) => o.source === 'table') ? 'record-mismatch' : 'prose-mismatch';
}

function describe(judgement: Judgement): string {
  return judgement.part ? `${judgement.name} (${judgement.part})` : judgement.name;
}

/** Rewrites a grade statement to another grade, keeping its shape (`Grade 4 (inadequate)`, `Inadequate Grade 4`). */
function rewrite(written: string, e: Evidence, label: string, number: number | undefined): string {
  if (e.statedNumber !== undefined && number !== undefined) {
    const labelOut = e.statedLabel ? matchCase(label, e.statedLabel) : label;
    return written
      .replace(/\d+/, String(number))
      .replace(new RegExp(escape(e.statedLabel ?? '\u0000'), 'i'), labelOut);
  }
  return matchCase(label, written);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
