import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import type {
  Analysis,
  Evidence,
  Finding,
  FindingCode,
  Judgement,
  ScaleEntry,
} from '../../server/src/core/model';
import { allFixtures, readFixture } from '../support/fixtures';

/**
 * Mutation tests: every place a grade stands in the seeds and the corpus is given a wrong grade in
 * turn, and the analysis must report the right code at that line (on the finding itself or among
 * the places it relates).
 */

const WEIGHT: Record<Evidence['source'], number> = { 'grade-line': 4, heading: 3, table: 2, prose: 1 };

function lineOf(analysis: Analysis, offset: number): number {
  return analysis.model.lines.positionAt(offset).line;
}

function touches(analysis: Analysis, finding: Finding, line: number): boolean {
  return (
    lineOf(analysis, finding.span.start) === line ||
    finding.related.some((r) => lineOf(analysis, r.span.start) === line)
  );
}

function matchCase(label: string, model: string): string {
  // A verb-form grade ("... requires improvement") becomes "is <label>" to keep the sentence a statement.
  const verb = /^requir/i.test(model) && !/^requir/i.test(label);
  const cased =
    model === model.toLowerCase()
      ? label.toLowerCase()
      : label.charAt(0).toUpperCase() + label.slice(1).toLowerCase();
  return verb && model === model.toLowerCase() ? `is ${cased}` : cased;
}

/** The code the documented policy predicts when `mutated` now says `grade` and the rest are unchanged. */
function expectedCode(judgement: Judgement, mutated: Evidence, grade: ScaleEntry): FindingCode {
  const votes = new Map<ScaleEntry, { count: number; weight: number }>();
  const all = judgement.evidence.map((e) => ({ e, g: e === mutated ? grade : e.grade }));
  for (const { e, g } of all) {
    if (!g) continue;
    const v = votes.get(g) ?? { count: 0, weight: 0 };
    votes.set(g, { count: v.count + 1, weight: Math.max(v.weight, WEIGHT[e.source]) });
  }
  let winner: ScaleEntry | undefined;
  let best = { count: 0, weight: 0 };
  for (const [g, v] of votes)
    if (v.count > best.count || (v.count === best.count && v.weight > best.weight)) {
      winner = g;
      best = v;
    }
  const codeOf = (e: Evidence) => {
    if (e.source === 'table') return 'record-mismatch';
    if (e.source === 'prose') return 'prose-mismatch';
    return all.some((x) => x.g === winner && x.e.source === 'table') ? 'record-mismatch' : 'prose-mismatch';
  };
  if (winner !== grade) return codeOf(mutated);
  const outvoted = all.find((x) => x.g !== winner);
  return outvoted ? codeOf(outvoted.e) : 'record-mismatch';
}

describe('a wrong grade injected at every place a grade stands is reported at that line', () => {
  for (const fixture of allFixtures()) {
    const text = readFixture(fixture);
    const base = analyse(text);
    const places = base.model.judgements.flatMap((j) => j.evidence.map((e) => ({ j, e })));
    if (places.length === 0) continue;
    it(`${fixture.name} (${places.length} places)`, (t) => {
      const failures: string[] = [];
      let tried = 0;
      for (const { j, e } of places) {
        const written = text.slice(e.gradeSpan.start, e.gradeSpan.end);
        if (!e.grade || /[\r\n]/.test(written)) continue;
        const line = lineOf(base, e.gradeSpan.start);
        const mutate = (replacement: string) =>
          analyse(text.slice(0, e.gradeSpan.start) + replacement + text.slice(e.gradeSpan.end));
        const scale = base.model.scale.entries;
        const labelWritten = e.statedLabel ?? written;

        // 1. A different grade from the scale, in the same shape.
        if (j.evidence.length >= 2) {
          const other = scale[e.grade.rank % scale.length] as ScaleEntry;
          let replacement = written.replace(
            new RegExp(labelWritten.replace(/\s+/g, '\\s+'), 'i'),
            matchCase(other.label, labelWritten),
          );
          if (e.statedNumber !== undefined && other.number !== undefined)
            replacement = replacement.replace(/\d+/, String(other.number));
          const code = expectedCode(j, e, other);
          const result = mutate(replacement);
          tried++;
          if (!result.findings.some((f) => f.code === code && touches(result, f, line)))
            failures.push(
              `L${line + 1} ${e.source} "${written}" -> "${replacement}": expected ${code}, got ${listFindings(result)}`,
            );
        }

        // 2. A number that disagrees with its label.
        if (e.statedNumber !== undefined) {
          const wrong = scale.find((s) => s.number !== undefined && s !== e.grade)?.number ?? 1;
          const replacement = written.replace(/\d+/, String(wrong));
          const result = mutate(replacement);
          tried++;
          const found = result.findings.find(
            (f) => f.code === 'grade-label-mismatch' && lineOf(result, f.span.start) === line,
          );
          if (!found)
            failures.push(
              `L${line + 1} "${written}" -> "${replacement}": expected grade-label-mismatch, got ${listFindings(result)}`,
            );
          else if (found.fixes.length === 0)
            failures.push(`L${line + 1}: grade-label-mismatch without a fix`);
        }

        // 3. A grade word from another family's scale.
        const foreign = scale.some((s) => s.label === 'Satisfactory') ? 'Very good' : 'Satisfactory';
        const replacement = written.replace(
          new RegExp(labelWritten.replace(/\s+/g, '\\s+'), 'i'),
          matchCase(foreign, labelWritten),
        );
        if (replacement !== written) {
          const result = mutate(replacement);
          tried++;
          if (
            !result.findings.some((f) => f.code === 'grade-unknown' && lineOf(result, f.span.start) === line)
          )
            failures.push(
              `L${line + 1} "${written}" -> "${replacement}": expected grade-unknown, got ${listFindings(result)}`,
            );
        }
      }
      t.diagnostic(`${tried} mutations tried`);
      assert.ok(tried > 0, 'some mutations were tried');
      assert.deepEqual(failures, []);
    });
  }
});

function listFindings(result: Analysis): string {
  return result.findings.map((f) => `${f.code}@L${lineOf(result, f.span.start) + 1}`).join(', ') || 'nothing';
}
