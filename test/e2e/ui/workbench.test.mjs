// UI tests: the packaged extension, installed from its .vsix into VS Code 1.100.3 (code-server),
// used through the web workbench in headless Chromium as a person would: open a seed from the
// Explorer, read the Outline and click a symbol, type a wrong grade and open the Problems panel,
// apply the quick fix and undo it with one Ctrl+Z, open the summary panel from the activity bar
// and click a judgement, hover a grade. Then the hostile report (test/fixtures/hostile): its
// headings, judgement names and hovers must show `<script>`, `<img onerror>` and `javascript:`
// links as text, and nothing in it may run. Each step saves a screenshot (NN-step.png;
// NN-step.FAILED.png when the step failed), and fails if a JavaScript dialog opened while it ran,
// or any frame called alert, confirm or prompt or reported a Content Security Policy violation.
//
// Run by scripts/e2e/run-e2e.mjs, which installs the .vsix, starts code-server on 127.0.0.1 and
// passes E2E_WORKBENCH_URL (the workbench with the workspace folder open), E2E_WORKSPACE (that
// folder: a copy of seeds/ and of the hostile report), E2E_SCREENSHOTS and E2E_BROWSER_PROFILE
// (folders). Every wait is on something appearing in the page (Playwright locators); no fixed delays.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
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

  before(async () => {
    mkdirSync(E2E_SCREENSHOTS, { recursive: true });
    context = await launchBrowser({ profileDir: E2E_BROWSER_PROFILE });
    // In every frame, before any of the workbench's own code runs: record each call of the dialog
    // functions and each CSP violation in `__pwned` (see pwned()).
    await context.addInitScript(() => {
      const record = (entry) => (globalThis.__pwned ??= []).push(entry);
      globalThis.addEventListener('securitypolicyviolation', (event) =>
        record(`CSP ${event.violatedDirective} blocked ${event.blockedURI} ${event.sample}`),
      );
      for (const name of ['alert', 'confirm', 'prompt']) {
        const original = globalThis[name];
        globalThis[name] = function (...args) {
          record(`${name}(${args.map(String).join(', ')})`);
          return original.apply(this, args);
        };
      }
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
    await editorLine('Grade 4 (inadequate)').waitFor(WAIT);
    await problemCounts(0, 0);
    await page
      .locator('.markers-panel .monaco-list-row')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
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
    await editorLine('Grade 4 (inadequate)').waitFor(WAIT);
    await problemCounts(0, 0);
    await page
      .locator('.markers-panel .monaco-list-row')
      .first()
      .waitFor({ state: 'detached', ...WAIT });
    // Nothing left to save.
    await page.locator(`.tabs-container .tab.active[aria-label^="${SEED}"]:not(.dirty)`).waitFor(WAIT);
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
});
