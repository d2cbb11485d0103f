#!/usr/bin/env node
// A "VS Code executable" for @vscode/test-electron's unchanged runTests() (vscodeExecutablePath):
// it takes the command line runTests builds and runs the extension-test protocol in code-server's
// real Node extension host, through its web workbench in headless Debian Chromium, then exits
// with the tests' exit code. Extensions installed in --extensions-dir are loaded as usual.
//
//   vscode-shim.mjs [folder] --extensionDevelopmentPath=DIR --extensionTestsPath=FILE
//                   [--extensions-dir=DIR] [--user-data-dir=DIR] [other VS Code flags, ignored]
//
// Environment: CODE_SERVER_HOME (where code-server is installed), CHROMIUM, E2E_STATE_DIR (where
// the instance keeps its HOME, logs and browser profile; default a new folder in the system
// temporary folder), E2E_TIMEOUT_MS (the whole test run; default 10 minutes).
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { format } from 'node:util';
import {
  launchBrowser,
  remoteUri,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './code-server.mjs';

const args = process.argv.slice(2);
/** The values of `--name=value` or `--name value` options, in order. */
function option(name) {
  const values = [];
  args.forEach((arg, index) => {
    if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
    else if (arg === `--${name}` && args[index + 1] !== undefined) values.push(args[index + 1]);
  });
  return values;
}
const valued = new Set(['extensions-dir', 'user-data-dir']);
const positional = args.filter(
  (arg, index) => !arg.startsWith('-') && !valued.has(args[index - 1]?.replace(/^--/, '') ?? ''),
);

const stateDir = path.resolve(process.env.E2E_STATE_DIR || mkdtempSync(path.join(tmpdir(), 'vscode-shim-')));
mkdirSync(stateDir, { recursive: true });
const extensionsDir = path.resolve(option('extensions-dir')[0] ?? path.join(stateDir, 'extensions'));
const userDataDir = path.resolve(option('user-data-dir')[0] ?? path.join(stateDir, 'user-data'));

async function runExtensionTests() {
  const devPaths = option('extensionDevelopmentPath').map((p) => path.resolve(p));
  const [testsPath] = option('extensionTestsPath').map((p) => path.resolve(p));
  if (devPaths.length === 0 || testsPath === undefined) {
    console.error('vscode-shim: --extensionDevelopmentPath and --extensionTestsPath are required');
    return 2;
  }
  // VS Code loads a folder's index.js, or the module named without its extension.
  let testsModule = testsPath;
  try {
    if (statSync(testsPath).isDirectory()) testsModule = path.join(testsPath, 'index.js');
  } catch {
    testsModule = `${testsPath}.js`;
  }
  const folder = positional[0] === undefined ? undefined : path.resolve(positional[0]);
  writeUserSettings(userDataDir);
  const started = Date.now();
  const server = await startCodeServer({
    stateDir: path.join(stateDir, 'server'),
    extensionsDir,
    userDataDir,
  });
  console.log(
    `vscode-shim: code-server (VS Code 1.100.3) on ${server.origin} after ${Date.now() - started} ms`,
  );
  let context;
  try {
    const payload = [
      ...devPaths.map((p) => ['extensionDevelopmentPath', remoteUri(server.origin, p)]),
      ['extensionTestsPath', remoteUri(server.origin, testsModule)],
    ];
    context = await launchBrowser({ profileDir: path.join(stateDir, 'browser', 'profile') });
    const page = context.pages()[0] ?? (await context.newPage());
    const exitCode = new Promise((resolve) => {
      // The workbench reports the extension host's console and the tests' exit code through these.
      void page.exposeFunction('codeAutomationLog', (type, logArgs) => {
        if (!/trace|debug/.test(type)) console.log(format(...logArgs));
      });
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    page.on('pageerror', (error) => console.error(`vscode-shim: page error: ${error.message}`));
    const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 600_000);
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    await page.goto(workbenchUrl(server.origin, { folder, payload }));
    const code = await Promise.race([exitCode, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') {
      console.error(`vscode-shim: the tests did not finish in ${timeoutMs} ms`);
      await page.screenshot({ path: path.join(stateDir, 'timeout.png') }).catch(() => undefined);
      return 1;
    }
    console.log(`vscode-shim: extension tests exited with ${code} after ${Date.now() - started} ms`);
    return code === 0 ? 0 : 1;
  } finally {
    await context?.close().catch(() => undefined);
    await server.stop();
  }
}

let status = 1;
try {
  status = await runExtensionTests();
} catch (error) {
  console.error(`vscode-shim: ${error instanceof Error ? error.message : String(error)}`);
  status = 1;
}
if (status === 0 && !process.env.E2E_STATE_DIR) rmSync(stateDir, { recursive: true, force: true });
else if (status !== 0) console.error(`vscode-shim: logs kept in ${stateDir}`);
process.exit(status);
