import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { batchSection } from './batch';
import { type Flags, parseFlags, ROOT, type Row } from './common';
import { coreSection } from './core';
import { editorSection } from './editor';
import { memorySection } from './memory';
import { peersSection } from './peers';
import { formatProfile, profileChild, runProfile } from './profile';
import { activationChild, serverStartChild, startupSection } from './startup';

/*
 * The benchmark's entry point (bundled to out/bench/bench.js by bench/run.mjs). Without `--child`
 * it is the orchestrator: it runs each section in a fresh Node process (so one section's heap and
 * JIT state cannot colour another's), collects their rows and prints one table. With
 * `--child <section>` it is that section, writing its rows as JSON to the file after `--out`.
 */

interface Section {
  readonly name: string;
  readonly title: string;
  /** Node options of the child process. */
  readonly nodeOptions: readonly string[];
  readonly run: (flags: Flags) => Row[] | Promise<Row[]>;
}

const SECTIONS: readonly Section[] = [
  { name: 'core', title: '1. Core throughput', nodeOptions: ['--max-old-space-size=8192'], run: coreSection },
  { name: 'peers', title: '2. Peers', nodeOptions: ['--max-old-space-size=8192'], run: peersSection },
  { name: 'editor', title: '3. Editor latency', nodeOptions: [], run: editorSection },
  { name: 'memory', title: '4. Memory', nodeOptions: ['--expose-gc'], run: memorySection },
  { name: 'batch', title: '5. Batch CLI', nodeOptions: [], run: batchSection },
  { name: 'startup', title: '6. Start-up', nodeOptions: [], run: startupSection },
];

function argValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

async function child(argv: readonly string[]): Promise<void> {
  const name = argValue(argv, '--child');
  if (name === 'profile')
    return profileChild(argv[argv.indexOf('profile') + 1] === 'line' ? 'line' : 'report');
  if (name === 'activate') return activationChild();
  if (name === 'server-start') return serverStartChild();
  const section = SECTIONS.find((s) => s.name === name);
  if (!section) throw new Error(`unknown section ${name}`);
  const rows = await section.run(parseFlags(argv));
  const out = argValue(argv, '--out');
  if (out) writeFileSync(out, JSON.stringify(rows));
}

function runSection(section: Section, argv: readonly string[], dir: string): Row[] {
  const out = path.join(dir, `${section.name}.json`);
  rmSync(out, { force: true });
  process.stderr.write(`${section.title}...\n`);
  const result = spawnSync(
    process.execPath,
    [...section.nodeOptions, __filename, '--child', section.name, '--out', out, ...argv],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  try {
    return JSON.parse(readFileSync(out, 'utf8')) as Row[];
  } catch {
    return [
      {
        item: section.title.slice(0, 1),
        what: `${section.title}: the section failed`,
        value: `exit ${result.status ?? result.signal}`,
        target: 'runs',
        pass: false,
      },
    ];
  }
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The rows as a markdown table. */
export function formatTable(rows: readonly Row[]): string {
  const lines = ['| # | Measure | Value | Target | Result | Notes |', '| - | --- | --: | --- | --- | --- |'];
  for (const row of rows) {
    const result = row.pass === undefined ? '' : row.pass ? 'PASS' : '**MISS**';
    lines.push(
      `| ${row.item} | ${cell(row.what)} | ${cell(row.value)} | ${cell(row.target ?? '')} | ${result} | ${cell(row.note ?? '')} |`,
    );
  }
  return lines.join('\n') + '\n';
}

async function orchestrate(argv: readonly string[]): Promise<void> {
  if (argv.includes('--profile') || argv.includes('--profile-line')) {
    const input = argv.includes('--profile-line') ? 'line' : 'report';
    process.stdout.write(formatProfile(runProfile(__filename, input), input));
    return;
  }
  const only = argValue(argv, '--only')?.split(',');
  const selected = only ? SECTIONS.filter((s) => only.includes(s.name)) : SECTIONS;
  const dir = path.join(ROOT, 'out', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const passOn = argv.includes('--quick') ? ['--quick'] : [];
  const started = Date.now();
  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  const rows: Row[] = [];
  for (const section of selected) rows.push(...runSection(section, passOn, dir));
  const cpus = os.cpus();
  process.stdout.write(
    `\nInspection report benchmark${argv.includes('--quick') ? ' (--quick)' : ''}: Node ${process.version}, ` +
      `${cpus.length} x ${cpus[0]?.model.trim() ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} (before: ${loadBefore}), ` +
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${((Date.now() - started) / 1000).toFixed(0)} s\n\n`,
  );
  process.stdout.write(formatTable(rows));
  const missed = rows.filter((r) => r.pass === false).length;
  const met = rows.filter((r) => r.pass === true).length;
  process.stdout.write(`\n${met} targets met, ${missed} missed.\n`);
  const json = argValue(argv, '--json');
  if (json) writeFileSync(json, JSON.stringify(rows, null, 2) + '\n');
}

const argv = process.argv.slice(2);
(argv.includes('--child') ? child(argv) : orchestrate(argv)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
