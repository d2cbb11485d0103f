import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import { type NameTokens, prepareName } from '../../server/src/core/names';
import { alignRows, alignRowsAfresh, type Candidate } from '../../server/src/core/rowAlignment';
import { allFixtures, readFixture } from '../support/fixtures';
import { seededRandom } from '../support/random';

/** Every judgement and table row name of the fixtures: the names tables are aligned by. */
function fixtureNames(): string[] {
  const names = new Set<string>();
  for (const fixture of allFixtures()) {
    const { model } = analyse(readFixture(fixture));
    for (const judgement of model.judgements) names.add(judgement.name);
    for (const table of model.tables) for (const row of table.rows) names.add(row.name);
  }
  return [...names];
}

function afresh(rows: readonly NameTokens[], candidates: readonly Candidate[]): number[] {
  return [...alignRowsAfresh(rows, candidates)];
}

describe('alignRows', () => {
  const names = fixtureNames().map((name) => prepareName(name));
  const pick = (next: () => number) => names[Math.floor(next() * names.length)] as NameTokens;

  it('aligns rows in order, then leftovers to their best remaining match', () => {
    const candidate = (name: string, ...alternatives: string[]): Candidate => ({
      tokens: prepareName(name),
      altTokens: alternatives.map((a) => prepareName(a)),
    });
    const candidates = [
      candidate('Impact of leaders on social work practice'),
      candidate('Experiences and progress of children who need help and protection'),
      candidate('Experiences and progress of children in care'),
      candidate('Overall effectiveness'),
    ];
    const rows = [
      'Overall effectiveness',
      'Children who need help and protection',
      'Children in care',
      'Impact of leaders on practice',
    ];
    assert.deepEqual(
      afresh(
        rows.map((r) => prepareName(r)),
        candidates,
      ),
      [3, 1, 2, 0],
    );
    // A candidate known by another name (its opening sentence's subject) is found by it.
    const known = [candidate('Section A'), candidate('Section B', 'Quality of care')];
    assert.deepEqual(afresh([prepareName('Quality of care')], known), [1]);
  });

  it('answers as a fresh alignment, whatever it remembers, on 3,000 alignments of fixture names', () => {
    const next = seededRandom(20261124);
    let differed = 0;
    const remembered: { rows: NameTokens[]; candidates: Candidate[] }[] = [];
    for (let k = 0; k < 3000; k++) {
      // Mostly inputs seen before, changed a little: the memo's hits and near misses.
      const base =
        remembered.length > 0 && next() < 0.7
          ? remembered[Math.floor(next() * remembered.length)]
          : undefined;
      const rows = base
        ? [...base.rows]
        : Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(next));
      const candidates: Candidate[] = base
        ? base.candidates.map((c) => ({ tokens: c.tokens, altTokens: [...c.altTokens] }))
        : Array.from({ length: Math.floor(next() * 12) }, () => ({ tokens: pick(next), altTokens: [] }));
      const change = base ? Math.floor(next() * 4) : -1;
      const target = candidates[Math.floor(next() * candidates.length)];
      if (change === 0 && target) (target.altTokens as NameTokens[]).push(pick(next));
      if (change === 1 && target) candidates.splice(candidates.indexOf(target), 1);
      if (change === 2 && rows.length > 1)
        rows.splice(1 + Math.floor(next() * (rows.length - 1)), 1, pick(next));
      if (change === 3) candidates.reverse();
      // The input changed is remembered (again, if the memo started over since).
      const before = base ? [...alignRows(base.rows, base.candidates)] : [];
      const expected = afresh(rows, candidates);
      assert.deepEqual([...alignRows(rows, candidates)], expected, `alignment ${k}`);
      assert.deepEqual([...alignRows(rows, candidates)], expected, `alignment ${k}, asked again`);
      if (base && JSON.stringify(before) !== JSON.stringify(expected)) differed++;
      remembered.push({ rows, candidates });
    }
    // The changes made must matter often enough for a memo that ignored them to be caught.
    assert.ok(differed > 100, `only ${differed} changes changed the alignment`);
  });
});
