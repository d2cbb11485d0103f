import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  DefinitionRequest,
  DocumentDiagnosticRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  LSPErrorCodes,
} from 'vscode-languageserver-protocol';
import { SummaryRequest } from '../../server/src/protocol/requests';
import { seed, TestServer } from '../support/languageServer';

const TIMEOUT = { timeout: 30_000 };

test('requests for a document that was never opened answer null or nothing', TIMEOUT, async (t) => {
  const server = TestServer.spawn();
  t.after(() => server.dispose());
  await server.initialize();
  const textDocument = { uri: 'file:///nowhere/never-opened.txt' };
  const position = { line: 0, character: 0 };
  const range = { start: position, end: position };
  const { connection } = server;
  assert.deepEqual(await connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
  assert.deepEqual(await connection.sendRequest(FoldingRangeRequest.type, { textDocument }), []);
  assert.equal(await connection.sendRequest(HoverRequest.type, { textDocument, position }), null);
  assert.equal(await connection.sendRequest(DefinitionRequest.type, { textDocument, position }), null);
  assert.deepEqual(
    await connection.sendRequest(CodeActionRequest.type, {
      textDocument,
      range,
      context: { diagnostics: [] },
    }),
    [],
  );
  assert.equal(await connection.sendRequest(SummaryRequest.type, { textDocument }), null);
  assert.deepEqual(await connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument }), {
    kind: 'full',
    items: [],
  });
  assert.deepEqual(await server.shutdown(), { code: 0, signal: null });
});

test(
  'a request cancelled while the server waits for settings answers RequestCancelled',
  TIMEOUT,
  async (t) => {
    const server = TestServer.spawn();
    t.after(() => server.dispose());
    await server.initialize();
    const { uri, text } = seed('000_94ff8a5dc515caf5.txt');
    await server.open(uri, text);
    // The first request for a document waits for workspace/configuration; the cancellation, sent
    // right behind the request, reaches the server before the client's answer to that.
    const source = new CancellationTokenSource();
    const pending = server.connection.sendRequest(
      DocumentSymbolRequest.type,
      { textDocument: { uri } },
      source.token,
    );
    source.cancel();
    await assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, LSPErrorCodes.RequestCancelled);
      return true;
    });
    const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    });
    assert.ok(symbols && symbols.length > 0, 'the next request is answered');
    assert.deepEqual(await server.shutdown(), { code: 0, signal: null });
  },
);

test('exit without shutdown ends the process with status 1', TIMEOUT, async (t) => {
  const server = TestServer.spawn();
  t.after(() => server.dispose());
  await server.initialize();
  await server.connection.sendNotification('exit');
  assert.deepEqual(await server.exited, { code: 1, signal: null });
});
