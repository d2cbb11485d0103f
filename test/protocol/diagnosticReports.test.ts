import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Diagnostic,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import { lineOf, rangeOn, seed, TestServer } from '../support/languageServer';

const TIMEOUT = { timeout: 30_000 };
const SEED = seed('000_94ff8a5dc515caf5.txt');
const { uri } = SEED;
const GRADE_LINE = lineOf(SEED.text, 'Overall effectiveness', 0) + 2;
/** Seed 000 with its first overall grade line made inconsistent: "Grade 2 (inadequate)". */
const text = SEED.text
  .split('\n')
  .map((line, i) => (i === GRADE_LINE ? line.replace('Grade 4', 'Grade 2') : line))
  .join('\n');
const PROSE_LINE = text.split('\n').findIndex((line) => line.startsWith('13. The work of the NSCB'));

function full(report: DocumentDiagnosticReport): { resultId: string; items: Diagnostic[] } {
  assert.equal(report.kind, 'full', JSON.stringify(report).slice(0, 200));
  assert.ok(report.resultId);
  return { resultId: report.resultId, items: report.items };
}

describe('pull diagnostics: unchanged when the client already holds the answer', () => {
  let server: TestServer;
  let version = 1;
  const pull = (previousResultId?: string) =>
    server.connection.sendRequest(DocumentDiagnosticRequest.type, {
      textDocument: { uri },
      ...(previousResultId !== undefined ? { previousResultId } : {}),
    });

  before(async () => {
    server = TestServer.spawn();
    await server.initialize();
    await server.open(uri, text, version);
  }, TIMEOUT);

  after(() => server.dispose());

  test(
    'an edit that changes no diagnostic answers unchanged; one that moves or ends one answers in full',
    TIMEOUT,
    async () => {
      const first = full(await pull());
      const mismatch = first.items.filter((d) => d.code === 'grade-label-mismatch');
      assert.equal(mismatch.length, 1);
      assert.equal(mismatch[0]?.range.start.line, GRADE_LINE);
      assert.equal(mismatch[0]?.range.start.character, 0);

      assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });

      // Typing in a paragraph: a new version, the same diagnostics.
      assert.ok(PROSE_LINE > GRADE_LINE);
      await server.change(uri, ++version, [
        { range: rangeOn(text, PROSE_LINE, 'independent'), text: 'independent and able' },
      ]);
      assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
      // What the client holds is what a client asking afresh gets.
      const afresh = full(await pull());
      assert.deepEqual(afresh.items, first.items);
      assert.notEqual(afresh.resultId, first.resultId, 'a full report names the new analysis');
      assert.deepEqual(await pull(afresh.resultId), { kind: 'unchanged', resultId: afresh.resultId });

      // A space before the grade moves the finding one character: the whole list again.
      await server.change(uri, ++version, [
        {
          range: { start: { line: GRADE_LINE, character: 0 }, end: { line: GRADE_LINE, character: 0 } },
          text: ' ',
        },
      ]);
      const moved = full(await pull(afresh.resultId));
      assert.notEqual(moved.resultId, afresh.resultId);
      const movedMismatch = moved.items.filter((d) => d.code === 'grade-label-mismatch');
      assert.equal(movedMismatch[0]?.range.start.character, 1);
      // A client holding an older report than the last one sent gets the full list, not "unchanged".
      assert.equal((await pull(first.resultId)).kind, 'full');

      // Repairing the grade ends the finding.
      await server.change(uri, ++version, [
        {
          range: { start: { line: GRADE_LINE, character: 1 }, end: { line: GRADE_LINE, character: 8 } },
          text: 'Grade 4',
        },
      ]);
      const repaired = full(await pull(moved.resultId));
      assert.deepEqual(
        repaired.items.filter((d) => d.code === 'grade-label-mismatch'),
        [],
      );
    },
  );

  test('a document closed and opened again starts afresh', TIMEOUT, async () => {
    await server.close(uri);
    await server.open(uri, text, ++version);
    const opened = full(await pull());
    await server.close(uri);
    await server.open(uri, text, ++version);
    // The same text, but a reopened document's client holds nothing: the full list.
    const reopened = full(await pull(opened.resultId));
    assert.deepEqual(reopened.items, opened.items);
  });
});
