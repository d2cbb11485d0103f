/** What VS Code gives a webview script (media/compare.js), typed with the comparison's messages. */
interface CompareWebviewApi {
  postMessage(message: import('../../server/src/protocol/compare').WebviewMessage): void;
  getState(): unknown;
  setState(state: import('../../server/src/protocol/compare').ComparisonState): void;
}

/** Returns the webview's API; callable once per page load. */
declare function acquireVsCodeApi(): CompareWebviewApi;
