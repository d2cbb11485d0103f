import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import {
  AnalysedNotification,
  type AnalysedParams,
  SettingsProblemNotification,
  type SettingsProblemParams,
  SummaryRequest,
} from '../../server/src/protocol/requests';
import { lineOf, seed, TestServer } from '../support/languageServer';

const TIMEOUT = { timeout: 30_000 };
const SEED = seed('000_94ff8a5dc515caf5.txt');
/** The seed with its first grade line's number changed so the label disagrees: `Grade 2 (inadequate)`. */
const GRADE_LINE = lineOf(SEED.text, 'Grade 4 (inadequate)');
const MISMATCHED = SEED.text
  .split('\n')
  .map((line, i) => (i === GRADE_LINE ? 'Grade 2 (inadequate)' : line))
  .join('\n');
const OTHER = seed('003_2bd92043d0a643b7.txt');

async function pull(server: TestServer, uri: string): Promise<Diagnostic[]> {
  const report: DocumentDiagnosticReport = await server.connection.sendRequest(
    DocumentDiagnosticRequest.type,
    {
      textDocument: { uri },
    },
  );
  assert.equal(report.kind, 'full');
  return report.items;
}

test(
  'a bad setting is reported once and falls back to its default; the other settings apply',
  TIMEOUT,
  async (t) => {
    const server = TestServer.spawn({
      settings: { maxOutlineNodes: 'lots', diagnostics: { severity: { 'grade-label-mismatch': 'hint' } } },
    });
    t.after(() => server.dispose());
    await server.initialize();
    const problem = server.next<SettingsProblemParams>(SettingsProblemNotification.method);
    await server.open(SEED.uri, MISMATCHED);
    await server.open(OTHER.uri, OTHER.text);

    const mismatch = (await pull(server, SEED.uri)).filter((d) => d.code === 'grade-label-mismatch');
    await pull(server, OTHER.uri);
    const { messages } = await problem;
    assert.equal(messages.length, 1);
    assert.match(messages[0] ?? '', /inspectionReport\.maxOutlineNodes/);
    assert.equal(
      server.notifications.filter((n) => n.method === SettingsProblemNotification.method).length,
      1,
      'the same problem is reported once, not once per document',
    );
    assert.ok(
      server.configurationRequests.some((r) =>
        r.items.some((i) => i.section === 'inspectionReport' && i.scopeUri),
      ),
      'settings are asked per resource',
    );

    assert.equal(mismatch.length, 1, 'the mismatch is still found');
    assert.equal(mismatch[0]?.severity, DiagnosticSeverity.Hint, 'the severity override applies');
    const summary = await server.connection.sendRequest(SummaryRequest.type, {
      textDocument: { uri: SEED.uri },
    });
    assert.ok(summary);
    assert.deepEqual(
      [summary.problems.errors, summary.problems.warnings],
      [0, 0],
      'summary counts follow the override',
    );
    assert.ok(
      summary.parts.flatMap((p) => p.judgements).length > 0,
      'the default maxOutlineNodes analyses fully',
    );
    assert.doesNotMatch(summary.limitNote ?? '', /outline was cut/);
    assert.deepEqual(await server.shutdown(), { code: 0, signal: null });
  },
);

test('a configuration change refreshes diagnostics and views with the new settings', TIMEOUT, async (t) => {
  const server = TestServer.spawn();
  t.after(() => server.dispose());
  await server.initialize();
  await server.open(SEED.uri, MISMATCHED, 7);
  const before = (await pull(server, SEED.uri)).filter((d) => d.code === 'grade-label-mismatch');
  assert.equal(before.length, 1);
  assert.ok(
    before[0]?.severity === DiagnosticSeverity.Error || before[0]?.severity === DiagnosticSeverity.Warning,
  );
  const asked = server.configurationRequests.length;

  server.settings = { diagnostics: { severity: { 'grade-label-mismatch': 'off' } } };
  const analysed = server.next<AnalysedParams>(AnalysedNotification.method);
  const refreshes = server.diagnosticRefreshes;
  await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  assert.deepEqual(await analysed, { uri: SEED.uri, version: 7 }, 'views are told to refresh');
  assert.equal(server.diagnosticRefreshes, refreshes + 1, 'diagnostics refresh was requested');
  assert.ok(server.configurationRequests.length > asked, 'settings were read again');
  assert.deepEqual(
    (await pull(server, SEED.uri)).filter((d) => d.code === 'grade-label-mismatch'),
    [],
    "'off' drops the diagnostic",
  );

  server.settings = { diagnostics: { enable: false } };
  const again = server.next<AnalysedParams>(AnalysedNotification.method);
  await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  await again;
  assert.deepEqual(await pull(server, SEED.uri), [], 'diagnostics.enable false shows nothing');
  assert.deepEqual(await server.shutdown(), { code: 0, signal: null });
});
