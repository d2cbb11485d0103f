import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import { type PassResults, passResults } from '../../server/src/core/assemble';
import { editBasisOf } from '../../server/src/core/edits';
import type { Heading } from '../../server/src/core/headings';
import { OffsetMap } from '../../server/src/core/offsetMap';
import type { ProseStatement } from '../../server/src/core/prose';
import { splicePasses, type WindowFinds } from '../../server/src/core/splice';
import { allFixtures, readFixture } from '../support/fixtures';

/*
 * splicePasses (core/splice.ts) on a real report's pass results and windows cut from them by
 * hand: it takes the window's new finds in the window's inner lines, and refuses when the edit
 * changed finds outside them or when the window's old finds are not the report's own. The random
 * edits of edits.test.ts rarely reach these refusals; here each is shown to matter.
 */

const fixture = allFixtures().find((f) => f.name.includes('Kent_overall-good'));
assert.ok(fixture, 'the Kent SIF fixture');
const analysis = analyse(readFixture(fixture));
const passes = editBasisOf(analysis)?.passes as PassResults;
assert.ok(passes, 'a full analysis leaves its pass results');
const { lines } = analysis.model;

// A window of 40 lines around a heading in the body with another heading near it; the "edit" is
// on the heading's line.
const centre = passes.scanned.find(
  (h, i) => i >= 5 && Math.abs((passes.scanned[i + 1]?.first ?? -99) - h.first) <= 8,
) as Heading;
assert.ok(centre, 'a heading with another one near it');
const window = { first: centre.first - 20, lines: 40, from: lines.lineStart(centre.first - 20) };
const inWindow = (line: number) => line >= window.first && line < window.first + window.lines;

/** A report item as the window's scan finds it: lines and offsets from the window's start. */
function toWindow(heading: Heading): Heading {
  const shift = (span: { start: number; end: number }) => ({
    start: span.start - window.from,
    end: span.end - window.from,
  });
  return {
    ...heading,
    first: heading.first - window.first,
    last: heading.last - window.first,
    end: heading.end - window.first,
    span: shift(heading.span),
    ...(heading.grade
      ? {
          grade: {
            ...heading.grade,
            span: shift(heading.grade.span),
            statementSpan: shift(heading.grade.statementSpan),
          },
        }
      : {}),
  };
}

function statementToWindow(statement: ProseStatement): ProseStatement {
  return {
    ...statement,
    line: statement.line - window.first,
    paragraphLine: statement.paragraphLine - window.first,
    span: { start: statement.span.start - window.from, end: statement.span.end - window.from },
    gradeSpan: {
      start: statement.gradeSpan.start - window.from,
      end: statement.gradeSpan.end - window.from,
    },
  };
}

/** What the window's scan of the unedited report finds. */
const found: WindowFinds = {
  headings: passes.scanned.filter((h) => inWindow(h.first)).map(toWindow),
  statements: passes.statements.filter((s) => inWindow(s.line)).map(statementToWindow),
  paragraphStarts: passes.paragraphStarts.filter(inWindow).map((line) => line - window.first),
};

/** An edit of no length in the middle of the centre heading's line: moves nothing. */
const offset = lines.lineStart(centre.first) + 1;
const map = new OffsetMap(offset, offset, 0);

/** `finds` with the heading at window line `line` renamed, or a heading added there. */
function withHeading(finds: WindowFinds, line: number, name: string): WindowFinds {
  const at = finds.headings.findIndex((h) => h.first === line);
  const template = finds.headings[0] as Heading;
  const heading: Heading = { ...template, first: line, last: line, end: line, name };
  const headings = [...finds.headings];
  if (at >= 0) headings[at] = { ...(headings[at] as Heading), name };
  else headings.splice(headings.findIndex((h) => h.first > line) >>> 0, 0, heading);
  return { ...finds, headings: headings.sort((a, b) => a.first - b.first) };
}

describe('splicing pass results', () => {
  test('the window found before and after as the report: the same results', () => {
    assert.ok(found.headings.length >= 2, 'the window holds headings');
    const spliced = splicePasses(passes, found, found, window, centre.first, map);
    assert.ok(spliced);
    assert.deepEqual(spliced.scanned, passes.scanned);
    assert.deepEqual(spliced.statements, passes.statements);
    assert.deepEqual(spliced.paragraphStarts, passes.paragraphStarts);
  });

  test("a heading renamed in the window's inner lines is taken from the new finds", () => {
    const now = withHeading(found, 20, 'A renamed heading');
    const spliced = splicePasses(passes, found, now, window, centre.first, map);
    assert.ok(spliced);
    const renamed = spliced.scanned.find((h) => h.first === centre.first);
    assert.equal(renamed?.name, 'A renamed heading');
    assert.equal(spliced.scanned.length, passes.scanned.length);
  });

  test('a find changed outside the inner lines (near the window edge): refused', () => {
    const now = withHeading(found, window.lines - 3, 'A heading the edit made far away');
    assert.equal(splicePasses(passes, found, now, window, centre.first, map), undefined);
    const early = withHeading(found, 2, 'A heading the edit made before it');
    assert.equal(splicePasses(passes, found, early, window, centre.first, map), undefined);
  });

  test("the window's old finds not the report's own in its inner lines: refused", () => {
    // As if the window, cut from the report, read a heading the whole analysis did not find.
    const misread = withHeading(found, 15, 'Only the window sees this');
    assert.equal(splicePasses(passes, misread, misread, window, centre.first, map), undefined);
  });

  test('an edited line too near the window edge: refused', () => {
    assert.equal(splicePasses(passes, found, found, window, window.first + 3, map), undefined);
  });
});

describe('pass results', () => {
  test('spliced, moved or made whole, they have the same properties in the same order', () => {
    const spliced = splicePasses(passes, found, found, window, centre.first, map);
    assert.ok(spliced);
    assert.deepEqual(Object.keys(spliced), Object.keys(passes));
    assert.deepEqual(Object.keys(passResults(passes)), Object.keys(passes));
  });

  test('a change to undefined is kept; a property not changed is the same object', () => {
    assert.ok(passes.headline, 'the fixture has a headline');
    const changed = passResults(passes, { headline: undefined });
    assert.equal(changed.headline, undefined);
    assert.equal(changed.scanned, passes.scanned);
    assert.deepEqual(passResults(passes), passes);
  });
});
