import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PieceText } from '../../server/src/core/pieceText';
import { seededRandom } from '../support/random';

describe('PieceText', () => {
  it('reads as the string it stands for after 20,000 random edits', () => {
    const next = seededRandom(7);
    const alphabet = [
      'a',
      'b',
      '\n',
      '\r\n',
      ' ',
      '\u2019',
      'xyz',
      'a longer piece of inserted text, over sixty-four characters long....',
    ];
    let expected = 'The report.\nSection one is good.\r\nSection two is inadequate.\n'.repeat(40);
    let text = PieceText.of(expected);
    let joined = 0;
    for (let k = 0; k < 20_000; k++) {
      const from = Math.floor(next() * (expected.length + 2)) - 1;
      const to = from + Math.floor(next() * (next() < 0.9 ? 3 : 200));
      const inserted = next() < 0.4 ? '' : (alphabet[Math.floor(next() * alphabet.length)] as string);
      const a = Math.max(0, Math.min(from, expected.length));
      const b = Math.max(a, Math.min(to, expected.length));
      expected = expected.slice(0, a) + inserted + expected.slice(b);
      const before = text.pieceCount;
      text = text.replace(from, to, inserted);
      if (text.pieceCount < before) joined++;
      assert.equal(text.length, expected.length, `edit ${k}: length`);
      for (let r = 0; r < 4; r++) {
        const i = Math.floor(next() * (expected.length + 4)) - 2;
        assert.ok(Object.is(text.charCodeAt(i), expected.charCodeAt(i)), `edit ${k}: charCodeAt(${i})`);
        const s = Math.floor(next() * (expected.length + 20)) - 10;
        const e = s + Math.floor(next() * 300) - 20;
        assert.equal(text.slice(s, e), expected.slice(s, e), `edit ${k}: slice(${s}, ${e})`);
      }
      if (k % 500 === 0) assert.equal(text.toString(), expected, `edit ${k}: toString`);
    }
    assert.equal(text.toString(), expected);
    assert.equal(text.slice(), expected);
    assert.ok(joined > 0, 'the pieces were never joined');
  });

  it('reads as the string it stands for from an empty text, and back to one', () => {
    let text = PieceText.of('');
    let expected = '';
    const next = seededRandom(9);
    for (let k = 0; k < 2000; k++) {
      const from = Math.floor(next() * (expected.length + 1));
      const to = from + (next() < 0.5 ? 0 : Math.floor(next() * 20));
      const inserted = next() < 0.5 ? '' : 'abc\r\n'.slice(0, Math.floor(next() * 6));
      expected = expected.slice(0, from) + inserted + expected.slice(Math.min(to, expected.length));
      text = text.replace(from, to, inserted);
      assert.equal(text.toString(), expected, `edit ${k}`);
      assert.equal(text.length, expected.length, `edit ${k}: length`);
    }
  });

  it('keeps typing in one place to a few pieces', () => {
    let text = PieceText.of('x'.repeat(10_000));
    for (let k = 0; k < 200; k++) text = text.replace(5000 + k, 5000 + k, 'y');
    for (let k = 0; k < 100; k++) text = text.replace(5199 - k, 5200 - k, '');
    assert.ok(text.pieceCount <= 5, `${text.pieceCount} pieces`);
    assert.equal(text.toString(), `${'x'.repeat(5000)}${'y'.repeat(100)}${'x'.repeat(5000)}`);
  });
});
