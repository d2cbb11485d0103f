// @ts-check
/*
 * The Compare Reports webview's script (type-checked by client/webview/tsconfig.json). It shows the
 * ComparisonState the extension posts and posts back what the user asks for. Report text arrives
 * only as message data and is inserted with textContent: this script never writes HTML.
 */

/**
 * @typedef {import('../server/src/protocol/compare').ComparisonState} ComparisonState
 * @typedef {import('../server/src/protocol/compare').ComparisonRow} ComparisonRow
 * @typedef {import('../server/src/protocol/compare').ComparisonColumn} ComparisonColumn
 * @typedef {import('../server/src/protocol/compare').ExtensionMessage} ExtensionMessage
 * @typedef {import('../server/src/protocol/compare').WebviewMessage} WebviewMessage
 */

(function () {
  'use strict';

  const vscode = acquireVsCodeApi();

  /**
   * @param {string} id
   * @returns {HTMLElement}
   */
  function byId(id) {
    const element = document.getElementById(id);
    if (element === null) throw new Error(`#${id} is missing`);
    return element;
  }

  const rows = byId('rows');
  const table = byId('reports');
  const notes = byId('notes');
  const empty = byId('empty');
  const status = byId('status');
  const refreshButton = /** @type {HTMLButtonElement} */ (byId('refresh'));
  const exportButton = /** @type {HTMLButtonElement} */ (byId('export'));

  /** @type {ComparisonState | undefined} */
  let shown;

  /** @param {WebviewMessage} message */
  function post(message) {
    vscode.postMessage(message);
  }

  /**
   * An element with a class and, optionally, text (set as text, never parsed).
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {string} className
   * @param {string} [text]
   * @returns {HTMLElementTagNameMap[K]}
   */
  function element(tag, className, text) {
    const created = document.createElement(tag);
    if (className !== '') created.className = className;
    if (text !== undefined) created.textContent = text;
    return created;
  }

  /**
   * @param {number} n
   * @param {string} one
   * @param {string} many
   */
  function count(n, one, many) {
    return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
  }

  /** @param {string} path */
  function basename(path) {
    return path.slice(path.lastIndexOf('/') + 1);
  }

  /**
   * A grade as a chip coloured by its band.
   * @param {string} text
   * @param {string} band
   */
  function chip(text, band) {
    return element('span', `grade band-${band}`, text);
  }

  /** @param {ComparisonRow} row */
  function rowElement(row) {
    const tr = element('tr', `report-row status-${row.status}`);
    tr.dataset.uri = row.uri;
    tr.dataset.status = row.status;

    const title = element('td', 'col-title');
    const link = element('button', 'report-link', row.title || row.subject || basename(row.path));
    link.type = 'button';
    link.title = `Open ${row.path}`;
    title.append(link);
    if (row.subject !== '' && row.title !== '') title.append(element('div', 'subject', row.subject));

    const framework = element('td', 'col-framework', row.frameworkName);

    const overall = element('td', 'col-overall');
    for (const grade of row.overall) overall.append(chip(grade.label, grade.band));
    if (row.overall.length === 0 && row.status !== 'skipped') overall.append(element('span', 'none', 'none'));

    const judgements = element('td', 'col-judgements');
    for (const grade of row.distribution) {
      if (grade.count > 0) judgements.append(chip(`${grade.label} ${grade.count}`, grade.band));
    }
    if (row.status === 'ungraded') judgements.append(element('span', 'none', 'no graded judgements'));

    const problems = element('td', 'col-problems');
    if (row.status !== 'skipped') {
      if (row.errors === 0 && row.warnings === 0) problems.append(element('span', 'none', 'none'));
      if (row.errors > 0) problems.append(element('span', 'errors', count(row.errors, 'error', 'errors')));
      if (row.warnings > 0) {
        problems.append(element('span', 'warnings', count(row.warnings, 'warning', 'warnings')));
      }
    }

    const file = element('td', 'col-file');
    file.append(element('div', 'path', row.path));
    if (row.note !== undefined) file.append(element('div', 'note', row.note));

    tr.append(title, framework, overall, judgements, problems, file);
    return tr;
  }

  /** @param {ComparisonState} state */
  function statusText(state) {
    const listed = state.rows.filter((row) => row.status !== 'skipped').length;
    const skipped = state.rows.length - listed;
    const found = `${count(listed, 'report', 'reports')}${skipped > 0 ? `, ${count(skipped, 'file', 'files')} skipped` : ''}`;
    switch (state.status) {
      case 'scanning':
        return 'Comparing…';
      case 'cancelled':
        return `Cancelled: ${found} so far`;
      case 'done':
        return found;
      default:
        return '';
    }
  }

  /** @param {ComparisonState} state */
  function render(state) {
    shown = state;
    vscode.setState(state);
    const finished = state.status === 'done' || state.status === 'cancelled';
    status.textContent = statusText(state);
    exportButton.disabled = !finished;
    notes.replaceChildren(...state.notes.map((note) => element('li', 'note', note)));
    rows.replaceChildren(...state.rows.map(rowElement));
    const nothing = finished && state.rows.length === 0;
    empty.hidden = !nothing;
    table.hidden = nothing;
    table.classList.toggle('scanning', state.status === 'scanning');
    for (const header of table.querySelectorAll('th[data-column]')) {
      const column = header.getAttribute('data-column');
      const sorted = column === state.sort.column;
      header.setAttribute(
        'aria-sort',
        sorted ? (state.sort.descending ? 'descending' : 'ascending') : 'none',
      );
    }
  }

  /**
   * @param {number} done
   * @param {number} total
   */
  function progress(done, total) {
    if (shown?.status === 'scanning')
      status.textContent = `Comparing… ${done} of ${count(total, 'file', 'files')}`;
  }

  window.addEventListener('message', (event) => {
    /** @type {ExtensionMessage | undefined} */
    const message = event.data;
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'state') render(message.state);
    else if (message.type === 'progress') progress(message.done, message.total);
  });

  rows.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('tr.report-row') : null;
    const uri = target instanceof HTMLElement ? target.dataset.uri : undefined;
    if (uri !== undefined) post({ type: 'open', uri });
  });

  for (const button of table.querySelectorAll('button.sort')) {
    button.addEventListener('click', () => {
      const column = /** @type {ComparisonColumn} */ (button.getAttribute('data-column'));
      const current = shown?.sort;
      const descending = current !== undefined && current.column === column ? !current.descending : false;
      post({ type: 'sort', column, descending });
    });
  }

  refreshButton.addEventListener('click', () => post({ type: 'refresh' }));
  exportButton.addEventListener('click', () => post({ type: 'export' }));

  // Show what was shown before the webview was hidden, then ask for the current state.
  const saved = /** @type {ComparisonState | undefined} */ (vscode.getState());
  if (saved !== undefined && saved !== null) render(saved);
  post({ type: 'ready' });
})();
