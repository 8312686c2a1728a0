import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { dump, loadAll } from 'js-yaml';
import { splitYamlDocuments } from './split.js';

const lineCount = (text: string, offset: number): number => text.slice(0, offset).split('\n').length - 1;

describe('splitYamlDocuments', () => {
  it('cuts at --- and after ..., keeping each chunk with its first line', () => {
    const text = '# header\na: 1\n---\nb: 2\n...\n--- # third\nc: 3\n';
    const chunks = splitYamlDocuments(text);
    expect(chunks.map((c) => [c.text, c.line])).toEqual([
      ['# header\na: 1\n', 0],
      ['---\nb: 2\n...\n', 2],
      ['--- # third\nc: 3\n', 5],
    ]);
  });

  it('does not cut at --- that is indented or followed by other characters', () => {
    const text = 'a: |\n  ---\n  text\nb: ---x\n----\n';
    expect(splitYamlDocuments(text)).toHaveLength(1);
  });

  it('keeps directives with the document they introduce', () => {
    const text = 'a: 1\n...\n%YAML 1.2\n# comment\n---\nb: 2\n';
    const chunks = splitYamlDocuments(text);
    expect(chunks.map((c) => c.text)).toEqual(['a: 1\n...\n', '%YAML 1.2\n# comment\n---\nb: 2\n']);
    expect(chunks.flatMap((c) => loadAll(c.text))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('handles CRLF line ends and a marker on the last line', () => {
    const chunks = splitYamlDocuments('a: 1\r\n---\r\nb: 2\r\n---');
    expect(chunks.map((c) => c.line)).toEqual([0, 1, 3]);
  });

  it('handles comments before the first marker and text without any', () => {
    expect(splitYamlDocuments('\n# only a comment\n---\n').map((c) => c.line)).toEqual([0, 2]);
    expect(splitYamlDocuments('')).toEqual([]);
    expect(splitYamlDocuments('---')).toEqual([{ text: '---', offset: 0, line: 0 }]);
  });

  // Any text, with plenty of markers, directives and comments: chunks tile the text exactly.
  const piece = fc.constantFrom('---', '...', '--- x', '%YAML 1.2', '# c', '', ' ---', 'a: 1', '-', '.', '\r');
  test.prop([fc.array(fc.oneof(piece, fc.string({ maxLength: 8 })), { maxLength: 30 })])('tiles any text with correct lines', (parts) => {
    const text = parts.join('\n');
    const chunks = splitYamlDocuments(text);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    for (const chunk of chunks) {
      expect(text.slice(chunk.offset, chunk.offset + chunk.text.length)).toBe(chunk.text);
      expect(chunk.line).toBe(lineCount(text, chunk.offset));
    }
  });

  const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null));
  const object = fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), scalar, { maxKeys: 3 })), { minKeys: 1, maxKeys: 5 });
  const separator = fc.constantFrom('---\n', '--- # next\n', '...\n---\n', '\n---\n\n# between\n', '---\r\n');
  test.prop([fc.array(object, { minLength: 1, maxLength: 5 }), separator])('gives the documents loadAll gives for the whole stream', (objects, sep) => {
    const text = objects.map((o) => dump(o)).join(sep);
    expect(splitYamlDocuments(text).flatMap((c) => loadAll(c.text))).toEqual(loadAll(text));
  });
});
