import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../server/src/core/analyse';
import { allFixtures, readFixture, repoRoot, summarise } from '../support/fixtures';

/**
 * Golden outputs: the outline, judgements and findings of every seed and corpus report, reviewed
 * by hand. `npm run golden:update` rewrites them; review the diff before committing.
 */
const goldenDir = join(repoRoot(), 'test', 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

describe('golden analyses of the seeds and the corpus', () => {
  for (const fixture of allFixtures()) {
    it(fixture.name, () => {
      const actual = `${JSON.stringify(summarise(analyse(readFixture(fixture))), null, 2)}\n`;
      const file = join(goldenDir, `${fixture.name}.json`);
      if (update || !existsSync(file)) {
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(file, actual);
        if (!update) assert.fail(`golden file ${file} was missing; written now, review it`);
        return;
      }
      assert.equal(actual, readFileSync(file, 'utf8'));
    });
  }
});

describe('published reports are consistent', () => {
  for (const fixture of allFixtures()) {
    it(`${fixture.name} raises no error or warning`, () => {
      const { findings } = analyse(readFixture(fixture));
      const serious = findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
      assert.deepEqual(
        serious.map((f) => `${f.code}: ${f.message}`),
        [],
      );
    });
  }
});
