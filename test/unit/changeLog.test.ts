import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyChanges, ChangeLog, composeChanges } from '../../server/src/changeLog';
import { PieceDocument } from '../../server/src/pieceDocument';
import type { KnownChange } from '../../server/src/core/textDiff';
import { seededRandom } from '../support/random';
import { allFixtures, readFixture } from '../support/fixtures';

/*
 * The server tells re-analysis where a `didChange` changed the text (server/src/changeLog.ts), so
 * that it need not compare two long texts to find out. What it tells must hold: outside the change,
 * the texts before and after agree. Checked here on seeded random changes, several to an event and
 * several events in a row, against the texts themselves.
 */

const INSERTS = ['', 'x', 'good', '\n', '\r\n', 'two\nlines', ' ', '’'];

/** A random incremental change to `document`: a range (either way round, sometimes past the end) and a text. */
function randomChange(
  document: TextDocument | PieceDocument,
  next: () => number,
): TextDocumentContentChangeEvent {
  const position = () => ({
    line: Math.floor(next() * (document.lineCount + 1)),
    character: Math.floor(next() * 90),
  });
  const text = INSERTS[Math.floor(next() * INSERTS.length)] ?? '';
  return { range: { start: position(), end: position() }, text };
}

/** True when `before` and `after` agree outside `change`. */
function holds(change: KnownChange, before: string, after: string): boolean {
  return (
    change.from <= change.oldTo &&
    change.from <= change.newTo &&
    before.slice(0, change.from) === after.slice(0, change.from) &&
    before.slice(change.oldTo) === after.slice(change.newTo)
  );
}

describe('change log: where didChange changed the text', () => {
  const text = readFixture(allFixtures()[0] ?? assert.fail('a fixture')).slice(0, 20_000);

  test('each event, of one change or several, as one change that holds', () => {
    const next = seededRandom(11);
    let document = new PieceDocument('file:///a.txt', 'plaintext', 1, text);
    // The same events given to TextDocument.update at once, on a document with the same history.
    let reference = TextDocument.create('file:///b.txt', 'plaintext', 1, text);
    let known = 0;
    for (let k = 0; k < 300; k++) {
      const before = document.getText();
      const changes = Array.from({ length: 1 + Math.floor(next() * 3) }, () => randomChange(document, next));
      reference = TextDocument.update(reference, changes, k + 2);
      const applied = applyChanges(document, changes, k + 2);
      document = applied.document;
      assert.equal(
        document.getText(),
        reference.getText(),
        `event ${k}: the text as TextDocument.update makes it`,
      );
      assert.equal(document.version, k + 2);
      if (!applied.change) continue;
      known++;
      assert.ok(
        holds(applied.change, before, document.getText()),
        `event ${k}: ${JSON.stringify(applied.change)}`,
      );
    }
    // Ranges past the end of the text, with CRLF pairs, can leave TextDocument's line offsets wrong
    // (offsetAt gives NaN): such a change is not known. The others are.
    assert.ok(known >= 270, `${known} of 300 known`);
  });

  test('updating a document through the log records each version it goes through', () => {
    const log = new ChangeLog();
    const next = seededRandom(5);
    let document = new PieceDocument('file:///a.txt', 'plaintext', 7, text);
    const texts = new Map<number, string>([[7, text]]);
    for (let version = 8; version <= 20; version++) {
      document = log.update(document, [randomChange(document, next)], version);
      assert.equal(document.version, version);
      texts.set(version, document.getText());
      const change = log.between(document.uri, version - 1, version);
      assert.ok(change, `${version - 1} to ${version}`);
      assert.ok(
        holds(change, texts.get(version - 1) ?? '', document.getText()),
        `${version - 1} to ${version}`,
      );
    }
    const all = log.between(document.uri, 7, 20);
    assert.ok(all && holds(all, text, document.getText()), '7 to 20');
  });

  test('a whole-text change is not known', () => {
    const document = new PieceDocument('file:///a.txt', 'plaintext', 1, 'one\ntwo');
    const changes = [
      { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, text: 'x' },
      { text: 'new' },
    ];
    const applied = applyChanges(document, changes, 2);
    assert.equal(applied.document.getText(), 'new');
    assert.equal(applied.change, undefined);
  });

  test('changes composed over many events hold between the first text and the last', () => {
    const next = seededRandom(23);
    let document = new PieceDocument('file:///a.txt', 'plaintext', 1, text);
    const log = new ChangeLog();
    const texts = new Map<number, string>([[1, text]]);
    for (let version = 2; version <= 120; version++) {
      const before = document.version;
      const applied = applyChanges(document, [randomChange(document, next)], version);
      document = applied.document;
      log.record(document.uri, before, version, applied.change);
      texts.set(version, document.getText());
    }
    for (const [from, to] of [
      [1, 120],
      [1, 2],
      [37, 38],
      [50, 99],
      [5, 5],
    ] as const) {
      const change = log.between(document.uri, from, to);
      if (from === to) {
        assert.equal(change, undefined, 'no step from a version to itself');
        continue;
      }
      assert.ok(change, `${from} to ${to}`);
      assert.ok(holds(change, texts.get(from) ?? '', texts.get(to) ?? ''), `${from} to ${to}`);
    }
  });

  test('composing two changes', () => {
    // "abcdef": "cd" becomes "XYZ" (abXYZef), then "Ze" becomes "" (abXYf).
    const first = { from: 2, oldTo: 4, newTo: 5 };
    const second = { from: 4, oldTo: 6, newTo: 4 };
    assert.deepEqual(composeChanges(first, second), { from: 2, oldTo: 5, newTo: 4 });
    assert.ok(holds(composeChanges(first, second), 'abcdef', 'abXYf'));
  });

  test('steps are kept until the version after them is analysed, and forgotten on close', () => {
    const log = new ChangeLog();
    const uri = 'file:///a.txt';
    log.record(uri, 1, 2, { from: 0, oldTo: 0, newTo: 1 });
    log.record(uri, 2, 3, { from: 5, oldTo: 5, newTo: 6 });
    log.record(uri, 3, 4, undefined);
    log.record(uri, 4, 5, { from: 1, oldTo: 2, newTo: 2 });
    // One character typed at 0, then one at 5 of that text (at 4 of the first).
    assert.deepEqual(log.between(uri, 1, 3), { from: 0, oldTo: 4, newTo: 6 });
    assert.equal(log.between(uri, 1, 4), undefined, 'a step not known');
    assert.equal(log.between(uri, 1, 9), undefined, 'a version never reached');
    assert.equal(log.between(uri, 7, 8), undefined, 'a version never recorded');
    assert.deepEqual(log.between(uri, 4, 5), { from: 1, oldTo: 2, newTo: 2 });
    log.analysed(uri, 2);
    assert.equal(log.between(uri, 1, 3), undefined, 'dropped once version 2 is analysed');
    assert.deepEqual(log.between(uri, 2, 3), { from: 5, oldTo: 5, newTo: 6 });
    log.forget(uri);
    assert.equal(log.between(uri, 4, 5), undefined);
  });

  test('a document edited long without a request keeps a bounded log', () => {
    const log = new ChangeLog();
    const uri = 'file:///a.txt';
    for (let version = 1; version <= 10_000; version++)
      log.record(uri, version, version + 1, { from: 0, oldTo: 0, newTo: 1 });
    assert.equal(log.between(uri, 1, 2), undefined, 'the oldest steps are dropped');
    assert.deepEqual(log.between(uri, 9_000, 9_002), { from: 0, oldTo: 0, newTo: 2 });
  });
});
