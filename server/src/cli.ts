/**
 * Entry point of the `inspection-report` command (bundled to dist/cli.js). Everything else lives
 * under ./cli/; see ./cli/main.ts.
 */
import * as path from 'node:path';
import { run } from './cli/main';

// A reader that stops early (`| head`) is not an error: exit quietly with the status so far.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});

process.exitCode = run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  scriptDir: typeof __dirname === 'string' ? __dirname : path.dirname(process.argv[1] ?? '.'),
});
