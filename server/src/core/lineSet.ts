/** A set of line numbers of one document, as a byte per line: `has` is an array read. */
export class LineSet {
  private readonly marks: Uint8Array;

  /** An empty set for a document of `lineCount` lines, or the set whose marks are `marks` (not copied). */
  constructor(lineCount: number, marks?: Uint8Array) {
    this.marks = marks ?? new Uint8Array(Math.max(0, lineCount));
  }

  /** The marks, a byte per line (1 in the set): not a copy. */
  get bytes(): Uint8Array {
    return this.marks;
  }

  /** True when line `line` is in the set (false for numbers outside the document). */
  has(line: number): boolean {
    return this.marks[line] === 1;
  }

  /** Adds line `line`; numbers outside the document are ignored. */
  add(line: number): void {
    if (line >= 0 && line < this.marks.length) this.marks[line] = 1;
  }
}
