/** ANSI styling that collapses to plain text when colour is off. */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  blue(text: string): string;
}

/**
 * Colour is used only when the stream is a terminal, `NO_COLOR` is unset or empty
 * (https://no-color.org) and `TERM` is not `dumb`.
 */
export function colourWanted(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (stream.isTTY !== true) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  return env['TERM'] !== 'dumb';
}

/** Creates a {@link Style}; with `enabled` false every method returns its text unchanged. */
export function createStyle(enabled: boolean): Style {
  const sgr =
    (open: number, close: number) =>
    (text: string): string =>
      enabled && text !== '' ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    enabled,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    blue: sgr(34, 39),
    cyan: sgr(36, 39),
  };
}

/** Colours a severity word: errors red, warnings yellow, the rest blue or dim. */
export function styleSeverity(style: Style, severity: string): string {
  switch (severity) {
    case 'error':
      return style.bold(style.red(severity));
    case 'warning':
      return style.bold(style.yellow(severity));
    case 'information':
      return style.blue(severity);
    default:
      return style.dim(severity);
  }
}
