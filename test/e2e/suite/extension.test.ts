// Extension-host tests: run inside VS Code 1.100.3 (code-server's Node extension host) by
// @vscode/test-electron's runTests, against the extension installed from its .vsix. They drive and
// observe it only through the VS Code API, and wait on events, never on delays.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { InspectionReportApi } from '../../../client/src/extension';
import {
  childProcessesRunning,
  codeOf,
  csvText,
  diagnosticState,
  diagnosticsWhen,
  flatten,
  hoverText,
  lineOf,
  nextEvent,
  offsetIn,
  openDocument,
  parseCsv,
  rangeOn,
  settled,
  when,
} from './helpers';

const EXTENSION_ID = 'inspection-report.inspection-report';
const LANGUAGE = 'inspection-report';
const SEED = '000_94ff8a5dc515caf5.txt';
/** Another full report, opened while auto-detection is off. */
const OTHER_SEED = '003_2bd92043d0a643b7.txt';
/** The hostile reports run-e2e.mjs copies into the workspace (test/fixtures/hostile). */
const HOSTILE_FILE = 'hostile-report.txt';
const FORMULA_FILE = 'formula.report.txt';
/** The hostile report's subject, as written in it (test/support/hostile.ts). */
const HOSTILE_SUBJECT = 'Evil <script>alert(document)</script> Council';
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const PART_1 = 'The inspection outcomes: Safeguarding services';
const PART_2 = 'The inspection outcomes: services for looked after children';
const GRADES = /^(Outstanding|Good|Adequate|Inadequate) \([1-4]\)$/;

function seedUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run with the seeds folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

function settings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('inspectionReport');
}

describe('Inspection Reports, installed from its .vsix, in VS Code', () => {
  let extension: vscode.Extension<InspectionReportApi>;
  let api: InspectionReportApi;
  let document: vscode.TextDocument;
  let editor: vscode.TextEditor;
  /** The seed's text as opened. */
  let original: string;
  /** 0-based lines of the seed. */
  let overallHeading1: number;
  let overallGrade1: number;
  let overallHeading2: number;
  let recordOverall1: number;

  /** Shows the seed's editor, replaces `text` on `line` with `replacement`. */
  async function replaceOnLine(line: number, text: string, replacement: string): Promise<void> {
    editor = await vscode.window.showTextDocument(document);
    const applied = await editor.edit((edit) => edit.replace(rangeOn(document, line, text), replacement));
    assert.ok(applied, 'the edit applied');
  }

  /** Undoes edits in the seed's editor until it holds the text it opened with again. */
  async function undoAll(): Promise<void> {
    editor = await vscode.window.showTextDocument(document);
    for (let undone = 0; document.getText() !== original; undone++) {
      assert.ok(undone < 20, 'undo restores the seed');
      await vscode.commands.executeCommand('undo');
    }
    assert.equal(document.isDirty, false, 'back to the saved text');
  }

  const withCode = (code: string, line?: number) => (d: vscode.Diagnostic) =>
    codeOf(d) === code && (line === undefined || d.range.start.line === line);

  /** The language server processes this extension host runs (see childProcessesRunning). */
  const serverProcesses = () =>
    childProcessesRunning(path.join(extension.extensionPath, 'dist', 'server.js'));
  /** Servers killed by the tests or shut down by a restart: one shut down may take a moment to exit. */
  const retired = new Set<number>();

  /** The process id of the one language server running for this extension host. */
  function serverPid(): number {
    const pids = serverProcesses().filter((pid) => !retired.has(pid));
    assert.equal(pids.length, 1, `one language server runs (found ${pids.join(', ') || 'none'})`);
    const [pid] = pids;
    assert.ok(pid !== undefined);
    return pid;
  }

  /** Kills the running language server with SIGKILL; resolves once the client has started a new one. */
  async function killAndAwaitRestart(): Promise<{ killed: number; restarted: number }> {
    const killed = serverPid();
    retired.add(killed);
    const started = nextEvent(api.server.onDidStart, () => true, 'the language server to restart');
    process.kill(killed, 'SIGKILL');
    await started;
    // The client noticed the crash when the connection closed, which the process's death did.
    assert.ok(!serverProcesses().includes(killed), 'the killed server is gone');
    const restarted = serverPid();
    assert.notEqual(restarted, killed, 'a new server process');
    return { killed, restarted };
  }

  /** Runs "Restart Language Server", as the user would; resolves with the new server's pid. */
  async function restartServer(): Promise<number> {
    for (const pid of serverProcesses()) retired.add(pid);
    await vscode.commands.executeCommand('inspectionReport.restartServer');
    return serverPid();
  }

  /**
   * Proves the running server serves the seed: an edit is diagnosed, the symbols and the summary
   * are there, and undoing the edit clears the diagnostic. The diagnostics are waited for first:
   * a restarted client has its features (the document sync among them) only after it is running.
   */
  async function assertServerWorks(): Promise<void> {
    await replaceOnLine(overallGrade1, 'Grade 4', 'Grade 2');
    await diagnosticsWhen(
      document.uri,
      (all) => all.some(withCode('grade-label-mismatch', overallGrade1)),
      'grade-label-mismatch from the server',
    );
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    );
    assert.deepEqual(
      flatten(symbols ?? [])
        .filter(({ symbol }) => symbol.kind === vscode.SymbolKind.Namespace)
        .map(({ symbol }) => symbol.name),
      [PART_1, PART_2],
      'the outline',
    );
    const summary = await api.summary(document);
    assert.equal(summary?.version, document.version, 'the summary of the edited text');
    assert.ok((summary?.problems.errors ?? 0) >= 1);
    await undoAll();
    await diagnosticsWhen(
      document.uri,
      (all) => !all.some(withCode('grade-label-mismatch')),
      'grade-label-mismatch to clear after undo',
    );
  }

  after(async () => {
    await settings().update('autoDetect', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is the packaged extension, installed from the .vsix', () => {
    const found = vscode.extensions.getExtension<InspectionReportApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is installed`);
    extension = found;
    // run-e2e.mjs installed the .vsix there (passed on through runTests' extensionTestsEnv).
    const installedIn = process.env.E2E_EXTENSIONS_DIR;
    assert.ok(installedIn, 'E2E_EXTENSIONS_DIR is set');
    assert.equal(
      path.dirname(extension.extensionPath),
      path.resolve(installedIn),
      'installed, not loaded from source',
    );
    assert.ok(
      existsSync(path.join(extension.extensionPath, 'dist', 'server.js')),
      'the bundled server ships',
    );
    assert.ok(!existsSync(path.join(extension.extensionPath, 'client')), 'no sources in the package');
    assert.ok(/^1\.(\d+)\./.test(vscode.version) && Number(vscode.version.split('.')[1]) >= 100);
  });

  it('opens a report saved as plain .txt in the report language', async () => {
    const uri = seedUri(SEED);
    const same = (d: vscode.TextDocument) => d.uri.toString() === uri.toString();
    const firstOpen = nextEvent(vscode.workspace.onDidOpenTextDocument, same, 'the seed to open');
    const reopened = nextEvent(
      vscode.workspace.onDidOpenTextDocument,
      (d) => same(d) && d.languageId === LANGUAGE,
      'the seed to switch to the report language',
    );
    await vscode.workspace.openTextDocument(uri);
    assert.equal((await firstOpen).languageId, 'plaintext', 'a .txt file opens as plain text');
    document = await reopened;
    assert.equal(openDocument(uri)?.languageId, LANGUAGE);
    original = document.getText();
    editor = await vscode.window.showTextDocument(document);
    assert.equal(extension.isActive, true);
    api = extension.exports;
    assert.equal(typeof api.summary, 'function');

    overallHeading1 = lineOf(document, 'Overall effectiveness');
    overallGrade1 = lineOf(document, 'Grade 4 (inadequate)');
    overallHeading2 = lineOf(document, 'Overall effectiveness', 1);
    recordOverall1 = lineOf(document, 'Overall effectiveness\tInadequate');
    assert.equal(overallGrade1, overallHeading1 + 2);
  });

  it('outline: the document symbols are the graded outline', async () => {
    // The summary comes from the language server: once it is here, the server is running.
    const summary = await api.summary(document);
    assert.ok(summary, 'the server analysed the seed');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    );
    assert.ok(symbols && symbols.length > 0, 'document symbols');
    const all = flatten(symbols);
    assert.deepEqual(
      all
        .filter(({ symbol }) => symbol.kind === vscode.SymbolKind.Namespace)
        .map(({ symbol }) => symbol.name),
      [PART_1, PART_2],
    );
    const overall = all.filter(
      ({ symbol, parent }) =>
        symbol.name === 'Overall effectiveness' && (parent === PART_1 || parent === PART_2),
    );
    assert.deepEqual(
      overall.map(({ symbol, parent }) => [parent, symbol.detail, symbol.selectionRange.start.line]),
      [
        [PART_1, 'Inadequate (4)', overallHeading1],
        [PART_2, 'Adequate (3)', overallHeading2],
      ],
    );
    const graded = all.filter(({ symbol }) => GRADES.test(symbol.detail));
    assert.ok(graded.length >= 20, `${graded.length} graded symbols`);
  });

  it('diagnostics: a wrong grade number raises grade-label-mismatch; undo clears it', async () => {
    const summary = await api.summary(document);
    assert.equal(summary?.problems.errors, 0, 'the seed as published has no error');
    await replaceOnLine(overallGrade1, 'Grade 4', 'Grade 2');
    const diagnostics = await diagnosticsWhen(
      document.uri,
      (all) => all.some(withCode('grade-label-mismatch', overallGrade1)),
      `grade-label-mismatch on line ${overallGrade1 + 1}`,
    );
    const mismatch = diagnostics.find(withCode('grade-label-mismatch'));
    assert.ok(mismatch);
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(mismatch.source, 'inspection-report');
    const code = mismatch.code as { value: string; target: vscode.Uri };
    assert.match(code.target.toString(), /README\.md#grade-label-mismatch$/);
    assert.ok(mismatch.relatedInformation && mismatch.relatedInformation.length > 0, 'related places');

    await undoAll();
    await diagnosticsWhen(
      document.uri,
      (all) => !all.some(withCode('grade-label-mismatch')),
      'grade-label-mismatch to clear after undo',
    );
    assert.equal(document.lineAt(overallGrade1).text, 'Grade 4 (inadequate)');
  });

  it('diagnostics: a Record of main findings row that disagrees raises record-mismatch', async () => {
    await replaceOnLine(recordOverall1, 'Inadequate', 'Good');
    await diagnosticsWhen(
      document.uri,
      (all) => all.some(withCode('record-mismatch', recordOverall1)),
      `record-mismatch on line ${recordOverall1 + 1}`,
    );
    await undoAll();
    await diagnosticsWhen(
      document.uri,
      (all) => !all.some(withCode('record-mismatch')),
      'record-mismatch to clear after undo',
    );
  });

  it('hover: a grade line shows its scale entry and every other statement of the judgement', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      new vscode.Position(overallGrade1, 3),
    );
    const text = hoverText(hovers);
    assert.match(text, /\*\*Grade 4 – Inadequate\*\*: A service that does not meet minimum requirements/);
    assert.match(text, /Overall effectiveness/);
    assert.match(text, new RegExp(`line ${recordOverall1 + 1} \\(table\\): Inadequate`));
    assert.doesNotMatch(text, /disagrees/);
  });

  it('quick fix: the preferred fix changes only the wrong grade, and one undo takes it back', async () => {
    await replaceOnLine(overallGrade1, 'Grade 4', 'Grade 2');
    const mismatchHere = withCode('grade-label-mismatch', overallGrade1);
    const broken = await diagnosticsWhen(
      document.uri,
      (all) => all.some(mismatchHere),
      'grade-label-mismatch',
    );
    const mismatch = broken.find(mismatchHere);
    assert.ok(mismatch);
    const before = document.getText();
    const brokenState = diagnosticState(broken);
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      mismatch.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = actions.filter(
      (action): action is vscode.CodeAction =>
        'kind' in action && action.kind?.value === vscode.CodeActionKind.QuickFix.value,
    );
    assert.ok(fixes.length > 0, 'quick fixes offered');
    const [fix] = fixes;
    assert.ok(fix?.edit, 'the fix is an edit');
    // The fix edits this report only, inside the diagnostic's range.
    const entries = fix.edit.entries();
    assert.deepEqual(
      entries.map(([uri]) => uri.toString()),
      [document.uri.toString()],
    );
    for (const edit of entries.flatMap(([, edits]) => edits)) {
      assert.ok(mismatch.range.contains(edit.range), `the fix edits within the diagnostic's range`);
    }
    assert.ok(await vscode.workspace.applyEdit(fix.edit), `applied "${fix.title}"`);
    await diagnosticsWhen(
      document.uri,
      (all) => !all.some(withCode('grade-label-mismatch')),
      'the fix to clear grade-label-mismatch',
    );
    // The first fix agrees with the judgement's other statements: the number goes back to 4.
    assert.equal(document.lineAt(overallGrade1).text, 'Grade 4 (inadequate)');
    // Outside the diagnostic's range, not a character changed.
    const fixed = document.getText();
    const start = offsetIn(before, mismatch.range.start);
    const end = offsetIn(before, mismatch.range.end);
    const tail = before.length - end;
    assert.equal(fixed.slice(0, start), before.slice(0, start), 'the text before the range is unchanged');
    assert.equal(
      fixed.slice(fixed.length - tail),
      before.slice(end),
      'the text after the range is unchanged',
    );
    assert.notEqual(fixed.slice(start, fixed.length - tail), before.slice(start, end));

    // One undo takes the whole fix back: the text byte for byte, then the diagnostics.
    editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), before, 'one undo restores the text as it was before the fix');
    await diagnosticsWhen(
      document.uri,
      (all) => diagnosticState(all) === brokenState,
      'the diagnostics from before the fix to return after one undo',
    );
    await undoAll();
    await diagnosticsWhen(
      document.uri,
      (all) => !all.some(withCode('grade-label-mismatch')),
      'grade-label-mismatch to clear after undoing the edit',
    );
  });

  it('definition: a Record of main findings row leads to its section heading', async () => {
    const targets = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      document.uri,
      new vscode.Position(recordOverall1, 2),
    );
    assert.equal(targets.length, 1);
    const [target] = targets;
    assert.ok(target);
    const range = 'targetUri' in target ? (target.targetSelectionRange ?? target.targetRange) : target.range;
    const uri = 'targetUri' in target ? target.targetUri : target.uri;
    assert.equal(uri.toString(), document.uri.toString());
    assert.equal(range.start.line, overallHeading1);
  });

  it('summary: what the panel shows matches the document, and follows edits', async () => {
    await vscode.commands.executeCommand('inspectionReport.summary.focus');
    const summary = await api.summary(document);
    assert.ok(summary);
    assert.equal(summary.uri, document.uri.toString());
    assert.equal(summary.version, document.version);
    assert.equal(summary.subject, 'Nottinghamshire County Council');
    assert.deepEqual(
      summary.parts.map((part) => part.name),
      [PART_1, PART_2],
    );
    assert.deepEqual(summary.overall, [
      { part: PART_1, grade: 'Inadequate' },
      { part: PART_2, grade: 'Adequate' },
    ]);
    const judgements = summary.parts.flatMap((part) => part.judgements);
    assert.ok(judgements.length >= 20, `${judgements.length} judgements`);
    for (const judgement of judgements) {
      assert.equal(judgement.agrees, true, `${judgement.name} agrees`);
      for (const evidence of judgement.evidence) {
        const { start, end } = evidence.range;
        const written = document.getText(
          new vscode.Range(start.line, start.character, end.line, end.character),
        );
        assert.ok(
          written.includes(evidence.text),
          `${judgement.name}: "${evidence.text}" stands on line ${start.line + 1}: ${written}`,
        );
      }
    }
    const overall1 = summary.parts[0]?.judgements.find((j) => j.name === 'Overall effectiveness');
    assert.ok(overall1?.evidence.some((e) => e.source === 'table' && e.range.start.line === recordOverall1));
    assert.ok(
      overall1?.evidence.some((e) => e.source === 'grade-line' && e.range.start.line === overallGrade1),
    );
    const graded = judgements.filter((j) => j.grade !== undefined).length;
    assert.equal(
      summary.distribution.reduce((sum, d) => sum + d.count, 0),
      graded,
    );
    assert.deepEqual(summary.problems, { errors: 0, warnings: 0, information: summary.problems.information });

    await replaceOnLine(overallGrade1, 'Grade 4', 'Grade 2');
    const edited = await api.summary(document);
    assert.equal(edited?.version, document.version);
    assert.ok((edited?.problems.errors ?? 0) >= 1, 'the edit shows as a problem');
    await undoAll();
    const restored = await api.summary(document);
    assert.equal(restored?.problems.errors, 0);
  });

  it('settings: a severity override changes the open report’s diagnostics', async () => {
    await replaceOnLine(overallGrade1, 'Grade 4', 'Grade 2');
    const atSeverity = (severity: vscode.DiagnosticSeverity) => (all: vscode.Diagnostic[]) =>
      all.some((d) => withCode('grade-label-mismatch', overallGrade1)(d) && d.severity === severity);
    await diagnosticsWhen(document.uri, atSeverity(vscode.DiagnosticSeverity.Error), 'an error');
    await settings().update(
      'diagnostics.severity',
      { 'grade-label-mismatch': 'warning' },
      vscode.ConfigurationTarget.Global,
    );
    await diagnosticsWhen(document.uri, atSeverity(vscode.DiagnosticSeverity.Warning), 'a warning');
    await settings().update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Global);
    await diagnosticsWhen(document.uri, atSeverity(vscode.DiagnosticSeverity.Error), 'an error again');
    await undoAll();
    await diagnosticsWhen(document.uri, (all) => !all.some(withCode('grade-label-mismatch')), 'no mismatch');
  });

  it('settings: with autoDetect off a plain-text report stays plain text; turned on, it switches', async () => {
    await settings().update('autoDetect', false, vscode.ConfigurationTarget.Global);
    const uri = seedUri(OTHER_SEED);
    const other = await vscode.workspace.openTextDocument(uri);
    assert.equal(other.languageId, 'plaintext');
    await vscode.window.showTextDocument(other);
    // Anything the extension did on opening it has been applied by now.
    await settled();
    assert.equal(openDocument(uri)?.languageId, 'plaintext', 'not switched while autoDetect is off');

    const switched = nextEvent(
      vscode.workspace.onDidOpenTextDocument,
      (d) => d.uri.toString() === uri.toString() && d.languageId === LANGUAGE,
      'the open report to switch when autoDetect is turned on',
    );
    await settings().update('autoDetect', true, vscode.ConfigurationTarget.Global);
    await switched;
    assert.equal(openDocument(uri)?.languageId, LANGUAGE);
  });

  it('compare: every report of the workspace is a row, showing what its summary says', async () => {
    // Files not open are read from disk and summarised by inspectionReport/summariseText; the two
    // seeds open by now, through their documents' summaries.
    const rows = await api.compareReports();
    const paths = rows.map((row) => row.path);
    assert.deepEqual(
      paths,
      [...paths].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true })),
      'in file order, as a comparison starts',
    );
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(folder);
    const files = (await vscode.workspace.fs.readDirectory(folder))
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.txt'))
      .map(([name]) => name)
      .sort();
    const checked = new Set<string>();
    for (const name of files) {
      // Listed exactly when the editor takes the file for a report, with what its summary says.
      const uri = seedUri(name);
      await vscode.workspace.openTextDocument(uri);
      await settled();
      const opened = openDocument(uri);
      assert.ok(opened, name);
      const row = rows.find((candidate) => candidate.uri === uri.toString());
      if (opened.languageId !== LANGUAGE) {
        assert.equal(row, undefined, `${name} is not a report and is not listed`);
        continue;
      }
      assert.ok(row, `${name}, a report, is listed`);
      checked.add(name);
      const summary = await api.summary(opened);
      assert.ok(summary, `the summary of ${name}`);
      const graded = summary.distribution.reduce((sum, grade) => sum + grade.count, 0);
      assert.deepEqual(
        {
          path: row.path,
          status: row.status,
          title: row.title,
          subject: row.subject,
          framework: row.framework,
          frameworkName: row.frameworkName,
          overall: row.overall.map((grade) => grade.label),
          judgements: row.judgements,
          distribution: row.distribution.map(({ label, rank, count }) => ({ label, rank, count })),
          errors: row.errors,
          warnings: row.warnings,
        },
        {
          path: name,
          status: graded > 0 ? 'graded' : 'ungraded',
          title: summary.title,
          subject: summary.subject,
          framework: summary.framework,
          frameworkName: summary.frameworkName,
          overall: summary.overall.flatMap((overall) => (overall.grade === undefined ? [] : [overall.grade])),
          judgements: graded,
          distribution: summary.distribution,
          errors: summary.problems.errors,
          warnings: summary.problems.warnings,
        },
        name,
      );
    }
    assert.deepEqual([...checked].sort(), [...paths].sort(), 'no other row');
    for (const name of [SEED, OTHER_SEED, HOSTILE_FILE, FORMULA_FILE]) assert.ok(checked.has(name), name);
    assert.equal(rows.find((row) => row.path === HOSTILE_FILE)?.subject, HOSTILE_SUBJECT);
  });

  it('export: the comparison and a summary go to the file passed, as CSV or JSON; an existing file is kept unasked', async () => {
    const rows = await api.compareReports();
    const file = (name: string) => seedUri(name);
    const read = async (uri: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(uri));
    const exportTo = (command: string, uri: vscode.Uri) =>
      vscode.commands.executeCommand<vscode.Uri | undefined>(command, uri);

    // The comparison as JSON: the rows exactly as the webview was sent them.
    const comparisonJson = file('e2e-comparison.json');
    assert.equal(
      (await exportTo('inspectionReport.exportComparison', comparisonJson))?.toString(),
      comparisonJson.toString(),
    );
    const json = JSON.parse((await read(comparisonJson)).toString('utf8')) as {
      format: string;
      reports: unknown;
    };
    assert.equal(json.format, 'inspection-report-comparison');
    assert.deepEqual(json.reports, rows);

    // The comparison as CSV: a line per row, in order; text as it is, formulas neutralised.
    const comparisonCsv = file('e2e-comparison.csv');
    assert.equal(
      (await exportTo('inspectionReport.exportComparison', comparisonCsv))?.toString(),
      comparisonCsv.toString(),
    );
    const csvBytes = await read(comparisonCsv);
    assert.deepEqual([...csvBytes.subarray(0, 3)], UTF8_BOM, 'UTF-8 with a byte order mark');
    const [header, ...lines] = parseCsv(csvBytes.subarray(3).toString('utf8'));
    assert.deepEqual(header?.slice(0, 5), ['File', 'Title', 'Subject', 'Framework', 'Overall']);
    assert.deepEqual(
      lines.map((line) => line.slice(0, 5)),
      rows.map((row) => [
        row.path,
        csvText(row.title),
        csvText(row.subject),
        csvText(row.frameworkName),
        csvText(row.overall.map((grade) => grade.label).join('; ')),
      ]),
    );
    const formula = rows.find((row) => row.path === FORMULA_FILE)?.title ?? '';
    assert.match(formula, /^=/);
    assert.equal(lines.find((line) => line[0] === FORMULA_FILE)?.[1], `'${formula}`);
    assert.equal(lines.find((line) => line[0] === HOSTILE_FILE)?.[2], HOSTILE_SUBJECT);

    // The summary of the report the summary panel shows. With its summary known, the panel takes it
    // as soon as the editor shows the report (its listener runs before this test's).
    const hostile =
      openDocument(file(HOSTILE_FILE)) ?? (await vscode.workspace.openTextDocument(file(HOSTILE_FILE)));
    const summary = await api.summary(hostile);
    assert.ok(summary);
    await vscode.commands.executeCommand('inspectionReport.summary.focus');
    await vscode.window.showTextDocument(hostile);
    await when(
      [vscode.window.onDidChangeActiveTextEditor],
      () => (vscode.window.activeTextEditor?.document === hostile ? true : undefined),
      'the hostile report to be the active editor',
    );
    const summaryJson = file('e2e-summary.json');
    assert.equal(
      (await exportTo('inspectionReport.exportSummary', summaryJson))?.toString(),
      summaryJson.toString(),
    );
    assert.deepEqual(JSON.parse((await read(summaryJson)).toString('utf8')), {
      format: 'inspection-report-summary',
      version: 1,
      summary,
    });
    const summaryCsv = file('e2e-summary.csv');
    assert.equal(
      (await exportTo('inspectionReport.exportSummary', summaryCsv))?.toString(),
      summaryCsv.toString(),
    );
    const summaryBytes = await read(summaryCsv);
    assert.deepEqual([...summaryBytes.subarray(0, 3)], UTF8_BOM);
    const [summaryHeader, ...judgements] = parseCsv(summaryBytes.subarray(3).toString('utf8'));
    assert.deepEqual(summaryHeader, ['Part', 'Judgement', 'Grade', 'Rank', 'Statements agree', 'Evidence']);
    assert.deepEqual(
      judgements.map((line) => [line[0], line[1]]),
      summary.parts.flatMap((part) => part.judgements.map((j) => [csvText(part.name), csvText(j.name)])),
      'the judgements’ parts and names, as written in the report',
    );

    // A file that exists is replaced only when the user says Replace in a modal question. VS Code
    // refuses modal dialogs in extension tests, so the question goes unanswered here (the export
    // fails with a message) and the file must stay as it was; the UI tests answer it both ways.
    const existing = file('e2e-existing.csv');
    const before = Buffer.from('not to be replaced\n');
    await vscode.workspace.fs.writeFile(existing, before);
    for (const command of ['inspectionReport.exportComparison', 'inspectionReport.exportSummary']) {
      assert.equal(await exportTo(command, existing), undefined, `${command}: nothing written`);
      assert.ok((await read(existing)).equals(before), `${command}: the file as it was`);
    }
  });

  it('crash: a language server killed with SIGKILL is restarted, silently, and serves the report again', async () => {
    const told: string[] = [];
    const listening = api.server.onDidTell((message) => told.push(message));
    try {
      editor = await vscode.window.showTextDocument(document);
      assert.ok(await api.summary(document), 'the server is running');
      const { killed, restarted } = await killAndAwaitRestart();
      assert.ok(restarted > 0 && killed > 0);
      await assertServerWorks();
      assert.deepEqual(told, [], 'a restart the user need not know about is not announced');
    } finally {
      listening.dispose();
    }
  });

  it('crash: a fourth crash within three minutes leaves it stopped and tells the user once; Restart brings it back', async () => {
    const told: string[] = [];
    const listening = api.server.onDidTell((message) => told.push(message));
    try {
      editor = await vscode.window.showTextDocument(document);
      // A user restart starts a fresh crash count (the previous test's crash does not count).
      const pids = new Set([await restartServer()]);
      await assertServerWorks();
      for (let crash = 1; crash <= 3; crash++) {
        const { restarted } = await killAndAwaitRestart();
        assert.ok(!pids.has(restarted), `crash ${crash}: a new process`);
        pids.add(restarted);
        assert.deepEqual(told, [], `crash ${crash}: restarted without a message`);
        await assertServerWorks();
      }
      const tell = nextEvent(api.server.onDidTell, () => true, 'the message about the fourth crash');
      const last = serverPid();
      retired.add(last);
      process.kill(last, 'SIGKILL');
      await tell;
      assert.equal(told.length, 1, `one message: ${JSON.stringify(told)}`);
      assert.match(
        told[0] ?? '',
        /stopped unexpectedly 4 times in 3 minutes.*"Inspection Report: Restart Language Server"/,
      );
      assert.ok(!serverProcesses().includes(last), 'the killed server is gone');
      assert.deepEqual(
        serverProcesses().filter((pid) => !retired.has(pid)),
        [],
        'no new server is started after the fourth crash',
      );

      // The command the message names starts it again.
      await vscode.commands.executeCommand('notifications.clearAll');
      assert.ok(!pids.has(await restartServer()), 'a new process');
      await assertServerWorks();
      assert.equal(told.length, 1, 'still the one message');
    } finally {
      listening.dispose();
    }
  });
});
