import { Worker } from 'node:worker_threads';
import type { DocumentSymbol } from 'vscode-languageserver';
import { analyse } from '../core/analyse';
import { type EditBasis, withEditBasis } from '../core/edits';
import type { Heading } from '../core/headings';
import type { AnalyseOptions, Analysis, SummaryTable } from '../core/model';
import type { ProseStatement } from '../core/prose';
import type { ParsedTable } from '../core/tables';
import { type LineOffsets, lineIndex } from '../core/text';
import { rememberDocumentSymbols } from '../handlers/symbols';
import {
  analysisWorkerData,
  type FromWorker,
  type PartedList,
  type PortableAnalysis,
  type ToWorker,
} from './worker';

/** Documents at least this long (in UTF-16 units) are analysed in the worker thread. */
export const OFF_THREAD_MIN_LENGTH = 1_000_000;

/** The text goes to the worker in pieces this long (each a few milliseconds to copy). */
const TEXT_PIECE_LENGTH = 1_000_000;

/** How finely work crossing between the threads is cut (smaller in tests), and a test probe. */
export interface OffThreadOptions {
  /** Characters of text per message to the worker. */
  readonly pieceLength?: number;
  /** Items of a list per message back. */
  readonly partItems?: number;
  /** Called as each message goes to the worker or comes from it. */
  readonly observe?: (message: ToWorker | FromWorker, direction: 'sent' | 'received') => void;
}

interface Waiting {
  readonly text: string;
  readonly options: AnalyseOptions;
  readonly resolve: (a: Analysis) => void;
  /** The parted lists received so far. */
  readonly lists: Map<PartedList, unknown[]>;
}

/**
 * Analyses documents: small ones at once in this thread, large ones in one worker thread (started
 * on first use) so that requests on other documents are answered meanwhile. Jobs run in the order
 * they are given. If the worker cannot start or fails, the analysis is made in this thread instead:
 * every call resolves with an analysis and none rejects.
 */
export class Analyser {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private serial = 0;
  /** Texts go to the worker one after another, in the order they were given. */
  private sending: Promise<void> = Promise.resolve();

  /**
   * @param workerScript the server's own script, which runs `runAnalysisWorker` (./worker.ts) when started
   *   as a worker; without it every analysis is made in this thread.
   * @param minLength documents this long or longer go to the worker.
   * @param options how finely texts and analyses are cut when they cross between threads.
   */
  constructor(
    private readonly workerScript: string | undefined,
    private readonly minLength = OFF_THREAD_MIN_LENGTH,
    private readonly options: OffThreadOptions = {},
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
      this.waiting.set(id, { text, options, resolve, lists: new Map() });
      // A job under way keeps the process alive; an idle worker does not (see idleUnlessWaiting).
      worker.ref();
      this.sending = this.sending.then(() => this.send(worker, id));
    });
  }

  /** Sends job `id` to `worker`: its text in pieces, yielding between them, then the job itself. */
  private async send(worker: Worker, id: number): Promise<void> {
    const job = this.waiting.get(id);
    if (!job) return;
    try {
      const length = Math.max(1, this.options.pieceLength ?? TEXT_PIECE_LENGTH);
      for (let at = 0; at < job.text.length; at += length) {
        // The worker was lost meanwhile: the job has been analysed here already.
        if (this.worker !== worker || !this.waiting.has(id)) return;
        this.post(worker, { kind: 'text', id, piece: job.text.slice(at, at + length) });
        await new Promise<void>((resume) => setImmediate(resume));
      }
      if (this.worker !== worker || !this.waiting.has(id)) return;
      this.post(worker, { kind: 'job', id, options: job.options });
    } catch {
      // The job could not be sent (it cannot be copied to the worker): analyse it here.
      if (!this.waiting.delete(id)) return;
      this.idleUnlessWaiting();
      job.resolve(analyse(job.text, job.options));
    }
  }

  private post(worker: Worker, message: ToWorker): void {
    worker.postMessage(message);
    this.options.observe?.(message, 'sent');
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
      const worker = new Worker(this.workerScript ?? '', {
        workerData: analysisWorkerData(this.options.partItems),
      });
      worker.on('message', (message: FromWorker) => this.receive(worker, message));
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

  private receive(worker: Worker, message: FromWorker): void {
    this.options.observe?.(message, 'received');
    // The worker sends its next message once this one is taken: after this turn of the event loop,
    // so that whatever else waits (requests on other documents) goes first.
    setImmediate(() => {
      if (this.worker === worker) this.post(worker, { kind: 'ack' });
    });
    const job = this.waiting.get(message.id);
    if (!job) return;
    if (message.kind === 'part') {
      const items = job.lists.get(message.list);
      if (items) for (const item of message.items) items.push(item);
      else job.lists.set(message.list, message.items);
      return;
    }
    this.waiting.delete(message.id);
    this.idleUnlessWaiting();
    job.resolve(
      withEditBasis(
        this.assemble(job, message.analysis, message.primaryTable, message.lines),
        message.basis && this.basisFromParts(job, message.basis),
      ),
    );
  }

  /** The edit basis with the lists of its pass results, sent in parts, put back. */
  private basisFromParts(job: Waiting, basis: EditBasis): EditBasis {
    const list = <T>(name: PartedList): T[] => partedList<T>(job, name);
    if (!basis.passes) return basis;
    return {
      ...basis,
      passes: {
        ...basis.passes,
        scanned: list<Heading>('scanned'),
        statements: list<ProseStatement>('statements'),
        paragraphStarts: list<number>('paragraphStarts'),
        tables: list<ParsedTable>('passTables'),
      },
    };
  }

  /** The analysis from its parts, with the text and a line index made from the offsets sent. */
  private assemble(
    job: Waiting,
    rest: PortableAnalysis,
    primaryTable: number,
    offsets: LineOffsets,
  ): Analysis {
    // A list with no part sent is empty (the worker sends `rest` with every parted list emptied).
    const list = <T>(name: PartedList): T[] => partedList<T>(job, name);
    const tables = list<SummaryTable>('tables');
    const table = tables[primaryTable];
    const analysis: Analysis = {
      ...rest,
      findings: list('findings'),
      model: {
        ...rest.model,
        outline: list('outline'),
        judgements: list('judgements'),
        tables,
        contents: list('contents'),
        ...(table ? { table } : {}),
        text: job.text,
        lines: lineIndex(job.text.length, offsets.starts, offsets.ends),
      },
    };
    const symbols = job.lists.get('symbols') as DocumentSymbol[] | undefined;
    if (symbols) rememberDocumentSymbols(analysis.model, symbols);
    return analysis;
  }

  private idleUnlessWaiting(): void {
    if (this.waiting.size === 0) this.worker?.unref();
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

/** The items of list `name` sent back in parts for `job`; empty when no part of it came. */
function partedList<T>(job: Waiting, name: PartedList): T[] {
  return (job.lists.get(name) as T[] | undefined) ?? [];
}
