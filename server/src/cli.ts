/**
 * Entry point of the `inspection-report` command (bundled to dist/cli.js). Everything else lives
 * under ./cli/; see ./cli/main.ts. The same script is what the batch's worker threads run
 * (./cli/batch.ts): in such a worker it only analyses the files it is sent.
 */
import * as path from 'node:path';
import { isBatchWorker, runWorker } from './cli/batch';
import { run } from './cli/main';
import { tuneForBatch } from './cli/tiering';

if (isBatchWorker()) {
  runWorker();
} else {
  // A reader that stops early (`| head`) is not an error: exit quietly with the status so far.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit();
  });

  const scriptDir = typeof __dirname === 'string' ? __dirname : path.dirname(process.argv[1] ?? '.');
  run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    scriptDir,
    beforeAnalysis: tuneForBatch,
    ...(typeof __filename === 'string' ? { workerScript: __filename } : {}),
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`inspection-report: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
