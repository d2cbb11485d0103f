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
import { analyseEdit } from '../../server/src/core/edits';
import type { Analysis } from '../../server/src/core/model';
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
import { placesIn } from './editor';

/*
 * Item 2: peers on the same text. The reports are turned into markdown (the lines our outline shows
 * as headings get `#` marks by depth; nothing else changes), then:
 *  - vscode-markdown-languageservice document symbols, the engine behind VS Code's markdown outline,
 *    with markdown-it as its parser (as VS Code's markdown extension uses) and link definitions
 *    included (as VS Code asks); each run is a new document version announced to the service, as
 *    after an edit, so its per-document cache does not answer;
 *  - markdownlint (every default rule), the prose-linter shape: all of it re-run per change.
 * Ours is `analyse` on the plain report plus the conversion to LSP document symbols.
 *
 * Then, for the 1 and 10 MB reports, the same after a keystroke, as in the editor: a character
 * typed at the end of a prose line near the middle (the editor section's place) and deleted again,
 * turn by turn, in both texts. Ours re-analyses each version from the last one where the core
 * allows (`analyseEdit`, as the server does), else in full; the service tokenizes each new version
 * whole, as it does in VS Code.
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

/**
 * The smallest input compared after a keystroke. In none of the seeds does the editor section's
 * search ({@link placesIn}) find a prose line where the core re-analyses a typed character from
 * the last analysis, so each version of a seed is analysed whole (in under a millisecond) and its
 * row would repeat the one on whole texts.
 */
const KEYSTROKE_MIN_BYTES = 200_000;

/** A report and its markdown twin, each before and after a character is typed at the same place. */
interface Keystroke {
  /** The 0-based line typed at. */
  readonly line: number;
  /** The analysis of the report before the character is typed. */
  readonly analysis: Analysis;
  readonly texts: readonly [string, string];
  readonly markdowns: readonly [string, string];
}

/**
 * The editor section's prose place in `text` ({@link placesIn}), with `x` typed at its end in both
 * texts; undefined when the markdown twin's line differs there (it never should: only heading
 * lines change, and the place is in a paragraph).
 */
function keystrokeIn(text: string, markdown: string): Keystroke | undefined {
  const places = placesIn(text);
  const { line } = places.prose;
  const lines = places.analysis.model.lines;
  const markdownLines = markdown.split('\n');
  const markdownLine = markdownLines[line];
  const end = lines.lineEnd(line);
  if (markdownLine === undefined || markdownLine !== text.slice(lines.lineStart(line), end)) return undefined;
  let markdownEnd = markdownLine.length;
  for (let k = 0; k < line; k++) markdownEnd += (markdownLines[k] ?? '').length + 1;
  return {
    line,
    analysis: places.analysis,
    texts: [text, `${text.slice(0, end)}x${text.slice(end)}`],
    markdowns: [markdown, `${markdown.slice(0, markdownEnd)}x${markdown.slice(markdownEnd)}`],
  };
}

/**
 * Ours after each keystroke: the next version re-analysed from the last analysis when the core
 * allows, else in full, and its document symbols; counts how often the core allowed it.
 */
class TypedReport {
  private previous: Analysis;
  private typed = false;
  runs = 0;
  reused = 0;

  /** `first` is the analysis of `texts[0]`. */
  constructor(
    private readonly texts: readonly [string, string],
    first: Analysis,
  ) {
    this.previous = first;
  }

  symbols(): number {
    this.typed = !this.typed;
    const next = this.texts[this.typed ? 1 : 0];
    const edited = analyseEdit(this.previous, next, {});
    this.runs++;
    if (edited) this.reused++;
    this.previous = edited ?? analyse(next);
    return documentSymbols(this.previous.model).length;
  }
}

/** The row comparing ours and the service after a keystroke on `input`; undefined without a place to type. */
async function keystrokeRow(
  input: { readonly name: string; readonly text: string; readonly markdown: string },
  outline: MarkdownOutline,
  flags: Flags,
): Promise<Row | undefined> {
  const keystroke = keystrokeIn(input.text, input.markdown);
  if (!keystroke) return undefined;
  const report = new TypedReport(keystroke.texts, keystroke.analysis);
  let typed = false;
  const theirs = (): Promise<number> => {
    typed = !typed;
    return outline.symbols(keystroke.markdowns[typed ? 1 : 0]);
  };
  const measured = await measureSideBySideAsync(
    [async () => report.symbols(), theirs],
    repeatFor(bytes(input.text), flags.quick),
  );
  const [mine = [], others = []] = measured.times;
  const oursMs = median(mine);
  const theirsMs = median(others);
  return {
    item: '2',
    what: `${input.name}: after typing a character in prose, ours / markdown-language-service document symbols`,
    value: `${num(oursMs / theirsMs, 3)} (${faster(oursMs, theirsMs)})`,
    note: `ours ${ms(oursMs)} (${report.reused} of ${report.runs} versions re-analysed from the last one, the rest in full), theirs ${ms(theirsMs)} (each version tokenized whole); a character typed at the end of line ${keystroke.line + 1} and deleted again, turn by turn; median of ${mine.length} after ${measured.warmupRounds} warm-up runs of each; the target is the row above's, on whole texts`,
  };
}

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
    const keystroke =
      bytes(input.text) > KEYSTROKE_MIN_BYTES ? await keystrokeRow(input, outline, flags) : undefined;
    if (keystroke) {
      log(`${input.name} after a keystroke: ${keystroke.value}`);
      rows.push(keystroke);
    }
  }
  return rows;
}
