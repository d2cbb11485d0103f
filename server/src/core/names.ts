/**
 * Judgement names as word sets, for matching a table row, a heading and a sentence that name the
 * same judgement differently ("User engagement" / "Service engagement with users").
 */

import { ownCopy } from './text';

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

const SUFFIXES = ['ments', 'ment', 'ings', 'ing', 'ness', 'ies', 'ied', 'es', 'ed', 's', 'e', 'y'];

/** The suffixes by their last letter, in the order above (only those can end a word ending so). */
const SUFFIXES_BY_LAST = new Map<number, string[]>();
for (const suffix of SUFFIXES) {
  const last = suffix.charCodeAt(suffix.length - 1);
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), suffix]);
}

/** A crude English stemmer: enough to equate enjoy/enjoying, achieve/achievement, partnership(s). */
export function stem(word: string): string {
  for (const suffix of SUFFIXES_BY_LAST.get(word.charCodeAt(word.length - 1)) ?? []) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix))
      return word.slice(0, word.length - suffix.length);
  }
  return word;
}

/** A name's significant words, prepared for fast comparison. */
export interface NameTokens {
  readonly tokens: readonly string[];
  /** Each token's first four characters as a number ({@link prefixCode}): only equal codes can match. */
  readonly prefixes: readonly number[];
  /** A bit per prefix code (its value mod 32): two names whose masks share no bit share no word. */
  readonly mask: number;
}

/*
 * Memos kept from one analysis to the next (typing re-analyses the same names; reports share most
 * of theirs), each bounded. Every string they hold, key or value, is an {@link ownCopy}: a name is
 * often a slice of a report's text, and a slice would keep that whole text alive.
 */
/** Memoised {@link prepareName}s. */
const PREPARED = new Map<string, NameTokens>();
const PREPARED_LIMIT = 4096;
/** Memoised {@link nameKey}s. */
const KEYS = new Map<string, string>();
/** Memoised {@link tokenOf} by word. */
const TOKENS = new Map<string, string>();

/**
 * A token's first four characters (`a-z0-9`, the only ones a token holds) as one number, shorter
 * tokens padded: equal for two tokens exactly when their first four characters are.
 */
function prefixCode(token: string): number {
  let code = 0;
  for (let i = 0; i < 4; i++) {
    const c = token.charCodeAt(i);
    code = code * 37 + (i >= token.length ? 0 : c <= 57 ? c - 47 : c - 86);
  }
  return code;
}

function isWordCharCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** The runs of `a-z0-9` in `text` (what `text.split(/[^a-z0-9]+/)` gives, without empty strings). */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  for (let i = 0; i < text.length;) {
    if (!isWordCharCode(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isWordCharCode(text.charCodeAt(end))) end++;
    words.push(text.slice(i, end));
    i = end;
  }
  return words;
}

function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function tokenise(name: string): string[] {
  let text = name.toLowerCase();
  if (text.includes('safeguarding children'))
    text = text.replace(/local safeguarding children(?:'s)? board/g, 'lscb');
  if (text.includes('(')) text = text.replace(/\([^)]{0,12}\)/g, ' ');
  const out: string[] = [];
  for (const raw of wordsOf(text)) {
    let token = TOKENS.get(raw);
    if (token === undefined) {
      token = ownCopy(tokenOf(raw));
      if (TOKENS.size >= PREPARED_LIMIT * 4) TOKENS.clear();
      TOKENS.set(ownCopy(raw), token);
    }
    if (token !== '') out.push(token);
  }
  return out;
}

/** What a word of a name counts as: its stem, its synonym's stem, or '' (a stop word or a number). */
function tokenOf(raw: string): string {
  if (STOP.has(raw)) return '';
  const word = Object.hasOwn(SYNONYMS, raw) ? (SYNONYMS[raw] as string) : raw; // not 'constructor'
  return isDigits(word) ? '' : stem(word);
}

/** The significant words of a name, stemmed, with acronyms and common synonyms folded (memoised, bounded). */
export function prepareName(name: string): NameTokens {
  const cached = PREPARED.get(name);
  if (cached) return cached;
  if (PREPARED.size >= PREPARED_LIMIT) PREPARED.clear();
  const tokens = tokenise(name);
  const prefixes: number[] = [];
  let mask = 0;
  for (const token of tokens) {
    const code = prefixCode(token);
    prefixes.push(code);
    mask |= 1 << (code % 32);
  }
  const prepared = { tokens, prefixes, mask };
  PREPARED.set(ownCopy(name), prepared);
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
  let key = wordsOf(name.toLowerCase()).join(' ');
  if (key.startsWith('the ')) key = key.slice(4);
  key = ownCopy(key);
  if (KEYS.size >= PREPARED_LIMIT) KEYS.clear();
  KEYS.set(ownCopy(name), key);
  return key;
}

/** How many of `a`'s words find a distinct partner in `b` (equal, or one a prefix of the other). */
function overlap(a: NameTokens, b: NameTokens): number {
  let used = 0;
  let count = 0;
  for (let k = 0; k < a.tokens.length; k++) {
    const prefix = a.prefixes[k] as number;
    for (let j = 0; j < b.tokens.length; j++) {
      if (b.prefixes[j] !== prefix) continue;
      const bit = j < 31 ? 1 << j : 0;
      if (bit !== 0 && (used & bit) !== 0) continue;
      if (tokensMatch(a.tokens[k] as string, b.tokens[j] as string)) {
        used |= bit;
        count++;
        break;
      }
    }
  }
  return count;
}

function tokensMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  return short.length >= 4 && long.startsWith(short);
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

/**
 * The Dice similarity of `a` and `b`, or the weighted share of `b`'s words that `a`'s words match,
 * whichever is higher: both from one count of `a`'s words matched in `b`.
 */
export function bestOfSimilarityAndCoverage(a: NameTokens, b: NameTokens, weight: number): number {
  if ((a.mask & b.mask) === 0 || a.tokens.length === 0 || b.tokens.length === 0) return 0;
  const shared = overlap(a, b);
  return Math.max((2 * shared) / (a.tokens.length + b.tokens.length), weight * (shared / b.tokens.length));
}
