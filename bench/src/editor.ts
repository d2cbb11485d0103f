import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Position } from 'vscode-languageserver-protocol';
import { analyse } from '../../server/src/core/analyse';
import { analyseEdit } from '../../server/src/core/edits';
import type { Analysis } from '../../server/src/core/model';
import { AnalysedNotification } from '../../server/src/protocol/requests';
import { TestServer } from '../../test/support/languageServer';
import {
  corpus,
  DocumentBuilder,
  type Flags,
  MB,
  median,
  meets,
  ms,
  now,
  percentile,
  ROOT,
  type Row,
  seeds,
} from './common';

/*
 * Item 3: editor latency through the real server (`node dist/server.js --stdio`) over JSON-RPC, as
 * VS Code drives it. For each request kind, each sample is: an incremental `didChange` (one
 * character typed at the end of a line in the middle of the report, or removed again: a line inside
 * a paragraph of prose, then the first line of a graded heading), then the request; the time runs from sending the change to receiving the answer, so it includes the
 * re-analysis the edit makes necessary. p50 and p99 per kind, on seed 000 and on a 5 MB report,
 * after 20 warm-up edits of each kind; the slowest of the first 20 edits after opening (before the
 * server's code is optimised) is reported on a row of its own.
 * Also: cancellation of a request overtaken by a newer edit, and how long a request on a small
 * report waits while a pathological one is analysed.
 */

const LATENCY_TARGET_MS = 50;

type Kind = 'documentSymbol' | 'diagnostic' | 'hover' | 'all three';

/** An open document in the server and the edits made to it. */
class EditedDocument {
  version = 1;
  private inserted = false;
  previousResultId: string | undefined;

  constructor(
    private readonly server: TestServer,
    readonly uri: string,
    /** Where a character is typed and removed again. */
    private readonly editAt: Position,
    /** A grade the hover is asked about. */
    readonly hoverAt: Position,
    /** Share of the lines like the edited one near the middle where an edit is re-analysed from the last analysis. */
    readonly reusedShare: number,
    /** When `didOpen` was sent (after the bench found its places in the text). */
    readonly openedAt: number,
  ) {}

  /** Types one character, or removes the one typed last. */
  edit(): Promise<void> {
    const { line, character } = this.editAt;
    const range = this.inserted
      ? { start: { line, character }, end: { line, character: character + 1 } }
      : { start: { line, character }, end: { line, character } };
    const text = this.inserted ? '' : 'x';
    this.inserted = !this.inserted;
    return this.server.change(this.uri, ++this.version, [{ range, text }]);
  }

  request(kind: Kind, source?: CancellationTokenSource): Promise<unknown> {
    const textDocument = { uri: this.uri };
    // An undefined token would be sent as a positional parameter: pass one only when there is one.
    const send = <R>(method: string, params: object): Promise<R> =>
      source
        ? this.server.connection.sendRequest<R>(method, params, source.token)
        : this.server.connection.sendRequest<R>(method, params);
    switch (kind) {
      case 'documentSymbol':
        return send('textDocument/documentSymbol', { textDocument });
      case 'diagnostic': {
        const previous = this.previousResultId;
        return send<{ resultId?: string }>('textDocument/diagnostic', {
          textDocument,
          ...(previous ? { previousResultId: previous } : {}),
        }).then((report) => {
          this.previousResultId = report.resultId;
          return report;
        });
      }
      case 'hover':
        return send('textDocument/hover', { textDocument, position: this.hoverAt });
      case 'all three':
        return Promise.all([
          this.request('documentSymbol'),
          this.request('diagnostic'),
          this.request('hover'),
        ]);
    }
  }
}

/** Where the edits are made: inside a paragraph of prose, or at the end of a graded heading's line. */
type EditPlace = 'prose' | 'heading';

/** Paragraph lines tried, from the middle of the report on, for the share re-analysed by edit. */
const PROSE_SAMPLE = 200;
/** Graded headings tried, from the middle of the report on, for the share re-analysed by edit. */
const HEADING_SAMPLE = 40;

/**
 * Places near the middle of the report: a line inside a paragraph of prose (it and the two lines
 * before and after it at least 50 characters long, none holding a heading, table, contents entry
 * or graded sentence), the first line of a graded heading, and a grade before the prose line to
 * hover on. Of the first {@link PROSE_SAMPLE} paragraph lines from the middle on, `reusedShare`
 * is the share where typing a character at the end is re-analysed from the previous analysis
 * (core/edits.ts); the prose place is the first of those (the others are analysed in full).
 * Likewise `splicedShare` of the first {@link HEADING_SAMPLE} graded headings from the middle on,
 * where the heading's name changes and the previous analysis's pass results are spliced; the
 * heading place is the first of those (the first graded heading when there is none). Also the
 * analysis of `text` they were found in.
 */
export function placesIn(text: string): {
  analysis: Analysis;
  prose: Position;
  heading: Position;
  hoverAt: Position;
  reusedShare: number;
  splicedShare: number;
} {
  const analysis = analyse(text);
  const { model } = analysis;
  const lines = text.split(/\r\n|\r|\n/);
  const busy: { start: number; end: number }[] = [];
  const visit = (nodes: typeof model.outline) => {
    for (const node of nodes) {
      busy.push(node.selectionSpan);
      visit(node.children);
    }
  };
  visit(model.outline);
  for (const j of model.judgements) for (const e of j.evidence) busy.push(e.span);
  for (const t of model.tables) busy.push(t.span);
  for (const c of model.contents) busy.push(c.span);
  const isBusy = (line: number) => {
    const start = model.lines.lineStart(line);
    const end = model.lines.lineEnd(line);
    return busy.some((span) => span.start <= end && span.end >= start);
  };
  const inParagraph = (line: number) =>
    /^[A-Za-z].{30,}[a-z]$/.test(lines[line] ?? '') &&
    [-2, -1, 0, 1, 2].every((k) => (lines[line + k] ?? '').trim().length >= 50 && !isBusy(line + k));
  let tried = 0;
  let reused = 0;
  let proseLine = -1;
  for (let line = Math.floor(lines.length / 2); line < lines.length - 2 && tried < PROSE_SAMPLE; line++) {
    if (!inParagraph(line)) continue;
    tried++;
    const end = model.lines.lineEnd(line);
    if (analyseEdit(analysis, `${text.slice(0, end)}x${text.slice(end)}`, {})) {
      reused++;
      if (proseLine < 0) proseLine = line;
    }
  }
  if (proseLine < 0) proseLine = Math.floor(lines.length / 2);
  const middle = model.lines.lineStart(Math.floor(lines.length / 2));
  const graded = model.judgements
    .filter((j) => j.span.start >= middle && j.evidence.some((e) => e.source === 'heading'))
    .slice(0, HEADING_SAMPLE)
    .map((j) => model.lines.positionAt(j.span.start).line);
  const splicedLines = graded.filter((line) => {
    const end = model.lines.lineEnd(line);
    return analyseEdit(analysis, `${text.slice(0, end)}x${text.slice(end)}`, {}) !== undefined;
  });
  const headingLine = splicedLines[0] ?? graded[0] ?? model.lines.positionAt(middle).line;
  const editOffset = model.lines.lineStart(proseLine);
  let hoverOffset = -1;
  for (const judgement of model.judgements) {
    for (const evidence of judgement.evidence) {
      const start = evidence.gradeSpan.start;
      if (start < editOffset && start > hoverOffset) hoverOffset = start;
    }
  }
  const hoverAt = hoverOffset >= 0 ? model.lines.positionAt(hoverOffset + 1) : { line: 0, character: 0 };
  return {
    analysis,
    prose: { line: proseLine, character: (lines[proseLine] ?? '').length },
    heading: { line: headingLine, character: (lines[headingLine] ?? '').length },
    hoverAt,
    reusedShare: tried > 0 ? reused / tried : 0,
    splicedShare: graded.length > 0 ? splicedLines.length / graded.length : 0,
  };
}

async function openDocument(
  server: TestServer,
  name: string,
  text: string,
  place: EditPlace = 'prose',
): Promise<EditedDocument> {
  const uri = pathToFileURL(path.join(ROOT, 'out', 'bench', `${name}.report.txt`)).href;
  const places = placesIn(text);
  const openedAt = now();
  await server.open(uri, text);
  return new EditedDocument(
    server,
    uri,
    places[place],
    places.hoverAt,
    place === 'prose' ? places.reusedShare : places.splicedShare,
    openedAt,
  );
}

interface Series {
  /** Edits made and timed before the series, while the server's code warms up (reported apart). */
  readonly warmup: number;
  readonly min: number;
  readonly max: number;
  readonly budgetMs: number;
}

/** The timed series of edits and requests of one kind, and the warm-up edits before it. */
interface Timings {
  readonly warmup: number[];
  readonly times: number[];
}

async function editThenRequest(document: EditedDocument, kind: Kind, series: Series): Promise<Timings> {
  const sample = async (): Promise<number> => {
    const start = now();
    await document.edit();
    await document.request(kind);
    return now() - start;
  };
  const warmup: number[] = [];
  for (let i = 0; i < series.warmup; i++) warmup.push(await sample());
  const times: number[] = [];
  let spent = 0;
  while (times.length < series.max && (times.length < series.min || spent < series.budgetMs)) {
    const t = await sample();
    times.push(t);
    spent += t;
  }
  return { warmup, times };
}

async function latencyRows(
  server: TestServer,
  name: string,
  text: string,
  series: Series,
  place: EditPlace,
): Promise<Row[]> {
  const rows: Row[] = [];
  const document = await openDocument(server, name, text, place);
  const where = place === 'prose' ? 'edit in prose' : 'edit in a heading';
  await document.request('diagnostic');
  // From didOpen: the bench's own search for places to edit (core analyses in this process) is not counted.
  const openMs = now() - document.openedAt;
  let firstEdits: number[] = [];
  for (const kind of ['documentSymbol', 'diagnostic', 'hover', 'all three'] as const) {
    const { warmup, times } = await editThenRequest(document, kind, series);
    if (kind === 'documentSymbol') firstEdits = warmup;
    const p50 = percentile(times, 50);
    const p99 = percentile(times, 99);
    process.stderr.write(
      `  editor: ${name} ${where} + ${kind}: p50 ${ms(p50)}, p99 ${ms(p99)} (${times.length})\n`,
    );
    rows.push({
      item: '3',
      what: `${name}: ${where} + ${kind === 'all three' ? 'symbols, diagnostics and hover together' : kind}, p99`,
      value: ms(p99),
      target: `< ${LATENCY_TARGET_MS} ms`,
      pass: meets(p99, { max: LATENCY_TARGET_MS }),
      note: `p50 ${ms(p50)}; ${times.length} edits after ${series.warmup} warm-up edits`,
    });
  }
  rows.push({
    item: '3',
    what: `${name}: ${where} + documentSymbol, the first ${firstEdits.length} edits after opening (warm-up), slowest`,
    value: ms(Math.max(...firstEdits)),
    note: `median ${ms(median(firstEdits))}; while the server's code is still being optimised; not in the p99 above`,
  });
  await server.close(document.uri);
  if (place === 'heading') {
    rows.push({
      item: '3',
      what: `${name}: graded heading lines where typing is re-analysed from spliced pass results`,
      value: `${Math.round(document.reusedShare * 100)}%`,
      note: `of the first ${HEADING_SAMPLE} graded headings from the middle on; the others (near a table, say) are analysed in full`,
    });
    return rows;
  }
  rows.push({
    item: '3',
    what: `${name}: paragraph lines where typing is re-analysed from the previous analysis`,
    value: `${Math.round(document.reusedShare * 100)}%`,
    note: `of the first ${PROSE_SAMPLE} paragraph lines from the middle on; the others, like headings, are analysed in full`,
  });
  // The same requests with no edit in between: answered from the analysis already made.
  const again = await openDocument(server, name, text, place);
  await again.request('diagnostic');
  const cached = await requestCached(again);
  rows.push({
    item: '3',
    what: `${name}: hover with no edit (analysis cached), p99`,
    value: ms(percentile(cached, 99)),
    note: `p50 ${ms(median(cached))}; open + first diagnostics ${ms(openMs)}`,
  });
  await server.close(again.uri);
  return rows;
}

async function requestCached(document: EditedDocument): Promise<number[]> {
  await document.request('hover');
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = now();
    await document.request('hover');
    times.push(now() - start);
  }
  return times;
}

/** The size of the document that keeps the server busy in {@link cancellationRow}: analysed on its main thread. */
const BUSY_CHARACTERS = 900_000;

/**
 * Ten times: an edit and a documentSymbol request, then (before the answer) a newer edit, the first
 * request cancelled as VS Code does, and the request again. Counts the overtaken requests that were
 * cancelled and the analyses the server made of the overtaken version.
 *
 * The request is overtaken while the server is busy: just before it, the server is asked for the
 * symbols of another document it must analyse on its main thread (900,000 characters, about 15 ms),
 * so the request, the newer edit and the cancellation all wait in its queue. Until 24 November 2026
 * the server was always busy then, applying the edit (a keystroke copied the whole 5 MB text); once
 * that cost nothing, it sometimes answered the request before the newer edit was even sent: a
 * request current when answered, not an overtaken one.
 */
async function cancellationRow(server: TestServer, text: string, rounds: number): Promise<Row> {
  const document = await openDocument(server, 'cancel-5mb', text);
  await document.request('diagnostic');
  const analysedVersions: number[] = [];
  const listener = server.connection.onNotification(AnalysedNotification.type, ({ uri, version }) => {
    if (uri === document.uri) analysedVersions.push(version);
  });
  let cancelled = 0;
  let staleAnswered = 0;
  const newer: number[] = [];
  const overtaken: number[] = [];
  for (let i = 0; i < rounds; i++) {
    await document.edit();
    overtaken.push(document.version);
    const busyUri = `${document.uri}.busy-${i}.report.txt`;
    await server.open(busyUri, text.slice(0, BUSY_CHARACTERS));
    const busy = server.connection.sendRequest('textDocument/documentSymbol', {
      textDocument: { uri: busyUri },
    });
    const source = new CancellationTokenSource();
    const first = document.request('documentSymbol', source).then(
      () => 'answered',
      (error: unknown) => (error instanceof ResponseError && error.code === -32800 ? 'cancelled' : 'failed'),
    );
    const start = now();
    await document.edit();
    source.cancel();
    await document.request('documentSymbol');
    newer.push(now() - start);
    await busy;
    await server.close(busyUri);
    const outcome = await first;
    if (outcome === 'cancelled') cancelled++;
    if (outcome === 'answered') staleAnswered++;
  }
  listener.dispose();
  await server.close(document.uri);
  const staleAnalyses = analysedVersions.filter((v) => overtaken.includes(v)).length;
  return {
    item: 'P',
    what: '5 MB: request overtaken by a newer edit is cancelled, its version not analysed',
    value: `${cancelled}/${rounds} cancelled, ${staleAnalyses}/${rounds} stale analyses`,
    target: `${rounds}/${rounds}, 0/${rounds}`,
    pass: cancelled === rounds && staleAnalyses === 0,
    note: `${staleAnswered} stale answers; newer request answered in p50 ${ms(median(newer))}, p99 ${ms(percentile(newer, 99))} (after the other document's analysis)`,
  };
}

/**
 * How long a hover on seed 000 waits while a pathological report is being analysed: hovers one
 * after another from the moment the large document's settings are read until its documentSymbol is
 * answered (text sent to the worker, analysis, analysis sent back, symbols made); the longest wait.
 */
async function blockingRow(server: TestServer, small: string, big: string, label: string): Promise<Row> {
  const seed = await openDocument(server, 'blocking-seed-000', small);
  await seed.request('hover');
  const huge = await openDocument(server, `blocking-${label}`, big);
  const bigStart = now();
  const asked = server.configurationRequests.length;
  let bigAnswered = false;
  const bigDone = huge.request('documentSymbol').then(() => {
    bigAnswered = true;
    return now() - bigStart;
  });
  // The server reads the document's settings, then analyses it: ask once the settings are read.
  while (server.configurationRequests.length === asked) await new Promise((resolve) => setImmediate(resolve));
  const waits: number[] = [];
  while (!bigAnswered) {
    const start = now();
    await seed.request('hover');
    waits.push(now() - start);
  }
  const bigMs = await bigDone;
  await server.close(huge.uri);
  await server.close(seed.uri);
  const longest = Math.max(...waits);
  return {
    item: 'P',
    what: `hover on seed 000 while a ${label} report is analysed (nothing blocks the editor): longest wait`,
    value: ms(longest),
    target: `< ${LATENCY_TARGET_MS} ms`,
    pass: meets(longest, { max: LATENCY_TARGET_MS }),
    note: `${waits.length} hovers while the ${label} documentSymbol took ${ms(bigMs)} (text sent to the server's worker thread in pieces, analysis back in parts); p50 ${ms(median(waits))}`,
  };
}

export async function editorSection(flags: Flags): Promise<Row[]> {
  const rows: Row[] = [];
  const seed000 = seeds().find((s) => s.name === 'seed 000');
  if (!seed000) throw new Error('seed 000 missing');
  const builder = new DocumentBuilder(corpus().map((r) => r.text));
  const server = TestServer.spawn();
  try {
    await server.initialize();
    const small = { warmup: 20, min: flags.quick ? 30 : 100, max: 200, budgetMs: flags.quick ? 1000 : 3000 };
    const large = { warmup: 20, min: flags.quick ? 5 : 20, max: 300, budgetMs: flags.quick ? 3000 : 15_000 };
    const fiveMb = builder.of(5 * MB);
    for (const place of ['prose', 'heading'] as const) {
      rows.push(...(await latencyRows(server, 'seed 000', seed000.text, small, place)));
      rows.push(...(await latencyRows(server, '5 MB report', fiveMb, large, place)));
    }
    rows.push(await cancellationRow(server, builder.of(5 * MB), 10));
    const bigSize = flags.quick ? 10 : 50;
    rows.push(await blockingRow(server, seed000.text, builder.of(bigSize * MB), `${bigSize} MB`));
    await server.shutdown();
  } finally {
    server.dispose();
  }
  return rows;
}
