/*
 * Report text printed to a terminal must not drive it: an escape sequence in a heading could clear
 * the screen, retitle the window, plant a hyperlink or recolour what follows. The human-readable
 * outputs (`check` text and `show`) pass every string from a report or a file name through
 * {@link terminalText}; JSON output escapes control characters by itself.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with every control character shown as a harmless visible one: C0 controls as their
 * control pictures (ESC as `␛`), DEL as `␡`, C1 controls as `�`, and the bidirectional embedding,
 * override and isolate controls (which can reorder what the terminal shows) as `�`. Tab and line
 * feed are kept; the formatters fold white space where a line must stay one line.
 */
export function terminalText(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
}

/** A copy of plain data (objects, arrays, strings, numbers) with every string made terminal-safe. */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => terminalSafe(item)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = terminalSafe(item);
    return out as T;
  }
  return value;
}
