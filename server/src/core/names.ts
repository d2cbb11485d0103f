/**
 * Judgement names as word sets, for matching a table row, a heading and a sentence that name the
 * same judgement differently ("User engagement" / "Service engagement with users").
 */

const STOP = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'for',
  'to',
  'in',
  'on',
  'at',
  'by',
  'with',
  'who',
  'that',
  'this',
  'their',
  'its',
  'is',
  'are',
  'be',
  'being',
  'it',
  'as',
  'from',
  'among',
  'including',
  'services',
  'service',
  'local',
  'authority',
  'authoritys',
  'council',
  'councils',
  'young',
  'people',
  'judgement',
  'judgment',
  'graded',
  'about',
  'how',
  'what',
]);

const SYNONYMS: Record<string, string> = {
  lscb: 'lscb',
  lac: 'looked',
  cla: 'looked',
  partnerships: 'partnership',
  users: 'user',
  healthy: 'health',
  well: 'wellbeing',
  wellbeing: 'wellbeing',
};

/** A crude English stemmer: enough to equate enjoy/enjoying, achieve/achievement, partnership(s). */
export function stem(word: string): string {
  let w = word;
  for (const suffix of ['ments', 'ment', 'ings', 'ing', 'ness', 'ies', 'ied', 'es', 'ed', 's', 'e', 'y']) {
    if (w.length - suffix.length >= 4 && w.endsWith(suffix)) {
      w = w.slice(0, w.length - suffix.length);
      break;
    }
  }
  return w;
}

/** A name's significant words, prepared for fast comparison. */
export interface NameTokens {
  readonly tokens: readonly string[];
  /** Each token's first four letters. */
  readonly prefixes: readonly string[];
  /** Token positions by their first four letters, for prefix matches. */
  readonly byPrefix: ReadonlyMap<string, readonly number[]>;
}

const PREPARED = new Map<string, NameTokens>();
const PREPARED_LIMIT = 4096;
/** Memoised {@link nameKey}s, bounded and forgotten with the prepared names. */
const KEYS = new Map<string, string>();

function tokenise(name: string): string[] {
  let text = name.toLowerCase();
  if (text.includes('safeguarding children'))
    text = text.replace(/local safeguarding children(?:'s)? board/g, 'lscb');
  if (text.includes('(')) text = text.replace(/\([^)]{0,12}\)/g, ' ');
  const out: string[] = [];
  for (const raw of text.split(/[^a-z0-9]+/)) {
    if (!raw || STOP.has(raw)) continue;
    const word = Object.hasOwn(SYNONYMS, raw) ? (SYNONYMS[raw] as string) : raw; // not 'constructor'
    if (/^\d+$/.test(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/**
 * Forgets memoised names. `analyse` calls it when it finishes, so no name (often a slice of a large
 * document's text) outlives the analysis that made it.
 */
export function forgetNames(): void {
  PREPARED.clear();
  KEYS.clear();
}

/** The significant words of a name, stemmed, with acronyms and common synonyms folded (memoised, bounded). */
export function prepareName(name: string): NameTokens {
  const cached = PREPARED.get(name);
  if (cached) return cached;
  const tokens = tokenise(name);
  const byPrefix = new Map<string, number[]>();
  const prefixes = tokens.map((t) => t.slice(0, 4));
  prefixes.forEach((key, i) => {
    const list = byPrefix.get(key);
    if (list) list.push(i);
    else byPrefix.set(key, [i]);
  });
  const prepared = { tokens, prefixes, byPrefix };
  if (PREPARED.size >= PREPARED_LIMIT) PREPARED.clear();
  PREPARED.set(name, prepared);
  return prepared;
}

/** The significant words of a name (see {@link prepareName}). */
export function nameTokens(name: string): string[] {
  return [...prepareName(name).tokens];
}

/** Folds a name for exact comparison: lower case, no punctuation, single spaces, no leading "the". */
export function nameKey(name: string): string {
  const cached = KEYS.get(name);
  if (cached !== undefined) return cached;
  const key = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
  if (KEYS.size >= PREPARED_LIMIT) KEYS.clear();
  KEYS.set(name, key);
  return key;
}

function tokensMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  return short.length >= 4 && long.startsWith(short);
}

/** How many of `a`'s words find a distinct partner in `b` (equal, or one a prefix of the other). */
function overlap(a: NameTokens, b: NameTokens): number {
  let used = 0;
  let count = 0;
  for (let k = 0; k < a.tokens.length; k++) {
    const x = a.tokens[k] as string;
    const candidates = b.byPrefix.get(a.prefixes[k] as string);
    if (!candidates) continue;
    for (const j of candidates) {
      const bit = j < 31 ? 1 << j : 0;
      if (bit !== 0 && (used & bit) !== 0) continue;
      if (tokensMatch(x, b.tokens[j] as string)) {
        used |= bit;
        count++;
        break;
      }
    }
  }
  return count;
}

/** How alike two names are, 0 to 1 (Dice coefficient over significant words). */
export function nameSimilarity(a: string, b: string): number {
  return similarity(prepareName(a), prepareName(b));
}

/** {@link nameSimilarity} over prepared names. */
export function similarity(a: NameTokens, b: NameTokens): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  return (2 * overlap(a, b)) / (a.tokens.length + b.tokens.length);
}

/** The share of `name`'s significant words that `text` also has, 0 to 1. */
export function coverage(name: NameTokens, text: NameTokens): number {
  if (name.tokens.length === 0) return 0;
  return overlap(name, text) / name.tokens.length;
}

/** Dice similarity of `a` and `b` and the share of `b`'s words found in `a`, from one comparison. */
export function similarityAndCoverage(
  a: NameTokens,
  b: NameTokens,
): { similarity: number; coverage: number } {
  if (a.tokens.length === 0 || b.tokens.length === 0) return { similarity: 0, coverage: 0 };
  const shared = overlap(a, b);
  return {
    similarity: (2 * shared) / (a.tokens.length + b.tokens.length),
    coverage: shared / b.tokens.length,
  };
}
