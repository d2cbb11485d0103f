import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import type { Analysis } from '../../server/src/core/model';

function graded(analysis: Analysis): string[] {
  return analysis.model.judgements.map(
    (j) =>
      `${j.name} = ${j.grade?.label ?? '?'} [${j.evidence.map((e) => `${e.source}@${analysis.model.lines.positionAt(e.gradeSpan.start).line + 1}`).join(' ')}]`,
  );
}

const ilacsHead = [
  'Inspection of Testshire County Council children’s services',
  'Inspection dates: 1 to 12 May 2022',
  '',
];

describe('table layouts', () => {
  it('markdown pipes with group rows and separators', () => {
    const text = [
      'Inspection of safeguarding and looked after children services',
      '',
      'Record of main findings:',
      '',
      '| Safeguarding services | |',
      '|---|------------|',
      '| Overall effectiveness | Adequate |',
      '| Capacity for improvement | Good |',
      '',
    ].join('\n');
    const analysis = analyse(text);
    assert.equal(analysis.model.table?.layout, 'pipe');
    assert.deepEqual(
      analysis.model.table?.rows.map((r) => [r.name, r.gradeText ?? null]),
      [
        ['Safeguarding services', null],
        ['Overall effectiveness', 'Adequate'],
        ['Capacity for improvement', 'Good'],
      ],
    );
  });

  it('tab and pipe cells padded with spaces: each row and grade span covers its words alone', () => {
    for (const [layout, rows] of [
      ['tab', ['  Overall effectiveness \t   Adequate  ', '\u00a0Capacity for improvement\t\tGood']],
      ['pipe', ['|   Overall effectiveness   |  Adequate |', '|Capacity for improvement|   Good   |']],
    ] as const) {
      const text = [
        'Inspection of safeguarding and looked after children services',
        '',
        'Record of main findings',
        '',
        ...rows,
        '',
      ].join('\n');
      const table = analyse(text).model.table;
      assert.equal(table?.layout, layout);
      assert.deepEqual(
        table?.rows.map((r) => [
          text.slice(r.span.start, r.span.end),
          r.gradeSpan ? text.slice(r.gradeSpan.start, r.gradeSpan.end) : null,
        ]),
        layout === 'tab'
          ? [
              ['Overall effectiveness \t   Adequate', 'Adequate'],
              ['Capacity for improvement\t\tGood', 'Good'],
            ]
          : [
              ['Overall effectiveness   |  Adequate', 'Adequate'],
              ['Capacity for improvement|   Good', 'Good'],
            ],
        layout,
      );
    }
  });

  it('space-aligned columns with wrapped names and grades (pdftotext -layout)', () => {
    const text = [
      ...ilacsHead,
      ' Judgement                                                     Grade',
      '',
      ' The impact of leaders on social work practice with children',
      '                                                               Inadequate',
      ' and families',
      '',
      ' The experiences and progress of children who need help and    Requires improvement',
      ' protection                                                    to be good',
      '',
      '                                                               Requires improvement',
      ' Overall effectiveness',
      '                                                               to be good',
      '',
      '',
      'Leaders have not secured an environment in which good practice can flourish. More text.',
    ].join('\n');
    const analysis = analyse(text);
    assert.equal(analysis.model.table?.layout, 'columns');
    assert.deepEqual(
      analysis.model.table?.rows.map((r) => [r.name, r.gradeText]),
      [
        ['The impact of leaders on social work practice with children and families', 'Inadequate'],
        [
          'The experiences and progress of children who need help and protection',
          'Requires improvement to be good',
        ],
        ['Overall effectiveness', 'Requires improvement to be good'],
      ],
    );
  });

  it('one cell per line (reading-order extraction)', () => {
    const text = [
      ...ilacsHead,
      'Judgement',
      '',
      'Grade',
      '',
      'The impact of leaders on social work',
      'practice with children and families',
      '',
      'Inadequate',
      '',
      'Overall effectiveness',
      '',
      'Requires improvement to be good',
      '',
      'Senior leaders have overseen a decline in the quality of services. More text here.',
    ].join('\n');
    const analysis = analyse(text);
    assert.equal(analysis.model.table?.layout, 'cells');
    assert.deepEqual(
      analysis.model.table?.rows.map((r) => [r.name, r.gradeText]),
      [
        ['The impact of leaders on social work practice with children and families', 'Inadequate'],
        ['Overall effectiveness', 'Requires improvement to be good'],
      ],
    );
  });
});

describe('headings that carry grades', () => {
  it('a heading ending in a colon and a label, wrapped over two lines', () => {
    const text = [
      ...ilacsHead,
      'The experiences and progress of children who need help and',
      'protection: good',
      '1.      Children and their families have access to a good range of early help.',
    ].join('\n');
    assert.deepEqual(graded(analyse(text)), [
      'The experiences and progress of children who need help and protection = Good [heading@5]',
    ]);
  });

  it('a grade at the end of a long heading, plain or in bold', () => {
    const text = [
      'Inspection of safeguarding and looked after children services',
      '',
      'The effectiveness of services in taking reasonable steps to ensure that children and young people are safe. Grade 4 (inadequate)',
      '',
      '20. Text.',
      '',
      'The contribution of health agencies to keeping children and young people safe **Grade 3 (Adequate)**',
      '',
      '33. Text.',
    ].join('\n');
    assert.deepEqual(graded(analyse(text)), [
      'The effectiveness of services in taking reasonable steps to ensure that children and young people are safe = Inadequate [heading@3]',
      'The contribution of health agencies to keeping children and young people safe = Adequate [heading@7]',
    ]);
  });

  it('SIF sentence headings: "X requires improvement", "The graded judgement for X is that it is good"', () => {
    const text = [
      'Testshire County Council',
      'Inspection of services for children in need of help and protection, children looked after and care leavers',
      '',
      'The experiences and progress of children who need help and protection',
      'require improvement',
      '',
      '33. Agencies work together well. More.',
      '',
      'The graded judgement for adoption performance is that it is good',
      '',
      '34. Text.',
    ].join('\n');
    assert.deepEqual(graded(analyse(text)), [
      'The experiences and progress of children who need help and protection = Requires improvement [heading@5]',
      'The graded judgement for adoption performance = Good [heading@9]',
    ]);
  });

  it('a grade in a right-hand column, wrapped over two lines and ending in an odd space (U+3000)', () => {
    const text = [
      'School report',
      '',
      'Inspection dates 1 to 2 May 2014',
      '',
      'The effectiveness of leadership and management         Requires',
      'across the partnership                                 improvement\u3000',
      '',
      'Leaders know their services well and act on what they find.',
    ].join('\n');
    assert.deepEqual(graded(analyse(text)), [
      'The effectiveness of leadership and management across the partnership = Requires improvement [heading@5]',
    ]);
  });
});

describe('extraction debris', () => {
  it('running headers and page numbers at page breaks are not headings', () => {
    const page = (n: number, body: string) =>
      [
        `\fInspection of Testshire children’s services`,
        '9 to 20 May 2022',
        `${body}`,
        '',
        `                 ${n}`,
      ].join('\n');
    const text = [
      ...ilacsHead,
      page(1, 'Some text of the first page that goes on and on with a full stop.'),
      page(2, 'Some text of the second page that goes on and on with a full stop.'),
      page(3, 'Some text of the third page that goes on and on with a full stop.'),
      page(4, 'Some text of the fourth page that goes on and on with a full stop.'),
    ].join('\n');
    const names = analyse(text).model.outline.map((n) => n.name);
    assert.ok(!names.some((n) => /9 to 20 May|^\d+$/.test(n)), names.join('; '));
  });
});
