import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describeYamlReason, loadText } from './load.js';

const sa = (name: string): string => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: ${name}\n`;

describe('loadText', () => {
  it('reads every document of a YAML stream with its first line', () => {
    const result = loadText(`# header\n${sa('a')}---\n\n# about b\n${sa('b')}...\n`, 'f.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents.map((d) => [(d.value as { metadata: { name: string } }).metadata.name, d.line, d.index])).toEqual([
      ['a', 2, 0],
      ['b', 9, 1],
    ]);
  });

  it('reports a syntax error with its line in the file and keeps the rest', () => {
    const text = `${sa('a')}---\nkind: [unclosed\n---\n${sa('c')}`;
    const result = loadText(text, 'f.yaml');
    expect(result.documents).toHaveLength(2);
    expect(result.diagnostics).toEqual([{ severity: 'error', source: { file: 'f.yaml', line: 7 }, message: expect.stringMatching(/^YAML syntax error in document 2: /) }]);
    expect(result.documentCount).toBe(3);
  });

  it('skips empty documents silently', () => {
    const result = loadText(`---\n---\n# nothing\n---\n${sa('a')}`, 'f.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.documents).toHaveLength(1);
  });

  it('reads timestamps as strings and merge keys as Kubernetes does', () => {
    const result = loadText('a: 2024-01-01T00:00:00Z\nbase: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n', 'f.yaml');
    expect(result.documents[0]?.value).toEqual({ a: '2024-01-01T00:00:00Z', base: { x: 1 }, m: { x: 1, y: 2 } });
  });

  it('reads JSON, and falls back to YAML for JSON that JSON.parse refuses', () => {
    expect(loadText('\n\n{"a": 1}', 'f.json')).toMatchObject({ documents: [{ value: { a: 1 }, line: 3 }], diagnostics: [] });
    const lenient = loadText('{"a": 1,}', 'f.json');
    expect(lenient.documents.map((d) => d.value)).toEqual([{ a: 1 }]);
    expect(lenient.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', message: 'The input is not valid JSON; it was read as YAML instead' })]);
    const broken = loadText('{\n"a": 1\n"b": 2}', 'f.json');
    expect(broken.documents).toEqual([]);
    expect(broken.diagnostics.map((d) => [d.severity, d.source?.line])).toEqual([
      ['warning', 3],
      ['error', 3],
    ]);
  });

  it('strips a byte order mark', () => {
    expect(loadText(`\uFEFF${sa('a')}`, 'f.yaml').documents).toHaveLength(1);
  });

  it('never quotes the input in a diagnostic', () => {
    const secret = 'S3CR3T-VALUE';
    const inputs = [
      `a: "${secret}\n---\nb: 1`,
      `a: *${secret}\n`,
      `a: !<${secret}> 1\n`,
      `a: !${secret} 1\n`,
      `%TAG !${secret}! tag:x\n--- a`,
      `{"a": "${secret}" x}`,
      `a:\n\t${secret}: 1\n`,
      `${secret}\n`,
      `- ${secret}\n`,
      `"${secret}": [${'['.repeat(300)}`,
    ];
    for (const input of inputs) {
      for (const d of loadText(input, 'f.yaml').diagnostics) expect(d.message).not.toContain(secret);
    }
  });

  it('reduces js-yaml reasons to the kind of problem', () => {
    expect(describeYamlReason('unidentified alias "password123"')).toBe('unidentified alias "…"');
    expect(describeYamlReason('unknown tag !<tag:secret>')).toBe('unknown tag !<…>');
    expect(describeYamlReason('tag name is malformed: !secret')).toBe('tag name is malformed');
    expect(describeYamlReason(undefined)).toBe('unreadable YAML');
  });

  test.prop([fc.string({ maxLength: 200 }), fc.constantFrom('f.yaml', 'f.json')])('never throws, on any text', (text, file) => {
    const result = loadText(text, file);
    for (const d of result.diagnostics) expect(d.source?.line).toBeGreaterThanOrEqual(1);
  });

  test.prop([fc.array(fc.constantFrom(sa('x'), 'a: [', 'b: "', '- 1', 'just text', '---', '...', '%YAML 1.2', '# c', '  x: y', '\t', '&a b', '*a', '{', '}'), { maxLength: 20 })])(
    'never throws on manifest fragments, and finds each valid document',
    (parts) => {
      const result = loadText(parts.join('\n'), 'f.yaml');
      expect(result.documents.length).toBeLessThanOrEqual(result.documentCount);
    },
  );
});
