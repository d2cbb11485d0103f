// Runs the end-to-end suites in a real VS Code (code-server 1.100.3) against the packaged extension:
//
//   node scripts/e2e/run-e2e.mjs [exthost] [ui]     (both when neither is named)
//
//   exthost  @vscode/test-electron's runTests() with scripts/e2e/vscode-shim.mjs as the "VS Code
//            executable": mocha inside the extension host (test/e2e/suite), with the .vsix
//            installed into the instance's extensions folder first (as `code --install-extension`).
//   ui       the .vsix installed into a code-server on 127.0.0.1, its workbench driven in headless
//            Chromium with playwright-core (test/e2e/ui); one screenshot per step.
//
// Needs inspection-report.vsix (`npm run package`; the npm scripts test:e2e* build it first) and
// code-server (installed by scripts/e2e/install-code-server.sh when missing). Everything it writes
// goes to test-output/e2e/: screenshots/, logs/, and the instances' state (removed after a pass).
// Every process it starts is stopped before it exits. E2E_EMBED_SCREENSHOTS=1 also prints each
// screenshot base64-encoded into the log (scripts/e2e/screenshots-from-log.mjs gets them back).
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import {
  ROOT,
  ensureCodeServer,
  installExtension,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './code-server.mjs';

const require = createRequire(import.meta.url);
const { runTests } = require('@vscode/test-electron');

const OUT = path.join(ROOT, 'test-output', 'e2e');
const SCREENSHOTS = path.join(OUT, 'screenshots');
const LOGS = path.join(OUT, 'logs');
const STATE = path.join(OUT, 'state');
const BUILD = path.join(ROOT, 'out', 'e2e');
const VSIX = path.join(ROOT, 'inspection-report.vsix');
const SHIM = path.join(ROOT, 'scripts', 'e2e', 'vscode-shim.mjs');

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => name !== 'exthost' && name !== 'ui');
if (unknown.length > 0) {
  console.error(`run-e2e: unknown suite(s) ${unknown.join(', ')}; use exthost and/or ui`);
  process.exit(2);
}
const suites = requested.length > 0 ? requested : ['exthost', 'ui'];

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const section = (title) => console.log(`\n---- e2e: ${title} ----`);

/** Bundles the extension-host tests (they run inside VS Code, apart from the rest of the build). */
async function buildExtensionHostTests() {
  const suiteDir = path.join(ROOT, 'test', 'e2e', 'suite');
  const entries = readdirSync(suiteDir)
    .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
    .map((file) => path.join(suiteDir, file));
  rmSync(BUILD, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: path.join(BUILD, 'suite'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  // The development extension runTests loads next to the installed one: a manifest and no code,
  // so that the extension under test is the one from the .vsix.
  const harness = path.join(BUILD, 'harness');
  mkdirSync(harness, { recursive: true });
  writeFileSync(
    path.join(harness, 'package.json'),
    JSON.stringify(
      {
        name: 'inspection-report-e2e-harness',
        displayName: 'Inspection Reports e2e harness',
        publisher: 'inspection-report-tests',
        version: '0.0.0',
        private: true,
        engines: { vscode: '^1.100.0' },
      },
      null,
      2,
    ),
  );
  return { harness, tests: path.join(BUILD, 'suite', 'index.js') };
}

/**
 * The hostile reports, copied next to the seeds under their own names: hostile-report.txt
 * (test/support/hostile.ts: markup in its headings and cells) and formula.report.txt (its title is
 * a spreadsheet formula, for the CSV export of Compare Reports).
 */
const HOSTILE_REPORTS = ['hostile-report.txt', 'formula.report.txt'].map((name) =>
  path.join(ROOT, 'test', 'fixtures', 'hostile', name),
);

/**
 * A writable copy of the seeds (they are read-only, and the tests edit them in the editor) and of
 * the hostile reports, in the instance's workspace folder.
 */
function workspaceCopy(name) {
  const folder = path.join(STATE, name, 'workspace');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const files = readdirSync(path.join(ROOT, 'seeds'))
    .filter((file) => file.endsWith('.txt'))
    .map((file) => path.join(ROOT, 'seeds', file));
  for (const file of [...files, ...HOSTILE_REPORTS]) {
    const copy = path.join(folder, path.basename(file));
    cpSync(file, copy);
    chmodSync(copy, 0o644);
  }
  return folder;
}

/** A fresh instance's folders, a copy of the workspace, and the packaged extension installed in it. */
function prepareInstance(name, { userSettings = false } = {}) {
  const state = path.join(STATE, name);
  const extensionsDir = path.join(state, 'extensions');
  const userDataDir = path.join(state, 'user-data');
  const workspace = workspaceCopy(name);
  if (userSettings) writeUserSettings(userDataDir);
  const folder = installExtension({
    vsix: VSIX,
    extensionsDir,
    userDataDir,
    stateDir: path.join(state, 'install'),
  });
  console.log(`Extension 'inspection-report.vsix' was successfully installed in ${folder}.`);
  return { state, extensionsDir, userDataDir, workspace };
}

async function runExtensionHostSuite() {
  const { harness, tests } = await buildExtensionHostTests();
  const { state, extensionsDir, userDataDir, workspace } = prepareInstance('exthost');
  try {
    await runTests({
      vscodeExecutablePath: SHIM,
      extensionDevelopmentPath: harness,
      extensionTestsPath: tests,
      launchArgs: [workspace, `--extensions-dir=${extensionsDir}`, `--user-data-dir=${userDataDir}`],
      extensionTestsEnv: { E2E_STATE_DIR: path.join(state, 'run'), E2E_EXTENSIONS_DIR: extensionsDir },
    });
    return true;
  } catch (error) {
    console.error(`run-e2e: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

async function runUiSuite() {
  const { state, extensionsDir, userDataDir, workspace } = prepareInstance('ui', { userSettings: true });
  const server = await startCodeServer({ stateDir: path.join(state, 'server'), extensionsDir, userDataDir });
  console.log(`code-server (VS Code 1.100.3) on ${server.origin}`);
  try {
    const child = spawn(
      process.execPath,
      ['--test', '--test-reporter=spec', path.join(ROOT, 'test', 'e2e', 'ui', 'workbench.test.mjs')],
      {
        cwd: ROOT,
        stdio: 'inherit',
        env: {
          ...process.env,
          E2E_WORKBENCH_URL: workbenchUrl(server.origin, { folder: workspace }),
          E2E_WORKSPACE: workspace,
          E2E_SCREENSHOTS: SCREENSHOTS,
          E2E_BROWSER_PROFILE: path.join(state, 'browser', 'profile'),
        },
      },
    );
    const code = await new Promise((resolve) =>
      child.once('exit', (status, signal) => resolve(status ?? signal)),
    );
    return code === 0;
  } finally {
    await server.stop();
  }
}

/** Lists the screenshots (and, with E2E_EMBED_SCREENSHOTS=1, prints them base64-encoded). */
function reportScreenshots() {
  if (!existsSync(SCREENSHOTS)) return;
  const files = readdirSync(SCREENSHOTS)
    .filter((file) => file.endsWith('.png'))
    .sort();
  section(`screenshots (${files.length}) in ${path.relative(ROOT, SCREENSHOTS)}/`);
  for (const file of files) {
    console.log(`  ${file}  ${(statSync(path.join(SCREENSHOTS, file)).size / 1024).toFixed(0)} KB`);
  }
  if (process.env.E2E_EMBED_SCREENSHOTS !== '1') return;
  for (const file of files) {
    const data = readFileSync(path.join(SCREENSHOTS, file)).toString('base64');
    console.log(`==== BEGIN e2e screenshot ${file} ====`);
    // Each line is prefixed so that no line of base64 can read as a TAP result ("ok ...", "not ok ...").
    for (let i = 0; i < data.length; i += 120) console.log(`b64 ${data.slice(i, i + 120)}`);
    console.log(`==== END e2e screenshot ${file} ====`);
  }
}

const started = Date.now();
if (!existsSync(VSIX)) {
  console.error(`run-e2e: ${path.relative(ROOT, VSIX)} is missing: run \`npm run package\` first`);
  process.exit(1);
}
rmSync(OUT, { recursive: true, force: true });
mkdirSync(LOGS, { recursive: true });
ensureCodeServer();

const results = [];
for (const suite of suites) {
  section(
    suite === 'exthost' ? 'extension-host tests (runTests + mocha)' : 'UI tests (workbench in Chromium)',
  );
  const since = Date.now();
  let passed = false;
  try {
    passed = suite === 'exthost' ? await runExtensionHostSuite() : await runUiSuite();
  } catch (error) {
    console.error(
      `run-e2e: ${suite}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
  results.push({ suite, passed, time: seconds(since) });
}

// Keep the instances' logs, drop their profiles and caches.
for (const suite of suites) {
  const state = path.join(STATE, suite);
  for (const log of ['server/server.log', 'run/server/server.log']) {
    const file = path.join(state, log);
    if (existsSync(file)) cpSync(file, path.join(LOGS, `${suite}-${path.basename(path.dirname(file))}.log`));
  }
}
const passed = results.every((result) => result.passed);
if (passed) rmSync(STATE, { recursive: true, force: true });
reportScreenshots();
section('results');
for (const { suite, passed: ok, time } of results)
  console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${suite.padEnd(8)} ${time}`);
console.log(
  `  ${passed ? 'all passed' : 'FAILED'} in ${seconds(started)}${passed ? '' : `; state kept in ${path.relative(ROOT, STATE)}`}`,
);
process.exit(passed ? 0 : 1);
