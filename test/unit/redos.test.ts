import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { AnalyseOptions, Analysis } from '../../server/src/core/model';
import { allFixtures, readFixture, repoRoot } from '../support/fixtures';
import { analysisProblems } from '../support/invariants';
import { findRegexes } from '../support/regexSources';

/*
 * No catastrophic regular expressions (issue 5, item 2).
 *
 * Every pattern of the extension is checked with the `recheck` ReDoS detector (its pure-JavaScript
 * backend, so nothing native or Java runs): the literals found by parsing server/src and
 * client/src, and the patterns built at run time (grade vocabularies, user scales), captured by
 * watching the RegExp constructor while the seeds, the corpus and hostile user scales are analysed.
 * No pattern may be exponential. Polynomial ones (`\s+$` and friends) are tolerated only because the
 * code bounds what they see; that is proven by timing guards: recheck's own attack string for each,
 * pumped to a structural line (2,000 characters) and to a 200,000-character line, placed in every
 * part of a report, must analyse in bounded time. Hand-written adversarial inputs are timed too.
 *
 * Checking ~200 patterns takes minutes, so verdicts are kept in test/golden/redos.json, keyed by
 * flags and source; a pattern not recorded there is checked now. `npm run golden:update` (or
 * UPDATE_GOLDEN=1) checks every pattern again and rewrites the file: review the diff.
 * UPDATE_GOLDEN=missing checks only the patterns not recorded yet and adds them (and drops those
 * no longer used).
 */

// recheck's synchronous API reads this when it runs: the pure-JavaScript checker, no native agent.
process.env['RECHECK_SYNC_BACKEND'] = 'pure';

/** Loads a module after the RegExp constructor is watched (static imports would load it first). */
const load = createRequire(__filename);
const ROOT = repoRoot();
const GOLDEN = join(ROOT, 'test', 'golden', 'redos.json');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const UPDATE_MISSING = process.env['UPDATE_GOLDEN'] === 'missing';
/** A hang guard, not a speed test. */
const TIME_LIMIT_MS = 5000;

interface Attack {
  readonly pumps: readonly { readonly prefix: string; readonly pump: string }[];
  readonly suffix: string;
}

interface Verdict {
  readonly status: 'safe' | 'vulnerable' | 'unknown';
  /** `linear`, `safe`, `2nd degree polynomial`, `exponential`... */
  readonly complexity?: string;
  readonly exponential?: boolean;
  readonly attack?: Attack;
  readonly error?: string;
}

interface Golden {
  readonly recheck: string;
  readonly verdicts: Record<string, Verdict>;
}

interface Pattern {
  readonly source: string;
  readonly flags: string;
  /** Where it comes from: `file:line` for literals, the constructing file for built ones. */
  readonly where: string;
}

const key = (p: { source: string; flags: string }) => `/${p.source}/${p.flags}`;

function recheckVersion(): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8'));
  return String((manifest as { version?: unknown }).version);
}

type CheckSync = (source: string, flags: string, params?: Record<string, unknown>) => RecheckResult;
interface RecheckResult {
  status: 'safe' | 'vulnerable' | 'unknown';
  checker?: string;
  complexity?: { type: string; summary: string };
  attack?: { pumps: { prefix: string; pump: string }[]; suffix: string };
  error?: { kind: string; message?: string };
}

function runRecheck(checkSync: CheckSync, pattern: Pattern, fast: boolean): Verdict {
  // Fixed seed: the same pattern always gets the same verdict. A live check (a pattern not yet in
  // the golden file) is time-boxed and falls back to the fuzzing checker, which is much quicker.
  let result = checkSync(pattern.source, pattern.flags, { randomSeed: 0, timeout: fast ? 10_000 : null });
  if (result.status === 'unknown' && result.error?.kind === 'timeout')
    result = checkSync(pattern.source, pattern.flags, { randomSeed: 0, timeout: null, checker: 'fuzz' });
  return {
    status: result.status,
    ...(result.complexity ? { complexity: result.complexity.summary } : {}),
    ...(result.complexity?.type === 'exponential' ? { exponential: true } : {}),
    ...(result.attack
      ? {
          attack: {
            pumps: result.attack.pumps.map(({ prefix, pump }) => ({ prefix, pump })),
            suffix: result.attack.suffix,
          },
        }
      : {}),
    ...(result.error
      ? { error: `${result.error.kind}${result.error.message ? `: ${result.error.message}` : ''}` }
      : {}),
  };
}

/** The attack string with its pumps repeated until it is about `length` characters long. */
function pumped(attack: Attack, length: number): string {
  const fixed = attack.pumps.reduce((n, p) => n + p.prefix.length, attack.suffix.length);
  const perRound = Math.max(
    1,
    attack.pumps.reduce((n, p) => n + p.pump.length, 0),
  );
  const rounds = Math.max(1, Math.floor((length - fixed) / perRound));
  return attack.pumps.map((p) => p.prefix + p.pump.repeat(rounds)).join('') + attack.suffix;
}

/** A small report with `line` placed wherever a pass applies patterns: title block, contents, scale, headings, tables, prose. */
function reportAround(line: string): string {
  return [
    line,
    'Inspection of safeguarding and looked after children services',
    line,
    'Inspection dates: 8 to 19 March 2010',
    '',
    'Contents',
    '',
    'Overall effectiveness\t5',
    line,
    `${line}\t7`,
    `| ${line} | 8 |`,
    `${line} ........ 9`,
    '',
    'The inspection judgements and what they mean',
    '',
    'Outstanding (Grade 1)\tA service that significantly exceeds minimum requirements',
    line,
    'Good (Grade 2)\tA service that exceeds minimum requirements',
    'Adequate (Grade 3)\tA service that only meets minimum requirements',
    'Inadequate (Grade 4)\tA service that does not meet minimum requirements',
    '',
    'The inspection outcomes: safeguarding services',
    '',
    line,
    '',
    'Overall effectiveness',
    '',
    'Grade 4 (inadequate)',
    line,
    '',
    `1. ${line} is inadequate.`,
    '',
    `2. ${line}`,
    '',
    `${line}: good`,
    '',
    `${line} Grade 3 (adequate)`,
    '',
    'Record of main findings',
    '',
    'Overall effectiveness\tInadequate',
    `${line}\tGood`,
    `| ${line} | Good |`,
    `${line}    Adequate`,
    line,
    '',
  ].join('\n');
}

/** Adversarial inputs written by hand (issue 5): each must analyse in bounded time. */
const ADVERSARIAL: [string, () => string][] = [
  ['200,000 spaces on one line', () => ' '.repeat(200_000)],
  ['200,000 spaces then a letter', () => `${' '.repeat(200_000)}x`],
  ['200,000 tabs', () => '\t'.repeat(200_000)],
  ['200,000 non-breaking spaces', () => '\u00a0'.repeat(200_000)],
  ['lines of 1,999 spaces then a letter', () => `${' '.repeat(1_999)}x\n`.repeat(300)],
  ['"Grade " repeated 100,000 times', () => 'Grade '.repeat(100_000)],
  ['"Grade " repeated on 300 lines', () => `${'Grade '.repeat(300)}\n`.repeat(300)],
  ['100,000 "a." sentences on one line', () => 'a. '.repeat(100_000)],
  ['100,000 "a." lines', () => 'a.\n'.repeat(100_000)],
  ['lines of 10,000 columns', () => `${'x '.repeat(5_000)}\n`.repeat(50)],
  ['a 1,999-character heading of spaces and stars', () => `${' *'.repeat(999)}x\n\n`.repeat(200)],
  ['20,000 form feeds (page breaks)', () => '\f\n'.repeat(20_000)],
  ['form feeds between blank lines', () => '\f\n\n\n\n'.repeat(10_000)],
  ['20,000 table rows', () => 'Overall effectiveness\tGood\n'.repeat(20_000)],
  ['20,000 contents entries', () => `Contents\n${'Overall effectiveness    3\n'.repeat(20_000)}`],
  ['Grade ( without a closing bracket', () => `Grade 1 (${'a '.repeat(900)}\n`.repeat(100)],
  ['a long subject before "is good"', () => `The ${'x '.repeat(140)} is good.\n\n`.repeat(2_000)],
  ['"requires" repeated', () => `${'requires '.repeat(200)}\n`.repeat(200)],
  ['pipes', () => `${'|'.repeat(1_900)}Good\n`.repeat(100)],
  ['dots leaders', () => `Contents\n${`x${'.'.repeat(1_990)}\n`.repeat(200)}`],
  ['10,000 one-cell-per-line rows', () => `Judgement\nGrade\n${'Safety\nGood\n'.repeat(10_000)}`],
];

describe('regular expressions', () => {
  let analyse: (text: string, options?: AnalyseOptions) => Analysis;
  const built = new Map<string, Pattern>();
  /** Construction sites seen at run time, as `file.js:line:column` below out/. */
  const sites = new Set<string>();
  let restore: (() => void) | undefined;

  before(() => {
    // Watch the RegExp constructor, then load the modules that build patterns (module-level ones
    // are built on import) and run them over every fixture and some hostile user scales.
    const Original = RegExp;
    globalThis.RegExp = new Proxy(Original, {
      construct(target, args: [string | RegExp, string?], newTarget) {
        const made = Reflect.construct(target, args, newTarget) as RegExp;
        const frame = (new Error().stack ?? '').split('\n')[2] ?? '';
        const at = /[\\/]out[\\/](.+?):(\d+):(\d+)\)?$/.exec(frame.trim());
        if (at) {
          const file = (at[1] ?? '').split('\\').join('/');
          sites.add(`${file}:${at[2]}:${at[3]}`);
          const pattern = { source: made.source, flags: made.flags, where: file.replace(/\.js$/, '.ts') };
          if (!built.has(key(pattern))) built.set(key(pattern), pattern);
        }
        return made;
      },
    });
    restore = () => {
      globalThis.RegExp = Original;
    };
    try {
      const core = load('../../server/src/core/analyse') as typeof import('../../server/src/core/analyse');
      load('../../client/src/reportSignals');
      const { mutate } = load('../support/mutations') as typeof import('../support/mutations');
      analyse = core.analyse;
      const hostile = {
        name: 'Hostile',
        grades: [
          { label: '(a+)+' },
          { label: '.*' },
          { label: 'A+' },
          { label: '[x' },
          { label: 'x|y' },
          { label: 'Good \\ bad' },
        ],
      };
      for (const fixture of allFixtures()) {
        const text = readFixture(fixture);
        analyse(text);
        // Wrong grades make the rules rewrite statements (statementMismatch builds a pattern).
        analyse(mutate(text, { kind: 'swap-grades', k: 0, text: '' }));
      }
      const first = readFixture(allFixtures()[0] ?? { name: '', path: '' });
      analyse(first, { userScales: [hostile], framework: 'user:Hostile' });
      analyse(first, { userScales: [{ ...hostile, whenTextContains: 'Inspection' }] });
    } finally {
      restore();
      restore = undefined;
    }
  });

  after(() => restore?.());

  const found = findRegexes(ROOT, ['server/src', 'client/src']);

  test('every place that builds a pattern at run time was exercised', () => {
    const expected = new Map<string, number>();
    for (const c of found.constructions) expected.set(c.file, (expected.get(c.file) ?? 0) + 1);
    const actual = new Map<string, number>();
    for (const site of sites) {
      const file = site.replace(/\.js:\d+:\d+$/, '.ts');
      actual.set(file, (actual.get(file) ?? 0) + 1);
    }
    assert.ok(found.literals.length > 100, `found only ${found.literals.length} literals`);
    assert.deepEqual(
      [...actual].sort(),
      [...expected].sort(),
      `RegExp constructions in the source: ${found.constructions.map((c) => `${c.file}:${c.line}`).join(', ')}`,
    );
  });

  test('recheck finds no exponential pattern, and every polynomial one is bounded in use', () => {
    const { checkSync } = load('recheck') as { checkSync: CheckSync };
    const version = recheckVersion();
    const golden: Golden | undefined =
      !UPDATE && existsSync(GOLDEN) ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden) : undefined;
    const recorded = golden?.recheck === version ? golden.verdicts : {};
    const patterns = new Map<string, Pattern>();
    for (const l of found.literals) patterns.set(key(l), { ...l, where: `${l.file}:${l.line}` });
    for (const [k, p] of built) if (!patterns.has(k)) patterns.set(k, p);

    const verdicts: Record<string, Verdict> = {};
    const checkedNow: string[] = [];
    for (const [k, pattern] of [...patterns].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let verdict = recorded[k];
      if (!verdict) {
        verdict = runRecheck(checkSync, pattern, !UPDATE && !UPDATE_MISSING);
        checkedNow.push(`${pattern.where} ${k}`);
      }
      verdicts[k] = verdict;
    }
    if (UPDATE || (UPDATE_MISSING && checkedNow.length > 0))
      writeFileSync(GOLDEN, `${JSON.stringify({ recheck: version, verdicts }, null, 2)}\n`);
    else if (checkedNow.length > 0)
      console.log(
        `redos: ${checkedNow.length} pattern(s) not in test/golden/redos.json were checked now; ` +
          `run UPDATE_GOLDEN=missing on this test (or npm run golden:update) to record them:\n  ${checkedNow.join('\n  ')}`,
      );

    const where = (k: string) => patterns.get(k)?.where ?? '?';
    const exponential = Object.entries(verdicts)
      .filter(([, v]) => v.exponential)
      .map(([k]) => `${where(k)} ${k}`);
    assert.deepEqual(exponential, [], 'exponential (catastrophic) patterns');
    const undecided = Object.entries(verdicts)
      .filter(([, v]) => v.status === 'unknown')
      .map(([k, v]) => `${where(k)} ${k}: ${v.error ?? ''}`);
    assert.deepEqual(undecided, [], 'patterns recheck could not decide');

    // The polynomial ones: their attack strings, everywhere in a report, in bounded time.
    const slow: string[] = [];
    for (const [k, verdict] of Object.entries(verdicts)) {
      if (verdict.status !== 'vulnerable' || !verdict.attack) continue;
      for (const length of [1_990, 200_000]) {
        const text = reportAround(pumped(verdict.attack, length));
        const started = performance.now();
        const analysis = analyse(text);
        const elapsed = performance.now() - started;
        if (elapsed > TIME_LIMIT_MS) slow.push(`${where(k)} ${k}: ${Math.round(elapsed)} ms at ${length}`);
        assert.deepEqual(analysisProblems(text, analysis), []);
      }
    }
    assert.deepEqual(slow, [], 'polynomial patterns whose attack string hangs the analysis');
  });

  describe('adversarial inputs analyse in bounded time', () => {
    for (const [name, make] of ADVERSARIAL) {
      test(name, () => {
        const text = make();
        const started = performance.now();
        const analysis = analyse(text);
        const elapsed = performance.now() - started;
        assert.deepEqual(analysisProblems(text, analysis), []);
        assert.ok(elapsed < TIME_LIMIT_MS, `${name}: ${Math.round(elapsed)} ms (limit ${TIME_LIMIT_MS} ms)`);
      });
    }
  });
});
