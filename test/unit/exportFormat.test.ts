import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  csvCell,
  exportBytes,
  exportFormatOf,
  fileNameFrom,
  toCsv,
  toJson,
} from '../../client/src/exportFormat';
import { parseCsv } from '../support/csv';
import { HOSTILE } from '../support/hostile';
import { NASTY } from '../support/mutations';

/*
 * The export writers (Export Summary, Export Report Comparison): CSV as RFC 4180 quotes it, with
 * formula injection neutralised, and JSON; report text (hostile strings included) comes back from
 * either exactly as written.
 */

/** What a cell holding `text` must read back as: the text, after an apostrophe if it could be a formula. */
const expected = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

describe('CSV cells', () => {
  test('plain text and numbers are written as they are', () => {
    assert.equal(csvCell('Good'), 'Good');
    assert.equal(csvCell(''), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(3), '3');
    assert.equal(csvCell(-2), '-2', 'a negative number is a number');
    assert.equal(csvCell(Number.NaN), '');
    assert.equal(csvCell(Number.POSITIVE_INFINITY), '');
  });

  test('commas, quotes and line breaks are quoted, quotes doubled', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "good"'), '"say ""good"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('cr\rhere'), '"cr\rhere"');
  });

  test('text a spreadsheet would evaluate gets a leading apostrophe', () => {
    for (const formula of [
      '=1+1',
      '+1',
      '-1',
      '@SUM(A1)',
      '\tTab',
      '\rReturn',
      '=HYPERLINK("http://x","y")',
      "=cmd|' /C calc'!A0",
    ]) {
      const cell = csvCell(formula);
      const [[read]] = parseCsv(`${cell}\r\n`) as [[string]];
      assert.equal(read, `'${formula}`, JSON.stringify(formula));
    }
    // Only a leading character counts.
    assert.equal(csvCell('Good = fine'), 'Good = fine');
    assert.equal(csvCell(' =1'), ' =1');
  });

  test('any string reads back as written (after the apostrophe rule), as a property', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...NASTY)), {
          minLength: 1,
          maxLength: 6,
        }),
        (cells) => {
          const [read] = parseCsv(toCsv(['h'], [cells])).slice(1);
          assert.deepEqual(read, cells.map(expected));
        },
      ),
      { numRuns: 300, seed: 23 },
    );
  });
});

describe('CSV tables', () => {
  test('a header line and one CRLF-terminated line per row', () => {
    assert.equal(
      toCsv(
        ['File', 'Grade', 'Count'],
        [
          ['a.txt', 'Good', 2],
          ['b, c.txt', undefined, 0],
        ],
      ),
      'File,Grade,Count\r\na.txt,Good,2\r\n"b, c.txt",,0\r\n',
    );
    assert.equal(toCsv(['Only'], []), 'Only\r\n');
  });

  test('the hostile report’s strings come back literally', () => {
    const strings = Object.values(HOSTILE);
    const records = parseCsv(
      toCsv(
        ['Name'],
        strings.map((s) => [s]),
      ),
    );
    assert.deepEqual(
      records.slice(1).map(([cell]) => cell),
      strings.map(expected),
    );
  });
});

describe('JSON', () => {
  test('pretty-printed with a final line break, and read back exactly', () => {
    const value = { hostile: Object.values(HOSTILE), nasty: [...NASTY], n: 3 };
    const text = toJson(value);
    assert.ok(text.endsWith('}\n'));
    assert.ok(text.includes('\n  "hostile"'));
    assert.deepEqual(JSON.parse(text), value);
  });

  test('lone surrogates and control characters survive as escapes', () => {
    const value = { text: '\ud800 \u0000 \u001b[31m \u2028' };
    const text = toJson(value);
    assert.ok(!text.includes('\u0000') && !text.includes('\u001b'), 'control characters are escaped');
    assert.deepEqual(JSON.parse(text), value);
  });
});

describe('files', () => {
  test('the format follows the extension: .json is JSON, anything else CSV', () => {
    assert.equal(exportFormatOf('out.json'), 'json');
    assert.equal(exportFormatOf('OUT.JSON'), 'json');
    assert.equal(exportFormatOf('out.csv'), 'csv');
    assert.equal(exportFormatOf('out'), 'csv');
    assert.equal(exportFormatOf('json.csv'), 'csv');
  });

  test('CSV bytes start with a UTF-8 byte order mark, JSON bytes do not', () => {
    assert.deepEqual([...exportBytes('csv', 'a').subarray(0, 4)], [0xef, 0xbb, 0xbf, 0x61]);
    assert.deepEqual([...exportBytes('json', '{}')], [0x7b, 0x7d]);
    assert.equal(new TextDecoder().decode(exportBytes('csv', 'Children’s services')), 'Children’s services');
  });

  test('suggested file names keep only safe characters', () => {
    assert.equal(fileNameFrom('Kent County Council', 'x'), 'Kent County Council');
    assert.equal(fileNameFrom(HOSTILE.subject, 'x'), 'Evil script alert document script Council');
    assert.equal(fileNameFrom('../../etc/passwd', 'x'), 'etc passwd');
    assert.equal(fileNameFrom('...', 'fallback'), 'fallback');
    assert.equal(fileNameFrom('', 'fallback'), 'fallback');
    assert.equal(fileNameFrom('Wolverhampton’s Café', 'x'), 'Wolverhampton s Cafe');
    assert.ok(fileNameFrom('a'.repeat(500), 'x').length <= 60);
    for (const text of [...NASTY, ...Object.values(HOSTILE)]) {
      assert.match(fileNameFrom(text, 'fallback'), /^[A-Za-z0-9_-][A-Za-z0-9 ._-]*$/, JSON.stringify(text));
    }
  });
});
