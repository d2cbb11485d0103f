/**
 * When the language server crashes: restart it, a bounded number of times, and tell the user once,
 * plainly, when it is given up. Pure (no vscode import) so it is unit-tested; languageClient.ts
 * turns its decisions into the language client's error-handler results.
 */

/** What to do after the connection to the server closed unexpectedly. */
export interface CrashDecision {
  /** Start the server again. */
  readonly restart: boolean;
  /** A line for the output channel. */
  readonly log: string;
  /** The one message to show the user, when there is one to show. */
  readonly tell?: string;
}

/** What to do after an error on the connection (a message that could not be written or read). */
export interface ConnectionErrorDecision {
  /** Keep the connection; otherwise shut the server down. */
  readonly carryOn: boolean;
  readonly log: string;
  readonly tell?: string;
}

/** The command a user runs to try again, as the palette shows it. */
export const RESTART_COMMAND_TITLE = 'Inspection Report: Restart Language Server';

/**
 * Restarts the server after each crash unless it has crashed more than `maxRestarts` times within
 * `windowMs`; then it stays stopped and the user is told once, naming the command that starts it
 * again. Connection errors are tolerated up to three in a row (as the language client's default
 * handler does), then the server is shut down with the same message, also shown once.
 */
export class CrashPolicy {
  private crashes: number[] = [];
  private told = false;

  constructor(
    readonly maxRestarts = 3,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The connection closed without a shutdown: the server crashed or was killed. */
  closed(): CrashDecision {
    const at = this.now();
    this.crashes = this.crashes.filter((time) => at - time < this.windowMs);
    this.crashes.push(at);
    const count = this.crashes.length;
    if (count <= this.maxRestarts) {
      return {
        restart: true,
        log: `The language server stopped unexpectedly; restarting it (restart ${count} of at most ${this.maxRestarts} in ${minutes(this.windowMs)}).`,
      };
    }
    const message = `The Inspection Report language server stopped unexpectedly ${count} times in ${minutes(this.windowMs)}, so it has not been restarted. Outlines, problems and the summary are unavailable until you run "${RESTART_COMMAND_TITLE}".`;
    return { restart: false, log: message, ...this.once(message) };
  }

  /** An error on the connection; `count` is how many in a row (the client resets it on success). */
  connectionError(count: number | undefined): ConnectionErrorDecision {
    if (count !== undefined && count <= 3) {
      return { carryOn: true, log: `A message to or from the language server failed (${count} in a row).` };
    }
    const message = `The Inspection Report language server stopped responding and has been shut down. Run "${RESTART_COMMAND_TITLE}" to start it again.`;
    return { carryOn: false, log: message, ...this.once(message) };
  }

  private once(message: string): { tell?: string } {
    if (this.told) return {};
    this.told = true;
    return { tell: message };
  }
}

function minutes(ms: number): string {
  const n = Math.round(ms / 60_000);
  return n === 1 ? '1 minute' : `${n} minutes`;
}
