import { type DocumentSymbol, SymbolKind, type SymbolInformation } from 'vscode-languageserver';
import type { LineIndex, OutlineKind, OutlineNode, ReportModel, Span } from '../core/model';
import { toRange } from './ranges';

/** The LSP symbol kind (and so the icon) each outline kind is shown with. */
const KIND: Record<OutlineKind, SymbolKind> = {
  title: SymbolKind.File,
  contents: SymbolKind.Array,
  part: SymbolKind.Namespace,
  section: SymbolKind.Class,
  subsection: SymbolKind.Method,
  judgement: SymbolKind.Field,
  table: SymbolKind.Struct,
  scale: SymbolKind.Enum,
  note: SymbolKind.String,
};

/** Most workspace symbols returned for one query. */
const MAX_WORKSPACE_SYMBOLS = 1000;

/** Clients reject empty symbol names. */
function displayName(node: OutlineNode): string {
  const name = node.name.replace(/\s+/g, ' ').trim();
  return name.length > 0 ? name : `(${node.kind})`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** The node's span made well-formed, and its selection span clamped inside it. */
function nodeSpans(node: OutlineNode): { span: Span; selection: Span } {
  const span = { start: node.span.start, end: Math.max(node.span.start, node.span.end) };
  const start = clamp(node.selectionSpan.start, span.start, span.end);
  const end = clamp(node.selectionSpan.end, start, span.end);
  return { span, selection: { start, end } };
}

function toDocumentSymbol(lines: LineIndex, node: OutlineNode): DocumentSymbol {
  const { span, selection } = nodeSpans(node);
  const symbol: DocumentSymbol = {
    name: displayName(node),
    kind: KIND[node.kind],
    range: toRange(lines, span),
    selectionRange: toRange(lines, selection),
    children: node.children.map((child) => toDocumentSymbol(lines, child)),
  };
  if (node.detail) symbol.detail = node.detail;
  return symbol;
}

/** Symbols already made for a model: by an earlier request, or by the analysis worker. */
const MADE = new WeakMap<ReportModel, DocumentSymbol[]>();

/**
 * The report's outline as document symbols: `detail` is the node's grade, e.g. `Inadequate (4)`.
 * Made once per model (VS Code asks for them from several features); do not modify the result.
 */
export function documentSymbols(model: ReportModel): DocumentSymbol[] {
  const made = MADE.get(model);
  if (made) return made;
  const symbols = model.outline.map((node) => toDocumentSymbol(model.lines, node));
  MADE.set(model, symbols);
  return symbols;
}

/** Records the symbols of `model` made elsewhere (the analysis worker makes them for large documents). */
export function rememberDocumentSymbols(model: ReportModel, symbols: DocumentSymbol[]): void {
  MADE.set(model, symbols);
}

/** True when every character of the query occurs in the name, in order (case-insensitive). */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const n = name.toLowerCase();
  let at = 0;
  for (const ch of q) {
    at = n.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** One open document's model, for {@link workspaceSymbols}. */
export interface SymbolSource {
  readonly uri: string;
  readonly model: ReportModel;
}

/**
 * Every outline node of every open report whose name matches the query (substring matches first,
 * then fuzzy ones), with its parent's name as container.
 */
export function workspaceSymbols(sources: readonly SymbolSource[], query: string): SymbolInformation[] {
  const exact: SymbolInformation[] = [];
  const fuzzy: SymbolInformation[] = [];
  const needle = query.trim().toLowerCase();
  const visit = (source: SymbolSource, node: OutlineNode, container: string | undefined): void => {
    const name = displayName(node);
    const lower = name.toLowerCase();
    const bucket = lower.includes(needle) ? exact : fuzzyMatch(needle, lower) ? fuzzy : undefined;
    if (bucket) {
      const symbol: SymbolInformation = {
        name,
        kind: KIND[node.kind],
        location: { uri: source.uri, range: toRange(source.model.lines, nodeSpans(node).span) },
      };
      if (container !== undefined) symbol.containerName = container;
      bucket.push(symbol);
    }
    for (const child of node.children) visit(source, child, name);
  };
  for (const source of sources) for (const node of source.model.outline) visit(source, node, undefined);
  return [...exact, ...fuzzy].slice(0, MAX_WORKSPACE_SYMBOLS);
}
