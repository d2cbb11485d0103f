import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { run, type CliIo } from '../../server/src/cli/main';
import { BATCH_INTERRUPT_BUDGET, batchV8Flags } from '../../server/src/cli/tiering';
import { repoRoot } from '../support/fixtures';

/*
 * The CLI tunes V8 for a batch of reports (see server/src/cli/tiering.ts), and only then: one report
 * keeps V8's defaults, and a flag the user gave Node is left alone. That the output does not change
 * with them is checked by the batch tests, which run the real CLI.
 */

const ALL = `--interrupt-budget=${BATCH_INTERRUPT_BUDGET} --no-turbo-loop-peeling --no-allocation-site-pretenuring`;

describe('CLI tiering: batchV8Flags', () => {
  test('one report, or none, keeps the defaults', () => {
    assert.equal(batchV8Flags(0, []), undefined);
    assert.equal(batchV8Flags(1, []), undefined);
  });

  test('two reports or more raise the interrupt budget and turn off loop peeling and pretenuring', () => {
    assert.equal(batchV8Flags(2, []), ALL);
    assert.equal(batchV8Flags(1000, ['--max-old-space-size=4096', '--enable-source-maps']), ALL);
  });

  test('a flag the user gave Node is kept, in either spelling and either sense', () => {
    const rest = '--no-turbo-loop-peeling --no-allocation-site-pretenuring';
    assert.equal(batchV8Flags(5, ['--interrupt-budget=5000']), rest);
    assert.equal(batchV8Flags(5, ['--max-old-space-size=4096', '--interrupt_budget=5000']), rest);
    assert.equal(
      batchV8Flags(5, ['--turbo_loop_peeling', '--no-allocation-site-pretenuring']),
      `--interrupt-budget=${BATCH_INTERRUPT_BUDGET}`,
    );
    assert.equal(
      batchV8Flags(5, ['--interrupt-budget=1', '--no-turbo-loop-peeling', '--allocation_site_pretenuring']),
      undefined,
    );
  });
});

describe('CLI tiering: when the CLI asks for it', () => {
  /** Runs the CLI in this process on `inputs`, and returns the file counts it announced. */
  async function announced(inputs: string[]): Promise<number[]> {
    const counts: number[] = [];
    const io: CliIo = {
      stdout: { write: () => true },
      stderr: { write: () => true },
      env: {},
      scriptDir: repoRoot(),
      beforeAnalysis: (count) => counts.push(count),
    };
    await run(['check', '--jobs', '1', ...inputs], io);
    return counts;
  }

  test('once, with the number of report files found, missing inputs left out', async () => {
    const seeds = path.join(repoRoot(), 'seeds');
    assert.deepEqual(await announced([seeds, path.join(repoRoot(), 'no-such-file.txt')]), [5]);
    assert.deepEqual(await announced([path.join(seeds, '000_94ff8a5dc515caf5.txt')]), [1]);
  });

  test('not for help or a usage error', async () => {
    assert.deepEqual(await announced(['--no-such-option']), []);
  });
});
