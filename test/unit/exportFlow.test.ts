import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type ExportHost, runExport } from '../../client/src/exportFlow';
import type { ExportFormat } from '../../client/src/exportFormat';

/*
 * Export never overwrites a file without the user's say-so: the flow of client/src/exportFlow.ts
 * against an in-memory host standing in for the save dialog, the file system and the modal
 * "Replace" question.
 */

interface FakeOptions {
  /** What the save dialog answers (`undefined`: cancelled). */
  picked?: string;
  /** Files that exist before the export, with their contents. */
  files?: Record<string, string>;
  /** What the user answers to "Replace?". */
  replace?: boolean;
}

function fakeHost(options: FakeOptions) {
  const files = new Map(Object.entries(options.files ?? {}));
  const calls: string[] = [];
  const host: ExportHost<string> = {
    pickTarget: () => {
      calls.push('pick');
      return Promise.resolve(options.picked);
    },
    nameOf: (target) => target,
    exists: (target) => Promise.resolve(files.has(target)),
    confirmReplace: (target) => {
      calls.push(`confirm ${target}`);
      return Promise.resolve(options.replace === true);
    },
    write: (target, bytes) => {
      calls.push(`write ${target}`);
      files.set(target, new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
      return Promise.resolve();
    },
  };
  return { host, files, calls };
}

const content = (format: ExportFormat): string => (format === 'json' ? '{"a":1}\n' : 'a\r\n1\r\n');

describe('exporting to a file', () => {
  test('cancelling the save dialog writes nothing', async () => {
    const { host, calls, files } = fakeHost({});
    assert.deepEqual(await runExport(host, content), { outcome: 'cancelled' });
    assert.deepEqual(calls, ['pick']);
    assert.equal(files.size, 0);
  });

  test('a new file is written without a question, in the format its name asks for', async () => {
    const csv = fakeHost({ picked: 'out.csv' });
    assert.deepEqual(await runExport(csv.host, content), {
      outcome: 'written',
      target: 'out.csv',
      format: 'csv',
    });
    assert.deepEqual(csv.calls, ['pick', 'write out.csv']);
    assert.equal(csv.files.get('out.csv'), '\uFEFFa\r\n1\r\n');
    const json = fakeHost({ picked: 'out.json' });
    assert.equal((await runExport(json.host, content)).outcome, 'written');
    assert.equal(json.files.get('out.json'), '{"a":1}\n');
  });

  test('an existing file is kept unless the user confirms', async () => {
    const { host, calls, files } = fakeHost({ picked: 'old.csv', files: { 'old.csv': 'precious' } });
    assert.deepEqual(await runExport(host, content), { outcome: 'kept', target: 'old.csv' });
    assert.deepEqual(calls, ['pick', 'confirm old.csv']);
    assert.equal(files.get('old.csv'), 'precious');
  });

  test('an existing file is replaced once the user confirms', async () => {
    const { host, calls, files } = fakeHost({
      picked: 'old.json',
      files: { 'old.json': 'precious' },
      replace: true,
    });
    assert.equal((await runExport(host, content)).outcome, 'written');
    assert.deepEqual(calls, ['pick', 'confirm old.json', 'write old.json']);
    assert.equal(files.get('old.json'), '{"a":1}\n');
  });

  test('a target given by the caller skips the dialog, not the question', async () => {
    const kept = fakeHost({ files: { 'given.csv': 'precious' } });
    assert.equal((await runExport(kept.host, content, 'given.csv')).outcome, 'kept');
    assert.deepEqual(kept.calls, ['confirm given.csv']);
    const fresh = fakeHost({});
    assert.equal((await runExport(fresh.host, content, 'new.csv')).outcome, 'written');
    assert.deepEqual(fresh.calls, ['write new.csv']);
  });

  test('a failed write rejects (the caller reports it)', async () => {
    const { host } = fakeHost({ picked: 'x.csv' });
    host.write = () => Promise.reject(new Error('read-only file system'));
    await assert.rejects(runExport(host, content), /read-only file system/);
  });
});
