import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseArgs } from '../../server/src/cli/args';
import { analyseFile, analyseFiles, type FileOutcome } from '../../server/src/cli/batch';
import { childPaths, collectFiles } from '../../server/src/cli/files';
import type { OutputOptions } from '../../server/src/cli/output';
import { CLI_PATH, runCli, type CliRun } from '../support/cli';

/*
 * The CLI's batch mode: files spread over worker threads give exactly the output of one thread
 * (same bytes on stdout and stderr, same exit status), in every format, with unreadable inputs
 * among the reports; and in process, the outcomes of `analyseFiles` equal the serial ones.
 */

/** Outcomes made with workers, in the order `analyseFiles` delivers them. */
async function delivered(
  files: readonly string[],
  options: Parameters<typeof analyseFiles>[1],
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  await analyseFiles(files, options, (outcome) => outcomes.push(outcome));
  return outcomes;
}

const cliPath = CLI_PATH;

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { COLUMNS: '100' });
}

let tmp = '';
/** Inputs: every seed and corpus report, a missing file and a binary file among them. */
let inputs: string[] = [];

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'inspection-report-batch-'));
  const binary = path.join(tmp, 'binary.txt');
  fs.writeFileSync(binary, Buffer.from([0x47, 0x72, 0x61, 0x00, 0x64, 0x65]));
  inputs = ['seeds', path.join(tmp, 'missing.txt'), 'test/fixtures/corpus', binary];
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('worker threads give the output of one thread', () => {
  const formats: readonly (readonly string[])[] = [
    ['check', '--format', 'json'],
    ['check', '--format', 'text'],
    ['show'],
  ];
  for (const format of formats) {
    test(`${format.join(' ')}: --jobs 2, --jobs 3 and the default equal --jobs 1`, async () => {
      const serial = await cli(...format, '--jobs', '1', ...inputs);
      assert.equal(serial.code, 2, 'the missing and binary files make the exit status 2');
      assert.match(serial.stderr, /missing\.txt: no such file or folder/);
      assert.match(serial.stderr, /binary\.txt: not a text file/);
      assert.ok(serial.stdout.length > 1000, serial.stdout);
      for (const jobs of [['--jobs', '2'], ['--jobs', '3'], []]) {
        const parallel = await cli(...format, ...jobs, ...inputs);
        assert.equal(parallel.code, serial.code, jobs.join(' '));
        assert.equal(parallel.stderr, serial.stderr, jobs.join(' '));
        assert.equal(parallel.stdout, serial.stdout, jobs.join(' '));
      }
    });
  }
});

describe('analyseFiles in process', () => {
  /** Every format, with colour in one: a worker formats as this thread would. */
  const OUTPUTS: readonly OutputOptions[] = [
    { format: 'json', colour: false },
    { format: 'text', colour: true },
    { format: 'show', colour: true, width: 90 },
  ];

  test('outcomes with workers equal the serial outcomes, in input order', async () => {
    const files = [...collectFiles(inputs).files];
    assert.ok(files.length > 20);
    for (const output of OUTPUTS) {
      const serial = files.map((file) => analyseFile(file, undefined, output));
      const parallel = await delivered(files, { jobs: 2, workerScript: cliPath, output });
      assert.deepEqual(parallel, serial, output.format);
    }
  });

  test('when delivering an outcome throws, no more are delivered and the batch rejects with it', async () => {
    const files = [...collectFiles(inputs).files];
    const seen: FileOutcome[] = [];
    const failure = new Error('stdout is gone');
    const batch = analyseFiles(
      files,
      { jobs: 2, workerScript: cliPath, output: OUTPUTS[0] as OutputOptions },
      (outcome) => {
        seen.push(outcome);
        if (seen.length === 3) throw failure;
      },
    );
    await assert.rejects(batch, failure);
    assert.equal(seen.length, 3);
    // A whole batch more gives any worker of the first one left running time to answer: none does.
    await delivered(files, { jobs: 2, workerScript: cliPath, output: OUTPUTS[0] as OutputOptions });
    assert.equal(seen.length, 3);
  });

  test('a worker that fails half way leaves the files it had to this thread', async () => {
    // A worker script that runs the CLI's worker and throws while handling its second message.
    const crashing = path.join(tmp, 'crashing-worker.js');
    fs.writeFileSync(
      crashing,
      [
        "const { parentPort } = require('node:worker_threads');",
        'let messages = 0;',
        "parentPort.on('message', () => { if (++messages === 2) throw new Error('worker failed'); });",
        `require(${JSON.stringify(cliPath)});`,
      ].join('\n'),
    );
    const files = [...collectFiles(inputs).files];
    const output = OUTPUTS[1] as OutputOptions;
    const serial = files.map((file) => analyseFile(file, undefined, output));
    const parallel = await delivered(files, { jobs: 3, workerScript: crashing, output });
    assert.deepEqual(parallel, serial);
  });

  test('a worker that cannot start leaves its files to this thread', async () => {
    const files = [...collectFiles(['seeds']).files];
    const output = OUTPUTS[0] as OutputOptions;
    const serial = files.map((file) => analyseFile(file, 'sif', output));
    const parallel = await delivered(files, {
      jobs: 3,
      framework: 'sif',
      workerScript: path.join(tmp, 'no-such-script.js'),
      output,
    });
    assert.deepEqual(parallel, serial);
  });

  test('--jobs takes a whole number from 1', () => {
    assert.deepEqual(parseArgs(['check', '--jobs', '2', 'a.txt']), {
      kind: 'check',
      format: 'text',
      jobs: 2,
      inputs: ['a.txt'],
    });
    assert.deepEqual(parseArgs(['show', '--jobs=1', 'a.txt']), {
      kind: 'show',
      format: 'text',
      jobs: 1,
      inputs: ['a.txt'],
    });
    for (const bad of ['0', '-1', 'two', '1.5', '']) {
      assert.equal(parseArgs(['check', `--jobs=${bad}`, 'a.txt']).kind, 'usage-error', bad);
    }
  });
});

describe("CLI batch: the paths of a folder's entries", () => {
  test('childPaths joins and resolves as path.join and path.resolve do, on POSIX and Windows', () => {
    const cases: { flavour: path.PlatformPath; folders: string[]; names: string[] }[] = [
      {
        flavour: path.posix,
        folders: [
          '.',
          './',
          '',
          '/',
          '//',
          'a',
          'a/',
          'a//b/',
          './a/../b',
          '../x',
          '..',
          'a/.',
          'a/..',
          '/tmp/r/',
        ],
        names: ['r.txt', 'x', '.hidden.txt', 'a b.txt', 'é.txt', '...', 'back\\slash.txt'],
      },
      {
        flavour: path.win32,
        folders: [
          '.',
          '',
          'C:\\',
          'C:',
          'C:foo',
          'C:\\a\\..\\b\\',
          '\\\\server\\share\\',
          'a\\b\\',
          'a/b',
          '..',
        ],
        names: ['r.txt', 'x', '...', 'a b.txt'],
      },
    ];
    let compared = 0;
    for (const { flavour, folders, names } of cases) {
      for (const folder of folders) {
        const joined = childPaths(folder, flavour.join);
        const resolved = childPaths(folder, flavour.resolve);
        for (const name of names) {
          assert.equal(joined(name), flavour.join(folder, name), `join ${folder} ${name}`);
          assert.equal(resolved(name), flavour.resolve(folder, name), `resolve ${folder} ${name}`);
          compared++;
        }
      }
    }
    assert.equal(compared, 14 * 7 + 10 * 4);
  });
});
