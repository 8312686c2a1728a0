import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { writeChunked } from './write.js';

const dir = mkdtempSync(join(tmpdir(), 'kubecis-write-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeChunked', () => {
  it('writes exactly the UTF-8 of the text, whatever the chunk size and wherever a surrogate pair falls', () => {
    let n = 0;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.integer({ min: 1, max: 17 }), (text, chunk) => {
        const file = join(dir, `p-${String(n++)}.txt`);
        writeChunked(file, text, undefined, chunk);
        expect(readFileSync(file)).toEqual(Buffer.from(text, 'utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('replaces what the file held, and gives a new file the mode asked for', () => {
    const file = join(dir, 'report.json');
    writeFileSync(file, 'x'.repeat(100));
    writeChunked(file, '😀'.repeat(10), undefined, 3);
    expect(readFileSync(file, 'utf8')).toBe('😀'.repeat(10));
    const secret = join(dir, 'snapshot.json');
    writeChunked(secret, 'é'.repeat(50), 0o600, 7);
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(readFileSync(secret, 'utf8')).toBe('é'.repeat(50));
  });
});
