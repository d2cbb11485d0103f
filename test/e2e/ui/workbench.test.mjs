// UI tests: the packaged extension, installed from its .vsix into VS Code 1.100.3 (code-server),
// used through the web workbench in headless Chromium as a person would: open a seed from the
// Explorer, read the Outline and click a symbol, type a wrong grade and open the Problems panel,
// apply the quick fix and undo it with one Ctrl+Z, open the summary panel from the activity bar
// and click a judgement, hover a grade. Then the hostile report (test/fixtures/hostile): its
// headings, judgement names and hovers must show `<script>`, `<img onerror>` and `javascript:`
// links as text, and nothing in it may run. Then Compare Reports, from the command palette: its
// webview lists every report with what the command-line tool says of it, shows the hostile
// strings as text under a strict nonce-based CSP with nothing but its own script and stylesheet,
// sorts, opens a report, comes back from its saved state, and exports CSV and JSON through its
// Export button, asking before it replaces a file. Each step saves a screenshot (NN-step.png;
// NN-step.FAILED.png when the step failed), and fails if a JavaScript dialog opened while it ran,
// or any frame (the webviews' too) called alert, confirm or prompt or reported a Content Security
// Policy violation.
//
// Run by scripts/e2e/run-e2e.mjs, which installs the .vsix, starts code-server on 127.0.0.1 and
// passes E2E_WORKBENCH_URL (the workbench with the workspace folder open), E2E_WORKSPACE (that
// folder: a copy of seeds/ and of the hostile reports), E2E_SCREENSHOTS and E2E_BROWSER_PROFILE
// (folders). Every wait is on something appearing in the page (Playwright locators); no fixed delays.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../../scripts/e2e/code-server.mjs';
import { HOSTILE, HOSTILE_JUDGEMENTS } from './hostile.mjs';

const { E2E_WORKBENCH_URL, E2E_WORKSPACE, E2E_SCREENSHOTS, E2E_BROWSER_PROFILE } = process.env;
if (!E2E_WORKBENCH_URL || !E2E_WORKSPACE || !E2E_SCREENSHOTS || !E2E_BROWSER_PROFILE) {
  throw new Error('Run the UI tests with `npm run test:e2e:ui` (scripts/e2e/run-e2e.mjs ui).');
}

const SEED = '000_94ff8a5dc515caf5.txt';
/** The hostile report, as run-e2e.mjs copies it into the workspace. */
const HOSTILE_FILE = 'hostile-report.txt';
/** A function giving the 1-based number of the `nth` line (from 0) equal to `text`, below line `from` (1-based). */
function lineNumbers(file) {
  const lines = readFileSync(path.join(E2E_WORKSPACE, file), 'utf8').split(/\r?\n/);
  return (text, nth = 0, from = 0) => {
    let seen = 0;
    for (let index = from; index < lines.length; index++) {
      if (lines[index] === text && seen++ === nth) return index + 1;
    }
    throw new Error(`no line ${JSON.stringify(text)} #${nth} in ${file}`);
  };
}
const lineNumber = lineNumbers(SEED);
const PART_2 = lineNumber('The inspection outcomes: services for looked after children');
const CAPACITY_1 = lineNumber('Capacity for improvement');
const OVERALL_GRADE_1 = lineNumber('Grade 4 (inadequate)');
const CAPACITY_2 = lineNumber('Capacity for improvement', 0, PART_2);
const hostileLine = lineNumbers(HOSTILE_FILE);
/** The grade line of the judgement headed `<img onerror>` in the hostile report (its only such line). */
const HOSTILE_IMG_GRADE = hostileLine('Grade 4 (inadequate)', 0, hostileLine(HOSTILE.img));

/**
 * Elements that report text must never become: anything that runs, loads, links or restyles.
 * Checked inside the views that show the hostile report, where none of them belongs (the lists'
 * own <style> elements sit beside their rows, so styles are looked for in rows and hovers only).
 */
const INJECTED = [
  'script',
  'img',
  'iframe',
  'object',
  'embed',
  '[onerror]',
  '[onload]',
  'a[href^="javascript:" i]',
  '.monaco-list-row style',
  '.monaco-hover-content style',
].join(', ');
/** The same, page-wide: what the hostile report would add to the window if it were rendered as HTML. */
const INJECTED_ANYWHERE =
  'img[src="x"], [onerror*="alert"], a[href^="javascript:" i], iframe[src*="example.com"], style:has-text("body{display:none}")';

/** Text as shown, with no-break spaces as spaces (VS Code writes Markdown text's spaces as &nbsp;). */
const plain = (text) => (text ?? '').replace(/\u00a0/g, ' ');

/** `text` as a regular expression source matching it literally; spaces match any space. */
const literally = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s');

const STEP_TIMEOUT = 60_000;
const WAIT = { timeout: 30_000 };

/** The report whose title is a spreadsheet formula (test/fixtures/hostile), as run-e2e.mjs copies it. */
const FORMULA_FILE = 'formula.report.txt';
/** The command-line tool, built with the packaged extension from the same sources. */
const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));
/** Where Export… suggests saving the comparison: the workspace folder, under this name. */
const COMPARISON_CSV = path.join(E2E_WORKSPACE, 'inspection-report-comparison.csv');
const COMPARISON_JSON = path.join(E2E_WORKSPACE, 'inspection-report-comparison.json');
/** Cells a spreadsheet would read as a formula; the export writes them with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** An image address no webview may load: asked for on purpose, to see the blocked load reported. */
const CANARY_IMAGE = 'https://csp-canary.invalid/blocked.png';

/**
 * What the command-line tool (the same core as the language server) says about each `.txt` file of
 * the workspace, as the Compare Reports row of that file must show it, by file name: title, subject,
 * framework, the overall judgements' grades, graded judgements per grade of the scale (previous
 * inspections' not counted), errors and warnings.
 */
function rowsFromCli() {
  const files = readdirSync(E2E_WORKSPACE)
    .filter((file) => file.endsWith('.txt'))
    .sort();
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--jobs', '1', ...files], {
    cwd: E2E_WORKSPACE,
    encoding: 'utf8',
  });
  // 1: a report has an error (the hostile report's table disagrees with a grade line).
  assert.ok(run.status === 0 || run.status === 1, `inspection-report check: ${run.status} ${run.stderr}`);
  const { reports } = JSON.parse(run.stdout);
  assert.deepEqual(reports.map((report) => path.basename(report.file)).sort(), files);
  return new Map(
    reports.map((report) => {
      const counted = report.judgements.filter((judgement) => judgement.role !== 'previous');
      const distribution = report.scale.map((entry) => ({
        label: entry.label,
        count: counted.filter((j) => j.grade === entry.label && j.rank === entry.rank).length,
      }));
      const judgements = distribution.reduce((sum, entry) => sum + entry.count, 0);
      const severity = (level) => report.findings.filter((finding) => finding.severity === level).length;
      return [
        path.basename(report.file),
        {
          path: path.basename(report.file),
          status: judgements > 0 ? 'graded' : 'ungraded',
          title: report.title,
          subject: report.subject,
          framework: report.framework,
          frameworkName: report.frameworkName,
          overall: report.judgements
            .filter((judgement) => judgement.role === 'overall' && judgement.grade !== undefined)
            .map((judgement) => judgement.grade),
          judgements,
          distribution,
          errors: severity('error'),
          warnings: severity('warning'),
        },
      ];
    }),
  );
}

/** Text order as the comparison sorts it (client/src/comparisonRows.ts). */
const compareText = (a, b) => a.localeCompare(b, undefined, { sensitivity: 'base', numeric: true });

/**
 * The files in the order Compare Reports sorts them by title: by title (or subject), files with
 * neither last, ties by path.
 */
function orderedByTitle(files, cli, descending) {
  const key = (file) => cli.get(file).title || cli.get(file).subject || undefined;
  return [...files].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const order = compareText(x, y);
      if (order !== 0) return descending ? -order : order;
    }
    return compareText(a, b);
  });
}

/**
 * Elements that report text must never become inside the Compare Reports webview, where the only
 * elements are the page's own (a table of text, buttons): anything that loads, links, submits or
 * runs on an event.
 */
const WEBVIEW_INJECTED = [
  'img',
  'picture',
  'svg',
  'video',
  'audio',
  'iframe',
  'frame',
  'object',
  'embed',
  'form',
  'base',
  'a',
  '[onerror]',
  '[onload]',
  '[onclick]',
  '[onmouseover]',
  '[onfocus]',
  '[href^="javascript:" i]',
  '[src^="javascript:" i]',
].join(', ');
/**
 * An address of the extension's media/ folder as a webview loads it: VS Code's resource origin,
 * answered by the webview's service worker from the installed extension (not the network).
 */
const MEDIA =
  /^https:\/\/[^/]+\.vscode-resource\.vscode-cdn\.net\/.+\/inspection-report\.inspection-report-[^/]+\/media\/(compare\.js|compare\.css)$/;

/** `n one` or `n many`, as the webview counts. */
const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

/** What the webview's Errors / warnings cell says for these counts. */
function problemsText({ errors, warnings }) {
  if (errors === 0 && warnings === 0) return 'none';
  return `${errors > 0 ? count(errors, 'error', 'errors') : ''}${warnings > 0 ? count(warnings, 'warning', 'warnings') : ''}`;
}

/** A CSV cell as the export writes text: a leading apostrophe when it would start a formula. */
const csvText = (text) => (FORMULA_START.test(text) ? `'${text}` : text);

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF line ends) into rows of fields. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  assert.equal(`${row.length}${field}`, '0', 'the CSV ends with a line end');
  return rows;
}

describe('the extension in the VS Code workbench, as a person uses it', () => {
  /** @type {import('playwright-core').BrowserContext} */
  let context;
  /** @type {import('playwright-core').Page} */
  let page;
  let shots = 0;
  /** Every JavaScript dialog the page opened (alert, confirm, prompt, beforeunload). */
  const dialogs = [];

  /**
   * What the init script below recorded in every frame: calls of alert, confirm or prompt (a
   * sandboxed frame blocks their dialogs) and Content Security Policy violations (the workbench's
   * CSP blocks inline handlers such as `onerror=`, so an injected `<img onerror>` shows only as one).
   */
  async function pwned() {
    const found = [];
    for (const frame of page.frames()) {
      const made = await frame.evaluate(() => globalThis.__pwned ?? []).catch(() => []);
      found.push(...made.map((entry) => `${entry} in ${frame.url().slice(0, 100)}`));
    }
    return found;
  }

  /** Runs one step and saves a screenshot of the window afterwards, whether it passed or not. */
  function step(name, body) {
    it(name, { timeout: STEP_TIMEOUT }, async () => {
      const file = `${String(++shots).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      let failed = true;
      try {
        const dialogsBefore = dialogs.length;
        await body();
        // Nothing the step showed ran as code.
        assert.deepEqual(dialogs.slice(dialogsBefore), [], 'no JavaScript dialog opened');
        assert.deepEqual(await pwned(), [], 'no frame called alert, confirm or prompt or broke its CSP');
        failed = false;
      } finally {
        const shot = path.join(E2E_SCREENSHOTS, `${file}${failed ? '.FAILED' : ''}.png`);
        await page.screenshot({ path: shot, animations: 'disabled' }).catch(() => undefined);
        console.log(`# screenshot ${path.relative(process.cwd(), shot)}`);
      }
    });
  }

  const editor = () => page.locator('.editor-instance .monaco-editor').first();
  const statusItem = (id) => page.locator(`[id="${id}"]`);
  /** An editor line showing exactly `text` (the editor renders spaces as no-break spaces). */
  const editorLine = (text) =>
    editor()
      .locator('.view-lines .view-line')
      .filter({ hasText: new RegExp(`^${literally(text)}$`) })
      .first();
  /** Waits until the status bar shows the cursor on `line` (1-based). */
  const cursorOnLine = (line) =>
    statusItem('status.editor.selection')
      .filter({ hasText: new RegExp(`^Ln ${line}, Col \\d+`) })
      .waitFor(WAIT);
  /** Moves the cursor to the start of `line` with Go to Line (Ctrl+G), as a person would. */
  async function goToLine(line) {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(String(line));
    await page.keyboard.press('Enter');
    await cursorOnLine(line);
  }
  /** The problem counts in the status bar: errors, then warnings. */
  const problemCounts = (errors, warnings) =>
    statusItem('status.problems')
      .filter({ hasText: new RegExp(`^\\s*${errors}\\s+${warnings}\\s*$`) })
      .waitFor(WAIT);
  /** The editor shows `line`, and the status bar and the Problems panel show no problem. */
  async function noProblemWith(line) {
    await editorLine(line).waitFor(WAIT);
    await problemCounts(0, 0);
    await page
      .locator('.markers-panel .monaco-list-row')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
  }
  /** The rows of a tree or list below `container` whose text matches. */
  const row = (container, text) => container.locator('.monaco-list-row').filter({ hasText: text });
  /** The summary view (in its own view container). */
  const summaryView = () =>
    page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*Summary/i }) });
  /** The Outline view (in the Explorer). */
  const outlineView = () => page.locator('.outline-pane');
  /** The visible hover (editor hover or tooltip) showing `text`. */
  const hoverShowing = (text) => page.locator('.monaco-hover:visible', { hasText: text }).first();
  /** Asserts that nothing below `scope` is an element report text could have become. */
  async function assertNothingInjected(scope, where) {
    const found = await scope
      .locator(INJECTED)
      .evaluateAll((elements) => elements.map((element) => element.outerHTML.slice(0, 200)));
    assert.deepEqual(found, [], `no script, image, frame, style, handler or javascript: link in ${where}`);
  }

  /** The Compare Reports webview's page: its content frame, inside VS Code's webview host frame. */
  const webview = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  /** The active tab of the active editor group, if its label starts with `label`. */
  const activeTab = (label) =>
    page.locator(`.editor-group-container.active .tab.active[aria-label^="${label}"]`);
  /** A status bar item showing `text` (messages such as "Exported to ..."). */
  const statusBarShowing = (text) => page.locator('.statusbar-item', { hasText: text }).first();
  /** A button of the modal dialog (the extension's Replace question). */
  const dialogButton = (name) =>
    page.locator('.monaco-dialog-box .monaco-button', { hasText: new RegExp(`^${name}$`) });
  /** What the command-line tool says of each workspace file (rowsFromCli), once Compare Reports ran. */
  let cli;

  /** The comparison's rows as the webview shows them, top to bottom. */
  function shownRows() {
    return webview()
      .locator('tr.report-row')
      .evaluateAll((rows) =>
        rows.map((row) => {
          const text = (selector) => row.querySelector(selector)?.textContent ?? '';
          const all = (selector) => [...row.querySelectorAll(selector)].map((e) => e.textContent);
          return {
            uri: row.dataset.uri,
            status: row.dataset.status,
            name: text('td.col-title .report-link'),
            subject: row.querySelector('td.col-title .subject')?.textContent ?? undefined,
            titleCell: text('td.col-title'),
            framework: text('td.col-framework'),
            overall: all('td.col-overall span.grade'),
            judgements: all('td.col-judgements span.grade'),
            problems: text('td.col-problems'),
            path: text('td.col-file .path'),
          };
        }),
      );
  }

  /** Waits for a finished comparison in the webview; resolves with its rows. */
  async function comparisonShown() {
    await webview()
      .locator('#status')
      .filter({ hasText: /^\d+ reports?(,|$)/ })
      .waitFor(WAIT);
    return shownRows();
  }

  /** Asserts that a row shows what the command-line tool says of its file. */
  function assertRowAsCli(row) {
    const expected = cli.get(row.path);
    assert.ok(expected, `${row.path} is a .txt file of the workspace`);
    const where = `the row of ${row.path}`;
    assert.ok(row.uri.endsWith(`/${expected.path}`), `${where}: ${row.uri}`);
    assert.equal(row.status, expected.status, `${where}: status`);
    assert.equal(row.name, expected.title || expected.subject || expected.path, `${where}: title`);
    assert.equal(
      row.subject,
      expected.title !== '' && expected.subject !== '' ? expected.subject : undefined,
      `${where}: subject`,
    );
    assert.equal(row.framework, expected.frameworkName, `${where}: framework`);
    assert.deepEqual(row.overall, expected.overall, `${where}: overall grades`);
    assert.deepEqual(
      row.judgements,
      expected.distribution.filter((grade) => grade.count > 0).map(({ label, count }) => `${label} ${count}`),
      `${where}: judgements by grade`,
    );
    assert.equal(row.problems, problemsText(expected), `${where}: errors and warnings`);
  }

  /**
   * Asserts that the Compare Reports webview's page is locked down: one Content Security Policy,
   * `default-src 'none'` and scripts by nonce only (nothing unsafe); the only scripts VS Code's
   * webview API script (which the webview host puts before the policy in every webview page) and
   * media/compare.js carrying the policy's nonce; the only stylesheet media/compare.css; nothing
   * loaded or addressed but those two files of the extension; and no element report text could
   * have become. Resolves with the API script's text.
   */
  async function assertWebviewLockedDown() {
    const facts = await webview()
      .locator('html')
      .evaluate((root, selector) => {
        const doc = root.ownerDocument;
        const policies = [...doc.querySelectorAll('meta[http-equiv]')].filter((meta) =>
          /^content-security-policy$/i.test(meta.getAttribute('http-equiv') ?? ''),
        );
        const policy = policies[0];
        return {
          policies: policies.map((meta) => meta.getAttribute('content') ?? ''),
          scripts: [...doc.querySelectorAll('script')].map((script) => ({
            id: script.id,
            src: script.getAttribute('src'),
            nonce: script.nonce || script.getAttribute('nonce') || '',
            beforePolicy:
              policy !== undefined &&
              Boolean(script.compareDocumentPosition(policy) & globalThis.Node.DOCUMENT_POSITION_FOLLOWING),
            text: script.textContent ?? '',
          })),
          styles: [...doc.querySelectorAll('style')].map((style) => style.id),
          links: [...doc.querySelectorAll('link')].map((link) => `${link.rel} ${link.getAttribute('href')}`),
          addresses: [...doc.querySelectorAll('[src], [href]')].map(
            (element) => element.getAttribute('src') ?? element.getAttribute('href'),
          ),
          loaded: globalThis.performance.getEntriesByType('resource').map((entry) => entry.name),
          injected: [...doc.querySelectorAll(selector)].map((element) => element.outerHTML.slice(0, 200)),
          instrumented: globalThis.__instrumented === true,
        };
      }, WEBVIEW_INJECTED);
    assert.ok(facts.instrumented, 'the dialog and CSP instrumentation runs in the webview page');

    assert.equal(facts.policies.length, 1, `one Content Security Policy: ${JSON.stringify(facts.policies)}`);
    const policy = facts.policies[0];
    const directives = new Map(
      policy
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter(([name]) => name !== '')
        .map(([name, ...sources]) => [name, sources]),
    );
    assert.deepEqual(
      [...directives.keys()].sort(),
      ['default-src', 'img-src', 'script-src', 'style-src'],
      policy,
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"], policy);
    const scriptSources = directives.get('script-src') ?? [];
    assert.equal(scriptSources.length, 1, `scripts by nonce only: ${policy}`);
    const nonce = /^'nonce-([0-9a-f]{32})'$/.exec(scriptSources[0] ?? '')?.[1];
    assert.ok(nonce, `a 128-bit nonce: ${policy}`);
    assert.doesNotMatch(
      policy,
      /unsafe-|strict-dynamic|\*(?!\.)|\b(data|blob|http|https|filesystem):(?!\/)/,
      policy,
    );

    const [api, own, ...others] = facts.scripts;
    assert.deepEqual(others, [], 'two scripts');
    assert.ok(api && own, `two scripts: ${JSON.stringify(facts.scripts)}`);
    assert.equal(api.id, '_vscodeApiScript', 'VS Code’s webview API script');
    assert.equal(api.src, null);
    assert.ok(api.beforePolicy && api.text.includes('acquireVsCodeApi'), 'put before the policy by VS Code');
    assert.doesNotMatch(
      api.text,
      /<\/?script/i,
      'no markup in VS Code’s script (it holds the saved state encoded)',
    );
    assert.match(own.src ?? '', MEDIA, 'the extension’s media/compare.js');
    assert.ok(own.src?.endsWith('/compare.js'));
    assert.equal(own.nonce, nonce, 'the script carries the policy’s nonce');
    assert.equal(own.text, '');

    assert.deepEqual(facts.styles, ['_defaultStyles'], 'no style element but VS Code’s default styles');
    assert.equal(facts.links.length, 1, JSON.stringify(facts.links));
    assert.match(facts.links[0] ?? '', /^stylesheet /);
    for (const address of [...facts.addresses, ...facts.loaded]) {
      assert.match(address, MEDIA, 'nothing but the extension’s media/compare.js and compare.css');
    }
    assert.deepEqual(facts.injected, [], 'no element made from report text');
    return api.text;
  }

  /**
   * Proves that the dialog and CSP instrumentation sees what happens in the webview's page (which
   * VS Code writes into its frame with document.open): an image from an address the policy does
   * not allow is blocked and recorded. The record is then removed, so that the step's own check
   * reports anything else.
   */
  async function assertWebviewViolationsRecorded() {
    const recorded = await webview()
      .locator('html')
      .evaluate(async (_root, address) => {
        // Listeners of one target run in the order they were added: this one after the recorder.
        const reported = new Promise((resolve) =>
          globalThis.addEventListener('securitypolicyviolation', resolve, { once: true }),
        );
        new globalThis.Image().src = address;
        await reported;
        const entries = globalThis.__pwned ?? [];
        globalThis.__pwned = entries.filter((entry) => !entry.includes(address));
        return entries;
      }, CANARY_IMAGE);
    assert.deepEqual(
      recorded.map((entry) => entry.trim()),
      [`CSP img-src blocked ${CANARY_IMAGE}`],
    );
  }

  /**
   * Clicks Export… in the webview and saves as `file` in the save dialog (VS Code's simple file
   * dialog, a quick input holding the path), which offers the comparison's name in the workspace.
   */
  async function exportFromWebview(file) {
    await webview().locator('#export').click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    const valueIs = (value) =>
      page.waitForFunction(
        (expected) => globalThis.document.querySelector('.quick-input-widget input')?.value === expected,
        value,
        WAIT,
      );
    await valueIs(COMPARISON_CSV);
    if (file !== COMPARISON_CSV) {
      // Type over what differs, as a person would.
      let common = 0;
      while (common < file.length && file[common] === COMPARISON_CSV[common]) common++;
      await page.keyboard.press('End');
      for (let i = common; i < COMPARISON_CSV.length; i++) await page.keyboard.press('Backspace');
      await page.keyboard.type(file.slice(common));
      await valueIs(file);
    }
    await page.keyboard.press('Enter');
  }

  /** Answers the save dialog's own question about a file that exists, then waits for the extension's. */
  async function overwriteInSaveDialog(file) {
    await page
      .locator('.quick-input-widget', {
        hasText: `${path.basename(file)} already exists. Are you sure you want to overwrite it?`,
      })
      .waitFor(WAIT);
    await page.keyboard.press('Enter');
    await page
      .locator('.monaco-dialog-box', { hasText: `"${path.basename(file)}" already exists. Replace it?` })
      .waitFor(WAIT);
  }

  /** Asserts that exported CSV bytes hold `rows`, in their order, as the command-line tool reads them. */
  function assertCsvShows(bytes, rows) {
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark');
    const text = bytes.subarray(3).toString('utf8');
    assert.ok(text.includes(HOSTILE.subject), 'the hostile subject, as it is');
    const [header = [], ...lines] = parseCsv(text);
    const grades = header.slice(6, -4);
    assert.deepEqual(
      [...header.slice(0, 6), ...header.slice(-4)],
      [
        'File',
        'Title',
        'Subject',
        'Framework',
        'Overall',
        'Graded judgements',
        'Errors',
        'Warnings',
        'Status',
        'Note',
      ],
    );
    assert.deepEqual(
      lines.map((line) => line[0]),
      rows.map((row) => row.path),
      'one line per row, in the order shown',
    );
    lines.forEach((line, index) => {
      const expected = cli.get(rows[index]?.path);
      const cells = [
        expected.path,
        expected.title,
        expected.subject,
        expected.frameworkName,
        expected.overall.join('; '),
        String(expected.judgements),
        ...grades.map((label) => String(expected.distribution.find((g) => g.label === label)?.count ?? '')),
        String(expected.errors),
        String(expected.warnings),
        expected.status,
        '',
      ];
      assert.deepEqual(line, cells.map(csvText), `the line of ${expected.path}`);
    });
    // The report whose title is a formula: written with a leading apostrophe.
    const formula = cli.get(FORMULA_FILE).title;
    assert.match(formula, FORMULA_START);
    assert.equal(lines.find((line) => line[0] === FORMULA_FILE)?.[1], `'${formula}`);
  }

  before(async () => {
    mkdirSync(E2E_SCREENSHOTS, { recursive: true });
    context = await launchBrowser({ profileDir: E2E_BROWSER_PROFILE });
    // In every frame, before any of the workbench's own code runs: record each call of the dialog
    // functions and each CSP violation in `__pwned` (see pwned()).
    // Playwright runs it in child frames too, webviews' included.
    await context.addInitScript(() => {
      const record = (entry) => (globalThis.__pwned ??= []).push(entry);
      const watch = () =>
        globalThis.addEventListener('securitypolicyviolation', (event) =>
          record(`CSP ${event.violatedDirective} blocked ${event.blockedURI} ${event.sample}`),
        );
      watch();
      // document.open() removes the window's event listeners, and a webview's page is written into
      // its frame that way (VS Code's webview host loads fake.html, then open/write/close), so
      // listen again when the frame's own document is opened.
      const open = globalThis.Document.prototype.open;
      globalThis.Document.prototype.open = function (...args) {
        const opened = open.apply(this, args);
        if (this === globalThis.document) watch();
        return opened;
      };
      for (const name of ['alert', 'confirm', 'prompt']) {
        const original = globalThis[name];
        globalThis[name] = function (...args) {
          record(`${name}(${args.map(String).join(', ')})`);
          return original.apply(this, args);
        };
      }
      globalThis.__instrumented = true;
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => console.log(`# page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      console.log(`# dialog: ${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
    await page.goto(E2E_WORKBENCH_URL);
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
  });

  after(async () => {
    await context?.close();
  });

  step('open the seed from the Explorer', async () => {
    await page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${SEED}"]`).dblclick();
    await editorLine('Nottinghamshire County Council').waitFor(WAIT);
    // Opened as plain text (.txt), the extension switches it to the report language.
    await statusItem('status.editor.mode').filter({ hasText: 'Inspection Report' }).waitFor(WAIT);
  });

  step('the Outline view shows the graded judgements', async () => {
    // Fold the file list away and open the Outline in the Explorer, then widen the side bar so
    // that the grades beside the long names can be read.
    await page.locator('.pane-header[aria-label^="Explorer Section"]').click();
    await page.locator('.pane-header[aria-label^="Outline Section"]').click();
    const outline = page.locator('.outline-pane');
    await row(outline, 'The inspection outcomes: Safeguarding services').first().waitFor(WAIT);
    const sash = page.locator('.monaco-sash.vertical:not(.disabled)').first();
    const box = await sash.boundingBox();
    assert.ok(box, 'the side bar sash is visible');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(640, box.y + box.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.mouse.move(box.x + 300, box.y + box.height / 2);
    await row(outline, 'Overall effectiveness').filter({ hasText: 'Inadequate (4)' }).first().waitFor(WAIT);
    await row(outline, 'Capacity for improvement')
      .filter({ hasText: 'Inadequate (4)' })
      .first()
      .waitFor(WAIT);
    const descriptions = await outline.locator('.monaco-list-row .label-description').allTextContents();
    const graded = descriptions.filter((text) =>
      /^(Outstanding|Good|Adequate|Inadequate) \(\d\)$/.test(text),
    );
    assert.ok(graded.length >= 5, `graded outline entries shown: ${JSON.stringify(descriptions)}`);
  });

  step('clicking an outline symbol jumps to its heading', async () => {
    const outline = page.locator('.outline-pane');
    await row(outline, 'Capacity for improvement').filter({ hasText: 'Inadequate (4)' }).first().click();
    await cursorOnLine(CAPACITY_1);
    await editorLine('Capacity for improvement').waitFor(WAIT);
  });

  step('typing a wrong grade shows grade-label-mismatch in the Problems panel', async () => {
    await goToLine(OVERALL_GRADE_1);
    // "Grade 4 (inadequate)" -> "Grade 2 (inadequate)": select the 4 and type over it.
    await page.keyboard.press('Home');
    for (let i = 0; i < 'Grade '.length; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.type('2');
    await editorLine('Grade 2 (inadequate)').waitFor(WAIT);
    // The status bar counts the error; clicking the count opens the Problems panel.
    // The Outline follows the edit: the judgement's statements now disagree.
    await row(page.locator('.outline-pane'), 'Overall effectiveness')
      .filter({ hasText: 'statements disagree' })
      .first()
      .waitFor(WAIT);
    await problemCounts(1, 0);
    await statusItem('status.problems').click();
    const problem = row(page.locator('.markers-panel'), 'grade-label-mismatch').first();
    await problem.waitFor(WAIT);
    const text = (await problem.textContent()) ?? '';
    assert.match(text, /inspection-report/);
    assert.match(text, new RegExp(`\\[Ln ${OVERALL_GRADE_1}, Col \\d+\\]`));
  });

  step('the quick fix menu offers to put the grade right', async () => {
    await goToLine(OVERALL_GRADE_1);
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row.action').first().waitFor(WAIT);
  });

  step('choosing the quick fix clears the problem', async () => {
    await page.keyboard.press('Enter');
    await noProblemWith('Grade 4 (inadequate)');
    // And so does the Outline.
    await row(page.locator('.outline-pane'), 'statements disagree')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
  });

  step('one Ctrl+Z takes the whole quick fix back: the problem is there again', async () => {
    await page.keyboard.press('Control+Z');
    // The line as typed before the fix, and the error with it.
    await editorLine('Grade 2 (inadequate)').waitFor(WAIT);
    await cursorOnLine(OVERALL_GRADE_1);
    await problemCounts(1, 0);
    await row(page.locator('.markers-panel'), 'grade-label-mismatch').first().waitFor(WAIT);
    await row(outlineView(), 'Overall effectiveness')
      .filter({ hasText: 'statements disagree' })
      .first()
      .waitFor(WAIT);
  });

  step('a second Ctrl+Z takes the typing back: the seed as saved, no problem', async () => {
    await page.keyboard.press('Control+Z');
    await noProblemWith('Grade 4 (inadequate)');
    // Nothing left to save.
    await page.locator(`.tabs-container .tab.active[aria-label^="${SEED}"]:not(.dirty)`).waitFor(WAIT);
    // The Outline is the saved seed's again: its statements agree.
    await row(outlineView(), 'statements disagree')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
  });

  step('the summary panel opens from the activity bar', async () => {
    await page.locator('.activitybar .action-item a[aria-label="Inspection Report"]').click();
    const view = summaryView();
    await row(view, 'The inspection outcomes: Safeguarding services').first().waitFor(WAIT);
    await row(view, 'Overall effectiveness').filter({ hasText: 'Inadequate' }).first().waitFor(WAIT);
    await row(view, 'Capacity for improvement').filter({ hasText: 'Good' }).first().waitFor(WAIT);
    // The grade distribution, the framework and the scale above the tree.
    await view
      .locator('.message', { hasText: /^Adequate 14 · Inadequate 13 · Good 6 — .*scale:/ })
      .waitFor(WAIT);
  });

  step('clicking a judgement in the summary lands on its line', async () => {
    // Part 2's capacity for improvement (Good), far from where the cursor is.
    await row(summaryView(), 'Capacity for improvement').filter({ hasText: 'Good' }).first().click();
    // The judgement's heading is selected.
    const heading = 'Capacity for improvement';
    await statusItem('status.editor.selection')
      .filter({ hasText: `Ln ${CAPACITY_2}, Col ${heading.length + 1} (${heading.length} selected)` })
      .waitFor(WAIT);
    await editorLine('Grade 2 (good)').waitFor(WAIT);
  });

  step('hovering a grade line shows the scale entry and the other statements', async () => {
    await goToLine(OVERALL_GRADE_1);
    await editorLine('Grade 4 (inadequate)').locator('span > span').first().hover();
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Grade 4 – Inadequate' });
    await hover.waitFor(WAIT);
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /A service that does not meet minimum requirements/);
    assert.match(text, /Overall effectiveness/);
  });

  step('the hostile report opens from Quick Open as a report', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(HOSTILE_FILE);
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: HOSTILE_FILE })
      .first()
      .waitFor(WAIT);
    await page.keyboard.press('Enter');
    await editorLine(HOSTILE.subject).waitFor(WAIT);
    await editorLine(HOSTILE.script).waitFor(WAIT);
    await statusItem('status.editor.mode').filter({ hasText: 'Inspection Report' }).waitFor(WAIT);
    // Its one problem (the table disagrees with a grade line) is counted.
    await problemCounts(1, 0);
  });

  step('the Outline shows the hostile headings as text', async () => {
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
    const outline = outlineView();
    await row(outline, HOSTILE.img).first().waitFor(WAIT);
    const names = await outline.locator('.monaco-list-row .label-name').allTextContents();
    for (const heading of [HOSTILE.part, HOSTILE.script, HOSTILE.img, HOSTILE.links, HOSTILE.row]) {
      assert.ok(
        names.includes(heading),
        `outline row ${JSON.stringify(heading)} in ${JSON.stringify(names)}`,
      );
    }
    // The title's entry carries the subject as its description.
    const descriptions = await outline.locator('.monaco-list-row .label-description').allTextContents();
    assert.ok(descriptions.includes(HOSTILE.subject), `subject in ${JSON.stringify(descriptions)}`);
    await assertNothingInjected(outline, 'the Outline');
  });

  step('the Problems panel shows the hostile names in its message as text', async () => {
    const problem = row(page.locator('.markers-panel'), 'record-mismatch').first();
    await problem.waitFor(WAIT);
    const text = (await problem.textContent()) ?? '';
    assert.ok(text.includes(`${HOSTILE.img} (${HOSTILE.part})`), text);
    await assertNothingInjected(page.locator('.markers-panel'), 'the Problems panel');
  });

  step('the summary panel shows the hostile judgement names as text', async () => {
    await page.locator('.activitybar .action-item a[aria-label="Inspection Report"]').click();
    const view = summaryView();
    await row(view, HOSTILE.img).first().waitFor(WAIT);
    // One part: the judgements are the top-level rows, in the report's order.
    const names = await view.locator('.monaco-list-row .label-name').allTextContents();
    assert.deepEqual(names, HOSTILE_JUDGEMENTS);
    // The subject is the view's description, as text (in the pane header's DOM; the workbench
    // hides that header while the view is its container's only one).
    const header = (await view.locator('.pane-header').textContent()) ?? '';
    assert.ok(header.includes(HOSTILE.subject), header);
    await assertNothingInjected(view, 'the summary panel');
  });

  step('hovering a hostile judgement in the summary shows its name and part as text', async () => {
    await row(summaryView(), HOSTILE.script).first().locator('.label-name').hover();
    const tooltip = hoverShowing('Grade: Good');
    await tooltip.waitFor(WAIT);
    const bold = (await tooltip.locator('strong').allTextContents()).map(plain);
    assert.ok(bold.includes(HOSTILE.script), `the name, in bold, as text: ${JSON.stringify(bold)}`);
    const text = plain(await tooltip.textContent());
    assert.ok(text.includes(`Part: ${HOSTILE.part}`), text);
    await assertNothingInjected(tooltip, 'the tooltip');
  });

  step('hovering a grade under a hostile heading shows the names as text', async () => {
    await goToLine(HOSTILE_IMG_GRADE);
    await editorLine('Grade 4 (inadequate)').locator('span > span').first().hover();
    const hover = hoverShowing('Grade 4 – Inadequate');
    await hover.waitFor(WAIT);
    const text = plain(await hover.textContent());
    assert.ok(text.includes(`Judgement: ${HOSTILE.img} — ${HOSTILE.part}`), text);
    // The summary table's row disagrees, and is listed.
    assert.match(text, /\(table\): Adequate — disagrees/);
    const bold = (await hover.locator('strong').allTextContents()).map(plain);
    assert.ok(bold.includes(HOSTILE.img), `the name, in bold, as text: ${JSON.stringify(bold)}`);
    await assertNothingInjected(hover, 'the hover');
  });

  step('nothing from the hostile report became part of the window', async () => {
    const found = await page
      .locator(INJECTED_ANYWHERE)
      .evaluateAll((elements) => elements.map((element) => element.outerHTML.slice(0, 200)));
    assert.deepEqual(found, [], 'no element made from the report’s markup');
    // Its strings are in the window, as text.
    const shown = await page.locator('body').textContent();
    for (const text of [HOSTILE.subject, HOSTILE.script, HOSTILE.img]) assert.ok(shown?.includes(text), text);
  });

  step('Compare Reports runs from the command palette and lists the workspace’s reports', async () => {
    // Room for the comparison: the side bar (Ctrl+B) and the panel (Ctrl+J) closed.
    for (const [part, keys] of [
      ['.part.sidebar', 'Control+B'],
      ['.part.panel', 'Control+J'],
    ]) {
      if (!(await page.locator(part).isVisible())) continue;
      await page.keyboard.press(keys);
      await page.locator(part).waitFor({ state: 'hidden', ...WAIT });
    }
    await page.keyboard.press('Control+Shift+P');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type('Inspection Report: Compare Reports in Workspace');
    await page
      .locator('.quick-input-widget .monaco-list-row', { hasText: 'Compare Reports in Workspace' })
      .first()
      .waitFor(WAIT);
    await page.keyboard.press('Enter');
    await activeTab('Compare Reports').waitFor(WAIT);
    const rows = await comparisonShown();
    // The progress notification ends with the comparison.
    await page
      .locator('.notification-toast', { hasText: 'Comparing inspection reports' })
      .waitFor({ state: 'detached', ...WAIT });
    cli = rowsFromCli();

    // The reports this suite opened (switched to the report language), and the *.report.txt file.
    const listed = rows.map((row) => row.path);
    for (const file of [SEED, HOSTILE_FILE, FORMULA_FILE]) {
      assert.ok(listed.includes(file), `${file} in ${JSON.stringify(listed)}`);
    }
    // Each row as the command-line tool reads its file; in file order, as a comparison starts.
    for (const row of rows) assertRowAsCli(row);
    assert.deepEqual(listed, [...listed].sort(compareText), 'sorted by file');
    assert.equal(await webview().locator('th[data-column="file"]').getAttribute('aria-sort'), 'ascending');
    assert.equal(await webview().locator('#status').textContent(), count(rows.length, 'report', 'reports'));
    // The workspace's other .txt files are counted, not listed.
    const others = cli.size - rows.length;
    const notes = await webview().locator('#notes li').allTextContents();
    assert.equal(notes.length, others > 0 ? 1 : 0, JSON.stringify(notes));
    if (others > 0) {
      assert.match(
        notes[0] ?? '',
        new RegExp(`^${others} \\.txt files? do(es)? not look like an inspection report`),
      );
    }

    // The hostile subject is text, shown as written.
    const hostile = rows.find((row) => row.path === HOSTILE_FILE);
    assert.equal(hostile?.subject, HOSTILE.subject);
    assert.ok(hostile?.titleCell.includes('<script>alert(document)</script>'), hostile?.titleCell);
    await webview()
      .locator('td.col-title .subject', { hasText: HOSTILE.subject })
      .waitFor({ state: 'visible' });
    assert.equal(rows.find((row) => row.path === FORMULA_FILE)?.name, cli.get(FORMULA_FILE).title);
  });

  step(
    'the Compare Reports webview is locked down: a strict nonce CSP, one script of its own, nothing remote',
    async () => {
      await assertWebviewLockedDown();
      await assertWebviewViolationsRecorded();
    },
  );

  step('sorting by a column reorders the rows and sets aria-sort', async () => {
    const files = (await shownRows()).map((row) => row.path);
    const header = (column) => webview().locator(`th[data-column="${column}"]`);
    await header('title').locator('button.sort').click();
    await webview().locator('th[data-column="title"][aria-sort="ascending"]').waitFor(WAIT);
    const ascending = (await shownRows()).map((row) => row.path);
    assert.deepEqual(ascending, orderedByTitle(files, cli, false));
    assert.notDeepEqual(ascending, files, 'a new order');
    assert.equal(await header('file').getAttribute('aria-sort'), 'none');
    await header('title').locator('button.sort').click();
    await webview().locator('th[data-column="title"][aria-sort="descending"]').waitFor(WAIT);
    assert.deepEqual(
      (await shownRows()).map((row) => row.path),
      orderedByTitle(files, cli, true),
    );
  });

  step('clicking a report in the comparison opens it in an editor', async () => {
    await webview().locator(`tr.report-row[data-uri$="/${HOSTILE_FILE}"] button.report-link`).click();
    await activeTab(HOSTILE_FILE).waitFor(WAIT);
    await editorLine(HOSTILE.subject).waitFor(WAIT);
  });

  step('hidden behind another editor and shown again, the comparison comes back as text', async () => {
    const shown = await shownRows();
    // Another editor in the comparison's group hides its webview, which is then discarded (the
    // panel does not retain it); showing the panel again loads a new page from the saved state.
    const group = page.locator('.editor-group-container', {
      has: page.locator('.tab[aria-label^="Compare Reports"]'),
    });
    await group.locator(`.tab[aria-label^="${HOSTILE_FILE}"]`).click();
    await activeTab(HOSTILE_FILE).waitFor(WAIT);
    await page.locator('iframe.webview').waitFor({ state: 'detached', ...WAIT });
    await group.locator('.tab[aria-label^="Compare Reports"]').click();
    await activeTab('Compare Reports').waitFor(WAIT);
    await comparisonShown();
    assert.deepEqual(await shownRows(), shown, 'the same rows, in the same order');
    await webview().locator('th[data-column="title"][aria-sort="descending"]').waitFor(WAIT);
    // The new page was given the saved state (report text among it) only encoded, in VS Code's script.
    const apiScript = await assertWebviewLockedDown();
    assert.ok(apiScript.includes(encodeURIComponent(HOSTILE.subject)), 'the saved state, encoded');
    await assertWebviewViolationsRecorded();
  });

  step('Export… saves the comparison as CSV, the rows in the order shown', async () => {
    assert.ok(!existsSync(COMPARISON_CSV), 'no file yet');
    const rows = await shownRows();
    await exportFromWebview(COMPARISON_CSV);
    await statusBarShowing(`Exported to ${path.basename(COMPARISON_CSV)}.`).waitFor(WAIT);
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'a new file: no question');
    assertCsvShows(readFileSync(COMPARISON_CSV), rows);
  });

  step('Export… to a .json file saves the rows shown as JSON', async () => {
    const rows = await shownRows();
    await exportFromWebview(COMPARISON_JSON);
    await statusBarShowing(`Exported to ${path.basename(COMPARISON_JSON)}.`).waitFor(WAIT);
    const text = readFileSync(COMPARISON_JSON, 'utf8');
    assert.ok(text.includes(HOSTILE.subject), 'the hostile subject, as it is');
    const json = JSON.parse(text);
    assert.equal(json.format, 'inspection-report-comparison');
    assert.equal(json.version, 1);
    assert.deepEqual(json.notes, await webview().locator('#notes li').allTextContents());
    assert.deepEqual(
      json.reports.map((report) => report.uri),
      rows.map((row) => row.uri),
      'the rows, in the order shown',
    );
    for (const report of json.reports) {
      const { path: file, ...expected } = cli.get(report.path);
      assert.deepEqual(
        {
          status: report.status,
          title: report.title,
          subject: report.subject,
          framework: report.framework,
          frameworkName: report.frameworkName,
          overall: report.overall.map((grade) => grade.label),
          judgements: report.judgements,
          distribution: report.distribution.map(({ label, count }) => ({ label, count })),
          errors: report.errors,
          warnings: report.warnings,
        },
        expected,
        file,
      );
    }
  });

  /** The CSV export as the question about replacing it was asked, to compare with after Cancel. */
  let kept;

  step('exporting over an existing file asks before replacing it: Replace or Cancel', async () => {
    // A new order, so that a rewrite would change the file.
    const before = (await shownRows()).map((row) => row.path);
    await webview().locator('th[data-column="file"] button.sort').click();
    await webview().locator('th[data-column="file"][aria-sort="ascending"]').waitFor(WAIT);
    assert.notDeepEqual(
      (await shownRows()).map((row) => row.path),
      before,
    );
    kept = { bytes: readFileSync(COMPARISON_CSV), modified: statSync(COMPARISON_CSV).mtimeMs };
    await exportFromWebview(COMPARISON_CSV);
    // The save dialog asks first (code-server's does; a desktop's native one may not), and then
    // the extension asks again, whatever the dialog did.
    await overwriteInSaveDialog(COMPARISON_CSV);
    assert.deepEqual((await page.locator('.monaco-dialog-box .monaco-button').allTextContents()).sort(), [
      'Cancel',
      'Replace',
    ]);
    assert.ok(readFileSync(COMPARISON_CSV).equals(kept.bytes), 'nothing written while it asks');
  });

  step('Cancel leaves the existing file as it was, byte for byte', async () => {
    await dialogButton('Cancel').click();
    await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', ...WAIT });
    assert.ok(readFileSync(COMPARISON_CSV).equals(kept.bytes), 'the same bytes');
    assert.equal(statSync(COMPARISON_CSV).mtimeMs, kept.modified, 'not written at all');
  });

  step('exporting again and choosing Replace rewrites the file with the rows shown', async () => {
    const rows = await shownRows();
    await exportFromWebview(COMPARISON_CSV);
    // The cancelled export wrote nothing later either: the next one has begun.
    assert.ok(readFileSync(COMPARISON_CSV).equals(kept.bytes), 'still the same bytes');
    await overwriteInSaveDialog(COMPARISON_CSV);
    await dialogButton('Replace').click();
    await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', ...WAIT });
    await statusBarShowing(`Exported to ${path.basename(COMPARISON_CSV)}.`).waitFor(WAIT);
    const written = readFileSync(COMPARISON_CSV);
    assert.ok(!written.equals(kept.bytes), 'rewritten');
    assertCsvShows(written, rows);
  });
});
