/**
 * Escapes untrusted report text for a markdown hover: whitespace (line breaks included) is folded so
 * the text cannot open a new block, and every character markdown or HTML could act on is
 * backslash-escaped, so the text always renders literally and never as HTML.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&:="'$^%@]/g, (ch) => `\\${ch}`);
}
