// Line bookkeeping shared by the YAML and JSON loaders and locators. Lines are 0-based here;
// the CLI adds 1 when it builds a SourceLocation.

/** Offsets of the line starts of a text, built once and searched by binary search. */
export class LineIndex {
  readonly text: string;
  /** Typed, so that the index of a large dump (millions of lines) costs 4 bytes a line. */
  private readonly starts: Int32Array;

  constructor(text: string) {
    this.text = text;
    let starts = new Int32Array(Math.max(16, text.length >> 5));
    let count = 1;
    let at = text.indexOf('\n');
    while (at !== -1) {
      if (count === starts.length) {
        const grown = new Int32Array(count * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = at + 1;
      at = text.indexOf('\n', at + 1);
    }
    this.starts = starts.subarray(0, count);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid]!) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The offset of the first character of a line. */
  start(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** The offset just past the last character of a line, before `\r\n` or `\n`. */
  end(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.start(line));
  }
}

/** Counts the line breaks in `text` between two offsets. */
export function countLines(text: string, from: number, to: number): number {
  let count = 0;
  let at = text.indexOf('\n', from);
  while (at !== -1 && at < to) {
    count++;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}
