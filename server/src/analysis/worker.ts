import { parentPort, workerData } from 'node:worker_threads';
import { analyse } from '../core/analyse';
import type { AnalyseOptions, Analysis, ReportModel } from '../core/model';
import { type LineOffsets, lineOffsets } from '../core/text';

/*
 * The analysis worker thread: the language server's own script, started in a worker, analyses the
 * large documents it is sent so that the server's main thread keeps answering requests.
 */

/** Marks the worker data of an analysis worker, so the server's entry point knows what to run. */
const WORKER_TAG = 'inspection-report/analysis-worker';

/** Main thread to worker: analyse this text. */
export interface AnalysisJob {
  readonly id: number;
  readonly text: string;
  readonly options: AnalyseOptions;
}

/** An analysis without its text and line index, which cannot (or need not) cross threads. */
export type PortableAnalysis = Omit<Analysis, 'model'> & { model: Omit<ReportModel, 'text' | 'lines'> };

/** Worker to main thread: the analysis of job `id`, and the text's line offsets (transferred, not copied). */
export interface AnalysisReply {
  readonly id: number;
  readonly analysis: PortableAnalysis;
  readonly lines: LineOffsets;
}

/** The worker data that starts an analysis worker. */
export function analysisWorkerData(): { tag: string } {
  return { tag: WORKER_TAG };
}

/** True in a thread started as an analysis worker. */
export function isAnalysisWorker(): boolean {
  return parentPort !== null && (workerData as { tag?: unknown } | null)?.tag === WORKER_TAG;
}

/** What of an analysis is sent back: everything but the text and the line index (rebuilt from the text). */
export function portable(analysis: Analysis): PortableAnalysis {
  const { text, lines, ...model } = analysis.model;
  void text;
  void lines;
  return { ...analysis, model };
}

/** Analyses every job the main thread sends, one at a time, until the thread is terminated. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (job: AnalysisJob) => {
    const analysis = portable(analyse(job.text, job.options));
    // The line index is rebuilt from these on the main thread at no cost.
    const lines = lineOffsets(job.text);
    const reply: AnalysisReply = { id: job.id, analysis, lines };
    port.postMessage(reply, [lines.starts.buffer, lines.ends.buffer]);
  });
}
