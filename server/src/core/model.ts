/**
 * The report model: what `analyse` produces from a report's text. Plain data, no methods except
 * on {@link LineIndex}; offsets are UTF-16 code-unit offsets into the analysed text, half-open.
 * LSP positions and 1-based CLI lines are derived from these by the adapters.
 */

/** A half-open range `[start, end)` of offsets into the analysed text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where a grade was stated. */
export type EvidenceSource = 'grade-line' | 'heading' | 'table' | 'prose';

/** One step of a grading scale. `rank` 1 is the best grade. */
export interface ScaleEntry {
  /** The scale's own label, e.g. `Requires improvement to be good`. */
  readonly label: string;
  readonly rank: number;
  /** The grade number the scale gives this label (`Grade 4`), when it numbers its grades. */
  readonly number?: number;
  /** What the grade means, from the report's declaration when it has one. */
  readonly description?: string;
  /** Other spellings accepted for this grade, lower case (`requires improvement`, `require improvement`). */
  readonly aliases: readonly string[];
}

/** A grading scale, best grade first. */
export interface Scale {
  /** Stable id: a framework id, `declared`, or `user:<name>`. */
  readonly id: string;
  readonly name: string;
  readonly source: 'declared' | 'framework' | 'user';
  readonly entries: readonly ScaleEntry[];
  /** Where the report declares its scale, when it does. */
  readonly declaration?: Span;
  /** The grade numbers run from worst to best (Care Inspectorate Scotland: 6 Excellent). */
  readonly numbersAscend?: boolean;
}

/** Report families (frameworks) the analyser recognises. */
export type FrameworkId =
  | 'slac'
  | 'sif'
  | 'ilacs'
  | 'school-2005'
  | 'school-2012'
  | 'report-card'
  | 'area-send'
  | 'social-care'
  | 'cqc'
  | 'estyn'
  | 'ciw'
  | 'care-inspectorate-scotland'
  | 'letter'
  | 'unknown';

/** One place where a judgement's grade is stated. */
export interface Evidence {
  readonly source: EvidenceSource;
  /** The whole statement: the grade line, heading, table row or sentence. */
  readonly span: Span;
  /** The grade words alone (`Grade 4 (inadequate)`, `requires improvement to be good`). */
  readonly gradeSpan: Span;
  /** The grade as written, whitespace folded. */
  readonly text: string;
  /** How the judgement is named at this place (heading, row name or sentence subject). */
  readonly statedName: string;
  /** The scale entry the grade words resolve to; undefined when they are not on the report's scale. */
  readonly grade: ScaleEntry | undefined;
  /** The grade number as written (`Grade 2 (...)`), when there is one. */
  readonly statedNumber?: number;
  /** The label as written, when a number and a label are both stated. */
  readonly statedLabel?: string;
}

/** How a judgement takes part in the framework's rules linking grades. */
export type JudgementRole = 'overall' | 'key' | 'practice' | 'leaders' | 'sub' | 'previous';

/** A judgement: one graded aspect of the service, with every place its grade is stated. */
export interface Judgement {
  /** Unique within one analysis, stable across identical text. */
  readonly id: string;
  /** Display name: the heading's wording when the body has one, else the table's or sentence's. */
  readonly name: string;
  /** Heading of the part the judgement belongs to; empty when the report has no parts. */
  readonly part: string;
  readonly partIndex: number;
  /** The authoritative grade: grade line or heading, else table row, else prose. */
  readonly grade: ScaleEntry | undefined;
  /** Every statement of this judgement, in document order. */
  readonly evidence: readonly Evidence[];
  /** True when every statement resolves to the same grade. */
  readonly agrees: boolean;
  /** The judgement's primary place (section heading, else table row, else sentence). */
  readonly span: Span;
  readonly role: JudgementRole;
}

/** Kinds of outline node, mapped to LSP symbol kinds by the server. */
export type OutlineKind =
  'title' | 'contents' | 'part' | 'section' | 'subsection' | 'judgement' | 'table' | 'scale' | 'note';

/** A node of the report's outline (document symbols, folding, breadcrumbs). */
export interface OutlineNode {
  readonly name: string;
  readonly kind: OutlineKind;
  /** Grade shown beside the name, e.g. `Inadequate (4)`. */
  readonly detail?: string;
  /** From the heading to the end of its content. */
  readonly span: Span;
  /** The heading (or row, or sentence) itself. */
  readonly selectionSpan: Span;
  readonly children: readonly OutlineNode[];
  readonly judgementId?: string;
}

/** A contents-list entry and the heading it points to. */
export interface ContentsEntry {
  readonly name: string;
  readonly page?: number;
  readonly span: Span;
  /** The body heading this entry names, when found. */
  readonly target?: Span;
}

/** One row of the summary table. */
export interface TableRow {
  readonly name: string;
  readonly span: Span;
  /** Grade words as written; undefined for a group row. */
  readonly gradeText?: string;
  readonly gradeSpan?: Span;
  readonly judgementId?: string;
}

/** The report's summary table (Record of main findings, Judgement / Grade table). */
export interface SummaryTable {
  readonly title: string;
  readonly span: Span;
  readonly layout: 'tab' | 'pipe' | 'columns' | 'cells' | 'colon';
  readonly rows: readonly TableRow[];
}

/** Stable diagnostic codes; scripts depend on these strings. */
export type FindingCode =
  | 'grade-label-mismatch'
  | 'grade-unknown'
  | 'record-mismatch'
  | 'prose-mismatch'
  | 'limiting-judgement'
  | 'analysis-limit';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A place related to a finding. */
export interface RelatedPlace {
  readonly span: Span;
  readonly message: string;
}

/** A safe text replacement offered as a quick fix. */
export interface TextFix {
  readonly title: string;
  readonly span: Span;
  readonly newText: string;
}

/** A problem the checks found. */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly related: readonly RelatedPlace[];
  readonly fixes: readonly TextFix[];
}

/** Converts offsets to line/character positions (both 0-based). */
export interface LineIndex {
  readonly lineCount: number;
  positionAt(offset: number): { line: number; character: number };
  offsetAt(position: { line: number; character: number }): number;
  lineStart(line: number): number;
  /** End of the line's text, before its line break. */
  lineEnd(line: number): number;
}

/** Everything `analyse` learnt about one report. */
export interface ReportModel {
  readonly text: string;
  readonly lines: LineIndex;
  /** Report type from the title block, e.g. `Inspection of safeguarding and looked after children services`. */
  readonly title: string;
  /** Who or what was inspected, e.g. `Nottinghamshire County Council`. */
  readonly subject: string;
  readonly framework: FrameworkId;
  readonly frameworkName: string;
  readonly scale: Scale;
  readonly outline: readonly OutlineNode[];
  readonly judgements: readonly Judgement[];
  readonly contents: readonly ContentsEntry[];
  readonly parts: readonly { readonly name: string; readonly span: Span }[];
  /** The main summary table (the one with most rows), when the report has one. */
  readonly table?: SummaryTable;
  /** Every summary-style table found, in document order. */
  readonly tables: readonly SummaryTable[];
  /** Set when the input was too large or odd to analyse fully; says what was left out. */
  readonly limitNote?: string;
}

/** The result of {@link analyse}. */
export interface Analysis {
  readonly model: ReportModel;
  readonly findings: readonly Finding[];
}

/** A grading scale supplied in settings. */
export interface UserScale {
  readonly name: string;
  /** Labels best first, each with an optional grade number and meaning. */
  readonly grades: readonly {
    readonly label: string;
    readonly number?: number;
    readonly description?: string;
  }[];
  /** Use this scale for reports whose text contains this phrase (case-insensitive). */
  readonly whenTextContains?: string;
}

/** Options for {@link analyse}. */
export interface AnalyseOptions {
  readonly userScales?: readonly UserScale[];
  /** Force a framework (or `user:<name>` scale) instead of detecting it. */
  readonly framework?: FrameworkId | `user:${string}`;
  /** Largest number of outline nodes to produce; more are dropped with a note. */
  readonly maxOutlineNodes?: number;
}
