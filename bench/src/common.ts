import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../../server/src/core/analyse';
import type { OutlineNode } from '../../server/src/core/model';
import { repoRoot } from '../../test/support/fixtures';
import { SteadyWatch } from './steady';

export { median, percentile } from './stats';

/*
 * What every benchmark section shares: the inputs (seeds, corpus, documents built from the corpus,
 * their markdown twins), timing and statistics, and the shape of a section's result.
 */

/** The project root. */
export const ROOT = repoRoot();

/** One megabyte as the issue counts them (SI: 1,000,000 bytes of UTF-8). */
export const MB = 1_000_000;

/** A named text. */
export interface Input {
  readonly name: string;
  readonly text: string;
}

/** The seeds, in file order, named `seed 000` ... */
export function seeds(): Input[] {
  const dir = path.join(ROOT, 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: `seed ${f.slice(0, 3)}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Every corpus report (test/fixtures/corpus/<source>/<report>.txt, READMEs excluded), sorted by path. */
export function corpus(): Input[] {
  const dir = path.join(ROOT, 'test', 'fixtures', 'corpus');
  const found: Input[] = [];
  for (const source of readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()) {
    for (const file of readdirSync(path.join(dir, source)).sort()) {
      if (!file.endsWith('.txt') || file === 'README.txt') continue;
      found.push({ name: file, text: readFileSync(path.join(dir, source, file), 'utf8') });
    }
  }
  return found;
}

/** UTF-8 size of a text in bytes. */
export function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * How many reports, taken in order and repeated as often as needed, make a document of at least
 * `size` bytes when joined with a blank line between them.
 */
export function reportCount(reports: readonly string[], size: number): number {
  let total = 0;
  let count = 0;
  while (total < size) {
    total += bytes(reports[count % reports.length] ?? '') + 2;
    count++;
  }
  return count;
}

/** The first `count` reports (repeating the list as needed) joined with a blank line between them. */
export function joinReports(reports: readonly string[], count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(reports[i % reports.length] ?? '');
  return parts.join('\n\n');
}

/**
 * Documents of about a given size made by concatenating the corpus, and their twins: the same
 * sequence of reports in another form (markdown), so both documents hold the same reports.
 */
export class DocumentBuilder {
  constructor(
    private readonly reports: readonly string[],
    private readonly twins: readonly string[] = reports,
  ) {}
  of(size: number): string {
    return joinReports(this.reports, reportCount(this.reports, size));
  }
  twinOf(size: number): string {
    return joinReports(this.twins, reportCount(this.reports, size));
  }
}

/**
 * The report as markdown: every line the outline shows as a heading (title, contents, parts,
 * sections, sub-sections, judgements with their own heading) gets `#` marks by its depth in the
 * outline; everything else is unchanged. Used to run markdown tools on the same reports.
 */
export function toMarkdown(text: string): string {
  const { model } = analyse(text);
  const marks = new Map<number, number>();
  const visit = (nodes: readonly OutlineNode[], depth: number): void => {
    for (const node of nodes) {
      if (node.kind !== 'table' && node.kind !== 'scale' && node.kind !== 'note') {
        const { line, character } = model.lines.positionAt(node.selectionSpan.start);
        const lineStart = model.lines.lineStart(line);
        const before = text.slice(lineStart, lineStart + character);
        if (before.trim() === '' && !marks.has(line)) marks.set(line, Math.min(6, depth + 1));
      }
      visit(node.children, depth + 1);
    }
  };
  visit(model.outline, 0);
  const lines = text.split(/\r\n|\r|\n/);
  return lines
    .map((line, i) => (marks.has(i) ? `${'#'.repeat(marks.get(i) ?? 1)} ${line.trim()}` : line))
    .join('\n');
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export function now(): number {
  return performance.now();
}

/** How many times to run something, and for how long at most. */
export interface Repeat {
  /** Runs before measuring (not counted). */
  readonly warmup: number;
  /**
   * When set, the warm-up goes on past `warmup` runs until the times are steady (see
   * {@link SteadyWatch}), for at most this many milliseconds. V8 compiles the analyser's hot
   * functions in the background while it runs: in a fresh process `analyse` on seed 000 takes about
   * a second of runs (1,000 of them) to reach its steady speed, twice as fast as its first runs.
   */
  readonly steadyMs?: number;
  /** Measured runs, at least... */
  readonly min: number;
  /** ...and at most, stopping once `budgetMs` of measured time is spent past `min`. */
  readonly max: number;
  readonly budgetMs: number;
}

/** Durations measured side by side, one list per function, and the warm-up rounds run before them. */
export interface SideBySide {
  readonly times: number[][];
  readonly warmupRounds: number;
  /** Each function's first run (ms) on this input, before any warm-up: cold for a process's first input. */
  readonly first: readonly number[];
}

/** One round: each function once, in turn; their durations in ms. */
function round(runs: readonly (() => unknown)[]): number[] {
  return runs.map((run) => {
    const start = now();
    run();
    return now() - start;
  });
}

async function roundAsync(runs: readonly (() => Promise<unknown>)[]): Promise<number[]> {
  const times: number[] = [];
  for (const run of runs) {
    const start = now();
    await run();
    times.push(now() - start);
  }
  return times;
}

/** Whether to go on measuring after `count` rounds that took `spent` ms. */
function wantsMore(repeat: Repeat, count: number, spent: number): boolean {
  return count < repeat.max && (count < repeat.min || spent < repeat.budgetMs);
}

/**
 * Times several functions side by side: after a warm-up of each (until steady when
 * `repeat.steadyMs` is set), they run in turn (A, B, A, B, ...) so that whatever else the machine is
 * doing affects each alike. Returns each one's durations (ms) and the warm-up rounds run.
 */
export function measureSideBySide(runs: readonly (() => unknown)[], repeat: Repeat): SideBySide {
  const watch = new SteadyWatch(runs.length);
  const until = now() + (repeat.steadyMs ?? 0);
  for (let i = 0; i < repeat.warmup; i++) watch.add(round(runs));
  let steady = repeat.steadyMs === undefined;
  while (!steady && now() < until) steady = watch.add(round(runs));
  const times = runs.map((): number[] => []);
  let spent = 0;
  for (let count = 0; wantsMore(repeat, count, spent); count++) {
    round(runs).forEach((elapsed, i) => {
      times[i]?.push(elapsed);
      spent += elapsed;
    });
  }
  return { times, warmupRounds: watch.rounds, first: watch.first };
}

/** The async twin of {@link measureSideBySide}. */
export async function measureSideBySideAsync(
  runs: readonly (() => Promise<unknown>)[],
  repeat: Repeat,
): Promise<SideBySide> {
  const watch = new SteadyWatch(runs.length);
  const until = now() + (repeat.steadyMs ?? 0);
  for (let i = 0; i < repeat.warmup; i++) watch.add(await roundAsync(runs));
  let steady = repeat.steadyMs === undefined;
  while (!steady && now() < until) steady = watch.add(await roundAsync(runs));
  const times = runs.map((): number[] => []);
  let spent = 0;
  for (let count = 0; wantsMore(repeat, count, spent); count++) {
    (await roundAsync(runs)).forEach((elapsed, i) => {
      times[i]?.push(elapsed);
      spent += elapsed;
    });
  }
  return { times, warmupRounds: watch.rounds, first: watch.first };
}

/** {@link measureSideBySide}'s durations alone. */
export function timeSideBySide(runs: readonly (() => unknown)[], repeat: Repeat): number[][] {
  return measureSideBySide(runs, repeat).times;
}

/** The async twin of {@link timeSideBySide}. */
export async function timeSideBySideAsync(
  runs: readonly (() => Promise<unknown>)[],
  repeat: Repeat,
): Promise<number[][]> {
  return (await measureSideBySideAsync(runs, repeat)).times;
}

/** Times one function after a warm-up; returns every measured duration in milliseconds. */
export function timeRuns(run: () => unknown, repeat: Repeat): number[] {
  return timeSideBySide([run], repeat)[0] ?? [];
}

/** The async twin of {@link timeRuns}. */
export async function timeRunsAsync(run: () => Promise<unknown>, repeat: Repeat): Promise<number[]> {
  return (await timeSideBySideAsync([run], repeat))[0] ?? [];
}

/** A target: the value must be at most (`max`) or at least (`min`) the bound. */
export type Target = { readonly max: number } | { readonly min: number };

/** One row of the results table. */
export interface Row {
  /** Item number of the issue (1-6), or a label such as `P` for extra checks. */
  readonly item: string;
  readonly what: string;
  /** The measured figure, formatted. */
  readonly value: string;
  /** The target as text, e.g. `< 1 ms`; empty when the row is informative only. */
  readonly target?: string;
  /** True when the target is met, false when missed, undefined when there is no target. */
  readonly pass?: boolean;
  /** Extra detail: run counts, ratios' inputs, notes. */
  readonly note?: string;
}

/** Whether `value` meets `target`. */
export function meets(value: number, target: Target): boolean {
  if (!Number.isFinite(value)) return false;
  return 'max' in target ? value <= target.max : value >= target.min;
}

/** Formats a duration in ms with sensible precision. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value < 1) return `${value.toFixed(3)} ms`;
  if (value < 10) return `${value.toFixed(2)} ms`;
  if (value < 1000) return `${value.toFixed(1)} ms`;
  return `${(value / 1000).toFixed(2)} s`;
}

/** Formats a number with `digits` decimals, or n/a. */
export function num(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Formats a size in bytes as KB or MB. */
export function size(value: number): string {
  if (value >= MB) return `${(value / MB).toFixed(1)} MB`;
  return `${(value / 1000).toFixed(1)} KB`;
}

/** Command-line flags every section sees. */
export interface Flags {
  readonly quick: boolean;
}

export function parseFlags(argv: readonly string[]): Flags {
  return { quick: argv.includes('--quick') };
}
