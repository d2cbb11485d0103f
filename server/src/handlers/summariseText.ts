import { analyse } from '../core/analyse';
import { analyseOptions } from '../documents';
import {
  MAX_SUMMARISE_TEXT_LENGTH,
  type ReportSummary,
  type SummariseTextParams,
} from '../protocol/requests';
import type { Settings } from '../protocol/settings';
import { reportSummary } from './summary';

/** The version a summary of a text that is not an open document carries. */
export const TEXT_VERSION = 0;

/**
 * Why `params` cannot be summarised (not `{ uri: string, text: string }`, or too long a text), or
 * `undefined` when they can. The message is the one the client sees.
 */
export function summariseTextProblem(params: unknown): string | undefined {
  const { uri, text } = (params ?? {}) as Partial<Record<keyof SummariseTextParams, unknown>>;
  if (typeof uri !== 'string' || uri === '') return 'uri must be a non-empty string';
  if (typeof text !== 'string') return 'text must be a string';
  if (text.length > MAX_SUMMARISE_TEXT_LENGTH) {
    return `text too large (${text.length} characters; the limit is ${MAX_SUMMARISE_TEXT_LENGTH})`;
  }
  return undefined;
}

/**
 * The summary of `text` read with `settings`: the same {@link reportSummary} an open document with
 * this text gets, with version {@link TEXT_VERSION}. The analysis is not kept.
 */
export function summariseText(uri: string, text: string, settings: Settings): ReportSummary {
  return reportSummary(uri, TEXT_VERSION, analyse(text, analyseOptions(settings)), settings);
}
