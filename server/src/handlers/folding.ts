import { type FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import { textReaderOf } from '../core/edits';
import type { OutlineNode, ReportModel } from '../core/model';

/**
 * A folding region for every outline node that spans more than one line (parts, sections, tables,
 * the contents list...). Trailing blank lines are not folded; at most one range starts on a line
 * (the outermost); never a range whose end line is not after its start line.
 */
export function foldingRanges(model: ReportModel): FoldingRange[] {
  // Read through the pieces an edit left, if any: the text need not be copied together for this.
  const text = textReaderOf(model);
  const { lines } = model;
  const ranges: FoldingRange[] = [];
  const startLines = new Set<number>();
  const visit = (node: OutlineNode): void => {
    let last = Math.min(node.span.end, text.length) - 1;
    while (last > node.span.start && /\s/.test(text.slice(last, last + 1))) last--;
    const startLine = lines.positionAt(node.span.start).line;
    const endLine = lines.positionAt(Math.max(last, node.span.start)).line;
    if (endLine > startLine && !startLines.has(startLine)) {
      startLines.add(startLine);
      ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
    }
    for (const child of node.children) visit(child);
  };
  for (const node of model.outline) visit(node);
  return ranges;
}
