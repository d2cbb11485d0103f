import type { InputProblem } from './files';
import { jsonBeforeReport, jsonEnd, reportJson } from './formatJson';
import { showReportBlock } from './formatShow';
import { reportFindingsText } from './formatText';
import type { ReportView } from './reportView';
import { createStyle } from './style';
import { addTallies, summaryLine, tally, type Tally } from './summary';

/*
 * The CLI's output, made report by report: each report is formatted in the thread that analysed
 * it (a worker sends its text, not the report), and the main thread writes the parts in input
 * order as soon as each and those before it are ready, then the end (the summary line, or the JSON
 * document's errors). Whichever thread formats a report, and however the work is spread, the bytes
 * are the same.
 */

/** How the output looks: chosen by the main thread, applied wherever a report is formatted. */
export interface OutputOptions {
  /** `text` and `json` are `check`'s formats; `show` is the `show` command's. */
  readonly format: 'text' | 'json' | 'show';
  /** ANSI colours (text and show only). */
  readonly colour: boolean;
  /** The width `show` fits its lines into. */
  readonly width?: number;
}

/** One report's part of the output, and its findings counted. */
export interface ReportOutput {
  readonly text: string;
  readonly counts: Tally;
}

/** Formats one analysed report as its part of the output. */
export function reportOutput(report: ReportView, options: OutputOptions): ReportOutput {
  const style = createStyle(options.colour);
  const counts = tally([report]);
  switch (options.format) {
    case 'json':
      return { text: reportJson(report), counts };
    case 'show':
      return {
        text: showReportBlock(report, {
          style,
          ...(options.width === undefined ? {} : { width: options.width }),
        }),
        counts,
      };
    default:
      return { text: reportFindingsText(report, style), counts };
  }
}

/** Writes the reports' parts in the order given, then the end; counts their findings. */
export class OutputWriter {
  private counts: Tally = tally([]);

  constructor(
    private readonly write: (text: string) => unknown,
    private readonly options: OutputOptions,
  ) {}

  /** Writes the next report's part. */
  report(output: ReportOutput): void {
    const prefix = this.options.format === 'json' ? jsonBeforeReport(this.counts.reports) : '';
    this.counts = addTallies(this.counts, output.counts);
    if (prefix !== '' || output.text !== '') this.write(prefix + output.text);
  }

  /** Writes the end of the output; `problems` are the inputs not analysed, in order. */
  end(problems: readonly InputProblem[]): void {
    this.write(
      this.options.format === 'json'
        ? jsonEnd(this.counts.reports, problems)
        : `${summaryLine(this.counts)}\n`,
    );
  }

  /** The findings written so far, counted by severity. */
  totals(): Tally {
    return this.counts;
  }
}
