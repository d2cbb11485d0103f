import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';

/**
 * Every custom message between client and server, declared once and imported by both sides.
 * Method names share the `inspectionReport/` prefix.
 */

/** The language id of inspection reports. */
export const LANGUAGE_ID = 'inspection-report';

/** One statement of a judgement's grade, as the summary shows it. */
export interface EvidenceSummary {
  source: 'grade-line' | 'heading' | 'table' | 'prose';
  range: Range;
  /** The grade words as written. */
  text: string;
  /** The scale label the words resolve to, absent when they are not on the scale. */
  grade?: string;
}

/** A judgement as the summary panel lists it. */
export interface JudgementSummary {
  id: string;
  name: string;
  part: string;
  grade?: string;
  rank?: number;
  agrees: boolean;
  /** The judgement's primary place. */
  range: Range;
  evidence: EvidenceSummary[];
}

/** Count of judgements at one grade. */
export interface GradeCount {
  label: string;
  rank: number;
  count: number;
}

/** What the summary panel and status item show for one report. */
export interface ReportSummary {
  uri: string;
  version: number;
  title: string;
  subject: string;
  framework: string;
  frameworkName: string;
  scale: { name: string; entries: { label: string; rank: number; number?: number }[] };
  /** The report's overall effectiveness judgement(s), one per part that has one. */
  overall: { part: string; grade?: string }[];
  parts: { name: string; judgements: JudgementSummary[] }[];
  distribution: GradeCount[];
  problems: { errors: number; warnings: number; information: number };
  limitNote?: string;
}

export interface SummaryParams {
  textDocument: { uri: string };
}

/** Asks the server for the summary of an open report; `null` when the document is not open. */
export namespace SummaryRequest {
  export const method = 'inspectionReport/summary' as const;
  export const type = new RequestType<SummaryParams, ReportSummary | null, void>(method);
}

export interface AnalysedParams {
  uri: string;
  version: number;
}

/** Sent by the server after it analysed a new version of a document, so views can refresh. */
export namespace AnalysedNotification {
  export const method = 'inspectionReport/analysed' as const;
  export const type = new NotificationType<AnalysedParams>(method);
}

export interface SettingsProblemParams {
  messages: string[];
}

/** Sent by the server when settings hold invalid values (each falls back to its default). */
export namespace SettingsProblemNotification {
  export const method = 'inspectionReport/settingsProblem' as const;
  export const type = new NotificationType<SettingsProblemParams>(method);
}
