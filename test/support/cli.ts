import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './fixtures';

const root = repoRoot();
const bundled = join(root, 'dist', 'cli.js');
const compiled = join(root, 'out', 'server', 'src', 'cli.js');

/** The CLI under test: the bundle when built, the tsc output otherwise, or `INSPECTION_REPORT_CLI`. */
export const CLI_PATH = process.env['INSPECTION_REPORT_CLI'] ?? (existsSync(bundled) ? bundled : compiled);

/** What one CLI run printed and how it exited. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI from the repository root with plain (uncoloured) output and extra environment. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
