import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { DocumentSymbol, MarkupContent } from 'vscode-languageserver';
import {
  distributionText,
  evidenceLabel,
  gradeLabel,
  markdownText,
  overallText,
  summaryMarkdown,
  viewMessage,
} from '../../client/src/summaryText';
import { analyse } from '../../server/src/core/analyse';
import { run, type CliIo } from '../../server/src/cli/main';
import { terminalText } from '../../server/src/cli/terminal';
import { diagnostics } from '../../server/src/handlers/diagnostics';
import { hover } from '../../server/src/handlers/hover';
import { escapeMarkdown } from '../../server/src/handlers/markdown';
import { reportSummary } from '../../server/src/handlers/summary';
import { documentSymbols } from '../../server/src/handlers/symbols';
import { sanitizeSettings } from '../../server/src/protocol/settings';
import { repoRoot } from '../support/fixtures';
import {
  assertLiteral,
  HOSTILE,
  HOSTILE_JUDGEMENTS,
  HOSTILE_REPORT,
  hostileText,
  markdown,
} from '../support/hostile';
import { NASTY } from '../support/mutations';

/*
 * Report text is shown, never run (issue 5, item 5). Report strings reach the user through hover
 * Markdown, symbol names, diagnostics, the summary request (rendered by the client as tree items
 * and the status item, both plain text), the Markdown that Copy Summary puts on the clipboard, the
 * CLI, the exports (exportFormat.test.ts, comparison.test.ts) and the Compare Reports webview,
 * which gets them as message data and inserts them as text (compareWebview.test.ts). A report
 * whose headings and table cells hold `<script>`, `<img onerror=...>`, `javascript:` links,
 * Markdown links and backticks (test/fixtures/hostile/hostile-report.txt) must come out literally
 * in each. Markdown is rendered with markdown-it, raw HTML allowed (stricter than VS Code, which
 * drops it): the result may hold only the markup the extension writes itself, no attribute at all,
 * and the report's text verbatim.
 */

const FIXTURE = HOSTILE_REPORT;
const TEXT = hostileText();
const SETTINGS = sanitizeSettings(undefined).settings;
const URI = 'file:///hostile/hostile-report.txt';

const analysis = analyse(TEXT);
const { model } = analysis;

describe('the hostile report', () => {
  test('is analysed, and its names are the text as written', () => {
    assert.equal(model.subject, HOSTILE.subject);
    assert.deepEqual(
      model.judgements.map((j) => j.name),
      HOSTILE_JUDGEMENTS,
    );
    assert.ok(model.judgements.every((j) => j.part === HOSTILE.part));
    assert.ok(analysis.findings.some((f) => f.code === 'record-mismatch' && f.message.includes(HOSTILE.img)));
  });

  test('the browser suite’s copy of its strings (test/e2e/ui/hostile.mjs) is the same', async () => {
    const copy = (await import(pathToFileURL(join(repoRoot(), 'test', 'e2e', 'ui', 'hostile.mjs')).href)) as {
      HOSTILE: Record<string, string>;
      HOSTILE_JUDGEMENTS: string[];
    };
    assert.deepEqual({ ...copy.HOSTILE }, { ...HOSTILE });
    assert.deepEqual([...copy.HOSTILE_JUDGEMENTS], HOSTILE_JUDGEMENTS);
    for (const text of Object.values(copy.HOSTILE)) assert.ok(TEXT.includes(text), text);
  });

  test('hover Markdown shows every name and grade literally', () => {
    let hovers = 0;
    for (const judgement of model.judgements) {
      for (const evidence of judgement.evidence) {
        const result = hover(model, evidence.gradeSpan.start);
        assert.ok(result, `a hover on ${evidence.text}`);
        const value = (result.contents as MarkupContent).value;
        const html = markdown.render(value);
        assertLiteral(html, ['p', 'strong', 'ul', 'li'], [judgement.name, judgement.part], judgement.name);
        assert.doesNotMatch(html, /<(script|img|iframe|a|style)\b/i);
        hovers++;
      }
    }
    assert.ok(hovers >= 8);
  });

  test('hover escaping holds for any string (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom(...NASTY)),
        (raw) => {
          // NUL is replaced by renderers; the rest must come back exactly, tags and all.
          const text = raw.replaceAll('\u0000', '');
          const html = markdown.render(`Judgement: **${escapeMarkdown(text)}**`);
          assertLiteral(html, ['p', 'strong'], [text], JSON.stringify(text));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  test('document symbols carry the names as plain text', () => {
    const names: string[] = [];
    const visit = (symbols: readonly DocumentSymbol[]) => {
      for (const symbol of symbols) {
        names.push(symbol.name);
        visit(symbol.children ?? []);
      }
    };
    visit(documentSymbols(model));
    for (const name of [HOSTILE.part, HOSTILE.script, HOSTILE.img, HOSTILE.links, HOSTILE.row])
      assert.ok(names.includes(name), `${name} among ${JSON.stringify(names)}`);
  });

  test('diagnostics and the summary request carry the strings as written', () => {
    const messages = diagnostics(URI, analysis, SETTINGS).map((d) => d.message);
    assert.ok(messages.some((m) => m.includes(HOSTILE.img) && m.includes(HOSTILE.part)));
    const summary = reportSummary(URI, 1, analysis, SETTINGS);
    assert.equal(summary.subject, HOSTILE.subject);
    assert.deepEqual(
      summary.parts.map((p) => p.name),
      [HOSTILE.part],
    );
    assert.deepEqual(
      summary.parts[0]?.judgements.map((j) => j.name),
      HOSTILE_JUDGEMENTS,
    );
  });

  test('the summary view’s words are plain text, unchanged', () => {
    const summary = reportSummary(URI, 1, analysis, SETTINGS);
    const judgements = summary.parts.flatMap((p) => p.judgements);
    // Tree item labels, descriptions and the view message are plain text in VS Code: no escaping
    // (which would show backslashes), the words as the report has them.
    for (const judgement of judgements) {
      assert.equal(gradeLabel(judgement), judgement.grade ?? 'not on scale');
      for (const evidence of judgement.evidence) assert.ok(evidenceLabel(evidence).endsWith(evidence.text));
    }
    assert.match(viewMessage(summary), /Adequate/);
    assert.equal(overallText(summary), 'Overall: Adequate');
    assert.ok(distributionText(summary).length > 0);
  });

  test('Copy Summary’s Markdown renders every report string literally', () => {
    const summary = reportSummary(URI, 1, analysis, SETTINGS);
    const html = markdown.render(summaryMarkdown(summary));
    assertLiteral(
      html,
      ['h1', 'h2', 'p', 'strong', 'em', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
      [model.title, HOSTILE.subject, HOSTILE.script, HOSTILE.img, HOSTILE.links, HOSTILE.row],
      'summary Markdown',
    );
    assert.doesNotMatch(html, /<(script|img|iframe|a|style)\b/i);
  });

  test('Markdown escaping of copied text holds for any string, in every place it is used (property)', () => {
    const places: [string, (text: string) => string, string[]][] = [
      ['heading', (t) => `# ${t}`, ['h1']],
      [
        'table cell',
        (t) => `| Judgement | Grade |\n| --- | --- |\n| ${t} | Good |`,
        ['table', 'thead', 'tbody', 'tr', 'th', 'td'],
      ],
      ['after a label', (t) => `**Subject:** ${t}  `, ['p', 'strong']],
      ['emphasis', (t) => `_${t}_`, ['p', 'em']],
    ];
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.constantFrom(...NASTY, HOSTILE.links)),
        fc.constantFrom(...places),
        (raw, [name, place, allowed]) => {
          const text = raw.replaceAll('\u0000', '');
          const escaped = markdownText(text);
          if (escaped === '') return;
          const html = markdown.render(place(escaped));
          assertLiteral(html, allowed, [text], `${name} ${JSON.stringify(text)}`);
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  });

  test('the CLI prints the strings literally: text, show and JSON', async () => {
    const outputs: string[] = [];
    for (const args of ['check', 'show', 'check --format json']) {
      let stdout = '';
      const io: CliIo = {
        stdout: { write: (text: string) => (stdout += text), isTTY: false },
        stderr: { write: () => true },
        env: { NO_COLOR: '1', COLUMNS: '400' },
        scriptDir: repoRoot(),
      };
      await run([...args.split(' '), FIXTURE], io);
      outputs.push(stdout);
    }
    const [text, show, json] = outputs as [string, string, string];
    assert.ok(text.includes(HOSTILE.img) && text.includes(HOSTILE.part), text);
    for (const name of [HOSTILE.subject, HOSTILE.part, HOSTILE.script, HOSTILE.img])
      assert.ok(show.includes(name), name);
    const parsed = JSON.parse(json) as { reports: { subject: string; judgements: { name: string }[] }[] };
    assert.equal(parsed.reports[0]?.subject, HOSTILE.subject);
    assert.deepEqual(
      parsed.reports[0]?.judgements.map((j) => j.name),
      HOSTILE_JUDGEMENTS,
    );
  });

  test('terminal escape sequences in a report are shown, not obeyed, by the CLI', () => {
    // ESC ] 8 (hyperlink), ESC [ 2 J (clear screen), a colour, a C1 CSI and a right-to-left override.
    const evil =
      'Safeguarding \u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007 \u001b[2J\u001b[31m\u009b31m\u202e';
    assert.equal(
      terminalText(evil),
      'Safeguarding \u241b]8;;https://evil.example\u2407click\u241b]8;;\u2407 \u241b[2J\u241b[31m\ufffd31m\ufffd',
    );
    assert.equal(
      terminalText('Tab\tand line\nstay; Arabic مرحبا stays'),
      'Tab\tand line\nstay; Arabic مرحبا stays',
    );
  });
});
