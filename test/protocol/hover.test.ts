import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { lineOf, seed, TestServer } from '../support/languageServer';

const TIMEOUT = { timeout: 30_000 };

test('hover escapes report text: markdown and HTML in a heading render literally', TIMEOUT, async (t) => {
  const { text } = seed('000_94ff8a5dc515caf5.txt');
  const heading = lineOf(text, 'Overall effectiveness');
  const hostile = 'Overall effectiveness <img src=x onerror=alert(1)> [link](http://evil.example) *bold*';
  const lines = text.split('\n');
  lines[heading] = hostile;
  const uri = 'untitled:hostile-report';

  const server = TestServer.spawn();
  t.after(() => server.dispose());
  await server.initialize();
  await server.open(uri, lines.join('\n'));
  const hover = await server.connection.sendRequest(HoverRequest.type, {
    textDocument: { uri },
    position: { line: lineOf(text, 'Grade 4 (inadequate)'), character: 3 },
  });
  const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
  assert.match(value, /Judgement: \*\*Overall effectiveness /, 'the heading is named');
  assert.doesNotMatch(value, /(?<!\\)</, 'no unescaped < (so no raw HTML)');
  assert.doesNotMatch(value, /(?<!\\)\]\(/, 'no live link');
  assert.match(value, /\\<img src\\=x onerror\\=alert\\\(1\\\)\\>/);
  assert.match(value, /\\\*bold\\\*/);
  assert.deepEqual(await server.shutdown(), { code: 0, signal: null });
});
