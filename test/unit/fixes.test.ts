import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { analyse } from '../../server/src/core/analyse';
import type { Analysis, Finding, LineIndex, ScaleEntry, TextFix } from '../../server/src/core/model';
import { codeActions } from '../../server/src/handlers/codeActions';
import { diagnostics } from '../../server/src/handlers/diagnostics';
import { sanitizeSettings } from '../../server/src/protocol/settings';
import { allFixtures, readFixture } from '../support/fixtures';
import { analysisProblems } from '../support/invariants';

/*
 * Edits are safe (issue 5, item 4). Wrong grades are injected into the seeds and the corpus (as in
 * mutation.test.ts) and every quick fix offered, by the core (`Finding.fixes`) and by the server's
 * code actions, is checked:
 * - it replaces the grade words and nothing else: its range lies inside the finding's grade words,
 *   on one line, and the new text holds no line break;
 * - it is one code action holding one text edit for the one document, with no command and no file
 *   operation, so VS Code applies it as one step that one undo reverts;
 * - applying the preferred fix removes the finding and adds no error;
 * - it still applies after an unrelated edit elsewhere: fixing then editing gives the same text as
 *   editing then fixing, and a diagnostic made stale by an edit on its own line gets no fix.
 * Nothing writes files: a quick fix is an edit the user chooses to apply. (There is no export to
 * a file; Copy Summary writes to the clipboard only when the user runs it.)
 */

const SETTINGS = sanitizeSettings(undefined).settings;
const URI = 'file:///test/report.txt';
/** Places tried per fixture and kind of damage; `npm run fuzz` (FUZZ_LONG=1) tries every place. */
const PER_FIXTURE = process.env['FUZZ_LONG'] === '1' ? Number.POSITIVE_INFINITY : 2;

interface Case {
  readonly fixture: string;
  readonly text: string;
  readonly line: number;
  readonly what: string;
}

function matchCase(label: string, model: string): string {
  if (model === model.toLowerCase()) return label.toLowerCase();
  return label.charAt(0).toUpperCase() + label.slice(1).toLowerCase();
}

/** Wrong grades injected at places where a judgement's grade stands, three kinds per place. */
function damagedReports(): Case[] {
  const cases: Case[] = [];
  for (const fixture of allFixtures()) {
    const text = readFixture(fixture);
    const base = analyse(text);
    const scale = base.model.scale.entries;
    const counts = { number: 0, label: 0, foreign: 0 };
    for (const judgement of base.model.judgements) {
      for (const evidence of judgement.evidence) {
        const written = text.slice(evidence.gradeSpan.start, evidence.gradeSpan.end);
        if (!evidence.grade || /[\r\n]/.test(written)) continue;
        const line = base.model.lines.positionAt(evidence.gradeSpan.start).line;
        const at = (replacement: string) =>
          text.slice(0, evidence.gradeSpan.start) + replacement + text.slice(evidence.gradeSpan.end);
        if (evidence.statedNumber !== undefined && counts.number < PER_FIXTURE) {
          const wrong = scale.find((s) => s.number !== undefined && s !== evidence.grade)?.number;
          if (wrong !== undefined) {
            counts.number++;
            cases.push({
              fixture: fixture.name,
              text: at(written.replace(/\d+/, String(wrong))),
              line,
              what: 'number',
            });
          }
        }
        const label = evidence.statedLabel ?? written;
        const other = scale[evidence.grade.rank % scale.length] as ScaleEntry;
        if (
          judgement.evidence.length >= 2 &&
          evidence.statedNumber === undefined &&
          counts.label < PER_FIXTURE
        ) {
          counts.label++;
          cases.push({ fixture: fixture.name, text: at(matchCase(other.label, label)), line, what: 'label' });
        }
        if (evidence.statedNumber === undefined && counts.foreign < PER_FIXTURE) {
          const foreign = scale.some((s) => s.label === 'Satisfactory') ? 'Very good' : 'Satisfactory';
          counts.foreign++;
          cases.push({
            fixture: fixture.name,
            text: at(matchCase(foreign, label)),
            line,
            what: 'foreign word',
          });
        }
      }
    }
  }
  return cases;
}

/** Applies LSP text edits (non-overlapping, any order) to a text whose line index is `lines`. */
function applyEdits(text: string, lines: LineIndex, edits: readonly TextEdit[]): string {
  return edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), edit }))
    .sort((a, b) => b.start - a.start)
    .reduce((out, { start, end, edit }) => out.slice(0, start) + edit.newText + out.slice(end), text);
}

function applyFix(text: string, fix: TextFix): string {
  return text.slice(0, fix.span.start) + fix.newText + text.slice(fix.span.end);
}

function withinRange(outer: Range, inner: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

/** The single text edit of a quick fix, after checking the action's shape. */
function onlyEdit(action: CodeAction): TextEdit {
  assert.equal(action.kind, 'quickfix');
  assert.equal(action.command, undefined, 'a quick fix runs no command');
  assert.equal(action.edit?.documentChanges, undefined, 'no file operations (create, rename, delete)');
  const changes = action.edit?.changes ?? {};
  assert.deepEqual(Object.keys(changes), [URI], 'edits only the report itself');
  const edits = changes[URI] ?? [];
  assert.equal(edits.length, 1, 'one text edit: one undo reverts it');
  return edits[0] as TextEdit;
}

function errors(analysis: Analysis): Finding[] {
  return analysis.findings.filter((f) => f.severity === 'error');
}

/** An edit elsewhere: a word added to the nearest earlier line of plain prose (no grade on it). */
function unrelatedEdit(
  text: string,
  analysis: Analysis,
  beforeLine: number,
): { at: number; insert: string } | undefined {
  const { lines } = analysis.model;
  const graded = new Set<number>();
  for (const j of analysis.model.judgements)
    for (const e of j.evidence)
      for (const o of [e.span.start, e.span.end]) graded.add(lines.positionAt(o).line);
  for (let line = beforeLine - 3; line >= 0; line--) {
    const start = lines.lineStart(line);
    const content = text.slice(start, lines.lineEnd(line));
    const space = content.indexOf(' the ');
    if (graded.has(line) || content.length < 60 || space < 0 || /\t|\|/.test(content)) continue;
    return { at: start + space + 1, insert: 'very ' };
  }
  return undefined;
}

describe('quick fixes on wrong grades injected into the seeds and the corpus', () => {
  const cases = damagedReports();
  test(`there are cases of every kind (${cases.length})`, () => {
    for (const what of ['number', 'label', 'foreign word'])
      assert.ok(
        cases.some((c) => c.what === what),
        what,
      );
  });

  test('each fix replaces only the grade words, as one edit on one line', () => {
    let fixes = 0;
    for (const c of cases) {
      const analysis = analyse(c.text);
      assert.deepEqual(analysisProblems(c.text, analysis), []);
      const { lines } = analysis.model;
      for (const finding of analysis.findings) {
        for (const fix of finding.fixes) {
          fixes++;
          const where = `${c.fixture} L${c.line + 1} (${c.what}) ${finding.code} "${fix.title}"`;
          assert.ok(
            finding.span.start <= fix.span.start && fix.span.end <= finding.span.end,
            `${where}: the fix lies inside the grade words`,
          );
          assert.equal(lines.positionAt(fix.span.start).line, lines.positionAt(fix.span.end).line, where);
          assert.doesNotMatch(fix.newText, /[\r\n]/, where);
          assert.notEqual(
            fix.newText,
            c.text.slice(fix.span.start, fix.span.end),
            `${where}: changes something`,
          );
        }
      }
      const diags = diagnostics(URI, analysis, SETTINGS);
      for (const diagnostic of diags) {
        for (const action of codeActions(URI, analysis, SETTINGS, [diagnostic])) {
          const edit = onlyEdit(action);
          assert.ok(
            withinRange(diagnostic.range, edit.range),
            `${c.fixture}: the edit lies inside the diagnostic`,
          );
          assert.deepEqual(action.diagnostics, [diagnostic]);
        }
      }
    }
    assert.ok(fixes > 20, `only ${fixes} fixes were offered`);
  });

  test('the preferred fix removes its finding and adds no error', () => {
    let tried = 0;
    for (const c of cases) {
      const analysis = analyse(c.text);
      const finding = analysis.findings.find(
        (f) => f.fixes.length > 0 && analysis.model.lines.positionAt(f.span.start).line === c.line,
      );
      if (!finding) continue;
      tried++;
      const fix = finding.fixes[0] as TextFix;
      const fixed = applyFix(c.text, fix);
      const after = analyse(fixed);
      const end = fix.span.start + fix.newText.length;
      const where = `${c.fixture} L${c.line + 1} (${c.what}) "${fix.title}"`;
      assert.ok(
        !after.findings.some(
          (f) => f.code === finding.code && f.span.start <= end && fix.span.start <= f.span.end,
        ),
        `${where}: ${finding.code} is still reported`,
      );
      assert.ok(errors(after).length < errors(analysis).length, `${where}: errors did not go down`);
    }
    assert.ok(tried > 20, `only ${tried} preferred fixes were tried`);
  });

  test('a fix still applies after an edit on another line, and a stale one is not offered', () => {
    let commuted = 0;
    for (const c of cases) {
      const analysis = analyse(c.text);
      const diagnostic = diagnostics(URI, analysis, SETTINGS).find(
        (d) => d.range.start.line === c.line && codeActions(URI, analysis, SETTINGS, [d]).length > 0,
      );
      if (!diagnostic) continue;
      const fixEdit = onlyEdit(codeActions(URI, analysis, SETTINGS, [diagnostic])[0] as CodeAction);
      const other = unrelatedEdit(c.text, analysis, c.line);
      if (other) {
        const edited = c.text.slice(0, other.at) + other.insert + c.text.slice(other.at);
        const reanalysed = analyse(edited);
        // The client asks again with the diagnostic it holds; its range is on another line, unchanged.
        const actions = codeActions(URI, reanalysed, SETTINGS, [diagnostic]);
        assert.ok(actions.length > 0, `${c.fixture} L${c.line + 1}: no fix after an edit on another line`);
        const fixedAfter = applyEdits(edited, reanalysed.model.lines, [onlyEdit(actions[0] as CodeAction)]);
        const fixedFirst = applyEdits(c.text, analysis.model.lines, [fixEdit]);
        const at = other.at;
        assert.equal(fixedAfter, fixedFirst.slice(0, at) + other.insert + fixedFirst.slice(at));
        commuted++;
      }
      // An edit at the start of the diagnostic's own line moves the grade: the old diagnostic is stale.
      const lineStart = analysis.model.lines.lineStart(c.line);
      const shifted = `${c.text.slice(0, lineStart)}  ${c.text.slice(lineStart)}`;
      assert.deepEqual(
        codeActions(URI, analyse(shifted), SETTINGS, [diagnostic]),
        [],
        `${c.fixture} L${c.line + 1}: a stale diagnostic still got a fix`,
      );
    }
    assert.ok(commuted > 10, `only ${commuted} fixes were tried after another edit`);
  });

  test('diagnostics switched off or set to "off" offer no fix', () => {
    const c = cases.find((x) => analyse(x.text).findings.some((f) => f.fixes.length > 0));
    assert.ok(c);
    const analysis = analyse(c.text);
    const all: Diagnostic[] = diagnostics(URI, analysis, SETTINGS);
    assert.ok(all.length > 0);
    assert.deepEqual(codeActions(URI, analysis, { ...SETTINGS, diagnosticsEnable: false }, all), []);
    const off = Object.fromEntries(analysis.findings.map((f) => [f.code, 'off' as const]));
    assert.deepEqual(codeActions(URI, analysis, { ...SETTINGS, severity: off }, all), []);
    assert.deepEqual(codeActions(URI, analysis, SETTINGS, all, ['refactor']), [], 'only quick fixes');
    const foreign = all.map((d) => ({ ...d, source: 'another-extension' }));
    assert.deepEqual(codeActions(URI, analysis, SETTINGS, foreign), [], "other extensions' diagnostics");
  });
});
