/**
 * Values client and server share that need none of the protocol library, so that a bundle can
 * import them without vscode-languageserver-protocol (the lazily loaded Compare Reports panel,
 * dist/compare.js). requests.ts re-exports them.
 */

/** The language id of inspection reports. */
export const LANGUAGE_ID = 'inspection-report';

/** The longest text `inspectionReport/summariseText` analyses: 20 MB (files larger are not sent). */
export const MAX_SUMMARISE_TEXT_LENGTH = 20 * 1024 * 1024;
