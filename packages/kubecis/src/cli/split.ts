// Splits a YAML stream into its documents without parsing it, so that one broken document
// never costs the others, and so that each document knows the line it starts on.
//
// YAML forbids `---` and `...` at the start of a line inside any document content (they are
// "c-forbidden"), so a line that starts with one of them, followed by a space or the end of the
// line, is always a document boundary.

import { countLines } from './lines.js';

export interface YamlChunk {
  /** The document's text, from its `---` marker (or the stream start) to the next boundary. */
  readonly text: string;
  /** The offset of the chunk in the file. */
  readonly offset: number;
  /** The 0-based line of the chunk's first character in the file. */
  readonly line: number;
}

/** Where the directives (`%YAML`, `%TAG`) that precede a `---` at `at` begin, or `at`. */
function directivesStart(text: string, floor: number, at: number): number {
  let start = at;
  let cursor = at;
  while (cursor > floor) {
    // The line that ends just before `cursor` (whose newline is at cursor - 1).
    const lineStart = cursor >= 2 ? text.lastIndexOf('\n', cursor - 2) + 1 : 0;
    const first = lineStart < floor ? floor : lineStart;
    if (first >= cursor) break;
    const line = text.slice(first, cursor).trim();
    if (line.startsWith('%')) start = first;
    else if (line !== '' && !line.startsWith('#')) break;
    cursor = first;
  }
  return start;
}

/** Cuts a YAML stream at its document boundaries. Empty chunks are dropped. */
export function splitYamlDocuments(text: string): YamlChunk[] {
  const chunks: YamlChunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let cursorOffset = 0;
  let cursorLine = 0;
  const lineAt = (offset: number): number => {
    cursorLine += countLines(text, cursorOffset, offset);
    cursorOffset = offset;
    return cursorLine;
  };
  const cut = (end: number): void => {
    if (end > chunkStart) chunks.push({ text: text.slice(chunkStart, end), offset: chunkStart, line: chunkLine });
  };
  const boundary = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let match: RegExpExecArray | null;
  while ((match = boundary.exec(text)) !== null) {
    if (match[0] === '---') {
      const at = directivesStart(text, chunkStart, match.index);
      if (at > chunkStart) {
        cut(at);
        chunkStart = at;
        chunkLine = lineAt(at);
      }
    } else {
      const newline = text.indexOf('\n', match.index);
      const end = newline === -1 ? text.length : newline + 1;
      cut(end);
      chunkStart = end;
      chunkLine = lineAt(end);
      boundary.lastIndex = end;
    }
  }
  cut(text.length);
  return chunks;
}
