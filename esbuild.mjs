// Bundles the extension client (and its lazily loaded Compare Reports panel), the language server and
// the CLI into dist/.
//   node esbuild.mjs           production: minified, no source maps
//   node esbuild.mjs --dev     with source maps, not minified
//   node esbuild.mjs --watch   rebuild on change (implies --dev)
//   node esbuild.mjs server    only the named bundles (client, compare, server, cli)
import * as esbuild from 'esbuild';
import { existsSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const dev = watch || args.includes('--dev');
const only = args.filter((arg) => !arg.startsWith('--'));
const root = path.dirname(fileURLToPath(import.meta.url));

/** Bundles over this size are reported as too large (a warning: the build still succeeds). */
const LIMIT_BYTES = 400 * 1024;

/** @type {{ name: string, entry: string, outfile: string, options?: import('esbuild').BuildOptions, optional?: boolean }[]} */
const bundles = [
  {
    name: 'client',
    entry: 'client/src/extension.ts',
    outfile: 'dist/extension.js',
    options: { external: ['vscode'] },
  },
  // The Compare Reports panel, loaded by the client on first use (client/src/compareCommands.ts).
  {
    name: 'compare',
    entry: 'client/src/comparePanel.ts',
    outfile: 'dist/compare.js',
    options: { external: ['vscode'] },
  },
  { name: 'server', entry: 'server/src/main.ts', outfile: 'dist/server.js' },
  {
    name: 'cli',
    entry: 'server/src/cli.ts',
    outfile: 'dist/cli.js',
    options: { banner: { js: '#!/usr/bin/env node' } },
    optional: true,
  },
];

/** Prints each output's size once a build finishes; returns false when one is over the limit. */
function reportSizes(outfiles) {
  let ok = true;
  for (const outfile of outfiles) {
    const size = statSync(path.join(root, outfile)).size;
    const over = !dev && size > LIMIT_BYTES;
    if (over) ok = false;
    console.log(
      `  ${outfile.padEnd(20)} ${(size / 1024).toFixed(1).padStart(8)} KB${over ? '  (over 400 KB!)' : ''}`,
    );
  }
  return ok;
}

/** A plugin that logs the end of every (re)build in watch mode. */
const watchLogger = (outfile) => ({
  name: 'watch-logger',
  setup(build) {
    build.onEnd((result) => {
      const when = new Date().toLocaleTimeString();
      if (result.errors.length > 0) console.log(`[${when}] ${outfile}: build failed`);
      else {
        console.log(`[${when}] built`);
        reportSizes([outfile]);
      }
    });
  },
});

async function main() {
  const unknown = only.filter((name) => !bundles.some((bundle) => bundle.name === name));
  if (unknown.length > 0) throw new Error(`Unknown bundle(s): ${unknown.join(', ')}`);
  const selected = only.length > 0 ? bundles.filter((bundle) => only.includes(bundle.name)) : bundles;
  const present = selected.filter((bundle) => {
    if (existsSync(path.join(root, bundle.entry))) return true;
    if (!bundle.optional) throw new Error(`Missing entry point ${bundle.entry}`);
    console.log(`Skipping ${bundle.name}: ${bundle.entry} does not exist yet.`);
    return false;
  });
  const contexts = await Promise.all(
    present.map((bundle) =>
      esbuild.context({
        absWorkingDir: root,
        entryPoints: [bundle.entry],
        outfile: bundle.outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        minify: !dev,
        sourcemap: dev,
        sourcesContent: false,
        logLevel: 'warning',
        ...(watch ? { plugins: [watchLogger(bundle.outfile)] } : {}),
        ...bundle.options,
      }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('Watching for changes...');
    return;
  }
  if (!dev) {
    // Source maps of an earlier development build must not ship with a production one.
    for (const bundle of present) rmSync(path.join(root, `${bundle.outfile}.map`), { force: true });
  }
  try {
    await Promise.all(contexts.map((context) => context.rebuild()));
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
  }
  console.log(`Bundled (${dev ? 'development' : 'production'}):`);
  if (!reportSizes(present.map((bundle) => bundle.outfile)) && !dev) {
    console.warn(`Warning: a production bundle is over ${LIMIT_BYTES / 1024} KB.`);
  }
}

main().catch((error) => {
  // esbuild has already printed its own errors; print anything else briefly.
  if (!error?.errors) console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
