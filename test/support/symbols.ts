import type { DocumentSymbol, Position, Range } from 'vscode-languageserver-protocol';

/** Every symbol of a tree, parents before children, each with its parent's name. */
export function flattenSymbols(
  symbols: readonly DocumentSymbol[],
  parent?: string,
): { symbol: DocumentSymbol; parent: string | undefined }[] {
  return symbols.flatMap((symbol) => [
    { symbol, parent },
    ...flattenSymbols(symbol.children ?? [], symbol.name),
  ]);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** True when `inner` lies inside `outer`. */
export function rangeContains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
