import fc from 'fast-check';

/**
 * The damage real text suffers on its way into an editor (issue 5): PDF extractions, pasted web
 * pages, half-written drafts. Each mutation takes a text and a number `k` that picks where to
 * apply it, so fast-check can shrink a failing case to a small, readable one.
 */

/** Grade words swapped in by `swap-grades`: from every family, plus words of no scale. */
const GRADES = [
  'Outstanding',
  'Good',
  'Adequate',
  'Inadequate',
  'Requires improvement to be good',
  'requires improvement',
  'Satisfactory',
  'Excellent',
  'Very good',
  'Weak',
  'Unsatisfactory',
  'Grade 4 (inadequate)',
  'Grade 2 (Good)',
  'Grade 9',
  'Good (Grade 3)',
  'Strong standard',
  '',
];

const GRADE_WORD = /\b(?:Outstanding|Good|Adequate|Inadequate|Requires improvement(?: to be good)?)\b/gi;

/** Strings that make trouble for parsers, markdown and HTML renderers. */
export const NASTY = [
  '\u0000',
  '\ufeff',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\u202e',
  '\u200f',
  '\ud800',
  '\udfff',
  '\uf0b7',
  '\ue000',
  '\u0085',
  '\u000b',
  '\f',
  '\r',
  '\t',
  '😀',
  'e\u0301',
  'مرحبا بالعالم',
  'עברית',
  '“smart” ‘quotes’',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[link](javascript:alert(1))',
  '`code`',
  '$(bug)',
  '${process.exit()}',
  '%s%n',
  '\\',
  '|',
  '**',
  // Object.prototype names: words a report can hold that break lookups in plain objects.
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

/** One kind of damage. */
export type MutationKind =
  | 'delete-lines'
  | 'duplicate-lines'
  | 'swap-lines'
  | 'swap-grades'
  | 'duplicate-table'
  | 'cut-chars'
  | 'cut-bytes'
  | 'crlf'
  | 'cr'
  | 'bom'
  | 'nul'
  | 'tabs'
  | 'nbsp'
  | 'smart-quotes'
  | 'private-use'
  | 'right-to-left'
  | 'join-lines'
  | 'form-feeds'
  | 'upper-case'
  | 'insert-nasty'
  | 'insert-random';

export const MUTATION_KINDS: readonly MutationKind[] = [
  'delete-lines',
  'duplicate-lines',
  'swap-lines',
  'swap-grades',
  'duplicate-table',
  'cut-chars',
  'cut-bytes',
  'crlf',
  'cr',
  'bom',
  'nul',
  'tabs',
  'nbsp',
  'smart-quotes',
  'private-use',
  'right-to-left',
  'join-lines',
  'form-feeds',
  'upper-case',
  'insert-nasty',
  'insert-random',
];

/** A mutation with its position parameter and, for insertions, the text inserted. */
export interface Mutation {
  readonly kind: MutationKind;
  readonly k: number;
  readonly text: string;
}

function splitKeep(text: string): string[] {
  return text.split('\n');
}

/** Applies one mutation. Deterministic: the same mutation on the same text gives the same result. */
export function mutate(text: string, { kind, k, text: extra }: Mutation): string {
  const lines = splitKeep(text);
  const at = lines.length > 0 ? k % lines.length : 0;
  const offset = k % (text.length + 1);
  switch (kind) {
    case 'delete-lines':
      lines.splice(at, 1 + (k % 5));
      return lines.join('\n');
    case 'duplicate-lines':
      lines.splice(at, 0, ...lines.slice(at, at + 1 + (k % 25)));
      return lines.join('\n');
    case 'swap-lines': {
      const other = (k * 7919) % Math.max(1, lines.length);
      const a = lines[at] ?? '';
      lines[at] = lines[other] ?? '';
      lines[other] = a;
      return lines.join('\n');
    }
    case 'swap-grades': {
      let seen = 0;
      const replacement = GRADES[k % GRADES.length] ?? '';
      return text.replace(GRADE_WORD, (word) => (seen++ % 5 === k % 5 ? replacement : word));
    }
    case 'duplicate-table': {
      // The first block of tab or pipe rows (a summary table), copied in front of itself.
      const first = lines.findIndex((l) => l.includes('\t') || l.trimStart().startsWith('|'));
      if (first < 0) return lines.join('\n');
      let last = first;
      while (last + 1 < lines.length && last - first < 60 && (lines[last + 1] ?? '').trim() !== '') last++;
      const block = lines.slice(first, last + 1);
      lines.splice(k % 2 === 0 ? first : lines.length, 0, ...block);
      return lines.join('\n');
    }
    case 'cut-chars':
      return text.slice(0, offset);
    case 'cut-bytes': {
      const bytes = new TextEncoder().encode(text);
      // Cut anywhere, in the middle of a multi-byte character too; decode as an editor would.
      return new TextDecoder('utf-8').decode(bytes.subarray(0, k % (bytes.length + 1)));
    }
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'cr':
      return text.replace(/\r?\n/g, '\r');
    case 'bom':
      return `\ufeff${text}`;
    case 'nul':
      return `${text.slice(0, offset)}\u0000${text.slice(offset)}`;
    case 'tabs':
      return text.replace(/ {2,}/g, (run, where: number) => (where % 3 === k % 3 ? '\t' : run));
    case 'nbsp':
      return text.replace(/ /g, (space, where: number) => (where % 4 === k % 4 ? '\u00a0' : space));
    case 'smart-quotes':
      return text
        .replace(/'/g, '\u2019')
        .replace(/"(\w)/g, '\u201c$1')
        .replace(/"/g, '\u201d')
        .replace(/ - /g, ' \u2013 ');
    case 'private-use':
      lines[at] = `\uf0b7 ${lines[at] ?? ''}`;
      lines.splice(at, 0, '\ue000\uf0a7\uf8ff');
      return lines.join('\n');
    case 'right-to-left':
      lines[at] = `\u202e${lines[at] ?? ''} تقرير التفتيش \u05e2\u05d1\u05e8\u05d9\u05ea\u200f`;
      return lines.join('\n');
    case 'join-lines':
      return lines.slice(0, at).join('\n') + ' ' + lines.slice(at).join(' ');
    case 'form-feeds':
      lines.splice(at, 0, '\f', `Page ${k % 40} of 40`, `\f${lines[0] ?? ''}`);
      return lines.join('\n');
    case 'upper-case':
      return text.toUpperCase();
    case 'insert-nasty':
      return `${text.slice(0, offset)}${NASTY[k % NASTY.length] ?? ''}${text.slice(offset)}`;
    case 'insert-random':
      return `${text.slice(0, offset)}${extra}${text.slice(offset)}`;
  }
}

/** A random mutation. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  k: fc.nat({ max: 1_000_000 }),
  text: fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 6 }),
    fc.constantFrom(...NASTY, '\nGrade 4 (inadequate)\n', '\tGood', '\n\n27. Leadership is adequate.'),
  ),
});

/** Words and pieces reports are made of, for random text that looks a little like a report. */
const REPORT_TOKENS = [
  'Grade',
  ' ',
  '  ',
  '    ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '|',
  '(',
  ')',
  '1',
  '4',
  '12',
  '.',
  ':',
  'Good',
  'good',
  'Inadequate',
  'adequate',
  'Outstanding',
  'Requires improvement',
  'requires improvement to be good',
  'Satisfactory',
  'Overall effectiveness',
  'Record of main findings',
  'Judgement',
  'Contents',
  'The inspection outcomes: ',
  'is',
  'are',
  'The',
  '**',
  '27. ',
  'a. ',
  'Safeguarding',
  'Inspection of local authority children’s services',
  'Inspection of safeguarding and looked after children services',
  'Inspection dates: 1 to 12 March 2010',
  'Ofsted',
  'Care Quality Commission',
  'Grade 4 (inadequate)',
  '(Grade 3)',
  'Outstanding (Grade 1)\tA service that significantly exceeds minimum requirements',
  'Page 3 of 20',
  '\f',
  ...NASTY,
];

/** Random text: raw code units (lone surrogates included), graphemes, and report-like token soup. */
export const textArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 600 }),
  fc.array(fc.constantFrom(...REPORT_TOKENS), { maxLength: 500 }).map((tokens) => tokens.join('')),
  fc
    .array(
      fc
        .array(fc.constantFrom(...REPORT_TOKENS.filter((t) => !/[\r\n]/.test(t))), { maxLength: 10 })
        .map((tokens) => tokens.join('')),
      { maxLength: 150 },
    )
    .map((lines) => lines.join('\n')),
);
