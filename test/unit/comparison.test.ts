import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  comparisonNotes,
  DEFAULT_SORT,
  reportRow,
  type ScanFacts,
  skippedRow,
  sortRows,
} from '../../client/src/comparisonRows';
import {
  COMPARISON_JSON_FORMAT,
  comparisonCsv,
  comparisonExport,
  comparisonJson,
  summaryCsv,
  summaryExport,
  summaryJson,
} from '../../client/src/exportContent';
import {
  excludeGlob,
  isBinary,
  isReportFile,
  isReportFileName,
  MAX_COMPARED_BYTES,
  MAX_COMPARED_FILES,
  REPORT_FILE_PATTERN,
  tooLargeReason,
} from '../../client/src/reportFiles';
import { analyse } from '../../server/src/core/analyse';
import { reportSummary } from '../../server/src/handlers/summary';
import type { ComparisonRow } from '../../server/src/protocol/compare';
import { MAX_SUMMARISE_TEXT_LENGTH, type ReportSummary } from '../../server/src/protocol/requests';
import { sanitizeSettings } from '../../server/src/protocol/settings';
import { parseCsv } from '../support/csv';
import { repoRoot } from '../support/fixtures';
import { HOSTILE, HOSTILE_JUDGEMENTS, hostileText } from '../support/hostile';

/*
 * Compare Reports, apart from VS Code: which files are compared, the row each report gets from its
 * server summary, sorting, the notes, and what Export Report Comparison and Export Summary write.
 */

const ROOT = repoRoot();
const SETTINGS = sanitizeSettings(undefined).settings;
const SEEDS = readdirSync(join(ROOT, 'seeds'))
  .filter((name) => name.endsWith('.txt'))
  .sort();

function summaryOf(text: string, uri = 'file:///r.txt'): ReportSummary {
  return reportSummary(uri, 1, analyse(text), SETTINGS);
}

function seedText(prefix: string): string {
  const name = SEEDS.find((seed) => seed.startsWith(prefix));
  assert.ok(name, prefix);
  return readFileSync(join(ROOT, 'seeds', name), 'utf8');
}

const file = (path: string) => ({ uri: `file:///work/${path}`, path });
const NOTTS = reportRow(file('reports/notts.txt'), summaryOf(seedText('000')));
const SOUTH_GLOS = reportRow(file('reports/south-glos.txt'), summaryOf(seedText('003')));
const LETTER = reportRow(file('letters/letter.txt'), summaryOf(seedText('001')));
const BIG = skippedRow(file('big.txt'), tooLargeReason(25 * 1024 * 1024));
const ROWS = [NOTTS, SOUTH_GLOS, LETTER, BIG];

describe('which files are compared', () => {
  test('the name pattern is the one package.json gives the report language', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { languages: { filenamePatterns?: string[] }[] };
    };
    assert.deepEqual(manifest.contributes.languages[0]?.filenamePatterns, [REPORT_FILE_PATTERN]);
    assert.ok(isReportFileName('a/b/Kent 2024.report.txt'));
    assert.ok(isReportFileName('KENT.REPORT.TXT'));
    assert.ok(!isReportFileName('report.txt'));
  });

  test('other .txt files when they look like a report, as auto-detection decides', () => {
    assert.ok(isReportFile('000.txt', seedText('000'), true));
    assert.ok(isReportFile('001.txt', seedText('001'), true), 'an inspectorate letter');
    assert.ok(!isReportFile('004.txt', seedText('004'), true), 'a news article');
    assert.ok(!isReportFile('notes.txt', 'Shopping list\nmilk\n', true));
    assert.ok(!isReportFile('000.txt', seedText('000'), false), 'auto-detection off');
    assert.ok(isReportFile('004.report.txt', seedText('004'), false), 'named as a report');
  });

  test('binary and oversized files are told apart', () => {
    assert.ok(isBinary(new Uint8Array([0x47, 0x00, 0x41])));
    assert.ok(!isBinary(new TextEncoder().encode('Grade 1 (outstanding)')));
    const late = new Uint8Array(9000).fill(0x41);
    late[8500] = 0;
    assert.ok(!isBinary(late), 'only the first 8 KB are looked at');
    assert.equal(MAX_COMPARED_BYTES, MAX_SUMMARISE_TEXT_LENGTH);
    assert.equal(tooLargeReason(25 * 1024 * 1024), 'too large to compare (25 MB; the limit is 20 MB)');
    assert.equal(MAX_COMPARED_FILES, 2000);
  });

  test('node_modules, dot-folders and files.exclude are not searched', () => {
    assert.equal(excludeGlob(undefined), '{**/node_modules/**,**/.*/**}');
    assert.equal(
      excludeGlob({
        '**/.git': true,
        '**/out': true,
        '**/off': false,
        '**/*.{js,map}': true,
        x: { when: 'y' },
      }),
      '{**/node_modules/**,**/.*/**,**/.git,**/out}',
    );
  });
});

describe('comparison rows', () => {
  test('a report’s row: title, subject, framework, overall grades, distribution, problems', () => {
    assert.equal(NOTTS.status, 'graded');
    assert.equal(NOTTS.title, 'Inspection of safeguarding and looked after children services');
    assert.equal(NOTTS.subject, 'Nottinghamshire County Council');
    assert.equal(NOTTS.framework, 'slac');
    assert.deepEqual(NOTTS.overall, [
      { label: 'Inadequate', rank: 4, band: 'worst' },
      { label: 'Adequate', rank: 3, band: 'middle' },
    ]);
    assert.deepEqual(
      NOTTS.distribution.map((grade) => [grade.label, grade.count, grade.band]),
      [
        ['Outstanding', 0, 'best'],
        ['Good', 6, 'high'],
        ['Adequate', 14, 'middle'],
        ['Inadequate', 13, 'worst'],
      ],
    );
    assert.equal(NOTTS.judgements, 33);
    assert.equal(NOTTS.errors + NOTTS.warnings, 0);
    assert.equal(NOTTS.note, undefined);
  });

  test('a letter without grades is a report with none; unsaved changes are noted', () => {
    assert.equal(LETTER.status, 'ungraded');
    assert.equal(LETTER.judgements, 0);
    assert.deepEqual(LETTER.overall, []);
    const unsaved = reportRow(file('x.txt'), summaryOf(seedText('000')), true);
    assert.equal(unsaved.note, 'unsaved changes compared');
  });

  test('the hostile report’s strings are carried as they are', () => {
    const row = reportRow(file('hostile.txt'), summaryOf(hostileText()));
    assert.equal(row.subject, HOSTILE.subject);
    assert.deepEqual(JSON.parse(JSON.stringify(row)), row);
  });

  test('sorting by each column, empty values last, ties by path', () => {
    const paths = (rows: ComparisonRow[]) => rows.map((row) => row.path);
    assert.deepEqual(paths(sortRows(ROWS, DEFAULT_SORT)), [
      'big.txt',
      'letters/letter.txt',
      'reports/notts.txt',
      'reports/south-glos.txt',
    ]);
    assert.deepEqual(paths(sortRows(ROWS, { column: 'overall', descending: true })), [
      'reports/notts.txt',
      'reports/south-glos.txt',
      'big.txt',
      'letters/letter.txt',
    ]);
    assert.deepEqual(paths(sortRows(ROWS, { column: 'overall', descending: false })), [
      'reports/south-glos.txt',
      'reports/notts.txt',
      'big.txt',
      'letters/letter.txt',
    ]);
    assert.deepEqual(paths(sortRows(ROWS, { column: 'judgements', descending: true })), [
      'reports/notts.txt',
      'reports/south-glos.txt',
      'letters/letter.txt',
      'big.txt',
    ]);
    assert.deepEqual(paths(sortRows(ROWS, { column: 'title', descending: false })).at(-1), 'big.txt');
    assert.deepEqual(paths(sortRows(ROWS, { column: 'title', descending: true })).at(-1), 'big.txt');
    const input = [...ROWS];
    sortRows(ROWS, { column: 'file', descending: true });
    assert.deepEqual(ROWS, input, 'the input is not changed');
  });

  test('notes say what was left out', () => {
    const facts: ScanFacts = {
      workspace: true,
      found: 2000,
      limitReached: true,
      maxFiles: 2000,
      examined: 120,
      notReports: 1,
      cancelled: true,
    };
    assert.deepEqual(comparisonNotes(facts), [
      'Cancelled: 120 of 2,000 files looked at.',
      'The workspace has more than 2,000 .txt files: only 2,000 of them were looked at.',
      '1 .txt file does not look like an inspection report and is not listed.',
    ]);
    assert.deepEqual(comparisonNotes({ ...facts, limitReached: false, cancelled: false, notReports: 3 }), [
      '3 .txt files do not look like an inspection report and are not listed.',
    ]);
    assert.deepEqual(comparisonNotes({ ...facts, workspace: false }), [
      'Open a folder to compare the inspection reports in it.',
    ]);
    assert.deepEqual(comparisonNotes({ ...facts, searchError: 'no search provider' }), [
      'The workspace could not be searched: no search provider',
    ]);
  });
});

describe('Export Report Comparison', () => {
  test('CSV: one line per row in the order shown, a column per grade label', () => {
    const records = parseCsv(comparisonCsv({ rows: sortRows(ROWS, DEFAULT_SORT) }));
    assert.deepEqual(records[0], [
      'File',
      'Title',
      'Subject',
      'Framework',
      'Overall',
      'Graded judgements',
      'Outstanding',
      'Good',
      'Adequate',
      'Inadequate',
      'Errors',
      'Warnings',
      'Status',
      'Note',
    ]);
    assert.deepEqual(
      records.slice(1).map((record) => record[0]),
      ['big.txt', 'letters/letter.txt', 'reports/notts.txt', 'reports/south-glos.txt'],
    );
    const notts = records.find((record) => record[0] === 'reports/notts.txt');
    assert.deepEqual(notts?.slice(3), [
      NOTTS.frameworkName,
      'Inadequate; Adequate',
      '33',
      '0',
      '6',
      '14',
      '13',
      '0',
      '0',
      'graded',
      '',
    ]);
    const big = records.find((record) => record[0] === 'big.txt');
    assert.deepEqual(big?.slice(5), ['', '', '', '', '', '', '', 'skipped', BIG.note]);
  });

  test('JSON: the rows as the view was sent them, and the notes', () => {
    const state = { rows: ROWS, notes: ['a note'] };
    const parsed = JSON.parse(comparisonJson(state)) as Record<string, unknown>;
    assert.deepEqual(parsed, {
      format: COMPARISON_JSON_FORMAT,
      version: 1,
      notes: ['a note'],
      reports: ROWS,
    });
    assert.equal(comparisonExport(state, 'json'), comparisonJson(state));
    assert.equal(comparisonExport(state, 'csv'), comparisonCsv(state));
  });

  test('hostile and formula-like report text stays literal and inert', () => {
    const row = reportRow(file('=cmd.txt'), summaryOf(hostileText()));
    const evil = { ...row, title: '=HYPERLINK("http://evil","click")', subject: HOSTILE.subject };
    const [, record] = parseCsv(comparisonCsv({ rows: [evil] }));
    assert.equal(record?.[0], "'=cmd.txt");
    assert.equal(record?.[1], '\'=HYPERLINK("http://evil","click")');
    assert.equal(record?.[2], HOSTILE.subject);
  });
});

describe('Export Summary', () => {
  const summary = summaryOf(hostileText(), 'file:///hostile.txt');

  test('CSV: one line per judgement, names exactly as written', () => {
    const records = parseCsv(summaryCsv(summary));
    assert.deepEqual(records[0], ['Part', 'Judgement', 'Grade', 'Rank', 'Statements agree', 'Evidence']);
    assert.deepEqual(
      records.slice(1).map((record) => record[1]),
      HOSTILE_JUDGEMENTS,
    );
    assert.ok(records.slice(1).every((record) => record[0] === HOSTILE.part));
    assert.ok(records.slice(1).every((record) => record.length === 6));
  });

  test('JSON: the server’s summary, read back exactly', () => {
    assert.deepEqual(JSON.parse(summaryJson(summary)), {
      format: 'inspection-report-summary',
      version: 1,
      summary,
    });
    assert.equal(summaryExport(summary, 'csv'), summaryCsv(summary));
    assert.equal(summaryExport(summary, 'json'), summaryJson(summary));
  });
});
