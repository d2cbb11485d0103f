import { type PassResults, passResults } from './assemble';
import type { ContentsList } from './contents';
import type { Heading } from './headings';
import type { Span } from './model';
import { moveAll, OffsetMap, type OffsetMove, withSpanMoved } from './offsetMap';
import type { ProseStatement } from './prose';
import type { ParsedTable } from './tables';

/*
 * The passes' results (assemble.ts, PassResults) carried across an edit inside one line: moved
 * whole when the edit changes nothing the passes find, or spliced when it changes what they find
 * near the edited line (a heading's name or grade, a sentence's grade). The later stages then run
 * again over the spliced results (edits.ts).
 */

/** What the passes that read single lines and their neighbours found in a window of lines. */
export interface WindowFinds {
  readonly headings: readonly Heading[];
  readonly statements: readonly ProseStatement[];
  readonly paragraphStarts: readonly number[];
}

/** A window of lines, and the offset of its first line (the same before and after the edit). */
export interface WindowPlace {
  readonly first: number;
  readonly lines: number;
  readonly from: number;
}

/**
 * Lines at each end of a window whose finds are not spliced in: a pass reading near the window's
 * edge may see less of the report than the whole analysis did.
 */
const EDGE_LINES = 10;

/** One kind of item the passes find: where it starts, and how to move it. */
interface ItemKind<T> {
  /** The line the item starts at (lists are in this order). */
  key(item: T): number;
  /** The item from window lines and offsets to the report's. */
  place(item: T, lines: number, offset: number): T;
  /** The item over the edited text; the same object when nothing moved. */
  move(item: T, map: OffsetMap): T;
}

function add(span: Span, offset: number): Span {
  return { start: span.start + offset, end: span.end + offset };
}

function moveHeading(heading: Heading, map: OffsetMap): Heading {
  const grade = heading.grade;
  if (!grade) return withSpanMoved(heading, map);
  const span = map.span(heading.span);
  const gradeSpan = map.span(grade.span);
  const statementSpan = map.span(grade.statementSpan);
  if (span === heading.span && gradeSpan === grade.span && statementSpan === grade.statementSpan)
    return heading;
  return { ...heading, span, grade: { ...grade, span: gradeSpan, statementSpan } };
}

const HEADINGS: ItemKind<Heading> = {
  key: (heading) => heading.first,
  place: (heading, lines, offset) => ({
    ...heading,
    first: heading.first + lines,
    last: heading.last + lines,
    end: heading.end + lines,
    span: add(heading.span, offset),
    ...(heading.grade
      ? {
          grade: {
            ...heading.grade,
            span: add(heading.grade.span, offset),
            statementSpan: add(heading.grade.statementSpan, offset),
          },
        }
      : {}),
  }),
  move: moveHeading,
};

const STATEMENTS: ItemKind<ProseStatement> = {
  key: (statement) => statement.line,
  place: (statement, lines, offset) => ({
    ...statement,
    line: statement.line + lines,
    paragraphLine: statement.paragraphLine + lines,
    span: add(statement.span, offset),
    gradeSpan: add(statement.gradeSpan, offset),
  }),
  move: (statement, map) => {
    const span = map.span(statement.span);
    const gradeSpan = map.span(statement.gradeSpan);
    return span === statement.span && gradeSpan === statement.gradeSpan
      ? statement
      : { ...statement, span, gradeSpan };
  },
};

const LINE_NUMBERS: ItemKind<number> = {
  key: (line) => line,
  place: (line, lines) => line + lines,
  move: (line) => line,
};

function moveTable(table: ParsedTable, map: OffsetMap): ParsedTable {
  const span = map.span(table.span);
  const rows = moveAll(table.rows, (row) => {
    const moved = {
      ...row,
      nameSpan: map.span(row.nameSpan),
      span: map.span(row.span),
      ...(row.grade ? { grade: { ...row.grade, span: map.span(row.grade.span) } } : {}),
    };
    const same =
      moved.nameSpan === row.nameSpan && moved.span === row.span && moved.grade?.span === row.grade?.span;
    return same ? row : moved;
  });
  return span === table.span && rows === table.rows ? table : { ...table, span, rows };
}

function moveContents(contents: ContentsList, map: OffsetMap): ContentsList {
  return {
    ...contents,
    span: map.span(contents.span),
    entries: moveAll(contents.entries, (entry) => withSpanMoved(entry, map)),
  };
}

/** The results of the passes that read the whole report (edits near them are refused), moved. */
function moveWholeReportFinds(passes: PassResults, map: OffsetMap): PassResults {
  return passResults(passes, {
    contents: passes.contents ? moveContents(passes.contents, map) : undefined,
    headline: passes.headline ? moveHeading(passes.headline, map) : undefined,
    tables: moveAll(passes.tables, (table) => moveTable(table, map)),
    titleSpan: passes.titleSpan ? map.span(passes.titleSpan) : undefined,
  });
}

/** The passes' results with every offset moved by `map`; unchanged parts are the same objects. */
export function movePasses(passes: PassResults, map: OffsetMap): PassResults {
  return passResults(moveWholeReportFinds(passes, map), {
    scanned: moveAll(passes.scanned, (heading) => moveHeading(heading, map)),
    statements: moveAll(passes.statements, (statement) => STATEMENTS.move(statement, map)),
  });
}

/** The passes' results moved by each of `moves` in turn (edits made since they were found). */
export function moveThrough(passes: PassResults, moves: readonly OffsetMove[]): PassResults {
  let moved = passes;
  for (const move of moves) moved = movePasses(moved, new OffsetMap(move.low, move.high, move.delta));
  return moved;
}

/** True when both lists hold the same items, field by field. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

/**
 * One list of the passes' results after the edit: the items in the window's inner lines from the
 * window's new finds, the others moved. Undefined unless the window's old finds outside its inner
 * lines are its new ones moved (the edit changed nothing there), and its old finds inside them are
 * the report's own (the window reads those lines as the whole analysis did).
 */
function spliceList<T>(
  report: readonly T[],
  old: readonly T[],
  now: readonly T[],
  kind: ItemKind<T>,
  window: WindowPlace,
  map: OffsetMap,
): T[] | undefined {
  const innerFirst = window.first + EDGE_LINES;
  const innerEnd = window.first + window.lines - EDGE_LINES;
  const inner = (item: T) => kind.key(item) >= innerFirst && kind.key(item) < innerEnd;
  const oldFinds = old.map((item) => kind.place(item, window.first, window.from));
  const newFinds = now.map((item) => kind.place(item, window.first, window.from));
  const oldOuter = oldFinds.filter((item) => !inner(item)).map((item) => kind.move(item, map));
  if (
    !sameItems(
      oldOuter,
      newFinds.filter((item) => !inner(item)),
    )
  )
    return undefined;
  let a = 0;
  while (a < report.length && kind.key(report[a] as T) < innerFirst) a++;
  let b = a;
  while (b < report.length && kind.key(report[b] as T) < innerEnd) b++;
  if (!sameItems(report.slice(a, b), oldFinds.filter(inner))) return undefined;
  const move = (item: T) => kind.move(item, map);
  return [...report.slice(0, a).map(move), ...newFinds.filter(inner), ...report.slice(b).map(move)];
}

/**
 * The passes' results after an edit inside line `line` (of the report before the edit, `passes`)
 * from what the line-local passes found in a window around it before (`old`) and after (`now`)
 * the edit, or undefined when the difference is not confined to the window's inner lines.
 */
export function splicePasses(
  passes: PassResults,
  old: WindowFinds,
  now: WindowFinds,
  window: WindowPlace,
  line: number,
  map: OffsetMap,
): PassResults | undefined {
  if (line < window.first + EDGE_LINES || line >= window.first + window.lines - EDGE_LINES) return undefined;
  const scanned = spliceList(passes.scanned, old.headings, now.headings, HEADINGS, window, map);
  const statements = spliceList(passes.statements, old.statements, now.statements, STATEMENTS, window, map);
  const paragraphStarts = spliceList(
    passes.paragraphStarts,
    old.paragraphStarts,
    now.paragraphStarts,
    LINE_NUMBERS,
    window,
    map,
  );
  if (!scanned || !statements || !paragraphStarts) return undefined;
  return passResults(moveWholeReportFinds(passes, map), { scanned, statements, paragraphStarts });
}
