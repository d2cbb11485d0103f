import type { GradeMatch } from './grades';
import type { Heading } from './headings';
import type {
  Evidence,
  EvidenceSource,
  FrameworkId,
  Judgement,
  JudgementRole,
  Scale,
  ScaleEntry,
  Span,
} from './model';
import { coverage, nameKey, prepareName, similarity, type NameTokens } from './names';
import type { ProseStatement } from './prose';
import { alignRows, candidateScore, score } from './rowAlignment';
import { entryForNumber, entryForPhrase } from './scales';
import type { ParsedRow, ParsedTable } from './tables';

/**
 * Links the grades found in headings, grade lines, tables and prose into judgements: one per
 * graded aspect per part, matched by part, by order and by wording (DOMAIN.md section 2).
 */

/** A judgement while it is being assembled. */
interface Draft {
  name: string;
  partIndex: number;
  order: number;
  /** The line of `order`. */
  line: number;
  tokens: NameTokens;
  altTokens: NameTokens[];
  evidence: Evidence[];
  span: Span;
  headingIndex?: number;
  numbering?: string;
  fromHeading: boolean;
  rows: ParsedRow[];
}

/** Parts as [start offset, name]. */
export interface PartInfo {
  readonly name: string;
  readonly start: number;
}

/** Inputs to {@link linkJudgements}. */
export interface LinkInput {
  readonly scale: Scale;
  readonly framework: FrameworkId;
  readonly headings: readonly Heading[];
  readonly tables: readonly ParsedTable[];
  readonly prose: readonly ProseStatement[];
  readonly parts: readonly PartInfo[];
  /** End offset of each heading's section. */
  readonly sectionEnds: readonly number[];
  /** First line of every paragraph, ascending. */
  readonly paragraphStarts: readonly number[];
  /** The line (0-based) holding an offset. */
  readonly lineOf: (offset: number) => number;
}

/** What linking produced: judgements plus which table row and sentence went where. */
export interface LinkResult {
  readonly judgements: Judgement[];
  readonly rowJudgement: Map<ParsedRow, string>;
}

/** Resolves grade words or a `Grade N (label)` against the scale. */
export function resolveGrade(scale: Scale, match: GradeMatch): ScaleEntry | undefined {
  const byLabel = match.label !== undefined ? entryForPhrase(scale, match.label) : undefined;
  const byNumber = match.number !== undefined ? entryForNumber(scale, match.number) : undefined;
  if (match.label !== undefined && match.number !== undefined) {
    // A number and a label that disagree resolve to neither; grade-label-mismatch reports it.
    return byLabel && byNumber && byLabel === byNumber ? byLabel : undefined;
  }
  return byLabel ?? byNumber;
}

function evidenceOf(
  scale: Scale,
  source: EvidenceSource,
  span: Span,
  gradeSpan: Span,
  text: string,
  statedName: string,
  match: GradeMatch,
): Evidence {
  return {
    source,
    span,
    gradeSpan,
    text: text.replace(/\s+/g, ' ').trim(),
    statedName,
    grade: resolveGrade(scale, match),
    ...(match.number !== undefined ? { statedNumber: match.number } : {}),
    ...(match.label !== undefined && match.number !== undefined ? { statedLabel: match.label } : {}),
  };
}

/** The part holding `offset` (parts are in document order), or -1. */
function partIndexAt(parts: readonly PartInfo[], offset: number): number {
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((parts[mid] as PartInfo).start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first item whose key is greater than `value` in an ascending list. */
function firstAbove<T>(sorted: readonly T[], value: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(sorted[mid] as T) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How far (in lines) a table row or sentence looks for its judgement: a long report and its
 * neighbours. Lines, not characters, so that typing inside a line changes no distance.
 */
const WINDOW_LINES = 8_000;
const OPENING_SCORE = 0.5;
const PROSE_SCORE = 0.6;

/** Which judgements a framework expects when a report states them only in prose (news articles). */
const VOCABULARY: Partial<Record<FrameworkId, readonly string[]>> = {
  ilacs: [
    'Overall effectiveness',
    'The impact of leaders on social work practice with children and families',
    'The experiences and progress of children who need help and protection',
    'The experiences and progress of children in care and care leavers',
    'The experiences and progress of children in care',
    'The experiences and progress of care leavers',
  ],
  sif: [
    'Overall effectiveness',
    'Children who need help and protection',
    'Children looked after and achieving permanence',
    'Adoption performance',
    'Experiences and progress of care leavers',
    'Leadership, management and governance',
  ],
};

/** Links all evidence into judgements. */
export function linkJudgements(input: LinkInput): LinkResult {
  const { scale, headings, tables, prose, parts } = input;
  const drafts: Draft[] = [];
  const used = new Set<ProseStatement>();

  // 1. Graded headings, each with the opening sentence of its section when that restates it.
  headings.forEach((heading, h) => {
    if (!heading.grade) return;
    const name = heading.kind === 'headline' ? 'Overall effectiveness' : heading.name;
    const draft: Draft = {
      name,
      partIndex: partIndexAt(parts, heading.span.start),
      order: heading.span.start,
      line: input.lineOf(heading.span.start),
      tokens: prepareName(name),
      altTokens: [],
      evidence: [
        evidenceOf(
          scale,
          heading.grade.source,
          heading.grade.statementSpan,
          heading.grade.span,
          heading.grade.text,
          heading.name,
          heading.grade.match,
        ),
      ],
      span: heading.span,
      headingIndex: h,
      fromHeading: true,
      rows: [],
    };
    const end = input.sectionEnds[h] ?? Number.MAX_SAFE_INTEGER;
    let opening: ProseStatement | undefined;
    for (let k = firstAbove(prose, heading.span.end, (p) => p.span.start); k < prose.length; k++) {
      const p = prose[k] as ProseStatement;
      if (p.span.start >= end) break;
      if (p.sentence === 0 && !used.has(p)) {
        opening = p;
        break;
      }
    }
    const firstParagraph =
      input.paragraphStarts[firstAbove(input.paragraphStarts, heading.end, (line) => line)];
    if (opening && opening.paragraphLine === firstParagraph) {
      const subject = prepareName(opening.subject);
      const s = Math.max(
        score(subject, draft.tokens),
        /overall effectiveness|judge?ment for/i.test(opening.subject) && /overall/i.test(name) ? 1 : 0,
      );
      if (s >= OPENING_SCORE) {
        draft.evidence.push(proseEvidence(scale, opening));
        draft.altTokens.push(subject);
        used.add(opening);
      }
    }
    drafts.push(draft);
  });

  // 2. Summary-table rows: aligned in order to the body, then by best match.
  const rowJudgement = new Map<ParsedRow, Draft>();
  // The heading drafts are in document order: each table finds those near it by binary search.
  const lineOf = input.lineOf;
  const headingDraftLines = drafts.map((d) => d.line);
  for (const table of tables)
    alignTable(scale, table, drafts, headingDraftLines, parts, rowJudgement, lineOf);

  // 3. Sentences naming judgements that have no heading of their own.
  const haveStructure = drafts.length > 0;
  const open = drafts.filter((d) => !d.fromHeading).sort((a, b) => a.order - b.order);
  const openLines = open.map((d) => d.line);
  for (const statement of prose) {
    if (used.has(statement)) continue;
    const tokens = prepareName(statement.subject);
    if (tokens.tokens.length === 0) continue;
    const part = partIndexAt(parts, statement.span.start);
    let best: Draft | undefined;
    let bestScore = 0;
    let second = 0;
    const line = lineOf(statement.span.start);
    for (let k = firstAtOrAbove(openLines, line - WINDOW_LINES); k < open.length; k++) {
      const draft = open[k] as Draft;
      if ((openLines[k] as number) > line + WINDOW_LINES) break;
      if (parts.length > 0 && draft.partIndex !== part) continue;
      const s = candidateScore(tokens, draft);
      if (s > bestScore) {
        second = bestScore;
        bestScore = s;
        best = draft;
      } else if (s > second) second = s;
    }
    if (best && bestScore >= PROSE_SCORE && bestScore - second >= 0.05) {
      best.evidence.push(proseEvidence(scale, statement));
      used.add(statement);
    }
  }

  // 4. Reports with no grade structure at all: judgements the framework defines, stated in prose.
  const vocabulary = VOCABULARY[input.framework];
  if (!haveStructure && vocabulary) {
    const names = vocabulary.map((name) => ({ name, tokens: prepareName(name) }));
    for (const statement of prose) {
      if (used.has(statement) || statement.sentence > 1) continue;
      const tokens = prepareName(statement.subject);
      let best: { name: string; tokens: NameTokens } | undefined;
      let bestScore = 0;
      for (const candidate of names) {
        const s = Math.max(similarity(tokens, candidate.tokens), 0.9 * coverage(candidate.tokens, tokens));
        if (s > bestScore) {
          bestScore = s;
          best = candidate;
        }
      }
      if (!best || bestScore < 0.8) continue;
      const existing = drafts.find((d) => d.name === best.name);
      const evidence = proseEvidence(scale, statement);
      if (existing) existing.evidence.push(evidence);
      else
        drafts.push({
          name: best.name,
          partIndex: -1,
          order: statement.span.start,
          line: input.lineOf(statement.span.start),
          tokens: best.tokens,
          altTokens: [],
          evidence: [evidence],
          span: statement.span,
          fromHeading: false,
          rows: [],
        });
      used.add(statement);
    }
  }

  drafts.sort((a, b) => a.order - b.order);
  const judgements: Judgement[] = [];
  const idOf = new Map<Draft, string>();
  const seen = new Map<string, number>();
  for (const draft of drafts) {
    const partName = draft.partIndex >= 0 ? (parts[draft.partIndex] as PartInfo).name : '';
    const base = `${draft.partIndex >= 0 ? `p${draft.partIndex + 1}/` : ''}${nameKey(draft.name).replace(/ /g, '-').slice(0, 60) || 'judgement'}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    const id = count === 0 ? base : `${base}-${count + 1}`;
    idOf.set(draft, id);
    draft.evidence.sort((a, b) => a.span.start - b.span.start);
    const grade = majorityGrade(draft.evidence);
    const resolved = draft.evidence.map((e) => e.grade);
    const agrees = resolved.every((g) => g !== undefined && g === resolved[0]);
    judgements.push({
      id,
      name: draft.name,
      part: partName,
      partIndex: draft.partIndex,
      grade,
      evidence: draft.evidence,
      agrees,
      span: draft.span,
      role: roleOf(input.framework, draft),
    });
  }
  const rowIds = new Map<ParsedRow, string>();
  for (const [row, draft] of rowJudgement) {
    const id = idOf.get(draft);
    if (id) rowIds.set(row, id);
  }
  return { judgements, rowJudgement: rowIds };
}

/** Index of the first of `sorted` (ascending) that is `value` or more; `sorted.length` when none is. */
function firstAtOrAbove(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function proseEvidence(scale: Scale, statement: ProseStatement): Evidence {
  const match: GradeMatch = {
    start: 0,
    end: statement.gradeText.length,
    label: statement.gradeText,
    knownWord: true,
  };
  return evidenceOf(
    scale,
    'prose',
    statement.span,
    statement.gradeSpan,
    statement.gradeText,
    statement.subject,
    match,
  );
}

const SOURCE_WEIGHT: Record<EvidenceSource, number> = { 'grade-line': 4, heading: 3, table: 2, prose: 1 };

/** The grade most statements give; ties go to the grade line or heading, then the table. */
export function majorityGrade(evidence: readonly Evidence[]): ScaleEntry | undefined {
  const votes = new Map<ScaleEntry, { count: number; weight: number }>();
  for (const e of evidence) {
    if (!e.grade) continue;
    const v = votes.get(e.grade) ?? { count: 0, weight: 0 };
    v.count++;
    v.weight = Math.max(v.weight, SOURCE_WEIGHT[e.source]);
    votes.set(e.grade, v);
  }
  let best: ScaleEntry | undefined;
  let bestVote = { count: 0, weight: 0 };
  for (const [entry, vote] of votes) {
    if (vote.count > bestVote.count || (vote.count === bestVote.count && vote.weight > bestVote.weight)) {
      best = entry;
      bestVote = vote;
    }
  }
  return best;
}

/**
 * Judgements near `table` that hold none of its rows, in `drafts` order: only those near the table,
 * so that a document holding many reports stays linear. The first `sortedLines.length` drafts are
 * in order, on those lines.
 */
function candidatesFor(
  table: ParsedTable,
  drafts: readonly Draft[],
  sortedLines: readonly number[],
  lineOf: (offset: number) => number,
): Draft[] {
  const line = lineOf(table.span.start);
  const holdsNone = (d: Draft) => d.rows.length === 0 || !d.rows.some((r) => table.rows.includes(r));
  const out: Draft[] = [];
  const sorted = sortedLines.length;
  for (
    let k = firstAtOrAbove(sortedLines, line - WINDOW_LINES);
    k < sorted && (sortedLines[k] as number) <= line + WINDOW_LINES;
    k++
  ) {
    const d = drafts[k] as Draft;
    if (holdsNone(d)) out.push(d);
  }
  for (let k = sorted; k < drafts.length; k++) {
    const d = drafts[k] as Draft;
    if (Math.abs(d.line - line) <= WINDOW_LINES && holdsNone(d)) out.push(d);
  }
  return out;
}

function alignTable(
  scale: Scale,
  table: ParsedTable,
  drafts: Draft[],
  sortedLines: readonly number[],
  parts: readonly PartInfo[],
  rowJudgement: Map<ParsedRow, Draft>,
  lineOf: (offset: number) => number,
) {
  const rows = table.rows.filter((r) => r.grade);
  const rowTokens = rows.map((r) => prepareName(r.name));
  const candidates = candidatesFor(table, drafts, sortedLines, lineOf);
  const matches = alignRows(rowTokens, candidates);
  const matchOf = (r: number): Draft | undefined => candidates[matches[r] ?? -1];
  let lastPart = -1;
  let lastOrder = -1;
  const firstMatchedPart = matchOf(matches.findIndex((c) => c >= 0))?.partIndex ?? -1;
  rows.forEach((row, r) => {
    const grade = row.grade;
    if (!grade) return;
    const evidence = evidenceOf(scale, 'table', row.span, grade.span, grade.text, row.name, grade.match);
    const draft = matchOf(r);
    if (draft) {
      draft.evidence.push(evidence);
      draft.rows.push(row);
      rowJudgement.set(row, draft);
      lastPart = draft.partIndex;
      lastOrder = draft.order;
      return;
    }
    const partIndex = lastPart >= 0 ? lastPart : parts.length > 0 ? Math.max(0, firstMatchedPart) : -1;
    const order = lastOrder >= 0 ? lastOrder + 1 : row.span.start;
    lastOrder = order;
    const created: Draft = {
      name: row.name,
      partIndex,
      order,
      line: lineOf(order),
      tokens: rowTokens[r] ?? prepareName(''),
      altTokens: [],
      evidence: [evidence],
      span: row.span,
      fromHeading: false,
      rows: [row],
      ...(row.numbering !== undefined ? { numbering: row.numbering } : {}),
    };
    drafts.push(created);
    rowJudgement.set(row, created);
  });
  for (let r = 0; r < rows.length; r++) {
    const draft = matchOf(r);
    if (!draft) continue;
    const row = draft.rows[draft.rows.length - 1];
    if (row?.numbering !== undefined && draft.numbering === undefined) draft.numbering = row.numbering;
  }
}

function roleOf(framework: FrameworkId, draft: Draft): JudgementRole {
  const key = nameKey(draft.name);
  if (/previous inspection/.test(key)) return 'previous';
  if (/^(overall effectiveness|overall judgement)\b/.test(key) && !/ of services (to|in taking)/.test(key))
    return 'overall';
  switch (framework) {
    case 'ilacs':
    case 'social-care':
      if (/impact of leaders|leaders and managers|leadership/.test(key)) return 'leaders';
      if (/experiences and progress|help and protection|children in care|care leavers/.test(key))
        return 'practice';
      return 'sub';
    case 'sif':
      if (draft.numbering !== undefined) return /\./.test(draft.numbering) ? 'sub' : 'key';
      if (/adoption|care leavers|lscb/.test(key)) return 'sub';
      if (
        /help and protection|looked after and achieving permanence|leadership management and governance/.test(
          key,
        )
      )
        return 'key';
      return 'sub';
    case 'cqc':
      if (/^(are services )?(safe|effective|caring|responsive|well led)\b/.test(key)) return 'key';
      return 'sub';
    default:
      return 'sub';
  }
}
