// Shared by the end-to-end scripts: where code-server is, how to install an extension into it, how
// to start it on 127.0.0.1 (isolated HOME, XDG and TMPDIR; its own process group, stopped as a
// whole), and how to launch Debian's Chromium on its workbench with playwright-core.
//
// code-server 4.100.3 is VS Code 1.100.3: the VS Code server, the web workbench and a real Node
// extension host. VS Code's own test download and Electron are unreachable on the CI machine.
import { spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Flags for Chromium on a machine whose only valid network target is loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** User settings of every test instance: no welcome page, no update or telemetry traffic. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  // As in desktop VS Code: the web workbench saves edited files after a second by default, which
  // would write the tests' deliberate mistakes to disk.
  'files.autoSave': 'off',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

/** The folder code-server is installed in (scripts/e2e/install-code-server.sh puts it there). */
export function codeServerHome() {
  return path.resolve(process.env.CODE_SERVER_HOME || path.join(ROOT, '.vscode-test', 'code-server'));
}

/** code-server's entry point, or undefined when it is not installed. */
export function codeServerEntry() {
  const entry = path.join(codeServerHome(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return existsSync(entry) ? entry : undefined;
}

/** Installs code-server (and, as root, Debian's Chromium) unless present; throws on failure. */
export function ensureCodeServer({ browser = true } = {}) {
  if (codeServerEntry() && (!browser || existsSync(CHROMIUM))) return codeServerEntry();
  const script = path.join(ROOT, 'scripts', 'e2e', 'install-code-server.sh');
  const result = spawnSync('bash', [script, codeServerHome()], {
    stdio: 'inherit',
    env: { ...process.env, ...(browser ? {} : { E2E_NO_BROWSER: '1' }) },
  });
  const entry = codeServerEntry();
  if (result.status !== 0 || entry === undefined) throw new Error('code-server could not be installed');
  return entry;
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Temporary folders made by {@link isolatedEnv}, removed when this process exits. */
const temporaryFolders = new Set();

/**
 * The environment of a code-server instance or a browser: HOME and the XDG folders inside its
 * state folder, TMPDIR a new short folder (VS Code's IPC sockets live there, and a socket path
 * may be at most 107 characters). The extension gallery (Open VSX) is turned off: it is out of reach,
 * and the workbench would try it at every start.
 */
export function isolatedEnv(stateDir) {
  const home = path.join(stateDir, 'home');
  const tmp = mkdtempSync(path.join(tmpdir(), 'ir-e2e-'));
  temporaryFolders.add(tmp);
  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    TMPDIR: tmp,
  };
  for (const dir of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME]) {
    mkdirSync(dir, { recursive: true });
  }
  env.EXTENSIONS_GALLERY = '{}';
  // Nothing of the caller's own VS Code session may leak into the instance.
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('VSCODE_') && name !== 'ELECTRON_RUN_AS_NODE'),
  );
}

process.on('exit', () => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

/** Writes the user settings of a test instance (USER_SETTINGS plus `extra`). */
export function writeUserSettings(userDataDir, extra = {}) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const file = path.join(userDataDir, 'User', 'settings.json');
  writeFileSync(file, JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2));
}

/**
 * Installs a `.vsix` into an extensions folder, as `code --install-extension` does; returns the
 * installed extension's folder. Throws with code-server's output when the install fails.
 */
export function installExtension({ vsix, extensionsDir, userDataDir, stateDir }) {
  const entry = codeServerEntry();
  if (entry === undefined) throw new Error('code-server is not installed');
  mkdirSync(extensionsDir, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [
      entry,
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--force',
      '--install-extension',
      path.resolve(vsix),
    ],
    { env: isolatedEnv(stateDir), encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${output}`);
  }
  const manifest = JSON.parse(
    readFileSync(path.join(extensionsDir, 'extensions.json'), 'utf8').replace(/^\uFEFF/, ''),
  );
  const id = extensionId();
  const installed = manifest.find((entry) => entry.identifier?.id?.toLowerCase() === id.toLowerCase());
  if (!installed) throw new Error(`${id} is not listed in ${extensionsDir}/extensions.json`);
  return path.join(extensionsDir, installed.relativeLocation);
}

/** The `publisher.name` of the extension in the repository's package.json. */
export function extensionId() {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`;
}

/**
 * Starts code-server on 127.0.0.1 in its own process group. Resolves once it prints that it
 * listens, with `{ origin, port, pid, log, exited, stop }`; `stop()` ends the whole group
 * (server, extension host, language server) and resolves when the server process has exited.
 */
export async function startCodeServer({ stateDir, extensionsDir, userDataDir, port, timeoutMs = 60_000 }) {
  const entry = codeServerEntry();
  if (entry === undefined)
    throw new Error('code-server is not installed (scripts/e2e/install-code-server.sh)');
  port ??= await freePort();
  mkdirSync(stateDir, { recursive: true });
  const config = path.join(stateDir, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = path.join(stateDir, 'server.log');
  const logFd = openSync(log, 'a');
  const child = spawn(
    process.execPath,
    [
      entry,
      '--config',
      config,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--disable-proxy',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--ignore-last-opened',
    ],
    { env: isolatedEnv(stateDir), detached: true, stdio: ['ignore', 'pipe', logFd] },
  );
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  void exited.then(() => (running = false));
  const stop = async () => {
    unregister();
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // The extension host and language server are in the same group; make sure none outlives it.
    killGroup(child.pid, 'SIGKILL');
  };
  const unregister = stopOnExit(child.pid);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await new Promise((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(
        () => reject(new Error(`code-server did not start in ${timeoutMs} ms`)),
        timeoutMs,
      );
      child.stdout.on('data', (chunk) => {
        appendFileSync(log, chunk);
        if (seen === undefined) return;
        seen += chunk.toString();
        if (seen.includes(`HTTP server listening on ${origin}`)) {
          seen = undefined;
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited (${code ?? signal}) before listening; see ${log}`));
      });
    });
  } catch (error) {
    if (running) await stop();
    throw error;
  }
  return { origin, port, pid: child.pid, log, exited, stop };
}

/** The workbench URL for a folder, with an optional `payload` (extension development and tests). */
export function workbenchUrl(origin, { folder, payload } = {}) {
  const query = [folder ? `folder=${encodeURIComponent(folder)}` : 'ew=true'];
  if (payload) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${origin}/?${query.join('&')}`;
}

/** A `vscode-remote://` URI for a path on the code-server machine (for `payload`). */
export function remoteUri(origin, fsPath) {
  return `vscode-remote://${new URL(origin).host}${path.resolve(fsPath)}`;
}

/** Launches headless Debian Chromium with a fresh profile; returns the persistent context. */
export async function launchBrowser({ profileDir, viewport = { width: 1600, height: 1000 } }) {
  const { chromium } = await import('playwright-core');
  mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    deviceScaleFactor: 1,
    args: CHROMIUM_ARGS,
    env: isolatedEnv(path.dirname(profileDir)),
  });
}

/** Sends `signal` to a whole process group; ignores a group that is already gone. */
export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left to stop.
  }
}

const groups = new Set();
let hooked = false;

/** Makes sure the process group of `pid` is killed when this process exits or is interrupted. */
function stopOnExit(pid) {
  groups.add(pid);
  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const group of groups) killGroup(group, 'SIGKILL');
    });
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        for (const group of groups) killGroup(group, 'SIGKILL');
        process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
      });
    }
  }
  return () => groups.delete(pid);
}
