// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      '.vscode-test/**',
      'test-output/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Custom LSP messages are namespaces with a method and a type, as vscode-languageserver's own.
    files: ['server/src/protocol/**/*.ts'],
    rules: { '@typescript-eslint/no-namespace': 'off' },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', ...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`)],
          patterns: [
            {
              group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'],
              message: 'The core is protocol-free.',
            },
            { group: ['node:*'], message: 'The core uses no Node built-ins.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The Compare Reports webview's script runs in the webview (a browser), not in Node.
    files: ['media/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        acquireVsCodeApi: 'readonly',
        document: 'readonly',
        window: 'readonly',
        Element: 'readonly',
        HTMLElement: 'readonly',
      },
    },
    rules: {
      // Report text is inserted as text only (issue 5, item 5).
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Insert report text with textContent.' },
        { property: 'outerHTML', message: 'Insert report text with textContent.' },
        { property: 'insertAdjacentHTML', message: 'Insert report text with textContent.' },
        { object: 'document', property: 'write', message: 'Build elements with createElement.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['**/*.mjs', 'scripts/**/*.mjs', 'esbuild.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
