import * as vscode from 'vscode';
import type { EvidenceSummary, JudgementSummary, ReportSummary } from '../../server/src/protocol/requests';
import { REVEAL_RANGE_COMMAND, revealRangeArguments } from './revealRange';
import {
  type GradeBand,
  disagreeingEvidence,
  evidenceLabel,
  gradeBand,
  gradeLabel,
  showsParts,
} from './summaryText';

/** A row of the summary tree: a part, a judgement, or one place where a judgement is stated. */
export type SummaryNode =
  | { kind: 'part'; id: string; name: string; overall: string | undefined; judgements: JudgementSummary[] }
  | { kind: 'judgement'; id: string; judgement: JudgementSummary; scaleSize: number }
  | { kind: 'evidence'; id: string; judgement: JudgementSummary; evidence: EvidenceSummary };

const BAND_ICONS: Record<GradeBand, { icon: string; color: string | undefined }> = {
  best: { icon: 'pass-filled', color: 'charts.green' },
  high: { icon: 'pass', color: 'charts.blue' },
  middle: { icon: 'circle-filled', color: 'charts.yellow' },
  low: { icon: 'arrow-circle-down', color: 'charts.orange' },
  worst: { icon: 'error', color: 'charts.red' },
  unknown: { icon: 'question', color: undefined },
};

/**
 * Renders a {@link ReportSummary} as a tree: judgements grouped by part (or at the top level when
 * the report has a single part), each with its evidence. Holds no state but the summary shown.
 */
export class SummaryTreeProvider implements vscode.TreeDataProvider<SummaryNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  private shown: { uri: vscode.Uri; summary: ReportSummary } | undefined;

  readonly onDidChangeTreeData = this.changed.event;

  /** Shows `summary` (the summary of the document at `uri`), or nothing. */
  show(uri: vscode.Uri | undefined, summary: ReportSummary | undefined): void {
    this.shown = uri !== undefined && summary !== undefined ? { uri, summary } : undefined;
    this.changed.fire();
  }

  getChildren(node?: SummaryNode): SummaryNode[] {
    const shown = this.shown;
    if (shown === undefined) return [];
    const { uri, summary } = shown;
    const scaleSize = summary.scale.entries.length;
    // Ids carry the position too: the same judgement id may occur in two parts (SLAC reports).
    const judgementNodes = (parentId: string, judgements: JudgementSummary[]): SummaryNode[] =>
      judgements.map((judgement, index) => ({
        kind: 'judgement',
        id: `${parentId}#judgement:${index}:${judgement.id}`,
        judgement,
        scaleSize,
      }));
    if (node === undefined) {
      if (!showsParts(summary)) return judgementNodes(uri.toString(), summary.parts[0]?.judgements ?? []);
      return summary.parts.map((part, index) => ({
        kind: 'part',
        id: `${uri.toString()}#part:${index}:${part.name}`,
        name: part.name,
        overall: summary.overall.find((entry) => entry.part === part.name)?.grade,
        judgements: part.judgements,
      }));
    }
    if (node.kind === 'part') return judgementNodes(node.id, node.judgements);
    if (node.kind === 'judgement') {
      return node.judgement.evidence.map((evidence, index) => ({
        kind: 'evidence',
        id: `${node.id}#evidence:${index}`,
        judgement: node.judgement,
        evidence,
      }));
    }
    return [];
  }

  getTreeItem(node: SummaryNode): vscode.TreeItem {
    switch (node.kind) {
      case 'part':
        return this.partItem(node);
      case 'judgement':
        return this.judgementItem(node.judgement, node.id, node.scaleSize);
      case 'evidence':
        return this.evidenceItem(node.judgement, node.evidence, node.id);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  private partItem(node: Extract<SummaryNode, { kind: 'part' }>): vscode.TreeItem {
    const item = new vscode.TreeItem(node.name || 'Report', vscode.TreeItemCollapsibleState.Expanded);
    item.id = node.id;
    item.description = node.overall === undefined ? undefined : `Overall: ${node.overall}`;
    item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    item.contextValue = 'part';
    return item;
  }

  private judgementItem(judgement: JudgementSummary, id: string, scaleSize: number): vscode.TreeItem {
    const item = new vscode.TreeItem(
      judgement.name,
      judgement.evidence.length > 0
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = id;
    item.description = gradeLabel(judgement);
    item.contextValue = judgement.agrees ? 'judgement' : 'judgement.disagrees';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown('**').appendText(judgement.name).appendMarkdown('**\n\n');
    tooltip.appendText(`Grade: ${gradeLabel(judgement)}`);
    if (judgement.part) tooltip.appendMarkdown('\n\n').appendText(`Part: ${judgement.part}`);
    if (judgement.agrees) {
      const { icon, color } =
        BAND_ICONS[gradeBand(judgement.grade === undefined ? undefined : judgement.rank, scaleSize)];
      item.iconPath = new vscode.ThemeIcon(
        icon,
        color === undefined ? undefined : new vscode.ThemeColor(color),
      );
    } else {
      item.iconPath = new vscode.ThemeIcon(
        'warning',
        new vscode.ThemeColor('problemsWarningIcon.foreground'),
      );
      tooltip.appendMarkdown('\n\n**').appendText('The evidence disagrees:').appendMarkdown('**\n');
      for (const evidence of disagreeingEvidence(judgement)) {
        tooltip
          .appendMarkdown('\n- ')
          .appendText(`${evidenceLabel(evidence)} (${evidence.grade ?? 'not on scale'})`);
      }
    }
    item.tooltip = tooltip;
    item.command = this.revealCommand(judgement.range);
    return item;
  }

  private evidenceItem(judgement: JudgementSummary, evidence: EvidenceSummary, id: string): vscode.TreeItem {
    const item = new vscode.TreeItem(evidenceLabel(evidence), vscode.TreeItemCollapsibleState.None);
    item.id = id;
    const agrees = evidence.grade === judgement.grade;
    item.description = agrees ? undefined : (evidence.grade ?? 'not on scale');
    item.iconPath = agrees
      ? new vscode.ThemeIcon('circle-small')
      : new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    item.tooltip = `“${evidence.text}” resolves to ${evidence.grade ?? 'no grade on the scale'}`;
    item.contextValue = 'evidence';
    item.command = this.revealCommand(evidence.range);
    return item;
  }

  private revealCommand(range: JudgementSummary['range']): vscode.Command | undefined {
    if (this.shown === undefined) return undefined;
    return {
      title: 'Reveal in Editor',
      command: REVEAL_RANGE_COMMAND,
      arguments: revealRangeArguments(this.shown.uri, range),
    };
  }
}
