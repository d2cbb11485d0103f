import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import {
  cleanLine,
  cleanLines,
  contentEnd,
  contentStart,
  fold,
  lineIndex,
  lineOffsets,
  splitLines,
} from '../../server/src/core/text';
import { allFixtures, readFixture } from '../support/fixtures';
import { seededRandom } from '../support/random';

describe('line index', () => {
  it('gives the lines of every text one shape (hidden class), so the passes reading them stay optimised', () => {
    // V8's own check, in a child process allowed its natives syntax; the compiled core sits beside
    // the compiled tests. Spreading the offset index into the lines once gave texts of different
    // sizes different shapes, and the passes were deoptimised and slowed by 10% or more.
    const core = path.join(__dirname, '..', '..', 'server', 'src', 'core', 'text.js');
    const script = `
      const { splitLines } = require(${JSON.stringify(core)});
      const texts = ['', 'a', 'a\\nb', 'Grade 4 (inadequate)\\u2019\\r\\n\\fx\\r', 'x\\n'.repeat(5000), 'y'.repeat(100000)];
      const shapes = texts.map((text) => splitLines(text));
      process.stdout.write(JSON.stringify(shapes.map((lines) => %HaveSameMap(lines, shapes[0]) && %HasFastProperties(lines))));
    `;
    const run = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [true, true, true, true, true, true]);
  });
  it('handles LF, CRLF and CR alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const lines = splitLines(['a', 'bb', '', 'ccc'].join(eol));
      assert.equal(lines.lineCount, 4);
      assert.deepEqual(lines.positionAt(lines.offsetAt({ line: 3, character: 2 })), {
        line: 3,
        character: 2,
      });
      assert.equal(cleanLine(lines, 1), 'bb');
    }
  });
  it('keeps the cleaned text the same length as the original', () => {
    const raw = '\u2018Quoted\u2019 \u2013 \uf0a7 bullet\u00a0space\fpage';
    const lines = splitLines(raw);
    assert.equal(cleanLine(lines, 0)?.length, raw.length);
    assert.equal(cleanLine(lines, 0), "'Quoted' - • bullet space page");
  });
  it('cleans a text within Latin-1 as it cleans the same lines in a text beyond it', () => {
    // A text with no character beyond U+00FF is cleaned from native searches for each character
    // to change; one character beyond it makes the same lines go through the general scan.
    const latin1 = Array.from({ length: 0x100 }, (_, code) => String.fromCharCode(code)).join('');
    const texts = [
      latin1,
      `${latin1}\r\n${latin1}\f${latin1}`,
      'Grade 4\u00a0(inadequate)\f\nPage\u00b73\u0085bullet\u0000nul\u000bvt\u0096end\u00a0',
      '\u00a0'.repeat(70_000) + '\n\u0095 x\u00a0y\f',
      ...allFixtures()
        .map(readFixture)
        .filter((text) => !/[^\0-\xff]/.test(text)),
    ];
    assert.ok(texts.length > 5, 'some fixtures are within Latin-1');
    for (const text of texts) {
      const alone = cleanLines(splitLines(text));
      const widened = cleanLines(splitLines(`${text}\n\u2019`));
      assert.deepEqual(alone, widened.slice(0, alone.length));
      assert.ok(alone.every((clean) => !/[\0\v\f\x80-\xa0\xb7]/.test(clean)));
    }
  });
  it('cleans each character of a text beyond Latin-1 as it cleans that character alone', () => {
    // Beyond Latin-1 the characters to change come from a scan for NUL and non-ASCII characters
    // merged with searches for the form feed and vertical tab: in any order and any density, each
    // must be cleaned where it stands.
    const alphabet = [
      ...['a', ' ', '\t', '\0', '\v', '\f', '\u0001', '\u007f', '\u0085', '\u00a0', '\u00b7', '\u00e9'],
      ...['\u2013', '\u2019', '\u201c', '\u200b', '\u3000', '\uf0b7', '\ufeff', '\ud83d'],
    ];
    // Alone, a character up to U+00FF is cleaned by the other route (see the test above).
    const alone = new Map(alphabet.map((ch) => [ch, cleanLine(splitLines(ch), 0)]));
    const random = seededRandom(29);
    for (let round = 0; round < 400; round++) {
      const length = 1 + Math.floor(random() * 80);
      let text = '\u2019';
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      const expected = Array.from(text.slice(1), (ch) => alone.get(ch)).join('');
      assert.equal(cleanLine(splitLines(text), 0), `'${expected}`, JSON.stringify(text));
    }
  });
});

describe("each line's trimmed bounds and end characters", () => {
  // Read from the raw text as cleaning would have them; the oracle reads the clean line itself.
  const expected = (clean: string) => {
    const lead = contentStart(clean, 0, clean.length);
    const tail = contentEnd(clean, lead, clean.length);
    return lead < tail
      ? { lead, tail, first: clean.charCodeAt(lead), last: clean.charCodeAt(tail - 1) }
      : { lead, tail, first: 0, last: 0 };
  };
  const actual = (lines: ReturnType<typeof splitLines>, i: number) => ({
    lead: lines.lead[i],
    tail: lines.tail[i],
    first: lines.firstCodes[i],
    last: lines.lastCodes[i],
  });

  it('are those of the clean line: odd spaces, NUL and zero-width space trimmed, quotes and dashes as cleaned', () => {
    // Characters that cleaning turns into spaces, into other characters, or leaves (tab, U+3000).
    const alphabet = [
      ' ',
      'a',
      'Z',
      '.',
      '\t',
      '\f',
      '\0',
      '\v',
      '\u00a0',
      '\u200b',
      '\u2009',
      '\u3000',
      '\ufeff',
      '\u2019',
      '\u201c',
      '\u2013',
      '\uf0b7',
      '\u0085',
      '\u00e9',
      '\n',
      '\r\n',
    ];
    const random = seededRandom(11);
    for (let round = 0; round < 300; round++) {
      const length = Math.floor(random() * 40);
      let text = '';
      for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      const lines = splitLines(text);
      for (let i = 0; i < lines.lineCount; i++) {
        assert.deepEqual(actual(lines, i), expected(cleanLine(lines, i) ?? ''), JSON.stringify(text));
      }
    }
  });

  it('are those of the clean line on every fixture', () => {
    for (const fixture of allFixtures()) {
      const lines = splitLines(readFixture(fixture));
      for (let i = 0; i < lines.lineCount; i++) {
        assert.deepEqual(actual(lines, i), expected(cleanLine(lines, i) ?? ''), `${fixture.name}:${i + 1}`);
      }
    }
  });
});

describe('the line index without the lines', () => {
  const odd = ['', '\n', '\r\n', '\r', 'a\rb\r\nc\nd', 'x\n', '\n\n\r\r', 'one line', '\f\n\f', 'a\r\n\r\nb'];
  const texts = [...odd, ...allFixtures().map(readFixture)];
  it('answers as the full split does (what an analysis from the worker thread is given)', () => {
    for (const text of texts) {
      const full = splitLines(text).index;
      const { starts, ends } = lineOffsets(text);
      const alone = lineIndex(text.length, starts, ends);
      assert.equal(alone.lineCount, full.lineCount);
      const step = Math.max(1, Math.floor(text.length / 500));
      for (let offset = -1; offset <= text.length + 1; offset += step) {
        const position = full.positionAt(offset);
        assert.deepEqual(alone.positionAt(offset), position);
        assert.equal(alone.offsetAt(position), full.offsetAt(position));
        assert.equal(alone.lineEnd(position.line), full.lineEnd(position.line));
      }
      for (let line = -1; line <= full.lineCount; line++) {
        assert.equal(alone.lineStart(line), full.lineStart(line));
        assert.equal(alone.offsetAt({ line, character: 1e9 }), full.offsetAt({ line, character: 1e9 }));
      }
    }
  });
});

describe('white space folding', () => {
  it('folds as replace(/\\s+/g, " ").trim() does, on every line of every fixture and odd spaces', () => {
    const odd = ['', ' ', '  a  b  ', '\ta\u00a0b\u2028c\u3000', 'a\u200ab', 'x\ufeff', 'a \n b', ' \u1680 '];
    const lines = allFixtures().flatMap((fixture) => readFixture(fixture).split('\n'));
    for (const text of [...odd, ...lines]) assert.equal(fold(text), text.replace(/\s+/g, ' ').trim());
  });
});

describe('odd input gives a clear result, never an exception', () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['only blank lines', '\n\n\n'],
    ['a BOM', '\ufeffInspection of safeguarding and looked after children services\n'],
    ['NUL bytes', 'abc\u0000def\u0000\u0001\u0002'],
    ['one long line', 'word '.repeat(200_000)],
    ['half a table', 'Record of main findings\n\nOverall effectiveness\tInad'],
    ['a lone grade line', 'Grade 4 (inadequate)'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const { model, findings } = analyse(text);
      assert.ok(Array.isArray(model.outline));
      for (const f of findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length);
    });
  }
});

describe('CRLF reports analyse like LF reports', () => {
  for (const fixture of allFixtures().slice(0, 5)) {
    it(fixture.name, () => {
      const lf = readFixture(fixture).replace(/\r\n/g, '\n');
      const a = analyse(lf);
      const b = analyse(lf.replace(/\n/g, '\r\n'));
      const summary = (x: typeof a) =>
        x.model.judgements.map(
          (j) => `${j.name}=${j.grade?.label}@${x.model.lines.positionAt(j.span.start).line}`,
        );
      assert.deepEqual(summary(b), summary(a));
      assert.equal(b.findings.length, a.findings.length);
    });
  }
});
