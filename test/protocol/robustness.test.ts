import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  DefinitionRequest,
  type DocumentSymbol,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { SummaryRequest } from '../../server/src/protocol/requests';
import { lineOf, ROOT, seed, startServerForSuite, TestServer } from '../support/languageServer';
import { flattenSymbols } from '../support/symbols';

/*
 * The server survives (issue 5, item 3): a request whose handler throws is answered with an error
 * and the server goes on serving; malformed notifications are ignored; a document closed (or closed
 * and reopened) while its request waits is answered for what is open then. No test hook is needed:
 * malformed parameters make the real handlers throw.
 */

const TIMEOUT = { timeout: 30_000 };
const SEED = seed('000_94ff8a5dc515caf5.txt');
const GRADE_LINE = lineOf(SEED.text, 'Grade 4 (inadequate)');

async function rejectsWithInternalError(pending: Promise<unknown>, method: string): Promise<void> {
  await assert.rejects(pending, (error: unknown) => {
    assert.ok(error instanceof ResponseError, `${method}: a response error`);
    assert.equal(error.code, ErrorCodes.InternalError, `${method}: ${error.message}`);
    assert.match(error.message, new RegExp(method.replace(/\//g, '\\/')));
    return true;
  });
}

async function symbolsOf(server: TestServer, uri: string): Promise<DocumentSymbol[]> {
  return ((await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) ??
    []) as DocumentSymbol[];
}

describe('a server that meets bad requests', () => {
  let server: TestServer;
  before(async () => {
    server = TestServer.spawn();
    await server.initialize();
    await server.open(SEED.uri, SEED.text);
  }, TIMEOUT);
  after(() => server.dispose());

  test('handlers that throw answer an error, and the next request is served', TIMEOUT, async () => {
    const { connection } = server;
    const textDocument = { uri: SEED.uri };
    const good = await symbolsOf(server, SEED.uri);
    assert.ok(good.length > 0);

    // A position that is not a position (the hover handler throws inside the analysis lookup).
    await rejectsWithInternalError(
      connection.sendRequest('textDocument/hover', { textDocument, position: null }),
      'textDocument/hover',
    );
    // No text document at all (the handler throws before anything is looked up).
    await rejectsWithInternalError(
      connection.sendRequest(SummaryRequest.method, { textDocument: null }),
      SummaryRequest.method,
    );
    await rejectsWithInternalError(
      connection.sendRequest('textDocument/documentSymbol', {}),
      'textDocument/documentSymbol',
    );
    // A code-action request without its context.
    await rejectsWithInternalError(
      connection.sendRequest('textDocument/codeAction', { textDocument, range: null, context: null }),
      'textDocument/codeAction',
    );

    // Odd but harmless parameters are answered normally.
    assert.deepEqual(
      await connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: 'not a uri' } }),
      [],
    );
    assert.equal(
      await connection.sendRequest(HoverRequest.type, {
        textDocument,
        position: { line: -5, character: 1e9 },
      }),
      null,
    );
    assert.equal(
      await connection.sendRequest(DefinitionRequest.type, {
        textDocument,
        position: { line: 1e9, character: -1 },
      }),
      null,
    );

    // Unknown methods are refused, not fatal.
    await assert.rejects(connection.sendRequest('inspectionReport/noSuchThing', {}), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, ErrorCodes.MethodNotFound);
      return true;
    });

    // Still serving: the same answers as before, a hover that works, and a live process.
    assert.deepEqual(await symbolsOf(server, SEED.uri), good);
    const hover = await connection.sendRequest(HoverRequest.type, {
      textDocument,
      position: { line: GRADE_LINE, character: 3 },
    });
    assert.match((hover?.contents as MarkupContent | undefined)?.value ?? '', /Inadequate/);
    assert.equal(server.child.exitCode, null);
  });

  test('malformed notifications are ignored, and the server keeps serving', TIMEOUT, async () => {
    const { connection } = server;
    const uri = pathToFileURL(path.join(ROOT, 'odd.report.txt')).href;
    // Changes to a document that is not open, a range far outside the text, a version going back.
    await server.change('file:///never/opened.txt', 2, [{ text: 'x' }]);
    await server.open(uri, 'Overall effectiveness\n\nGrade 2 (good)\n');
    await server.change(uri, 2, [
      { range: { start: { line: 999, character: 999 }, end: { line: 1000, character: 0 } }, text: '\nTail' },
    ]);
    await server.change(uri, 1, [
      { range: { start: { line: -3, character: -1 }, end: { line: 0, character: 0 } }, text: '' },
    ]);
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///broken.txt' },
    });
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri },
      contentChanges: null,
    });
    await server.close('file:///never/opened.txt');
    await connection.sendNotification('inspectionReport/noSuchNotification', { anything: true });

    const symbols = await symbolsOf(server, uri);
    assert.ok(Array.isArray(symbols));
    assert.ok((await symbolsOf(server, SEED.uri)).length > 0);
    assert.equal(server.child.exitCode, null);
    await server.close(uri);
  });
});

describe('documents that are not files', () => {
  let server: TestServer;
  startServerForSuite(TIMEOUT, (started) => (server = started));

  // Virtual file systems and unsaved editors: the server reads nothing from disk, so any scheme works.
  for (const uri of [
    'untitled:Untitled-1',
    'vscode-vfs://github/owner/repo/reports/report.txt',
    'vscode-remote://ssh-remote+host/home/reports/report.txt',
    'memfs:/reports/r%C3%A9port%20%231.txt',
  ])
    test(uri, TIMEOUT, async () => {
      await server.open(uri, SEED.text);
      assert.ok((await symbolsOf(server, uri)).length > 0);
      const summary = await server.connection.sendRequest(SummaryRequest.type, { textDocument: { uri } });
      assert.equal(summary?.uri, uri);
      await server.close(uri);
    });
});

describe('documents closed while a request waits', () => {
  let server: TestServer;
  startServerForSuite(TIMEOUT, (started) => (server = started));

  // The first request for a document waits for workspace/configuration; a close sent right behind
  // the request reaches the server before the client's answer, so it lands mid-request.
  test('closed: every request is answered empty, none fails', TIMEOUT, async () => {
    const { connection } = server;
    const requests: [string, (uri: string) => Promise<unknown>, unknown][] = [
      ['symbols', (uri) => connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }), []],
      ['folding', (uri) => connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } }), []],
      [
        'hover',
        (uri) =>
          connection.sendRequest(HoverRequest.type, {
            textDocument: { uri },
            position: { line: GRADE_LINE, character: 3 },
          }),
        null,
      ],
      ['summary', (uri) => connection.sendRequest(SummaryRequest.type, { textDocument: { uri } }), null],
      [
        'code actions',
        (uri) =>
          connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            context: { diagnostics: [] },
          }),
        [],
      ],
    ];
    for (const [name, send, empty] of requests) {
      const uri = pathToFileURL(path.join(ROOT, `closed-${name.replace(/\W/g, '-')}.report.txt`)).href;
      await server.open(uri, SEED.text);
      const pending = send(uri);
      await server.close(uri);
      assert.deepEqual(await pending, empty, name);
    }
    // Open, the same document has symbols: the empty answers above came from the close.
    const uri = pathToFileURL(path.join(ROOT, 'closed-symbols.report.txt')).href;
    await server.open(uri, SEED.text);
    assert.ok((await symbolsOf(server, uri)).length > 0);
    assert.equal(server.child.exitCode, null);
  });

  test('closed and reopened with other text: the answer is for the text open now', TIMEOUT, async () => {
    const other = readFileSync(path.join(ROOT, 'seeds', '003_2bd92043d0a643b7.txt'), 'utf8');
    const uri = pathToFileURL(path.join(ROOT, 'reopened.report.txt')).href;
    await server.open(uri, SEED.text, 1);
    const pending = server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    await server.close(uri);
    await server.open(uri, other, 1);
    const answered = ((await pending) ?? []) as DocumentSymbol[];
    const fresh = await symbolsOf(server, uri);
    assert.deepEqual(
      flattenSymbols(answered).map(({ symbol }) => symbol.name),
      flattenSymbols(fresh).map(({ symbol }) => symbol.name),
    );
    const lines = other.split(/\r?\n/).length;
    for (const { symbol } of flattenSymbols(answered)) assert.ok(symbol.range.end.line <= lines, symbol.name);
  });
});
