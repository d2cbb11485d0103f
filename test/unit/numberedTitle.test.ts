import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isShortNumberedTitle } from '../../server/src/core/headings';
import { cleanLine, splitLines } from '../../server/src/core/text';
import { allFixtures, readFixture } from '../support/fixtures';
import { seededRandom } from '../support/random';

/** The pattern the scan by hand stands for. */
const SHORT_NUMBERED_TITLE = /^\s*\d{1,2}\.\s+[A-Z][^.]{0,60}$/;

function lead(clean: string): number {
  return clean.length - clean.trimStart().length;
}

describe('a short numbered title (`12. Leadership and management`)', () => {
  it('is what the pattern says, on lines of numbers, stops, odd spaces and titles of every length', () => {
    const pieces = ['1', '12', '123', '.', ' ', '  ', '\t', '\u3000', '\u00a0', 'A', 'Z', 'a', '(', 'x'];
    const random = seededRandom(7);
    let titles = 0;
    for (let round = 0; round < 3000; round++) {
      let clean = ' '.repeat(Math.floor(random() * 3));
      for (let k = Math.floor(random() * 6); k > 0; k--)
        clean += pieces[Math.floor(random() * pieces.length)];
      // A title's tail around the 60 characters the pattern allows after its first letter.
      if (random() < 0.5)
        clean += `${['1', '12'][round % 2]}. T${'w'.repeat(55 + Math.floor(random() * 10))}`;
      if (random() < 0.2) clean += '.';
      const expected = SHORT_NUMBERED_TITLE.test(clean);
      if (expected) titles++;
      assert.equal(isShortNumberedTitle(clean, lead(clean)), expected, JSON.stringify(clean));
    }
    assert.ok(titles > 100, `only ${titles} titles among the random lines`);
  });

  it('is what the pattern says on every line of every fixture', () => {
    for (const fixture of allFixtures()) {
      const lines = splitLines(readFixture(fixture));
      for (let i = 0; i < lines.lineCount; i++) {
        const clean = cleanLine(lines, i) ?? '';
        assert.equal(
          isShortNumberedTitle(clean, lines.lead[i] ?? 0),
          SHORT_NUMBERED_TITLE.test(clean),
          `${fixture.name}:${i + 1}`,
        );
      }
    }
  });
});
