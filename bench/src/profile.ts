import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { analyse } from '../../server/src/core/analyse';
import { corpus, DocumentBuilder, MB, ms, now, ROOT } from './common';

/*
 * A CPU profile of `analyse` on a 10 MB report (the corpus concatenated), summarised as the
 * functions with the most self time, each with its source file and line (through the bundle's
 * source map). The child runs `analyse` once to warm up and three times profiled.
 */

/** What is profiled: a 10 MB report, or the same text as one 10 MB line. */
export type ProfileInput = 'report' | 'line';

function profileText(input: ProfileInput): string {
  const text = new DocumentBuilder(corpus().map((r) => r.text)).of(10 * MB);
  return input === 'line' ? text.replace(/\r\n|\r|\n/g, ' ') : text;
}

/** Child side: runs under `node --cpu-prof`. */
export function profileChild(input: ProfileInput): void {
  const text = profileText(input);
  for (let i = 0; i < 4; i++) {
    const start = now();
    analyse(text);
    process.stderr.write(`  profile: analyse(10 MB ${input}) run ${i + 1}: ${ms(now() - start)}\n`);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The summary of a profile: the hottest functions, and self time by source file. */
export interface ProfileSummary {
  readonly total: number;
  readonly top: HotFunction[];
  readonly byFile: { file: string; selfMs: number; percent: number }[];
}

/** One function's share of the profile. */
export interface HotFunction {
  readonly name: string;
  readonly where: string;
  readonly selfMs: number;
  readonly percent: number;
}

/** Runs the profiled child and returns the top `count` functions by self time. */
export function runProfile(bundle: string, input: ProfileInput, count = 15): ProfileSummary {
  const dir = path.join(ROOT, 'out', 'bench', 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const child = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--max-old-space-size=8192', bundle, '--child', 'profile', input],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`profile child failed (${child.status})`);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile written');
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile;
  return summarise(profile, bundle, count);
}

function summarise(profile: Profile, bundle: string, count: number): ProfileSummary {
  const map = loadSourceMap(bundle);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const byFunction = new Map<string, { name: string; where: string; self: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const self = selfTime.get(node.id) ?? 0;
    total += self;
    if (self === 0) continue;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let where = url === '' ? '(native)' : path.basename(url);
    if (map && url.endsWith(path.basename(bundle)) && lineNumber >= 0) {
      const entry = map.findEntry(lineNumber, columnNumber) as {
        originalSource?: string;
        originalLine?: number;
      };
      if (entry.originalSource) {
        const source = entry.originalSource.replace(/^.*?(server\/src\/|bench\/src\/|node_modules\/)/, '$1');
        where = `${source}:${(entry.originalLine ?? 0) + 1}`;
      }
    } else if (url !== '') {
      where = `${where}:${lineNumber + 1}`;
    }
    const name = functionName === '' ? '(anonymous)' : functionName;
    const key = `${name}@${where}`;
    const current = byFunction.get(key) ?? { name, where, self: 0 };
    current.self += self;
    byFunction.set(key, current);
  }
  const files = new Map<string, number>();
  for (const f of byFunction.values()) {
    const file = f.where.replace(/:\d+$/, '');
    files.set(file, (files.get(file) ?? 0) + f.self);
  }
  const byFile = [...files]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([file, self]) => ({ file, selfMs: self / 1000, percent: (100 * self) / total }));
  const top = [...byFunction.values()]
    .sort((a, b) => b.self - a.self)
    .slice(0, count)
    .map((f) => ({ name: f.name, where: f.where, selfMs: f.self / 1000, percent: (100 * f.self) / total }));
  return { total: total / 1000, top, byFile };
}

function loadSourceMap(bundle: string): SourceMap | undefined {
  try {
    return new SourceMap(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
  } catch {
    return undefined;
  }
}

/** The summary as a markdown table. */
export function formatProfile(result: ProfileSummary, input: ProfileInput): string {
  const lines = [
    `CPU profile: analyse() on ${input === 'line' ? 'one 10 MB line' : 'a 10 MB report'}, 4 runs, ${(result.total / 1000).toFixed(2)} s sampled; top ${result.top.length} by self time`,
    '',
    '| # | Self time | Share | Function | Source |',
    '| --: | --: | --: | --- | --- |',
    ...result.top.map(
      (f, i) =>
        `| ${i + 1} | ${f.selfMs.toFixed(0)} ms | ${f.percent.toFixed(1)}% | ${f.name.replace(/\|/g, '\\|').slice(0, 80)} | ${f.where} |`,
    ),
    '',
    'Self time by source file:',
    '',
    '| Self time | Share | Source |',
    '| --: | --: | --- |',
    ...result.byFile.map((f) => `| ${f.selfMs.toFixed(0)} ms | ${f.percent.toFixed(1)}% | ${f.file} |`),
  ];
  return lines.join('\n') + '\n';
}
