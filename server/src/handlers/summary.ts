import type { Analysis, Judgement, ScaleEntry } from '../core/model';
import type { GradeCount, JudgementSummary, ReportSummary } from '../protocol/requests';
import type { Settings } from '../protocol/settings';
import { effectiveSeverity } from './diagnostics';
import { toRange } from './ranges';

function sameGrade(a: ScaleEntry | undefined, b: ScaleEntry): boolean {
  return a !== undefined && a.label === b.label && a.rank === b.rank;
}

function judgementSummary(analysis: Analysis, judgement: Judgement): JudgementSummary {
  const { lines } = analysis.model;
  const summary: JudgementSummary = {
    id: judgement.id,
    name: judgement.name,
    part: judgement.part,
    agrees: judgement.agrees,
    range: toRange(lines, judgement.span),
    evidence: judgement.evidence.map((evidence) => ({
      source: evidence.source,
      range: toRange(lines, evidence.span),
      text: evidence.text,
      ...(evidence.grade ? { grade: evidence.grade.label } : {}),
    })),
  };
  if (judgement.grade) {
    summary.grade = judgement.grade.label;
    summary.rank = judgement.grade.rank;
  }
  return summary;
}

/**
 * Judgements grouped by part, in the model's order within a part. Parts come in document order; the
 * judgements outside every part (`partIndex` -1) form one group placed where its first one stands.
 */
function groupByPart(analysis: Analysis): ReportSummary['parts'] {
  const { model } = analysis;
  const groups = new Map<number, { name: string; at: number; judgements: JudgementSummary[] }>();
  for (const judgement of model.judgements) {
    let group = groups.get(judgement.partIndex);
    if (!group) {
      const part = model.parts[judgement.partIndex];
      group = {
        name: part?.name ?? judgement.part,
        at: part?.span.start ?? judgement.span.start,
        judgements: [],
      };
      groups.set(judgement.partIndex, group);
    }
    group.at = Math.min(group.at, judgement.span.start);
    group.judgements.push(judgementSummary(analysis, judgement));
  }
  return [...groups.values()]
    .sort((a, b) => a.at - b.at)
    .map(({ name, judgements }) => ({ name, judgements }));
}

function distribution(analysis: Analysis): GradeCount[] {
  const counted = analysis.model.judgements.filter((j) => j.role !== 'previous');
  return analysis.model.scale.entries.map((entry) => ({
    label: entry.label,
    rank: entry.rank,
    count: counted.filter((j) => sameGrade(j.grade, entry)).length,
  }));
}

function problems(analysis: Analysis, settings: Settings): ReportSummary['problems'] {
  const counts = { errors: 0, warnings: 0, information: 0 };
  for (const finding of analysis.findings) {
    const severity = effectiveSeverity(finding, settings);
    if (severity === 'error') counts.errors++;
    else if (severity === 'warning') counts.warnings++;
    else if (severity === 'information') counts.information++;
  }
  return counts;
}

/**
 * What the summary panel shows for one analysed report: its judgements by part, the overall
 * judgement of each part, how many judgements sit at each grade of the scale (previous
 * inspections' grades excluded) and the problem counts after the user's severity overrides.
 */
export function reportSummary(
  uri: string,
  version: number,
  analysis: Analysis,
  settings: Settings,
): ReportSummary {
  const { model } = analysis;
  const summary: ReportSummary = {
    uri,
    version,
    title: model.title,
    subject: model.subject,
    framework: model.framework,
    frameworkName: model.frameworkName,
    scale: {
      name: model.scale.name,
      entries: model.scale.entries.map((entry) => ({
        label: entry.label,
        rank: entry.rank,
        ...(entry.number !== undefined ? { number: entry.number } : {}),
      })),
    },
    overall: model.judgements
      .filter((j) => j.role === 'overall')
      .map((j) => ({ part: j.part, ...(j.grade ? { grade: j.grade.label } : {}) })),
    parts: groupByPart(analysis),
    distribution: distribution(analysis),
    problems: problems(analysis, settings),
  };
  if (model.limitNote !== undefined) summary.limitNote = model.limitNote;
  return summary;
}
