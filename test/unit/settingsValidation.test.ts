import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { analyseOptions } from '../../server/src/documents';
import { analyse } from '../../server/src/core/analyse';
import {
  type SettingName,
  SECTION,
  sanitizeSettings,
  settingDefaults,
  type Settings,
} from '../../server/src/protocol/settings';

/*
 * A wrong value in settings (issue 5, item 7) gives one clear message naming the setting, falls back
 * to that setting's default, and leaves every other setting as the user set it. Checked for each
 * setting with every wrong shape a settings.json can hold, in the nested form VS Code sends and the
 * flat `a.b` form, and as a property over random JSON values.
 */

/** Valid values, none of them the default, so a fallback to a default is visible. */
const GOOD: Record<SettingName, unknown> = {
  autoDetect: false,
  framework: 'cqc',
  scales: [
    {
      name: 'Mine',
      grades: [
        { label: 'Top', number: 1 },
        { label: 'Bottom', number: 2 },
      ],
    },
  ],
  'diagnostics.enable': false,
  'diagnostics.severity': { 'record-mismatch': 'warning' },
  maxOutlineNodes: 50,
};

/** Where each setting lands in {@link Settings}. */
const FIELD: Record<SettingName, keyof Settings> = {
  autoDetect: 'autoDetect',
  framework: 'framework',
  scales: 'scales',
  'diagnostics.enable': 'diagnosticsEnable',
  'diagnostics.severity': 'severity',
  maxOutlineNodes: 'maxOutlineNodes',
};

/** Wrong values for each setting, as a user might write them. */
const BAD: Record<SettingName, unknown[]> = {
  autoDetect: ['yes', 'true', 1, 0, null, [], {}],
  framework: ['bogus', 'SLAC', '', 'user:', ' sif', 42, null, ['sif'], { id: 'sif' }],
  scales: [
    'My scale',
    {},
    [null],
    [{ grades: [{ label: 'A' }, { label: 'B' }] }],
    [{ name: '', grades: [{ label: 'A' }, { label: 'B' }] }],
    [{ name: 'One grade', grades: [{ label: 'A' }] }],
    [{ name: 'Empty label', grades: [{ label: '' }, { label: 'B' }] }],
    [{ name: 'Half number', grades: [{ label: 'A', number: 1.5 }, { label: 'B' }] }],
    [{ name: 'Text number', grades: [{ label: 'A', number: '1' }, { label: 'B' }] }],
    [{ name: 'Empty trigger', grades: [{ label: 'A' }, { label: 'B' }], whenTextContains: '' }],
    [{ name: 'Grades not a list', grades: 'A, B' }],
  ],
  'diagnostics.enable': ['false', 0, null, {}],
  'diagnostics.severity': [
    'error',
    ['error'],
    { 'record-mismatch': 'fatal' },
    { 'record-mismatch': 2 },
    { 'record-mismatch': null },
    { 'grade-unknown': 'warning', 'record-mismatch': 'ERROR' },
  ],
  maxOutlineNodes: [5, 9, 2_000_000, 12.5, '100', -1, null, Number.NaN, Number.POSITIVE_INFINITY],
};

const NAMES = Object.keys(GOOD) as SettingName[];

/** The raw configuration section, nested as VS Code sends it (`diagnostics: { enable }`). */
function nested(values: Record<SettingName, unknown>): Record<string, unknown> {
  return {
    autoDetect: values.autoDetect,
    framework: values.framework,
    scales: values.scales,
    diagnostics: { enable: values['diagnostics.enable'], severity: values['diagnostics.severity'] },
    maxOutlineNodes: values.maxOutlineNodes,
  };
}

const expectedGood = sanitizeSettings(nested(GOOD));

describe('settings validation', () => {
  test('the valid values are taken as they are', () => {
    assert.deepEqual(expectedGood.problems, []);
    for (const name of NAMES) assert.deepEqual(expectedGood.settings[FIELD[name]], GOOD[name], name);
  });

  for (const name of NAMES) {
    test(`a wrong ${name} is named, falls back to its default, and the others still apply`, () => {
      const defaults = settingDefaults();
      for (const bad of BAD[name]) {
        for (const form of ['nested', 'flat'] as const) {
          const values = { ...GOOD, [name]: bad };
          const raw = form === 'nested' ? nested(values) : { ...values };
          const { settings, problems } = sanitizeSettings(raw);
          const shown = `${name} = ${JSON.stringify(bad)} (${form})`;
          assert.equal(problems.length, 1, `${shown}: ${JSON.stringify(problems)}`);
          const [message] = problems as [string];
          assert.ok(
            message.includes(`"${SECTION}.${name}"`),
            `${shown}: the message names the setting: ${message}`,
          );
          assert.match(message, /default/, `${shown}: the message says the default is used`);
          assert.deepEqual(settings[FIELD[name]], defaults[name], `${shown}: falls back to the default`);
          for (const other of NAMES.filter((n) => n !== name))
            assert.deepEqual(settings[FIELD[other]], GOOD[other], `${shown}: ${other} still applies`);
        }
      }
    });
  }

  test('a message says where inside a value the problem is', () => {
    const { problems } = sanitizeSettings(
      nested({ ...GOOD, 'diagnostics.severity': { 'grade-unknown': 'warning', 'record-mismatch': 'fatal' } }),
    );
    assert.match(problems[0] ?? '', /at record-mismatch/);
    const scales = sanitizeSettings(
      nested({ ...GOOD, scales: [GOOD.scales, { name: 'Bad', grades: [{ label: 'A' }] }].flat() }),
    );
    assert.match(scales.problems[0] ?? '', /inspectionReport\.scales.*at 1\.grades/);
  });

  test('several wrong values give one message each; a section that is not an object gives the defaults', () => {
    const { settings, problems } = sanitizeSettings({
      autoDetect: 'no',
      maxOutlineNodes: 'many',
      framework: 'sif',
    });
    assert.equal(problems.length, 2);
    assert.equal(settings.framework, 'sif');
    for (const raw of [undefined, null, 'inspectionReport', 42, true, []]) {
      const result = sanitizeSettings(raw);
      assert.deepEqual(result.problems, [], JSON.stringify(raw));
      assert.deepEqual(result.settings, sanitizeSettings({}).settings);
    }
  });

  test('object keys such as __proto__ and constructor are plain data', () => {
    const raw = JSON.parse(
      '{"diagnostics":{"severity":{"__proto__":"off","constructor":"off","record-mismatch":"hint"}}}',
    ) as unknown;
    const { settings, problems } = sanitizeSettings(raw);
    assert.deepEqual(problems, []);
    assert.equal(settings.severity['record-mismatch'], 'hint');
    assert.equal(({} as Record<string, unknown>)['record-mismatch'], undefined, 'no prototype pollution');
    analyse('Grade 4 (inadequate)', analyseOptions(settings));
  });

  test('any JSON value for any setting: never throws, and either applies or is reported by name (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), fc.jsonValue(), (name, value) => {
        const { settings, problems } = sanitizeSettings(nested({ ...GOOD, [name]: value }));
        assert.ok(problems.length <= 1);
        if (problems.length === 1) {
          assert.ok(problems[0]?.includes(`"${SECTION}.${name}"`));
          assert.deepEqual(settings[FIELD[name]], settingDefaults()[name]);
        }
        for (const other of NAMES.filter((n) => n !== name))
          assert.deepEqual(settings[FIELD[other]], GOOD[other]);
        // Whatever got through, the analysis copes with it.
        analyse('Overall effectiveness\n\nGrade 2 (good)\n', analyseOptions(settings));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
