import type { FrameworkId, Scale, ScaleEntry, UserScale } from './model';
import { fold } from './text';

/**
 * Grading scales: built in per framework (DOMAIN.md section 1), declared by a report, or supplied
 * by the user. Aliases are the other spellings a grade takes in running text.
 */

/** Other spellings of a label, all lower case; a label not listed here has only itself. */
const ALIAS_GROUPS: readonly (readonly string[])[] = [
  [
    'requires improvement to be good',
    'require improvement to be good',
    'requires improvement',
    'require improvement',
    'requiring improvement',
  ],
  ['adequate and needs improvement', 'adequate'],
  ['unsatisfactory and needs urgent improvement', 'unsatisfactory'],
  ['requires significant improvement', 'require significant improvement'],
  ['very good'],
  ['strong standard'],
  ['expected standard'],
  ['needs attention'],
  ['urgent improvement'],
];

/** Every spelling that denotes the same grade as `label`, lower case, longest first. */
export function aliasesOf(label: string): string[] {
  const key = label.toLowerCase().replace(/\s+/g, ' ').trim();
  const group = ALIAS_GROUPS.find((g) => g.includes(key));
  const all = new Set<string>([key, ...(group ?? [])]);
  // "Adequate" alone must not swallow "adequate and needs improvement" unless that is the label.
  if (key === 'adequate') all.delete('adequate and needs improvement');
  if (key === 'unsatisfactory') all.delete('unsatisfactory and needs urgent improvement');
  return [...all].sort((a, b) => b.length - a.length);
}

function entries(
  labels: readonly (string | [string, string])[],
  numbering: 'ascending-rank' | 'descending' | 'none' = 'ascending-rank',
): ScaleEntry[] {
  return labels.map((item, i) => {
    const [label, description] = typeof item === 'string' ? [item, undefined] : item;
    const number =
      numbering === 'ascending-rank' ? i + 1 : numbering === 'descending' ? labels.length - i : undefined;
    return {
      label,
      rank: i + 1,
      ...(number !== undefined ? { number } : {}),
      ...(description ? { description } : {}),
      aliases: aliasesOf(label),
    };
  });
}

const OFSTED_2009: (string | [string, string])[] = [
  ['Outstanding', 'A service that significantly exceeds minimum requirements'],
  ['Good', 'A service that exceeds minimum requirements'],
  ['Adequate', 'A service that only meets minimum requirements'],
  ['Inadequate', 'A service that does not meet minimum requirements'],
];

interface FrameworkInfo {
  readonly name: string;
  readonly scale: Scale;
}

function scale(
  id: FrameworkId,
  name: string,
  labels: (string | [string, string])[],
  numbering?: 'ascending-rank' | 'descending' | 'none',
): Scale {
  return {
    id,
    name,
    source: 'framework',
    entries: entries(labels, numbering),
    ...(numbering === 'descending' ? { numbersAscend: true } : {}),
  };
}

const RI_FOUR = ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'];
const RI_TBG_FOUR = ['Outstanding', 'Good', 'Requires improvement to be good', 'Inadequate'];

/** Built-in frameworks: display name and scale. */
export const FRAMEWORKS: Readonly<Record<FrameworkId, FrameworkInfo>> = {
  slac: {
    name: 'Ofsted safeguarding and looked after children (2009-2013)',
    scale: scale('slac', 'Ofsted four-point scale (Outstanding, Good, Adequate, Inadequate)', OFSTED_2009),
  },
  sif: {
    name: 'Ofsted single inspection framework (2013-2017)',
    scale: scale('sif', 'Ofsted SIF scale', RI_FOUR),
  },
  ilacs: {
    name: "Ofsted inspection of local authority children's services (ILACS, 2018-)",
    scale: scale('ilacs', 'Ofsted ILACS scale', RI_TBG_FOUR),
  },
  'school-2005': {
    name: 'Ofsted school inspection (to August 2012)',
    scale: scale('school-2005', 'Ofsted school scale (to 2012)', [
      'Outstanding',
      'Good',
      'Satisfactory',
      'Inadequate',
    ]),
  },
  'school-2012': {
    name: 'Ofsted school inspection (September 2012 - August 2024)',
    scale: scale('school-2012', 'Ofsted school scale (2012-2024)', RI_FOUR),
  },
  'report-card': {
    name: 'Ofsted report card (November 2025-)',
    scale: scale(
      'report-card',
      'Ofsted report card scale',
      ['Exceptional', 'Strong standard', 'Expected standard', 'Needs attention', 'Urgent improvement'],
      'none',
    ),
  },
  'area-send': {
    name: 'Area SEND inspection (2023-)',
    scale: scale(
      'area-send',
      'Area SEND outcomes',
      [
        [
          'Positive experiences and outcomes',
          'Arrangements typically lead to positive experiences and outcomes',
        ],
        [
          'Inconsistent experiences and outcomes',
          'Arrangements lead to inconsistent experiences and outcomes',
        ],
        ['Widespread and/or systemic failings', 'There are widespread and/or systemic failings'],
      ],
      'none',
    ),
  },
  'social-care': {
    name: 'Ofsted social care common inspection framework (SCCIF)',
    scale: scale('social-care', 'Ofsted SCCIF scale', RI_TBG_FOUR),
  },
  cqc: {
    name: 'Care Quality Commission',
    scale: scale('cqc', 'CQC ratings', RI_FOUR, 'none'),
  },
  estyn: {
    name: 'Estyn (2010-2022)',
    scale: scale('estyn', 'Estyn judgements', ['Excellent', 'Good', 'Adequate', 'Unsatisfactory']),
  },
  ciw: {
    name: 'Care Inspectorate Wales (2025-)',
    scale: scale(
      'ciw',
      'Care Inspectorate Wales ratings',
      ['Excellent', 'Good', 'Requires improvement', 'Requires significant improvement'],
      'none',
    ),
  },
  'care-inspectorate-scotland': {
    name: 'Care Inspectorate (Scotland)',
    scale: scale(
      'care-inspectorate-scotland',
      'Care Inspectorate six-point scale',
      ['Excellent', 'Very good', 'Good', 'Adequate', 'Weak', 'Unsatisfactory'],
      'descending',
    ),
  },
  letter: {
    name: 'Inspection letter (no grades)',
    scale: scale('letter', 'No grading scale', []),
  },
  unknown: {
    name: 'Unrecognised report type',
    scale: scale('unknown', 'Ofsted four-point scale', RI_FOUR),
  },
};

/** Every grade spelling any built-in scale knows, lower case; used to spot grades from the wrong scale. */
export const ALL_GRADE_WORDS: readonly string[] = (() => {
  const words = new Set<string>();
  for (const info of Object.values(FRAMEWORKS)) {
    if (info.scale.id === 'area-send') continue;
    for (const entry of info.scale.entries) for (const alias of entry.aliases) words.add(alias);
  }
  words.add('satisfactory');
  return [...words].sort((a, b) => b.length - a.length);
})();

/** Builds a scale from a user's setting. */
export function userScale(user: UserScale): Scale {
  const anyNumbers = user.grades.some((g) => g.number !== undefined);
  return {
    id: `user:${user.name}`,
    name: user.name,
    source: 'user',
    entries: user.grades.map((g, i) => ({
      label: g.label,
      rank: i + 1,
      ...(anyNumbers && g.number !== undefined ? { number: g.number } : {}),
      ...(g.description ? { description: g.description } : {}),
      aliases: aliasesOf(g.label),
    })),
  };
}

/** A declared scale: labels best first with their numbers and meanings as the report states them. */
export function declaredScale(
  items: readonly { label: string; number?: number; description?: string }[],
  declaration: { start: number; end: number },
): Scale {
  return {
    id: 'declared',
    name: `Declared in the report (${items.map((i) => i.label).join(', ')})`,
    source: 'declared',
    declaration,
    entries: items.map((item, i) => ({
      label: item.label,
      rank: i + 1,
      ...(item.number !== undefined ? { number: item.number } : {}),
      ...(item.description ? { description: item.description } : {}),
      aliases: aliasesOf(item.label),
    })),
  };
}

/** Finds the scale entry a grade phrase names, by label or alias; undefined when not on the scale. */
export function entryForPhrase(scaleToSearch: Scale, phrase: string): ScaleEntry | undefined {
  return entriesByAlias(scaleToSearch).get(fold(phrase.toLowerCase()));
}

/** Each scale's entries by alias (the first entry with an alias wins), made when first asked for. */
const BY_ALIAS = new WeakMap<Scale, ReadonlyMap<string, ScaleEntry>>();

function entriesByAlias(scale: Scale): ReadonlyMap<string, ScaleEntry> {
  let byAlias = BY_ALIAS.get(scale);
  if (!byAlias) {
    const made = new Map<string, ScaleEntry>();
    for (const entry of scale.entries)
      for (const alias of entry.aliases) if (!made.has(alias)) made.set(alias, entry);
    BY_ALIAS.set(scale, made);
    byAlias = made;
  }
  return byAlias;
}

/** The entry a grade number names on this scale. */
export function entryForNumber(scaleToSearch: Scale, number: number): ScaleEntry | undefined {
  return scaleToSearch.entries.find((e) => e.number === number);
}

/** A grade as outlines and summaries show it: `Inadequate (4)`, or the label alone on unnumbered scales. */
export function gradeDetail(entry: ScaleEntry): string {
  return entry.number !== undefined ? `${entry.label} (${entry.number})` : entry.label;
}
