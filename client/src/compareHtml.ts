/**
 * The Compare Reports webview's HTML shell and options. The shell is static: no report text is
 * ever written into it; the script (media/compare.js) receives the data by message and inserts it
 * as text. The content security policy allows nothing but the extension's own stylesheet, images
 * and the one script carrying this render's nonce. Pure functions, no vscode import (unit-tested).
 */

/** The webview's resources, as the webview must load them (`webview.asWebviewUri`, `cspSource`). */
export interface CompareResources {
  /** `webview.cspSource`: the origin of the extension's local resources. */
  cspSource: string;
  /** media/compare.js as a webview URI. */
  scriptUri: string;
  /** media/compare.css as a webview URI. */
  styleUri: string;
  /** A fresh {@link createNonce} for this render. */
  nonce: string;
}

/** The webview's title (its editor tab). */
export const COMPARE_TITLE = 'Compare Reports';

/** A nonce for the content security policy: 128 random bits as 32 hexadecimal digits. */
export function createNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The content security policy of the webview, for `nonce`. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource}; style-src ${cspSource}; script-src 'nonce-${nonce}';`;
}

/** Text made safe inside a double-quoted HTML attribute. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A sortable column header: the column's id and its words. */
const COLUMNS: readonly [string, string][] = [
  ['title', 'Report'],
  ['framework', 'Framework'],
  ['overall', 'Overall'],
  ['judgements', 'Judgements by grade'],
  ['problems', 'Errors / warnings'],
  ['file', 'File'],
];

/**
 * The webview's HTML: a toolbar (Refresh, Export…), a status line, a notes list and an empty
 * table, then the script. Element ids and classes are what media/compare.js and the browser
 * tests use.
 */
export function compareHtml(resources: CompareResources): string {
  const nonce = attribute(resources.nonce);
  const headers = COLUMNS.map(
    ([column, words]) =>
      `<th scope="col" data-column="${column}" aria-sort="none">` +
      `<button type="button" class="sort" data-column="${column}">${words}</button></th>`,
  ).join('\n          ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(resources.cspSource, resources.nonce))}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <link rel="stylesheet" href="${attribute(resources.styleUri)}" />
    <title>${COMPARE_TITLE}</title>
  </head>
  <body>
    <main id="compare">
      <div class="toolbar" role="toolbar" aria-label="Comparison">
        <button type="button" id="refresh">Refresh</button>
        <button type="button" id="export" class="secondary">Export…</button>
        <span id="status" role="status" aria-live="polite"></span>
      </div>
      <ul id="notes"></ul>
      <p id="empty" hidden>No inspection reports were found in the workspace.</p>
      <table id="reports" aria-label="Inspection reports in the workspace">
        <thead>
          <tr>
          ${headers}
          </tr>
        </thead>
        <tbody id="rows"></tbody>
      </table>
    </main>
    <script nonce="${nonce}" src="${attribute(resources.scriptUri)}"></script>
  </body>
</html>
`;
}

/**
 * The webview's options: scripts only because the one script is needed, no command URIs, no
 * forms, and local resources from the extension's `media/` folder alone. Generic over the URI
 * type so that it is tested without vscode.
 */
export function compareWebviewOptions<U>(mediaFolder: U): {
  enableScripts: true;
  enableCommandUris: false;
  enableForms: false;
  localResourceRoots: U[];
} {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [mediaFolder],
  };
}
