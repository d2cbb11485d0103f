import type { Hover } from 'vscode-languageserver';
import type { Evidence, EvidenceSource, Judgement, ReportModel, Scale, ScaleEntry } from '../core/model';
import { entryForPhrase } from '../core/scales';
import { escapeMarkdown as md } from './markdown';
import { spanContains, toRange } from './ranges';

const SOURCE_NAME: Record<EvidenceSource, string> = {
  'grade-line': 'grade line',
  heading: 'heading',
  table: 'table',
  prose: 'prose',
};

/** True when two scale entries are the same grade (both absent counts as the same). */
function sameGrade(a: ScaleEntry | undefined, b: ScaleEntry | undefined): boolean {
  return a?.label === b?.label && a?.rank === b?.rank;
}

/** The judgement and statement whose grade words contain the offset, if any. */
export function gradeAt(
  model: ReportModel,
  offset: number,
): { judgement: Judgement; evidence: Evidence } | undefined {
  for (const judgement of model.judgements) {
    for (const evidence of judgement.evidence) {
      if (spanContains(evidence.gradeSpan, offset)) return { judgement, evidence };
    }
  }
  return undefined;
}

function entryHead(entry: ScaleEntry): string {
  return entry.number !== undefined ? `Grade ${entry.number} – ${md(entry.label)}` : md(entry.label);
}

/** Why grade words resolve to no entry: a number and label that disagree, or words off the scale. */
function describeUnresolved(evidence: Evidence, scale: Scale): string {
  const byNumber =
    evidence.statedNumber !== undefined
      ? scale.entries.find((e) => e.number === evidence.statedNumber)
      : undefined;
  const byLabel =
    evidence.statedLabel !== undefined ? entryForPhrase(scale, evidence.statedLabel) : undefined;
  const said = `“${md(evidence.text)}”`;
  if (byNumber && byLabel && byNumber !== byLabel) {
    return `**Number and label disagree**: ${said} — on this scale Grade ${byNumber.number} is ${md(byNumber.label)} and ${md(byLabel.label)} is Grade ${byLabel.number ?? '?'}`;
  }
  return `**Not on the scale**: ${said} is not a grade of this report’s scale`;
}

function describeEntry(evidence: Evidence, scale: Scale): string {
  const entry = evidence.grade;
  if (!entry) return describeUnresolved(evidence, scale);
  return entry.description ? `**${entryHead(entry)}**: ${md(entry.description)}` : `**${entryHead(entry)}**`;
}

function describeScale(scale: Scale): string {
  if (scale.source === 'declared') {
    const grades = scale.entries.map((e) =>
      e.number !== undefined ? `${md(e.label)} (${e.number})` : md(e.label),
    );
    return `Scale: declared by this report — ${grades.join(', ')}`;
  }
  const origin = scale.source === 'user' ? 'from your settings' : 'not declared by this report';
  return `Scale: ${md(scale.name)} (${origin})`;
}

/**
 * Hover on a grade: what the grade means on the report's scale, which judgement it grades, and
 * every other place that states the same judgement (1-based lines), flagging those that disagree.
 * Report text is escaped. The hover's range is the grade words.
 */
export function hover(model: ReportModel, offset: number): Hover | null {
  const found = gradeAt(model, offset);
  if (!found) return null;
  const { judgement, evidence } = found;
  const blocks = [describeEntry(evidence, model.scale), describeScale(model.scale)];
  const part = judgement.part ? ` — ${md(judgement.part)}` : '';
  blocks.push(`Judgement: **${md(judgement.name)}**${part}`);
  const others = judgement.evidence.filter((other) => other !== evidence);
  if (others.length > 0) {
    const items = others.map((other) => {
      const line = model.lines.positionAt(other.span.start).line + 1;
      const flag = sameGrade(other.grade, evidence.grade) ? '' : ' — **disagrees**';
      return `- line ${line} (${SOURCE_NAME[other.source]}): ${md(other.text)}${flag}`;
    });
    blocks.push(`Also stated:\n\n${items.join('\n')}`);
  } else {
    blocks.push('Not stated anywhere else in the report.');
  }
  return {
    contents: { kind: 'markdown', value: blocks.join('\n\n') },
    range: toRange(model.lines, evidence.gradeSpan),
  };
}
