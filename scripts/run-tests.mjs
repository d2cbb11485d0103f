// Runs the compiled tests: out/test/**/*.test.js, or only one tier (`unit`, `protocol`, ...) when
// its folder name is the first argument. Further arguments go to `node --test` as they are
// (e.g. --test-name-pattern=show).
//
//   node scripts/run-tests.mjs [tier] [node --test options]
//
// On a terminal the spec reporter is used; elsewhere (CI=true, pipes, log files) the TAP reporter,
// whose closing `# tests N`, `# pass N`, `# fail N` lines CI log readers understand.
// TEST_CONCURRENCY overrides how many test files run at once (default: the available cores).
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const testRoot = join(root, 'out', 'test');

const args = process.argv.slice(2);
const tier = args[0] !== undefined && !args[0].startsWith('-') ? args.shift() : undefined;
const searchRoot = tier === undefined ? testRoot : join(testRoot, tier);

/** Every `*.test.js` below `dir`, sorted; none when `dir` does not exist. */
function findTests(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found;
}

const files = findTests(searchRoot);
if (files.length === 0) {
  const where = relative(root, searchRoot) || '.';
  const exists = (() => {
    try {
      return statSync(searchRoot).isDirectory();
    } catch {
      return false;
    }
  })();
  console.error(
    `run-tests: no test files (*.test.js) under ${where}` +
      (exists ? '' : ' (the folder does not exist: run `npm run compile` first, or check the tier name)'),
  );
  process.exit(1);
}

const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const reporter = process.stdout.isTTY && !ci ? 'spec' : 'tap';
const requested = Number.parseInt(process.env.TEST_CONCURRENCY ?? '', 10);
const concurrency =
  Number.isInteger(requested) && requested > 0 ? requested : Math.max(1, availableParallelism());

const nodeArgs = [
  '--test',
  `--test-reporter=${reporter}`,
  `--test-concurrency=${concurrency}`,
  ...args,
  ...files.map((file) => relative(root, file)),
];
console.log(`run-tests: ${files.length} test file(s)${tier ? ` in ${tier}` : ''}, ${reporter} reporter`);

const child = spawn(process.execPath, nodeArgs, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`run-tests: could not start node: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    console.error(`run-tests: the test run was stopped by ${signal}`);
    process.exit(1);
  }
  process.exit(code ?? 1);
});
