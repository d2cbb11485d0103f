import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CrashPolicy, RESTART_COMMAND_TITLE } from '../../client/src/crashPolicy';
import { repoRoot } from '../support/fixtures';

/*
 * The client restarts a crashed server a bounded number of times and tells the user once, plainly
 * (issue 5, item 3). The policy is pure; languageClient.ts hands its decisions to the language
 * client as the error handler.
 */

function clock(): { now: () => number; advance: (ms: number) => void } {
  let time = 1_000_000;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('crash policy', () => {
  test('restarts three times, then stops and tells the user once', () => {
    const time = clock();
    const policy = new CrashPolicy(3, 180_000, time.now);
    for (let i = 1; i <= 3; i++) {
      const decision = policy.closed();
      assert.equal(decision.restart, true, `crash ${i} is restarted`);
      assert.equal(decision.tell, undefined, 'a restart that works needs no message');
      assert.match(decision.log, new RegExp(`restart ${i} of at most 3`));
      time.advance(10_000);
    }
    const fourth = policy.closed();
    assert.equal(fourth.restart, false);
    assert.ok(fourth.tell, 'the user is told');
    assert.match(fourth.tell, /stopped unexpectedly 4 times in 3 minutes/);
    assert.ok(fourth.tell.includes(RESTART_COMMAND_TITLE), 'the message names the way out');
    assert.doesNotMatch(fourth.tell, /server server|undefined|Error:|\bstack\b/i, 'plain words');
    const fifth = policy.closed();
    assert.equal(fifth.restart, false);
    assert.equal(fifth.tell, undefined, 'told only once');
  });

  test('crashes far apart are restarted every time', () => {
    const time = clock();
    const policy = new CrashPolicy(3, 180_000, time.now);
    for (let i = 0; i < 20; i++) {
      const decision = policy.closed();
      assert.equal(decision.restart, true, `crash ${i + 1}`);
      assert.equal(decision.tell, undefined);
      time.advance(61_000);
    }
  });

  test('connection errors are tolerated three in a row, then the server is shut down, told once', () => {
    const policy = new CrashPolicy();
    for (const count of [1, 2, 3]) assert.equal(policy.connectionError(count).carryOn, true);
    const shut = policy.connectionError(4);
    assert.equal(shut.carryOn, false);
    assert.ok(shut.tell?.includes(RESTART_COMMAND_TITLE));
    assert.equal(policy.connectionError(5).tell, undefined);
    assert.equal(policy.closed().tell, undefined, 'one message for the whole episode');
  });

  test('the language client uses it as its error handler, and the restart command exists', () => {
    const root = repoRoot();
    const source = readFileSync(join(root, 'client', 'src', 'languageClient.ts'), 'utf8');
    assert.match(source, /errorHandler,/);
    assert.match(source, /new CrashPolicy\(\)/);
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { commands: { command: string; title: string; category?: string }[] };
    };
    const restart = manifest.contributes.commands.find((c) => c.command === 'inspectionReport.restartServer');
    assert.equal(`${restart?.category}: ${restart?.title}`, RESTART_COMMAND_TITLE);
  });
});
