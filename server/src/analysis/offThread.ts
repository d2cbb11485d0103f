import { Worker } from 'node:worker_threads';
import { analyse } from '../core/analyse';
import type { AnalyseOptions, Analysis } from '../core/model';
import { lineIndex } from '../core/text';
import { type AnalysisJob, type AnalysisReply, analysisWorkerData } from './worker';

/** Documents at least this long (in UTF-16 units) are analysed in the worker thread. */
export const OFF_THREAD_MIN_LENGTH = 1_000_000;

/**
 * Analyses documents: small ones at once in this thread, large ones in one worker thread (started
 * on first use) so that requests on other documents are answered meanwhile. Jobs run in the order
 * they are given. If the worker cannot start or fails, the analysis is made in this thread instead:
 * every call resolves with an analysis and none rejects.
 */
export class Analyser {
  private worker: Worker | undefined;
  private readonly waiting = new Map<
    number,
    { text: string; options: AnalyseOptions; resolve: (a: Analysis) => void }
  >();
  private serial = 0;

  /**
   * @param workerScript the server's own script, which runs `runAnalysisWorker` (./worker.ts) when started
   *   as a worker; without it every analysis is made in this thread.
   * @param minLength documents this long or longer go to the worker.
   */
  constructor(
    private readonly workerScript: string | undefined,
    private readonly minLength = OFF_THREAD_MIN_LENGTH,
  ) {}

  /** The analysis of `text`. */
  analyse(text: string, options: AnalyseOptions): Promise<Analysis> {
    if (this.workerScript === undefined || text.length < this.minLength) {
      return Promise.resolve(analyse(text, options));
    }
    const worker = this.start();
    if (!worker) return Promise.resolve(analyse(text, options));
    const id = ++this.serial;
    return new Promise((resolve) => {
      this.waiting.set(id, { text, options, resolve });
      const job: AnalysisJob = { id, text, options };
      try {
        worker.postMessage(job);
        // A job under way keeps the process alive; an idle worker does not (see settle).
        worker.ref();
      } catch {
        // The job could not be sent (it cannot be copied to the worker): analyse it here.
        this.waiting.delete(id);
        resolve(analyse(text, options));
      }
    });
  }

  /** Stops the worker; analyses still waiting are made in this thread. */
  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll();
    void worker?.terminate();
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    try {
      const worker = new Worker(this.workerScript ?? '', { workerData: analysisWorkerData() });
      worker.on('message', (reply: AnalysisReply) => this.settle(reply));
      worker.on('error', () => this.lose(worker));
      worker.on('exit', () => this.lose(worker));
      // An idle worker must not keep the server alive once the connection has ended.
      worker.unref();
      this.worker = worker;
      return worker;
    } catch {
      return undefined;
    }
  }

  private settle(reply: AnalysisReply): void {
    const job = this.waiting.get(reply.id);
    if (!job) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    const { starts, ends } = reply.lines;
    job.resolve({
      ...reply.analysis,
      model: { ...reply.analysis.model, text: job.text, lines: lineIndex(job.text.length, starts, ends) },
    });
  }

  /** The worker failed or stopped: a new one starts on the next call; waiting jobs are made here. */
  private lose(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    this.failAll();
  }

  private failAll(): void {
    const jobs = [...this.waiting.values()];
    this.waiting.clear();
    for (const job of jobs) job.resolve(analyse(job.text, job.options));
  }
}
