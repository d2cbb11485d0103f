import assert from 'node:assert/strict';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { collectFiles, DEFAULT_WALK_LIMITS } from '../../server/src/cli/files';
import { repoRoot } from '../support/fixtures';

/*
 * Workspaces and files (issue 5, items 4 and 6).
 * - Untrusted workspaces and virtual file systems are supported, as package.json declares: the
 *   extension only reads the text of documents the editor has open. The language server reads no
 *   file at all (it is handed document text over LSP), the client reads only through
 *   `vscode.workspace.fs` (so virtual file systems work) and no setting names a program or a path to
 *   run, so a workspace's own settings cannot make it execute anything.
 * - Files are written only by the export commands (Export Summary, Export Report Comparison), to
 *   a file the user picks, through `vscode.workspace.fs`, and an existing file only after the user
 *   confirms (client/src/exportFlow.ts, tested in exportFlow.test.ts). Copy Summary writes the
 *   clipboard when the user runs it; quick fixes are edits the user chooses to apply.
 * - The CLI searches folders with limits (10,000 files, 32 levels; symbolic-link loops once) and
 *   says what it left out. It is stopped with Ctrl+C like any command. The extension searches the
 *   workspace only when the user runs Compare Reports: `workspace.findFiles` with a limit (2,000
 *   files), cancellable, files over 20 MB skipped.
 */

const ROOT = repoRoot();

function sources(folder: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name.endsWith('.ts'))
        out.push({ file: relative(ROOT, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  visit(join(ROOT, folder));
  return out;
}

/** Lines of code (comments dropped) matching `pattern`, as `file:line: text`. */
function uses(files: { file: string; text: string }[], pattern: RegExp): string[] {
  return files.flatMap(({ file, text }) =>
    text
      .split('\n')
      .map((line, i) => ({ line: line.replace(/\/\/.*$/, '').replace(/^\s*\*.*$/, ''), i }))
      .filter(({ line }) => pattern.test(line))
      .map(({ line, i }) => `${file}:${i + 1}: ${line.trim()}`),
  );
}

const client = sources('client/src');
const server = sources('server/src');
const languageServer = server.filter((f) => !f.file.startsWith('server/src/cli'));

describe('untrusted and virtual workspaces', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    capabilities?: {
      untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: unknown };
      virtualWorkspaces?: unknown;
    };
    contributes: { configuration: { properties: Record<string, { type?: string }> } };
  };

  test('package.json declares both supported', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
  });

  test('no setting could make the extension run something, so none needs restricting', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations, undefined);
    for (const name of Object.keys(manifest.contributes.configuration.properties))
      assert.doesNotMatch(name, /path|command|executable|program|args|server\.(module|path)/i, name);
  });

  test('the language server reads no files and spawns nothing: it analyses the text it is sent', () => {
    assert.deepEqual(uses(languageServer, /from 'node:(fs|child_process|net|http|https)'|require\(/), []);
  });

  test('the client reads files only through vscode.workspace.fs (virtual file systems work)', () => {
    assert.deepEqual(
      uses(client, /from 'node:(fs|child_process|net|http|https)'|from '(fs|child_process)'/),
      [],
    );
  });

  test('the client asks for report documents by language, any scheme', () => {
    const source = client.find((f) => f.file === 'client/src/languageClient.ts')?.text ?? '';
    assert.match(source, /documentSelector: \[\{ language: LANGUAGE_ID \}\]/);
    assert.doesNotMatch(source, /scheme: 'file'/);
  });
});

describe('only the export commands write files', () => {
  test('one file-system write in the extension: the export’s; no workspace edit or network call', () => {
    const writes =
      /\b(writeFile|writeFileSync|appendFile|createWriteStream|mkdirSync|mkdir|rmSync|unlink|renameSync|copyFile|applyEdit)\s*\(|(?<![.\w]|async )fetch\s*\(|workspace\.fs\.(write|delete|rename|copy|createDirectory)|new (vscode\.)?WorkspaceEdit/;
    assert.deepEqual(
      uses([...client, ...server], writes).map((use) => use.replace(/:\d+:/, ':')),
      [
        'client/src/exportFile.ts: write: (target, bytes) => Promise.resolve(vscode.workspace.fs.writeFile(target, bytes)),',
      ],
    );
  });

  test('the export asks before replacing a file, in a modal dialog', () => {
    const source = client.find((f) => f.file === 'client/src/exportFile.ts')?.text ?? '';
    assert.match(source, /showWarningMessage\([\s\S]*?\{ modal: true[\s\S]*?'Replace',?\s*\)/);
    assert.match(source, /return choice === 'Replace';/);
  });

  test('the workspace is searched only by Compare Reports, with a limit and a cancellation token', () => {
    const searches = uses([...client, ...server], /findFiles\(/);
    assert.equal(searches.length, 1);
    assert.match(
      searches[0] ?? '',
      /^client\/src\/workspaceReports\.ts:\d+: .*findFiles\(SEARCH_GLOB, exclude, MAX_COMPARED_FILES \+ 1, token\)/,
    );
  });

  test('the clipboard is written only by the Copy Summary command', () => {
    const files = new Set(uses([...client, ...server], /clipboard/).map((u) => u.split(':')[0]));
    assert.deepEqual([...files], ['client/src/summaryView.ts']);
  });
});

describe('the CLI searches folders with limits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inspection-report-walk-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (path: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), 'Overall effectiveness\tGood\n');
  };

  test('defaults: 10,000 files, 32 levels', () => {
    assert.deepEqual(DEFAULT_WALK_LIMITS, { maxFiles: 10_000, maxDepth: 32 });
  });

  test('more files than the limit: the first ones are taken and the rest named as left out', () => {
    for (let i = 0; i < 8; i++) write(`many/report-${i}.txt`);
    const { files, problems } = collectFiles([join(dir, 'many')], { maxFiles: 5, maxDepth: 32 });
    assert.equal(files.length, 5);
    assert.deepEqual(
      files.map((f) => f.slice(-12)),
      ['report-0.txt', 'report-1.txt', 'report-2.txt', 'report-3.txt', 'report-4.txt'],
    );
    assert.deepEqual(
      problems.map((p) => p.reason),
      ['more than 5 .txt files; only the first 5 are checked'],
    );
    // The limit counts across inputs.
    const two = collectFiles([join(dir, 'many'), join(dir, 'many')], { maxFiles: 8, maxDepth: 32 });
    assert.equal(two.files.length, 8);
    const again = collectFiles([join(dir, 'many', 'report-0.txt'), join(dir, 'many')], {
      maxFiles: 3,
      maxDepth: 32,
    });
    assert.equal(again.files.length, 3);
    assert.equal(again.problems.length, 1);
    assert.deepEqual(collectFiles([join(dir, 'many')], { maxFiles: 8, maxDepth: 32 }).problems, []);
  });

  test('folders deeper than the limit are not searched, and that is said', () => {
    let path = 'deep';
    for (let level = 0; level < 40; level++) {
      write(`${path}/level-${level}.txt`);
      path += `/d${level}`;
    }
    const limited = collectFiles([join(dir, 'deep')], { maxFiles: 100, maxDepth: 3 });
    assert.equal(limited.files.length, 4, 'levels 0 to 3');
    assert.deepEqual(
      limited.problems.map((p) => p.reason),
      ['folders nested more than 3 levels deep were not searched'],
    );
    const defaults = collectFiles([join(dir, 'deep')]);
    assert.equal(defaults.files.length, 33);
    assert.equal(defaults.problems.length, 1);
  });

  test('a symbolic-link loop is followed once', (t) => {
    write('loop/a/report.txt');
    try {
      symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'a', 'back'), 'dir');
    } catch {
      t.skip('symbolic links are not available here');
      return;
    }
    const { files, problems } = collectFiles([join(dir, 'loop')]);
    assert.equal(files.length, 1);
    assert.deepEqual(problems, []);
  });
});
