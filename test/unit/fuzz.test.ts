import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyse } from '../../server/src/core/analyse';
import { codeActions } from '../../server/src/handlers/codeActions';
import { definition } from '../../server/src/handlers/definition';
import { diagnostics } from '../../server/src/handlers/diagnostics';
import { foldingRanges } from '../../server/src/handlers/folding';
import { hover } from '../../server/src/handlers/hover';
import { reportSummary } from '../../server/src/handlers/summary';
import { documentSymbols, workspaceSymbols } from '../../server/src/handlers/symbols';
import { sanitizeSettings } from '../../server/src/protocol/settings';
import type { AnalyseOptions, Analysis, UserScale } from '../../server/src/core/model';
import { allFixtures, readFixture } from '../support/fixtures';
import { analysisProblems, fingerprint } from '../support/invariants';
import { MUTATION_KINDS, mutate, mutationArbitrary, NASTY, textArbitrary } from '../support/mutations';

/*
 * Property and fuzz tests of the core (issue 5, item 1): whatever the text and options, `analyse`
 * returns (never throws, never falls back to its catch-all), in bounded time, with every span inside
 * the document, and the same model every time it sees the same text.
 *
 * `npm test` runs a bounded number of cases with a fixed seed. `npm run fuzz` (scripts/fuzz-long.mjs)
 * runs many more with a fresh seed, plus the 10 MB single line and the 50 MB file:
 *   FUZZ_RUNS=<n>   cases per property (default 150)
 *   FUZZ_SEED=<n>   fast-check seed (default 5; a failing run prints its seed and path to replay)
 *   FUZZ_LONG=1     also run the very large inputs
 */

const RUNS = positive(process.env['FUZZ_RUNS']) ?? 150;
const SEED = integer(process.env['FUZZ_SEED']) ?? 5;
const LONG = process.env['FUZZ_LONG'] === '1';
/** A hang guard, not a speed test: generous enough for a loaded two-core CI machine. */
const TIME_LIMIT_MS = 5000;

function positive(value: string | undefined): number | undefined {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function integer(value: string | undefined): number | undefined {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isInteger(n) ? n : undefined;
}

/** Analyses `text`, asserting the invariants; returns the analysis and how long it took. */
function analyseChecked(text: string, options?: AnalyseOptions, limit = TIME_LIMIT_MS): Analysis {
  const started = performance.now();
  const analysis = analyse(text, options);
  const elapsed = performance.now() - started;
  const problems = analysisProblems(text, analysis);
  assert.deepEqual(problems, [], `${describeText(text)}: ${problems.join('; ')}`);
  assert.ok(elapsed < limit, `${describeText(text)} took ${Math.round(elapsed)} ms (limit ${limit} ms)`);
  return analysis;
}

/** Analyses twice and asserts the invariants and that both results are the same. */
function analyseTwice(text: string, options?: AnalyseOptions): void {
  const first = analyseChecked(text, options);
  const second = analyse(text, options);
  assert.equal(fingerprint(second), fingerprint(first), `${describeText(text)}: a second analysis differs`);
}

function describeText(text: string): string {
  const head = JSON.stringify(text.slice(0, 80));
  return `text of ${text.length} chars starting ${head}`;
}

const fixtures = allFixtures().map((fixture) => ({ name: fixture.name, text: readFixture(fixture) }));

/** User scales, including labels full of regular-expression and markdown characters. */
const userScaleArbitrary: fc.Arbitrary<UserScale> = fc.record(
  {
    name: fc.string({ minLength: 1, maxLength: 12 }),
    grades: fc.array(
      fc.record(
        {
          label: fc.oneof(
            fc.string({ minLength: 1, maxLength: 20 }),
            fc.constantFrom('Good', 'A+', 'C-', '(', ')', '\\', '.*', '(a+)+', '[', 'x|y', '$', 'good good'),
          ),
          number: fc.integer({ min: -5, max: 100 }),
          description: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: ['label'] },
      ),
      { minLength: 2, maxLength: 6 },
    ),
    whenTextContains: fc.string({ maxLength: 6 }),
  },
  { requiredKeys: ['name', 'grades'] },
);

const FRAMEWORK_OPTIONS = [
  'slac',
  'sif',
  'ilacs',
  'school-2005',
  'school-2012',
  'report-card',
  'area-send',
  'social-care',
  'cqc',
  'estyn',
  'ciw',
  'care-inspectorate-scotland',
  'letter',
  'unknown',
  'user:x',
  'user:',
  'not-a-framework',
  'constructor',
  '__proto__',
] as AnalyseOptions['framework'][];

const optionsArbitrary: fc.Arbitrary<AnalyseOptions> = fc.record(
  {
    framework: fc.constantFrom(...FRAMEWORK_OPTIONS),
    userScales: fc.array(userScaleArbitrary, { maxLength: 2 }),
    maxOutlineNodes: fc.integer({ min: -1, max: 60 }),
  },
  { requiredKeys: [] },
);

const params = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });

describe('analyse on random text', () => {
  test(`random text and random options (${RUNS * 2} cases)`, () => {
    fc.assert(
      fc.property(textArbitrary, optionsArbitrary, (text, options) => analyseTwice(text, options)),
      params(RUNS * 2),
    );
  });

  test('results do not depend on what was analysed before', () => {
    fc.assert(
      fc.property(textArbitrary, textArbitrary, (a, b) => {
        const alone = fingerprint(analyse(a));
        analyse(b);
        analyse(b, {
          framework: 'cqc',
          userScales: [{ name: 'u', grades: [{ label: 'x' }, { label: 'y' }] }],
        });
        assert.equal(fingerprint(analyse(a)), alone);
      }),
      params(Math.ceil(RUNS / 3)),
    );
  });
});

describe('analyse on damaged seeds and corpus reports', () => {
  for (const kind of MUTATION_KINDS) {
    test(`${kind}, on every seed and corpus report`, () => {
      fixtures.forEach(({ text }, index) => {
        analyseChecked(mutate(text, { kind, k: (index + 1) * 7_919 + kind.length, text: '\u202e<b>' }));
      });
    });
  }

  test(`random chains of damage (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 5 }),
        optionsArbitrary,
        (index, mutations, options) => {
          const text = mutations.reduce(mutate, fixtures[index]?.text ?? '');
          analyseTwice(text, options);
        },
      ),
      params(RUNS),
    );
  });

  test(`what the server makes of damaged reports is well-formed (${Math.ceil(RUNS / 3)} cases)`, () => {
    const settings = sanitizeSettings(undefined).settings;
    const uri = 'file:///fuzz.txt';
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (index, mutations, offsets) => {
          const text = mutations.reduce(mutate, fixtures[index]?.text ?? '');
          const analysis = analyseChecked(text);
          const { model } = analysis;
          const lines = model.lines.lineCount;
          const inside = (range: { start: { line: number }; end: { line: number } }, what: string) =>
            assert.ok(
              range.start.line >= 0 && range.start.line <= range.end.line && range.end.line < lines,
              `${what}: ${JSON.stringify(range)} in ${lines} lines`,
            );
          const symbols = documentSymbols(model);
          const visit = (list: typeof symbols) => {
            for (const symbol of list) {
              inside(symbol.range, symbol.name);
              inside(symbol.selectionRange, symbol.name);
              assert.ok(symbol.name.trim().length > 0, 'symbol names are not empty');
              visit(symbol.children ?? []);
            }
          };
          visit(symbols);
          for (const range of foldingRanges(model))
            assert.ok(range.startLine < range.endLine && range.endLine < lines);
          const diags = diagnostics(uri, analysis, settings);
          for (const d of diags) inside(d.range, d.message);
          for (const action of codeActions(uri, analysis, settings, diags))
            for (const edit of action.edit?.changes?.[uri] ?? []) inside(edit.range, action.title);
          workspaceSymbols([{ uri, model }], 'overall');
          reportSummary(uri, 1, analysis, settings);
          for (const offset of offsets) {
            const at = offset % (text.length + 1);
            const shown = hover(model, at);
            if (shown?.range) inside(shown.range, 'hover');
            for (const link of definition(uri, model, at) ?? []) inside(link.targetRange, 'definition');
          }
        },
      ),
      params(Math.ceil(RUNS / 3)),
    );
  });

  test('every fixture, with every framework forced', () => {
    for (const { text } of fixtures.slice(0, 6)) {
      for (const framework of FRAMEWORK_OPTIONS) analyseChecked(text, { framework });
    }
  });
});

describe('odd inputs', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['a BOM alone', '\ufeff'],
    ['one CR', '\r'],
    ['one LF', '\n'],
    ['CRLF', '\r\n'],
    ['LF CR (reversed)', '\n\r'],
    ['NUL bytes', '\u0000'.repeat(1000)],
    ['lone surrogates', '\ud800\udbff\udc00 Grade 4 (inadequate) \ud800'],
    ['right-to-left override', '\u202eOverall effectiveness\tInadequate\u202c'],
    ['nothing but nasty strings', NASTY.join('\n')],
    ['100,000 empty lines', '\n'.repeat(100_000)],
    ['100,000 CRs', '\r'.repeat(100_000)],
    ['mixed line ends', 'Contents\r\nPart 1\rOverall effectiveness\n\rGrade 4 (inadequate)\r\n\n'],
    ['a 1 MB line', 'Overall effectiveness is good. '.repeat(34_000)],
    ['a 1 MB line of one character', 'x'.repeat(1_000_000)],
  ];
  for (const [name, text] of cases) test(name, () => analyseTwice(text));

  test('a whole report on one line, and every report cut at every 97th character', () => {
    for (const { text } of fixtures.slice(0, 5)) {
      analyseChecked(text.replace(/\r?\n/g, ' '));
      for (let cut = 0; cut < Math.min(text.length, 20_000); cut += 97) analyseChecked(text.slice(0, cut));
    }
  });

  test('options that settings validation would reject still give a result', () => {
    const text = fixtures[0]?.text ?? '';
    const odd: AnalyseOptions[] = [
      { maxOutlineNodes: 0 },
      { maxOutlineNodes: -5 },
      { maxOutlineNodes: Number.NaN },
      { framework: 'user:missing' },
      { userScales: [] },
      { userScales: [{ name: 'one', grades: [{ label: 'Only' }] }] },
      {
        userScales: [{ name: 'dup', grades: [{ label: 'Good' }, { label: 'Good' }] }],
        framework: 'user:dup',
      },
      { userScales: [{ name: 'empty', grades: [{ label: ' ' }, { label: '' }] }], framework: 'user:empty' },
    ];
    for (const options of odd) analyseChecked(text, options);
  });

  test('judgement names made of Object.prototype words', () => {
    const words = 'Constructor toString hasOwnProperty __proto__ valueOf isPrototypeOf';
    const text = [
      'Inspection of safeguarding and looked after children services',
      '',
      `${words} partnerships`,
      '',
      'Grade 2 (good)',
      '',
      'Record of main findings',
      '',
      `${words} partnerships\tGood`,
      'constructor\tAdequate',
      '__proto__\tGood',
      '',
    ].join('\n');
    const analysis = analyseChecked(text);
    assert.ok(analysis.model.judgements.some((j) => j.name === `${words} partnerships` && j.agrees));
  });

  test('user-scale labels with regular-expression characters are read literally', () => {
    const scale: UserScale = {
      name: 'Letters',
      grades: [{ label: 'A+' }, { label: 'B' }, { label: 'C-' }, { label: '(a+)+' }, { label: '.*' }],
    };
    const text = [
      'Letters Inspectorate report',
      '',
      'Leadership: A+',
      '',
      'Leaders are effective.',
      '',
      'Safety: C-',
      '',
      'Children are safe.',
      '',
    ].join('\n');
    const analysis = analyseChecked(text, { userScales: [scale], framework: 'user:Letters' });
    const grades = analysis.model.judgements.map((j) => `${j.name}=${j.grade?.label ?? '?'}`);
    assert.deepEqual(grades, ['Leadership=A+', 'Safety=C-']);
    // A label that is a catastrophic pattern when taken as a regular expression stays harmless.
    analyseChecked(`${'a'.repeat(5000)}!\n`.repeat(20), { userScales: [scale], framework: 'user:Letters' });
  });
});

describe('very large inputs (FUZZ_LONG=1)', { skip: !LONG && 'set FUZZ_LONG=1 (npm run fuzz)' }, () => {
  test('a 10 MB single line', () => {
    analyseChecked('Overall effectiveness is good. Grade 4 (inadequate) '.repeat(200_000), {}, 60_000);
  });
  test('a 10 MB line of spaces', () => {
    analyseChecked(' '.repeat(10_000_000), {}, 60_000);
  });
  test('a 50 MB file made of real reports', () => {
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < 50_000_000; i++) {
      const text = fixtures[i % fixtures.length]?.text ?? '';
      parts.push(text);
      length += text.length;
    }
    analyseChecked(parts.join('\n\f\n'), {}, 300_000);
  });
  test('500,000 one-character lines', () => {
    analyseChecked('a\n'.repeat(500_000), {}, 60_000);
  });
});
