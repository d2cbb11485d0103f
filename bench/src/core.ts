import { analyse } from '../../server/src/core/analyse';
import type { OutlineNode } from '../../server/src/core/model';
import {
  bytes,
  corpus,
  DocumentBuilder,
  type Flags,
  MB,
  median,
  meets,
  ms,
  num,
  type Repeat,
  type Row,
  seeds,
  size,
  timeRuns,
  measureSideBySide,
} from './common';

/*
 * Item 1: core throughput. `analyse` on each seed and on documents made by concatenating the corpus
 * (0.1, 1, 10 and 50 MB), against a floor that only reads the text: split it into lines and test one
 * regular expression per line. Medians after a warm-up; the floor is timed right after the core on
 * the same text. Also the pathological inputs: a 50 MB report and a single 10 MB line.
 */

/** The floor's one regular expression: a grade word or grade number anywhere in the line. */
const FLOOR_PATTERN = /\b(?:grade\s*[1-4]|outstanding|good|adequate|inadequate)\b/i;

/** The practical limit: split into lines, test one regular expression per line. */
export function floor(text: string): number {
  const lines = text.split(/\r\n|\r|\n/);
  let hits = 0;
  for (const line of lines) if (FLOOR_PATTERN.test(line)) hits++;
  return hits;
}

/** Longest warm-up until steady for the smaller inputs (see {@link Repeat.steadyMs}). */
const STEADY_MS = 10_000;

/** Repetitions by input size: many for small inputs, a few for large ones; small ones warmed until steady. */
export function repeatFor(byteCount: number, quick: boolean): Repeat {
  if (byteCount < 200_000)
    return { warmup: 20, steadyMs: STEADY_MS, min: quick ? 20 : 50, max: 500, budgetMs: quick ? 500 : 2000 };
  if (byteCount < 2 * MB)
    return { warmup: 3, steadyMs: STEADY_MS, min: quick ? 5 : 9, max: 40, budgetMs: quick ? 1000 : 3000 };
  if (byteCount < 20 * MB) return { warmup: 1, min: quick ? 2 : 5, max: 10, budgetMs: 0 };
  return { warmup: 1, min: 3, max: 3, budgetMs: 0 };
}

/** Rounds of a growth measurement, by the larger size (MB): fewer for the slow ones. */
function growthRounds(largeMb: number, quick: boolean): number {
  if (largeMb <= 1) return quick ? 10 : 20;
  if (largeMb <= 10) return quick ? 5 : 9;
  return 5;
}

/** Every node of an outline, children included. */
export function countNodes(nodes: readonly OutlineNode[]): number {
  let count = 0;
  for (const node of nodes) count += 1 + countNodes(node.children);
  return count;
}

const SEED_TARGET_MS = 1;
const THROUGHPUT_TARGET = 100;
const FLOOR_RATIO_TARGET = 3;
const GROWTH_TARGET = 11;
const MAX_OUTLINE = 5000;

export function coreSection(flags: Flags): Row[] {
  const rows: Row[] = [];
  const log = (text: string): boolean => process.stderr.write(`  core: ${text}\n`);

  const measure = (
    name: string,
    text: string,
  ): { ours: number; floor: number; runs: number; min: number; warmup: number; first: number } => {
    const repeat = repeatFor(bytes(text), flags.quick);
    const { times, warmupRounds, first } = measureSideBySide(
      [() => analyse(text), () => floor(text)],
      repeat,
    );
    const [ours = [], base = []] = times;
    const result = {
      ours: median(ours),
      floor: median(base),
      runs: ours.length,
      min: Math.min(...ours),
      warmup: warmupRounds,
      first: first[0] ?? Number.NaN,
    };
    log(
      `${name}: ${ms(result.ours)} (floor ${ms(result.floor)}), ${result.runs} runs after ${warmupRounds} warm-up`,
    );
    return result;
  };

  for (const seed of seeds()) {
    const m = measure(seed.name, seed.text);
    const mbps = bytes(seed.text) / MB / (m.ours / 1000);
    const is000 = seed.name === 'seed 000';
    rows.push({
      item: '1',
      what: `analyse ${seed.name} (${size(bytes(seed.text))})`,
      value: ms(m.ours),
      ...(is000
        ? { target: `< ${SEED_TARGET_MS} ms`, pass: meets(m.ours, { max: SEED_TARGET_MS }) }
        : { target: '', pass: undefined }),
      note: `${num(mbps)} MB/s; floor ${ms(m.floor)}, ours/floor ${num(m.ours / m.floor)}x; median of ${m.runs} after ${m.warmup} warm-up runs (the first ${ms(m.first)}), fastest ${ms(m.min)}`,
    });
  }

  const builder = new DocumentBuilder(corpus().map((r) => r.text));
  const sizes = flags.quick ? [0.1, 1, 10] : [0.1, 1, 10, 50];
  const times = new Map<number, number>();
  for (const mb of sizes) {
    const text = builder.of(mb * MB);
    const m = measure(`${mb} MB`, text);
    times.set(mb, m.ours);
    const mbps = bytes(text) / MB / (m.ours / 1000);
    const ratio = m.ours / m.floor;
    const large = mb >= 10;
    rows.push({
      item: '1',
      what: `analyse ${mb} MB report (corpus concatenated): throughput`,
      value: `${num(mbps)} MB/s`,
      ...(large
        ? { target: `>= ${THROUGHPUT_TARGET} MB/s`, pass: meets(mbps, { min: THROUGHPUT_TARGET }) }
        : {}),
      note: `${ms(m.ours)} per run, median of ${m.runs} after ${m.warmup} warm-up runs, fastest ${ms(m.min)}`,
    });
    rows.push({
      item: '1',
      what: `analyse ${mb} MB: ours / floor (split lines + 1 regex per line)`,
      value: `${num(ratio)}x`,
      ...(large
        ? { target: `<= ${FLOOR_RATIO_TARGET}x`, pass: meets(ratio, { max: FLOOR_RATIO_TARGET }) }
        : {}),
      note: `floor ${ms(m.floor)} = ${num(bytes(text) / MB / (m.floor / 1000))} MB/s`,
    });
  }
  // Growth is measured in rounds of its own, each timing the larger text once and the smaller one
  // as many times as it is smaller, back to back, so that both see the machine in the same state.
  const growth = (small: number, large: number): void => {
    if (!times.has(small) || !times.has(large)) return;
    const factor = Math.round(large / small);
    const limit = (GROWTH_TARGET / 10) * factor;
    const smallText = builder.of(small * MB);
    const largeText = builder.of(large * MB);
    const rounds = growthRounds(large, flags.quick);
    const ratios: number[] = [];
    for (let round = -1; round < rounds; round++) {
      let start = performance.now();
      analyse(largeText);
      const largeTime = performance.now() - start;
      start = performance.now();
      for (let k = 0; k < factor; k++) analyse(smallText);
      const smallTime = (performance.now() - start) / factor;
      if (round >= 0) ratios.push(largeTime / smallTime);
    }
    const ratio = median(ratios);
    log(`growth ${small} -> ${large} MB: ${num(ratio, 2)} (${rounds} rounds)`);
    rows.push({
      item: '1',
      what: `growth: time(${large} MB) / time(${small} MB)`,
      value: `${num(ratio, 2)}`,
      target: `<= ${num(limit, 1)} (${GROWTH_TARGET} per 10x)`,
      pass: meets(ratio, { max: limit }),
      note: `median of ${rounds} rounds, each timing ${large} MB once and ${small} MB ${factor} times back to back; the medians above give ${num((times.get(large) ?? NaN) / (times.get(small) ?? NaN), 2)}`,
    });
  };
  growth(0.1, 1);
  growth(1, 10);
  growth(10, 50);

  // Pathological inputs: the outline is capped with a note, and the cost stays linear.
  const bigSize = flags.quick ? 10 : 50;
  {
    // In this block only, so that the next measurement does not share the heap with it.
    const big = builder.of(bigSize * MB);
    const start = performance.now();
    const { model, findings } = analyse(big, { maxOutlineNodes: MAX_OUTLINE });
    const elapsed = performance.now() - start;
    const nodes = countNodes(model.outline);
    const capped = nodes <= MAX_OUTLINE + 1;
    rows.push({
      item: 'P',
      what: `pathological: ${bigSize} MB report, outline capped with a note`,
      value: `${nodes} nodes${model.limitNote ? ', note' : ', no note'}`,
      target: `<= ${MAX_OUTLINE} + note`,
      pass: capped && model.limitNote !== undefined,
      note: `${ms(elapsed)}; ${findings.length} findings; note: ${JSON.stringify(model.limitNote ?? '')}`,
    });
  }
  const times10 = times.get(10);
  {
    const oneLine = builder.of(10 * MB).replace(/\r\n|\r|\n/g, ' ');
    const times = timeRuns(() => analyse(oneLine), {
      warmup: 1,
      min: flags.quick ? 1 : 3,
      max: 3,
      budgetMs: 0,
    });
    const { model } = analyse(oneLine);
    const t = median(times);
    // Graceful: a note says what was left out, and it costs no more than 10 MB of ordinary lines.
    const ordinary = times10 ?? Number.POSITIVE_INFINITY;
    rows.push({
      item: 'P',
      what: 'pathological: one 10 MB line',
      value: ms(t),
      target: 'note; time <= 10 MB report',
      pass: model.limitNote !== undefined && t <= ordinary,
      note: `${num(bytes(oneLine) / MB / (t / 1000))} MB/s; ${countNodes(model.outline)} outline nodes; note: ${JSON.stringify(model.limitNote ?? '')}`,
    });
  }
  return rows;
}
