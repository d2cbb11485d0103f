import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { Range } from 'vscode-languageserver-protocol';

/**
 * Every custom message between client and server, declared once and imported by both sides.
 * Method names share the `inspectionReport/` prefix.
 */

export { LANGUAGE_ID, MAX_SUMMARISE_TEXT_LENGTH } from './constants';

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

export interface SummariseTextParams {
  /** Where the text comes from; used for the resource's settings and as the summary's `uri`. */
  uri: string;
  /** The whole text, as read from the file. */
  text: string;
}

/**
 * Asks the server to analyse a text that need not be an open document (a workspace file the client
 * read, for the comparison view) and answer its summary, exactly as {@link SummaryRequest} would
 * for the same text open, except that `version` is 0. Nothing is kept: no document, analysis or
 * settings cache entry outlives the request. Answers `InvalidParams` for params other than
 * `{ uri: string, text: string }` or a text longer than `MAX_SUMMARISE_TEXT_LENGTH`, and
 * `RequestCancelled` once cancelled.
 */
export namespace SummariseTextRequest {
  export const method = 'inspectionReport/summariseText' as const;
  export const type = new RequestType<SummariseTextParams, ReportSummary, void>(method);
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
