import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import { TestServer } from '../../test/support/languageServer';
import { type Flags, median, meets, ms, num, percentile, ROOT, type Row } from './common';

/*
 * Item 6: start-up. Extension activation is timed in a fresh Node process per run: loading
 * dist/extension.js (the production bundle) and calling its `activate` with a stand-in `vscode`
 * module (a require hook) that accepts every call. No report is open, so the language server is not
 * started: the client starts it lazily, when the first report opens. Also the server's own start
 * (spawn to `initialize` answered) and the size of each bundle.
 */

const ACTIVATION_TARGET_MS = 50;
/** The limit esbuild.mjs warns at: 400 KB as it counts them (KiB). */
const BUNDLE_LIMIT = 400 * 1024;

type Stub = ((...args: unknown[]) => unknown) & Record<string | symbol, unknown>;

/**
 * A value that stands for anything in the `vscode` API: callable, constructible, with every
 * property another stand-in (remembered once read or set), thenable but never settling.
 */
function stub(overrides: Record<string, unknown> = {}): Stub {
  const own = new Map<string | symbol, unknown>(Object.entries(overrides));
  const target = function () {
    return undefined;
  } as unknown as Stub;
  const proxy: Stub = new Proxy(target, {
    get(_target, key) {
      if (own.has(key)) return own.get(key);
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return [][Symbol.iterator];
      if (key === 'prototype') return Object.prototype;
      if (typeof key === 'symbol') return undefined;
      const value = key === 'then' ? () => undefined : stub();
      own.set(key, value);
      return value;
    },
    set(_target, key, value) {
      own.set(key, value);
      return true;
    },
    has(_target, key) {
      return own.has(key);
    },
    apply() {
      return stub();
    },
    construct() {
      return stub();
    },
  });
  return proxy;
}

/**
 * The stand-in `vscode` module. Bundled TypeScript copies a module's own properties
 * (`import * as vscode`), so the module is a plain object with every name the API exports (read
 * from @types/vscode), each a stub; the collections the client iterates are empty.
 */
function fakeVscode(): Record<string, unknown> {
  const types = readFileSync(path.join(ROOT, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const api: Record<string, unknown> = {};
  for (const match of types.matchAll(/^\texport (?:class|enum|namespace|const|function|let) (\w+)/gm)) {
    if (match[1]) api[match[1]] = stub();
  }
  return {
    ...api,
    workspace: stub({
      textDocuments: [],
      workspaceFolders: undefined,
      getConfiguration: () => stub({ get: (_key: string, fallback: unknown) => fallback }),
    }),
    window: stub({ visibleTextEditors: [], activeTextEditor: undefined, tabGroups: stub({ all: [] }) }),
    extensions: stub({ all: [] }),
    version: '1.100.0',
  };
}

/** Child side: load the bundle with the stand-in module, activate, print the times as JSON. */
export function activationChild(): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  const vscode = fakeVscode();
  loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? vscode : original.call(this, request, ...rest);
  };
  const bundle = path.join(ROOT, 'dist', 'extension.js');
  const subscriptions: unknown[] = [];
  const context = stub({
    subscriptions,
    extensionPath: ROOT,
    extensionUri: stub({ fsPath: ROOT, path: ROOT, scheme: 'file' }),
    asAbsolutePath: (relative: string) => path.join(ROOT, relative),
    extension: stub({ id: 'inspection-report.inspection-report' }),
  });
  const start = performance.now();
  const extension = Module.createRequire(__filename)(bundle) as { activate: (context: unknown) => unknown };
  const loaded = performance.now();
  extension.activate(context);
  const activated = performance.now();
  process.stdout.write(
    JSON.stringify({
      load: loaded - start,
      activate: activated - loaded,
      subscriptions: subscriptions.length,
    }),
  );
}

/** Child side: spawn the server, initialize it, print the milliseconds it took, shut it down. */
export async function serverStartChild(): Promise<void> {
  const start = performance.now();
  const server = TestServer.spawn();
  try {
    await server.initialize();
    process.stdout.write(String(performance.now() - start));
    await server.shutdown();
  } finally {
    server.dispose();
  }
}

interface ActivationTimes {
  load: number;
  activate: number;
  subscriptions: number;
}

function activationRun(bundle: string): ActivationTimes {
  const result = spawnSync(process.execPath, [bundle, '--child', 'activate'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`activation child failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as ActivationTimes;
}

export function startupSection(flags: Flags): Row[] {
  const rows: Row[] = [];
  const runs = flags.quick ? 7 : 21;
  activationRun(__filename); // warm the file cache
  const times = Array.from({ length: runs }, () => activationRun(__filename));
  const total = times.map((t) => t.load + t.activate);
  const load = median(times.map((t) => t.load));
  const activate = median(times.map((t) => t.activate));
  process.stderr.write(
    `  startup: activation ${ms(median(total))} (load ${ms(load)}, activate() ${ms(activate)})\n`,
  );
  rows.push({
    item: '6',
    what: 'extension activation: load dist/extension.js + activate()',
    value: ms(median(total)),
    target: `< ${ACTIVATION_TARGET_MS} ms`,
    pass: meets(median(total), { max: ACTIVATION_TARGET_MS }),
    note: `load ${ms(load)} + activate() ${ms(activate)}; p90 ${ms(percentile(total, 90))}; ${times[0]?.subscriptions ?? 0} subscriptions; server not started (lazy); median of ${runs} fresh processes`,
  });

  // The server's start: spawn to `initialize` answered.
  const serverTimes: number[] = [];
  for (let i = 0; i < (flags.quick ? 5 : 11); i++) {
    const result = spawnSync(process.execPath, [__filename, '--child', 'server-start'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (result.status === 0) serverTimes.push(Number(result.stdout));
  }
  rows.push({
    item: '6',
    what: 'language server start: spawn node dist/server.js to initialize answered',
    value: ms(median(serverTimes)),
    note: `median of ${serverTimes.length}; when the first report opens, not at activation`,
  });

  for (const [name, file] of [
    ['client', 'extension.js'],
    ['server', 'server.js'],
    ['CLI', 'cli.js'],
  ] as const) {
    const bytes = statSync(path.join(ROOT, 'dist', file)).size;
    rows.push({
      item: '6',
      what: `bundle size: ${name} (dist/${file}, minified)`,
      value: `${num(bytes / 1024)} KB`,
      target: `< ${BUNDLE_LIMIT / 1024} KB`,
      pass: meets(bytes, { max: BUNDLE_LIMIT }),
    });
  }
  return rows;
}
