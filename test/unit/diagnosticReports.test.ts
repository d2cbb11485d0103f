import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { sameDiagnostics } from '../../server/src/diagnosticReports';

const range = (line: number, from: number, to: number) => ({
  start: { line, character: from },
  end: { line, character: to },
});

function mismatch(line = 86): Diagnostic {
  return {
    range: range(line, 0, 20),
    severity: 1,
    source: 'inspection-report',
    code: 'grade-label-mismatch',
    codeDescription: { href: 'file:///README.md#grade-label-mismatch' },
    message: 'Grade 2 is "Good" on this scale, not "inadequate".',
    relatedInformation: [
      { location: { uri: 'file:///r.txt', range: range(40, 2, 9) }, message: 'The scale' },
      { location: { uri: 'file:///r.txt', range: range(900, 0, 30) }, message: 'The table' },
    ],
  };
}

describe('sameDiagnostics: what decides an "unchanged" pull-diagnostics answer', () => {
  test('equal lists made separately are the same', () => {
    assert.equal(sameDiagnostics([mismatch(), mismatch(90)], [mismatch(), mismatch(90)]), true);
    assert.equal(sameDiagnostics([], []), true);
  });

  test('any difference in order, count, position, wording, related places or fields is a change', () => {
    const base = [mismatch(), mismatch(90)];
    const changed = (edit: (d: Diagnostic) => void): Diagnostic[] => {
      const copy = [mismatch(), mismatch(90)];
      edit(copy[1] as Diagnostic);
      return copy;
    };
    assert.equal(sameDiagnostics(base, [mismatch(90), mismatch()]), false, 'order');
    assert.equal(sameDiagnostics(base, [mismatch()]), false, 'count');
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => (d.range.end.character = 21)),
      ),
      false,
      'range',
    );
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => (d.severity = 2)),
      ),
      false,
      'severity',
    );
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => (d.message += '!')),
      ),
      false,
      'message',
    );
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => d.relatedInformation?.pop()),
      ),
      false,
      'one related place fewer',
    );
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => {
          const place = d.relatedInformation?.[1];
          if (place) place.location.range.start.character = 1;
        }),
      ),
      false,
      'a related place moved',
    );
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => (d.tags = [1])),
      ),
      false,
      'a field more',
    );
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => delete d.codeDescription),
      ),
      false,
      'a field fewer',
    );
    assert.equal(
      sameDiagnostics(
        base,
        changed((d) => {
          delete d.relatedInformation;
          d.data = mismatch().relatedInformation;
        }),
      ),
      false,
      'the same value under another key',
    );
  });
});
