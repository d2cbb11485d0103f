import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  type MessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-jsonrpc/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { analyse } from '../../server/src/core/analyse';
import { analyseEdit } from '../../server/src/core/edits';
import type { Analysis } from '../../server/src/core/model';
import { startServer } from '../../server/src/server';
import { bytes, corpus, DocumentBuilder, type Flags, MB, meets, num, type Row, seeds, size } from './common';

/*
 * Item 4: memory, in a process started with --expose-gc. The real server (server/src/server.ts,
 * the same code as dist/server.js) runs in this process over an in-memory JSON-RPC pipe, so its
 * heap can be measured after full collections: retained heap per open (and analysed) document as
 * a multiple of the document's UTF-8 size, on the seeds and corpus and on one 10 MB report; the
 * same for the core's analysis alone; and the heap after opening and closing 1,000 documents.
 */

declare const gc: () => void;

const RETAINED_TARGET = 5;
/** "No growth": what a full collection leaves after 1,000 open/close cycles, at most. */
const GROWTH_LIMIT_BYTES = 1 * MB;

/** Heap in use after full collections. */
function heap(): number {
  for (let i = 0; i < 4; i++) gc();
  return process.memoryUsage().heapUsed;
}

/** A flat copy of a string that shares no memory with the original. */
function copy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** The language server in this process, and a client connected to it over in-memory streams. */
class InProcessServer {
  readonly client: MessageConnection;
  constructor() {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    startServer(
      createConnection(
        ProposedFeatures.all,
        new StreamMessageReader(toServer),
        new StreamMessageWriter(toClient),
      ),
    );
    this.client = createMessageConnection(
      new StreamMessageReader(toClient),
      new StreamMessageWriter(toServer),
    );
    this.client.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => ({})),
    );
    this.client.onRequest('client/registerCapability', () => null);
    this.client.onNotification(() => undefined);
    this.client.listen();
  }
  async initialize(): Promise<void> {
    await this.client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true, diagnostics: { refreshSupport: true } },
        textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true }, diagnostic: {} },
      },
    });
    await this.client.sendNotification('initialized', {});
  }
  /** Opens a document and asks for its symbols and diagnostics, so it is analysed and cached. */
  async open(uri: string, text: string): Promise<void> {
    await this.client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'inspection-report', version: 1, text },
    });
    await this.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    await this.client.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }
  async close(uri: string): Promise<void> {
    await this.client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    // A round trip, so the close has been handled before the heap is measured.
    await this.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }
}

function retainedRow(what: string, retained: number, textBytes: number, note: string): Row {
  const ratio = retained / textBytes;
  return {
    item: '4',
    what,
    value: `${num(ratio, 2)}x text`,
    target: `< ${RETAINED_TARGET}x`,
    pass: meets(ratio, { max: RETAINED_TARGET }),
    note: `${size(retained)} retained for ${size(textBytes)} of text; ${note}`,
  };
}

/** The text alone: how V8 stores it (one byte per character, or two when any is beyond Latin-1). */
function textRow(reports: readonly string[], totalBytes: number): Row {
  const before = heap();
  const copies = reports.map(copy);
  const after = heap();
  return {
    item: '4',
    what: `the text alone (${copies.length} seeds and corpus reports, as V8 stores it)`,
    value: `${num((after - before) / totalBytes, 2)}x text`,
    note: `${size(after - before)} for ${size(totalBytes)}`,
  };
}

/** The core's analysis alone (the text is retained by the caller and not counted). */
function coreRow(what: string, reports: readonly string[]): Row {
  const totalBytes = reports.reduce((sum, text) => sum + bytes(text), 0);
  const before = heap();
  const analyses: Analysis[] = reports.map((text) => analyse(text));
  const after = heap();
  return retainedRow(what, after - before, totalBytes, `${analyses.length} analyses held`);
}

/**
 * Open documents in the real server: the text it holds, its line index and its analysis, measured
 * as what closing them frees. (The heap before opening is no baseline: it may still hold what
 * earlier work leaves for a while, the bench's own analyses or the last messages' buffers, and
 * then free it during the measurement; on 24 November 2026 that made the typed-in 10 MB report
 * read anywhere from 0.17x to 3.16x for the same 3.2x that closing it freed.)
 */
async function serverRow(server: InProcessServer, what: string, reports: readonly string[]): Promise<Row> {
  const texts = reports.map(copy);
  const totalBytes = texts.reduce((sum, text) => sum + bytes(text), 0);
  const uris = texts.map((_, i) => `file:///bench/open/${i}.report.txt`);
  for (let i = 0; i < texts.length; i++) await server.open(uris[i] ?? '', texts[i] ?? '');
  const open = heap();
  for (const uri of uris) await server.close(uri);
  const closed = heap();
  return retainedRow(
    what,
    open - closed,
    totalBytes,
    'text, line index and analysis; the client keeps its own copy (not counted)',
  );
}

/** Edits typed after opening a document, for {@link editedRow}: odd, so the text ends changed. */
const EDITS = 101;

/**
 * A line from the middle of `text` on where typing a character at its end is re-analysed from the
 * previous analysis (core/edits.ts), and its length.
 */
function reusedLine(text: string): { line: number; character: number } {
  const analysis = analyse(text);
  const lines = text.split('\n');
  let offset = 0;
  const starts = lines.map((line) => {
    const start = offset;
    offset += line.length + 1;
    return start;
  });
  for (let line = Math.floor(lines.length / 2); line < lines.length; line++) {
    const character = (lines[line] ?? '').replace(/\r$/, '').length;
    if (character < 50) continue;
    const at = (starts[line] ?? 0) + character;
    if (analyseEdit(analysis, `${text.slice(0, at)}x${text.slice(at)}`, {})) return { line, character };
  }
  throw new Error('no line of the report takes the edit path');
}

/**
 * One open document typed in: {@link EDITS} characters typed and removed in turn at the end of a
 * line of prose, each followed by symbol and diagnostic requests. Such edits move the previous
 * analysis instead of making a new one (core/edits.ts), so this shows what moving keeps alive.
 */
async function editedRow(server: InProcessServer, what: string, report: string): Promise<Row> {
  const text = copy(report);
  const { line, character } = reusedLine(text);
  const uri = 'file:///bench/edited.report.txt';
  await server.open(uri, text);
  for (let version = 2; version < EDITS + 2; version++) {
    const typed = version % 2 === 0;
    await server.client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [
        {
          range: {
            start: { line, character },
            end: { line, character: typed ? character : character + 1 },
          },
          text: typed ? 'x' : '',
        },
      ],
    });
    await server.client.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    await server.client.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }
  const typedIn = heap();
  await server.close(uri);
  const closed = heap();
  return retainedRow(
    what,
    typedIn - closed,
    bytes(text),
    `after ${EDITS} edits in prose, each with symbols and diagnostics (moved analyses, carried symbols)`,
  );
}

/**
 * Open/close cycles before the heap is first measured. During the first thousand the heap grows by
 * up to 0.8 MB and then stays flat (measured over 5,000: +775, -69, +284, -5 and +49 KB a thousand):
 * V8's compiled code and the bounded memos filling, not documents kept. After 100 cycles, as before
 * 24 November 2026, the row caught part of that and moved between +0.1 and +0.8 MB.
 */
const WARM_UP_CYCLES = 1000;

/** Opens and closes 1,000 documents: nothing may stay behind. */
async function cycleRow(server: InProcessServer, reports: readonly string[]): Promise<Row> {
  const cycle = async (i: number): Promise<number> => {
    const uri = `file:///bench/cycle/${i}.report.txt`;
    const text = reports[i % reports.length] ?? '';
    await server.open(uri, text);
    await server.close(uri);
    return bytes(text);
  };
  for (let i = 0; i < WARM_UP_CYCLES; i++) await cycle(i);
  const before = heap();
  const count = 1000;
  let opened = 0;
  for (let i = 0; i < count; i++) opened += await cycle(WARM_UP_CYCLES + i);
  const after = heap();
  return {
    item: '4',
    what: `heap growth after opening and closing ${count.toLocaleString('en-GB')} documents`,
    value: `${after - before >= 0 ? '+' : ''}${size(after - before)}`,
    target: `< ${size(GROWTH_LIMIT_BYTES)} (no growth)`,
    pass: meets(after - before, { max: GROWTH_LIMIT_BYTES }),
    note: `${size(opened)} opened, analysed and closed, after ${WARM_UP_CYCLES.toLocaleString('en-GB')} of warm-up; heap ${size(before)} -> ${size(after)}`,
  };
}

export async function memorySection(_flags: Flags): Promise<Row[]> {
  const log = (row: Row): Row => {
    process.stderr.write(`  memory: ${row.what}: ${row.value} (${row.note ?? ''})\n`);
    return row;
  };
  const reports = [...seeds(), ...corpus()].map((r) => r.text);
  const totalBytes = reports.reduce((sum, text) => sum + bytes(text), 0);
  const big = new DocumentBuilder(corpus().map((r) => r.text)).of(10 * MB);
  const rows: Row[] = [];
  rows.push(log(textRow(reports, totalBytes)));
  rows.push(log(coreRow(`core: analysis retained, text excluded (${reports.length} reports)`, reports)));
  rows.push(log(coreRow('core: analysis of one 10 MB report, text excluded', [big])));

  const server = new InProcessServer();
  await server.initialize();
  // Warm the server's code paths before any baseline.
  await server.open('file:///bench/warm.report.txt', copy(reports[0] ?? ''));
  await server.close('file:///bench/warm.report.txt');
  rows.push(
    log(await serverRow(server, `server: retained per open document (${reports.length} reports)`, reports)),
  );
  rows.push(log(await serverRow(server, 'server: retained for one open 10 MB report', [big])));
  rows.push(log(await editedRow(server, 'server: retained for the 10 MB report, typed in', big)));
  rows.push(log(await cycleRow(server, reports)));
  return rows;
}
