import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CodeActionRequest,
  type Diagnostic,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  type DocumentDiagnosticReport,
  DocumentSymbolRequest,
  type DocumentSymbol,
  DefinitionRequest,
  FoldingRangeRequest,
  HoverRequest,
  type LocationLink,
  type MarkupContent,
  SymbolKind,
  type SymbolInformation,
  type TextEdit,
  WorkspaceSymbolRequest,
} from 'vscode-languageserver-protocol';
import {
  AnalysedNotification,
  type AnalysedParams,
  SummaryRequest,
} from '../../server/src/protocol/requests';
import { lineOf, rangeOn, seed, TestServer } from '../support/languageServer';
import { flattenSymbols, rangeContains } from '../support/symbols';

const TIMEOUT = { timeout: 30_000 };
const SEED = seed('000_94ff8a5dc515caf5.txt');
const { uri, text } = SEED;
const PART_1 = 'The inspection outcomes: Safeguarding services';
const PART_2 = 'The inspection outcomes: services for looked after children';
/** 0-based lines of the seed the tests point at. */
const OVERALL_HEADING_1 = lineOf(text, 'Overall effectiveness', 0);
const OVERALL_HEADING_2 = lineOf(text, 'Overall effectiveness', 1);
const OVERALL_GRADE_1 = OVERALL_HEADING_1 + 2;
const RECORD_OVERALL_1 = lineOf(text, 'Overall effectiveness\tInadequate');
const RECORD_OVERALL_2 = lineOf(text, 'Overall effectiveness\tAdequate');

async function pullDiagnostics(server: TestServer): Promise<Diagnostic[]> {
  const report: DocumentDiagnosticReport = await server.connection.sendRequest(
    DocumentDiagnosticRequest.type,
    {
      textDocument: { uri },
    },
  );
  assert.equal(report.kind, 'full');
  return report.items;
}

/** Applies non-overlapping edits to a text (edits given in any order). */
function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const lines = source.split('\n');
  const offset = (line: number, character: number) =>
    lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0) + character;
  return [...edits]
    .map((edit) => ({
      start: offset(edit.range.start.line, edit.range.start.character),
      end: offset(edit.range.end.line, edit.range.end.character),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start)
    .reduce((out, edit) => out.slice(0, edit.start) + edit.newText + out.slice(edit.end), source);
}

describe('seed 000 (SLAC 2010) over the protocol', () => {
  let server: TestServer;
  let firstAnalysis: Promise<AnalysedParams>;

  before(async () => {
    server = TestServer.spawn();
    const result = await server.initialize();
    const caps = result.capabilities;
    assert.deepEqual(caps.diagnosticProvider, { interFileDependencies: false, workspaceDiagnostics: false });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    for (const feature of [
      'documentSymbolProvider',
      'workspaceSymbolProvider',
      'foldingRangeProvider',
      'hoverProvider',
      'definitionProvider',
    ] as const) {
      assert.ok(caps[feature], `${feature} declared`);
    }
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    firstAnalysis = server.next<AnalysedParams>(AnalysedNotification.method, (p) => p.uri === uri);
    await server.open(uri, text, 1);
  }, TIMEOUT);

  after(() => server.dispose());

  test(
    'document symbols: both parts, and each part’s overall effectiveness with its grade',
    TIMEOUT,
    async () => {
      const symbols = (await server.connection.sendRequest(DocumentSymbolRequest.type, {
        textDocument: { uri },
      })) as DocumentSymbol[];
      assert.deepEqual(await firstAnalysis, { uri, version: 1 });
      const all = flattenSymbols(symbols);
      const parts = all
        .filter(({ symbol }) => symbol.kind === SymbolKind.Namespace)
        .map(({ symbol }) => symbol.name);
      assert.deepEqual(parts, [PART_1, PART_2]);
      const overall = all.filter(
        ({ symbol, parent }) =>
          symbol.name === 'Overall effectiveness' && (parent === PART_1 || parent === PART_2),
      );
      assert.deepEqual(
        overall.map(({ symbol, parent }) => [parent, symbol.detail, symbol.selectionRange.start.line]),
        [
          [PART_1, 'Inadequate (4)', OVERALL_HEADING_1],
          [PART_2, 'Adequate (3)', OVERALL_HEADING_2],
        ],
      );
      for (const { symbol } of all) {
        assert.ok(symbol.name.length > 0, 'symbol names are not empty');
        assert.ok(
          rangeContains(symbol.range, symbol.selectionRange),
          `${symbol.name}: selection inside range`,
        );
      }
    },
  );

  test('diagnostics: no error or warning on the unmodified seed', TIMEOUT, async () => {
    const items = await pullDiagnostics(server);
    const serious = items.filter(
      (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
    );
    assert.deepEqual(serious, []);
    for (const d of items) assert.equal(d.source, 'inspection-report');
  });

  test(
    'hover on a grade line: the scale entry, the judgement and the other places stating it',
    TIMEOUT,
    async () => {
      const gradeRange = rangeOn(text, OVERALL_GRADE_1, 'Grade 4 (inadequate)');
      const hover = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: OVERALL_GRADE_1, character: 3 },
      });
      assert.ok(hover, 'a hover on the grade');
      assert.deepEqual(hover.range, gradeRange);
      const { kind, value } = hover.contents as MarkupContent;
      assert.equal(kind, 'markdown');
      assert.match(value, /\*\*Grade 4 – Inadequate\*\*: A service that does not meet minimum requirements/);
      assert.match(value, /declared by this report/);
      assert.match(value, /Overall effectiveness/);
      assert.match(value, new RegExp(`line ${RECORD_OVERALL_1 + 1} \\(table\\): Inadequate`));
      assert.doesNotMatch(value, /disagrees/);
      assert.doesNotMatch(value, /<[a-z]/i, 'no raw HTML');

      const none = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: 1, character: 0 },
      });
      assert.equal(none, null, 'no hover away from grades');
    },
  );

  test('definition: from a Record of main findings row to its section heading', TIMEOUT, async () => {
    for (const [row, heading] of [
      [RECORD_OVERALL_1, OVERALL_HEADING_1],
      [RECORD_OVERALL_2, OVERALL_HEADING_2],
    ] as const) {
      const result = (await server.connection.sendRequest(DefinitionRequest.type, {
        textDocument: { uri },
        position: { line: row, character: 2 },
      })) as LocationLink[] | null;
      assert.ok(result && result.length === 1, `a definition from line ${row + 1}`);
      const [link] = result;
      assert.equal(link?.targetUri, uri);
      assert.equal(
        link?.targetSelectionRange.start.line,
        heading,
        `row on line ${row + 1} leads to the heading`,
      );
      assert.equal(link?.originSelectionRange?.start.line, row);
    }
  });

  test('folding ranges: one per multi-line part, none empty', TIMEOUT, async () => {
    const ranges = await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    assert.ok(ranges && ranges.length > 0);
    for (const range of ranges) {
      assert.ok(range.endLine > range.startLine, `range ${range.startLine}-${range.endLine} spans lines`);
      assert.equal(range.kind, 'region');
    }
    const starts = ranges.map((r) => r.startLine);
    assert.equal(new Set(starts).size, starts.length, 'at most one range per start line');
    assert.ok(starts.includes(lineOf(text, PART_1)), 'part 1 folds');
    assert.ok(starts.includes(lineOf(text, PART_2)), 'part 2 folds');
  });

  test(
    'inspectionReport/summary: parts, overall grades, distribution and problem counts',
    TIMEOUT,
    async () => {
      const summary = await server.connection.sendRequest(SummaryRequest.type, { textDocument: { uri } });
      assert.ok(summary);
      assert.equal(summary.uri, uri);
      assert.equal(summary.version, 1);
      assert.equal(summary.subject, 'Nottinghamshire County Council');
      assert.deepEqual(
        summary.scale.entries.map((e) => [e.label, e.rank, e.number]),
        [
          ['Outstanding', 1, 1],
          ['Good', 2, 2],
          ['Adequate', 3, 3],
          ['Inadequate', 4, 4],
        ],
      );
      assert.deepEqual(summary.overall, [
        { part: PART_1, grade: 'Inadequate' },
        { part: PART_2, grade: 'Adequate' },
      ]);
      assert.deepEqual(
        summary.parts.map((p) => p.name),
        [PART_1, PART_2],
      );
      const judgements = summary.parts.flatMap((p) => p.judgements);
      assert.deepEqual(
        summary.distribution.map((d) => d.label),
        ['Outstanding', 'Good', 'Adequate', 'Inadequate'],
      );
      const graded = judgements.filter((j) => j.grade !== undefined).length;
      assert.equal(
        summary.distribution.reduce((sum, d) => sum + d.count, 0),
        graded,
      );
      assert.equal(summary.problems.errors, 0);
      assert.equal(summary.problems.warnings, 0);
      const overall1 = summary.parts[0]?.judgements.find((j) => j.name === 'Overall effectiveness');
      assert.ok(overall1);
      assert.equal(overall1.grade, 'Inadequate');
      assert.equal(overall1.agrees, true);
      assert.ok(
        overall1.evidence.some((e) => e.source === 'table' && e.range.start.line === RECORD_OVERALL_1),
      );
    },
  );

  test(
    'workspace/symbol: matches outline names case-insensitively, with the part as container',
    TIMEOUT,
    async () => {
      const found = (await server.connection.sendRequest(WorkspaceSymbolRequest.type, {
        query: 'overall effect',
      })) as SymbolInformation[];
      const overall = found.filter((s) => s.name === 'Overall effectiveness');
      assert.ok(overall.length >= 2);
      for (const symbol of overall) assert.equal(symbol.location.uri, uri);
      const containers = new Set(overall.map((s) => s.containerName));
      assert.ok(containers.has(PART_1) && containers.has(PART_2));
      const fuzzy = (await server.connection.sendRequest(WorkspaceSymbolRequest.type, {
        query: 'OVRLEFF',
      })) as SymbolInformation[];
      assert.ok(fuzzy.some((s) => s.name === 'Overall effectiveness'));
      const none = await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: 'qqqzzz' });
      assert.deepEqual(none, []);
    },
  );

  test(
    'an incremental change to a grade number raises grade-label-mismatch; its quick fix repairs it',
    TIMEOUT,
    async () => {
      const analysed = server.next<AnalysedParams>(AnalysedNotification.method, (p) => p.version === 2);
      const number = rangeOn(text, OVERALL_GRADE_1, 'Grade 4');
      await server.change(uri, 2, [{ range: number, text: 'Grade 2' }]);
      const changed = applyEdits(text, [{ range: number, newText: 'Grade 2' }]);

      const items = await pullDiagnostics(server);
      assert.deepEqual(await analysed, { uri, version: 2 });
      const mismatch = items.filter((d) => d.code === 'grade-label-mismatch');
      assert.equal(mismatch.length, 1, JSON.stringify(items, null, 1));
      const [diagnostic] = mismatch;
      assert.ok(diagnostic);
      assert.equal(diagnostic.range.start.line, OVERALL_GRADE_1);
      assert.ok(
        diagnostic.severity === DiagnosticSeverity.Error ||
          diagnostic.severity === DiagnosticSeverity.Warning,
      );
      assert.match(diagnostic.codeDescription?.href ?? '', /^file:\/\/.*\/README\.md#grade-label-mismatch$/);
      assert.ok(diagnostic.relatedInformation && diagnostic.relatedInformation.length > 0);
      for (const related of diagnostic.relatedInformation) assert.equal(related.location.uri, uri);

      const hover = await server.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri },
        position: { line: OVERALL_GRADE_1, character: 3 },
      });
      const shown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
      assert.match(shown, /Number and label disagree/);
      assert.match(
        shown,
        new RegExp(`line ${RECORD_OVERALL_1 + 1} \\(table\\): Inadequate — \\*\\*disagrees\\*\\*`),
      );

      const actions = await server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      assert.ok(actions && actions.length > 0, 'a quick fix for the mismatch');
      const fixes = actions.filter((a) => 'kind' in a && a.kind === 'quickfix');
      assert.equal(fixes.length, actions.length);
      const [fix] = fixes;
      assert.ok(fix && 'edit' in fix && fix.edit?.changes);
      assert.deepEqual(Object.keys(fix.edit.changes), [uri]);
      const edits = fix.edit.changes[uri] ?? [];
      assert.ok(edits.length > 0);
      for (const edit of edits)
        assert.equal(edit.range.start.line, OVERALL_GRADE_1, 'only the grade line changes');
      if (fixes.length === 1) assert.equal(fix.isPreferred, true);

      const fixed = applyEdits(changed, edits);
      const changedLines = changed.split('\n');
      const fixedLines = fixed.split('\n');
      assert.equal(fixedLines.length, changedLines.length);
      assert.deepEqual(
        fixedLines.flatMap((line, i) => (line === changedLines[i] ? [] : [i])),
        [OVERALL_GRADE_1],
      );
      // Content changes apply one after another: send the last edit first so ranges stay valid.
      const backwards = [...edits].sort(
        (a, b) =>
          b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
      );
      await server.change(
        uri,
        3,
        backwards.map((edit) => ({ range: edit.range, text: edit.newText })),
      );
      const remaining = await pullDiagnostics(server);
      assert.deepEqual(
        remaining.filter((d) => d.code === 'grade-label-mismatch'),
        [],
        'the fix removes the mismatch',
      );
    },
  );

  test(
    'requests for a closed document answer null or nothing, and the server carries on',
    TIMEOUT,
    async () => {
      await server.close(uri);
      const position = { line: OVERALL_GRADE_1, character: 3 };
      const textDocument = { uri };
      assert.deepEqual(await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
      assert.equal(await server.connection.sendRequest(HoverRequest.type, { textDocument, position }), null);
      assert.equal(
        await server.connection.sendRequest(DefinitionRequest.type, { textDocument, position }),
        null,
      );
      assert.deepEqual(await server.connection.sendRequest(FoldingRangeRequest.type, { textDocument }), []);
      assert.equal(await server.connection.sendRequest(SummaryRequest.type, { textDocument }), null);
      assert.deepEqual(
        await server.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument }),
        {
          kind: 'full',
          items: [],
        },
      );
      assert.deepEqual(await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: '' }), []);

      await server.open(uri, text, 1);
      const symbols = await server.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
      assert.ok(symbols && symbols.length > 0, 'reopened document is analysed again');
    },
  );

  test('shutdown and exit end the process with status 0', TIMEOUT, async () => {
    const exit = await server.shutdown();
    assert.deepEqual(exit, { code: 0, signal: null });
  });
});
