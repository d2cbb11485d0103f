import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTitleBlock, SUBJECT, TITLE, type TitleBlock } from '../../server/src/core/framework';
import { cleanLines, fold, splitLines, type TextLines } from '../../server/src/core/text';
import { allFixtures, readFixture } from '../support/fixtures';
import { seededRandom } from '../support/random';

/*
 * `readTitleBlock` folds a head line only when its first and last characters leave it a chance of
 * being what it looks for, and looks for the year only in lines holding "inspect" or "publish". The
 * oracle below folds every line of the head first and searches them joined, as the reading was
 * written before; both must read the same block from any text.
 */

function textOf(clean: string | undefined): string {
  const text = clean ?? '';
  return fold(text.length > 300 ? text.slice(0, 300) : text);
}

/** The title block as read by folding every head line up front. */
function oracleTitleBlock(lines: TextLines): TitleBlock {
  let headCount = Math.min(lines.lineCount, 60);
  while (headCount > 0 && (lines.starts[headCount - 1] ?? 0) >= 3000) headCount--;
  const all = cleanLines(lines);
  const headTexts = all.slice(0, headCount).map(textOf);
  let title = '';
  let titleLine = -1;
  for (let h = 0; h < headCount; h++) {
    const text = headTexts[h] as string;
    if (text.length > 0 && text.length <= 200 && TITLE.test(text)) {
      title = text;
      titleLine = h;
      for (let k = 1; k <= 2; k++) {
        const next = textOf(all[h + k]);
        if (!next || next.length > 80 || /:/.test(next) || /^(and|review)\b/i.test(next)) break;
        if (/^[a-z]/.test(next) || /\b(of|and|for|in|the)$/i.test(title)) title = `${title} ${next}`;
        else break;
      }
      break;
    }
  }
  if (!title) {
    const first = headTexts.findIndex((text) => text.length > 0 && text.length <= 200);
    title = headTexts[first] ?? '';
    titleLine = first;
  }
  let subject = '';
  const fromTitle = /^(?:re-?)?inspection of (.+?)(?:['’]s)? children['’]s (?:social care )?services$/i.exec(
    title,
  );
  if (fromTitle && !/^(local authority|safeguarding|looked after|services)/i.test(fromTitle[1] ?? ''))
    subject = (fromTitle[1] ?? '').trim();
  if (!subject) {
    for (let h = 0; h < headCount; h++) {
      const text = headTexts[h] as string;
      if (h !== titleLine && SUBJECT.test(text) && !/^(the|this|copy|dear)\b/i.test(text)) {
        subject = text;
        break;
      }
    }
  }
  if (!subject && titleLine >= 0) {
    for (const k of [titleLine + 1, titleLine + 2, titleLine - 1, titleLine - 2]) {
      const text = textOf(k >= 0 ? all[k] : undefined);
      if (text && text.length <= 60 && !/[:.,]/.test(text) && !/\d/.test(text) && /^[A-Z]/.test(text)) {
        if (!TITLE.test(text)) {
          subject = text;
          break;
        }
      }
    }
  }
  const yearMatch =
    /\b(?:inspection dates?|inspected|published|report published)\b[^\n]{0,60}?\b(19|20)(\d\d)\b/i.exec(
      headTexts.join('\n'),
    );
  const year = yearMatch ? Number(`${yearMatch[1]}${yearMatch[2]}`) : undefined;
  return { title, titleLine, subject, ...(year !== undefined ? { year } : {}) };
}

/** Heads made of pieces that sit at the edges of what the reading looks for. */
function madeHeads(count: number): string[] {
  const random = seededRandom(23);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const lines = [
    '',
    '   ',
    '\t',
    'Inspection of Kent County Council children’s services',
    'Re-inspection of Slough',
    'reinspection of local authority children’s services',
    'School report',
    'SCHOOL REPORT  ',
    'Annual unannounced inspection of',
    'Area SEND inspection',
    'Joint area SEND inspection in Poole',
    'Focused visit',
    'Kent County Council',
    'Farnham Heath End School',
    'The Priory Academy',
    'Copy of Sandwell Council',
    'Hereford College',
    'Dorset Healthcare Trust',
    'Northshire Partnership',
    'Northshire partnership',
    'South Gloucestershire',
    'and review',
    'of looked after children',
    'Inspection dates: 12 – 23 March 2018',
    'Inspection dates                 12 March 2018',
    'Report published: 3 May 2019',
    'Published 2015',
    'inspected in 1999 and',
    'Date inspected                                   19 June 2014',
    'Reinspected later; published 2031',
    'published 20212',
    'This report was first published on 1 May 2019',
    'Inspection report for a local authority',
    'Local authority inspection report',
    'Local authority inspection REPORT   ',
    'Ofsted  \t  raising standards',
    'Page 1 of 30',
    '\f',
    'Inspect ion dates 2016',
    'x'.repeat(290) + ' Kent County Council',
    ' '.repeat(295) + 'Inspection dates 2017',
    'Inspection report '.repeat(20),
    'a  b'.repeat(100) + ' inspection report',
    '\u00a0Inspection of Leeds\u2003children’s services',
    'Inspection\u00a0dates\u00a02014',
    'Dear Mr Smith',
    // Longer than the 300 characters read: what is read ends, or starts, otherwise than the line.
    `Inspection report${' '.repeat(300)}x`,
    `Kent County Council${' '.repeat(290)} and so on`,
    `${' '.repeat(301)}Inspection of Kent`,
  ];
  // Lines none of which is read as anything.
  const filler = ['', 'Ofsted', 'Contents', '12', '  Summary  of findings  '];
  const breaks = ['\n', '\r\n', '\r'];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const size = 1 + Math.floor(random() * 70);
    const parts: string[] = [];
    // Every fourth head: one line of interest after filler, as the head's last line or past it.
    const alone = n % 4 === 0;
    for (let i = 0; i < size; i++)
      parts.push(alone && i < size - 1 ? pick(filler) : pick(lines), pick(breaks));
    // There, no break after the last line, which is then the head's last (when it starts early enough).
    out.push(parts.slice(0, alone ? -1 : parts.length).join(''));
  }
  return out;
}

describe('the title block', () => {
  it('is read from every fixture as by folding every head line first', () => {
    for (const fixture of allFixtures()) {
      const lines = splitLines(readFixture(fixture));
      assert.deepEqual(readTitleBlock(lines), oracleTitleBlock(lines), fixture.name);
    }
  });

  it('is read from made heads as by folding every head line first', () => {
    let withYear = 0;
    let withSubject = 0;
    for (const text of madeHeads(4000)) {
      const lines = splitLines(text);
      const expected = oracleTitleBlock(lines);
      assert.deepEqual(readTitleBlock(lines), expected, JSON.stringify(text));
      if (expected.year !== undefined) withYear++;
      if (expected.subject !== '') withSubject++;
    }
    // The made heads reach each thing read, not only the empty answers.
    assert.ok(withYear > 1000 && withSubject > 1000, `${withYear} years, ${withSubject} subjects`);
  });
});
