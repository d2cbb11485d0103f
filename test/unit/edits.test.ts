import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import { analyseEdit, editBasisOf, editedLineOf } from '../../server/src/core/edits';
import type { KnownChange } from '../../server/src/core/textDiff';
import type { AnalyseOptions, Analysis } from '../../server/src/core/model';
import { allFixtures, readFixture } from '../support/fixtures';
import { fingerprint } from '../support/invariants';
import { seededRandom } from '../support/random';
import { scanDebris } from '../../server/src/core/pages';
import { PieceText } from '../../server/src/core/pieceText';
import { cleanLine, cleanLines, splitLines } from '../../server/src/core/text';
import {
  buildDocumentSymbols,
  carryDocumentSymbols,
  documentSymbols,
} from '../../server/src/handlers/symbols';
import type { DocumentSymbol } from 'vscode-languageserver';

/*
 * Re-analysis after an edit (core/edits.ts) against the oracle: a full analysis of the edited text.
 * On every fixture, seeded random edits of the kinds typing makes (a character typed at a line's end
 * or inside it, one deleted, a word replaced, a grade or a sentence typed, a space) are applied one
 * after another; whenever `analyseEdit` answers, its analysis must equal the full analysis of the
 * same text in every field, and its line index must agree line by line.
 *
 *   EDITS_PER_FIXTURE=<n>   edits per fixture (default 60)
 *   EDITS_SEED=<n>          seed of the edits (default 7)
 */

const PER_FIXTURE = Number.parseInt(process.env['EDITS_PER_FIXTURE'] ?? '', 10) || 60;
const SEED = Number.parseInt(process.env['EDITS_SEED'] ?? '', 10) || 7;

const TYPED = ['e', 'x', 'A', '.', ' ', ',', '1', ':', '(', '"', '-', '’', '\u00a0', 'é'];
const WORDS = [
  'good',
  'Good',
  'inadequate',
  'requires improvement',
  'Grade 2',
  'Grade 4 (inadequate)',
  'outstanding.',
  ' is good.',
  'Overall effectiveness',
  'Contents',
  'Page 3',
  '12',
  'the',
  'children',
  '',
];

/** One edit to `text`: the new text. Half the edits go to one of `focus` (line numbers) when given. */
function editOnce(text: string, next: () => number, focus: readonly number[] = []): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const line =
    focus.length > 0 && next() < 0.5
      ? (focus[Math.floor(next() * focus.length)] ?? 0)
      : Math.floor(next() * lineStarts.length);
  const start = lineStarts[line] ?? 0;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  const at = start + Math.floor(next() * (end - start + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  switch (Math.floor(next() * 6)) {
    case 0:
      return text.slice(0, end) + pick(TYPED) + text.slice(end);
    case 1:
      return text.slice(0, at) + pick(TYPED) + text.slice(at);
    case 2:
      return at < end ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, end) + 'y' + text.slice(end);
    case 3: {
      // Replace the word at `at` (or insert at `at`) with another word or a grade.
      let a = at;
      let b = at;
      while (a > start && /\w/.test(text.charAt(a - 1))) a--;
      while (b < end && /\w/.test(text.charAt(b))) b++;
      return text.slice(0, a) + pick(WORDS) + text.slice(b);
    }
    case 4:
      return text.slice(0, end) + pick(WORDS) + text.slice(end);
    default:
      return text.slice(0, at) + '  ' + text.slice(at);
  }
}

/**
 * What an editor's change events would say of the edit from `before` to `after`: the smallest
 * change, widened on either side by up to 40 characters where the two texts still agree.
 */
function knownChange(before: string, after: string, next: () => number): KnownChange {
  let from = 0;
  while (from < before.length && from < after.length && before[from] === after[from]) from++;
  let suffix = 0;
  const most = Math.min(before.length, after.length) - from;
  while (suffix < most && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const wider = Math.min(suffix, Math.floor(next() * 41));
  return {
    from: Math.max(0, from - Math.floor(next() * 41)),
    oldTo: before.length - suffix + wider,
    newTo: after.length - suffix + wider,
  };
}

/** Every line start and end of the analysis's line index, as one string. */
function lineTable(analysis: Analysis): string {
  const { lines } = analysis.model;
  const out: number[] = [];
  for (let i = 0; i < lines.lineCount; i++) out.push(lines.lineStart(i), lines.lineEnd(i));
  return out.join(',');
}

/** How many reused analyses had their document symbols carried over, sharing the earlier ones. */
let symbolsShared = 0;
/** How many edits were re-analysed from spliced pass results rather than moved whole. */
let spliced = 0;
/** How many spliced analyses' symbols shared some with the earlier ones (compared one by one). */
let splicedSymbolsShared = 0;

/** Applies `count` edits in turn; checks each reused analysis; returns how many were reused. */
function checkEdits(
  name: string,
  text: string,
  options: AnalyseOptions,
  count: number,
  seed: number,
  focusOnGrades = false,
): number {
  const next = seededRandom(seed);
  // Symbols are asked for after most edits, not all, so that edits carried in a row are checked too.
  const asks = seededRandom(seed ^ 0x5bd1e995);
  // Half the edits come with what the editor would say of them (`KnownChange`), as in the server.
  const hints = seededRandom(seed ^ 0x27d4eb2f);
  // Half the edits are read through the text's pieces, as the server's documents keep it.
  const piecewise = seededRandom(seed ^ 0x165667b1);
  let pieces = PieceText.of(text);
  let current = text;
  let analysis = analyse(current, options);
  let reused = 0;
  for (let k = 0; k < count; k++) {
    // Lines where a grade is stated (headings, grade lines, table rows, sentences), when asked.
    const focus = focusOnGrades
      ? analysis.model.judgements.flatMap((j) =>
          j.evidence.map((e) => analysis.model.lines.positionAt(e.span.start).line),
        )
      : [];
    const edited = editOnce(current, next, focus);
    const full = analyse(edited, options);
    const earlier = asks() < 0.7 ? documentSymbols(analysis.model) : undefined;
    const known = hints() < 0.5 ? knownChange(current, edited, hints) : undefined;
    const change = known ?? knownChange(current, edited, () => 0);
    pieces = pieces.replace(change.from, change.oldTo, edited.slice(change.from, change.newTo));
    const fast = analyseEdit(analysis, edited, options, {}, known, piecewise() < 0.5 ? pieces : undefined);
    if (fast) {
      assert.equal(fast.model.text, edited, `${name}, edit ${k}: the model's text`);
      assert.equal(
        fingerprint(fast),
        fingerprint(full),
        `${name}, edit ${k}: reused analysis differs from full`,
      );
      assert.equal(lineTable(fast), lineTable(full), `${name}, edit ${k}: line index differs`);
      assert.ok(editBasisOf(fast), `${name}, edit ${k}: a reused analysis leaves a basis for the next edit`);
      carryDocumentSymbols(analysis.model, fast.model);
      const symbols = documentSymbols(fast.model);
      assert.deepEqual(
        symbols,
        buildDocumentSymbols(full.model),
        `${name}, edit ${k}: carried document symbols differ from those of the full analysis`,
      );
      const shared = earlier !== undefined && symbols.some((symbol, i) => symbol === earlier[i]);
      if (shared) symbolsShared++;
      if (editedLineOf(fast.model) === undefined) {
        spliced++;
        if (shared) splicedSymbolsShared++;
      }
      reused++;
    }
    if (k % 50 === 0) assert.equal(pieces.toString(), edited, `${name}, edit ${k}: the pieces`);
    // Go on from the reused analysis when there is one, so that bases made by edits are tested too.
    analysis = fast ?? full;
    current = edited;
  }
  return reused;
}

describe('re-analysis after an edit equals a full analysis', () => {
  const fixtures = allFixtures();
  let reused = 0;
  let total = 0;
  for (const [index, fixture] of fixtures.entries()) {
    test(fixture.name, () => {
      const text = readFixture(fixture);
      reused += checkEdits(fixture.name, text, {}, PER_FIXTURE, SEED * 1000 + index);
      total += PER_FIXTURE;
    });
  }

  test('edits where grades are stated', (t) => {
    // Half of these edits go to lines that state a grade, where what the passes find changes and
    // the pass results are spliced (or the edit is analysed in full).
    const splicedBefore = spliced;
    let reusedHere = 0;
    for (const [index, fixture] of fixtures.entries()) {
      if (index % 3 !== 0) continue;
      const text = readFixture(fixture);
      reusedHere += checkEdits(`${fixture.name} (grades)`, text, {}, PER_FIXTURE, SEED * 7 + index, true);
    }
    t.diagnostic(`reused ${reusedHere}, of which ${spliced - splicedBefore} from spliced pass results`);
    assert.ok(spliced - splicedBefore > 0, 'no edit where a grade is stated was spliced');
  });

  test('CRLF text and forced options', () => {
    const fixture = fixtures.find((f) => f.name === 'seed-000') ?? fixtures[0];
    assert.ok(fixture);
    const text = readFixture(fixture).replace(/\r?\n/g, '\r\n');
    reused += checkEdits('seed-000 CRLF', text, {}, PER_FIXTURE, SEED);
    reused += checkEdits(
      'seed-000 sif',
      readFixture(fixture),
      { framework: 'sif', maxOutlineNodes: 40 },
      PER_FIXTURE,
      SEED + 1,
    );
    total += 2 * PER_FIXTURE;
  });

  test('most edits inside prose are reused (the check above is not vacuous)', (t) => {
    // Random edits land anywhere: in headings, tables and the title block too, which are analysed
    // in full. Still, a good share of them must have taken the fast path.
    assert.ok(total > 0);
    t.diagnostic(`reused ${reused} of ${total}`);
    assert.ok(reused / total > 0.2, `only ${reused} of ${total} edits were reused`);
    t.diagnostic(`document symbols carried over (sharing the earlier ones) after ${symbolsShared} edits`);
    t.diagnostic(`re-analysed from spliced pass results: ${spliced} edits`);
    assert.ok(spliced > 0, 'no edit was re-analysed from spliced pass results');
    assert.ok(symbolsShared > reused / 4, `symbols were carried after only ${symbolsShared} edits`);
    t.diagnostic(`spliced analyses whose symbols shared some with the earlier ones: ${splicedSymbolsShared}`);
    assert.ok(
      splicedSymbolsShared > spliced / 4,
      `only ${splicedSymbolsShared} of ${spliced} spliced shared symbols`,
    );
  });

  test('an edit that changes what a sentence states is analysed again from spliced passes', (t) => {
    // Changing the grade a sentence states changes a judgement (and may raise statement-mismatch):
    // the previous analysis cannot just be moved. Where the change stays near the edited line, the
    // passes' results are spliced and the later stages run again; the result is the full analysis.
    let checked = 0;
    for (const fixture of fixtures) {
      if (checked >= 12) break;
      const text = readFixture(fixture);
      const analysis = analyse(text);
      const prose = analysis.model.judgements.flatMap((j) => j.evidence.filter((e) => e.source === 'prose'));
      for (const evidence of prose.slice(0, 3)) {
        const other = evidence.text.toLowerCase() === 'good' ? 'inadequate' : 'good';
        const edited = text.slice(0, evidence.gradeSpan.start) + other + text.slice(evidence.gradeSpan.end);
        const fast = analyseEdit(analysis, edited, {});
        if (!fast) continue;
        assert.equal(
          editedLineOf(fast.model),
          undefined,
          `${fixture.name}: a changed statement is not moved`,
        );
        assert.equal(fingerprint(fast), fingerprint(analyse(edited)), `${fixture.name}: spliced analysis`);
        // The caller may forbid splicing long texts (the server does, on its main thread).
        const over = { spliceUpTo: edited.length - 1 };
        assert.equal(analyseEdit(analysis, edited, {}, over), undefined, `${fixture.name}: over the limit`);
        assert.ok(
          analyseEdit(analysis, edited, {}, { spliceUpTo: edited.length }),
          `${fixture.name}: at the limit`,
        );
        checked++;
      }
    }
    t.diagnostic(`${checked} changed statements re-analysed from spliced passes`);
    assert.ok(checked > 0, 'no changed statement took the spliced path');
    // Different options: no reuse.
    const text = readFixture(fixtures[0] ?? assert.fail('no fixture'));
    assert.equal(analyseEdit(analyse(text), `${text} `, { framework: 'sif' }), undefined);
  });
});

describe('re-analysis told where the text changed', () => {
  const fixture = allFixtures().find((f) => f.name.includes('CLA_Kent'));
  assert.ok(fixture);
  const text = readFixture(fixture);
  const analysis = analyse(text);
  /** The first line end from the middle on where typing "x" is re-analysed from `analysis`. */
  const reusedAt = (): number => {
    for (let at = text.indexOf('\n', text.length >> 1); at >= 0; at = text.indexOf('\n', at + 1))
      if (analyseEdit(analysis, `${text.slice(0, at)}x${text.slice(at)}`, {})) return at;
    return assert.fail('no line where an edit is reused');
  };

  test('a known change that cannot describe the two texts is ignored', () => {
    const at = reusedAt();
    const edited = `${text.slice(0, at)}x${text.slice(at)}`;
    const plain = analyseEdit(analysis, edited, {});
    assert.ok(plain, 'an edit that is reused');
    for (const wrong of [
      { from: at, oldTo: at, newTo: at }, // lengths that do not add up
      { from: -1, oldTo: at, newTo: at + 1 },
      { from: at + 2, oldTo: at + 1, newTo: at + 2 },
      { from: at, oldTo: text.length + 1, newTo: edited.length + 1 },
      { from: 0.5, oldTo: at, newTo: at + 1 },
    ]) {
      const told = analyseEdit(analysis, edited, {}, {}, wrong);
      assert.ok(told, JSON.stringify(wrong));
      assert.equal(fingerprint(told), fingerprint(plain), JSON.stringify(wrong));
    }
  });

  test('a known change as wide as the text gives the same analysis as none', () => {
    const at = reusedAt();
    // The random edits above come with known changes a little wider than the edit; this one is all of it.
    const edited = `${text.slice(0, at)}e${text.slice(at)}`;
    const wide = analyseEdit(analysis, edited, {}, {}, { from: 0, oldTo: text.length, newTo: edited.length });
    const plain = analyseEdit(analysis, edited, {});
    assert.ok(wide && plain);
    assert.equal(fingerprint(wide), fingerprint(plain));
    assert.equal(editedLineOf(wide.model), editedLineOf(plain.model));
  });
});

describe('re-analysis refuses edits that reach past the window it checks', () => {
  const fixtures = allFixtures();
  const named = (part: string) => {
    const fixture = fixtures.find((f) => f.name.includes(part));
    assert.ok(fixture, `fixture ${part}`);
    return readFixture(fixture);
  };
  /** Offset of the end of the line holding `offset` (before its line break). */
  const lineEndAt = (text: string, offset: number) => {
    const end = text.indexOf('\n', offset);
    return end < 0 ? text.length : text.charCodeAt(end - 1) === 13 ? end - 1 : end;
  };

  test('a word that changes the detected framework', () => {
    // A 2012 school report that never says "requires improvement" becomes a 2005 one (another
    // scale) once it says "satisfactory" anywhere in its first 400,000 characters.
    const text = named('FarnhamHeathEnd').replace(/requires improvement/gi, 'needs work');
    const analysis = analyse(text);
    assert.equal(analysis.model.framework, 'school-2012');
    // The first line end past the middle where typing a neutral word is reused.
    let at = lineEndAt(text, Math.floor(text.length / 2));
    while (at < text.length && !analyseEdit(analysis, `${text.slice(0, at)} steady${text.slice(at)}`, {}))
      at = lineEndAt(text, at + 1);
    assert.ok(at < text.length, 'a place where an edit is reused');
    const flipping = `${text.slice(0, at)} satisfactory${text.slice(at)}`;
    assert.equal(analyse(flipping).model.framework, 'school-2005');
    assert.equal(analyseEdit(analysis, flipping, {}), undefined);
  });

  test('typing after trailing spaces at the end of a section', () => {
    // A section ends at its last character that is not white space: typing after trailing spaces
    // moves that end although the offset typed at is past it.
    const text = named('SIF_Bolton');
    const analysis = analyse(text);
    let moved = 0;
    for (const node of analysis.model.outline.flatMap((n) => [n, ...n.children])) {
      const end = node.span.end;
      if (node.kind !== 'section' && node.kind !== 'subsection') continue;
      const lineEnd = lineEndAt(text, end);
      if (lineEnd !== end) continue;
      const spaced = `${text.slice(0, end)}   ${text.slice(end)}`;
      const base = analyse(spaced);
      const edited = `${spaced.slice(0, end + 3)}x${spaced.slice(end + 3)}`;
      const full = analyse(edited);
      if (fingerprint(full) !== fingerprint(base)) moved++;
      const fast = analyseEdit(base, edited, {});
      if (fast) assert.equal(fingerprint(fast), fingerprint(full), `section ending at ${end}`);
    }
    assert.ok(moved > 0, 'some of these edits move a section end');
  });

  test('a line near a page break made a running header', () => {
    // A line the running-header search compares across pages, edited into the header itself,
    // becomes debris: the window's own passes cannot see that, so the edit is refused.
    const text = named('CLA_Medway');
    const lines = splitLines(text);
    const { debris, notes } = scanDebris(lines);
    const header = cleanLines(lines).findIndex(
      (clean, i) => debris.has(i) && !/^\s*(page\s+)?\d/i.test(clean),
    );
    assert.ok(header >= 0, 'the report has a running header');
    // In lower case (running headers are compared so) it does not start a heading or a sentence.
    const headerText = text.slice(lines.starts[header], lines.ends[header]).toLowerCase();
    const analysis = analyse(text);
    let refused = 0;
    for (let index = 0; index < lines.lineCount; index++) {
      const start = lines.starts[index] ?? 0;
      const end = lines.ends[index] ?? 0;
      const clean = cleanLine(lines, index) ?? '';
      if (!notes.noted.has(index) || debris.has(index) || end === start) continue;
      const neutral = `${text.slice(0, end)} steady${text.slice(end)}`;
      if (!analyseEdit(analysis, neutral, {})) continue;
      // The line's text after its leading white space (a form feed may start it) becomes the header.
      const from = start + clean.length - clean.trimStart().length;
      const edited = text.slice(0, from) + headerText.trim() + text.slice(end);
      assert.ok(scanDebris(splitLines(edited)).debris.has(index), 'the edited line is debris');
      assert.equal(analyseEdit(analysis, edited, {}), undefined, `line ${index + 1}`);
      refused++;
    }
    assert.ok(refused > 0, 'some lines near page breaks take edits that are reused');
  });
});

describe('pass results kept across many moved edits', () => {
  test('a heading edited after a long spell of typing in prose is spliced as a full analysis would find it', () => {
    // Moved edits leave offset moves for the pass results, composed when they are in one place and
    // applied once there are 32. After 70 characters typed in one line of prose, a heading's edit
    // must still splice correctly.
    let checked = 0;
    for (const fixture of allFixtures()) {
      if (checked >= 3) break;
      let text = readFixture(fixture);
      let analysis = analyse(text);
      const lineEnd = (line: number) => analysis.model.lines.lineEnd(line);
      let prose = -1;
      for (let line = 100; line < analysis.model.lines.lineCount && prose < 0; line++) {
        const end = lineEnd(line);
        const typed = analyseEdit(analysis, `${text.slice(0, end)}x${text.slice(end)}`, {});
        if (typed && editedLineOf(typed.model) !== undefined) prose = line;
      }
      if (prose < 0) continue;
      let typed = 0;
      for (let k = 0; k < 70; k++) {
        const end = lineEnd(prose);
        const edited = `${text.slice(0, end)}${k % 7 === 6 ? ' ' : 'x'}${text.slice(end)}`;
        const moved = analyseEdit(analysis, edited, {});
        if (!moved || editedLineOf(moved.model) === undefined) break;
        text = edited;
        analysis = moved;
        typed++;
      }
      if (typed < 40) continue;
      // Typing in one place makes one move, not one per keystroke (no pile to apply at once).
      assert.equal(editBasisOf(analysis)?.moves.length, 1, `${fixture.name}: moves after typing`);
      const headings = analysis.model.judgements
        .filter((j) => j.evidence.some((e) => e.source === 'heading'))
        .map((j) => analysis.model.lines.positionAt(j.span.start).line);
      for (const line of headings) {
        const end = lineEnd(line);
        const edited = `${text.slice(0, end)}s${text.slice(end)}`;
        const spliced = analyseEdit(analysis, edited, {});
        if (!spliced || editedLineOf(spliced.model) !== undefined) continue;
        assert.equal(
          fingerprint(spliced),
          fingerprint(analyse(edited)),
          `${fixture.name}: heading at ${line}`,
        );
        checked++;
        break;
      }
    }
    assert.ok(checked > 0, 'no fixture had a heading spliced after typing in prose');
  });
});

describe('lines compared for running headers', () => {
  test('typing and deleting on one again and again stays re-analysed from the previous analysis', () => {
    // An edit on such a line counts its page for the line's new signature, so that the line cannot
    // quietly become a running header; counting it again on every keystroke made the counts grow
    // until every edit of the line was refused.
    let checked = 0;
    for (const fixture of allFixtures()) {
      if (checked >= 3) break;
      const original = readFixture(fixture);
      let analysis = analyse(original);
      const basis = editBasisOf(analysis);
      if (!basis) continue;
      const lines = analysis.model.lines;
      let line = -1;
      for (let i = 0; i < lines.lineCount && line < 0; i++) {
        if (basis.noted[i] !== 1 || lines.lineEnd(i) - lines.lineStart(i) < 20) continue;
        const end = lines.lineEnd(i);
        if (analyseEdit(analysis, `${original.slice(0, end)}x${original.slice(end)}`, {})) line = i;
      }
      if (line < 0) continue;
      const end = lines.lineEnd(line);
      const typed = `${original.slice(0, end)}x${original.slice(end)}`;
      const rounds = 4 * basis.minPages + 4;
      for (let k = 0; k < rounds; k++) {
        const text = k % 2 === 0 ? typed : original;
        const next = analyseEdit(analysis, text, {});
        assert.ok(
          next,
          `${fixture.name}: edit ${k} of line ${line} (pages needed ${basis.minPages}) refused`,
        );
        analysis = next;
      }
      assert.equal(fingerprint(analysis), fingerprint(analyse(original)), `${fixture.name}: line ${line}`);
      checked++;
    }
    assert.ok(checked > 0, 'no fixture had a line compared for running headers that an edit reuses');
  });
});

describe('document symbols after a spliced edit', () => {
  test('a heading whose grade changes changes the symbols of its table row elsewhere', () => {
    // A spliced model may differ anywhere, not only on the edited line: the row of a summary table
    // shows its judgement's grade, and a grade changed in the heading changes that row's detail.
    let checked = 0;
    let rowsChanged = 0;
    for (const fixture of allFixtures()) {
      const text = readFixture(fixture);
      const previous = analyse(text);
      const { model } = previous;
      for (const judgement of model.judgements) {
        const heading = judgement.evidence.find((e) => e.source === 'heading');
        if (!heading || !judgement.evidence.some((e) => e.source === 'table')) continue;
        const stated = text.slice(heading.gradeSpan.start, heading.gradeSpan.end);
        const other = model.scale.entries.find(
          (entry) => !stated.toLowerCase().includes(entry.label.toLowerCase()),
        );
        if (!other || !/^[a-z ]+$/i.test(stated)) continue;
        const edited = `${text.slice(0, heading.gradeSpan.start)}${other.label}${text.slice(heading.gradeSpan.end)}`;
        const next = analyseEdit(previous, edited, {});
        if (!next || editedLineOf(next.model) !== undefined) continue;
        const before = documentSymbols(model);
        carryDocumentSymbols(model, next.model);
        const after = documentSymbols(next.model);
        const expected = buildDocumentSymbols(analyse(edited).model);
        assert.deepEqual(after, expected, `${fixture.name}: ${judgement.name} graded ${other.label}`);
        const editedLine = model.lines.positionAt(heading.gradeSpan.start).line;
        const details = (symbols: readonly DocumentSymbol[]): string[] =>
          symbols.flatMap((s) => [
            ...(s.range.start.line === editedLine ? [] : [`${s.range.start.line}:${s.detail ?? ''}`]),
            ...details(s.children ?? []),
          ]);
        if (details(before).join('|') !== details(after).join('|')) rowsChanged++;
        checked++;
        break;
      }
    }
    assert.ok(checked > 0, 'no heading grade edit was spliced');
    assert.ok(rowsChanged > 0, 'no spliced grade edit changed a symbol off the edited line');
  });
});
