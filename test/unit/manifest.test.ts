import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { listFiles, PackageManager } from '@vscode/vsce';
import { LANGUAGE_ID } from '../../server/src/protocol/requests';
import {
  FRAMEWORK_SETTING,
  SECTION,
  settingDefaults,
  settingSchemas,
} from '../../server/src/protocol/settings';
import { repoRoot } from '../support/fixtures';

interface Contribution {
  command?: string;
  id?: string;
  view?: string;
  contents?: string;
  when?: string;
  group?: string;
}

interface Manifest {
  activationEvents?: string[];
  contributes: {
    languages: { id: string; filenamePatterns?: string[]; configuration?: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    configuration: {
      title: string;
      properties: Record<string, { default?: unknown; enum?: unknown[]; pattern?: string }>;
    };
    commands: { command: string; title: string; category?: string; icon?: string }[];
    menus: Record<string, Contribution[]>;
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, Contribution[]>;
    viewsWelcome: Contribution[];
  };
}

const root = repoRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const { contributes } = manifest;
const properties = contributes.configuration.properties;
const declaredCommands = new Set(contributes.commands.map((command) => command.command));
const viewIds = new Set(Object.values(contributes.views).flatMap((views) => views.map((view) => view.id)));
/** Commands every view provides without a declaration. */
const builtInViewCommands = new Set([...viewIds].flatMap((id) => [`${id}.focus`, `${id}.removeView`]));

describe('package.json', () => {
  test('declares every setting of settings.ts with the same default', () => {
    const defaults = settingDefaults();
    for (const name of Object.keys(settingSchemas) as (keyof typeof settingSchemas)[]) {
      const key = `${SECTION}.${name}`;
      const property = properties[key];
      assert.ok(property !== undefined, `${key} is not declared`);
      assert.deepEqual(property.default, defaults[name], `${key} has another default`);
    }
  });

  test('declares no setting that settings.ts does not know (except trace.server)', () => {
    const known = new Set(
      [...Object.keys(settingSchemas), 'trace.server'].map((name) => `${SECTION}.${name}`),
    );
    for (const key of Object.keys(properties)) assert.ok(known.has(key), `${key} is not in settings.ts`);
  });

  test('trace.server offers the values the language client reads', () => {
    assert.deepEqual(properties[`${SECTION}.trace.server`]?.enum, ['off', 'messages', 'verbose']);
    assert.equal(properties[`${SECTION}.trace.server`]?.default, 'off');
  });

  test('declares every command used in menus and welcome views', () => {
    for (const [menu, items] of Object.entries(contributes.menus)) {
      for (const item of items) {
        assert.ok(
          item.command !== undefined && declaredCommands.has(item.command),
          `${menu}: ${item.command}`,
        );
      }
    }
    for (const welcome of contributes.viewsWelcome) {
      assert.ok(viewIds.has(welcome.view ?? ''), `viewsWelcome names unknown view ${welcome.view}`);
      for (const [, command] of (welcome.contents ?? '').matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(command !== undefined && declaredCommands.has(command), `viewsWelcome: ${command}`);
      }
    }
  });

  test('every command has the category and the reveal command is hidden from the palette', () => {
    for (const command of contributes.commands)
      assert.equal(command.category, 'Inspection Report', command.command);
    const palette = contributes.menus.commandPalette ?? [];
    assert.ok(
      palette.some((item) => item.command === 'inspectionReport.revealRange' && item.when === 'false'),
    );
  });

  test('every declared command is registered by the client', () => {
    const dir = join(root, 'client', 'src');
    const sources = readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .filter((source) => source.includes('registerCommand('));
    const named = new Set(
      sources.flatMap((source) => [...source.matchAll(/'(inspectionReport\.[\w.]+)'/g)].map((m) => m[1])),
    );
    for (const command of declaredCommands) assert.ok(named.has(command), `${command} is never registered`);
    // The status item opens the view with the command every view has.
    assert.ok(builtInViewCommands.has('inspectionReport.summary.focus'));
  });

  test('activates lazily on the report language and on plain text (for auto-detection)', () => {
    assert.deepEqual([...(manifest.activationEvents ?? [])].sort(), [
      `onLanguage:${LANGUAGE_ID}`,
      'onLanguage:plaintext',
    ]);
  });

  test('contributes the language, its grammar and the view', () => {
    const language = contributes.languages.find((entry) => entry.id === LANGUAGE_ID);
    assert.ok(language, 'language not contributed');
    assert.deepEqual(language.filenamePatterns, ['*.report.txt']);
    assert.ok(language.configuration && existsSync(join(root, language.configuration)));
    const grammar = contributes.grammars.find((entry) => entry.language === LANGUAGE_ID);
    assert.ok(grammar && existsSync(join(root, grammar.path)));
    assert.equal(grammar.scopeName, 'text.inspection-report');
    assert.ok(viewIds.has('inspectionReport.summary'));
    for (const container of contributes.viewsContainers.activitybar) {
      assert.ok(existsSync(join(root, container.icon)), `missing icon ${container.icon}`);
    }
  });
});

describe('Compare Reports and export', () => {
  const command = (id: string) => contributes.commands.find((entry) => entry.command === id);
  const palette = (id: string) => contributes.menus.commandPalette?.find((item) => item.command === id);

  test('declares the commands, with titles and icons', () => {
    assert.equal(command('inspectionReport.compareReports')?.title, 'Compare Reports in Workspace');
    assert.equal(command('inspectionReport.exportComparison')?.title, 'Export Report Comparison…');
    assert.equal(command('inspectionReport.exportSummary')?.title, 'Export Summary…');
    for (const id of ['compareReports', 'exportComparison', 'exportSummary'])
      assert.match(command(`inspectionReport.${id}`)?.icon ?? '', /^\$\([\w-]+\)$/, id);
  });

  test('Compare Reports is a button on the summary view’s title bar', () => {
    const item = contributes.menus['view/title']?.find(
      (entry) => entry.command === 'inspectionReport.compareReports',
    );
    assert.equal(item?.when, 'view == inspectionReport.summary');
    assert.match(item?.group ?? '', /^navigation/);
  });

  test('the export commands are offered only when there is something to export', () => {
    assert.equal(palette('inspectionReport.exportComparison')?.when, 'inspectionReport.comparison.ready');
    assert.match(
      palette('inspectionReport.exportSummary')?.when ?? '',
      /inspectionReport\.summary\.state == ready/,
    );
    const title = contributes.menus['editor/title']?.find(
      (entry) => entry.command === 'inspectionReport.exportComparison',
    );
    assert.match(title?.when ?? '', /activeWebviewPanelId == 'inspectionReport\.compare'/);
  });

  test('the package holds the webview’s script and stylesheet, and no sources', async () => {
    for (const file of ['media/compare.js', 'media/compare.css'])
      assert.ok(existsSync(join(root, file)), `${file} is missing`);
    // As `vsce package --no-dependencies` (npm run package) would pack them, by .vscodeignore.
    const packaged = (await listFiles({ cwd: root, packageManager: PackageManager.None })).map((file) =>
      file.split('\\').join('/'),
    );
    for (const file of ['media/compare.js', 'media/compare.css', 'media/report.svg', 'package.json'])
      assert.ok(packaged.includes(file), `${file} is not packaged`);
    const sources = packaged.filter((file) =>
      /^(client|server|test|scripts|bench|node_modules|seeds)\/|\.ts$/.test(file),
    );
    assert.deepEqual(sources, []);
  });
});

describe('framework setting', () => {
  test('package.json accepts exactly the values the server accepts', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
    const declared = manifest.contributes.configuration.properties[`${SECTION}.framework`];
    assert.equal(declared?.pattern, FRAMEWORK_SETTING.source);
  });
});
