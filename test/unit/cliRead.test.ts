import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeUtf8, readReport } from '../../server/src/cli/files';
import { seededRandom } from '../support/random';

/*
 * The CLI reads each report through one file descriptor and decodes it by the fastest of three
 * routes (server/src/cli/files.ts). Whatever the route, the text must be what `TextDecoder` makes
 * of the same bytes, byte order mark dropped and malformed bytes replaced alike.
 */

const reference = (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes);

describe('CLI reading: decodeUtf8 is TextDecoder', () => {
  const cases: [string, number[]][] = [
    ['ASCII', [...Buffer.from('Grade 4 (inadequate)\r\n')]],
    ['Latin-1 letters', [...Buffer.from('Très bien: café\n')]],
    ['curly quotes and dashes', [...Buffer.from('Children’s services – “good”\n')]],
    ['a byte order mark', [0xef, 0xbb, 0xbf, 0x41]],
    ['two byte order marks (the second is text)', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]],
    ['a byte order mark alone', [0xef, 0xbb, 0xbf]],
    ['nothing', []],
    ['an astral character', [0xf0, 0x9f, 0x98, 0x80]],
    ['U+FFFE and U+10FFFF', [0xef, 0xbf, 0xbe, 0xf4, 0x8f, 0xbf, 0xbf]],
    ['a lone continuation byte', [0x41, 0x80, 0x42]],
    ['0xFF', [0xff]],
    ['a truncated sequence at the end', [0x41, 0xe2, 0x80]],
    ['a truncated sequence in the middle', [0xe2, 0x80, 0x41]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['a five-byte sequence', [0xf8, 0x88, 0x80, 0x80, 0x80]],
    ['beyond U+10FFFF', [0x41, 0xe2, 0x82, 0xac, 0xf4, 0x90, 0x80, 0x80, 0x42]],
    ['a byte order mark before malformed bytes', [0xef, 0xbb, 0xbf, 0xff, 0x41]],
  ];
  for (const [name, bytes] of cases) {
    test(name, () => {
      const buffer = Buffer.from(bytes);
      assert.equal(decodeUtf8(buffer), reference(buffer));
    });
  }

  test('beyond 16 MB (decoded by TextDecoder itself, to hold less at once)', () => {
    const line = Buffer.from('Children’s services – “good”.\n');
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      ...Array(Math.ceil(17_000_000 / line.length)).fill(line),
    ]);
    const text = decodeUtf8(bytes);
    assert.ok(bytes.length > 16 * 1024 * 1024);
    assert.equal(text, reference(bytes));
    assert.ok(text.startsWith('Children’s'));
  });

  test('20,000 random byte strings: encoded text, some of it damaged, and raw bytes', () => {
    const random = seededRandom(20261124);
    const below = (n: number) => Math.floor(random() * n);
    /** A code point from one of the four UTF-8 lengths, surrogates left out. */
    const codePoint = (): number => {
      const ranges = [0x80, 0x800, 0x10000, 0x110000];
      const from = [0, 0x80, 0x800, 0x10000];
      const k = below(4);
      const point = (from[k] as number) + below((ranges[k] as number) - (from[k] as number));
      return point >= 0xd800 && point <= 0xdfff ? 0x2019 : point;
    };
    let validBeyondAscii = 0;
    let malformed = 0;
    for (let n = 0; n < 20_000; n++) {
      let bytes: Buffer;
      if (n % 4 === 3) {
        bytes = Buffer.alloc(1 + below(12), 0);
        for (let i = 0; i < bytes.length; i++) bytes[i] = random() < 0.6 ? 0x80 + below(0x80) : below(0x100);
      } else {
        const text = Array.from({ length: 1 + below(6) }, () => String.fromCodePoint(codePoint())).join('');
        bytes = Buffer.from(text, 'utf8');
        // Every other encoded string damaged: a byte changed, or the last one cut off.
        if (n % 2 === 1) {
          if (random() < 0.5) bytes[below(bytes.length)] = below(0x100);
          else bytes = bytes.subarray(0, bytes.length - 1);
        }
      }
      const expected = reference(bytes);
      if (expected.includes('\ufffd')) malformed++;
      else if (bytes.some((byte) => byte > 0x7f)) validBeyondAscii++;
      assert.equal(decodeUtf8(bytes), expected, `bytes ${bytes.toString('hex')}`);
    }
    // Every route taken often: valid UTF-8 beyond ASCII (ICU), and malformed bytes (TextDecoder).
    assert.ok(validBeyondAscii > 5_000, `${validBeyondAscii} valid beyond ASCII`);
    assert.ok(malformed > 5_000, `${malformed} malformed`);
  });
});

describe('CLI reading: readReport', () => {
  let tmp = '';
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-read-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('reads a report with a byte order mark and curly quotes as TextDecoder would', () => {
    const file = path.join(tmp, 'bom.txt');
    const bytes = Buffer.from('\ufeffChildren’s services are “good”.\n');
    fs.writeFileSync(file, bytes);
    assert.deepEqual(readReport(file), { path: file, text: reference(bytes) });
  });

  test('an empty file is an empty report', () => {
    const file = path.join(tmp, 'empty.txt');
    fs.writeFileSync(file, '');
    assert.deepEqual(readReport(file), { path: file, text: '' });
  });

  test('a missing file says so', () => {
    assert.deepEqual(readReport(path.join(tmp, 'gone.txt')), {
      path: path.join(tmp, 'gone.txt'),
      reason: 'no such file or folder',
    });
  });

  test('a named pipe is refused at once, not waited on', { skip: process.platform === 'win32' }, () => {
    const fifo = path.join(tmp, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    assert.deepEqual(readReport(fifo), { path: fifo, reason: 'not a regular file' });
  });
});
