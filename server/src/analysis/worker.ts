import { parentPort, workerData } from 'node:worker_threads';
import { analyse } from '../core/analyse';
import { editBasisOf, type EditBasis } from '../core/edits';
import type { AnalyseOptions, Analysis, ReportModel } from '../core/model';
import { type LineOffsets, lineOffsets, offsetsOf } from '../core/text';
import { documentSymbols } from '../handlers/symbols';

/*
 * The analysis worker thread: the language server's own script, started in a worker, analyses the
 * large documents it is sent so that the server's main thread keeps answering requests.
 *
 * Copying a message costs the thread that sends it (serialising) and the one that receives it
 * (deserialising), and nothing else runs on that thread meanwhile. So nothing large crosses in one
 * message: the main thread sends the text in pieces, yielding between them, and the worker sends
 * the analysis back in parts, each after the main thread has acknowledged the one before (so that
 * the main thread takes them one turn of its event loop at a time).
 */

/** Marks the worker data of an analysis worker, so the server's entry point knows what to run. */
const WORKER_TAG = 'inspection-report/analysis-worker';

/** Items per part of an analysis sent back. */
const DEFAULT_PART_ITEMS = 1000;

/** An analysis without its text and line index, which cannot (or need not) cross threads. */
export type PortableAnalysis = Omit<Analysis, 'model'> & { model: Omit<ReportModel, 'text' | 'lines'> };

/** The lists of an analysis that are sent back in parts. */
export const PARTED_LISTS = ['findings', 'outline', 'judgements', 'tables', 'contents'] as const;

/** The lists of the pass results an edit basis keeps (core/assemble.ts), sent back in parts too. */
export const PARTED_PASS_LISTS = ['scanned', 'statements', 'paragraphStarts', 'passTables'] as const;

/**
 * One of {@link PARTED_LISTS}, the document symbols the worker also makes (from the outline), or
 * one of {@link PARTED_PASS_LISTS}.
 */
export type PartedList = (typeof PARTED_LISTS)[number] | 'symbols' | (typeof PARTED_PASS_LISTS)[number];

/** Main thread to worker. */
export type ToWorker =
  /** A piece of the text of job `id`, in order. */
  | { readonly kind: 'text'; readonly id: number; readonly piece: string }
  /** The text of job `id` is complete: analyse it. */
  | { readonly kind: 'job'; readonly id: number; readonly options: AnalyseOptions }
  /** The last message from the worker was taken: send the next. */
  | { readonly kind: 'ack' };

/** Worker to main thread. */
export type FromWorker =
  /** Items of one list of the analysis of job `id`, in order. */
  | { readonly kind: 'part'; readonly id: number; readonly list: PartedList; readonly items: unknown[] }
  /**
   * The rest of the analysis of job `id` (its parted lists empty), the index in `tables` of the
   * primary table, the text's line offsets and what edits after it may reuse (the offsets and the
   * basis's per-line bytes transferred, not copied; the lists of its pass results sent in parts).
   */
  | {
      readonly kind: 'done';
      readonly id: number;
      readonly analysis: PortableAnalysis;
      readonly primaryTable: number;
      readonly lines: LineOffsets;
      readonly basis: EditBasis | undefined;
    };

/** The worker data that starts an analysis worker. */
export function analysisWorkerData(partItems = DEFAULT_PART_ITEMS): { tag: string; partItems: number } {
  return { tag: WORKER_TAG, partItems };
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

/** The list `list` of an analysis. */
function listOf(analysis: PortableAnalysis, list: (typeof PARTED_LISTS)[number]): readonly unknown[] {
  return list === 'findings' ? analysis.findings : analysis.model[list];
}

/**
 * The messages that carry the analysis of job `id` back, parted lists first, then its document
 * symbols (made here so that the main thread does not have to), then the rest.
 */
export function replyMessages(
  id: number,
  analysis: Analysis,
  partItems: number,
): { message: FromWorker; transfer: ArrayBuffer[] }[] {
  const whole = portable(analysis);
  const out: { message: FromWorker; transfer: ArrayBuffer[] }[] = [];
  const size = Math.max(1, partItems);
  const send = (list: PartedList, items: readonly unknown[]) => {
    for (let at = 0; at < items.length; at += size)
      out.push({ message: { kind: 'part', id, list, items: items.slice(at, at + size) }, transfer: [] });
  };
  for (const list of PARTED_LISTS) send(list, listOf(whole, list));
  send('symbols', documentSymbols(analysis.model));
  const { table, ...model } = whole.model;
  const rest: PortableAnalysis = {
    ...whole,
    findings: [],
    model: { ...model, outline: [], judgements: [], tables: [], contents: [] },
  };
  // The analysis's own line offsets (this thread is done with them): the main thread rebuilds the
  // line index from them at no cost.
  const lines = offsetsOf(analysis.model.lines) ?? lineOffsets(analysis.model.text);
  const fullBasis = editBasisOf(analysis);
  // The pass results are as large as the analysis: their lists go in parts as well.
  let basis = fullBasis;
  const passes = fullBasis?.passes;
  if (fullBasis && passes) {
    send('scanned', passes.scanned);
    send('statements', passes.statements);
    send('paragraphStarts', passes.paragraphStarts);
    send('passTables', passes.tables);
    basis = {
      ...fullBasis,
      passes: { ...passes, scanned: [], statements: [], paragraphStarts: [], tables: [] },
    };
  }
  out.push({
    message: {
      kind: 'done',
      id,
      analysis: rest,
      primaryTable: table ? whole.model.tables.indexOf(table) : -1,
      lines,
      basis,
    },
    transfer: [
      lines.starts.buffer,
      lines.ends.buffer,
      ...(basis
        ? [basis.blocked.buffer, basis.headingLines.buffer, basis.debris.buffer, basis.noted.buffer]
        : []),
    ] as ArrayBuffer[],
  });
  return out;
}

/** Analyses every job the main thread sends, one at a time, until the thread is terminated. */
export function runAnalysisWorker(): void {
  const port = parentPort;
  if (!port) return;
  const partItems = (workerData as { partItems?: number } | null)?.partItems ?? DEFAULT_PART_ITEMS;
  const pieces = new Map<number, string[]>();
  const outbox: { message: FromWorker; transfer: ArrayBuffer[] }[] = [];
  let awaitingAck = false;
  const pump = () => {
    const next = outbox.shift();
    if (!next) return;
    awaitingAck = true;
    port.postMessage(next.message, next.transfer);
  };
  port.on('message', (message: ToWorker) => {
    switch (message.kind) {
      case 'text': {
        const list = pieces.get(message.id);
        if (list) list.push(message.piece);
        else pieces.set(message.id, [message.piece]);
        return;
      }
      case 'job': {
        const text = (pieces.get(message.id) ?? []).join('');
        pieces.delete(message.id);
        outbox.push(...replyMessages(message.id, analyse(text, message.options), partItems));
        if (!awaitingAck) pump();
        return;
      }
      case 'ack':
        awaitingAck = false;
        pump();
        return;
    }
  });
}
