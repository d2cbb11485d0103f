import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Position, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceDocument } from '../../server/src/pieceDocument';
import { allFixtures, readFixture } from '../support/fixtures';
import { seededRandom } from '../support/random';

/*
 * The server keeps open documents as PieceDocuments (text in pieces, no copy per edit). Everything
 * a TextDocument answers must be the same after the same changes: text, positions, offsets, line
 * ranges, even where TextDocument's line offsets go wrong (ranges past the end with CRLF pairs).
 */

const INSERTS = [
  '',
  'x',
  'good',
  '\n',
  '\r\n',
  '\r',
  'two\nlines',
  ' ',
  '’',
  'a longer insertion of text, more than sixty-four characters in all........',
];

describe('PieceDocument answers as TextDocument does', () => {
  const original = readFixture(allFixtures()[0] ?? assert.fail('a fixture')).slice(0, 30_000);

  for (const [seed, text] of [
    [3, original],
    [4, original.replace(/\n/g, '\r\n')],
    [5, 'short\r\ntext\rwith\nbreaks'],
  ] as const) {
    test(`after 400 events of random changes (seed ${seed})`, () => {
      const next = seededRandom(seed);
      const pieces = new PieceDocument('file:///a.txt', 'plaintext', 1, text);
      let reference = TextDocument.create('file:///a.txt', 'plaintext', 1, text);
      const position = (): Position => ({
        line: Math.floor(next() * (reference.lineCount + 2)) - 1,
        character: Math.floor(next() * 100) - 2,
      });
      for (let k = 0; k < 400; k++) {
        const changes: TextDocumentContentChangeEvent[] = Array.from(
          { length: 1 + Math.floor(next() * 3) },
          () =>
            next() < 0.01
              ? { text: 'replaced\r\nwhole' }
              : {
                  range: { start: position(), end: position() },
                  text: INSERTS[Math.floor(next() * INSERTS.length)] ?? '',
                },
        );
        reference = TextDocument.update(reference, changes, k + 2);
        pieces.update(changes, k + 2);
        const where = `event ${k}`;
        assert.equal(pieces.getText(), reference.getText(), `${where}: text`);
        assert.equal(pieces.version, reference.version, `${where}: version`);
        assert.equal(pieces.lineCount, reference.lineCount, `${where}: line count`);
        for (let r = 0; r < 10; r++) {
          const p = position();
          assert.equal(pieces.offsetAt(p), reference.offsetAt(p), `${where}: offsetAt ${JSON.stringify(p)}`);
          const offset = Math.floor(next() * (reference.getText().length + 4)) - 2;
          assert.deepEqual(
            pieces.positionAt(offset),
            reference.positionAt(offset),
            `${where}: positionAt ${offset}`,
          );
          const range = { start: position(), end: position() };
          assert.equal(
            pieces.getText(range),
            reference.getText(range),
            `${where}: getText ${JSON.stringify(range)}`,
          );
          const line = p.line;
          assert.deepEqual(
            pieces.getLineRange(line),
            reference.getLineRange(line),
            `${where}: line range ${line}`,
          );
          assert.equal(
            pieces.getEOLCharacters(line),
            reference.getEOLCharacters(line),
            `${where}: EOL ${line}`,
          );
        }
      }
    });
  }
});
