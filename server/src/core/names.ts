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

/** The significant words of a name, stemmed, with acronyms and common synonyms folded. */
export function nameTokens(name: string): string[] {
  let text = name.toLowerCase();
  text = text.replace(/local safeguarding children(?:'s)? board/g, 'lscb');
  text = text.replace(/\([^)]{0,12}\)/g, ' ');
  const out: string[] = [];
  for (const raw of text.split(/[^a-z0-9]+/)) {
    if (!raw || STOP.has(raw)) continue;
    const word = SYNONYMS[raw] ?? raw;
    if (/^\d+$/.test(word)) continue;
    out.push(stem(word));
  }
  return out;
}

/** Folds a name for exact comparison: lower case, no punctuation, single spaces, no leading "the". */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

function tokensMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  return short.length >= 4 && long.startsWith(short);
}

function overlap(a: readonly string[], b: readonly string[]): number {
  const used = new Set<number>();
  let count = 0;
  for (const x of a) {
    const j = b.findIndex((y, k) => !used.has(k) && tokensMatch(x, y));
    if (j >= 0) {
      used.add(j);
      count++;
    }
  }
  return count;
}

/** How alike two names are, 0 to 1 (Dice coefficient over significant words). */
export function nameSimilarity(a: string, b: string): number {
  return similarityOfTokens(nameTokens(a), nameTokens(b));
}

/** {@link nameSimilarity} over prepared token lists. */
export function similarityOfTokens(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  return (2 * overlap(a, b)) / (a.length + b.length);
}

/** The share of `name`'s significant words that `text` also has, 0 to 1. */
export function coverage(name: readonly string[], text: readonly string[]): number {
  if (name.length === 0) return 0;
  return overlap(name, text) / name.length;
}
