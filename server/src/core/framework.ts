import type { FrameworkId } from './model';
import { cleanLine, endBeforeBlanks, fold, type TextLines } from './text';

/** Title block facts: report type, subject and the year it speaks of. */
export interface TitleBlock {
  readonly title: string;
  readonly titleLine: number;
  readonly subject: string;
  readonly year?: number;
}

/** A title-block line (folded) that is the report's title. */
export const TITLE =
  /^(?:(?:re-?)?inspection of\b|school report\b|annual unannounced inspection\b|area send\b|joint area send\b|focused visit\b|inspection report\b|.*\binspection report$)/i;
/** A title-block line (folded) that names who was inspected. */
export const SUBJECT =
  /^[A-Z][A-Za-z.'&() -]{2,70}\b(?:County Council|Borough Council|City Council|Metropolitan Borough Council|District Council|Council|School|Academy|College|Trust|Partnership)$/;

/** A title-block line's text, white space folded; only its first 300 characters matter here. */
function textOf(clean: string | undefined): string {
  const text = clean ?? '';
  return fold(text.length > TITLE_LINE_CHARS ? text.slice(0, TITLE_LINE_CHARS) : text);
}

/** How much of each title-block line {@link textOf} reads. */
const TITLE_LINE_CHARS = 300;

/**
 * Each wording a {@link YEAR} match starts with holds one of these words; searched for in the raw
 * text, they find the lines that may give the year.
 */
const YEAR_WORDS = /inspect|publish/gi;
/** The year a title-block line gives, after the words saying what it is the year of. */
const YEAR = /\b(?:inspection dates?|inspected|published|report published)\b[^\n]{0,60}?\b(19|20)(\d\d)\b/i;

/**
 * The first lines' folded texts ({@link textOf}), each made when first asked for, and what their
 * first and last characters rule out without making them: most lines of a title block are none of
 * the things looked for, and folding them all had been half of reading it.
 */
class HeadTexts {
  private readonly texts: (string | undefined)[];

  constructor(
    private readonly lines: TextLines,
    readonly count: number,
  ) {
    this.texts = new Array<string | undefined>(count);
  }

  /** Line `h`'s folded text. */
  at(h: number): string {
    return (this.texts[h] ??= textOf(cleanLine(this.lines, h)));
  }

  /** False when line `h`'s folded text is certainly empty. */
  hasText(h: number): boolean {
    return this.lines.lead[h] !== this.lines.tail[h];
  }

  /**
   * The codes of line `h`'s folded text's first and last characters, when they are those of the
   * whole line (its clean text is no longer than {@link textOf} reads); `undefined` otherwise.
   */
  ends(h: number): { first: number; last: number } | undefined {
    const { lines } = this;
    if ((lines.ends[h] ?? 0) - (lines.starts[h] ?? 0) > TITLE_LINE_CHARS) return undefined;
    return { first: lines.firstCodes[h] ?? 0, last: lines.lastCodes[h] ?? 0 };
  }
}

/** Could line `h` match {@link TITLE}? Its first letter starts one of the titles, or its last ends `inspection report`. */
function mayBeTitle(head: HeadTexts, h: number): boolean {
  const ends = head.ends(h);
  if (!ends) return true;
  const first = ends.first | 32;
  return (
    first === 97 ||
    first === 102 ||
    first === 105 ||
    first === 106 ||
    first === 114 ||
    first === 115 ||
    (ends.last | 32) === 116
  );
}

/** Could line `h` match {@link SUBJECT}? It starts with a capital and ends as one of its kinds of body does. */
function mayBeSubject(head: HeadTexts, h: number): boolean {
  const ends = head.ends(h);
  if (!ends) return true;
  const { first, last } = ends;
  return (
    first >= 65 &&
    first <= 90 &&
    (last === 108 || last === 121 || last === 101 || last === 116 || last === 112)
  );
}

/** The first line of the head whose folded text holds {@link YEAR}'s match, and that match. */
function yearIn(lines: TextLines, head: HeadTexts): RegExpExecArray | null {
  if (head.count === 0) return null;
  // Lines start in the first 3,000 characters, and only their first 300 are read.
  const last = head.count - 1;
  const region = Math.min(lines.ends[last] ?? 0, (lines.starts[last] ?? 0) + TITLE_LINE_CHARS);
  const text = lines.text.length > region ? lines.text.slice(0, region) : lines.text;
  YEAR_WORDS.lastIndex = 0;
  let h = 0;
  while (YEAR_WORDS.test(text)) {
    const at = YEAR_WORDS.lastIndex;
    while (h < last && (lines.ends[h] ?? 0) < at) h++;
    const match = YEAR.exec(head.at(h));
    if (match) return match;
    // On from the next line: this one is answered.
    if (h === last) break;
    YEAR_WORDS.lastIndex = lines.starts[++h] ?? 0;
  }
  return null;
}

/** Reads the title block from the first lines of the report. */
export function readTitleBlock(lines: TextLines): TitleBlock {
  // The first 60 lines that start in the first 3,000 characters (line h of the head is line h).
  let headCount = Math.min(lines.lineCount, 60);
  while (headCount > 0 && (lines.starts[headCount - 1] ?? 0) >= 3000) headCount--;
  const head = new HeadTexts(lines, headCount);
  let title = '';
  let titleLine = -1;
  for (let h = 0; h < headCount; h++) {
    if (!head.hasText(h) || !mayBeTitle(head, h)) continue;
    const text = head.at(h);
    if (text.length > 0 && text.length <= 200 && TITLE.test(text)) {
      title = text;
      titleLine = h;
      // A title wrapped over the next line(s).
      for (let k = 1; k <= 2; k++) {
        const next = textOf(cleanLine(lines, h + k));
        if (!next || next.length > 80 || /:/.test(next) || /^(and|review)\b/i.test(next)) break;
        if (/^[a-z]/.test(next) || /\b(of|and|for|in|the)$/i.test(title)) title = `${title} ${next}`;
        else break;
      }
      break;
    }
  }
  if (!title) {
    let first = -1;
    for (let h = 0; h < headCount && first < 0; h++) {
      const length = head.hasText(h) ? head.at(h).length : 0;
      if (length > 0 && length <= 200) first = h;
    }
    title = first >= 0 ? head.at(first) : '';
    titleLine = first;
  }
  let subject = '';
  const fromTitle = /^(?:re-?)?inspection of (.+?)(?:['’]s)? children['’]s (?:social care )?services$/i.exec(
    title,
  );
  if (fromTitle && !/^(local authority|safeguarding|looked after|services)/i.test(fromTitle[1] ?? '')) {
    subject = (fromTitle[1] ?? '').trim();
  }
  if (!subject) {
    for (let h = 0; h < headCount; h++) {
      if (h === titleLine || !head.hasText(h) || !mayBeSubject(head, h)) continue;
      const text = head.at(h);
      if (SUBJECT.test(text) && !/^(the|this|copy|dear)\b/i.test(text)) {
        subject = text;
        break;
      }
    }
  }
  if (!subject && titleLine >= 0) {
    // The line under (or over) the title naming who was inspected: "South Gloucestershire".
    for (const k of [titleLine + 1, titleLine + 2, titleLine - 1, titleLine - 2]) {
      const text = textOf(cleanLine(lines, k));
      if (
        text &&
        text.length <= 60 &&
        !/[:.,]/.test(text) &&
        !/\d/.test(text) &&
        /^[A-Z]/.test(text) &&
        !TITLE.test(text)
      ) {
        subject = text;
        break;
      }
    }
  }
  const yearMatch = yearIn(lines, head);
  const year = yearMatch ? Number(`${yearMatch[1]}${yearMatch[2]}`) : undefined;
  return { title, titleLine, subject, ...(year !== undefined ? { year } : {}) };
}

/**
 * The wording the framework tests look for in a report's head, one group per kind, found in one
 * scan ({@link wordingIn}) instead of a search per test: on a short report those searches were a
 * third of its analysis. A test runs its own pattern (anchors, word boundaries) only when its words
 * are there. No two groups can match at the same place except `children's home` (9) and
 * `children's ` (11), and the one test that group 11 stands for cannot match at `children's home`.
 */
const HEAD_WORDING = new RegExp(
  [
    'care quality commission|cqc inspection report|rating for this (?:service|location)',
    'estyn',
    'care inspectorate|arolygiaeth gofal cymru',
    'report card',
    'area send|special educational needs and/or disabilit|send arrangements',
    'annual unannounced inspection|focused visit|dear',
    'judgement\\s+grade',
    'school report',
    "children's home|social care common inspection framework|residential (?:special )?school",
    'services for children in need of help and protection',
    "children['’‘]s ",
  ]
    .map((words) => `(${words})`)
    .join('|'),
  'g',
);

/** Bit `1 << g` for each group `g` of {@link HEAD_WORDING} found somewhere in `head`. */
function wordingIn(head: string): number {
  let found = 0;
  HEAD_WORDING.lastIndex = 0;
  for (let match = HEAD_WORDING.exec(head); match !== null; match = HEAD_WORDING.exec(head)) {
    for (let g = 1; g < match.length; g++) {
      if (match[g] !== undefined) {
        found |= 1 << g;
        break;
      }
    }
    // On from the next character, not the match's end: a later group may start inside this match.
    HEAD_WORDING.lastIndex = match.index + 1;
  }
  return found;
}

/** How many of a report's first lines {@link detectFramework} reads. */
export const FRAMEWORK_HEAD_LINES = 80;

/** How many of a report's first characters {@link detectFramework} searches for wording. */
export const FRAMEWORK_BODY_CHARS = 400_000;

/** How many characters of a report's first lines {@link detectFramework} reads, at most. */
export const FRAMEWORK_HEAD_CHARS = 8_000;

/**
 * The lines of the head {@link detectFramework} reads: each of the first
 * {@link FRAMEWORK_HEAD_LINES} cut to its first 400 characters, spaces and tabs ending it dropped,
 * and whole lines only, up to {@link FRAMEWORK_HEAD_CHARS} in all. A report's head is its title
 * block and first paragraphs (1.4–6.5 KB in the seeds and corpus); where lines are whole
 * paragraphs (an article, say) the first 80 would be most of the text.
 */
function headLines(lines: readonly string[]): string[] {
  const head: string[] = [];
  let chars = 0;
  for (let i = 0; i < lines.length && i < FRAMEWORK_HEAD_LINES; i++) {
    const clean = lines[i] as string;
    const cut = clean.length > 400 ? clean.slice(0, 400) : clean;
    const line = cut.slice(0, endBeforeBlanks(cut));
    chars += line.length + 1;
    if (chars > FRAMEWORK_HEAD_CHARS) break;
    head.push(line);
  }
  return head;
}

/**
 * Detects the report family from its title block and wording (DOMAIN.md section 1); `lines` are
 * the clean texts of the report's first lines (at most {@link FRAMEWORK_HEAD_LINES} are read, and
 * {@link FRAMEWORK_HEAD_CHARS} characters of them: {@link headLines}).
 */
export function detectFramework(lines: readonly string[], block: TitleBlock, text: string): FrameworkId {
  // Lines joined, a line break and the blanks around it made one space where the next line goes on
  // in lower case or with a comma. Spaces and tabs ending a line are dropped before the join (no
  // pattern below looks for them), so the join needs no search for blanks before each break.
  const head = headLines(lines)
    .join('\n')
    .toLowerCase()
    .replace(/\n[ \t]*(?=[a-z,])/g, ' ');
  const title = block.title.toLowerCase();
  // Wording anywhere in the first characters, matched without a lower-cased copy.
  const body = text.length > FRAMEWORK_BODY_CHARS ? text.slice(0, FRAMEWORK_BODY_CHARS) : text;
  const says = (pattern: RegExp) => pattern.test(body);
  if (/safeguarding and looked after children services|looked after children services/.test(title))
    return 'slac';
  const found = wordingIn(head);
  const has = (group: number) => (found & (1 << group)) !== 0;
  if (has(10)) return 'sif';
  if (
    has(1) &&
    /^care quality commission|\bcqc inspection report\b|^(?:our|overall) rating for this (?:service|location)/m.test(
      head,
    )
  )
    return 'cqc';
  if (has(2) && /\bestyn\b/.test(head)) return 'estyn';
  if (has(3) && /care inspectorate wales|arolygiaeth gofal cymru/.test(head)) return 'ciw';
  if (has(3) && head.includes('care inspectorate') && says(/scotland/i)) return 'care-inspectorate-scotland';
  if (has(4)) return 'report-card';
  if (has(5)) return 'area-send';
  if (has(6) && /annual unannounced inspection|focused visit|^dear\b|\ndear\b/.test(head) && !has(7))
    return 'letter';
  if (/school report/.test(title) || (has(8) && /^school report/m.test(head))) {
    if (says(/satisfactory/i) && !says(/requires improvement/i)) return 'school-2005';
    return (block.year ?? 2013) < 2012 ? 'school-2005' : 'school-2012';
  }
  if (has(9)) return 'social-care';
  if (
    has(11) &&
    /inspection of (local authority )?children's (social care )?services|children's services/.test(
      head.replace(/[’‘]/g, "'"),
    ) &&
    says(/the (impact of leaders|experiences and progress of children)/i)
  )
    return 'ilacs';
  if (says(/inspection of safeguarding and looked after children/i)) return 'slac';
  if (says(/requires? improvement to be good/i) && says(/experiences and progress/i)) return 'ilacs';
  if (says(/grade\s*[1-4]\s*\((outstanding|good|adequate|inadequate)\)/i)) return 'slac';
  return 'unknown';
}
