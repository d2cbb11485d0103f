import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../support/fixtures';

interface Rule {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  while?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
}

interface Grammar {
  scopeName: string;
  patterns: Rule[];
  repository: Record<string, Rule>;
}

const root = repoRoot();
const grammar = JSON.parse(
  readFileSync(join(root, 'syntaxes', 'inspection-report.tmLanguage.json'), 'utf8'),
) as Grammar;

/** Every regular expression of the grammar with the path to it. */
function regexes(): [string, string][] {
  const found: [string, string][] = [];
  const visit = (rule: Rule, path: string): void => {
    for (const key of ['match', 'begin', 'end', 'while'] as const) {
      const source = rule[key];
      if (source !== undefined) found.push([`${path}.${key}`, source]);
    }
    rule.patterns?.forEach((child, index) => visit(child, `${path}.patterns[${index}]`));
    for (const key of ['captures', 'beginCaptures', 'endCaptures'] as const) {
      for (const [group, child] of Object.entries(rule[key] ?? {})) visit(child, `${path}.${key}[${group}]`);
    }
  };
  grammar.patterns.forEach((rule, index) => visit(rule, `patterns[${index}]`));
  for (const [name, rule] of Object.entries(grammar.repository)) visit(rule, `repository.${name}`);
  return found;
}

/**
 * The grammar's Oniguruma regular expression as a JavaScript one. The grammar keeps to syntax both
 * engines share, except a leading `(?i)`, which becomes the `i` flag.
 */
function toJs(source: string): RegExp {
  const caseless = source.startsWith('(?i)');
  return new RegExp(caseless ? source.slice(4) : source, caseless ? 'iu' : 'u');
}

/** The text `rule` (a repository rule with a `match`, or one of its patterns) matches in `line`. */
function matchOf(ruleName: string, line: string, index = 0): string | undefined {
  const rule = grammar.repository[ruleName];
  const source = rule?.match ?? rule?.patterns?.[index]?.match;
  assert.ok(source !== undefined, `no rule ${ruleName}`);
  return toJs(source).exec(line)?.[0];
}

describe('grammar', () => {
  test('has the scope name package.json declares', () => {
    assert.equal(grammar.scopeName, 'text.inspection-report');
  });

  test('every include names a rule of the repository', () => {
    const text = JSON.stringify(grammar);
    for (const [, name] of text.matchAll(/"include":"#([^"]+)"/g)) {
      assert.ok(name !== undefined && name in grammar.repository, `missing rule #${name}`);
    }
  });

  for (const [path, source] of regexes()) {
    test(`${path} compiles`, () => {
      assert.doesNotThrow(() => toJs(source), path);
      // Inline flags other than a leading (?i), and Oniguruma-only escapes, would not be portable.
      assert.doesNotMatch(
        source.slice(source.startsWith('(?i)') ? 4 : 0),
        /\(\?[imx]|\\[hHAzZG]|\\x\{/,
        path,
      );
    });
  }

  test('grade lines', () => {
    assert.equal(matchOf('grade-line', 'Grade 4 (inadequate)'), 'Grade 4 (inadequate)');
    assert.equal(matchOf('grade-line', 'keeping children safe **Grade 3 (Adequate)**'), 'Grade 3 (Adequate)');
    assert.equal(matchOf('grade-line', 'Outstanding (Grade 1)\tA service that', 1), 'Outstanding (Grade 1)');
    assert.equal(matchOf('grade-line', 'five GCSE A* - C grades'), undefined);
  });

  test('headings', () => {
    assert.ok(matchOf('heading', 'Overall effectiveness'));
    assert.ok(matchOf('heading', 'Performance management and quality assurance Grade 3 (Adequate)'));
    assert.equal(matchOf('heading', 'The overall effectiveness of services is inadequate.'), undefined);
    assert.equal(matchOf('heading', 'continued from the previous page'), undefined);
    // Space-aligned table rows are not headings (their grade cell is coloured by grade-cell).
    assert.equal(matchOf('heading', ' Overall effectiveness                      Outstanding'), undefined);
    assert.ok(matchOf('known-heading', 'Record of main findings: Nottinghamshire'));
    assert.ok(matchOf('part-heading', 'The inspection outcomes: safeguarding services'));
    assert.ok(matchOf('heading-grade', 'protection: good'));
    assert.ok(
      matchOf(
        'heading-grade',
        'The experiences and progress of children in care: Requires improvement to be good',
      ),
    );
    assert.equal(matchOf('heading-grade', 'Most attendance is good. Health: good'), undefined);
    assert.ok(matchOf('numbered-heading', '2.1 Adoption performance'));
  });

  test('paragraph numbers, bullets and table cells', () => {
    assert.equal(matchOf('paragraph-number', '10. The overall effectiveness'), '10.');
    assert.equal(matchOf('paragraph-number', '2.1 Adoption'), '2.1');
    assert.equal(matchOf('paragraph-number', '2019 was a year'), undefined);
    assert.ok(matchOf('bullet', '\uf06e Children are seen'));
    assert.ok(matchOf('bullet', '- Early help services are effective'));
    assert.ok(matchOf('grade-cell', 'Overall effectiveness\tInadequate'));
    assert.ok(matchOf('grade-cell', '| Partnership working | Good |'));
    assert.ok(matchOf('grade-cell', ' Overall effectiveness                      Good', 1));
    assert.ok(matchOf('pipe-row', '| Partnership working | Good |'));
  });
});
