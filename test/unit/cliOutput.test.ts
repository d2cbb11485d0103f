import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { run, type CliIo } from '../../server/src/cli/main';
import { type OutputOptions, OutputWriter, reportOutput } from '../../server/src/cli/output';
import { toReportView, type ReportView } from '../../server/src/cli/reportView';
import { analyse } from '../../server/src/core/analyse';
import { CLI_PATH } from '../support/cli';
import { allFixtures, readFixture, repoRoot } from '../support/fixtures';

/*
 * The CLI writes its output a report at a time (cli/output.ts): each report's part is made where
 * the report was analysed, and the main thread writes the parts in order. The JSON document so
 * assembled must be exactly `JSON.stringify({ reports, errors }, null, 2)`; the human-readable
 * formats must carry no control character of a report's text or file name to the terminal.
 */

/** What the writer prints for these reports and problems. */
function written(
  reports: readonly ReportView[],
  problems: readonly { path: string; reason: string }[],
  options: OutputOptions,
): string {
  let out = '';
  const writer = new OutputWriter((text) => (out += text), options);
  for (const report of reports) writer.report(reportOutput(report, options));
  writer.end(problems);
  return out;
}

describe('JSON written report by report', () => {
  const views = allFixtures()
    .slice(0, 6)
    .map((fixture) => toReportView(fixture.path, analyse(readFixture(fixture))));
  const problems = [
    { path: 'missing.txt', reason: 'no such file or folder' },
    { path: 'odd "name"\n.txt', reason: 'not a text file' },
  ];

  for (const count of [0, 1, 2, views.length]) {
    for (const errors of [[], problems.slice(0, 1), problems]) {
      test(`${count} reports, ${errors.length} errors: the document JSON.stringify makes`, () => {
        const reports = views.slice(0, count);
        const expected = JSON.stringify(
          { reports, errors: errors.map((p) => ({ file: p.path, message: p.reason })) },
          null,
          2,
        );
        assert.equal(written(reports, errors, { format: 'json', colour: false }), `${expected}\n`);
      });
    }
  }
});

describe('control characters stay out of the terminal', () => {
  test('check and show print their pictures for a report whose headings and file name hold escapes', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inspection-report-output-'));
    try {
      const seed = readFixture(allFixtures()[0] as { name: string; path: string });
      const lines = seed.split('\n');
      // Seed 000's line 86 says "Grade 4 (inadequate)": grade 2 there is a finding whose related
      // places name the judgement, whose name now holds an escape sequence and a bell.
      lines[85] = (lines[85] ?? '').replace('4', '2');
      const evil = lines
        .join('\n')
        .replaceAll('Overall effectiveness', 'Overall\u001b[2J effectiveness\u0007');
      const file = path.join(tmp, 'odd\u001b]0;title\u0007name.txt');
      fs.writeFileSync(file, evil);
      for (const [args, colour] of [
        [['check'], false],
        [['check'], true],
        [['show'], false],
        [['show'], true],
        [['check', '--jobs', '2'], true],
        [['show', '--jobs', '2'], true],
      ] as const) {
        let stdout = '';
        let stderr = '';
        const io: CliIo = {
          stdout: { write: (text: string) => (stdout += text), isTTY: colour, columns: 100 },
          stderr: { write: (text: string) => (stderr += text) },
          env: { TERM: 'xterm' },
          scriptDir: repoRoot(),
          workerScript: CLI_PATH,
        };
        const code = await run([...args, file], io);
        assert.equal(code, args[0] === 'check' ? 1 : 0, stderr);
        // Colour is the only escape sequence left: ESC followed by `[`, digits and `m`.
        // eslint-disable-next-line no-control-regex -- the escape of a colour is what is taken out
        const stray = stdout.replace(/\u001b\[\d+m/g, '');
        assert.doesNotMatch(
          stray,
          // eslint-disable-next-line no-control-regex -- control characters are what must not be there
          /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/,
          `${args.join(' ')} colour=${colour}`,
        );
        assert.ok(stdout.includes('Overall\u241b[2J effectiveness\u2407'), stdout);
        assert.ok(stdout.includes('odd\u241b]0;title\u2407name.txt'), stdout);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
