import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { repoRoot } from './fixtures';

/**
 * The hostile report (test/fixtures/hostile/hostile-report.txt): a small, real-shaped SLAC report
 * whose subject, part heading, section headings and table cells hold `<script>`, `<img onerror>`,
 * `javascript:` links, Markdown links, backticks and template syntax. Every place that shows report
 * text must show these strings literally. Shared by the unit, protocol and browser tests.
 */
export const HOSTILE_REPORT = join(repoRoot(), 'test', 'fixtures', 'hostile', 'hostile-report.txt');

/** The report's text. */
export function hostileText(): string {
  return readFileSync(HOSTILE_REPORT, 'utf8');
}

/** Strings of the hostile report, exactly as written in it. */
export const HOSTILE = {
  subject: 'Evil <script>alert(document)</script> Council',
  part: "The inspection outcomes: safeguarding services <img src=x onerror=alert('part')>",
  script: "Safeguarding <script>alert('heading')</script>",
  img: 'Leadership and management <img src=x onerror=alert(1)>',
  links:
    'Partnerships [Click me](javascript:alert(1)) `code` **bold** _em_ ${7*7} {{constructor}} $(bug) &amp; toString __proto__ hasOwnProperty',
  row: "<script>alert('row')</script> Capacity for improvement",
} as const;

/** The judgements of the hostile report, in order. */
export const HOSTILE_JUDGEMENTS = [
  'Overall effectiveness',
  HOSTILE.script,
  HOSTILE.img,
  HOSTILE.links,
  HOSTILE.row,
];

/** A Markdown renderer stricter than VS Code's: raw HTML is let through, so any leak shows. */
export const markdown = new MarkdownIt({ html: true, linkify: true });

/** Tags in rendered HTML, with any attributes they carry. */
export function tags(html: string): { name: string; attributes: string }[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => ({
    name: (m[1] ?? '').toLowerCase(),
    attributes: (m[2] ?? '').trim(),
  }));
}

/** The text a browser would show for rendered HTML: tags dropped, entities decoded, spaces folded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Asserts rendered HTML holds only `allowed` tags, no attributes, and each of `literal` as text. */
export function assertLiteral(
  html: string,
  allowed: readonly string[],
  literal: readonly string[],
  where: string,
): void {
  for (const tag of tags(html)) {
    assert.ok(allowed.includes(tag.name), `${where}: unexpected <${tag.name}> in ${html}`);
    assert.equal(tag.attributes, '', `${where}: attributes on <${tag.name}> in ${html}`);
  }
  const shown = visibleText(html);
  for (const text of literal) {
    const folded = text.replace(/\s+/g, ' ').trim();
    assert.ok(shown.includes(folded), `${where}: ${JSON.stringify(text)} not shown in ${shown}`);
  }
}
