import { findContents } from './contents';
import { findDeclaredScale } from './declaredScale';
import { makeDoc } from './document';
import { makeEditBasis, withEditBasis } from './edits';
import { detectFramework, readTitleBlock } from './framework';
import { gradeVocabulary } from './grades';
import { findHeadings, findHeadline, type Heading } from './headings';
import { linkJudgements, type PartInfo } from './judgements';
import type {
  AnalyseOptions,
  Analysis,
  ContentsEntry,
  Finding,
  FrameworkId,
  ReportModel,
  Scale,
  SummaryTable,
  UserScale,
} from './model';
import { forgetNames, nameKey, prepareName, similarity } from './names';
import { buildOutline, headingLevels } from './outline';
import { LineSet } from './lineSet';
import { scanDebris } from './pages';
import { findProseStatements } from './prose';
import { gradeLabelMismatch } from './rules/gradeLabelMismatch';
import { gradeUnknown } from './rules/gradeUnknown';
import { limitingJudgements } from './rules/limitingJudgement';
import { statementMismatches } from './rules/statementMismatch';
import type { RuleContext } from './rules/context';
import { declaredScale, FRAMEWORKS, userScale } from './scales';
import { findTables } from './tables';
import { splitLines } from './text';

const DEFAULT_MAX_OUTLINE = 5000;

/**
 * Parses a report's text into a {@link ReportModel} and checks it. Pure and synchronous; never
 * throws: whatever the input, it returns a model (possibly empty) and findings.
 */
export function analyse(text: string, options: AnalyseOptions = {}): Analysis {
  const input = typeof text === 'string' ? text : '';
  try {
    return analyseUnsafe(input, options);
  } catch (error) {
    forgetNames();
    return emptyAnalysis(
      input,
      `The report could not be analysed (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

function chooseScale(
  framework: FrameworkId,
  declared: Scale | undefined,
  text: string,
  options: AnalyseOptions,
): Scale {
  const users = options.userScales ?? [];
  if (options.framework?.startsWith('user:')) {
    const wanted = options.framework.slice(5);
    const found = users.find((u) => u.name === wanted);
    if (found) return userScale(found);
  }
  const matching = users.find(
    (u: UserScale) => u.whenTextContains && text.toLowerCase().includes(u.whenTextContains.toLowerCase()),
  );
  if (matching) return userScale(matching);
  if (declared) return declared;
  return FRAMEWORKS[framework].scale;
}

function analyseUnsafe(text: string, options: AnalyseOptions): Analysis {
  const lines = splitLines(text);
  const { debris, notes } = scanDebris(lines);
  const block = readTitleBlock(lines.all);
  const detected = detectFramework(lines.all, block, text);
  const forced =
    options.framework && !options.framework.startsWith('user:')
      ? (options.framework as FrameworkId)
      : undefined;
  const framework: FrameworkId = forced && Object.hasOwn(FRAMEWORKS, forced) ? forced : detected;

  const declaration = findDeclaredScale(lines.all);
  const declared = declaration
    ? declaredScale(
        declaration.grades.map((g) => ({
          label: g.label,
          number: g.number,
          ...(g.description ? { description: g.description } : {}),
        })),
        declaration.span,
      )
    : undefined;
  const scale = chooseScale(framework, declared, text, options);
  const doc = makeDoc(lines, debris, gradeVocabulary(scale));
  if (declaration) for (const line of declaration.lines) doc.consumed.add(line);

  const contentsReach = { line: 0 };
  const contents = findContents(doc, contentsReach);
  const headline = findHeadline(doc);
  const tables = findTables(doc);
  // Ungraded lines of the title block (dates, inspector, address) are not sections.
  const firstNumbered = doc.kinds.findIndex((k) => k === 'numbered');
  const bodyStart = Math.min(
    contents?.heading ?? Number.MAX_SAFE_INTEGER,
    tables[0]?.firstLine ?? Number.MAX_SAFE_INTEGER,
    firstNumbered >= 0 ? firstNumbered : Number.MAX_SAFE_INTEGER,
  );
  const bodyFrom = bodyStart === Number.MAX_SAFE_INTEGER ? Math.max(0, block.titleLine) : bodyStart;
  const headings = [...(headline ? [headline] : []), ...findHeadings(doc)].filter(
    (h) => h.grade || h.kind === 'part' || h.first >= bodyFrom,
  );
  const headingLines = new LineSet(lines.all.length);
  for (const h of headings) for (let i = h.first; i <= h.end; i++) headingLines.add(i);
  const prose = findProseStatements(doc, headingLines);

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
  const sectionEnds = headings.map((_, i) => headings[i + 1]?.span.start ?? text.length);

  const linked = linkJudgements({
    scale,
    framework,
    headings,
    tables,
    prose: prose.statements,
    parts: partInfos,
    sectionEnds,
    paragraphStarts: prose.paragraphStarts,
    lineOf: (offset) => lines.positionAt(offset).line,
  });
  const judgements = linked.judgements.map((j) =>
    j.partIndex >= parts.length ? { ...j, part: '', partIndex: -1 } : j,
  );

  const context: RuleContext = {
    text,
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

  const titleLine = block.titleLine >= 0 ? lines.all[block.titleLine] : undefined;
  const maxNodes = options.maxOutlineNodes ?? DEFAULT_MAX_OUTLINE;
  const { outline, truncated } = buildOutline({
    text,
    title: block.title,
    subject: block.subject,
    ...(titleLine ? { titleSpan: { start: titleLine.start, end: titleLine.end } } : {}),
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
    : lines.all.some((l) => l.end - l.start > 100_000)
      ? 'Some lines are extremely long (over 100,000 characters); they were read as prose only.'
      : undefined;

  const model: ReportModel = {
    text,
    lines: lines.index,
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
      span: headings.find((h) => h.span.start === p.start)?.span ?? { start: p.start, end: p.start },
    })),
    tables: summaryTables,
    ...(primary ? { table: primary } : {}),
    ...(limitNote ? { limitNote } : {}),
  };
  findings.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
  forgetNames();
  const basis = makeEditBasis({
    options,
    framework,
    forced: forced !== undefined && framework === forced,
    block,
    // Title block (60 lines), framework (80), headline (40), contents list, and where the body starts.
    headUntil: Math.max(HEAD_LINES, contentsReach.line + 1, bodyFrom + 1),
    consumed: doc.consumed,
    tables,
    headings,
    debris,
    notes,
    lineCount: lines.all.length,
  });
  return withEditBasis({ model, findings }, basis);
}

/** The top of a report, read by the passes over its title block and framework wording. */
const HEAD_LINES = 85;

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

function emptyAnalysis(text: string, note: string): Analysis {
  const lines = splitLines(text);
  const scale = FRAMEWORKS.unknown.scale;
  return {
    model: {
      text,
      lines: lines.index,
      title: '',
      subject: '',
      framework: 'unknown',
      frameworkName: FRAMEWORKS.unknown.name,
      scale,
      outline: [],
      judgements: [],
      contents: [],
      parts: [],
      tables: [],
      limitNote: note,
    },
    findings: [
      {
        code: 'analysis-limit',
        severity: 'information',
        span: { start: 0, end: Math.min(text.length, 1) },
        message: note,
        related: [],
        fixes: [],
      },
    ],
  };
}
