import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JudgementSummary, ReportSummary } from '../../server/src/protocol/requests';
import {
  distributionText,
  evidenceLabel,
  gradeBand,
  overallText,
  problemsText,
  summaryMarkdown,
  viewMessage,
} from '../../client/src/summaryText';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 10 } });

function judgement(
  name: string,
  grade: string | undefined,
  rank: number | undefined,
  agrees = true,
): JudgementSummary {
  return {
    id: name.toLowerCase().replace(/\W+/g, '-'),
    name,
    part: 'Safeguarding services',
    grade,
    rank,
    agrees,
    range: range(10),
    evidence: [
      { source: 'grade-line', range: range(11), text: `Grade ${rank ?? 0} (${grade ?? '?'})`, grade },
      {
        source: 'table',
        range: range(300),
        text: agrees ? (grade ?? '?') : 'Good',
        grade: agrees ? grade : 'Good',
      },
    ],
  };
}

const summary: ReportSummary = {
  uri: 'file:///report.txt',
  version: 3,
  title: 'Inspection of safeguarding and looked after children services',
  subject: 'Nottinghamshire County Council',
  framework: 'slac',
  frameworkName: 'Ofsted SLAC 2009-2013',
  scale: {
    name: 'Ofsted four-point',
    entries: [
      { label: 'Outstanding', rank: 1, number: 1 },
      { label: 'Good', rank: 2, number: 2 },
      { label: 'Adequate', rank: 3, number: 3 },
      { label: 'Inadequate', rank: 4, number: 4 },
    ],
  },
  overall: [
    { part: 'Safeguarding services', grade: 'Inadequate' },
    { part: 'Services for looked after children', grade: 'Adequate' },
  ],
  parts: [
    {
      name: 'Safeguarding services',
      judgements: [
        judgement('Overall effectiveness', 'Inadequate', 4),
        judgement('Partnership | working', 'Adequate', 3, false),
      ],
    },
    {
      name: 'Services for looked after children',
      judgements: [judgement('Overall effectiveness', 'Adequate', 3)],
    },
  ],
  distribution: [
    { label: 'Good', rank: 2, count: 8 },
    { label: 'Inadequate', rank: 4, count: 24 },
    { label: 'Adequate', rank: 3, count: 10 },
    { label: 'Outstanding', rank: 1, count: 0 },
  ],
  problems: { errors: 2, warnings: 0, information: 1 },
};

describe('summary text', () => {
  test('distribution: most frequent grade first, empty grades left out', () => {
    assert.equal(distributionText(summary), 'Inadequate 24 · Adequate 10 · Good 8');
  });

  test('view message names the framework and scale', () => {
    assert.equal(
      viewMessage(summary),
      'Inadequate 24 · Adequate 10 · Good 8 — Ofsted SLAC 2009-2013 — scale: Ofsted four-point',
    );
  });

  test('overall grades and problems', () => {
    assert.equal(overallText(summary), 'Overall: Inadequate · Adequate');
    assert.equal(overallText({ overall: [] }), 'No overall grade');
    assert.equal(overallText({ overall: [{ part: 'x' }] }), 'No overall grade');
    assert.equal(problemsText(summary), '2 problems · 1 note');
    assert.equal(problemsText({ problems: { errors: 0, warnings: 0, information: 0 } }), 'no problems');
    assert.equal(problemsText({ problems: { errors: 0, warnings: 1, information: 0 } }), '1 problem');
  });

  test('evidence label: one-based line, source, words', () => {
    assert.equal(
      evidenceLabel({ source: 'table', range: range(11), text: 'Inadequate', grade: 'Inadequate' }),
      'line 12 · table · Inadequate',
    );
  });

  test('grade bands spread over scales of any length', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((rank) => gradeBand(rank, 4)),
      ['best', 'high', 'middle', 'worst'],
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((rank) => gradeBand(rank, 6)),
      ['best', 'high', 'middle', 'middle', 'low', 'worst'],
    );
    assert.equal(gradeBand(undefined, 4), 'unknown');
    assert.equal(gradeBand(5, 4), 'worst');
  });

  test('markdown export lists every judgement by part, escaping table cells', () => {
    const markdown = summaryMarkdown(summary);
    assert.match(markdown, /^# Inspection of safeguarding/);
    assert.match(markdown, /## Safeguarding services/);
    assert.match(markdown, /## Services for looked after children/);
    assert.match(markdown, /\| Partnership \\\| working \| Adequate ⚠ evidence disagrees \|/);
    assert.match(markdown, /\*\*Problems:\*\* 2 problems · 1 note/);
  });
});
