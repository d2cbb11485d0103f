import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';

/** How long any one wait may take before the test fails (a guard, not a delay). */
export const WAIT_MS = 30_000;

/**
 * Resolves with `check()`'s first result that is not undefined: at once, or after one of `events`
 * fires. Rejects naming `what` when nothing came within `timeoutMs`.
 */
export function when<T>(
  events: vscode.Event<unknown>[],
  check: () => T | undefined,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      for (const subscription of subscriptions.splice(0)) subscription.dispose();
      settle();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    const test = () => {
      let value: T | undefined;
      try {
        value = check();
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (value !== undefined) finish(() => resolve(value));
    };
    for (const event of events) subscriptions.push(event(test));
    test();
  });
}

/** Resolves with the next value of `event` that `accept` takes (subscribe before acting). */
export function nextEvent<T>(
  event: vscode.Event<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const subscription = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}

/** A diagnostic's code as a string (`{ value, target }` when it links to its documentation). */
export function codeOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** Resolves with the document's diagnostics once `accept` takes them (now or after a change). */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
): Promise<vscode.Diagnostic[]> {
  return when(
    [vscode.languages.onDidChangeDiagnostics],
    () => {
      const diagnostics = vscode.languages.getDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    what,
  ).catch((error: unknown) => {
    const now = vscode.languages
      .getDiagnostics(uri)
      .map((d) => `${d.range.start.line + 1}: ${codeOf(d)} (${d.severity})`);
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}; diagnostics now: ${now.join(', ') || 'none'}`,
    );
  });
}

/** The 0-based number of the `nth` line (0-based count) equal to `text`, from line `from` on. */
export function lineOf(document: vscode.TextDocument, text: string, nth = 0, from = 0): number {
  let seen = 0;
  for (let line = from; line < document.lineCount; line++) {
    if (document.lineAt(line).text === text && seen++ === nth) return line;
  }
  throw new Error(`no line ${JSON.stringify(text)} (#${nth} from ${from}) in ${document.uri.toString()}`);
}

/** The range of `text` on a line of the document. */
export function rangeOn(document: vscode.TextDocument, line: number, text: string): vscode.Range {
  const start = document.lineAt(line).text.indexOf(text);
  if (start < 0) throw new Error(`line ${line + 1} does not contain ${JSON.stringify(text)}`);
  return new vscode.Range(line, start, line, start + text.length);
}

/** A document symbol with the name of its parent, for every symbol of a tree. */
export function flatten(
  symbols: readonly vscode.DocumentSymbol[],
  parent?: string,
): { symbol: vscode.DocumentSymbol; parent: string | undefined }[] {
  return symbols.flatMap((symbol) => [{ symbol, parent }, ...flatten(symbol.children, symbol.name)]);
}

/** The text of a hover's contents. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** The open document for `uri` now (a language change replaces the TextDocument object). */
export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find(
    (document) => document.uri.toString() === uri.toString() && !document.isClosed,
  );
}

/**
 * Waits until the main thread has handled every request the extension host sent before this
 * call: a language change requested earlier (by the extension reacting to an event) has then
 * been applied and reported back. Done with a request of the same kind on a scratch document.
 */
export async function settled(): Promise<void> {
  const scratch = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
  await vscode.languages.setTextDocumentLanguage(scratch, 'plaintext');
}

/**
 * The live processes (zombies left out) whose parent is this extension host and whose command line
 * names `script`: the language servers this extension host started from that file. vscode-languageclient
 * forks the server as `node <script> --node-ipc --clientProcessId=<extension host pid>`. Reads /proc
 * (Linux, where the e2e tests run).
 */
export function childProcessesRunning(script: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || Number(ppid) !== process.pid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes(script) && argv.includes(`--clientProcessId=${process.pid}`))
        found.push(Number(entry));
    } catch {
      // The process ended while it was being read.
    }
  }
  return found;
}

/** The offset of a position in `text` (lines end in \n or \r\n). */
export function offsetIn(text: string, position: vscode.Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) throw new Error(`line ${position.line + 1} is beyond the text`);
    offset = next + 1;
  }
  return offset + position.character;
}

/** The diagnostics as a string (code, severity, range, message of each, in order) to compare. */
export function diagnosticState(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(
    diagnostics.map((d) => [
      codeOf(d),
      d.severity,
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
      d.message,
    ]),
  );
}

/** The tests' strict CSV reader (test/support/csv.ts). */
export { parseCsv } from '../../support/csv';

/** A CSV cell as the exports write text: a leading apostrophe when a spreadsheet would read a formula. */
export function csvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
