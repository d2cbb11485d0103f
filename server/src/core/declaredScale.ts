import type { Span } from './model';
import { cleanLine, type TextLines } from './text';

/** A grade as a report's own scale declaration states it. */
export interface DeclaredGrade {
  readonly label: string;
  readonly number: number;
  readonly description?: string;
  readonly line: number;
}

/** The scale declaration found in the text. */
export interface Declaration {
  readonly grades: readonly DeclaredGrade[];
  readonly span: Span;
  readonly lines: readonly number[];
}

// `Outstanding (Grade 1)  A service that ...`, also inside `| ... |` cells or after a tab.
const ENTRY = /^[\s|]*([A-Z][A-Za-z ]{1,40}?)\s*\(\s*Grade\s*(\d)\s*\)\s*[|\t]?\s*(.*?)[\s|]*$/;

/**
 * Could this line (clean text) be an entry of a scale declaration? Lines that cannot, edited, leave
 * the declaration found as it was unless they are in it or just after it.
 */
export function mayDeclareGrade(clean: string): boolean {
  return clean.length <= 300 && clean.includes('Grade') && ENTRY.test(clean);
}

/**
 * Finds "The inspection judgements and what they mean": three or more `Label (Grade N)` lines close
 * together, numbered 1, 2, 3, ... Descriptions wrapped onto the next line are joined.
 */
export function findDeclaredScale(text: TextLines): Declaration | undefined {
  const { lineCount, starts, ends } = text;
  // ENTRY needs `Grade`: only the lines holding it are read, found by native searches of the text
  // (cleaning changes no letter). ENTRY is quadratic on long lines, hence the cap.
  let i = 0;
  for (let at = text.text.indexOf('Grade'); at >= 0; at = text.text.indexOf('Grade', ends[i++])) {
    while (i < lineCount && (ends[i] as number) <= at) i++;
    if (i === lineCount) break;
    if ((ends[i] as number) - (starts[i] as number) > 300) continue;
    const first = ENTRY.exec(cleanLine(text, i) ?? '');
    if (!first || first[2] !== '1') continue;
    const grades: DeclaredGrade[] = [];
    const used: number[] = [];
    let expect = 1;
    let last = i;
    for (let j = i; j < lineCount && j <= last + 6; j++) {
      const line = cleanLine(text, j) ?? '';
      if (line.length > 300) break;
      const m = ENTRY.exec(line);
      if (m && Number(m[2]) === expect) {
        grades.push({
          label: (m[1] ?? '').trim(),
          number: expect,
          description: (m[3] ?? '').trim(),
          line: j,
        });
        used.push(j);
        expect++;
        last = j;
        continue;
      }
      // A wrapped description: an indented or tab-led continuation in lower case.
      const cont = line.replace(/^[\s|]+|[\s|]+$/g, '');
      const prev = grades[grades.length - 1];
      if (prev && cont && /^[a-z]/.test(cont) && j - prev.line <= 3 && /^[\s\t|]/.test(line)) {
        grades[grades.length - 1] = { ...prev, description: `${prev.description ?? ''} ${cont}`.trim() };
        used.push(j);
        last = j;
      }
    }
    if (grades.length >= 3) {
      return {
        grades: grades.map((g) => ({ ...g, description: tidy(g.description) })),
        span: { start: text.starts[i] ?? 0, end: text.ends[last] ?? 0 },
        lines: used,
      };
    }
  }
  return undefined;
}

function tidy(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const text = description.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}
