// `npm run bench`: bundles the benchmark (bench/src, importing the real sources of the core,
// server and CLI) into out/bench/bench.js, builds the production bundles in dist/ (measured by the
// editor, memory, batch and start-up sections), then runs every section and prints the table.
//
//   npm run bench                         every section, full size (a few minutes on 2 cores)
//   npm run bench -- --quick              smaller inputs, fewer runs (about a minute)
//   npm run bench -- --only core,peers    some sections: core peers editor memory batch startup
//   npm run bench -- --profile            only the CPU profile of analyse on a 10 MB report
//   npm run bench -- --profile-line       only the CPU profile of analyse on one 10 MB line
//   npm run bench -- --no-build           use dist/ as it is
//   npm run bench -- --json out.json      also write every row as JSON
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);

await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['bench/src/main.ts'],
  outfile: 'out/bench/bench.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Not minified, with a source map: CPU profiles name the real functions and files.
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
});

if (!args.includes('--no-build') && !args.some((arg) => arg.startsWith('--profile'))) {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const run = spawnSync(process.execPath, [path.join(root, 'out/bench/bench.js'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
