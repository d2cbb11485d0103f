import {
  type DocumentSymbol,
  type Position,
  type Range,
  SymbolKind,
  type SymbolInformation,
} from 'vscode-languageserver';
import { editedLineOf, splicedLineOf } from '../core/edits';
import type { LineIndex, OutlineKind, OutlineNode, ReportModel, Span } from '../core/model';
import { fold } from '../core/text';
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
  const name = fold(node.name);
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

function toDocumentSymbol(
  lines: LineIndex,
  node: OutlineNode,
  children: DocumentSymbol[] = node.children.map((child) => toDocumentSymbol(lines, child)),
): DocumentSymbol {
  const { span, selection } = nodeSpans(node);
  const symbol: DocumentSymbol = {
    name: displayName(node),
    kind: KIND[node.kind],
    range: toRange(lines, span),
    selectionRange: toRange(lines, selection),
    children,
  };
  if (node.detail) symbol.detail = node.detail;
  return symbol;
}

/** Symbols already made for a model: by an earlier request, or by the analysis worker. */
const MADE = new WeakMap<ReportModel, DocumentSymbol[]>();

/**
 * An earlier model's symbols, and the lines edited since, for a model made by moving it (the same
 * tree, moved) or, when `spliced`, by splicing (a tree that may differ anywhere).
 */
interface Carried {
  readonly symbols: DocumentSymbol[];
  readonly lines: readonly number[];
  readonly spliced: boolean;
}

/** Models whose symbols can be carried over from an earlier model's (see {@link carryDocumentSymbols}). */
const CARRIED = new WeakMap<ReportModel, Carried>();

/** Most edits carried in a row without a request; past that the symbols are made anew. */
const MAX_CARRIED_EDITS = 64;

/** The report's outline as document symbols, made from the model alone. */
export function buildDocumentSymbols(model: ReportModel): DocumentSymbol[] {
  return model.outline.map((node) => toDocumentSymbol(model.lines, node));
}

/**
 * The report's outline as document symbols: `detail` is the node's grade, e.g. `Inadequate (4)`.
 * Made once per model (VS Code asks for them from several features); do not modify the result.
 * After an edit inside one line, the previous model's symbols are reused: only those whose range
 * reaches the edited line are made again.
 */
export function documentSymbols(model: ReportModel): DocumentSymbol[] {
  const made = MADE.get(model);
  if (made) return made;
  const carried = CARRIED.get(model);
  const symbols = !carried
    ? buildDocumentSymbols(model)
    : carried.spliced
      ? compareAll(carried.symbols, model.outline, model.lines, carried.lines)
      : (carryAll(carried.symbols, model.outline, model.lines, carried.lines) ?? buildDocumentSymbols(model));
  MADE.set(model, symbols);
  CARRIED.delete(model);
  return symbols;
}

/** Records the symbols of `model` made elsewhere (the analysis worker makes them for large documents). */
export function rememberDocumentSymbols(model: ReportModel, symbols: DocumentSymbol[]): void {
  MADE.set(model, symbols);
}

/**
 * Notes that `next` was made from `previous` after an edit inside one line (core/edits.ts), so that
 * its symbols can be `previous`'s with only those that changed made again: after a moved edit, those
 * reaching the edited line; after a spliced one, those whose name, detail or place differ (compared
 * one by one). Keeps the previous symbols, never the previous model.
 */
export function carryDocumentSymbols(previous: ReportModel, next: ReportModel): void {
  const moved = editedLineOf(next);
  const line = moved ?? splicedLineOf(next);
  if (line === undefined || MADE.has(next)) return;
  const made = MADE.get(previous);
  const base: Carried | undefined = made
    ? { symbols: made, lines: [], spliced: false }
    : CARRIED.get(previous);
  if (!base || base.lines.length >= MAX_CARRIED_EDITS) return;
  CARRIED.set(next, {
    symbols: base.symbols,
    lines: [...base.lines, line],
    spliced: base.spliced || moved === undefined,
  });
}

/**
 * The symbols of `nodes` (an outline made by splicing), reusing each of `old` that is the same:
 * paired in order, a symbol is reused when its kind, name and detail are the node's and its ranges
 * are the node's spans. A position on a line not edited since `old` was made is turned into an offset
 * by its line's start (line breaks did not move); one on an edited line never counts as the same.
 */
function compareAll(
  old: readonly DocumentSymbol[],
  nodes: readonly OutlineNode[],
  lines: LineIndex,
  edited: readonly number[],
): DocumentSymbol[] {
  let changed = old.length !== nodes.length;
  const out = new Array<DocumentSymbol>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as OutlineNode;
    const before = old[i];
    const after = before ? compareOne(before, node, lines, edited) : toDocumentSymbol(lines, node);
    if (after !== before) changed = true;
    out[i] = after;
  }
  return changed ? out : (old as DocumentSymbol[]);
}

function compareOne(
  old: DocumentSymbol,
  node: OutlineNode,
  lines: LineIndex,
  edited: readonly number[],
): DocumentSymbol {
  const children = compareAll(old.children ?? [], node.children, lines, edited);
  const { span, selection } = nodeSpans(node);
  const same =
    old.kind === KIND[node.kind] &&
    old.detail === (node.detail ? node.detail : undefined) &&
    rangeIs(old.range, span, lines, edited) &&
    rangeIs(old.selectionRange, selection, lines, edited) &&
    old.name === displayName(node);
  if (!same) return toDocumentSymbol(lines, node, children);
  return children === old.children ? old : { ...old, children };
}

/** True when `range` is `span`'s, read on lines not in `edited`. */
function rangeIs(range: Range, span: Span, lines: LineIndex, edited: readonly number[]): boolean {
  const { start, end } = range;
  if (edited.includes(start.line) || edited.includes(end.line)) return false;
  const offset = (position: Position): number =>
    position.line < lines.lineCount &&
    position.character <= lines.lineEnd(position.line) - lines.lineStart(position.line)
      ? lines.lineStart(position.line) + position.character
      : Number.NaN;
  return offset(start) === span.start && offset(end) === span.end;
}

/** `old` carried over to `nodes` (the same tree, moved), or undefined when the trees differ. */
function carryAll(
  old: DocumentSymbol[],
  nodes: readonly OutlineNode[],
  lines: LineIndex,
  edited: readonly number[],
): DocumentSymbol[] | undefined {
  if (old.length !== nodes.length) return undefined;
  let changed = false;
  const out = new Array<DocumentSymbol>(old.length);
  for (let i = 0; i < old.length; i++) {
    const before = old[i] as DocumentSymbol;
    const after = carryOne(before, nodes[i] as OutlineNode, lines, edited);
    if (!after) return undefined;
    if (after !== before) changed = true;
    out[i] = after;
  }
  return changed ? out : old;
}

function carryOne(
  old: DocumentSymbol,
  node: OutlineNode,
  lines: LineIndex,
  edited: readonly number[],
): DocumentSymbol | undefined {
  if (old.kind !== KIND[node.kind]) return undefined;
  const { start, end } = old.range;
  if (!edited.some((line) => start.line <= line && line <= end.line)) return old;
  const children = carryAll(old.children ?? [], node.children, lines, edited);
  if (!children) return undefined;
  const touches = (range: Range) =>
    edited.some((line) => line === range.start.line || line === range.end.line);
  if (!touches(old.range) && !touches(old.selectionRange)) {
    return children === old.children ? old : { ...old, children };
  }
  if (old.name !== displayName(node)) return undefined;
  const { span, selection } = nodeSpans(node);
  return { ...old, range: toRange(lines, span), selectionRange: toRange(lines, selection), children };
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
