import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import {
  classify,
  continuesName,
  lineContinuesName,
  makeDoc,
  type LineKind,
} from '../../server/src/core/document';
import { gradeVocabulary } from '../../server/src/core/grades';
import { LineSet } from '../../server/src/core/lineSet';
import { headerSignature, scanDebris } from '../../server/src/core/pages';
import {
  cleanLine,
  lineBase,
  lineSource,
  MAX_STRUCTURAL_LINE,
  splitLines,
  type TextLines,
} from '../../server/src/core/text';
import { allFixtures, readFixture } from '../support/fixtures';
import { seededRandom } from '../support/random';

/*
 * The passes read most lines in place (the text itself, or the clean text of a line cleaning
 * changes: `lineSource` from `lineBase`) instead of making each line's clean string. Each reading in
 * place must say what the same test says of the clean string.
 */

/** Texts to check: every fixture, and lines made to sit at the edges (stops, breaks, odd spaces). */
function texts(): { name: string; text: string }[] {
  const random = seededRandom(7);
  const pieces = [
    'Good',
    'good.',
    '. Next',
    'requires improvement',
    ' \u00a0',
    '\f',
    '\t',
    '\u2019',
    '12. ',
    '3) ',
    '• ',
    'o ',
    '-- ',
    '|',
    'Grade 4',
    '(inadequate)',
    ',',
    'and',
    '\u2028',
    'x'.repeat(30),
  ];
  const made = Array.from({ length: 400 }, () => {
    const parts: string[] = [];
    const count = 1 + Math.floor(random() * 8);
    for (let k = 0; k < count; k++) parts.push(pieces[Math.floor(random() * pieces.length)] ?? '');
    return parts.join(random() < 0.3 ? '\n' : random() < 0.5 ? '\r\n' : '');
  });
  return [
    ...allFixtures().map((fixture) => ({ name: fixture.name, text: readFixture(fixture) })),
    { name: 'made lines', text: made.join('\n') },
    {
      name: 'a grade word before a stop opening the next line',
      text: 'The service is good\n. Leaders\ngood\n;',
    },
    { name: 'a long line', text: `${'word '.repeat(MAX_STRUCTURAL_LINE)}\n1. Short` },
  ];
}

/** The line classification as it was written over the clean string with string methods (the oracle). */
function classifyClean(t: string, index: number, debris: LineSet): LineKind {
  if (t.length > MAX_STRUCTURAL_LINE) return 'long';
  let i = 0;
  while (i < t.length && (t.charCodeAt(i) === 32 || t.charCodeAt(i) === 9)) i++;
  if (i === t.length) return 'blank';
  if (debris.has(index)) return 'debris';
  if (t.indexOf('\t') >= 0) return 'tab';
  const c = t.charAt(i);
  if (c === '|') return 'pipe';
  const next = t.charAt(i + 1);
  if (c === '•') return 'bullet';
  if ('•*▪◦>o-'.includes(c) && (next === ' ' || next === '\t')) return 'bullet';
  const code = t.charCodeAt(i);
  if (code >= 48 && code <= 57) {
    let j = i;
    while (j < t.length && j - i < 3 && t.charCodeAt(j) >= 48 && t.charCodeAt(j) <= 57) j++;
    const after = t.charAt(j);
    if (after === ')' && j - i <= 2 && t.charAt(j + 1) === ' ') return 'bullet';
    if (after === '.' && (j + 1 === t.length || t.charAt(j + 1) === ' ' || t.charAt(j + 1) === '\t'))
      return 'numbered';
  }
  return 'text';
}

/** Line `i` read in place: its source, and where it starts and ends there. */
function inPlace(lines: TextLines, i: number): { src: string; from: number; to: number } {
  const from = lineBase(lines, i);
  return { src: lineSource(lines, i), from, to: from + (lines.ends[i] ?? 0) - (lines.starts[i] ?? 0) };
}

describe('reading lines in place', () => {
  it('marks a line as changed by cleaning exactly when its clean text differs from the text', () => {
    for (const { name, text } of texts()) {
      const lines = splitLines(text);
      for (let i = 0; i < lines.lineCount; i++) {
        const raw = text.slice(lines.starts[i], lines.ends[i]);
        const clean = cleanLine(lines, i) ?? '';
        assert.equal(clean.length, raw.length, `${name}:${i + 1}`);
        assert.equal(lines.cleanSlot[i] !== 0, clean !== raw, `${name}:${i + 1}`);
        const { src, from, to } = inPlace(lines, i);
        assert.equal(src.slice(from, to), clean, `${name}:${i + 1}`);
      }
      assert.equal(cleanLine(lines, -1), undefined);
      assert.equal(cleanLine(lines, lines.lineCount), undefined);
    }
  });

  it('classifies every line as the string methods did on its clean text', () => {
    for (const { name, text } of texts()) {
      const lines = splitLines(text);
      const { debris } = scanDebris(lines);
      const doc = makeDoc(lines, debris, gradeVocabulary(analyse(text).model.scale));
      for (let i = 0; i < lines.lineCount; i++) {
        const clean = cleanLine(lines, i) ?? '';
        const expected = classifyClean(clean, i, debris);
        assert.equal(doc.kinds[i], expected, `${name}:${i + 1} ${JSON.stringify(clean.slice(0, 60))}`);
        const { src, from, to } = inPlace(lines, i);
        assert.equal(classify(src, from, to, i, debris, clean.includes('\t')), expected);
      }
    }
  });

  it('answers the grade pre-filters in place as on the clean line', () => {
    for (const { name, text } of texts()) {
      const lines = splitLines(text);
      const vocab = gradeVocabulary(analyse(text).model.scale);
      for (let i = 0; i < lines.lineCount; i++) {
        const clean = cleanLine(lines, i) ?? '';
        const { src, from, to } = inPlace(lines, i);
        const where = `${name}:${i + 1} ${JSON.stringify(clean.slice(0, 60))}`;
        assert.equal(vocab.mayStateGrade(src, from, to), vocab.mayStateGrade(clean), where);
        assert.equal(vocab.endsLikeGrade(src, from, to), vocab.endsLikeGrade(clean), where);
        // The raw text itself, for the lines cleaning leaves alone: a search that runs on past the line.
        if (lines.cleanSlot[i] === 0) {
          const start = lines.starts[i] ?? 0;
          const end = lines.ends[i] ?? 0;
          assert.equal(vocab.mayStateGrade(text, start, end), vocab.mayStateGrade(clean), where);
        }
      }
    }
  });

  it('signs each line near a page break, read in place between its ends, as its whole clean text', () => {
    let signed = 0;
    for (const { name, text } of texts()) {
      const lines = splitLines(text);
      const { notes } = scanDebris(lines);
      for (let i = 0; i < lines.lineCount; i++) {
        if (!notes.noted.has(i) || (lines.ends[i] ?? 0) - (lines.starts[i] ?? 0) > 200) continue;
        // The edit path signs a changed line's whole clean text (core/edits.ts): the same number.
        const signature = headerSignature(cleanLine(lines, i) ?? '');
        assert.ok(notes.signaturePages.has(signature), `${name}:${i + 1}`);
        signed++;
      }
    }
    assert.ok(signed > 1_000, `${signed} lines signed`);
  });

  it('tells a name carried on over the next line in place as from the two clean lines', () => {
    for (const { name, text } of texts()) {
      const lines = splitLines(text);
      const doc = makeDoc(lines, new LineSet(lines.lineCount), gradeVocabulary(analyse(text).model.scale));
      for (let i = 0; i <= lines.lineCount; i++) {
        const expected = continuesName(cleanLine(lines, i - 1) ?? '', cleanLine(lines, i) ?? '');
        assert.equal(lineContinuesName(doc, i - 1, i), expected, `${name}:${i + 1}`);
      }
    }
  });
});
