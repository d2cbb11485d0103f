import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gradeVocabulary, type GradeVocabulary } from '../../server/src/core/grades';
import type { Scale } from '../../server/src/core/model';
import { ALL_GRADE_WORDS, FRAMEWORKS, userScale } from '../../server/src/core/scales';
import { cleanLine, splitLines } from '../../server/src/core/text';
import { allFixtures, readFixture } from '../support/fixtures';
import { seededRandom } from '../support/random';

/*
 * `mayStateGrade` stands for a pattern: a grade's last word (or "require", "requires"), then white
 * space, then a stop or the end of a line; `endsLikeGrade` for another (the text's last word is a
 * grade's last word, or it ends in `)` or a digit). Both answer by hand, without a pattern; here the
 * patterns themselves, built from the scale's words, are the oracles.
 */

/** The last words of `scale`'s grades and every built-in scale's, and "require", "requires", as a pattern source. */
function finalWordsSource(scale: Scale): string {
  const words = new Set<string>(ALL_GRADE_WORDS);
  for (const entry of scale.entries) for (const alias of entry.aliases) words.add(alias);
  const finals = new Set<string>(['requires', 'require']);
  for (const word of words) finals.add(word.slice(word.lastIndexOf(' ') + 1));
  return [...finals].map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|');
}

/** The pattern `mayStateGrade` stands for. */
function oracleFor(scale: Scale): RegExp {
  return new RegExp(`(?:${finalWordsSource(scale)})\\s*(?:[.;,:!]|$)`, 'im');
}

/**
 * What `endsLikeGrade` says, as a pattern: after any spaces, tabs, `*` and `.` at its end, the text
 * ends in `)`, a digit, or a whole word (no ASCII letter before it) that is a grade's last word.
 */
function endingOracleFor(scale: Scale): RegExp {
  return new RegExp(`(?:[)0-9]|(?:^|[^A-Za-z])(?:${finalWordsSource(scale)}))[ \\t*.]*$`, 'i');
}

const SCALES: readonly Scale[] = [
  FRAMEWORKS.ilacs.scale,
  FRAMEWORKS.cqc.scale,
  FRAMEWORKS['school-2005'].scale,
  userScale({ name: 'metals', grades: [{ label: 'Platinum' }, { label: 'Gold' }, { label: 'Bronze' }] }),
];

/** Strings made to sit at the edges: grade words cut short or run on, in either case, before stops and odd spaces. */
function madeStrings(count: number): string[] {
  const random = seededRandom(11);
  const pieces = [
    'good',
    'Good',
    'GOOD',
    'goo',
    'ood',
    'goods',
    'od',
    'd',
    's',
    'ment',
    'requires',
    'require',
    'improvement',
    'inadequate',
    'adequate',
    'outstanding',
    'weak',
    'platinum',
    'gold',
    'bronze',
    'x',
    'is ',
    ' ',
    '  ',
    '\t',
    '\u00a0',
    '\u2003',
    '\ufeff',
    '.',
    ',',
    ';',
    ':',
    '!',
    '?',
    ')',
    '4',
    '*',
    '-',
    '\u2019',
    '\u2028',
    '\n',
  ];
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    const length = 1 + Math.floor(random() * 9);
    for (let k = 0; k < length; k++) parts.push(pieces[Math.floor(random() * pieces.length)] ?? '');
    return parts.join('');
  });
}

/** The fixtures' lines, clean. */
function fixtureLines(): string[] {
  const out: string[] = [];
  for (const fixture of allFixtures()) {
    const lines = splitLines(readFixture(fixture));
    for (let i = 0; i < lines.lineCount; i++) out.push(cleanLine(lines, i) ?? '');
  }
  return out;
}

describe('the grade statement pre-filter', () => {
  const strings = [...fixtureLines(), ...madeStrings(20_000)];

  /** `ask` agrees with the pattern `oracleFor` makes, for every scale, on every string. */
  const agreesOnEveryString = (
    oracleFor: (scale: Scale) => RegExp,
    ask: (vocab: GradeVocabulary, text: string) => boolean,
  ): void => {
    for (const scale of SCALES) {
      const vocab = gradeVocabulary(scale);
      const oracle = oracleFor(scale);
      let yes = 0;
      for (const text of strings) {
        const expected = oracle.test(text);
        if (expected) yes++;
        assert.equal(ask(vocab, text), expected, `${scale.id}: ${JSON.stringify(text)}`);
      }
      // Both answers come up often enough for the comparison to mean something.
      assert.ok(yes > 2_000 && strings.length - yes > 2_000, `${scale.id}: ${yes} of ${strings.length}`);
    }
  };

  it('answers as its pattern does, on every fixture line and on made strings', () => {
    agreesOnEveryString(oracleFor, (vocab, text) => vocab.mayStateGrade(text));
  });

  it('tells a text that may end in a grade as its pattern does', () => {
    agreesOnEveryString(endingOracleFor, (vocab, text) => vocab.endsLikeGrade(text));
  });

  it('answers of a part of a longer text as of that part alone, whatever stands around it', () => {
    const random = seededRandom(12);
    const vocab = gradeVocabulary(FRAMEWORKS.ilacs.scale);
    const oracle = oracleFor(FRAMEWORKS.ilacs.scale);
    const parts = madeStrings(20_000).filter((text) => !/[\n\r\u2028\u2029]/.test(text));
    // Some run into the part: "go" before "od." makes a grade word only across the part's start.
    const around = ['', 'good', 'Good ', 'requires', 'require', 'improve', 'go', 'GOO', 'g', 'x.', ' ', '.'];
    for (const part of parts) {
      const before = around[Math.floor(random() * around.length)] ?? '';
      const after = around[Math.floor(random() * around.length)] ?? '';
      const text = `${before}${part}${after}`;
      assert.equal(
        vocab.mayStateGrade(text, before.length, before.length + part.length),
        oracle.test(part),
        JSON.stringify([before, part, after]),
      );
    }
  });
});
