// The long fuzz run (issue 5): the property tests of test/unit/fuzz.test.ts with many more cases and
// a fresh seed, the very large inputs (a 10 MB single line, a 50 MB file), every quick fix on every
// place of every fixture, and the ReDoS checks. `npm test` runs the same tests, bounded.
//
//   npm run fuzz [-- --runs N] [-- --seed N]
//
// Run after `npm run compile` (the npm script does). A failure prints fast-check's seed and path:
// rerun with `--seed` to replay it. Exit status: that of the test run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number.parseInt(args[at + 1] ?? '', 10) : Number.NaN;
  return Number.isInteger(value) ? value : fallback;
};
const runs = option('runs', 3000);
const seed = option('seed', Date.now() % 2_147_483_647);

const files = ['fuzz', 'fixes', 'redos', 'hostile', 'settingsValidation'].map((name) =>
  join(root, 'out', 'test', 'unit', `${name}.test.js`),
);
const missing = files.filter((file) => !existsSync(file));
if (missing.length > 0) {
  console.error(
    `fuzz: ${missing.map((f) => relative(root, f)).join(', ')} missing: run npm run compile first`,
  );
  process.exit(1);
}

console.log(`fuzz: ${runs} cases per property, seed ${seed} (replay with: npm run fuzz -- --seed ${seed})`);
const started = Date.now();
const child = spawn(
  process.execPath,
  [
    '--max-old-space-size=6144',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=1',
    '--test-timeout=3600000',
    ...files.map((file) => relative(root, file)),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FUZZ_LONG: '1', FUZZ_RUNS: String(runs), FUZZ_SEED: String(seed) },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  console.log(`fuzz: finished in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed})`);
  process.exit(signal ? 1 : (code ?? 1));
});
