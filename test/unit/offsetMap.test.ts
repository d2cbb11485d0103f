import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeMoves, OffsetMap, type OffsetMove, Unsure } from '../../server/src/core/offsetMap';
import { seededRandom } from '../support/random';

/** Where a move puts an offset, or 'unsure' where it refuses it. */
function at(move: OffsetMove, offset: number): number | 'unsure' {
  try {
    return new OffsetMap(move.low, move.high, move.delta).at(offset);
  } catch (error) {
    if (error instanceof Unsure) return 'unsure';
    throw error;
  }
}

/** Both moves in turn. */
function inTurn(first: OffsetMove, second: OffsetMove, offset: number): number | 'unsure' {
  const moved = at(first, offset);
  return moved === 'unsure' ? moved : at(second, moved);
}

function move(next: () => number): OffsetMove {
  const low = Math.floor(next() * 40);
  const high = low + Math.floor(next() * 6);
  return { low, high, delta: Math.floor(next() * 11) - 5 };
}

/** `count` pairs of small moves, the same for a seed, with their composition (if any). */
function* pairs(seed: number, count: number): Generator<[OffsetMove, OffsetMove, OffsetMove | undefined]> {
  const next = seededRandom(seed);
  for (let k = 0; k < count; k++) {
    const first = move(next);
    const second = move(next);
    yield [first, second, composeMoves(first, second)];
  }
}

describe('composeMoves', () => {
  it('gives one move that moves or refuses every offset as the two do in turn, when it gives one', () => {
    let composed = 0;
    for (const [first, second, one] of pairs(7, 5000)) {
      if (!one) continue;
      composed++;
      for (let offset = -3; offset < 70; offset++) {
        assert.equal(
          at(one, offset),
          inTurn(first, second, offset),
          JSON.stringify({ first, second, offset }),
        );
      }
    }
    assert.ok(composed > 500, `${composed} of 5000 pairs composed`);
  });

  it('gives none when some offset between the two edits is moved by one and not the other', () => {
    let refused = 0;
    for (const [first, second, one] of pairs(11, 5000)) {
      if (one) continue;
      refused++;
      // Every single move that agrees with the two outside both edits refuses more than they do.
      const low = Math.min(first.low, second.low);
      const high = Math.max(first.high, second.high - first.delta);
      const candidate = { low, high, delta: first.delta + second.delta };
      let differs = false;
      for (let offset = -3; offset < 70 && !differs; offset++)
        differs = at(candidate, offset) !== inTurn(first, second, offset);
      assert.ok(differs, JSON.stringify({ first, second }));
    }
    assert.ok(refused > 100, `${refused} of 5000 pairs refused`);
  });

  it('composes typing in one place: inserting and removing a character, keystroke after keystroke', () => {
    // As analyseEdit makes them: the edit widened by the white space around it.
    let moves: OffsetMove = { low: 100, high: 100, delta: 1 };
    for (let k = 1; k < 64; k++) {
      const next = k % 2 === 0 ? { low: 100, high: 100, delta: 1 } : { low: 100, high: 101, delta: -1 };
      const composed = composeMoves(moves, next);
      assert.ok(composed, `keystroke ${k}`);
      moves = composed;
    }
    assert.deepEqual(moves, { low: 100, high: 100, delta: 0 });
  });
});
