import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import {
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
  DocumentSymbolRequest,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { allFixtures, readFixture } from '../support/fixtures';
import { startServerForSuite, TestServer } from '../support/languageServer';
import { seededRandom } from '../support/random';

/*
 * Typing through the real server: after each change notification the server re-analyses from an
 * earlier version's analysis when it can, told where the text changed (server/src/changeLog.ts,
 * core/edits.ts). Whatever path it takes, what it answers for the typed document must be what it
 * answers for the same text opened afresh. Seeded random typing at line ends in the second half of
 * a corpus report (where most edits are re-analysed from the previous one), some notifications
 * holding two changes, and requests after only some of them, so that changes since the analysed
 * version are composed.
 */

const TIMEOUT = { timeout: 60_000 };
const fixture = allFixtures().find((f) => f.name.includes('CLA_Kent'));
assert.ok(fixture, 'the Kent fixture');
/** The report with its last grade line made wrong ("Grade 2 (Adequate)"): findings after the typing. */
const TEXT = ((text: string) => {
  const at = text.lastIndexOf('Grade 3 (Adequate)');
  assert.ok(at > text.length / 2, 'a grade line in the second half');
  return `${text.slice(0, at)}Grade 2${text.slice(at + 'Grade 3'.length)}`;
})(readFixture(fixture));
const TYPED = pathToFileURL('/typing/typed.report.txt').href;
const FRESH = pathToFileURL('/typing/fresh.report.txt').href;

/** A change at the end of a random line in the second half of `document`: text typed, or the last character removed. */
function typing(document: TextDocument, next: () => number): TextDocumentContentChangeEvent {
  const half = document.lineCount >> 1;
  const line = half + Math.floor(next() * (document.lineCount - half));
  const end = document.positionAt(
    line + 1 < document.lineCount
      ? document.offsetAt({ line: line + 1, character: 0 }) - 1
      : document.getText().length,
  );
  const words = ['x', ' good', ' inadequate.', 'e', ' Grade 3'];
  if (next() < 0.3 && end.character > 0)
    return { range: { start: { line, character: end.character - 1 }, end }, text: '' };
  return { range: { start: end, end }, text: words[Math.floor(next() * words.length)] ?? 'x' };
}

describe('typing in a report answers as the same text opened afresh', () => {
  let server: TestServer;
  startServerForSuite(TIMEOUT, (started) => (server = started));

  const symbols = (uri: string) =>
    server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  const diagnostics = async (uri: string) => {
    const report: DocumentDiagnosticReport = await server.connection.sendRequest(
      DocumentDiagnosticRequest.type,
      {
        textDocument: { uri },
      },
    );
    assert.equal(report.kind, 'full');
    // Related places name the document: compare them as if both were the typed one.
    return JSON.parse(JSON.stringify(report.items).replaceAll(FRESH, TYPED)) as unknown;
  };

  test('60 notifications of typing, checked after some of them and at the end', TIMEOUT, async () => {
    const next = seededRandom(41);
    // The client's copy of the document, to place each change and to know the text typed.
    let mirror = TextDocument.create(TYPED, 'inspection-report', 1, TEXT);
    await server.open(TYPED, TEXT, 1);
    await symbols(TYPED);
    const found = (await diagnostics(TYPED)) as { code?: unknown }[];
    assert.ok(
      found.some((d) => d.code === 'grade-label-mismatch'),
      'the wrong grade is found before the typing',
    );
    let checked = 0;
    for (let version = 2; version <= 61; version++) {
      const changes: TextDocumentContentChangeEvent[] = [];
      for (let k = next() < 0.25 ? 2 : 1; k > 0; k--) {
        const change = typing(mirror, next);
        changes.push(change);
        mirror = TextDocument.update(mirror, [change], version);
      }
      await server.change(TYPED, version, changes);
      if (next() < 0.5 && version < 61) continue;
      // Now and then, the same text opened afresh: the answers must be the same.
      await server.open(FRESH, mirror.getText(), 1);
      assert.deepEqual(await symbols(TYPED), await symbols(FRESH), `version ${version}: document symbols`);
      assert.deepEqual(await diagnostics(TYPED), await diagnostics(FRESH), `version ${version}: diagnostics`);
      await server.close(FRESH);
      checked++;
    }
    assert.ok(checked >= 20, `${checked} versions checked`);
  });
});
