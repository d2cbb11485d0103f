/**
 * Writing tables as CSV and values as JSON, for the export commands. Pure functions, no vscode
 * import (unit-tested). Report text is untrusted: CSV cells are quoted as RFC 4180 says and cells
 * a spreadsheet would read as a formula are neutralised; JSON is `JSON.stringify`, which escapes
 * everything that needs it.
 */

/** The formats a view can be exported as. */
export type ExportFormat = 'csv' | 'json';

/** A CSV cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | undefined;

/** Characters that make a spreadsheet read a cell as a formula when they open it. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Characters that make a CSV field need quotes. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field. Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 * apostrophe, so that spreadsheets show it instead of evaluating it (CSV injection); text holding
 * a comma, a quote or a line break is quoted, with quotes doubled. Numbers are written as they are
 * (a negative number is a number, not a formula); non-finite numbers as empty cells.
 */
export function csvCell(value: CsvCell): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A table as CSV: the header row, then one line per row, CRLF line ends (RFC 4180). */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** A value as pretty-printed JSON with a final line break. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** The format a file name asks for: JSON for `.json`, CSV otherwise. */
export function exportFormatOf(fileName: string): ExportFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'csv';
}

/**
 * The bytes of an export: UTF-8, with a byte order mark for CSV, without which spreadsheet programs
 * read the file in a legacy code page and mangle curly quotes and accented names.
 */
export function exportBytes(format: ExportFormat, text: string): Uint8Array {
  return new TextEncoder().encode(format === 'csv' ? `\uFEFF${text}` : text);
}

/** The longest file name {@link fileNameFrom} makes, without its extension. */
const MAX_NAME_LENGTH = 60;

/**
 * A file name made from report text (a subject, a title) for the save dialog's suggestion: letters,
 * digits, spaces, dots, hyphens and underscores only (no path separators, no markup), at most 60
 * characters, never starting with a dot; `fallback` when nothing usable remains.
 */
export function fileNameFrom(text: string, fallback: string): string {
  const name = text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_NAME_LENGTH)
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return name === '' ? fallback : name;
}
