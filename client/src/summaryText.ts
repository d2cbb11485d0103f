import type { GradeBand } from '../../server/src/protocol/compare';
import type { EvidenceSummary, JudgementSummary, ReportSummary } from '../../server/src/protocol/requests';

/**
 * The words the summary view, the status item and the clipboard export use for a report summary.
 * Pure functions of the server's {@link ReportSummary}: no vscode import, unit-tested.
 */

export type { GradeBand };

const SOURCE_NAMES: Record<EvidenceSummary['source'], string> = {
  'grade-line': 'grade line',
  heading: 'heading',
  table: 'table',
  prose: 'prose',
};

/** The label shown for a judgement's grade: the scale label, or `not on scale`. */
export function gradeLabel(judgement: Pick<JudgementSummary, 'grade'>): string {
  return judgement.grade ?? 'not on scale';
}

/**
 * The band of a rank (1 = best) on a scale of `scaleSize` grades: the best grade, the worst grade,
 * and three bands in between, so four-, five- and six-point scales colour alike.
 */
export function gradeBand(rank: number | undefined, scaleSize: number): GradeBand {
  if (rank === undefined || !Number.isFinite(rank) || rank < 1) return 'unknown';
  const size = Math.max(scaleSize, rank, 2);
  const position = (rank - 1) / (size - 1);
  if (position === 0) return 'best';
  if (position === 1) return 'worst';
  if (position <= 0.34) return 'high';
  if (position <= 0.67) return 'middle';
  return 'low';
}

/** `Inadequate 24 · Adequate 10 · Good 8`: grades by count (most first), then by rank. */
export function distributionText(summary: Pick<ReportSummary, 'distribution'>): string {
  return [...summary.distribution]
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count || a.rank - b.rank)
    .map((entry) => `${entry.label} ${entry.count}`)
    .join(' · ');
}

/** The view's message: the grade distribution, the framework and scale, and any limit note. */
export function viewMessage(summary: ReportSummary): string {
  const parts = [distributionText(summary) || 'No graded judgements', summary.frameworkName];
  if (summary.scale.name && summary.scale.name !== summary.frameworkName)
    parts.push(`scale: ${summary.scale.name}`);
  if (summary.limitNote) parts.push(summary.limitNote);
  return parts.filter((part) => part !== '').join(' — ');
}

/** `Overall: Inadequate · Adequate` (one grade per part that has one), or `No overall grade`. */
export function overallText(summary: Pick<ReportSummary, 'overall'>): string {
  const grades = summary.overall.map((entry) => entry.grade).filter((grade) => grade !== undefined);
  return grades.length === 0 ? 'No overall grade' : `Overall: ${grades.join(' · ')}`;
}

/** `2 problems` / `1 problem` / `no problems`, counting errors and warnings (notes are separate). */
export function problemsText(summary: Pick<ReportSummary, 'problems'>): string {
  const count = summary.problems.errors + summary.problems.warnings;
  const problems = count === 0 ? 'no problems' : count === 1 ? '1 problem' : `${count} problems`;
  const notes = summary.problems.information;
  return notes === 0 ? problems : `${problems} · ${notes} ${notes === 1 ? 'note' : 'notes'}`;
}

/** `line 12 · table · Inadequate`: where a grade is stated, how, and in which words. */
export function evidenceLabel(evidence: EvidenceSummary): string {
  return `line ${evidence.range.start.line + 1} · ${SOURCE_NAMES[evidence.source]} · ${evidence.text}`;
}

/** The evidence of a judgement whose grade differs from the judgement's own grade. */
export function disagreeingEvidence(judgement: JudgementSummary): EvidenceSummary[] {
  return judgement.evidence.filter((evidence) => evidence.grade !== judgement.grade);
}

/** Whether the judgements are shown grouped by part (more than one part). */
export function showsParts(summary: Pick<ReportSummary, 'parts'>): boolean {
  return summary.parts.length > 1;
}

/**
 * The summary as Markdown, as the view shows it: what "Copy Summary" puts on the clipboard. Every
 * string from the report (title, names, grade words, scale labels) is escaped, so wherever the text
 * is pasted and rendered it shows literally: no HTML, links, images or formatting from the report.
 */
export function summaryMarkdown(summary: ReportSummary): string {
  const lines: string[] = [`# ${markdownText(summary.title) || 'Inspection report'}`, ''];
  if (summary.subject) lines.push(`**Subject:** ${markdownText(summary.subject)}  `);
  lines.push(
    `**Framework:** ${markdownText(summary.frameworkName)} (scale: ${markdownText(summary.scale.name)})  `,
  );
  lines.push(`**${markdownText(overallText(summary))}**  `);
  lines.push(`**Grades:** ${markdownText(distributionText(summary)) || 'none'}  `);
  lines.push(`**Problems:** ${problemsText(summary)}`);
  if (summary.limitNote) lines.push('', `_${markdownText(summary.limitNote)}_`);
  for (const part of summary.parts) {
    lines.push('');
    if (showsParts(summary)) lines.push(`## ${markdownText(part.name) || 'Report'}`, '');
    lines.push('| Judgement | Grade | Evidence |', '| --- | --- | --- |');
    for (const judgement of part.judgements) {
      const grade = judgement.agrees
        ? gradeLabel(judgement)
        : `${gradeLabel(judgement)} ⚠ evidence disagrees`;
      const evidence = judgement.evidence.map(evidenceLabel).join('; ');
      lines.push(`| ${markdownText(judgement.name)} | ${markdownText(grade)} | ${markdownText(evidence)} |`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Report text made literal for one line of Markdown (a table cell, a heading, a paragraph):
 * white space folded, and every character that could start markup backslash-escaped: HTML and
 * autolinks (`<`, `>`, `&`), links and images (`[`, `]`), code, emphasis, strike-through, math
 * (`` ` ``, `*`, `_`, `~`, `$`), table cells (`|`), headings (`#`) and the escape itself.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>&|~$#]/g, (ch) => `\\${ch}`);
}
