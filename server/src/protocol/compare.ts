import * as z from 'zod/mini';

/**
 * The messages between the extension and the Compare Reports webview (media/compare.js), declared
 * once. The webview receives data only: every report string it shows arrives here, in a message,
 * and is inserted as text. What the webview posts back is untrusted input: it is parsed with
 * {@link parseWebviewMessage} (zod) before anything is done with it. `zod/mini` keeps the client
 * bundle small.
 */

/** The columns the comparison can be sorted by. */
export const COMPARISON_COLUMNS = [
  'title',
  'framework',
  'overall',
  'judgements',
  'problems',
  'file',
] as const;

/** A column the comparison can be sorted by. */
export type ComparisonColumn = (typeof COMPARISON_COLUMNS)[number];

/** How the rows are ordered. */
export interface ComparisonSort {
  column: ComparisonColumn;
  descending: boolean;
}

/**
 * Where a grade sits on its scale, from best to worst (client/src/summaryText.ts `gradeBand`): the
 * summary view and the comparison colour grades by it, so four-, five- and six-point scales look alike.
 */
export type GradeBand = 'best' | 'high' | 'middle' | 'low' | 'worst' | 'unknown';

/** A grade and how many judgements have it. */
export interface ComparisonGrade {
  label: string;
  /** 1 is the best grade of its scale. */
  rank: number;
  band: GradeBand;
  count: number;
}

/**
 * One file of the comparison: a report (`graded`: it states graded judgements; `ungraded`: it
 * states none, as letters often do) or a file that could not be compared (`skipped`, with the
 * reason in `note`).
 */
export interface ComparisonRow {
  /** The file's URI, as `vscode.Uri.toString()` gives it. */
  uri: string;
  /** The file's path relative to its workspace folder. */
  path: string;
  status: 'graded' | 'ungraded' | 'skipped';
  title: string;
  subject: string;
  /** The framework's id (`sif`, `ilacs`, ...) and its name. */
  framework: string;
  frameworkName: string;
  /** The overall judgement of each part that has one, as a grade; an unknown grade has rank 0. */
  overall: { label: string; rank: number; band: GradeBand }[];
  /** Graded judgements of this inspection (previous inspections' grades not counted). */
  judgements: number;
  /** Judgements per grade, in scale order (best first), including grades with none. */
  distribution: ComparisonGrade[];
  errors: number;
  warnings: number;
  /** Why the file was skipped, the analysis limit note, or that unsaved changes were compared. */
  note?: string;
}

/** What the webview shows. */
export interface ComparisonState {
  /** `scanning` while files are being read and analysed; `done` or `cancelled` after. */
  status: 'idle' | 'scanning' | 'done' | 'cancelled';
  rows: ComparisonRow[];
  /** Sentences about the comparison as a whole: limits reached, files left out, cancellation. */
  notes: string[];
  sort: ComparisonSort;
}

/** Messages the extension posts to the webview. */
export type ExtensionMessage =
  { type: 'state'; state: ComparisonState } | { type: 'progress'; done: number; total: number };

/** The longest URI the webview may send back (longer ones are malformed). */
const MAX_URI_LENGTH = 8192;

const webviewMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({ type: z.literal('refresh') }),
  z.strictObject({ type: z.literal('export') }),
  z.strictObject({
    type: z.literal('open'),
    uri: z.string().check(z.minLength(1), z.maxLength(MAX_URI_LENGTH)),
  }),
  z.strictObject({ type: z.literal('sort'), column: z.enum(COMPARISON_COLUMNS), descending: z.boolean() }),
]);

/**
 * Messages the webview posts: `ready` (loaded; send the state), `refresh`, `export`, `open` (a
 * row's file; only URIs of rows shown are opened), `sort`.
 */
export type WebviewMessage = z.infer<typeof webviewMessage>;

/** The message the webview posted, or `undefined` when it is not exactly one of {@link WebviewMessage}. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  const parsed = webviewMessage.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
