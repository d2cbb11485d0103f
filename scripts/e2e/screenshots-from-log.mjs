// Gets the e2e screenshots back out of a CI log, where run-e2e.mjs prints them base64-encoded
// (E2E_EMBED_SCREENSHOTS=1) between "==== BEGIN e2e screenshot NAME ====" and "==== END ... ====".
//
//   node scripts/e2e/screenshots-from-log.mjs ci.log [folder]    (default: test-output/e2e/from-log)
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [log, folder = path.join('test-output', 'e2e', 'from-log')] = process.argv.slice(2);
if (!log) {
  console.error('usage: node scripts/e2e/screenshots-from-log.mjs LOG [FOLDER]');
  process.exit(2);
}
const pattern = /^==== BEGIN e2e screenshot (\S+\.png) ====\n([\s\S]*?)\n==== END e2e screenshot \1 ====$/gm;
mkdirSync(folder, { recursive: true });
let count = 0;
for (const [, name, data] of readFileSync(log, 'utf8').replace(/\r\n/g, '\n').matchAll(pattern)) {
  writeFileSync(
    path.join(folder, path.basename(name)),
    Buffer.from(data.replace(/^b64 /gm, '').replace(/\s+/g, ''), 'base64'),
  );
  console.log(path.join(folder, path.basename(name)));
  count++;
}
if (count === 0) {
  console.error(`no screenshots in ${log}`);
  process.exit(1);
}
