import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  COMPARE_TITLE,
  type CompareResources,
  compareHtml,
  compareWebviewOptions,
  contentSecurityPolicy,
  createNonce,
} from '../../client/src/compareHtml';
import { COMPARISON_COLUMNS, parseWebviewMessage } from '../../server/src/protocol/compare';
import { repoRoot } from '../support/fixtures';
import { tags } from '../support/hostile';

/*
 * The Compare Reports webview is locked down (issue 5, item 5): a static HTML shell under a strict
 * content security policy with a fresh nonce per render, scripts only from the extension's media/
 * folder, no command URIs or forms, report text delivered as message data and inserted as text,
 * and every message the webview posts validated before the extension acts on it.
 */

/** Resources as VS Code 1.100 gives them to a webview. */
const RESOURCES: CompareResources = {
  cspSource: "'self' https://*.vscode-cdn.net",
  scriptUri: 'https://file%2B.vscode-resource.vscode-cdn.net/ext/media/compare.js',
  styleUri: 'https://file%2B.vscode-resource.vscode-cdn.net/ext/media/compare.css',
  nonce: '0123456789abcdef0123456789abcdef',
};

const ROOT = repoRoot();
const html = compareHtml(RESOURCES);

describe('the webview HTML', () => {
  test('carries exactly the strict content security policy, first in <head>', () => {
    const policy = `default-src 'none'; img-src ${RESOURCES.cspSource}; style-src ${RESOURCES.cspSource}; script-src 'nonce-${RESOURCES.nonce}';`;
    assert.equal(contentSecurityPolicy(RESOURCES.cspSource, RESOURCES.nonce), policy);
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/g)];
    assert.equal(metas.length, 1);
    assert.equal(metas[0]?.[1]?.replace(/&#39;|&apos;/g, "'"), policy);
    // Before any element that loads something.
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'));
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|data:|blob:/);
  });

  test('every script carries the nonce, has a source from media/ and no inline code', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.equal(html.match(/<script\b/g)?.length, 1, 'no other script tag');
    for (const [, attributes = '', body] of scripts) {
      assert.match(attributes, new RegExp(`\\bnonce="${RESOURCES.nonce}"`));
      assert.match(
        attributes,
        new RegExp(`\\bsrc="${RESOURCES.scriptUri.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`),
      );
      assert.equal(body, '', 'no inline script');
    }
  });

  test('loads nothing but the given local resources: no remote URL, no inline style or handler', () => {
    const rest = html
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replaceAll(RESOURCES.scriptUri, '')
      .replaceAll(RESOURCES.styleUri, '');
    assert.doesNotMatch(rest, /https?:|\/\/|javascript:/i);
    const loaded = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(loaded.sort(), [RESOURCES.scriptUri, RESOURCES.styleUri].sort());
    for (const tag of tags(html)) {
      assert.doesNotMatch(tag.attributes, /\bon\w+\s*=|\bstyle\s*=/i, `<${tag.name} ${tag.attributes}>`);
    }
    assert.doesNotMatch(html, /<(iframe|object|embed|form|base|img)\b/i);
  });

  test('is static: the same for every render but for the nonce, and holds the ids the script uses', () => {
    const other = compareHtml({ ...RESOURCES, nonce: 'fedcba9876543210fedcba9876543210' });
    assert.equal(other.replaceAll('fedcba9876543210fedcba9876543210', RESOURCES.nonce), html);
    for (const id of ['compare', 'refresh', 'export', 'status', 'notes', 'empty', 'reports', 'rows'])
      assert.match(html, new RegExp(`id="${id}"`), id);
    for (const column of COMPARISON_COLUMNS)
      assert.match(html, new RegExp(`<button type="button" class="sort" data-column="${column}">`));
    assert.match(html, new RegExp(`<title>${COMPARE_TITLE}</title>`));
  });

  test('attribute values are escaped', () => {
    const hostile = compareHtml({ ...RESOURCES, scriptUri: '"><script>alert(1)</script>' });
    assert.equal(hostile.match(/<script\b/g)?.length, 1);
  });
});

describe('the nonce', () => {
  test('is 128 random bits, fresh for every render', () => {
    const nonces = Array.from({ length: 200 }, createNonce);
    for (const nonce of nonces) assert.match(nonce, /^[0-9a-f]{32}$/);
    assert.equal(new Set(nonces).size, nonces.length);
    // Every hex digit turns up in every position over 200 draws only if the bits vary.
    const digits = new Set(nonces.map((nonce) => nonce[0]));
    assert.ok(digits.size > 8, 'the first digit varies');
  });
});

describe('the webview options', () => {
  test('scripts on (the one script), command URIs and forms off, media/ the only resource root', () => {
    assert.deepEqual(compareWebviewOptions('/ext/media'), {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: ['/ext/media'],
    });
  });
});

describe('the webview script and stylesheet', () => {
  const script = readFileSync(join(ROOT, 'media', 'compare.js'), 'utf8');
  const style = readFileSync(join(ROOT, 'media', 'compare.css'), 'utf8');
  const code = script.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

  test('insert report text as text only: no HTML parsing, no eval, no remote loads', () => {
    assert.doesNotMatch(
      code,
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\b|new Function|setAttribute\(\s*['"]on|\.src\s*=|\.href\s*=|fetch\(|XMLHttpRequest|WebSocket|import\(/,
    );
    assert.match(code, /textContent/);
  });

  test('the stylesheet loads nothing and uses the theme colours', () => {
    assert.doesNotMatch(style, /url\(|@import|https?:/i);
    assert.match(style, /var\(--vscode-foreground\)/);
    assert.match(style, /var\(--vscode-editor-background\)/);
  });
});

describe('messages from the webview', () => {
  test('the five kinds are accepted as they are', () => {
    const valid = [
      { type: 'ready' },
      { type: 'refresh' },
      { type: 'export' },
      { type: 'open', uri: 'file:///work/report.txt' },
      ...COMPARISON_COLUMNS.map((column) => ({ type: 'sort', column, descending: true })),
    ];
    for (const message of valid) assert.deepEqual(parseWebviewMessage(message), message);
  });

  test('anything else is rejected', () => {
    const invalid: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      {},
      { type: 'READY' },
      { type: 'delete' },
      { type: 'ready', extra: true },
      { type: 'open' },
      { type: 'open', uri: '' },
      { type: 'open', uri: 7 },
      { type: 'open', uri: 'x'.repeat(8193) },
      { type: 'open', uri: 'file:///a', command: 'workbench.action.terminal.new' },
      { type: 'sort', column: 'title' },
      { type: 'sort', column: 'constructor', descending: false },
      { type: 'sort', column: 'title', descending: 'yes' },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
    ];
    for (const message of invalid)
      assert.equal(parseWebviewMessage(message), undefined, JSON.stringify(message) ?? String(message));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('random values are rejected unless they are well-formed messages (property)', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = parseWebviewMessage(value);
        if (parsed !== undefined) assert.deepEqual(parsed, value);
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});
