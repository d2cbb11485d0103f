import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Analyser } from '../../server/src/analysis/offThread';
import { analyse } from '../../server/src/core/analyse';
import type { Analysis } from '../../server/src/core/model';
import { readFixture, allFixtures, repoRoot } from '../support/fixtures';

/** An analysis as data: the line index (functions) compared by what it answers. */
function comparable(analysis: Analysis): unknown {
  const { lines, ...model } = analysis.model;
  const probes = [0, 1, 100, 5000, model.text.length].map((offset) => lines.positionAt(offset));
  return { ...analysis, model: { ...model, lineCount: lines.lineCount, probes } };
}

describe('the server-side analyser', () => {
  const text = readFixture(allFixtures()[0] ?? { name: '', path: '' });

  test('analyses small documents at once, on this thread', async () => {
    const analyser = new Analyser(join(repoRoot(), 'no-such-worker.js'), text.length + 1);
    assert.deepEqual(comparable(await analyser.analyse(text, {})), comparable(analyse(text)));
    analyser.dispose();
  });

  test('falls back to this thread when the worker cannot run, and never rejects', async () => {
    const analyser = new Analyser(join(repoRoot(), 'no-such-worker.js'), 1);
    const results = await Promise.all([analyser.analyse(text, {}), analyser.analyse('', {})]);
    assert.deepEqual(comparable(results[0] as Analysis), comparable(analyse(text)));
    assert.deepEqual(comparable(results[1] as Analysis), comparable(analyse('')));
    // And again, after the failure: a new worker is tried, and the answer is still right.
    assert.deepEqual(comparable(await analyser.analyse(text, {})), comparable(analyse(text)));
    analyser.dispose();
  });

  test('without a worker script every analysis is made on this thread', async () => {
    const analyser = new Analyser(undefined, 1);
    assert.deepEqual(comparable(await analyser.analyse(text, {})), comparable(analyse(text)));
    analyser.dispose();
  });
});
