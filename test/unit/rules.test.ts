import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import { findingsAt, line, lineOfText, slacReport } from '../support/reports';

const overallBody = (
  gradeLine: string,
  sentence = 'The overall effectiveness of services is inadequate.',
) => [
  'The inspection outcomes: safeguarding services',
  '',
  'Overall effectiveness',
  '',
  gradeLine,
  '',
  `10. ${sentence} Further text follows here.`,
  '',
  'Capacity for improvement',
  '',
  'Grade 3 (adequate)',
  '',
  '11. The capacity for improvement is adequate. More text.',
];

describe('grade-label-mismatch', () => {
  it('reports a number and label that disagree, with both fixes, the supported one first', () => {
    const text = slacReport(overallBody('Grade 2 (inadequate)'), [
      ['Overall effectiveness', 'Inadequate'],
      ['Capacity for improvement', 'Adequate'],
    ]);
    const analysis = analyse(text);
    const finding = analysis.findings.find((f) => f.code === 'grade-label-mismatch');
    assert.ok(finding);
    assert.equal(line(analysis, finding), lineOfText(text, 'Grade 2 (inadequate)'));
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /grade 2 is Good and Inadequate is grade 4/);
    // The table and the sentence say Inadequate, so changing the number is preferred.
    assert.equal(finding.fixes[0]?.newText, '4');
    assert.equal(finding.fixes[1]?.newText, 'good');
    assert.ok(
      finding.related.some((r) => text.slice(r.span.start, r.span.end).startsWith('Outstanding (Grade 1)')),
    );
    // Applying the preferred fix leaves the report clean.
    const fix = finding.fixes[0];
    assert.ok(fix);
    const fixed = text.slice(0, fix.span.start) + fix.newText + text.slice(fix.span.end);
    assert.deepEqual(findingsAt(fixed), []);
  });
});

describe('grade-unknown', () => {
  it('reports a label from another scale ("Satisfactory" in a SLAC report)', () => {
    const text = slacReport(overallBody('Grade 3 (Satisfactory)', 'Overall effectiveness is satisfactory.'));
    assert.deepEqual(findingsAt(text), [
      `grade-unknown@${lineOfText(text, 'Grade 3 (Satisfactory)')}`,
      `grade-unknown@${lineOfText(text, 'is satisfactory')}`,
    ]);
  });
  it('reports a number off the scale ("Grade 5")', () => {
    const text = slacReport(overallBody('Grade 5 (inadequate)'));
    const analysis = analyse(text);
    assert.deepEqual(
      analysis.findings.map((f) => f.code),
      ['grade-unknown'],
    );
    assert.match(analysis.findings[0]?.message ?? '', /Grade 5 is not a grade on this report's scale/);
  });
});

describe('record-mismatch', () => {
  it('reports a table row that disagrees with the grade line, pointing at every place', () => {
    const text = slacReport(overallBody('Grade 4 (inadequate)'), [
      ['Overall effectiveness', 'Good'],
      ['Capacity for improvement', 'Adequate'],
    ]);
    const analysis = analyse(text);
    assert.deepEqual(findingsAt(text), [
      `record-mismatch@${lineOfText(text, 'Overall effectiveness\tGood')}`,
    ]);
    const finding = analysis.findings[0];
    assert.deepEqual(
      finding?.related.map((r) => line(analysis, { ...finding, span: r.span })),
      [lineOfText(text, 'Grade 4 (inadequate)'), lineOfText(text, '10. The overall')],
    );
    assert.equal(finding?.fixes[0]?.newText, 'Inadequate');
  });
  it('reports a grade line outvoted by the table and the text where the grade line stands', () => {
    const text = slacReport(overallBody('Grade 2 (good)'), [['Overall effectiveness', 'Inadequate']]);
    assert.deepEqual(findingsAt(text), [`record-mismatch@${lineOfText(text, 'Grade 2 (good)')}`]);
  });
});

describe('prose-mismatch', () => {
  it('reports an opening sentence that disagrees with the section grade', () => {
    const text = slacReport(
      overallBody('Grade 4 (inadequate)', 'The overall effectiveness of services is good.'),
    );
    assert.deepEqual(findingsAt(text), [`prose-mismatch@${lineOfText(text, '10. The overall')}`]);
  });
  it('reports a sub-judgement sentence that disagrees with its table row', () => {
    const body = [
      'The inspection outcomes: safeguarding services',
      '',
      'The quality of provision',
      '',
      'Grade 4 (inadequate)',
      '',
      '27. Service responsiveness is good. Other text.',
    ];
    const text = slacReport(body, [
      ['Quality of provision', 'Inadequate'],
      ['Service responsiveness including complaints', 'Inadequate'],
    ]);
    assert.deepEqual(findingsAt(text), [`prose-mismatch@${lineOfText(text, '27. Service')}`]);
  });
});

describe('limiting-judgement', () => {
  const ilacs = (rows: [string, string][]) =>
    [
      'Inspection of Testshire County Council children’s services',
      'Inspection dates: 1 to 12 May 2022',
      '',
      ` ${'Judgement'.padEnd(78)}Grade`,
      '',
      ...rows.flatMap(([name, grade]) => [` ${name.padEnd(78)}${grade}`, '']),
      'Some summary text follows here and it is long enough to be prose, with a full stop.',
    ].join('\n');
  const leaders = 'The impact of leaders on social work practice with children and families';
  const help = 'The experiences and progress of children who need help and protection';
  const care = 'The experiences and progress of children in care and care leavers';

  it('ILACS: overall outside the range of its judgements is an error', () => {
    const text = ilacs([
      [leaders, 'Good'],
      [help, 'Good'],
      [care, 'Good'],
      ['Overall effectiveness', 'Outstanding'],
    ]);
    const analysis = analyse(text);
    assert.deepEqual(
      analysis.findings.map((f) => [f.code, f.severity]),
      [['limiting-judgement', 'error']],
    );
    assert.equal(analysis.findings[0]?.related.length, 3);
  });
  it('ILACS: an inadequate practice judgement with overall not inadequate is a warning', () => {
    const text = ilacs([
      [leaders, 'Requires improvement to be good'],
      [help, 'Inadequate'],
      [care, 'Requires improvement to be good'],
      ['Overall effectiveness', 'Requires improvement to be good'],
    ]);
    assert.deepEqual(
      analyse(text).findings.map((f) => [f.code, f.severity]),
      [['limiting-judgement', 'warning']],
    );
  });
  it('ILACS: inadequate leaders with overall requires improvement is information only (Herefordshire 2018)', () => {
    const text = ilacs([
      [leaders, 'Inadequate'],
      [help, 'Requires improvement to be good'],
      [care, 'Requires improvement to be good'],
      ['Overall effectiveness', 'Requires improvement to be good'],
    ]);
    assert.deepEqual(
      analyse(text).findings.map((f) => [f.code, f.severity]),
      [['limiting-judgement', 'information']],
    );
  });
  it('ILACS: consistent grades raise nothing', () => {
    const text = ilacs([
      [leaders, 'Inadequate'],
      [help, 'Requires improvement to be good'],
      [care, 'Requires improvement to be good'],
      ['Overall effectiveness', 'Inadequate'],
    ]);
    assert.deepEqual(analyse(text).findings, []);
  });

  it('SIF: an inadequate key judgement with overall requires improvement is an error', () => {
    const text = [
      'Testshire County Council',
      'Inspection of services for children in need of help and protection, children looked after and care leavers',
      'Inspection date: 1 March 2015',
      '',
      'The overall judgement is requires improvement',
      '',
      '1. Children who need help and protection                               Inadequate',
      '',
      '2. Children looked after and achieving permanence                      Requires improvement',
      '',
      '         2.1 Adoption performance                                      Good',
      '',
      '3. Leadership, management and governance                               Requires improvement',
      '',
    ].join('\n');
    const analysis = analyse(text);
    assert.equal(analysis.model.framework, 'sif');
    assert.deepEqual(
      analysis.findings.map((f) => [f.code, f.severity, line(analysis, f)]),
      [['limiting-judgement', 'error', 5]],
    );
  });
});

describe('not judgements (DOMAIN.md section 2)', () => {
  it('leaves ordinary sentences with grade words alone', () => {
    const body = [
      'The inspection outcomes: safeguarding services',
      '',
      'Overall effectiveness',
      '',
      'Grade 3 (adequate)',
      '',
      '10. The overall effectiveness of services is adequate. Most children are safe.',
      '',
      '11. Health assessments are good quality and timely.',
      '',
      "12. Most children's attendance is good.",
      '',
      '13. Most services are graded adequate or above.',
      '',
      '14. Few achieve five GCSE A* - C grades.',
      '',
      '15. Good progress is being made.',
      '',
      '16. Outstanding practice is evident in some teams.',
      '',
      '17. The local authority was judged to be inadequate at the last inspection.',
      '',
      '18. Services are not good enough, and some are at least adequate.',
    ];
    const text = slacReport(body, [['Overall effectiveness', 'Adequate']]);
    const analysis = analyse(text);
    assert.deepEqual(analysis.findings, []);
    assert.deepEqual(
      analysis.model.judgements.map((j) => [j.name, j.evidence.map((e) => e.source).join()]),
      [['Overall effectiveness', 'grade-line,prose,table']],
    );
  });
});

describe('user scales', () => {
  const text = [
    'Inspection of the Testshire Widget Service',
    '',
    'Widget Inspectorate report',
    '',
    'Overall quality',
    '',
    'Grade 2 (Fine)',
    '',
    '1. Overall quality is fine. More text.',
    '',
    'Safety',
    '',
    'Grade 3 (Poor)',
    '',
    '2. Safety is poor. More text.',
  ].join('\n');
  const scale = {
    name: 'Widgets',
    grades: [
      { label: 'Brilliant', number: 1 },
      { label: 'Fine', number: 2 },
      { label: 'Poor', number: 3 },
    ],
    whenTextContains: 'Widget Inspectorate',
  };

  it('are used for reports that contain their phrase', () => {
    const analysis = analyse(text, { userScales: [scale] });
    assert.equal(analysis.model.scale.id, 'user:Widgets');
    assert.deepEqual(
      analysis.model.judgements.map((j) => [j.name, j.grade?.label, j.evidence.length]),
      [
        ['Overall quality', 'Fine', 2],
        ['Safety', 'Poor', 2],
      ],
    );
    assert.deepEqual(analysis.findings, []);
  });
  it('check numbers against their own labels', () => {
    const broken = text.replace('Grade 2 (Fine)', 'Grade 1 (Fine)');
    assert.deepEqual(
      analyse(broken, { userScales: [scale] }).findings.map((f) => f.code),
      ['grade-label-mismatch'],
    );
  });
  it('can be chosen by name, and otherwise do not apply', () => {
    const other = { ...scale, whenTextContains: 'no such phrase' };
    assert.equal(
      analyse(text, { userScales: [other], framework: 'user:Widgets' }).model.scale.id,
      'user:Widgets',
    );
    assert.notEqual(analyse(text, { userScales: [other] }).model.scale.id, 'user:Widgets');
  });
});
