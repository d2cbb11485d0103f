import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { run, type CliIo } from '../../server/src/cli/main';
import {
  BATCH_INLINING_BUDGET,
  BATCH_INTERRUPT_BUDGET,
  batchV8Flags,
  type BatchShape,
  type BatchV8Flags,
} from '../../server/src/cli/tiering';
import { CLI_PATH } from '../support/cli';
import { repoRoot } from '../support/fixtures';

/*
 * The CLI tunes V8 for a batch of reports (see server/src/cli/tiering.ts), and only then: one report
 * keeps V8's defaults, and a flag the user gave Node is left alone. That the output does not change
 * with them is checked by the batch tests, which run the real CLI.
 */

const BUDGET = `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`;
const EVERY_BATCH = `${BUDGET} --no-turbo-loop-peeling --no-allocation-site-pretenuring`;
const NO_CONCURRENT = '--no-concurrent-recompilation';
const LESS_INLINING = `--max-inlined-bytecode-size-cumulative=${BATCH_INLINING_BUDGET}`;
const SERIAL_SCAVENGE = '--no-parallel-scavenge';

/** The flags expected before and after the workers start, each part left out when empty. */
function flags(beforeWorkers: string, afterWorkers: string): BatchV8Flags {
  return {
    ...(beforeWorkers === '' ? {} : { beforeWorkers }),
    ...(afterWorkers === '' ? {} : { afterWorkers }),
  };
}

/** The flags for a batch whose threads take every core. */
const EVERY_CORE = flags(`${NO_CONCURRENT} ${SERIAL_SCAVENGE}`, `${EVERY_BATCH} ${LESS_INLINING}`);

/** `files` files on two cores, analysed by one thread or, with `threads`, by that many. */
function batch(files: number, threads = 1): BatchShape {
  return { files, threads, cores: 2 };
}

describe('CLI tiering: batchV8Flags', () => {
  test('one report, or none, keeps the defaults', () => {
    assert.equal(batchV8Flags(batch(0), []), undefined);
    assert.equal(batchV8Flags(batch(1), []), undefined);
    assert.equal(batchV8Flags({ files: 1, threads: 1, cores: 1 }, []), undefined);
  });

  test('two reports or more raise the interrupt budget and turn off loop peeling and pretenuring', () => {
    assert.deepEqual(batchV8Flags(batch(2), []), flags('', EVERY_BATCH));
    assert.deepEqual(
      batchV8Flags(batch(1000), ['--max-old-space-size=4096', '--enable-source-maps']),
      flags('', EVERY_BATCH),
    );
  });

  test('compiling and scavenging move to the analysing threads, inlining less, only when they take every core', () => {
    assert.deepEqual(batchV8Flags(batch(1000, 2), []), EVERY_CORE);
    assert.deepEqual(batchV8Flags(batch(1000, 3), []), EVERY_CORE);
    assert.deepEqual(batchV8Flags({ files: 1000, threads: 1, cores: 1 }, []), EVERY_CORE);
    assert.deepEqual(batchV8Flags({ files: 1000, threads: 4, cores: 8 }, []), flags('', EVERY_BATCH));
  });

  test("only the flags that leave V8's flag hash as it is come before the workers start", () => {
    // Measured with Node 20: a worker started after any of the others compiles Node's own modules anew.
    const before = batchV8Flags(batch(1000, 2), [])?.beforeWorkers?.split(' ') ?? [];
    assert.deepEqual(before.sort(), [NO_CONCURRENT, SERIAL_SCAVENGE].sort());
  });

  test('a flag the user gave Node is kept, in either spelling and either sense', () => {
    const rest = '--no-turbo-loop-peeling --no-allocation-site-pretenuring';
    assert.deepEqual(batchV8Flags(batch(5), ['--interrupt-budget=5000']), flags('', rest));
    assert.deepEqual(
      batchV8Flags(batch(5), ['--max-old-space-size=4096', '--interrupt_budget=5000']),
      flags('', rest),
    );
    assert.deepEqual(
      batchV8Flags(batch(5), ['--turbo_loop_peeling', '--no-allocation-site-pretenuring']),
      flags('', BUDGET),
    );
    assert.equal(
      batchV8Flags(batch(5), [
        '--interrupt-budget=1',
        '--no-turbo-loop-peeling',
        '--allocation_site_pretenuring',
      ]),
      undefined,
    );
    assert.deepEqual(
      batchV8Flags(batch(5, 2), ['--concurrent-recompilation']),
      flags(SERIAL_SCAVENGE, `${EVERY_BATCH} ${LESS_INLINING}`),
    );
    assert.deepEqual(
      batchV8Flags(batch(5, 2), ['--no_concurrent_recompilation']),
      flags(SERIAL_SCAVENGE, `${EVERY_BATCH} ${LESS_INLINING}`),
    );
    assert.deepEqual(
      batchV8Flags(batch(5, 2), ['--max_inlined_bytecode_size_cumulative=920']),
      flags(`${NO_CONCURRENT} ${SERIAL_SCAVENGE}`, EVERY_BATCH),
    );
    assert.deepEqual(
      batchV8Flags(batch(5, 2), ['--parallel-scavenge']),
      flags(NO_CONCURRENT, `${EVERY_BATCH} ${LESS_INLINING}`),
    );
  });
});

describe('CLI tiering: when the CLI asks for it', () => {
  /** Runs the CLI in this process on `args`, and returns the batches it announced. */
  async function announced(
    args: string[],
    workerScript?: string,
  ): Promise<{ files: number; threads: number }[]> {
    const batches: { files: number; threads: number }[] = [];
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
      scriptDir: repoRoot(),
      beforeAnalysis: (announcedBatch) => {
        batches.push({ ...announcedBatch });
        return undefined;
      },
      ...(workerScript === undefined ? {} : { workerScript }),
    };
    await run(['check', ...args], io);
    return batches;
  }

  test('once, with the number of report files found, missing inputs left out', async () => {
    const seeds = path.join(repoRoot(), 'seeds');
    assert.deepEqual(await announced(['--jobs', '1', seeds, path.join(repoRoot(), 'no-such-file.txt')]), [
      { files: 5, threads: 1 },
    ]);
    assert.deepEqual(await announced(['--jobs', '1', path.join(seeds, '000_94ff8a5dc515caf5.txt')]), [
      { files: 1, threads: 1 },
    ]);
  });

  test('with the threads that will analyse: one without a worker script, else no more than the files', async () => {
    const seeds = path.join(repoRoot(), 'seeds');
    const cli = CLI_PATH;
    assert.deepEqual(await announced(['--jobs', '3', seeds]), [{ files: 5, threads: 1 }]);
    // Announced before any worker starts, so the CLI's real worker script is only named here: the
    // run that follows analyses in worker threads, as the batch tests check.
    assert.deepEqual(await announced(['--jobs', '3', seeds], cli), [{ files: 5, threads: 3 }]);
    assert.deepEqual(await announced(['--jobs', '8', path.join(seeds, '000_94ff8a5dc515caf5.txt')], cli), [
      { files: 1, threads: 1 },
    ]);
  });

  test('not for help or a usage error', async () => {
    assert.deepEqual(await announced(['--no-such-option']), []);
  });

  test('the rest of the flags once the workers have started, before the first file without workers', async () => {
    const seeds = path.join(repoRoot(), 'seeds');
    /** Runs the CLI on `args`; what happened, in order: `started` for the call, `file` per report read. */
    async function events(args: string[], workerScript?: string): Promise<string[]> {
      const seen: string[] = [];
      const io: CliIo = {
        stdout: {
          write: (text: string) => {
            const reports = text.match(/"file": "/g)?.length ?? 0;
            for (let k = 0; k < reports; k++) seen.push('file');
            return true;
          },
        },
        stderr: { write: () => true },
        env: {},
        scriptDir: repoRoot(),
        beforeAnalysis: () => () => seen.push('started'),
        ...(workerScript === undefined ? {} : { workerScript }),
      };
      await run(['check', '--format', 'json', ...args], io);
      return seen;
    }
    assert.deepEqual(await events(['--jobs', '1', seeds]), [
      'started',
      'file',
      'file',
      'file',
      'file',
      'file',
    ]);
    // With workers, once, whenever they start: this thread analyses while they do.
    const withWorkers = await events(['--jobs', '3', seeds], CLI_PATH);
    assert.equal(withWorkers.filter((event) => event === 'started').length, 1);
    assert.equal(withWorkers.filter((event) => event === 'file').length, 5);
    // A worker that cannot start counts as started, so the flags are still set.
    const noWorker = await events(['--jobs', '2', seeds], path.join(repoRoot(), 'no-such-worker.js'));
    assert.equal(noWorker.filter((event) => event === 'started').length, 1);
    assert.equal(noWorker.filter((event) => event === 'file').length, 5);
  });
});
