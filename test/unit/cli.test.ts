import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseArgs } from '../../server/src/cli/args';
import { colourWanted, createStyle } from '../../server/src/cli/style';
import { CLI_PATH, runCli, type CliRun } from '../support/cli';
import { repoRoot } from '../support/fixtures';

/*
 * The `inspection-report` command run as users run it: `node dist/cli.js` in a child process (the
 * suite runs after `npm run build`), on the seeds and on small files made here.
 */

const root = repoRoot();
const seedsDir = path.join(root, 'seeds');

/** Runs the CLI with the given arguments from the repository root; NO_COLOR keeps output plain. */
function cli(...args: string[]): Promise<CliRun> {
  return runCli(args);
}

interface Place {
  line: number;
  column: number;
}
interface OutlineJson extends Place {
  name: string;
  kind: string;
  detail?: string;
  children: OutlineJson[];
}
interface EvidenceJson extends Place {
  source: string;
  text: string;
  grade: string | null;
}
interface JudgementJson extends Place {
  name: string;
  part: string;
  grade: string | null;
  rank: number | null;
  evidence: EvidenceJson[];
}
interface FindingJson extends Place {
  code: string;
  severity: string;
  message: string;
  related: (Place & { message: string })[];
}
interface ReportJson {
  file: string;
  title: string;
  subject: string;
  framework: string;
  frameworkName: string;
  scale: { label: string; rank: number }[];
  outline: OutlineJson[];
  judgements: JudgementJson[];
  findings: FindingJson[];
}
interface CheckJson {
  reports: ReportJson[];
  errors: { file: string; message: string }[];
}

/** Parses stdout as exactly one JSON document. */
function parseJson(run: CliRun): CheckJson {
  return JSON.parse(run.stdout) as CheckJson;
}

/** The file's lines, split the way the CLI counts them (1-based: line N is `lines[N - 1]`). */
function fileLines(file: string): string[] {
  return fs
    .readFileSync(path.resolve(root, file), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
}

const seedFiles = fs
  .readdirSync(seedsDir)
  .filter((name) => name.endsWith('.txt'))
  .sort();
const seed000 = path.join('seeds', '000_94ff8a5dc515caf5.txt');
const textLine = /^.+:\d+:\d+: (error|warning|information|hint) [a-z-]+: /;
const noteLine = /^ {2}.+:\d+:\d+: note: /;
const summaryLine = /^\d+ reports?, \d+ errors?, \d+ warnings?, \d+ information$/;

let tmp = '';
let wrongGrade = '';
let wrongGradeLine = 0;

before(() => {
  assert.ok(fs.existsSync(CLI_PATH), `${CLI_PATH} is missing: run npm run compile && npm run build first`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inspection-report-cli-'));
  // Seed 000 with its first grade line made inconsistent: number 2 with the label inadequate.
  const text = fs.readFileSync(path.join(root, seed000), 'utf8');
  const at = text.indexOf('Grade 4 (inadequate)');
  assert.ok(at >= 0);
  wrongGrade = path.join(tmp, 'wrong-grade.txt');
  fs.writeFileSync(wrongGrade, text.slice(0, at) + 'Grade 2 (inadequate)' + text.slice(at + 20));
  wrongGradeLine = text.slice(0, at).split(/\r\n|\r|\n/).length;
});

after(() => {
  if (tmp !== '') fs.rmSync(tmp, { recursive: true, force: true });
});

describe('check --format json on the seeds', () => {
  let run: CliRun;
  let json: CheckJson;
  before(async () => {
    run = await cli('check', '--format', 'json', 'seeds');
    json = parseJson(run);
  });

  test('exits 0: the seeds are consistent', () => {
    assert.equal(run.stderr, '');
    assert.equal(run.code, 0);
    const errors = json.reports.flatMap((r) => r.findings.filter((f) => f.severity === 'error'));
    assert.deepEqual(errors, []);
  });

  test('reports every seed, in sorted order, with every required key', () => {
    assert.deepEqual(
      json.reports.map((r) => path.basename(r.file)),
      seedFiles,
    );
    for (const report of json.reports) {
      for (const key of ['title', 'subject', 'framework', 'frameworkName'] as const) {
        assert.equal(typeof report[key], 'string', `${report.file}: ${key}`);
      }
      assert.ok(Array.isArray(report.scale) && Array.isArray(report.outline), report.file);
      assert.ok(Array.isArray(report.judgements) && Array.isArray(report.findings), report.file);
      for (const step of report.scale) {
        assert.equal(typeof step.label, 'string');
        assert.equal(typeof step.rank, 'number');
      }
      const visit = (nodes: OutlineJson[]): void => {
        for (const node of nodes) {
          assert.equal(typeof node.name, 'string');
          assert.equal(typeof node.kind, 'string');
          assert.ok(Array.isArray(node.children));
          visit(node.children);
        }
      };
      visit(report.outline);
      for (const judgement of report.judgements) {
        assert.equal(typeof judgement.name, 'string');
        assert.equal(typeof judgement.part, 'string');
        assert.ok(judgement.grade === null || typeof judgement.grade === 'string');
        assert.ok(judgement.rank === null || typeof judgement.rank === 'number');
        for (const evidence of judgement.evidence) {
          assert.ok(['grade-line', 'heading', 'table', 'prose'].includes(evidence.source), evidence.source);
          assert.equal(typeof evidence.text, 'string');
          assert.ok(evidence.grade === null || typeof evidence.grade === 'string');
        }
      }
      for (const finding of report.findings) {
        assert.ok(['error', 'warning', 'information', 'hint'].includes(finding.severity));
        assert.match(finding.code, /^[a-z-]+$/);
        assert.equal(typeof finding.message, 'string');
        assert.ok(Array.isArray(finding.related));
      }
    }
  });

  test('every line and column is 1-based and inside the file', () => {
    for (const report of json.reports) {
      const lines = fileLines(report.file);
      const check = (place: Place, what: string): void => {
        assert.ok(
          Number.isInteger(place.line) && place.line >= 1,
          `${report.file} ${what}: line ${place.line}`,
        );
        assert.ok(place.line <= lines.length, `${report.file} ${what}: line ${place.line} > ${lines.length}`);
        assert.ok(Number.isInteger(place.column) && place.column >= 1, `${report.file} ${what}: column`);
        assert.ok(place.column <= (lines[place.line - 1] ?? '').length + 1, `${report.file} ${what}: column`);
      };
      const visit = (nodes: OutlineJson[]): void =>
        nodes.forEach((node) => {
          check(node, `outline ${node.name}`);
          visit(node.children);
        });
      visit(report.outline);
      for (const judgement of report.judgements) {
        check(judgement, `judgement ${judgement.name}`);
        judgement.evidence.forEach((evidence) => check(evidence, `evidence ${evidence.text}`));
      }
      for (const finding of report.findings) {
        check(finding, `finding ${finding.code}`);
        finding.related.forEach((related) => check(related, `related ${related.message}`));
      }
    }
  });

  test("each evidence line holds the grade's words where its column says", () => {
    for (const report of json.reports) {
      const lines = fileLines(report.file);
      for (const judgement of report.judgements) {
        for (const evidence of judgement.evidence) {
          const firstWord = evidence.text.split(/\s+/)[0] ?? '';
          const at = (lines[evidence.line - 1] ?? '').slice(evidence.column - 1).toLowerCase();
          assert.ok(
            at.startsWith(firstWord.toLowerCase()),
            `${report.file}:${evidence.line}:${evidence.column} should start with "${firstWord}", has "${at.slice(0, 40)}"`,
          );
        }
      }
    }
  });

  test('seed 000: overall effectiveness of the first part is inadequate, from its grade line', () => {
    const report = json.reports.find((r) => r.file.endsWith('000_94ff8a5dc515caf5.txt'));
    assert.ok(report);
    assert.equal(report.framework, 'slac');
    assert.deepEqual(
      report.scale.map((s) => [s.label, s.rank]),
      [
        ['Outstanding', 1],
        ['Good', 2],
        ['Adequate', 3],
        ['Inadequate', 4],
      ],
    );
    const firstPart = report.judgements[0]?.part ?? '';
    assert.match(firstPart, /safeguarding services/i);
    const overall = report.judgements.find((j) => j.name === 'Overall effectiveness' && j.part === firstPart);
    assert.ok(overall, 'Overall effectiveness in the first part');
    assert.equal(overall.grade, 'Inadequate');
    assert.equal(overall.rank, 4);
    const lines = fileLines(report.file);
    const gradeLine = overall.evidence.find((e) => e.source === 'grade-line');
    assert.ok(gradeLine, 'a grade-line evidence');
    assert.equal(gradeLine.grade, 'Inadequate');
    assert.match(lines[gradeLine.line - 1] ?? '', /Grade 4 \(inadequate\)/);
    assert.match(lines[overall.line - 1] ?? '', /Overall effectiveness/i);
  });
});

describe('check finds errors', () => {
  test('a wrong grade number exits 1 with grade-label-mismatch at its line', async () => {
    const run = await cli('check', '--format', 'json', wrongGrade);
    assert.equal(run.code, 1, run.stderr);
    const [report] = parseJson(run).reports;
    assert.ok(report);
    const finding = report.findings.find((f) => f.code === 'grade-label-mismatch');
    assert.ok(finding, JSON.stringify(report.findings, null, 2));
    assert.equal(finding.severity, 'error');
    assert.equal(finding.line, wrongGradeLine);
  });

  test('text format reads like a compiler: path:line:col: severity code: message', async () => {
    const run = await cli('check', wrongGrade);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines.at(-1) ?? '', summaryLine);
    assert.match(lines.at(-1) ?? '', /^1 report, [1-9]\d* errors?/);
    const body = lines.slice(0, -1);
    assert.ok(body.length > 0);
    for (const line of body) assert.ok(textLine.test(line) || noteLine.test(line), line);
    assert.ok(
      body.some(
        (line) =>
          line.startsWith(`${wrongGrade}:${wrongGradeLine}:`) && /: error grade-label-mismatch: /.test(line),
      ),
      run.stdout,
    );
  });

  test('text format on the seeds prints only well-formed lines and a summary', async () => {
    const run = await cli('check', 'seeds');
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines.at(-1) ?? '', new RegExp(`^${seedFiles.length} reports, 0 errors, `));
    for (const line of lines.slice(0, -1)) assert.ok(textLine.test(line) || noteLine.test(line), line);
  });
});

describe('inputs', () => {
  test('a missing file exits 2, names it on stderr, and the other file is still reported', async () => {
    const missing = path.join(tmp, 'no-such-report.txt');
    const run = await cli('check', '--format', 'json', missing, seed000);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${escapeRegExp(missing)}: no such file`));
    const json = parseJson(run);
    assert.deepEqual(
      json.reports.map((r) => r.file),
      [seed000],
    );
    assert.deepEqual(
      json.errors.map((e) => e.file),
      [missing],
    );
  });

  test('a binary file exits 2 as not a text file', async () => {
    const binary = path.join(tmp, 'binary.txt');
    fs.writeFileSync(binary, Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0x0a]));
    const run = await cli('check', binary, seed000);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${escapeRegExp(binary)}: not a text file`));
    assert.match(run.stdout, /^1 report, 0 errors/m);
  });

  test('a file over 100 MB exits 2 as too large without being read', async () => {
    const large = path.join(tmp, 'large.txt');
    fs.writeFileSync(large, '');
    fs.truncateSync(large, 100 * 1024 * 1024 + 1); // sparse: no disk used
    const run = await cli('check', large);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${escapeRegExp(large)}: too large`));
  });

  test('a folder without .txt files exits 2', async () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
    fs.writeFileSync(path.join(empty, 'notes.md'), '# not a report\n');
    const run = await cli('check', empty);
    assert.equal(run.code, 2);
    assert.match(run.stderr, new RegExp(`${escapeRegExp(empty)}: no .txt files`));
  });

  test('folders are walked recursively in sorted order, skipping node_modules and dot-folders', async () => {
    const tree = fs.mkdtempSync(path.join(tmp, 'tree-'));
    const report = 'Inspection report\n\nSome authority\n';
    for (const file of ['b.txt', 'a/z.txt', 'a/c.TXT', 'node_modules/x.txt', '.hidden/y.txt', 'd.md']) {
      fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
      fs.writeFileSync(path.join(tree, file), report);
    }
    const run = await cli('check', '--format', 'json', tree);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      parseJson(run).reports.map((r) => path.relative(tree, r.file).split(path.sep).join('/')),
      ['a/c.TXT', 'a/z.txt', 'b.txt'],
    );
  });

  test('a byte order mark is dropped and CRLF line ends keep the same lines', async () => {
    const text = fs.readFileSync(path.join(root, seed000), 'utf8');
    const crlf = path.join(tmp, 'bom-crlf.txt');
    fs.writeFileSync(crlf, '\uFEFF' + text.replace(/\r?\n/g, '\r\n'));
    const [plain, windows] = await Promise.all([
      cli('check', '--format', 'json', seed000),
      cli('check', '--format', 'json', crlf),
    ]);
    assert.equal(windows.code, 0, windows.stderr);
    const a = parseJson(plain).reports[0];
    const b = parseJson(windows).reports[0];
    assert.ok(a && b);
    assert.equal(b.title, a.title);
    assert.ok(!b.title.startsWith('\uFEFF'));
    const places = (r: ReportJson): string[] =>
      r.judgements.flatMap((j) => [
        `${j.name}@${j.line}`,
        ...j.evidence.map((e) => `${e.text}@${e.line}:${e.column}`),
      ]);
    assert.deepEqual(places(b), places(a));
  });
});

describe('usage', () => {
  const usageErrors: string[][] = [
    [],
    ['frobnicate', 'seeds'],
    ['check'],
    ['check', '--bogus', 'seeds'],
    ['check', '--format', 'xml', 'seeds'],
    ['check', '--format'],
    ['check', '--framework', 'no-such-framework', 'seeds'],
    ['show', '--format', 'json', 'seeds'],
    ['--bogus'],
  ];
  for (const args of usageErrors) {
    test(`'${args.join(' ')}' is a usage error: exit 2, usage on stderr, nothing on stdout`, async () => {
      const run = await cli(...args);
      assert.equal(run.code, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^inspection-report: .+\n\nUsage: inspection-report/);
    });
  }

  test('--help and -h print the usage on stdout and exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const run = await cli(...args);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^Usage: inspection-report <command>/);
      assert.match(run.stdout, /--format text\|json/);
    }
  });

  test("--version prints package.json's version", async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await cli('--version');
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  });

  test('--framework forces the scale', async () => {
    const run = await cli('check', '--format=json', '--framework=ilacs', seed000);
    const [report] = parseJson(run).reports;
    assert.equal(report?.framework, 'ilacs');
  });
});

describe('show', () => {
  test("mentions each seed's file and title, draws the tree, and exits 0", async () => {
    const [show, check] = await Promise.all([
      cli('show', 'seeds'),
      cli('check', '--format', 'json', 'seeds'),
    ]);
    assert.equal(show.code, 0, show.stderr);
    assert.equal(show.stderr, '');
    for (const report of parseJson(check).reports) {
      assert.ok(show.stdout.includes(report.file), report.file);
      if (report.title !== '') assert.ok(show.stdout.includes(report.title), report.title);
    }
    assert.match(show.stdout, /[├└]─ /);
    assert.match(show.stdout, /\.{2,} Inadequate \(4\)/);
    assert.match(show.stdout, new RegExp(`^${seedFiles.length} reports, 0 errors, `, 'm'));
    assert.ok(!show.stdout.includes('\u001b['), 'no colour when stdout is not a terminal');
  });

  test('lists the findings of an inconsistent report', async () => {
    const run = await cli('show', wrongGrade);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^ +${wrongGradeLine}:\\d+ +error grade-label-mismatch`, 'm'));
  });
});

describe('in process', () => {
  test('parseArgs reads options in both spellings, after the files too, and -- ends them', () => {
    assert.deepEqual(parseArgs(['check', 'a.txt', '--format=json', '--framework', 'sif', '--', '-b.txt']), {
      kind: 'check',
      format: 'json',
      framework: 'sif',
      inputs: ['a.txt', '-b.txt'],
    });
    assert.deepEqual(parseArgs(['show', 'x']), { kind: 'show', format: 'text', inputs: ['x'] });
    assert.deepEqual(parseArgs(['check', '--', '--help']), {
      kind: 'check',
      format: 'text',
      inputs: ['--help'],
    });
  });

  test('colour only on a terminal with NO_COLOR unset or empty and TERM not dumb', () => {
    assert.equal(colourWanted({ isTTY: true }, {}), true);
    assert.equal(colourWanted({ isTTY: true }, { NO_COLOR: '' }), true);
    assert.equal(colourWanted({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(colourWanted({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(colourWanted({ isTTY: false }, {}), false);
    assert.equal(colourWanted({}, {}), false);
    assert.equal(createStyle(true).red('x'), '\u001b[31mx\u001b[39m');
    assert.equal(createStyle(false).red('x'), 'x');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
