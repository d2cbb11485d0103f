// `npm run bench:count`: compares the core of the working tree with the core of an earlier commit
// by what the machine does rather than how long it takes: instructions, level-1 data cache misses
// and misses of a simulated 512 KB second-level cache per `analyse` of a corpus document, counted
// by valgrind's cachegrind, with V8 in its predictable mode, once V8 has optimised the core. Counts
// of the same core spread over about 2%, so a change of a few per cent shows, where timings on a
// shared machine move by 10% (see bench/README.md). Slow: about eight minutes for the default 1 MB.
// Needs valgrind (Debian package `valgrind`).
//
//   npm run bench:count                        working tree against HEAD
//   npm run bench:count -- --base a909d29      against that commit
//   npm run bench:count -- --mb 2 --runs 20    a 2 MB document, 20 counted analyses a side
import * as esbuild from 'esbuild';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The value following `--name` on the command line, or `fallback`. */
function option(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(`--${name}`);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : fallback;
}

const base = option('base', 'HEAD');
const megabytes = Number(option('mb', '1'));
const runs = Number(option('runs', '50'));
if (!(megabytes > 0 && megabytes <= 50) || !Number.isInteger(runs) || runs < 1 || runs > 200) {
  console.error('bench:count: --mb takes a size over 0 and up to 50 (megabytes), --runs 1 to 200');
  process.exit(2);
}
if (spawnSync('valgrind', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('bench:count: valgrind is not installed (Debian: apt-get install valgrind)');
  process.exit(2);
}

/**
 * Analyses done before counting starts in every process, while V8 compiles and optimises the core.
 * In predictable mode V8 compiles on the main thread and takes over a hundred analyses of 1 MB to
 * settle: counted after 10, 100, 150 and 250, one analysis took 282, 210, 180 and 174 million
 * instructions. After 10 the count was mostly compiling.
 */
const WARM_UP = 150;

/**
 * Bundles a program that builds the document and analyses it `WARM_UP` times, then `RUNS` (an
 * environment variable) more, with the core found under `coreRoot`. Both sides share the
 * document builder of the working tree, so they read the same text.
 */
async function bundle(coreRoot, outfile) {
  const core = path.join(coreRoot, 'server/src/core/analyse').split(path.sep).join('/');
  await esbuild.build({
    stdin: {
      contents: [
        `import { analyse } from ${JSON.stringify(core)};`,
        `import { corpus, DocumentBuilder } from './bench/src/common';`,
        `const text = new DocumentBuilder(corpus().map((c) => c.text)).of(${megabytes * 1e6});`,
        `const runs = ${WARM_UP} + Number(process.env.RUNS ?? 0);`,
        `for (let i = 0; i < runs; i++) analyse(text);`,
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}

/** cachegrind's totals for one run of `script` with `RUNS=counted`. */
function count(script, counted) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'valgrind',
      [
        '--tool=cachegrind',
        '--cache-sim=yes',
        // A 512 KB last level: what a 2-core cloud machine's second-level cache holds per core.
        '--LL=524288,8,64',
        '--cachegrind-out-file=/dev/null',
        process.execPath,
        // No background threads, a garbage collection schedule that does not depend on timings,
        // and fixed seeds: V8 then does the same work on every run of the same program.
        '--predictable',
        '--predictable-gc-schedule',
        '--random-seed=1',
        '--hash-seed=1',
        script,
      ],
      { cwd: root, env: { ...process.env, RUNS: String(counted) }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr.on('data', (chunk) => (log += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const total = (label) => {
        const match = new RegExp(`${label}:\\s+([\\d,]+)`).exec(log);
        return match ? Number(match[1].replaceAll(',', '')) : Number.NaN;
      };
      const totals = {
        instructions: total('I\\s+refs'),
        d1: total('D1\\s+misses'),
        l2: total('LLd\\s+misses'),
      };
      if (code !== 0 || Object.values(totals).some(Number.isNaN))
        reject(new Error(`valgrind failed (exit ${code}):\n${log.slice(-2000)}`));
      else resolve(totals);
    });
  });
}

/** Counts per analysis: the difference between a run with `runs` counted analyses and one with none. */
async function perAnalysis(script) {
  // Both at once, one a core: past the warm-up, two processes of the same program running side by
  // side counted within 0.05% of each other.
  const [none, some] = await Promise.all([count(script, 0), count(script, runs)]);
  return Object.fromEntries(Object.keys(none).map((key) => [key, (some[key] - none[key]) / runs]));
}

const resolved = spawnSync('git', ['rev-parse', '--short', '--verify', `${base}^{commit}`], {
  cwd: root,
  encoding: 'utf8',
});
if (resolved.status !== 0) {
  console.error(`bench:count: no commit ${JSON.stringify(base)} in this repository`);
  process.exit(2);
}
const commit = resolved.stdout.trim();
// A fixed place, so that the base's bundle is the same file from one run to the next.
const tree = path.join(os.tmpdir(), 'bench-count-base');
spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'ignore' });
fs.rmSync(tree, { recursive: true, force: true });
const outDir = path.join(root, 'out', 'bench');
fs.mkdirSync(outDir, { recursive: true });
try {
  execFileSync('git', ['worktree', 'add', '--detach', '--quiet', tree, commit], { cwd: root });
  const baseScript = path.join(outDir, 'count-base.js');
  const workScript = path.join(outDir, 'count-work.js');
  await bundle(tree, baseScript);
  await bundle(root, workScript);
  const started = Date.now();
  console.log(
    `Counting ${runs} analyses of a ${megabytes} MB document under cachegrind, ${commit} then the working tree...`,
  );
  const before = await perAnalysis(baseScript);
  const after = await perAnalysis(workScript);
  const rows = [
    ['instructions', 'instructions'],
    ['d1', 'L1 data misses'],
    ['l2', 'L2 (512 KB) data misses'],
  ];
  const fmt = (n) => Math.round(n).toLocaleString('en-GB');
  console.log(`\n| Per analysis of ${megabytes} MB | ${commit} | working tree | change |`);
  console.log('| --- | --: | --: | --: |');
  for (const [key, label] of rows) {
    const change = ((after[key] - before[key]) / before[key]) * 100;
    console.log(
      `| ${label} | ${fmt(before[key])} | ${fmt(after[key])} | ${change >= 0 ? '+' : ''}${change.toFixed(2)}% |`,
    );
  }
  console.log(
    `\n(${Math.round((Date.now() - started) / 1000)} s; counts of the same core spread over about 2%)`,
  );
} finally {
  spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'ignore' });
  fs.rmSync(tree, { recursive: true, force: true });
}
