import type { ContentsList } from './contents';
import type { TitleBlock } from './framework';
import { type Heading, withGroupParts } from './headings';
import { linkJudgements, type PartInfo } from './judgements';
import { LineSet } from './lineSet';
import type {
  AnalyseOptions,
  Analysis,
  ContentsEntry,
  Finding,
  FrameworkId,
  LineIndex,
  ReportModel,
  Scale,
  Span,
  SummaryTable,
} from './model';
import { nameKey, prepareName, similarity } from './names';
import { buildOutline, headingLevels } from './outline';
import type { ProseStatement } from './prose';
import { gradeLabelMismatch } from './rules/gradeLabelMismatch';
import { gradeUnknown } from './rules/gradeUnknown';
import { limitingJudgements } from './rules/limitingJudgement';
import { statementMismatches } from './rules/statementMismatch';
import type { RuleContext } from './rules/context';
import type { TextReader } from './pieceText';
import { FRAMEWORKS } from './scales';
import type { ParsedTable } from './tables';

const DEFAULT_MAX_OUTLINE = 5000;

/**
 * What the passes over a report's lines find: everything the later stages (linking, rules,
 * outline) read. An edit inside one line changes these only near that line (core/edits.ts).
 */
export interface PassResults {
  readonly block: TitleBlock;
  readonly framework: FrameworkId;
  readonly scale: Scale;
  readonly contents: ContentsList | undefined;
  readonly headline: Heading | undefined;
  readonly tables: readonly ParsedTable[];
  /** The headings as the scan finds them, before {@link withGroupParts}. */
  readonly scanned: readonly Heading[];
  /** The first line of the body: ungraded headings before it are not sections. */
  readonly bodyFrom: number;
  readonly statements: readonly ProseStatement[];
  readonly paragraphStarts: readonly number[];
  /** Some line is over 100,000 characters long (read as prose only). */
  readonly overlong: boolean;
  /** The title's line, when the title block has one. */
  readonly titleSpan: Span | undefined;
}

/**
 * `{ ...base, ...changes }` with its properties always made in one order, so that every
 * {@link PassResults} (of a whole analysis or of an edit) has one hidden class: the later stages
 * read these objects many times, and a spread takes V8's slow path of copying an object and gives
 * another class.
 */
export function passResults(base: PassResults, changes: Partial<PassResults> = {}): PassResults {
  const pick = <K extends keyof PassResults>(key: K): PassResults[K] =>
    Object.hasOwn(changes, key) ? (changes[key] as PassResults[K]) : base[key];
  return {
    block: pick('block'),
    framework: pick('framework'),
    scale: pick('scale'),
    contents: pick('contents'),
    headline: pick('headline'),
    tables: pick('tables'),
    scanned: pick('scanned'),
    bodyFrom: pick('bodyFrom'),
    statements: pick('statements'),
    paragraphStarts: pick('paragraphStarts'),
    overlong: pick('overlong'),
    titleSpan: pick('titleSpan'),
  };
}

/** The headings the report's sections are made of: the headline, then the scanned headings in the body. */
export function bodyHeadings(passes: Pick<PassResults, 'headline' | 'scanned' | 'bodyFrom'>): Heading[] {
  const { headline, bodyFrom } = passes;
  return [...(headline ? [headline] : []), ...withGroupParts(passes.scanned)].filter(
    (h) => h.grade || h.kind === 'part' || h.first >= bodyFrom,
  );
}

/** The lines of `headings`, from each one's first line to its grade line, in a report of `lineCount` lines. */
export function headingLineSet(headings: readonly Heading[], lineCount: number): LineSet {
  const marks = new Uint8Array(Math.max(0, lineCount));
  for (const h of headings) marks.fill(1, h.first, Math.min(lineCount, h.end + 1));
  return new LineSet(lineCount, marks);
}

/**
 * The later stages of an analysis: links the passes' headings, tables and sentences into
 * judgements, checks them, and builds the outline and the model of `text` (whose line index is
 * `lines`). `headings` are the passes' {@link bodyHeadings}, when the caller has them already;
 * `reader` reads `text` (a `PieceText` of it reads only what is asked, where `text` may be a
 * string not yet copied together).
 */
export function assemble(
  text: string,
  lines: LineIndex,
  passes: PassResults,
  options: AnalyseOptions,
  headings: readonly Heading[] = bodyHeadings(passes),
  reader: TextReader = text,
): Analysis {
  const { block, framework, scale, contents, tables } = passes;
  const headingAt = new Map<number, Heading>();
  for (const h of headings) if (!headingAt.has(h.span.start)) headingAt.set(h.span.start, h);
  const parts: PartInfo[] = headings
    .filter((h) => h.kind === 'part')
    .map((h) => ({ name: h.name, start: h.span.start }));
  const levels = headingLevels(headings, contents);
  // A top-level section after the parts (Record of main findings) ends the last part.
  const closing = headings.find(
    (h, i) =>
      (levels[i] ?? 2) === 1 &&
      h.kind !== 'part' &&
      parts.length > 0 &&
      h.span.start > (parts[parts.length - 1]?.start ?? 0),
  );
  const partInfos = closing ? [...parts, { name: '', start: closing.span.start }] : parts;
  const sectionEnds = headings.map((_, i) => headings[i + 1]?.span.start ?? reader.length);

  const linked = linkJudgements({
    scale,
    framework,
    headings,
    tables,
    prose: passes.statements,
    parts: partInfos,
    sectionEnds,
    paragraphStarts: passes.paragraphStarts,
    lineOf: (offset) => lines.positionAt(offset).line,
  });
  const judgements = linked.judgements.map((j) =>
    j.partIndex >= parts.length ? { ...j, part: '', partIndex: -1 } : j,
  );

  const context: RuleContext = {
    text: reader,
    scale,
    framework,
    judgements,
    lineOf: (offset) => lines.positionAt(offset).line + 1,
  };
  const findings: Finding[] = [
    ...gradeLabelMismatch.check(context),
    ...gradeUnknown.check(context),
    ...statementMismatches(context),
    ...limitingJudgements(context),
  ];

  const maxNodes = options.maxOutlineNodes ?? DEFAULT_MAX_OUTLINE;
  const { outline, truncated } = buildOutline({
    text: reader,
    title: block.title,
    subject: block.subject,
    ...(passes.titleSpan ? { titleSpan: passes.titleSpan } : {}),
    headings: headings.filter((h) => h.first !== block.titleLine),
    levels: levels.filter((_, i) => headings[i]?.first !== block.titleLine),
    ...(contents ? { contents } : {}),
    tables,
    judgements,
    rowJudgement: linked.rowJudgement,
    maxNodes,
  });

  // Entries point at headings in order: the second "Overall effectiveness" entry finds the second heading.
  let searchFrom = contents?.lastLine ?? 0;
  let headingKeys: string[] | undefined;
  const contentsEntries: ContentsEntry[] = (contents?.entries ?? []).map((entry) => {
    const found = findTarget(
      headings,
      (headingKeys ??= headings.map((h) => nameKey(h.name))),
      entry.name,
      searchFrom,
    );
    if (found) searchFrom = found.first;
    const target = found?.span;
    return {
      name: entry.name,
      ...(entry.page !== undefined ? { page: entry.page } : {}),
      span: entry.span,
      ...(target ? { target } : {}),
    };
  });

  const summaryTables: SummaryTable[] = tables.map((t) => ({
    title: t.title,
    span: t.span,
    layout: t.layout,
    rows: t.rows.map((r) => {
      const id = linked.rowJudgement.get(r);
      return {
        name: r.name,
        span: r.span,
        ...(r.grade ? { gradeText: r.grade.text, gradeSpan: r.grade.span } : {}),
        ...(id ? { judgementId: id } : {}),
      };
    }),
  }));
  const primary = [...summaryTables].sort((a, b) => b.rows.length - a.rows.length)[0];

  const limitNote = truncated
    ? `The outline was cut at ${maxNodes} entries; the report has more.`
    : passes.overlong
      ? 'Some lines are extremely long (over 100,000 characters); they were read as prose only.'
      : undefined;

  const model: ReportModel = {
    text,
    lines,
    title: block.title,
    subject: block.subject,
    framework,
    frameworkName: FRAMEWORKS[framework].name,
    scale,
    outline,
    judgements,
    contents: contentsEntries,
    parts: parts.map((p) => ({
      name: p.name,
      span: headingAt.get(p.start)?.span ?? { start: p.start, end: p.start },
    })),
    tables: summaryTables,
    ...(primary ? { table: primary } : {}),
    ...(limitNote ? { limitNote } : {}),
  };
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  return { model, findings };
}

function findTarget(
  headings: readonly Heading[],
  headingKeys: readonly string[],
  name: string,
  after: number,
) {
  const key = nameKey(name);
  const keys = headings.map((h, i) => (h.first > after ? (headingKeys[i] ?? '') : ''));
  let index = keys.findIndex((k) => k !== '' && k === key);
  if (index < 0)
    index = keys.findIndex((k) => k !== '' && (k.startsWith(key) || (key.startsWith(k) && k.length > 8)));
  if (index < 0) {
    const tokens = prepareName(name);
    index = headings.findIndex((h, i) => keys[i] !== '' && similarity(prepareName(h.name), tokens) >= 0.85);
  }
  return index >= 0 ? headings[index] : undefined;
}
