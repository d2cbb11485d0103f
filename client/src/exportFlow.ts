import { type ExportFormat, exportBytes, exportFormatOf } from './exportFormat';

/**
 * The steps of an export, apart from the editor that provides them (exportFile.ts), so that the
 * rule "never overwrite without confirmation" is unit-tested: pick a file (unless one is given),
 * ask before replacing one that exists, and write only then. No vscode import.
 */

/** What an export needs from its host; `T` is the host's file handle (a `vscode.Uri`). */
export interface ExportHost<T> {
  /** Asks where to save (a save dialog); `undefined` when the user cancelled. */
  pickTarget(): Promise<T | undefined>;
  /** The file's name or path, whose extension picks the format. */
  nameOf(target: T): string;
  /** Whether something exists at `target` (when unsure, `true`: then the user is asked). */
  exists(target: T): Promise<boolean>;
  /** Asks whether to replace the existing `target`; `true` only when the user said so. */
  confirmReplace(target: T): Promise<boolean>;
  write(target: T, bytes: Uint8Array): Promise<void>;
}

/** How an export ended: written, cancelled in the dialog, or an existing file kept. */
export type ExportOutcome<T> =
  | { outcome: 'written'; target: T; format: ExportFormat }
  | { outcome: 'cancelled' }
  | { outcome: 'kept'; target: T };

/**
 * Exports `content` (the text for the format the target's name asks for) to a file the host picks,
 * or to `target` when given. An existing file is replaced only when the user confirms. Errors of
 * `write` reject.
 */
export async function runExport<T>(
  host: ExportHost<T>,
  content: (format: ExportFormat) => string,
  target?: T,
): Promise<ExportOutcome<T>> {
  const chosen = target ?? (await host.pickTarget());
  if (chosen === undefined) return { outcome: 'cancelled' };
  if ((await host.exists(chosen)) && !(await host.confirmReplace(chosen))) {
    return { outcome: 'kept', target: chosen };
  }
  const format = exportFormatOf(host.nameOf(chosen));
  await host.write(chosen, exportBytes(format, content(format)));
  return { outcome: 'written', target: chosen, format };
}
