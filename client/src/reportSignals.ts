/**
 * A cheap textual test of whether a plain-text document looks like an inspection report, used to
 * switch `plaintext` documents to the report language. It is deliberately not a parser: it looks for
 * a handful of phrases that inspection reports and inspectorate letters carry and that other text
 * rarely does, and asks for at least two distinct ones. No vscode import, so it is unit-tested.
 *
 * Decisions (see test/unit/reportSignals.test.ts):
 * - Reports (grade lines, judgement tables, "Record of main findings", a title block with
 *   inspection dates) and inspectorate letters (focused visits, unannounced inspections: "This
 *   letter summarises the findings", "Areas for priority action") are detected.
 * - A news article about an inspection (seed 004) is not: it names the inspectorate once and states
 *   grades only in prose, which is no stronger than any press release. Users who want such text
 *   analysed set the language by hand (or name the file `*.report.txt`).
 * - A council briefing that borrows the report title but has no inspection dates or grades
 *   (seed 002) is not.
 */

/** How much of a document is examined: enough for a title block and the first pages. */
export const DETECTION_WINDOW = 64 * 1024;

/** Lines from the top (blank lines not counted) that make up the "title block". */
const HEAD_LINES = 30;

/** Longest line considered as a heading or table row; longer lines are prose. */
const MAX_SHORT_LINE = 160;

/** Minimum number of distinct signals for a document to count as a report. */
export const SIGNAL_THRESHOLD = 2;

/** The name of one kind of evidence that a text is an inspection report. */
export type ReportSignal =
  | 'grade-line'
  | 'record-of-main-findings'
  | 'judgements-explained'
  | 'judgement-table'
  | 'summary-row'
  | 'heading-grade'
  | 'title-and-dates'
  | 'inspectorate'
  | 'letter-findings'
  | 'improvement-heading'
  | 'visit-title'
  | 'outcome-heading'
  | 'overall-judgement'
  | 'grade-rows';

const GRADE_WORD =
  '(?:outstanding|good|adequate|inadequate|satisfactory|requires improvement(?: to be good)?)';

interface LineSignal {
  readonly signal: ReportSignal;
  readonly pattern: RegExp;
  /** Only tested on lines of at most {@link MAX_SHORT_LINE} characters (headings, table rows). */
  readonly shortLinesOnly: boolean;
}

/** Signals that may occur anywhere in the window, tested line by line. */
const LINE_SIGNALS: readonly LineSignal[] = [
  // `Grade 4 (inadequate)`, `**Grade 3 (Adequate)**`, and the scale rows `Good (Grade 2)`.
  {
    signal: 'grade-line',
    pattern: /\bGrade [1-6] ?\( ?[A-Za-z]|\b[A-Z][a-z]+ \(Grade [1-6]\)/,
    shortLinesOnly: false,
  },
  {
    signal: 'judgements-explained',
    pattern: /\bThe inspection judgements and what they mean\b/i,
    shortLinesOnly: false,
  },
  {
    signal: 'letter-findings',
    pattern: /\bThis letter (?:contains|summarises|sets out|reports) (?:the|our) (?:main )?findings\b/i,
    shortLinesOnly: false,
  },
  { signal: 'record-of-main-findings', pattern: /^\W{0,4}Record of main findings\b/i, shortLinesOnly: true },
  // `Judgement   Grade`, `| Judgement | Grade |`, `Judgement<TAB>Grade`.
  { signal: 'judgement-table', pattern: /^\W{0,4}Judgements?[ \t|]+Grades?\W{0,4}$/i, shortLinesOnly: true },
  // `Overall effectiveness<TAB>Inadequate`, `| Overall effectiveness | Good |`, pdftotext columns.
  {
    signal: 'summary-row',
    pattern: new RegExp(`^\\W{0,4}Overall effectiveness(?:\\t| {2,}| ?\\| ?)\\W{0,2}${GRADE_WORD}\\b`, 'i'),
    shortLinesOnly: true,
  },
  // `The experiences and progress of children in care: good`, `protection: requires improvement`.
  {
    signal: 'heading-grade',
    pattern: new RegExp(`^[^.]{0,150}: ${GRADE_WORD}\\W{0,4}$`, 'i'),
    shortLinesOnly: true,
  },
  // Letters and reports: `Areas for priority action`, `What needs to improve in this area ...?`.
  {
    signal: 'improvement-heading',
    pattern:
      /^\W{0,4}(?:Areas? for (?:priority action|development|improvement)\W{0,4}$|What needs to improve\b)/i,
    shortLinesOnly: true,
  },
  // Letter titles: `Focused visit to Birmingham children’s services`.
  {
    signal: 'visit-title',
    pattern:
      /^(?:Focused visit to|Monitoring visit to|Annual unannounced inspection of|Joint targeted area inspection)\b/i,
    shortLinesOnly: false,
  },
  // `Inspection outcome` (area SEND), `The inspection outcomes: safeguarding services` (SLAC parts).
  { signal: 'outcome-heading', pattern: /^\W{0,4}(?:The )?inspection outcomes?\b/i, shortLinesOnly: true },
  // SIF: `The overall judgement is requires improvement`, `Children’s services in Kent are good`.
  {
    signal: 'overall-judgement',
    pattern:
      /^(?:The overall judgement is\b|Children['\u2019]s services in [^.]{1,60} (?:are|is|requires?) )/i,
    shortLinesOnly: true,
  },
];

/** A table row ending in a grade: `2.1 Adoption performance     Good`, `| Partnership working | Good |`. */
const GRADE_ROW = new RegExp(`^[\\w|].{0,120}(?:\\t| {2,}|\\|) ?${GRADE_WORD}\\W{0,4}$`, 'i');
/** Rows needed for the `grade-rows` signal: one could be chance, a table has several. */
const GRADE_ROWS_NEEDED = 2;

/** Names of inspectorates, looked for in the title block. */
const INSPECTORATE =
  /\b(?:Ofsted|Estyn|Care Quality Commission|Care Inspectorate|HMI Probation|(?:His|Her) Majesty['\u2019]s Inspector)/i;
/** A report or letter title, looked for in the title block. */
const TITLE = /\b(?:inspection of|inspection report|school report|report card|focused visit to)\b/i;
/** The `Inspection dates:` line of a title block. */
const DATES = /^\W{0,4}Inspection dates?\b/i;
/** The two cells of a judgement table's header, each on its own line (reading-order extraction). */
const TABLE_HEADER_FIRST = /^Judgements?$/i;
const TABLE_HEADER_SECOND = /^Grades?$/i;

/**
 * The distinct report signals found in the first {@link DETECTION_WINDOW} characters of `text`.
 * Runs in time linear in the window: every regular expression is applied to one line at a time and
 * none has nested quantifiers.
 */
export function findReportSignals(text: string): Set<ReportSignal> {
  const found = new Set<ReportSignal>();
  const lines = text.slice(0, DETECTION_WINDOW).split(/\r\n|[\n\r\f\v]/);
  let headLines = 0;
  let title = false;
  let dates = false;
  let previous = '';
  let gradeRows = 0;
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '') continue;
    if (headLines < HEAD_LINES) {
      headLines++;
      if (INSPECTORATE.test(line)) found.add('inspectorate');
      title ||= TITLE.test(line);
      dates ||= DATES.test(line);
      if (title && dates) found.add('title-and-dates');
    }
    const short = line.length <= MAX_SHORT_LINE;
    for (const { signal, pattern, shortLinesOnly } of LINE_SIGNALS) {
      if ((short || !shortLinesOnly) && !found.has(signal) && pattern.test(line)) found.add(signal);
    }
    if (short && gradeRows < GRADE_ROWS_NEEDED && GRADE_ROW.test(line) && ++gradeRows === GRADE_ROWS_NEEDED) {
      found.add('grade-rows');
    }
    if (TABLE_HEADER_SECOND.test(line) && TABLE_HEADER_FIRST.test(previous)) found.add('judgement-table');
    previous = line;
  }
  return found;
}

/** Whether `text` looks like an inspection report: at least {@link SIGNAL_THRESHOLD} distinct signals. */
export function looksLikeInspectionReport(text: string): boolean {
  return findReportSignals(text).size >= SIGNAL_THRESHOLD;
}
