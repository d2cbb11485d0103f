import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Analysis, OutlineNode } from '../../server/src/core/model';

/** The repository root (the folder holding package.json), found from the compiled test's folder. */
export function repoRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'seeds'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error('repository root not found');
}

/** A sample report: its short name and path. */
export interface Fixture {
  readonly name: string;
  readonly path: string;
}

/** The five seeds and every corpus report, in a stable order. */
export function allFixtures(): Fixture[] {
  const root = repoRoot();
  const seeds = readdirSync(join(root, 'seeds'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: `seed-${f.slice(0, 3)}`, path: join(root, 'seeds', f) }));
  const corpusRoot = join(root, 'test', 'fixtures', 'corpus');
  const corpus = readdirSync(corpusRoot, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(corpusRoot, d.name))
        .filter((f) => f.endsWith('.txt') && f !== 'README.txt')
        .map((f) => ({ name: f.replace(/\.txt$/, ''), path: join(corpusRoot, d.name, f) })),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...seeds, ...corpus];
}

/** Reads a fixture as the editor would (UTF-8). */
export function readFixture(fixture: Fixture): string {
  return readFileSync(fixture.path, 'utf8');
}

/** A compact, reviewable account of an analysis, with 1-based lines, for golden files. */
export function summarise(analysis: Analysis): unknown {
  const { model, findings } = analysis;
  const line = (offset: number) => model.lines.positionAt(offset).line + 1;
  const outline = (nodes: readonly OutlineNode[]): unknown[] =>
    nodes.map((n) => {
      const head = `${n.kind} L${line(n.selectionSpan.start)}-${line(n.span.end)}: ${n.name}${n.detail ? ` => ${n.detail}` : ''}`;
      return n.children.length > 0 ? { [head]: outline(n.children) } : head;
    });
  return {
    title: model.title,
    subject: model.subject,
    framework: model.framework,
    scale: `${model.scale.source}: ${model.scale.entries.map((e) => (e.number !== undefined ? `${e.label} (${e.number})` : e.label)).join(', ')}`,
    outline: outline(model.outline),
    judgements: model.judgements.map(
      (j) =>
        `[${j.role}] ${j.part ? `${j.part} / ` : ''}${j.name} = ${j.grade?.label ?? '(none)'}${j.agrees ? '' : ' (DISAGREE)'} :: ${j.evidence
          .map((e) => `${e.source} L${line(e.gradeSpan.start)} "${e.text}"`)
          .join(' | ')}`,
    ),
    findings: findings.map((f) => `${f.severity} ${f.code} L${line(f.span.start)}: ${f.message}`),
  };
}
