import type { Scale } from './model';
import { ALL_GRADE_WORDS } from './scales';
import { contentEnd, fold } from './text';

/**
 * Recognises the shapes a grade takes in text (DOMAIN.md section 2): `Grade 4 (inadequate)`,
 * `Adequate (Grade 3)`, `Inadequate Grade 4`, a bare label (`requires improvement to be good`) or a
 * bare `Grade 5`. Positions are relative to the string searched.
 */
export interface GradeMatch {
  readonly start: number;
  readonly end: number;
  /** The grade number as written, if any. */
  readonly number?: number;
  /** The label as written (folded), if any. */
  readonly label?: string;
  /** True when the label is a grade word of some known scale (not just any words in `Grade N (...)`). */
  readonly knownWord: boolean;
}

/** Grade phrases the report can use: every built-in scale's words plus the report's own labels. */
export interface GradeVocabulary {
  /** Is `text` (trimmed, with `**` and a final full stop ignored) one grade expression and nothing else? */
  whole(text: string): GradeMatch | undefined;
  /** The grade expression `text` ends with, if it ends with one. */
  atEnd(text: string): GradeMatch | undefined;
  /** The grade word starting exactly at `index` in `text`, if one does. */
  wordAt(text: string, index: number): { label: string; end: number } | undefined;
  /**
   * A cheap pre-filter: could `text` (or its part `[from, to)`) end with a grade expression? True
   * when its last word (ignoring `*`, `.` and white space) is the last word of some grade, or it
   * ends with a digit or `)`.
   */
  endsLikeGrade(text: string, from?: number, to?: number): boolean;
  /**
   * A cheap pre-filter: does `text` hold a grade word followed by punctuation or its end? Given
   * `[from, to)`, asks it of that part of `text`, which must not hold a line break.
   */
  mayStateGrade(text: string, from?: number, to?: number): boolean;
  /** Regular-expression source matching any grade word (no flags, no anchors). */
  readonly wordSource: string;
}

/** A {@link GradeMatch} with its properties always in one order, those that are undefined left out. */
function gradeMatch(
  start: number,
  end: number,
  number: number | undefined,
  label: string | undefined,
  knownWord: boolean,
): GradeMatch {
  if (number !== undefined && label !== undefined) return { start, end, number, label, knownWord };
  if (number !== undefined) return { start, end, number, knownWord };
  if (label !== undefined) return { start, end, label, knownWord };
  return { start, end, knownWord };
}

/** `text.slice(from, to)`, or `text` itself when that is all of it. */
function partOf(text: string, from: number, to: number): string {
  return from === 0 && to === text.length ? text : text.slice(from, to);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Vocabularies already built, by their words: most reports use one of a few scales. */
const BUILT = new Map<string, GradeVocabulary>();
const BUILT_LIMIT = 16;

/**
 * Vocabularies of the built-in frameworks' scales, by scale object: each is one object, asked for by
 * every report of its framework, so its words need not be gathered and sorted again. (A declared or
 * user scale is a new object per report, whose words may come from the report's text: not kept here.)
 */
const BY_FRAMEWORK_SCALE = new WeakMap<Scale, GradeVocabulary>();

/** The vocabulary for a report whose scale is `scale` (built once per set of grade words). */
export function gradeVocabulary(scale: Scale): GradeVocabulary {
  if (scale.source !== 'framework') return vocabularyOfWords(scale);
  let vocabulary = BY_FRAMEWORK_SCALE.get(scale);
  if (!vocabulary) {
    vocabulary = vocabularyOfWords(scale);
    BY_FRAMEWORK_SCALE.set(scale, vocabulary);
  }
  return vocabulary;
}

/** The vocabulary for the grade words of `scale` and of every built-in scale, built once per set of words. */
function vocabularyOfWords(scale: Scale): GradeVocabulary {
  const words = new Set<string>(ALL_GRADE_WORDS);
  for (const entry of scale.entries) for (const alias of entry.aliases) words.add(alias);
  const sorted = [...words].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  const key = sorted.join('\n');
  const built = BUILT.get(key);
  if (built) return built;
  const vocabulary = buildVocabulary(sorted);
  if (BUILT.size >= BUILT_LIMIT) BUILT.clear();
  BUILT.set(key, vocabulary);
  return vocabulary;
}

function buildVocabulary(sorted: readonly string[]): GradeVocabulary {
  const wordSource = sorted.map((w) => escapeRegExp(w).replace(/ /g, '\\s+')).join('|');
  const known = new Set(sorted);

  const label = `(?<![A-Za-z])(${wordSource})(?![A-Za-z])`;
  const numbered = /Grade\s*(\d{1,2})\s*\(\s*([A-Za-z][^()]{0,60}?)\s*\)/;
  const numberedEnd = new RegExp(`${numbered.source}$`, 'i');
  const labelNumParenEnd = new RegExp(`${label}\\s*\\(\\s*Grade\\s*(\\d{1,2})\\s*\\)$`, 'i');
  const labelNumEnd = new RegExp(`${label}\\s+Grade\\s*(\\d{1,2})$`, 'i');
  const labelEnd = new RegExp(`${label}$`, 'i');
  const numberOnlyEnd = /(?<![A-Za-z])Grade\s*(\d{1,2})$/i;
  const wordSticky = new RegExp(`(${wordSource})(?![A-Za-z])`, 'iy');

  const isKnown = (text: string) => known.has(text.toLowerCase().replace(/\s+/g, ' ').trim());
  const finalWords = new Set<string>(['requires', 'require']);
  for (const word of sorted) finalWords.add(word.slice(word.lastIndexOf(' ') + 1));
  const statesGrade = new RegExp(`(?:${[...finalWords].map(escapeRegExp).join('|')})\\s*(?:[.;,:!]|$)`, 'im');
  // A stop after a final word (looked back from the stop only), or the first line break.
  const stopAfterGradeOrBreak = new RegExp(
    `[.;,:!](?<=(?:${[...finalWords].map(escapeRegExp).join('|')})\\s*[.;,:!])|[\\n\\r\\u2028\\u2029]`,
    'gi',
  );
  // User labels may end in other characters ("A+", "Très"): the pre-filter cannot judge those.
  const plainEndings = [...finalWords].every((w) => /^[a-z]{1,16}$/.test(w));

  // The final words by last letter: at most a few to compare where a word may end.
  const finalsByLast: (string[] | undefined)[] = new Array<string[] | undefined>(26);
  for (const word of finalWords) {
    if (plainEndings) (finalsByLast[word.charCodeAt(word.length - 1) - 97] ??= []).push(word);
  }

  /**
   * Does a final word end just before `end`, within `[from, end)` (as a substring: the pattern has
   * no word boundary)? With `whole`, only a word starting exactly at `from`: is `[from, end)` one?
   */
  function finalWordEndsAt(text: string, end: number, from = 0, whole = false): boolean {
    if (end <= from) return false;
    const last = (text.charCodeAt(end - 1) | 32) - 97;
    const words = last >= 0 && last < 26 ? finalsByLast[last] : undefined;
    if (!words) return false;
    for (const word of words) {
      const start = end - word.length;
      if (whole ? start !== from : start < from) continue;
      let k = 0;
      while (k < word.length && (text.charCodeAt(start + k) | 32) === word.charCodeAt(k)) k++;
      if (k === word.length) return true;
    }
    return false;
  }

  /**
   * `statesGrade.test(text.slice(from, to))`, faster and without the copy: a final word before the
   * end is checked by hand, one before a stop by a pattern that looks back only from stops (and,
   * in a part of a longer text, by hand again, since the pattern may look back past `from`). A text
   * holding a line break (where `$` also matches) is left to `statesGrade` itself; a part ends at
   * the line break after it, which the search finds at `to`.
   */
  function mayStateGrade(text: string, from = 0, to = text.length): boolean {
    if (!plainEndings) return statesGrade.test(partOf(text, from, to));
    stopAfterGradeOrBreak.lastIndex = from;
    // `test`, not `exec`: every match is one character, the one before lastIndex, and no match
    // array is made (one per line asked had been the analysis's largest allocation).
    while (stopAfterGradeOrBreak.test(text)) {
      const at = stopAfterGradeOrBreak.lastIndex - 1;
      if (at >= to) break;
      const stop = text.charCodeAt(at);
      if (stop === 10 || stop === 13 || stop === 0x2028 || stop === 0x2029)
        return statesGrade.test(partOf(text, from, to));
      if (from === 0 || finalWordEndsAt(text, contentEnd(text, from, at), from)) return true;
    }
    return finalWordEndsAt(text, contentEnd(text, from, to), from);
  }

  function endsLikeGrade(text: string, from = 0, to = text.length): boolean {
    if (!plainEndings) return true;
    let end = to;
    while (end > from) {
      const c = text.charCodeAt(end - 1);
      if (c === 32 || c === 9 || c === 42 || c === 46) end--;
      else break;
    }
    if (end === from) return false;
    const last = text.charCodeAt(end - 1);
    if (last === 41 || (last >= 48 && last <= 57)) return true;
    let start = end;
    while (start > from && end - start < 16) {
      const c = text.charCodeAt(start - 1) | 32;
      if (c >= 97 && c <= 122) start--;
      else break;
    }
    // The letters before `end` (none when `last` is not one), as one whole final word.
    return finalWordEndsAt(text, end, start, true);
  }

  // Grade words grouped by their last word, longest first: a label at the end of a text is found by
  // looking up the text's last word and matching the rest backwards, with no regular expression.
  const byFinal = new Map<string, string[][]>();
  for (const word of sorted) {
    const parts = word.split(' ');
    const last = parts[parts.length - 1] ?? '';
    const list = byFinal.get(last);
    if (list) list.push(parts);
    else byFinal.set(last, [parts]);
  }
  const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  const isWs = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

  /** Start of the grade word that ends exactly at `end`, or -1. */
  function labelEndingAt(text: string, end: number): number {
    let s = end;
    while (s > 0 && isLetter(text.charCodeAt(s - 1))) s--;
    if (s === end) return -1;
    const candidates = byFinal.get(text.slice(s, end).toLowerCase());
    if (!candidates) return -1;
    for (const parts of candidates) {
      let start = s;
      let ok = true;
      for (let k = parts.length - 2; k >= 0 && ok; k--) {
        let q = start;
        while (q > 0 && isWs(text.charCodeAt(q - 1))) q--;
        const word = parts[k] ?? '';
        const from = q - word.length;
        ok = q < start && from >= 0 && text.slice(from, q).toLowerCase() === word;
        start = from;
      }
      if (ok && (start === 0 || !isLetter(text.charCodeAt(start - 1)))) return start;
    }
    return -1;
  }

  const parenGradeEnd = /\(\s*Grade\s*(\d{1,2})\s*\)$/i;

  /** The fast path of {@link atEndOf} for scales whose labels end in plain words. */
  function atEndFast(text: string, offset: number): GradeMatch | undefined {
    const last = text.charCodeAt(text.length - 1);
    if (last === 41) {
      const m = numberedEnd.exec(text);
      if (m) {
        const lab = fold(m[2] ?? '');
        return gradeMatch(offset + m.index, offset + text.length, Number(m[1]), lab, isKnown(lab));
      }
      const paren = parenGradeEnd.exec(text);
      if (!paren) return undefined;
      let e = paren.index;
      while (e > 0 && isWs(text.charCodeAt(e - 1))) e--;
      const start = labelEndingAt(text, e);
      if (start < 0) return undefined;
      const lab = fold(text.slice(start, e));
      return gradeMatch(offset + start, offset + text.length, Number(paren[1]), lab, true);
    }
    if (last >= 48 && last <= 57) {
      const m = numberOnlyEnd.exec(text);
      if (!m) return undefined;
      let q = m.index;
      while (q > 0 && isWs(text.charCodeAt(q - 1))) q--;
      const start = q < m.index ? labelEndingAt(text, q) : -1;
      if (start >= 0) {
        const lab = fold(text.slice(start, q));
        return gradeMatch(offset + start, offset + text.length, Number(m[1]), lab, true);
      }
      return gradeMatch(offset + m.index, offset + text.length, Number(m[1]), undefined, false);
    }
    const start = labelEndingAt(text, text.length);
    return start < 0
      ? undefined
      : gradeMatch(offset + start, offset + text.length, undefined, fold(text.slice(start)), true);
  }

  function atEndOf(raw: string): GradeMatch | undefined {
    if (!endsLikeGrade(raw)) return undefined;
    let text = raw;
    // Ignore trailing markdown bold, a full stop and white space.
    let cut = text.length;
    while (cut > 0 && /[\s*.]/.test(text.charAt(cut - 1))) cut--;
    if (cut === 0) return undefined;
    text = text.slice(0, cut);
    if (text.length > 4000) text = text.slice(text.length - 4000);
    const offset = raw.length - (raw.length - cut) - text.length;
    if (plainEndings) return atEndFast(text, offset);
    let m = numberedEnd.exec(text);
    if (m) {
      const lab = fold(m[2] ?? '');
      return gradeMatch(offset + m.index, offset + text.length, Number(m[1]), lab, isKnown(lab));
    }
    m = labelNumParenEnd.exec(text) ?? labelNumEnd.exec(text);
    if (m) {
      const lab = fold(m[1] ?? '');
      return gradeMatch(offset + m.index, offset + text.length, Number(m[2]), lab, true);
    }
    m = labelEnd.exec(text);
    if (m) return gradeMatch(offset + m.index, offset + text.length, undefined, fold(m[1] ?? ''), true);
    m = numberOnlyEnd.exec(text);
    if (m) return gradeMatch(offset + m.index, offset + text.length, Number(m[1]), undefined, false);
    return undefined;
  }

  return {
    wordSource,
    endsLikeGrade,
    mayStateGrade,
    atEnd: atEndOf,
    whole(raw: string) {
      const lead = raw.length - raw.trimStart().length;
      let inner = raw.trimStart();
      let extra = 0;
      while (inner.startsWith('*')) {
        inner = inner.slice(1);
        extra++;
      }
      const match = atEndOf(inner);
      if (!match || match.start !== inner.length - inner.trimStart().length) return undefined;
      const shift = lead + extra;
      return gradeMatch(match.start + shift, match.end + shift, match.number, match.label, match.knownWord);
    },
    wordAt(text: string, index: number) {
      if (index > 0 && /[A-Za-z]/.test(text.charAt(index - 1))) return undefined;
      wordSticky.lastIndex = index;
      const m = wordSticky.exec(text);
      return m ? { label: fold(m[1] ?? ''), end: index + m[0].length } : undefined;
    },
  };
}
