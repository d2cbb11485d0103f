import MarkdownIt from 'markdown-it';
import { lint } from 'markdownlint/sync';
import {
  createLanguageService,
  githubSlugifier,
  type ILogger,
  type IMdLanguageService,
  type ITextDocument,
  type IWorkspace,
  LogLevel,
} from 'vscode-markdown-languageservice';
import { CancellationTokenSource, Emitter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { analyse } from '../../server/src/core/analyse';
import { documentSymbols } from '../../server/src/handlers/symbols';
import {
  bytes,
  corpus,
  DocumentBuilder,
  type Flags,
  MB,
  median,
  meets,
  ms,
  num,
  type Row,
  seeds,
  size,
  timeRunsAsync,
  measureSideBySideAsync,
  toMarkdown,
} from './common';
import { repeatFor } from './core';

/*
 * Item 2: peers on the same text. The reports are turned into markdown (the lines our outline shows
 * as headings get `#` marks by depth; nothing else changes), then:
 *  - vscode-markdown-languageservice document symbols, the engine behind VS Code's markdown outline,
 *    with markdown-it as its parser (as VS Code's markdown extension uses) and link definitions
 *    included (as VS Code asks); each run is a new document version announced to the service, as
 *    after an edit, so its per-document cache does not answer;
 *  - markdownlint (every default rule), the prose-linter shape: all of it re-run per change.
 * Ours is `analyse` on the plain report plus the conversion to LSP document symbols.
 */

class BenchWorkspace implements IWorkspace {
  readonly changed = new Emitter<ITextDocument>();
  readonly onDidChangeMarkdownDocument = this.changed.event;
  readonly onDidCreateMarkdownDocument = new Emitter<ITextDocument>().event;
  readonly onDidDeleteMarkdownDocument = new Emitter<URI>().event;
  document: ITextDocument | undefined;
  get workspaceFolders(): readonly URI[] {
    return [URI.file('/bench')];
  }
  async getAllMarkdownDocuments(): Promise<Iterable<ITextDocument>> {
    return this.document ? [this.document] : [];
  }
  hasMarkdownDocument(resource: URI): boolean {
    return this.document?.uri === resource.toString();
  }
  async openMarkdownDocument(resource: URI): Promise<ITextDocument | undefined> {
    return this.hasMarkdownDocument(resource) ? this.document : undefined;
  }
  async stat(): Promise<undefined> {
    return undefined;
  }
  async readDirectory(): Promise<Iterable<readonly [string, { isDirectory: boolean }]>> {
    return [];
  }
}

const logger: ILogger = { level: LogLevel.Off, log: () => undefined };

/** The markdown language service over a one-document workspace. */
class MarkdownOutline {
  private readonly workspace = new BenchWorkspace();
  private readonly service: IMdLanguageService;
  private version = 0;
  constructor() {
    const md = new MarkdownIt({ html: true });
    this.service = createLanguageService({
      workspace: this.workspace,
      parser: { slugifier: githubSlugifier, tokenize: async (document) => md.parse(document.getText(), {}) },
      logger,
    });
  }
  /** Document symbols of `text` as a new version of the one document (as after an edit). */
  async symbols(text: string): Promise<number> {
    const document = TextDocument.create(
      URI.file('/bench/report.md').toString(),
      'markdown',
      ++this.version,
      text,
    );
    this.workspace.document = document;
    this.workspace.changed.fire(document);
    const source = new CancellationTokenSource();
    const symbols = await this.service.getDocumentSymbols(
      document,
      { includeLinkDefinitions: true },
      source.token,
    );
    return symbols.length;
  }
}

function markdownlint(text: string): number {
  const results = lint({ strings: { report: text } });
  return results['report']?.length ?? 0;
}

function ours(text: string): number {
  return documentSymbols(analyse(text).model).length;
}

const PEER_RATIO_TARGET = 0.1;

/** `3.2x faster` or `1.5x slower`. */
function faster(oursMs: number, theirsMs: number): string {
  return oursMs <= theirsMs ? `${num(theirsMs / oursMs)}x faster` : `${num(oursMs / theirsMs)}x slower`;
}

export async function peersSection(flags: Flags): Promise<Row[]> {
  const log = (text: string): boolean => process.stderr.write(`  peers: ${text}\n`);
  const rows: Row[] = [];
  const outline = new MarkdownOutline();
  const reports = corpus().map((r) => r.text);
  const builder = new DocumentBuilder(reports, reports.map(toMarkdown));
  const inputs = [
    ...seeds().map((s) => ({ name: s.name, text: s.text, markdown: toMarkdown(s.text) })),
    ...(flags.quick ? [1] : [1, 10]).map((mb) => ({
      name: `${mb} MB report`,
      text: builder.of(mb * MB),
      markdown: builder.twinOf(mb * MB),
    })),
  ];
  for (const input of inputs) {
    const repeat = repeatFor(bytes(input.text), flags.quick);
    let symbolsNote = '';
    let oursTimes: number[] = [];
    let symbolsTime = Number.NaN;
    let warmup = 0;
    try {
      const measured = await measureSideBySideAsync(
        [async () => ours(input.text), () => outline.symbols(input.markdown)],
        repeat,
      );
      const [mine = [], theirs = []] = measured.times;
      warmup = measured.warmupRounds;
      oursTimes = mine;
      symbolsTime = median(theirs);
      symbolsNote = `${await outline.symbols(input.markdown)} top-level symbols`;
    } catch (error) {
      oursTimes = await timeRunsAsync(async () => ours(input.text), repeat);
      symbolsNote = `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
    // markdownlint takes seconds per megabyte, more than linearly: a few runs at 1 MB, none beyond.
    const large = bytes(input.text) > 2 * MB;
    // Not warmed until steady: a run takes 5-60 ms, and it has no target.
    const lintRepeat =
      bytes(input.text) > 200_000
        ? { warmup: 1, min: 3, max: 3, budgetMs: 0 }
        : { warmup: repeat.warmup, min: repeat.min, max: repeat.max, budgetMs: repeat.budgetMs };
    const lintTimes = large ? [] : await timeRunsAsync(async () => markdownlint(input.markdown), lintRepeat);
    const oursMs = median(oursTimes);
    const lintMs = median(lintTimes);
    log(`${input.name}: ours ${ms(oursMs)}, markdown symbols ${ms(symbolsTime)}, markdownlint ${ms(lintMs)}`);
    const ratio = oursMs / symbolsTime;
    rows.push({
      item: '2',
      what: `${input.name} (${size(bytes(input.text))}): ours / markdown-language-service document symbols`,
      value: Number.isFinite(ratio) ? `${num(ratio, 3)} (${faster(oursMs, symbolsTime)})` : 'n/a',
      target: `<= ${PEER_RATIO_TARGET} (10x faster)`,
      pass: meets(ratio, { max: PEER_RATIO_TARGET }),
      note: `ours ${ms(oursMs)}, theirs ${ms(symbolsTime)} (${symbolsNote}); median of ${oursTimes.length} after ${warmup} warm-up runs of each`,
    });
    rows.push({
      item: '2',
      what: `${input.name}: ours / markdownlint (all default rules)`,
      value: large ? 'skipped' : `${num(oursMs / lintMs, 3)} (${faster(oursMs, lintMs)})`,
      note: large
        ? 'markdownlint needs about a minute for 10 MB on this machine: not run'
        : `markdownlint ${ms(lintMs)}, median of ${lintTimes.length}`,
    });
  }
  return rows;
}
