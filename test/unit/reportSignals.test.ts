import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  DETECTION_WINDOW,
  SIGNAL_THRESHOLD,
  findReportSignals,
  looksLikeInspectionReport,
} from '../../client/src/reportSignals';
import { repoRoot } from '../support/fixtures';

const root = repoRoot();
/** Where the corpus lives; INSPECTION_REPORT_CORPUS points elsewhere (e.g. before it is copied in). */
const corpusDir = process.env.INSPECTION_REPORT_CORPUS ?? join(root, 'test', 'fixtures', 'corpus');

function read(path: string): string {
  return readFileSync(path, 'utf8');
}

function describeSignals(text: string): string {
  return [...findReportSignals(text)].join(', ') || 'none';
}

describe('seeds', () => {
  // 000 and 003: SLAC reports with grade lines, a declared scale and a Record of main findings.
  // 001: an Ofsted letter with no grades, detected as a letter ("This letter contains the
  //      findings", "Areas for priority action", "Annual unannounced inspection of ...").
  // 002: a council briefing that borrows the report's title but has no inspection dates, grades
  //      or letter structure: not a report.
  // 004: a trade-press article about an inspection: it names Ofsted once and gives grades only in
  //      prose. Decided: not detected. Switching a news article to the report language on sight
  //      would surprise more users than it helps; it can be set by hand or named *.report.txt.
  const expected: Record<string, boolean> = {
    '000_94ff8a5dc515caf5.txt': true,
    '001_8970be10583539c0.txt': true,
    '002_f7d228f5498e16a3.txt': false,
    '003_2bd92043d0a643b7.txt': true,
    '004_9f778351f94ae78f.txt': false,
  };
  for (const [file, isReport] of Object.entries(expected)) {
    test(`${file} ${isReport ? 'is' : 'is not'} a report`, () => {
      const text = read(join(root, 'seeds', file));
      assert.equal(looksLikeInspectionReport(text), isReport, `signals: ${describeSignals(text)}`);
    });
  }

  test('a report is recognised with CRLF line ends too', () => {
    const text = read(join(root, 'seeds', '000_94ff8a5dc515caf5.txt')).replace(/\n/g, '\r\n');
    assert.ok(looksLikeInspectionReport(text));
  });
});

describe('corpus (real reports and letters)', () => {
  const files = [
    'JT-39__ofsted-ilacs-scrape-tool/2026-02_ILACS_Kent_overall-good.layout.txt',
    'JT-39__ofsted-ilacs-scrape-tool/2026-07_ILACS-postreform_NorthNorthamptonshire_no-overall.layout.txt',
    'NeddyBus__Neddy/2016-02_School-s5_FarnhamHeathEnd_overall-RI.layout.txt',
    'data-to-insight__ofsted-focused-visit-scrape-tool/2019-12_FocusedVisit_NELincolnshire_priority-actions.layout.txt',
    'data-to-insight__ofsted-focused-visit-scrape-tool/2024-10_FocusedVisit_Birmingham_no-grades.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2013-08_CLA_Kent_overall-adequate.raw.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2013-08_CLA_Medway_overall-inadequate.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2013-08_CLA_Norfolk_overall-inadequate.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2013-08_CLA_Sandwell_overall-inadequate.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2014-03_SIF_Bolton_overall-RI.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2015-05_SIF_Devon_careleavers-inadequate_overall-RI.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2015-10_SIF_Norfolk_overall-inadequate.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2017-06_SIF_Kent_overall-good.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2017-12_SIF-reinspection_Manchester_overall-RI.raw.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2018-07_ILACS_Herefordshire_leaders-inadequate_overall-RI.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2019-03_ILACS_Slough_overall-RI.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2022-03_ILACS_Leeds_overall-outstanding.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2022-04_ILACS_Doncaster_leaders-inadequate_overall-RI.raw.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2022-07_ILACS_Kent_overall-outstanding.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2024-05_ILACS_CheshireEast_careleavers-inadequate_overall-inadequate.layout.txt',
    'data-to-insight__ofsted-ilacs-scrape-tool/2025-03_ILACS_Doncaster_overall-good.layout.txt',
    'data-to-insight__ofsted-send-scrape-tool/2023-05_AreaSEND_Nottinghamshire_systemic-failings.layout.txt',
    'data-to-insight__ofsted-send-scrape-tool/2024-05_AreaSEND_Dorset_positive.layout.txt',
  ];
  for (const file of files) {
    const path = join(corpusDir, file);
    const absent = !existsSync(path);
    test(file, { skip: absent && `fixture absent: ${path}` }, () => {
      const text = read(path);
      // Every corpus file clears the threshold with a margin of at least one signal.
      assert.ok(findReportSignals(text).size > SIGNAL_THRESHOLD, `signals: ${describeSignals(text)}`);
    });
  }
});

describe('negatives', () => {
  const readme = [
    '# report-tools',
    '',
    'A small library for generating PDF reports from JSON data.',
    '',
    '## Installation',
    '',
    '    npm install report-tools',
    '',
    '## Usage',
    '',
    'Call `render(data)` and write the result to a file. Grades of service quality can be',
    'expressed as numbers: good results are shown in green.',
    '',
    '| Option | Default |',
    '| --- | --- |',
    '| pageSize | A4 |',
    '| quality | good |',
    '',
    '## Licence',
    '',
    'MIT',
  ].join('\n');

  const log = Array.from(
    { length: 2000 },
    (_, i) =>
      `2024-05-${String((i % 28) + 1).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00Z ` +
      `${i % 7 === 0 ? 'WARN' : 'INFO'} inspection-worker[${i}]: job ${i} finished, status good, ` +
      `grade=${(i % 4) + 1} elapsed=${i * 3}ms`,
  ).join('\n');

  const source = [
    "import { readFileSync } from 'node:fs';",
    '',
    '/** Grades a submission from 1 (outstanding) to 4 (inadequate). */',
    'export function grade(score: number): number {',
    '  if (score > 90) return 1; // outstanding',
    '  if (score > 70) return 2; // good',
    '  if (score > 50) return 3; // requires improvement',
    '  return 4; // inadequate',
    '}',
    '',
    "const labels = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];",
    "console.log(labels[grade(Number(readFileSync(0, 'utf8')))]);",
  ].join('\n');

  /** Deterministic pseudo-random printable text with line breaks. */
  function randomText(size: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;()|\t-';
    const chars: string[] = [];
    let seed = 12345;
    for (let i = 0; i < size; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      chars.push(seed % 61 === 0 ? '\n' : (alphabet[seed % alphabet.length] ?? ' '));
    }
    return chars.join('');
  }

  const cases: Record<string, string> = {
    'a README': readme,
    'a log file': log,
    'source code': source,
    'an empty file': '',
    '5 MB of random text': randomText(5 * 1024 * 1024),
  };
  for (const [name, text] of Object.entries(cases)) {
    test(`${name} is not a report`, () => {
      assert.equal(looksLikeInspectionReport(text), false, `signals: ${describeSignals(text)}`);
    });
  }

  test('only the first DETECTION_WINDOW characters are examined', () => {
    const report = read(join(root, 'seeds', '000_94ff8a5dc515caf5.txt'));
    const padding = 'This line is filler text of a long document.\n'.repeat(Math.ceil(DETECTION_WINDOW / 45));
    assert.equal(looksLikeInspectionReport(padding + report), false);
    assert.equal(looksLikeInspectionReport(report + padding), true);
  });

  test('one signal is not enough', () => {
    assert.equal(looksLikeInspectionReport('Grade 2 (good)\n'), false);
    assert.equal(looksLikeInspectionReport('Ofsted says the council is good.\n'), false);
  });
});
