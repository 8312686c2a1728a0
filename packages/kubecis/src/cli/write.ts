// Writing a report to a file. Pure formatting lives in core; this is the CLI's I/O.

import { open, writeFile } from 'node:fs/promises';

/** Characters written at a time: a report of a large cluster is ~90 MB, and one Buffer of it doubles the peak. */
export const writeChunk = 1 << 20;

/**
 * Writes `text` as UTF-8 a slice at a time, never splitting a surrogate pair; `mode` applies when
 * the file is created, as with `writeFile`.
 */
export async function writeChunked(path: string, text: string, mode: number | undefined, chunk: number = writeChunk): Promise<void> {
  if (text.length <= chunk) {
    await writeFile(path, text, { encoding: 'utf8', ...(mode === undefined ? {} : { mode }) });
    return;
  }
  const handle = await open(path, 'w', mode);
  try {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + chunk, text.length);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
      await handle.write(text.slice(start, end), null, 'utf8');
      start = end;
    }
  } finally {
    await handle.close();
  }
}
