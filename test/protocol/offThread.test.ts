import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  type Diagnostic,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
  DocumentSymbolRequest,
} from 'vscode-languageserver-protocol';
import { OFF_THREAD_MIN_LENGTH } from '../../server/src/analysis/offThread';
import { analyse } from '../../server/src/core/analyse';
import { diagnostics } from '../../server/src/handlers/diagnostics';
import { documentSymbols } from '../../server/src/handlers/symbols';
import { analyseOptions } from '../../server/src/documents';
import { sanitizeSettings } from '../../server/src/protocol/settings';
import { allFixtures, readFixture } from '../support/fixtures';
import { seed, TestServer } from '../support/languageServer';

/*
 * Documents of OFF_THREAD_MIN_LENGTH characters or more are analysed in the server's worker thread:
 * requests on other documents are answered meanwhile, and the results are the same as an analysis
 * on the main thread (the line index is rebuilt from the text on return).
 */

const TIMEOUT = { timeout: 60_000 };
const SMALL = seed('000_94ff8a5dc515caf5.txt');
const SETTINGS = sanitizeSettings(undefined).settings;
const BIG_URI = 'file:///workspace/corpus-concatenated.report.txt';

/** The corpus reports one after another, to just over the worker threshold. */
function largeReport(): string {
  const texts = allFixtures().map(readFixture);
  let text = '';
  for (let k = 0; text.length < OFF_THREAD_MIN_LENGTH * 1.5; k++)
    text += `${texts[k % texts.length] ?? ''}\n`;
  return text;
}

describe('large documents are analysed off the main thread', TIMEOUT, () => {
  const big = largeReport();
  let server: TestServer;

  before(async () => {
    server = TestServer.spawn();
    await server.initialize();
    await server.open(SMALL.uri, SMALL.text);
  });

  after(async () => {
    await server.shutdown();
  });

  test('a request on a small report is answered while a large one is analysed', async () => {
    await server.open(BIG_URI, big);
    const order: string[] = [];
    const bigSymbols = server.connection
      .sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: BIG_URI } })
      .then((symbols) => {
        order.push('large');
        return symbols;
      });
    const small = server.connection
      .sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: SMALL.uri } })
      .then((result) => {
        order.push('small');
        return result;
      });
    const [symbols, smallSymbols] = await Promise.all([bigSymbols, small]);
    assert.deepEqual(order, ['small', 'large']);
    assert.ok(Array.isArray(smallSymbols) && smallSymbols.length > 0, 'the small report has symbols');
    assert.ok(Array.isArray(symbols) && symbols.length > 0, 'the large report has symbols');
  });

  test('the worker gives the same symbols and diagnostics as an analysis on the main thread', async () => {
    const expected = analyse(big, analyseOptions(SETTINGS));
    const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: BIG_URI },
    });
    assert.deepEqual(symbols, documentSymbols(expected.model));
    const report: DocumentDiagnosticReport = await server.connection.sendRequest(
      DocumentDiagnosticRequest.type,
      { textDocument: { uri: BIG_URI } },
    );
    assert.equal(report.kind, 'full');
    // The README link depends on where the server runs from; everything else must be equal.
    const withoutLinks = (items: readonly Diagnostic[]) =>
      items.map(({ codeDescription: _, ...rest }) => rest);
    assert.deepEqual(withoutLinks(report.items), withoutLinks(diagnostics(BIG_URI, expected, SETTINGS)));
  });

  test('an edit to the large report is analysed again, and the old version is not shown', async () => {
    const edited = `${big.slice(0, 200)}Grade 9 (nonsense)\n${big.slice(200)}`;
    await server.change(BIG_URI, 2, [{ text: edited }]);
    const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: BIG_URI },
    });
    assert.deepEqual(symbols, documentSymbols(analyse(edited, analyseOptions(SETTINGS)).model));
  });
});
