import { oneLine } from './formatText';
import type { FindingView, OutlineView, ReportView } from './reportView';
import { createStyle, styleSeverity, type Style } from './style';
import { terminalSafe } from './terminal';

/** How `show` lays its output out. */
export interface ShowOptions {
  readonly style?: Style;
  /** Width to fit lines into; names are shortened with `…` to make room for grades. */
  readonly width?: number;
}

const INDENT = '  ';
const MIN_WIDTH = 60;
const MAX_WIDTH = 160;
/** Grades start no further right than this, so short names are not followed by long dot runs. */
const MAX_GRADE_COLUMN = 80;

/**
 * Formats one report for reading at a glance: the file, title, subject, framework and scale; the
 * outline as a tree with each judgement's grade after dot leaders; then the findings. Every string
 * from the report is made terminal-safe first. The block ends with a blank line; the whole output
 * is the blocks in order, then the summary line ({@link OutputWriter}).
 */
export function showReportBlock(report: ReportView, options: ShowOptions = {}): string {
  const style = options.style ?? createStyle(false);
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, options.width ?? 100));
  return showReport(terminalSafe(report), style, width).join('\n') + '\n\n';
}

function showReport(report: ReportView, style: Style, width: number): string[] {
  const out: string[] = [style.bold(style.cyan(report.file))];
  const field = (label: string, value: string): void => {
    if (value !== '') out.push(`${INDENT}${style.dim(label.padEnd(10))} ${value}`);
  };
  field('Title', style.bold(report.title));
  field('Subject', report.subject);
  field(
    'Framework',
    report.frameworkName === ''
      ? report.framework
      : `${report.frameworkName} ${style.dim(`[${report.framework}]`)}`,
  );
  const steps = report.scale.length;
  field(
    'Scale',
    report.scale.map((step) => gradeStyle(style, step.rank, steps)(step.detail)).join(style.dim(' · ')) ||
      style.dim('no grading scale'),
  );
  if (report.limitNote !== undefined) field('Note', style.yellow(report.limitNote));

  out.push('', ...outlineLines(report, style, width), ...otherJudgementLines(report, style, width));
  out.push('');
  if (report.findings.length === 0) out.push(`${INDENT}${style.green('no findings')}`);
  else out.push(...report.findings.flatMap((finding) => showFinding(finding, style)));
  return out;
}

/** The outline as a tree, judgements' grades after dot leaders. */
function outlineLines(report: ReportView, style: Style, width: number): string[] {
  if (report.outline.length === 0) return [`${INDENT}${style.dim('no outline')}`];
  const out: string[] = [];
  const column = gradeColumn(report.outline, width);
  const visit = (nodes: readonly OutlineView[], prefix: string): void => {
    nodes.forEach((node, index) => {
      const last = index === nodes.length - 1;
      const branch = `${INDENT}${prefix}${last ? '└─ ' : '├─ '}`;
      out.push(treeLine(branch, node, column, width, style, report.scale.length));
      visit(node.children, prefix + (last ? '   ' : '│  '));
    });
  };
  visit(report.outline, '');
  return out;
}

/** Judgements no outline node shows (e.g. graded only in prose), listed after the tree. */
function otherJudgementLines(report: ReportView, style: Style, width: number): string[] {
  const shown = new Set<string>();
  const collect = (nodes: readonly OutlineView[]): void =>
    nodes.forEach((node) => {
      if (node.judgement !== undefined) shown.add(node.judgement);
      collect(node.children);
    });
  collect(report.outline);
  const rows = report.judgements
    .filter((judgement) => !shown.has(judgement.id))
    .map((judgement) => ({
      name: judgement.part === '' ? judgement.name : `${judgement.name} (${judgement.part})`,
      detail: judgement.detail ?? 'no grade',
      rank: judgement.rank ?? undefined,
      line: judgement.line,
    }));
  if (rows.length === 0) return [];
  const detailWidth = Math.max(...rows.map((row) => row.detail.length));
  const nameWidth = Math.min(
    Math.max(...rows.map((row) => row.name.length)),
    width - INDENT.length * 2 - 14 - detailWidth,
  );
  const out = ['', `${INDENT}${style.bold('Other judgements')}`];
  for (const row of rows) {
    const name = truncateMiddle(row.name, nameWidth).padEnd(nameWidth);
    const paint = row.rank === undefined ? style.dim : gradeStyle(style, row.rank, report.scale.length);
    out.push(
      `${INDENT}${INDENT}${name}  ${paint(row.detail.padEnd(detailWidth))}  ${style.dim(`line ${row.line}`)}`,
    );
  }
  return out;
}

/** The column where grades start: after the longest name, within the width. */
function gradeColumn(nodes: readonly OutlineView[], width: number): number {
  let widest = 0;
  let widestDetail = 0;
  const measure = (list: readonly OutlineView[], depth: number): void => {
    for (const node of list) {
      if (node.detail !== undefined && node.judgement !== undefined) {
        widest = Math.max(widest, INDENT.length + 3 * (depth + 1) + node.name.length);
        widestDetail = Math.max(widestDetail, node.detail.length);
      }
      measure(node.children, depth + 1);
    }
  };
  measure(nodes, 0);
  return Math.min(widest + 4, width - widestDetail - 1, MAX_GRADE_COLUMN);
}

function treeLine(
  branch: string,
  node: OutlineView,
  column: number,
  width: number,
  style: Style,
  steps: number,
): string {
  const guide = style.dim(branch);
  const title = (text: string): string => (node.kind === 'part' ? style.bold(text) : text);
  if (node.detail === undefined) return guide + title(truncate(node.name, width - branch.length));
  if (node.judgement === undefined) {
    // A detail that is not a grade (the title's subject, a table's caption): after the name, dimmed.
    const name = truncate(node.name, Math.max(8, width - branch.length - node.detail.length - 3));
    return `${guide}${title(name)}  ${style.dim(truncate(node.detail, width - branch.length - name.length - 2))}`;
  }
  const name = truncateMiddle(node.name, Math.max(8, column - branch.length - 3));
  const dots = Math.max(2, column - branch.length - name.length - 2);
  const paint = node.rank === undefined ? style.dim : gradeStyle(style, node.rank, steps);
  return `${guide}${title(name)} ${style.dim('.'.repeat(dots))} ${paint(node.detail)}`;
}

function showFinding(finding: FindingView, style: Style): string[] {
  const where = `${finding.line}:${finding.column}`;
  const lines = [
    `${INDENT}${where.padEnd(8)} ${styleSeverity(style, finding.severity)} ${style.dim(finding.code)}`,
    `${INDENT}${' '.repeat(9)}${oneLine(finding.message)}`,
  ];
  for (const related of finding.related) {
    lines.push(
      `${INDENT}${' '.repeat(9)}${style.dim(`↳ ${related.line}:${related.column}`)} ${oneLine(related.message)}`,
    );
  }
  return lines;
}

/** Best grades green, the worst red, those between yellow. */
function gradeStyle(style: Style, rank: number, steps: number): (text: string) => string {
  if (steps <= 1) return style.bold;
  if (rank >= steps) return (text) => style.bold(style.red(text));
  if (rank <= steps / 2) return style.green;
  return style.yellow;
}

/** Shortens a name in its middle, keeping its end: `The effectiveness of … feel safe.` */
function truncateMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.floor((max - 1) * 0.4);
  const head = max - 1 - tail;
  return text.slice(0, head).trimEnd() + '…' + text.slice(text.length - tail).trimStart();
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return max <= 1 ? '…' : text.slice(0, max - 1).trimEnd() + '…';
}
