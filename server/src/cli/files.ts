import { isAscii, transcode } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Largest file the CLI reads: 100 MB. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

/** How many leading bytes are searched for NUL to tell a binary file. */
const SNIFF_BYTES = 8 * 1024;

/** A report file read as text. */
export interface LoadedFile {
  /** The path as shown to the user: the argument, or the folder argument joined with the found name. */
  readonly path: string;
  readonly text: string;
}

/** An input that could not be used, and why. */
export interface InputProblem {
  readonly path: string;
  readonly reason: string;
}

/** The outcome of {@link collectFiles}. */
export interface Collected {
  readonly files: readonly string[];
  readonly problems: readonly InputProblem[];
}

/** Bounds on searching folders, so a huge or pathological tree cannot run away. */
export interface WalkLimits {
  /** The most report files collected over all inputs; later ones are left out with a problem. */
  readonly maxFiles: number;
  /** The deepest folder searched below a folder given on the command line (the folder is depth 0). */
  readonly maxDepth: number;
}

/** 10,000 files, 32 folder levels. */
export const DEFAULT_WALK_LIMITS: WalkLimits = { maxFiles: 10_000, maxDepth: 32 };

/** What one folder search shares: the limits, what was found, what went wrong, where it has been. */
interface Walk {
  readonly limits: WalkLimits;
  readonly problems: InputProblem[];
  readonly visited: Set<string>;
  /** Collects a file (once), known by `key`, its absolute path. */
  readonly add: (file: string, key: string) => void;
  /** Whether the file whose absolute path is `key` is collected already. */
  readonly has: (key: string) => boolean;
  /** The number of files collected over all inputs so far. */
  readonly collected: () => number;
  found: number;
  tooDeep: boolean;
  tooMany: boolean;
}

/**
 * Expands the command-line inputs to report files: a file stands for itself, a folder for every
 * `*.txt` file below it (sorted; `node_modules` and dot-folders skipped; symbolic-link loops
 * followed once). A file named twice is kept once. Missing inputs and folders without reports
 * become problems; the rest still count. Searches stop at {@link WalkLimits} (more files than
 * `maxFiles`, folders deeper than `maxDepth`), each with one problem saying what was left out.
 */
export function collectFiles(inputs: readonly string[], limits: WalkLimits = DEFAULT_WALK_LIMITS): Collected {
  const files: string[] = [];
  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const add = (file: string, key: string): void => {
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (error) {
      problems.push({ path: input, reason: describeError(error) });
      continue;
    }
    if (!stat.isDirectory()) {
      add(input, path.resolve(input));
      continue;
    }
    const search: Walk = {
      limits,
      problems,
      visited: new Set(),
      add,
      has: (key) => seen.has(key),
      collected: () => files.length,
      found: 0,
      tooDeep: false,
      tooMany: false,
    };
    walk(input, 0, search);
    if (search.found === 0 && !search.tooMany)
      problems.push({ path: input, reason: 'no .txt files in this folder' });
    if (search.tooMany)
      problems.push({
        path: input,
        reason: `more than ${limits.maxFiles} .txt files; only the first ${limits.maxFiles} are checked`,
      });
    if (search.tooDeep)
      problems.push({
        path: input,
        reason: `folders nested more than ${limits.maxDepth} levels deep were not searched`,
      });
  }
  return { files, problems };
}

function walk(folder: string, depth: number, search: Walk): void {
  const { problems, visited, limits } = search;
  if (depth > limits.maxDepth) {
    search.tooDeep = true;
    return;
  }
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fs.realpathSync(folder);
    if (visited.has(real)) return;
    visited.add(real);
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: folder, reason: describeError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const shown = childPaths(folder, path.join);
  const absolute = childPaths(folder, path.resolve);
  for (const entry of entries) {
    if (search.tooMany) return;
    const full = shown(entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = fs.statSync(full);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // a dangling link found while walking is not the user's input: skip it
      }
    }
    if (isDirectory) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full, depth + 1, search);
    } else if (isFile && entry.name.toLowerCase().endsWith('.txt')) {
      const key = absolute(entry.name);
      if (search.collected() >= limits.maxFiles && !search.has(key)) {
        search.tooMany = true;
        return;
      }
      search.found++;
      search.add(full, key);
    }
  }
}

/**
 * `(name) => join(folder, name)` for the names a folder lists (never empty, `.` or `..`, and
 * without separators), `join` being `path.join` or `path.resolve`: the folder's part is worked out
 * once, not again for each of its entries (7 µs each, before V8 has optimised `path`).
 */
export function childPaths(
  folder: string,
  join: (folder: string, name: string) => string,
): (name: string) => string {
  const prefix = join(folder, CHILD).slice(0, -CHILD.length);
  return (name) => prefix + name;
}

/** Any name a folder may list, to find what joining a name to the folder puts before it. */
const CHILD = 'x';

/**
 * Reads one report as UTF-8 text, dropping a byte order mark. Refuses files over
 * {@link MAX_FILE_BYTES} (`too large`), files with a NUL byte in their first 8 KB
 * (`not a text file`) and anything but a regular file.
 */
export function readReport(file: string): LoadedFile | InputProblem {
  try {
    const loaded = readBytes(file);
    if (typeof loaded === 'string') return { path: file, reason: loaded };
    if (loaded.subarray(0, SNIFF_BYTES).includes(0)) return { path: file, reason: 'not a text file' };
    return { path: file, text: decodeUtf8(loaded) };
  } catch (error) {
    return { path: file, reason: describeError(error) };
  }
}

/**
 * A regular file's bytes, read through one descriptor (one look-up of the path), or why not. Opened
 * without blocking, so that a named pipe is refused instead of waiting for a writer.
 */
function readBytes(file: string): Buffer | string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return 'not a regular file';
    if (stat.size > MAX_FILE_BYTES) return `too large (${megabytes(stat.size)} MB; the limit is 100 MB)`;
    // A size of 0 may not be the truth (files of /proc, say): read those to their end.
    if (stat.size === 0) return fs.readFileSync(fd);
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    // A file that shrinks while it is read ends where it ends; one that grows is read to its old size.
    while (read < bytes.length) {
      const count = fs.readSync(fd, bytes, read, bytes.length - read, null);
      if (count === 0) break;
      read += count;
    }
    return bytes.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Largest file decoded through ICU ({@link decodeUtf8}): its UTF-16 copy, made before the string,
 * doubles what the decoding holds at its peak, which matters more than its speed on large files.
 */
const TRANSCODE_MAX_BYTES = 16 * 1024 * 1024;

/** The decoder for what ICU is not given; it keeps no state between calls made without `stream`. */
const UTF8 = new TextDecoder('utf-8');

/**
 * `new TextDecoder('utf-8').decode(bytes)`, faster: ASCII as Latin-1 (the same characters); other
 * valid UTF-8 up to {@link TRANSCODE_MAX_BYTES} through ICU's converter to UTF-16, which refuses
 * malformed input, left to `TextDecoder` and its U+FFFD replacements. The same text for any bytes
 * (a test compares them on 20,000 random byte strings), a leading byte order mark dropped as
 * `TextDecoder` drops it.
 */
export function decodeUtf8(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  if (bytes.length > TRANSCODE_MAX_BYTES) return UTF8.decode(bytes);
  let text: string;
  try {
    text = transcode(bytes, 'utf8', 'utf16le').toString('utf16le');
  } catch {
    return UTF8.decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** Turns a file-system error into a short reason a person understands. */
export function describeError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
