import { bestOfSimilarityAndCoverage, type NameTokens } from './names';

/**
 * Which judgement each row of a summary table names: the rows are aligned in order to the
 * judgements near the table, then the rows left over take their best remaining match. A pure
 * function of the names, remembered from one analysis to the next (typing in a report re-links
 * every table, and almost every table's names are the same as before).
 */

/** Something a row may name: a judgement's name, and the other names it goes by (its opening sentence's subject). */
export interface Candidate {
  readonly tokens: NameTokens;
  readonly altTokens: readonly NameTokens[];
}

/** Least similarity for a row to be aligned in order to a candidate. */
const ROW_SCORE = 0.45;
/** Least similarity for a row left over to take a candidate out of order. */
const LEFTOVER_SCORE = 0.6;

/** How alike two prepared names are: Dice similarity or 0.9 of `b`'s words found in `a`, the higher. */
export function score(a: NameTokens, b: NameTokens): number {
  return bestOfSimilarityAndCoverage(a, b, 0.9);
}

/** How well `tokens` names `candidate`, by its name or any other it goes by. */
export function candidateScore(tokens: NameTokens, candidate: Candidate): number {
  let best = score(tokens, candidate.tokens);
  for (const alt of candidate.altTokens) best = Math.max(best, score(tokens, alt));
  return best;
}

/** One alignment worked out: its inputs (compared by identity) and its result. */
interface Remembered {
  readonly rows: readonly NameTokens[];
  readonly candidates: readonly NameTokens[];
  /** Each candidate's other names, in candidate order, each candidate's followed by null. */
  readonly alternatives: readonly (NameTokens | null)[];
  readonly matches: Int32Array;
}

/**
 * Alignments by their first row's name. Prepared names are memoised (names.ts), so the same names
 * are the same objects from one analysis to the next, and comparing them by identity is enough;
 * they hold copies of their strings, never a report's text.
 */
const REMEMBERED = new Map<NameTokens, Remembered[]>();
/** Most alignments remembered (about a kilobyte each) before the memo starts again. */
const REMEMBERED_LIMIT = 2048;
let rememberedCount = 0;

/**
 * For each row (by its prepared name), the index of the candidate it names, or -1. Rows are first
 * aligned in order (a longest common subsequence weighted by similarity, each pair at least
 * {@link ROW_SCORE}); rows left over then take the best candidate not yet taken (at least
 * {@link LEFTOVER_SCORE}) regardless of order, as ILACS tables list leaders first.
 */
export function alignRows(rows: readonly NameTokens[], candidates: readonly Candidate[]): Int32Array {
  const first = rows[0];
  if (first === undefined) return new Int32Array(0);
  const known = REMEMBERED.get(first);
  if (known) for (const entry of known) if (sameInputs(entry, rows, candidates)) return entry.matches;
  const matches = alignRowsAfresh(rows, candidates);
  if (rememberedCount >= REMEMBERED_LIMIT) {
    REMEMBERED.clear();
    rememberedCount = 0;
  }
  const entries = REMEMBERED.get(first) ?? [];
  rememberedCount++;
  entries.push({
    rows: [...rows],
    candidates: candidates.map((c) => c.tokens),
    alternatives: candidates.flatMap((c) => [...c.altTokens, null]),
    matches,
  });
  REMEMBERED.set(first, entries);
  return matches;
}

function sameInputs(
  entry: Remembered,
  rows: readonly NameTokens[],
  candidates: readonly Candidate[],
): boolean {
  if (entry.rows.length !== rows.length || entry.candidates.length !== candidates.length) return false;
  for (let r = 0; r < rows.length; r++) if (entry.rows[r] !== rows[r]) return false;
  let alt = 0;
  for (let c = 0; c < candidates.length; c++) {
    const candidate = candidates[c] as Candidate;
    if (entry.candidates[c] !== candidate.tokens) return false;
    for (const tokens of candidate.altTokens) if (entry.alternatives[alt++] !== tokens) return false;
    if (entry.alternatives[alt++] !== null) return false;
  }
  return alt === entry.alternatives.length;
}

/** {@link alignRows} worked out, without the memo. */
export function alignRowsAfresh(rows: readonly NameTokens[], candidates: readonly Candidate[]): Int32Array {
  const n = rows.length;
  const m = candidates.length;
  // Monotone alignment (longest common subsequence weighted by name similarity), in flat arrays:
  // sim[i * m + j] is row i against candidate j, dp[i * (m + 1) + j] the best alignment after them.
  const sim = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    const tokens = rows[r] as NameTokens;
    for (let c = 0; c < m; c++) {
      const s = candidateScore(tokens, candidates[c] as Candidate);
      if (s >= ROW_SCORE) sim[r * m + c] = s;
    }
  }
  const width = m + 1;
  const dp = new Float64Array((n + 1) * width);
  for (let r = n - 1; r >= 0; r--) {
    for (let c = m - 1; c >= 0; c--) {
      const s = sim[r * m + c] as number;
      const take = s > 0 ? s + (dp[(r + 1) * width + c + 1] as number) : 0;
      dp[r * width + c] = Math.max(take, dp[(r + 1) * width + c] as number, dp[r * width + c + 1] as number);
    }
  }
  const matches = new Int32Array(n).fill(-1);
  const taken = new Uint8Array(m);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const s = sim[i * m + j] as number;
    if (
      s > 0 &&
      Math.abs((dp[i * width + j] as number) - (s + (dp[(i + 1) * width + j + 1] as number))) < 1e-9
    ) {
      matches[i] = j;
      taken[j] = 1;
      i++;
      j++;
    } else if ((dp[(i + 1) * width + j] as number) >= (dp[i * width + j + 1] as number)) i++;
    else j++;
  }
  for (let r = 0; r < n; r++) {
    if (matches[r] !== -1) continue;
    let best = -1;
    let bestScore = LEFTOVER_SCORE;
    for (let c = 0; c < m; c++) {
      if (taken[c] === 1) continue;
      const s = sim[r * m + c] as number;
      if (s > bestScore) {
        bestScore = s;
        best = c;
      }
    }
    if (best >= 0) {
      matches[r] = best;
      taken[best] = 1;
    }
  }
  return matches;
}
