import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { CancellationTokenSource, ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import {
  DocumentDiagnosticRequest,
  LSPErrorCodes,
  type SymbolInformation,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import {
  AnalysedNotification,
  MAX_SUMMARISE_TEXT_LENGTH,
  type ReportSummary,
  SummariseTextRequest,
  SummaryRequest,
} from '../../server/src/protocol/requests';
import { HOSTILE, HOSTILE_JUDGEMENTS, hostileText } from '../support/hostile';
import { ROOT, seed, startServerForSuite, TestServer } from '../support/languageServer';

/*
 * `inspectionReport/summariseText` over JSON-RPC against the built server: the Compare Reports
 * view sends the text of workspace files that are not open and gets the summary an open document
 * with that text would get. Nothing stays behind in the server; cancellation and odd input are
 * answered clearly.
 */

const TIMEOUT = { timeout: 60_000 };
const SEEDS = readdirSync(`${ROOT}/seeds`)
  .filter((name) => name.endsWith('.txt'))
  .sort();

function summarise(server: TestServer, uri: string, text: string): Promise<ReportSummary> {
  return server.connection.sendRequest(SummariseTextRequest.type, { uri, text });
}

async function rejectsWith(pending: Promise<unknown>, code: number, message?: RegExp): Promise<void> {
  await assert.rejects(pending, (error: unknown) => {
    assert.ok(error instanceof ResponseError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('summarising a text that is not open', () => {
  let server: TestServer;
  startServerForSuite(TIMEOUT, (started) => (server = started));

  test('gives the summary opening the same text gives (version 0)', TIMEOUT, async () => {
    for (const name of SEEDS) {
      const { uri, text } = seed(name);
      const fromText = await summarise(server, uri, text);
      assert.equal(fromText.version, 0);
      await server.open(uri, text, 7);
      const opened = await server.connection.sendRequest(SummaryRequest.type, { textDocument: { uri } });
      await server.close(uri);
      assert.ok(opened, name);
      assert.deepEqual({ ...fromText, version: 7 }, opened, name);
    }
  });

  test('leaves nothing cached: no document, no analysis notice, no settings', TIMEOUT, async () => {
    const { text } = seed(SEEDS[0] ?? '');
    const uri = 'file:///not/open/kept.txt';
    const asked = server.configurationRequests.length;
    const before = server.notifications.length;
    for (let i = 0; i < 3; i++) assert.ok((await summarise(server, uri, text)).parts.length > 0);
    // Settings are asked for each time: none were kept for a document that is not open.
    assert.equal(server.configurationRequests.length, asked + 3);
    assert.ok(
      server.configurationRequests.slice(asked).every((request) => request.items[0]?.scopeUri === uri),
    );
    const notices = server.notifications
      .slice(before)
      .filter((n) => n.method === AnalysedNotification.method);
    assert.deepEqual(notices, [], 'no analysis announced: no view refreshes for it');
    assert.equal(await server.connection.sendRequest(SummaryRequest.type, { textDocument: { uri } }), null);
    const symbols = (await server.connection.sendRequest(WorkspaceSymbolRequest.type, {
      query: '',
    })) as SymbolInformation[];
    assert.deepEqual(
      symbols.filter((symbol) => symbol.location.uri === uri),
      [],
    );
    assert.deepEqual(
      await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }),
      { kind: 'full', items: [] },
    );
  });

  test('leaves an open document with the same URI alone', TIMEOUT, async () => {
    const { uri, text } = seed(SEEDS[0] ?? '');
    await server.open(uri, text, 3);
    const openSummary = await server.connection.sendRequest(SummaryRequest.type, { textDocument: { uri } });
    const other = await summarise(server, uri, 'Overall effectiveness\tGood\n');
    assert.notDeepEqual(other.parts, openSummary?.parts);
    assert.deepEqual(
      await server.connection.sendRequest(SummaryRequest.type, { textDocument: { uri } }),
      openSummary,
    );
    await server.close(uri);
  });

  test('a cancelled request answers RequestCancelled, and the next is served', TIMEOUT, async () => {
    const { uri, text } = seed(SEEDS[0] ?? '');
    // The request waits for workspace/configuration; the cancellation, sent right behind it,
    // reaches the server before the client's answer to that.
    const source = new CancellationTokenSource();
    const pending = server.connection.sendRequest(SummariseTextRequest.type, { uri, text }, source.token);
    source.cancel();
    await rejectsWith(pending, LSPErrorCodes.RequestCancelled);
    assert.ok((await summarise(server, uri, text)).parts.length > 0);
  });

  test('the hostile report’s strings come back as written', TIMEOUT, async () => {
    const summary = await summarise(server, 'file:///hostile.txt', hostileText());
    assert.equal(summary.subject, HOSTILE.subject);
    assert.deepEqual(
      summary.parts.flatMap((part) => part.judgements.map((judgement) => judgement.name)),
      HOSTILE_JUDGEMENTS,
    );
  });

  test('empty, binary and control-character text: a summary with no judgements', TIMEOUT, async () => {
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    for (const [what, text] of [
      ['empty', ''],
      ['binary', binary],
      ['NUL bytes', '\u0000'.repeat(1000)],
      ['escape sequences', '\u001b[2J\u001b]0;title\u0007'.repeat(50)],
      ['lone surrogates', '\ud800\udfff\ud800 '.repeat(100)],
    ] as const) {
      const summary = await summarise(server, `file:///${what.replace(/ /g, '-')}.txt`, text);
      assert.equal(summary.version, 0, what);
      assert.ok(Array.isArray(summary.parts), what);
      assert.equal(
        summary.parts.reduce((n, part) => n + part.judgements.length, 0),
        0,
        `${what}: no judgements`,
      );
      assert.equal(
        summary.distribution.reduce((n, grade) => n + grade.count, 0),
        0,
        what,
      );
    }
  });

  test('malformed or oversized params answer InvalidParams with the reason', TIMEOUT, async () => {
    const { connection } = server;
    await rejectsWith(
      connection.sendRequest(SummariseTextRequest.method, { text: 'x' }),
      ErrorCodes.InvalidParams,
      /uri/,
    );
    await rejectsWith(
      connection.sendRequest(SummariseTextRequest.method, { uri: 'file:///a.txt', text: 42 }),
      ErrorCodes.InvalidParams,
      /text must be a string/,
    );
    await rejectsWith(connection.sendRequest(SummariseTextRequest.method, null), ErrorCodes.InvalidParams);
    await rejectsWith(
      summarise(server, 'file:///big.txt', 'a'.repeat(MAX_SUMMARISE_TEXT_LENGTH + 1)),
      ErrorCodes.InvalidParams,
      /too large/,
    );
    // The server goes on serving.
    assert.equal((await summarise(server, 'file:///after.txt', 'Grade 2 (good)')).version, 0);
  });
});
