import type { Finding, Judgement, JudgementRole, Severity } from '../model';
import type { RuleContext } from './context';

/**
 * `limiting-judgement`: overall effectiveness inconsistent with the framework's rules linking
 * judgements (DOMAIN.md section 4). Rules that hold "automatically" are errors; rules that hold
 * "normally" are warnings; a rule published reports break more than rarely (ILACS leaders, 25 of
 * 28) is information, so that real reports stay clean.
 */
export function limitingJudgements(context: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const worst = context.scale.entries.length;
  const byPart = new Map<number, Judgement[]>();
  for (const j of context.judgements) {
    const list = byPart.get(j.partIndex) ?? [];
    list.push(j);
    byPart.set(j.partIndex, list);
  }
  for (const judgements of byPart.values()) {
    const overall = judgements.find((j) => j.role === 'overall' && j.grade);
    if (!overall?.grade) continue;
    const overallRank = overall.grade.rank;
    const inadequate = overallRank === worst;
    const withRole = (...roles: JudgementRole[]) =>
      judgements.filter((j) => roles.includes(j.role) && j.grade);
    const report = (severity: Severity, subjects: readonly Judgement[], message: string) =>
      findings.push({
        code: 'limiting-judgement',
        severity,
        span: overall.evidence.find((e) => e.grade === overall.grade)?.gradeSpan ?? overall.span,
        message,
        related: subjects.flatMap((s) =>
          s.evidence
            .slice(0, 2)
            .map((e) => ({ span: e.gradeSpan, message: `${s.name}: ${s.grade?.label ?? e.text}` })),
        ),
        fixes: [],
      });
    const names = (list: readonly Judgement[]) => list.map((j) => `"${j.name}"`).join(', ');
    switch (context.framework) {
      case 'sif': {
        const failing = withRole('key').filter((j) => j.grade?.rank === worst);
        if (failing.length > 0 && !inadequate)
          report(
            'error',
            failing,
            `Overall effectiveness is ${overall.grade.label}, but key judgement ${names(failing)} is inadequate; under the single inspection framework any inadequate key judgement makes overall effectiveness inadequate (held in all 143 SIF reports checked).`,
          );
        break;
      }
      case 'ilacs': {
        const subs = withRole('practice', 'leaders');
        if (subs.length === 0) break;
        const ranks = subs.map((j) => j.grade?.rank ?? 0);
        const best = Math.min(...ranks);
        const poorest = Math.max(...ranks);
        if (overallRank < best || overallRank > poorest) {
          report(
            'error',
            subs,
            `Overall effectiveness is ${overall.grade.label}, outside the range of its judgements (${context.scale.entries[best - 1]?.label} to ${context.scale.entries[poorest - 1]?.label}); in ILACS reports overall effectiveness lies between the best and worst judgement (all 228 reports checked).`,
          );
          break;
        }
        const practice = withRole('practice').filter((j) => j.grade?.rank === worst);
        if (practice.length > 0 && !inadequate)
          report(
            'warning',
            practice,
            `Overall effectiveness is ${overall.grade.label} although ${names(practice)} is inadequate; in ILACS reports an inadequate practice judgement normally makes overall effectiveness inadequate (47 of 47 reports checked).`,
          );
        const leaders = withRole('leaders').filter((j) => j.grade?.rank === worst);
        if (leaders.length > 0 && !inadequate)
          report(
            'information',
            leaders,
            `Overall effectiveness is ${overall.grade.label} although ${names(leaders)} is inadequate; in ILACS reports inadequate leadership usually makes overall effectiveness inadequate (25 of 28 reports checked), so check this is intended.`,
          );
        break;
      }
      case 'social-care': {
        const help = withRole('practice').filter(
          (j) => /help and protection/i.test(j.name) && j.grade?.rank === worst,
        );
        if (help.length > 0 && !inadequate)
          report(
            'error',
            help,
            `Overall is ${overall.grade.label}, but ${names(help)} is inadequate; under the social care framework inadequate help and protection makes the overall judgement inadequate.`,
          );
        const leaders = withRole('leaders').filter((j) => j.grade?.rank === worst);
        if (leaders.length > 0 && overallRank < worst - 1)
          report(
            'error',
            leaders,
            `Overall is ${overall.grade.label}, but ${names(leaders)} is inadequate; under the social care framework the overall judgement is then certainly no better than requires improvement.`,
          );
        else if (leaders.length > 0 && !inadequate)
          report(
            'information',
            leaders,
            `Overall is ${overall.grade.label} although ${names(leaders)} is inadequate; the overall judgement is then likely to be inadequate.`,
          );
        break;
      }
      case 'cqc': {
        const keys = withRole('key');
        const outstanding = keys.filter((j) => j.grade?.rank === 1);
        const failing = keys.filter((j) => j.grade?.rank === worst);
        if (overallRank === 1 && keys.length > 0 && outstanding.length < 2)
          report(
            'error',
            keys,
            `Overall is Outstanding, but ${outstanding.length} key question(s) are Outstanding; CQC requires at least two.`,
          );
        if (failing.length >= 2 && !inadequate)
          report(
            'warning',
            failing,
            `Overall is ${overall.grade.label} although ${failing.length} key questions are Inadequate; CQC normally rates such a service Inadequate.`,
          );
        break;
      }
      default:
        break;
    }
  }
  return findings;
}
