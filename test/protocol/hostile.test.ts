import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import {
  type Diagnostic,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  DocumentSymbolRequest,
  HoverRequest,
  type MarkupContent,
  WorkspaceSymbolRequest,
  type SymbolInformation,
} from 'vscode-languageserver-protocol';
import { SummaryRequest } from '../../server/src/protocol/requests';
import {
  assertLiteral,
  HOSTILE,
  HOSTILE_JUDGEMENTS,
  HOSTILE_REPORT,
  hostileText,
  markdown,
  visibleText,
} from '../support/hostile';
import { TestServer } from '../support/languageServer';
import { flattenSymbols } from '../support/symbols';

/*
 * The hostile report over the protocol (issue 5, item 5): what the real server sends a client for a
 * report whose headings and cells hold HTML, `javascript:` links and Markdown. Hovers render to
 * nothing but the server's own markup with the report's words as text; symbol names, diagnostics
 * and the summary carry the strings exactly as written, for the client to show as plain text.
 */

const TIMEOUT = { timeout: 30_000 };
const TEXT = hostileText();
const URI = pathToFileURL(HOSTILE_REPORT).href;
const LINES = TEXT.split('\n');

describe('the hostile report over the protocol', () => {
  let server: TestServer;
  before(async () => {
    server = TestServer.spawn();
    await server.initialize();
    await server.open(URI, TEXT);
  }, TIMEOUT);
  after(() => server.dispose());

  test('hovers on every grade show the names literally and no HTML', TIMEOUT, async () => {
    const places = LINES.flatMap((line, i) => {
      const grade = /Grade \d \(\w+\)|\t(Good|Adequate|Inadequate)$/.exec(line);
      return grade ? [{ line: i, character: (grade.index ?? 0) + 2 }] : [];
    });
    assert.ok(places.length >= 8);
    let named = 0;
    for (const position of places) {
      const hover = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: URI },
        position,
      });
      assert.ok(hover, `a hover on line ${position.line + 1}`);
      const { kind, value } = hover.contents as MarkupContent;
      assert.equal(kind, 'markdown');
      const html = markdown.render(value);
      assertLiteral(html, ['p', 'strong', 'ul', 'li'], [HOSTILE.part], `line ${position.line + 1}`);
      const shown = visibleText(html);
      if (HOSTILE_JUDGEMENTS.some((name) => shown.includes(name))) named++;
    }
    assert.equal(named, places.length, 'every hover names its judgement, literally');
  });

  test('symbol names are the headings as written', TIMEOUT, async () => {
    const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: URI },
    })) as DocumentSymbol[];
    const names = flattenSymbols(symbols).map(({ symbol }) => symbol.name);
    for (const name of [HOSTILE.part, HOSTILE.script, HOSTILE.img, HOSTILE.links, HOSTILE.row])
      assert.ok(names.includes(name), name);
    const found = (await server.connection.sendRequest(WorkspaceSymbolRequest.type, {
      query: 'script',
    })) as SymbolInformation[];
    assert.ok(found.some((s) => s.name === HOSTILE.script && s.containerName === HOSTILE.part));
  });

  test('diagnostics and the summary carry the strings as written', TIMEOUT, async () => {
    const report: DocumentDiagnosticReport = await server.connection.sendRequest(
      DocumentDiagnosticRequest.type,
      {
        textDocument: { uri: URI },
      },
    );
    assert.equal(report.kind, 'full');
    const items = (report as { items: Diagnostic[] }).items;
    assert.ok(items.some((d) => d.message.includes(HOSTILE.img)));
    const summary = await server.connection.sendRequest(SummaryRequest.type, { textDocument: { uri: URI } });
    assert.ok(summary);
    assert.equal(summary.subject, HOSTILE.subject);
    assert.deepEqual(
      summary.parts.map((p) => p.name),
      [HOSTILE.part],
    );
    assert.deepEqual(
      summary.parts.flatMap((p) => p.judgements.map((j) => j.name)),
      HOSTILE_JUDGEMENTS,
    );
  });
});
