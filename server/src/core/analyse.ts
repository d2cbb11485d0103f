import { assemble, bodyHeadings, headingLineSet, type PassResults } from './assemble';
import { findContents } from './contents';
import { findDeclaredScale } from './declaredScale';
import { makeDoc } from './document';
import { makeEditBasis, withEditBasis } from './edits';
import { detectFramework, FRAMEWORK_HEAD_LINES, readTitleBlock } from './framework';
import { gradeVocabulary } from './grades';
import { findHeadline, scanHeadings } from './headings';
import type { AnalyseOptions, Analysis, FrameworkId, Scale, UserScale } from './model';
import { scanDebris } from './pages';
import { findProseStatements } from './prose';
import { declaredScale, FRAMEWORKS, userScale } from './scales';
import { findTables } from './tables';
import { hasLineLongerThan, cleanLines, splitLines } from './text';

/**
 * Parses a report's text into a {@link ReportModel} and checks it. Pure and synchronous; never
 * throws: whatever the input, it returns a model (possibly empty) and findings.
 */
export function analyse(text: string, options: AnalyseOptions = {}): Analysis {
  const input = typeof text === 'string' ? text : '';
  try {
    return analyseUnsafe(input, options);
  } catch (error) {
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
  const block = readTitleBlock(lines);
  const detected = detectFramework(cleanLines(lines, FRAMEWORK_HEAD_LINES), block, text);
  const forced =
    options.framework && !options.framework.startsWith('user:')
      ? (options.framework as FrameworkId)
      : undefined;
  const framework: FrameworkId = forced && Object.hasOwn(FRAMEWORKS, forced) ? forced : detected;

  const declaration = findDeclaredScale(lines);
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
  const scanned = scanHeadings(doc);
  const titleLine = block.titleLine >= 0 && block.titleLine < lines.lineCount ? block.titleLine : -1;
  const headings = bodyHeadings({ headline, scanned, bodyFrom });
  const headingLines = headingLineSet(headings, lines.lineCount);
  const prose = findProseStatements(doc, headingLines);
  // In the order of `passResults`, which makes every other PassResults: one hidden class for all.
  const passes: PassResults = {
    block,
    framework,
    scale,
    contents,
    headline,
    tables,
    scanned,
    bodyFrom,
    statements: prose.statements,
    paragraphStarts: prose.paragraphStarts,
    overlong: hasLineLongerThan(lines, 100_000),
    titleSpan:
      titleLine >= 0 ? { start: lines.starts[titleLine] ?? 0, end: lines.ends[titleLine] ?? 0 } : undefined,
  };
  const analysis = assemble(text, lines.index, passes, options, headings);

  const basis = makeEditBasis({
    options,
    forced: forced !== undefined && framework === forced,
    // Title block (60 lines), framework (80), headline (40), contents list, and where the body starts.
    headUntil: Math.max(HEAD_LINES, contentsReach.line + 1, bodyFrom + 1),
    consumed: doc.consumed,
    headingLines,
    debris,
    notes,
    lineCount: lines.lineCount,
    passes,
  });
  return withEditBasis(analysis, basis);
}

/** The top of a report, read by the passes over its title block and framework wording. */
const HEAD_LINES = 85;

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
