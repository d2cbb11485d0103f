import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import type { Analysis, OutlineNode } from '../../server/src/core/model';
import { allFixtures, readFixture } from '../support/fixtures';

function seed(prefix: string): Analysis {
  const fixture = allFixtures().find((f) => f.name === `seed-${prefix}`);
  assert.ok(fixture, `seed ${prefix} present`);
  return analyse(readFixture(fixture));
}

function flatten(nodes: readonly OutlineNode[]): OutlineNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

describe('seed 000: Nottinghamshire SLAC 2010', () => {
  const analysis = seed('000');
  const { model } = analysis;

  it('uses the scale the report declares, with its meanings', () => {
    assert.equal(model.scale.source, 'declared');
    assert.deepEqual(
      model.scale.entries.map((e) => [e.label, e.number]),
      [
        ['Outstanding', 1],
        ['Good', 2],
        ['Adequate', 3],
        ['Inadequate', 4],
      ],
    );
    assert.equal(model.scale.entries[3]?.description, 'A service that does not meet minimum requirements');
    assert.equal(model.scale.entries[2]?.description, 'A service that only meets minimum requirements');
  });

  it('shows both parts with their sections', () => {
    const parts = model.outline.filter((n) => n.kind === 'part');
    assert.deepEqual(
      parts.map((p) => p.name),
      [
        'The inspection outcomes: Safeguarding services',
        'The inspection outcomes: services for looked after children',
      ],
    );
    for (const part of parts) {
      const sections = part.children.map((c) => `${c.name}${c.detail ? ` = ${c.detail}` : ''}`);
      assert.ok(
        sections.some((s) => s.startsWith('Overall effectiveness = ')),
        `${part.name}: ${sections.join('; ')}`,
      );
      assert.ok(sections.some((s) => s.startsWith('Leadership and management = ')));
    }
    const [safeguarding, lac] = parts;
    assert.equal(
      safeguarding?.children.find((c) => c.name === 'Overall effectiveness')?.detail,
      'Inadequate (4)',
    );
    assert.equal(lac?.children.find((c) => c.name === 'Overall effectiveness')?.detail, 'Adequate (3)');
    assert.equal(lac?.children.find((c) => c.name === 'Capacity for improvement')?.detail, 'Good (2)');
  });

  it('keeps the two "Overall effectiveness" judgements apart, by part', () => {
    const overall = model.judgements.filter((j) => j.name === 'Overall effectiveness');
    assert.deepEqual(
      overall.map((j) => [j.part, j.grade?.label, j.evidence.map((e) => e.source)]),
      [
        ['The inspection outcomes: Safeguarding services', 'Inadequate', ['grade-line', 'prose', 'table']],
        [
          'The inspection outcomes: services for looked after children',
          'Adequate',
          ['grade-line', 'prose', 'table'],
        ],
      ],
    );
  });

  it('gives every row of the Record of main findings a judgement with the grade the body gives it', () => {
    const table = model.table;
    assert.ok(table);
    const graded = table.rows.filter((r) => r.gradeText);
    assert.equal(graded.length, 33);
    for (const row of graded) {
      const judgement = model.judgements.find((j) => j.id === row.judgementId);
      assert.ok(judgement, `row ${row.name} has a judgement`);
      assert.equal(judgement.grade?.label.toLowerCase(), row.gradeText?.toLowerCase(), row.name);
    }
    // Sub-judgements stated only in prose are linked to their rows.
    const responsiveness = model.judgements.find(
      (j) => j.name === 'Service responsiveness including complaints',
    );
    assert.deepEqual(
      responsiveness?.evidence.map((e) => [e.source, model.lines.positionAt(e.gradeSpan.start).line + 1]),
      [
        ['prose', 164],
        ['table', 313],
      ],
    );
    const rows = flatten(model.outline).filter((n) => n.kind === 'judgement' && n.judgementId);
    assert.ok(rows.length >= 33);
  });

  it('points every contents entry at its heading, in order', () => {
    const line = (offset: number | undefined) =>
      offset === undefined ? -1 : model.lines.positionAt(offset).line + 1;
    const targets = model.contents.map((e) => `${e.name} -> ${line(e.target?.start)}`);
    assert.equal(model.contents.length, 20);
    assert.ok(targets.includes('About this inspection -> 46'), targets.join('; '));
    const overall = targets.filter((t) => t.startsWith('Overall effectiveness'));
    assert.deepEqual(overall, ['Overall effectiveness -> 84', 'Overall effectiveness -> 216']);
    assert.ok(targets.includes('Record of main findings -> 304'));
    assert.ok(
      targets.some((t) => /^The effectiveness of services .* feel safe -> 152$/.test(t)),
      targets.join('; '),
    );
  });

  it('raises no error or warning', () => {
    assert.deepEqual(analysis.findings, []);
  });
});

describe('seed 003: South Gloucestershire SLAC 2012 (markdown tables, misplaced group row)', () => {
  const { model, findings } = seed('003');

  it('matches rows under the misplaced group row to the safeguarding part by name and order', () => {
    const rows = model.table?.rows ?? [];
    const partOf = (rowIndex: number) =>
      model.judgements.find((j) => j.id === rows[rowIndex]?.judgementId)?.part;
    const ambition = rows.findIndex((r) => r.name === 'Ambition and prioritisation');
    const secondAmbition = rows.findIndex((r, i) => i > ambition && r.name === 'Ambition and prioritisation');
    assert.ok(ambition > 0 && secondAmbition > ambition);
    assert.equal(partOf(ambition), 'Safeguarding services');
    assert.equal(partOf(secondAmbition), 'Services for looked after children');
    const pmqa = model.judgements.filter((j) => j.name === 'Performance management and quality assurance');
    assert.deepEqual(
      pmqa.map((j) => [j.part, j.grade?.label]),
      [
        ['Safeguarding services', 'Inadequate'],
        ['Services for looked after children', 'Adequate'],
      ],
    );
  });

  it('reads the bold inline grade and the grade on the heading line', () => {
    const health = model.judgements.find((j) => j.name.startsWith('The contribution of health agencies'));
    assert.equal(health?.evidence[0]?.source, 'heading');
    assert.equal(health?.evidence[0]?.text, 'Grade 3 (Adequate)');
    const pm = model.judgements.filter((j) => j.name === 'Performance management and quality assurance')[1];
    assert.equal(pm?.evidence[0]?.source, 'heading');
  });

  it('raises nothing', () => assert.deepEqual(findings, []));
});

describe('seed 004: news article with grades only in prose', () => {
  const { model, findings } = seed('004');
  it('shows its four prose judgements on the ILACS scale', () => {
    assert.equal(model.framework, 'ilacs');
    assert.deepEqual(
      model.judgements.map((j) => [j.name, j.grade?.label, j.evidence.map((e) => e.source).join()]),
      [
        ['Overall effectiveness', 'Good', 'prose'],
        [
          'The experiences and progress of children who need help and protection',
          'Requires improvement to be good',
          'prose',
        ],
        ['The experiences and progress of children in care and care leavers', 'Good', 'prose'],
        ['The impact of leaders on social work practice with children and families', 'Good', 'prose'],
      ],
    );
    const names = flatten(model.outline)
      .filter((n) => n.kind === 'judgement')
      .map((n) => n.detail);
    assert.deepEqual(names, ['Good (2)', 'Requires improvement to be good (3)', 'Good (2)', 'Good (2)']);
  });
  it('raises nothing', () => assert.deepEqual(findings, []));
});

describe('seeds 001 and 002: structure, no judgements', () => {
  for (const prefix of ['001', '002']) {
    it(`seed ${prefix}`, () => {
      const { model, findings } = seed(prefix);
      assert.deepEqual(model.judgements, []);
      assert.deepEqual(findings, []);
      assert.ok(model.outline.length >= 2, 'has an outline');
    });
  }
  it('seed 002 shows its numbered headings', () => {
    const names = seed('002').model.outline.map((n) => n.name);
    assert.ok(names.includes('1. Our vision') && names.includes('6. Further Information'), names.join('; '));
  });
});

describe('framework detection', () => {
  // Blanks at line ends are layout, never wording: the detection reads the head with them dropped.
  it('gives every seed and corpus report the same framework with spaces and tabs added to each line end', () => {
    const detected = new Set<string>();
    for (const fixture of allFixtures()) {
      const text = readFixture(fixture);
      const framework = analyse(text).model.framework;
      detected.add(framework);
      assert.equal(analyse(text.replace(/\r?\n/g, ' \t  $&')).model.framework, framework, fixture.name);
    }
    assert.ok(detected.size >= 5, [...detected].join(', '));
  });
});

describe('framework detection from wording found in one scan of the head', () => {
  const framework = (head: string) => analyse(`${head}\n\nSome text.\n`).model.framework;

  it('finds wording that starts inside other wording', () => {
    // `report card` begins inside `school report`: the report-card test comes first and must see it.
    assert.equal(framework('School report card\nOakfield Primary School'), 'report-card');
    assert.equal(framework('School report\nOakfield Primary School'), 'school-2012');
    // `send arrangements` inside `area send arrangements`: both are the area SEND test's words.
    assert.equal(framework('Joint area send arrangements review'), 'area-send');
  });

  it('tells apart wording that starts at the same place', () => {
    assert.equal(framework('Care Inspectorate Wales\nInspection report'), 'ciw');
    assert.equal(framework('Care Inspectorate\nInspection report\nScotland'), 'care-inspectorate-scotland');
    assert.equal(framework("Children's home inspection\nChildren's services"), 'social-care');
    assert.equal(
      framework(
        "Inspection of Anyshire children's services\n\nThe impact of leaders on social work practice",
      ),
      'ilacs',
    );
  });

  it('still applies each test’s own anchors and boundaries', () => {
    assert.equal(framework('Dear Ms Smith\nFocused visit to Anyshire'), 'letter');
    assert.equal(framework('Dear Ms Smith\nJudgement   Grade'), 'unknown');
    assert.equal(framework('The endearing school\nannual report'), 'unknown');
    assert.equal(framework('Our rating for this service\nGood'), 'cqc');
    assert.equal(framework('Reviewing our rating for this service'), 'unknown');
    assert.equal(framework('Estyn\nInspection report'), 'estyn');
    assert.equal(framework('Estynfield Primary\nInspection report'), 'unknown');
  });
});

describe('framework detection reads a head of at most 8,000 characters', () => {
  // Lines of 300 characters of neutral prose: 26 of them make 7,826 characters with their breaks.
  const prose = `${'Leaders know the service well and have plans in place for the next year. '.repeat(5).slice(0, 299)}.`;
  const report = (wordingLine: number) =>
    Array.from({ length: 60 }, (_, i) =>
      i === wordingLine ? `Focused visit to Anyshire. ${prose}` : prose,
    ).join('\n');

  it('finds wording on a line that ends within the first 8,000 characters', () => {
    assert.equal(analyse(report(5)).model.framework, 'letter');
    assert.equal(analyse(report(25)).model.framework, 'letter');
  });

  it('leaves out a line that would take the head past 8,000 characters, and those after it', () => {
    // Line 26 (0-based) starts at 7,826 and, 327 characters long, would end past 8,000.
    assert.equal(analyse(report(26)).model.framework, 'unknown');
    assert.equal(analyse(report(40)).model.framework, 'unknown');
  });
});
