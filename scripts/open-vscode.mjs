// `npm run start:vscode`: opens seeds/ in VS Code with this extension loaded from the repository
// (as a development extension, built by the npm script first).
//
//   node scripts/open-vscode.mjs [--browser] [--port N]
//
// With a local `code` command, that VS Code opens a new window. Otherwise (or with --browser) VS
// Code 1.100.3 runs in the browser: code-server on 127.0.0.1 (installed into .vscode-test/ when
// missing), and the address to open is printed. It runs until Ctrl+C, which stops it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  ROOT,
  ensureCodeServer,
  remoteUri,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
} from './e2e/code-server.mjs';

const args = process.argv.slice(2);
const browser = args.includes('--browser');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error('open-vscode: --port needs a port number');
  process.exit(2);
}
const seeds = path.join(ROOT, 'seeds');

const hasCode = !browser && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasCode) {
  console.log(`Opening ${path.relative(ROOT, seeds)}/ in VS Code with the extension from ${ROOT}`);
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, seeds], {
    stdio: 'inherit',
  });
  child.once('exit', (code) => process.exit(code ?? 1));
} else {
  ensureCodeServer({ browser: false });
  // Settings and state persist between runs, apart from any VS Code of the user's own.
  const state = path.join(ROOT, '.vscode-test', 'start-vscode');
  const userDataDir = path.join(state, 'user-data');
  const extensionsDir = path.join(state, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  if (!existsSync(path.join(userDataDir, 'User', 'settings.json'))) {
    writeUserSettings(userDataDir, { 'workbench.startupEditor': 'readme' });
  }
  const server = await startCodeServer({
    stateDir: path.join(state, 'server'),
    userDataDir,
    extensionsDir,
    port,
  });
  const url = workbenchUrl(server.origin, {
    folder: seeds,
    payload: [['extensionDevelopmentPath', remoteUri(server.origin, ROOT)]],
  });
  console.log(
    [
      '',
      `VS Code (code-server 1.100.3) is serving ${path.relative(ROOT, seeds)}/ with the extension from this repository.`,
      'Open this address in a browser on this machine:',
      '',
      `  ${url}`,
      '',
      'After `npm run build`, reload the page to load the new build. Ctrl+C stops the server.',
      `Server log: ${path.relative(ROOT, server.log)}`,
    ].join('\n'),
  );
  // Ctrl+C (SIGINT) stops the server's whole process group: see stopOnExit in e2e/code-server.mjs.
  const { code, signal } = await server.exited;
  console.error(`open-vscode: code-server exited (${code ?? signal}); see ${server.log}`);
  process.exit(1);
}
