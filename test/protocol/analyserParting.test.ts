import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Analyser } from '../../server/src/analysis/offThread';
import type { FromWorker, ToWorker } from '../../server/src/analysis/worker';
import { analyse } from '../../server/src/core/analyse';
import { analyseEdit, editBasisOf } from '../../server/src/core/edits';
import type { Analysis } from '../../server/src/core/model';
import { documentSymbols } from '../../server/src/handlers/symbols';
import { allFixtures, readFixture, repoRoot } from '../support/fixtures';

/*
 * The analysis worker of the built server (dist/server.js), driven directly: a text crosses to it
 * in pieces and the analysis comes back in parts, one turn of this thread's event loop each, so
 * that a large document never holds the server's main thread for the whole copy. Cut very finely
 * here, the parts must still make exactly the analysis this thread would make.
 */

const WORKER = join(repoRoot(), 'dist', 'server.js');

/** An analysis as data: the line index (functions) compared by what it answers. */
function comparable(analysis: Analysis): unknown {
  const { lines, ...model } = analysis.model;
  const probes = [0, 1, 100, 5000, model.text.length].map((offset) => lines.positionAt(offset));
  return { ...analysis, model: { ...model, lineCount: lines.lineCount, probes } };
}

/** Counts turns of the event loop until stopped. */
function turnCounter(): { readonly turn: () => number; readonly stop: () => void } {
  let turn = 0;
  let running = true;
  const tick = () => {
    turn++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  return { turn: () => turn, stop: () => (running = false) };
}

describe('the analysis worker, with texts and analyses cut into small messages', { timeout: 60_000 }, () => {
  test('every fixture comes back exactly as analysed on this thread', async () => {
    const analyser = new Analyser(WORKER, 1, { pieceLength: 4096, partItems: 3 });
    let reusedAfterWorker = 0;
    try {
      for (const fixture of allFixtures()) {
        const text = readFixture(fixture);
        const result = await analyser.analyse(text, {});
        const expected = analyse(text);
        assert.deepEqual(comparable(result), comparable(expected), fixture.name);
        // The worker makes the document symbols too: the same as made here.
        assert.deepEqual(documentSymbols(result.model), documentSymbols(expected.model), fixture.name);
        // And it sends what an edit may reuse: the same as made here, so edits after it are reused.
        assert.deepEqual(editBasisOf(result), editBasisOf(expected), fixture.name);
        const reuses = (analysis: Analysis) => {
          for (let at = Math.floor(text.length / 2); at < text.length; at = text.indexOf('\n', at + 1)) {
            if (at < 0) return undefined;
            const edited = `${text.slice(0, at)} steady${text.slice(at)}`;
            const reused = analyseEdit(analysis, edited, {});
            if (reused) return { edited, reused };
          }
          return undefined;
        };
        const here = reuses(expected);
        const there = reuses(result);
        assert.equal(there?.edited, here?.edited, fixture.name);
        if (here && there) assert.deepEqual(comparable(there.reused), comparable(here.reused), fixture.name);
        reusedAfterWorker += there ? 1 : 0;
      }
      assert.ok(reusedAfterWorker > allFixtures().length / 2, `${reusedAfterWorker} fixtures reused an edit`);
    } finally {
      analyser.dispose();
    }
  });

  test('pieces go out and parts come in one turn of the event loop at a time', async () => {
    const events: { kind: string; direction: string; turn: number }[] = [];
    const symbolsReceived: unknown[] = [];
    const counter = turnCounter();
    const analyser = new Analyser(WORKER, 1, {
      pieceLength: 997,
      partItems: 2,
      observe: (message: ToWorker | FromWorker, direction) => {
        events.push({ kind: message.kind, direction, turn: counter.turn() });
        if (message.kind === 'part' && message.list === 'symbols') symbolsReceived.push(...message.items);
      },
    });
    try {
      const text = readFixture(allFixtures()[0] ?? { name: '', path: '' });
      const [result, again] = await Promise.all([analyser.analyse(text, {}), analyser.analyse(text, {})]);
      assert.deepEqual(comparable(result as Analysis), comparable(analyse(text)));
      assert.deepEqual(comparable(again as Analysis), comparable(analyse(text)));
      // The symbols answered are the very ones the worker made, not made again here.
      const symbols = documentSymbols((result as Analysis).model);
      assert.ok(symbols.length > 2);
      assert.equal(symbols[0], symbolsReceived[0]);
    } finally {
      counter.stop();
      analyser.dispose();
    }
    const pieces = events.filter((e) => e.kind === 'text');
    const parts = events.filter((e) => e.direction === 'received');
    assert.ok(pieces.length >= 2 * 10, `${pieces.length} pieces`);
    assert.ok(parts.length >= 2 * 10, `${parts.length} parts`);
    for (const series of [pieces, parts]) {
      for (let k = 1; k < series.length; k++) {
        const [before, after] = [series[k - 1], series[k]];
        assert.ok(
          (after?.turn ?? 0) > (before?.turn ?? 0),
          `two ${after?.kind} messages in turn ${after?.turn}`,
        );
      }
    }
  });
});
