import type {
  ContentsEntry,
  Evidence,
  Finding,
  Judgement,
  LineIndex,
  OutlineNode,
  ReportModel,
  SummaryTable,
} from './model';
import { moveAll, type OffsetMap, withSpanMoved } from './offsetMap';
import { lineIndex, type LineOffsets } from './text';

/*
 * A model and its findings moved over an edited text: every offset after the edit shifted by the
 * edit's length (an {@link OffsetMap}), objects that do not move kept as they are, so that what
 * compares them by identity (the symbols handler, the diagnostics cache) sees them unchanged.
 */

/** A line index over the edited text: the lines after `line` moved by `delta`, `line` itself longer or shorter. */
export function movedLineIndex(offsets: LineOffsets, line: number, length: number, delta: number): LineIndex {
  const starts = offsets.starts.slice();
  const ends = offsets.ends.slice();
  for (let i = line + 1; i < starts.length; i++) (starts[i] as number) += delta;
  for (let i = line; i < ends.length; i++) (ends[i] as number) += delta;
  return lineIndex(length, starts, ends);
}

function moveNode(node: OutlineNode, map: OffsetMap): OutlineNode {
  const span = map.span(node.span);
  const selectionSpan = map.span(node.selectionSpan);
  const children = moveAll(node.children, (child) => moveNode(child, map));
  if (span === node.span && selectionSpan === node.selectionSpan && children === node.children) return node;
  return { ...node, span, selectionSpan, children };
}

function moveEvidence(evidence: Evidence, map: OffsetMap): Evidence {
  const span = map.span(evidence.span);
  const gradeSpan = map.span(evidence.gradeSpan);
  return span === evidence.span && gradeSpan === evidence.gradeSpan
    ? evidence
    : { ...evidence, span, gradeSpan };
}

function moveJudgement(judgement: Judgement, map: OffsetMap): Judgement {
  const span = map.span(judgement.span);
  const evidence = moveAll(judgement.evidence, (e) => moveEvidence(e, map));
  return span === judgement.span && evidence === judgement.evidence
    ? judgement
    : { ...judgement, span, evidence };
}

function moveTable(table: SummaryTable, map: OffsetMap): SummaryTable {
  return {
    ...table,
    span: map.span(table.span),
    rows: table.rows.map((row) => ({
      ...row,
      span: map.span(row.span),
      ...(row.gradeSpan ? { gradeSpan: map.span(row.gradeSpan) } : {}),
    })),
  };
}

function moveContents(entry: ContentsEntry, map: OffsetMap): ContentsEntry {
  return {
    ...entry,
    span: map.span(entry.span),
    ...(entry.target ? { target: map.span(entry.target) } : {}),
  };
}

/** The finding with its offsets (and its related places' and fixes') moved. */
export function moveFinding(finding: Finding, map: OffsetMap): Finding {
  const span = map.span(finding.span);
  const related = moveAll(finding.related, (r) => withSpanMoved(r, map));
  const fixes = moveAll(finding.fixes, (f) => withSpanMoved(f, map));
  return span === finding.span && related === finding.related && fixes === finding.fixes
    ? finding
    : { ...finding, span, related, fixes };
}

/** The model with its offsets moved, over the new text and a line index whose lines after `line` moved. */
export function moveModel(
  model: ReportModel,
  map: OffsetMap,
  text: string,
  line: number,
  offsets: LineOffsets,
): ReportModel {
  const tables = model.tables.map((t) => moveTable(t, map));
  const primary = model.table ? tables[model.tables.indexOf(model.table)] : undefined;
  const { table, ...rest } = model;
  void table;
  return {
    ...rest,
    text,
    lines: movedLineIndex(offsets, line, text.length, text.length - model.text.length),
    scale: model.scale.declaration
      ? { ...model.scale, declaration: map.span(model.scale.declaration) }
      : model.scale,
    outline: model.outline.map((n) => moveNode(n, map)),
    judgements: model.judgements.map((j) => moveJudgement(j, map)),
    contents: model.contents.map((c) => moveContents(c, map)),
    parts: model.parts.map((p) => withSpanMoved(p, map)),
    tables,
    ...(primary ? { table: primary } : {}),
  };
}
