// The hostile report's strings for the browser suite, which is plain JavaScript and cannot import
// test/support/hostile.ts: a copy of its HOSTILE and HOSTILE_JUDGEMENTS, exactly as written in
// test/fixtures/hostile/hostile-report.txt. test/unit/hostile.test.ts checks that the two agree.

/** Strings of the hostile report, exactly as written in it (as HOSTILE in test/support/hostile.ts). */
export const HOSTILE = Object.freeze({
  subject: 'Evil <script>alert(document)</script> Council',
  part: "The inspection outcomes: safeguarding services <img src=x onerror=alert('part')>",
  script: "Safeguarding <script>alert('heading')</script>",
  img: 'Leadership and management <img src=x onerror=alert(1)>',
  links:
    'Partnerships [Click me](javascript:alert(1)) `code` **bold** _em_ ${7*7} {{constructor}} $(bug) &amp; toString __proto__ hasOwnProperty',
  row: "<script>alert('row')</script> Capacity for improvement",
});

/** The judgements of the hostile report, in order (as HOSTILE_JUDGEMENTS in test/support/hostile.ts). */
export const HOSTILE_JUDGEMENTS = Object.freeze([
  'Overall effectiveness',
  HOSTILE.script,
  HOSTILE.img,
  HOSTILE.links,
  HOSTILE.row,
]);
