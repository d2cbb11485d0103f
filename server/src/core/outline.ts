import type { ContentsList } from './contents';
import type { Heading } from './headings';
import type { Judgement, OutlineKind, OutlineNode, Span } from './model';
import { nameKey, prepareName, similarity } from './names';
import { gradeDetail } from './scales';
import type { ParsedTable } from './tables';
import type { TextReader } from './pieceText';
import { contentEnd } from './text';

/** A node under construction. */
interface Building {
  name: string;
  kind: OutlineKind;
  detail?: string;
  span: { start: number; end: number };
  selectionSpan: Span;
  children: Building[];
  judgementId?: string;
  level: number;
}

/** Inputs to {@link buildOutline}. */
export interface OutlineInput {
  /** The report's text (only its length and the ends of sections are read). */
  readonly text: TextReader;
  readonly title: string;
  readonly subject: string;
  readonly titleSpan?: Span;
  readonly headings: readonly Heading[];
  readonly levels: readonly number[];
  readonly contents?: ContentsList;
  readonly tables: readonly ParsedTable[];
  readonly judgements: readonly Judgement[];
  readonly rowJudgement: ReadonlyMap<unknown, string>;
  readonly maxNodes: number;
}

/** The grade shown beside a judgement's name. */
export function judgementDetail(judgement: Judgement): string {
  if (judgement.grade)
    return gradeDetail(judgement.grade) + (judgement.agrees ? '' : ' ⚠ statements disagree');
  const first = judgement.evidence[0];
  return first ? `${first.text} (not on the scale)` : '';
}

/** Builds the outline: title, contents, parts, sections, judgements and tables, nested by position. */
export function buildOutline(input: OutlineInput): { outline: OutlineNode[]; truncated: boolean } {
  const { text, headings, judgements } = input;
  const byStart = new Map<number, Judgement>();
  for (const j of judgements) byStart.set(j.span.start, j);
  const judgementsById = new Map(judgements.map((j) => [j.id, j]));
  const nodes: Building[] = [];

  if (input.titleSpan && input.title) {
    nodes.push({
      name: input.title,
      kind: 'title',
      ...(input.subject ? { detail: input.subject } : {}),
      span: { ...input.titleSpan },
      selectionSpan: input.titleSpan,
      children: [],
      level: 0,
    });
  }
  if (input.contents) {
    nodes.push({
      name: 'Contents',
      kind: 'contents',
      span: { ...input.contents.span },
      selectionSpan: { start: input.contents.span.start, end: input.contents.span.start + 8 },
      children: [],
      level: 0,
    });
  }

  // Headings nest by level; each runs to the next heading at its level or above.
  const sectionNodes: Building[] = [];
  const ends = nestedSectionEnds(headings, input.levels, text.length);
  headings.forEach((heading, h) => {
    const level = input.levels[h] ?? 2;
    const judgement = byStart.get(heading.span.start);
    const end = ends[h] ?? text.length;
    const node: Building = {
      name: heading.kind === 'headline' ? 'Overall effectiveness' : heading.name,
      kind: heading.kind === 'part' ? 'part' : level >= 3 ? 'subsection' : 'section',
      span: {
        start: heading.span.start,
        end: contentEnd(text, heading.span.start, Math.min(end, text.length)),
      },
      selectionSpan: heading.span,
      children: [],
      level,
      ...(judgement ? { detail: judgementDetail(judgement), judgementId: judgement.id } : {}),
    };
    sectionNodes.push(node);
  });

  // Judgements stated away from a heading of their own: under the section holding their first sentence.
  const judgementNodes: Building[] = [];
  const headingStarts = new Set(headings.map((h) => h.span.start));
  for (const j of judgements) {
    if (byStart.has(j.span.start) && headingStarts.has(j.span.start)) continue;
    const prose = j.evidence.find((e) => e.source === 'prose');
    if (!prose) continue;
    judgementNodes.push({
      name: j.name,
      kind: 'judgement',
      detail: judgementDetail(j),
      span: { ...prose.span },
      selectionSpan: prose.span,
      children: [],
      judgementId: j.id,
      level: 9,
    });
  }

  const tableNodes: Building[] = input.tables.map((table) =>
    tableNode(table, judgementsById, input.rowJudgement),
  );

  const all = [...sectionNodes, ...judgementNodes, ...tableNodes].sort(
    (a, b) => a.span.start - b.span.start || a.level - b.level,
  );
  let count = nodes.length;
  let truncated = false;
  const stack: Building[] = [];
  for (const node of all) {
    if (count >= input.maxNodes) {
      truncated = true;
      break;
    }
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as Building;
      const inside =
        node.span.start >= top.span.start && node.span.start < top.span.end && node.level > top.level;
      if (inside) break;
      stack.pop();
    }
    const parent = stack[stack.length - 1];
    // A table under a heading of the same name ("Record of main findings") needs no second title.
    if (parent && node.kind === 'table' && nameKey(parent.name) === nameKey(node.name))
      node.name = 'Summary table';
    if (parent) {
      parent.children.push(node);
      if (node.span.end > parent.span.end) node.span.end = parent.span.end;
    } else nodes.push(node);
    count += 1 + countAll(node.children);
    if (node.kind !== 'judgement' && node.kind !== 'table') stack.push(node);
  }
  nodes.sort((a, b) => a.span.start - b.span.start);
  return { outline: nodes.map(freeze), truncated };
}

/**
 * Where each heading's section ends: at the start of the next heading at its level or above, else
 * at `textLength`. One pass from the end, keeping the headings not yet closed on a stack.
 */
function nestedSectionEnds(
  headings: readonly Heading[],
  levels: readonly number[],
  textLength: number,
): number[] {
  const ends = new Array<number>(headings.length);
  const open: number[] = [];
  for (let h = headings.length - 1; h >= 0; h--) {
    const level = levels[h] ?? 2;
    while (open.length > 0 && (levels[open[open.length - 1] as number] ?? 2) > level) open.pop();
    const next = open[open.length - 1];
    ends[h] = next === undefined ? textLength : (headings[next] as Heading).span.start;
    open.push(h);
  }
  return ends;
}

function countAll(children: readonly Building[]): number {
  let n = 0;
  for (const c of children) n += 1 + countAll(c.children);
  return n;
}

function tableNode(
  table: ParsedTable,
  byId: ReadonlyMap<string, Judgement>,
  rowJudgement: ReadonlyMap<unknown, string>,
): Building {
  const node: Building = {
    name: table.title,
    kind: 'table',
    span: { ...table.span },
    selectionSpan: { start: table.span.start, end: Math.min(table.span.end, table.span.start + 1) },
    children: [],
    level: 8,
  };
  let group: Building | undefined;
  for (const row of table.rows) {
    if (!row.grade) {
      group = {
        name: row.name,
        kind: 'subsection',
        span: { ...row.span },
        selectionSpan: row.nameSpan,
        children: [],
        level: 9,
      };
      node.children.push(group);
      continue;
    }
    const id = rowJudgement.get(row);
    const judgement = id ? byId.get(id) : undefined;
    const child: Building = {
      name: row.name,
      kind: 'judgement',
      detail: judgement ? judgementDetail(judgement) : row.grade.text,
      span: { ...row.span },
      selectionSpan: row.nameSpan,
      children: [],
      level: 10,
      ...(id ? { judgementId: id } : {}),
    };
    if (group) {
      group.children.push(child);
      group.span.end = Math.max(group.span.end, child.span.end);
    } else node.children.push(child);
  }
  return node;
}

function freeze(node: Building): OutlineNode {
  const start = node.span.start;
  const end = Math.max(node.span.end, node.selectionSpan.end, start);
  const selStart = Math.max(start, Math.min(node.selectionSpan.start, end));
  const selEnd = Math.max(selStart, Math.min(node.selectionSpan.end, end));
  const name = node.name || '(untitled)';
  const span = { start, end };
  const selectionSpan = { start: selStart, end: selEnd };
  const children = node.children.length === 0 ? [] : node.children.map(freeze);
  // Literals of fixed shapes, in the model's key order, instead of spreading optional keys.
  const frozen: { -readonly [K in keyof OutlineNode]: OutlineNode[K] } = node.detail
    ? { name, kind: node.kind, detail: node.detail, span, selectionSpan, children }
    : { name, kind: node.kind, span, selectionSpan, children };
  if (node.judgementId) frozen.judgementId = node.judgementId;
  return frozen;
}

/** Levels for headings: parts 1, sections 2, lettered contents entries 3; unnumbered contents entries close a part. */
const TOP_LEVEL =
  /^(record of main findings|about this inspection|service information|inspection judgements and what they mean|inspection judgements about|information about (this|the) (local authority|inspection)|what the inspection judgements mean)/;

export function headingLevels(headings: readonly Heading[], contents: ContentsList | undefined): number[] {
  const numbered = contents?.entries.some((e) => e.level >= 2) ?? false;
  const entries = (contents?.entries ?? []).map((e) => ({
    level: e.level,
    key: nameKey(e.name),
    tokens: prepareName(e.name),
  }));
  return headings.map((h) => {
    if (h.kind === 'part') return 1;
    const key = nameKey(h.name);
    if (TOP_LEVEL.test(key)) return 1;
    if (!numbered) return 2;
    const tokens = prepareName(h.name);
    const entry =
      entries.find((e) => e.key === key || key.startsWith(e.key)) ??
      entries.find((e) => similarity(e.tokens, tokens) >= 0.9);
    if (entry?.level === 3) return 3;
    if (entry?.level === 1) return 1;
    return 2;
  });
}
