import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The package version, read from the nearest `package.json` named `inspection-report` above the
 * running script (dist/cli.js when bundled, out/server/src/cli.js when compiled).
 */
export function packageVersion(startDir: string): string {
  let dir = startDir;
  for (;;) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === 'inspection-report' && typeof manifest.version === 'string')
        return manifest.version;
    } catch {
      // no readable manifest here: look further up
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
